"""The envelope every JSON answer has, its exit codes and HTTP statuses.

Every ``--json`` output of the CLI and every JSON answer of ``indikator serve`` is one object::

    {"version": "1.0", "command": "lint", "lang": "id", "ok": true, "status": "findings",
     "result": {...} | null, "findings": [...], "error": {...} | null}

``ok`` is false exactly when the input was rejected (``error`` says why, ``result`` is null).
``status`` is ``success`` (exit 0), ``findings`` (at least one finding of severity error, exit
3) or ``rejected`` (exit 1); usage errors of the CLI exit 2 and print no envelope.  The field
types are in ``docs/schemas/envelope.schema.json``; ``docs/contract.md`` explains them.

This module only shapes and maps; it does not know what any command computes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

from indikator.core.errors import IndikatorError

VERSION: Final = "1.0"
"""The contract's version: the major number changes when a field changes meaning or goes."""

EXIT_OK: Final = 0
EXIT_REJECTED: Final = 1
EXIT_USAGE: Final = 2
EXIT_FINDINGS: Final = 3

Status = Literal["success", "findings", "rejected"]

COMMANDS: Final = (
    "parse", "eval", "lint", "scale.list", "scale.show", "scale.rate", "scale.parse",
    "compute", "import", "verify", "demo", "report", "sql", "serve",
)  # fmt: skip
"""The values of ``command``: CLI subcommands (``scale rate`` → ``scale.rate``) and the
HTTP endpoints' names."""


def jsonable(value: Any) -> Any:
    """*value* with NaN/inf as ``None``, numpy scalars as Python numbers, tuples as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict | Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, str | int | bool) or value is None:
        return value
    item = getattr(value, "item", None)  # numpy scalar
    if callable(item):
        return jsonable(item())
    return str(value)


def error_json(error: IndikatorError, lang: str) -> dict[str, Any]:
    """The ``error`` object: ``code`` (message key), ``message`` and the place, where known."""
    data = error.to_json(lang)
    out: dict[str, Any] = {"code": str(data["code"]), "message": str(data["message"])}
    for name in ("line", "column"):
        value = data.get(name)
        out[name] = int(value) if isinstance(value, int) and not isinstance(value, bool) else None
    out["path"] = None if data.get("path") is None else str(data["path"])
    out["cell"] = None if data.get("cell") is None else str(data["cell"])
    return out


def status_of(findings: Iterable[Mapping[str, Any]]) -> Status:
    """``findings`` when any finding has severity error, else ``success``."""
    return "findings" if any(f.get("severity") == "error" for f in findings) else "success"


def success(
    command: str, result: Mapping[str, Any], lang: str,
    findings: Iterable[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The envelope of an accepted input."""
    listed = [dict(f) for f in findings]
    return {
        "version": VERSION, "command": command, "lang": lang, "ok": True,
        "status": status_of(listed), "result": jsonable(dict(result)),
        "findings": jsonable(listed), "error": None,
    }


def rejected(command: str, error: IndikatorError, lang: str) -> dict[str, Any]:
    """The envelope of a rejected input (``ok`` false, ``error`` set)."""
    return {
        "version": VERSION, "command": command, "lang": lang, "ok": False,
        "status": "rejected", "result": None, "findings": [], "error": error_json(error, lang),
    }


def exit_code(envelope: Mapping[str, Any]) -> int:
    """The CLI exit status of *envelope*: 0 success, 3 findings, 1 rejected."""
    return {"success": EXIT_OK, "findings": EXIT_FINDINGS}.get(
        str(envelope.get("status")), EXIT_REJECTED
    )


def dumps(envelope: Mapping[str, Any], indent: int | None = 2) -> str:
    """*envelope* (made by :func:`success` or :func:`rejected`, so already plain JSON values)
    as JSON text (UTF-8 characters kept, no NaN)."""
    return json.dumps(envelope, ensure_ascii=False, indent=indent, allow_nan=False)
