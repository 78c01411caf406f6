"""What every subcommand shares: the output context, JSON encoding, reading inputs.

:class:`Context` carries the language and ``--json`` choice and writes results and errors in
the CLI contract's shapes (``shared/DESIGN.md``).  This module does no domain work.
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from indikator.core.errors import IndikatorError, InputFileError
from indikator.core.i18n import Lang, t
from indikator.documents.files import read_text_file

__all__ = [
    "EXIT_OK", "EXIT_REJECTED", "EXIT_USAGE", "Context", "jsonable", "read_text_argument",
    "read_text_file", "writing",
]

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


def jsonable(value: Any) -> Any:
    """*value* with NaN/inf as ``None``, numpy scalars as Python numbers, tuples as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, str | int | bool) or value is None:
        return value
    item = getattr(value, "item", None)  # numpy scalar
    if callable(item):
        return jsonable(item())
    return str(value)


@dataclass
class Context:
    """Output settings of one CLI run."""

    lang: Lang = "id"
    json: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def emit(self, payload: Any) -> None:
        """Write *payload* as one JSON document on standard output."""
        json.dump(jsonable(payload), self.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        self.stdout.write("\n")

    def echo(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def warn(self, text: str) -> None:
        self.stderr.write(text + "\n")

    def fail(self, error: IndikatorError) -> int:
        """Report *error* (JSON on stdout with ``--json``, text on stderr) and return 1."""
        if self.json:
            self.emit({"ok": False, "error": error.to_json(self.lang)})
        else:
            self.stderr.write(f"{self.t('common.error_prefix')}: {error.message(self.lang)}\n")
        return EXIT_REJECTED


def read_text_argument(value: str) -> str:
    """A TEXT argument: ``-`` means standard input (for multi-line formulas)."""
    if value == "-":
        return sys.stdin.read()
    return value


@contextlib.contextmanager
def writing(path: str | Path) -> Iterator[None]:
    """Turn an operating-system error while writing output to *path* into a clear message.

    A folder that is a file, a missing permission or a full disk becomes
    :class:`~indikator.core.errors.InputFileError` (``cli.cannot_write``) instead of a traceback;
    errors that are already :class:`~indikator.core.errors.IndikatorError` pass unchanged.
    """
    try:
        yield
    except IndikatorError:
        raise
    except OSError as exc:
        where = exc.filename if exc.filename is not None else path
        raise InputFileError(
            "cli.cannot_write", path=str(where), detail=exc.strerror or str(exc)
        ) from exc
