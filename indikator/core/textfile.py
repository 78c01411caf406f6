"""Reading text files: UTF-8 (with or without BOM), and Windows-1252 where a table allows it.

:func:`read_text_file` returns a file's text or raises a clear
:class:`~indikator.core.errors.InputFileError` (missing, a folder, unreadable, not UTF-8).
:func:`read_table_text` also accepts a CSV saved by Excel on Windows: a file that is not UTF-8
is decoded as Windows-1252 (cp1252, which Excel uses for "CSV (Comma delimited)" on Indonesian
and English Windows), and the encoding used is returned so the caller can say so.  Bytes that
cp1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) still make the file refused.  This module
does not guess other encodings.
"""

from __future__ import annotations

import sys
from pathlib import Path

from indikator.core.errors import InputFileError

__all__ = ["read_table_text", "read_text_file"]


def _bytes(path: str | Path) -> bytes:
    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    if file.is_dir():
        raise InputFileError("cli.is_directory", path=str(file))
    try:
        return file.read_bytes()
    except OSError as exc:
        raise InputFileError(
            "common.file_unreadable", path=str(file), detail=exc.strerror or str(exc)
        ) from exc


def read_text_file(path: str | Path) -> str:
    """A UTF-8 text file's content (``-`` is standard input)."""
    if str(path) == "-":
        return sys.stdin.read()
    raw = _bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError("common.not_utf8", path=str(path), position=exc.start) from exc


def read_table_text(path: str | Path) -> tuple[str, str]:
    """A delimited table's text and its encoding (``utf-8`` or ``cp1252``)."""
    raw = _bytes(path)
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as first:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise InputFileError("common.not_utf8", path=str(path),
                                 position=first.start) from first
