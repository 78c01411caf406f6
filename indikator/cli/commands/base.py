"""What every subcommand shares: the output context, the JSON envelope, reading inputs.

:class:`Context` carries the language, the ``--json`` choice and the command's name, and writes
results and errors as the envelope of the JSON contract (:mod:`indikator.contract.envelope`,
``docs/contract.md``).  Exit statuses: 0 success, 1 input rejected, 2 usage error, 3 findings
of severity error.  This module does no domain work.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from indikator.contract.envelope import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    dumps,
    exit_code,
    jsonable,
    rejected,
    success,
)
from indikator.core.errors import IndikatorError, InputFileError
from indikator.core.i18n import Lang, t
from indikator.documents.files import read_text_file

__all__ = [
    "EXIT_FINDINGS", "EXIT_OK", "EXIT_REJECTED", "EXIT_USAGE", "Context", "jsonable",
    "read_text_argument", "read_text_file", "writing",
]  # fmt: skip


@dataclass
class Context:
    """Output settings of one CLI run."""

    lang: Lang = "id"
    json: bool = False
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    command: str = "indikator"

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def emit(self, payload: Any) -> None:
        """Write *payload* (an envelope) as one JSON document on standard output."""
        self.stdout.write(dumps(payload) + "\n")

    def respond(
        self, result: Mapping[str, Any], findings: Iterable[Mapping[str, Any]] = ()
    ) -> int:
        """The exit status of an accepted input (0, or 3 with findings of severity error);
        with ``--json`` the envelope is written too (text output is the caller's)."""
        envelope = success(self.command, result, self.lang, findings)
        if self.json:
            self.emit(envelope)
        return exit_code(envelope)

    def echo(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def warn(self, text: str) -> None:
        self.stderr.write(text + "\n")

    def fail(self, error: IndikatorError) -> int:
        """Report *error* (the envelope on stdout with ``--json``, text on stderr); return 1."""
        if self.json:
            self.emit(rejected(self.command, error, self.lang))
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
