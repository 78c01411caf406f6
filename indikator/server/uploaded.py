"""Uploads read by the library's file readers (workbooks with their sheets, PDF, DOCX).

Some readers need a file: :func:`indikator.documents.realisation_file.read_table` (every sheet,
the period's columns), :func:`indikator.documents.sources.document_text` (PDF page geometry,
Word tables and equations).  :func:`private_copy` writes the uploaded bytes into a fresh
:func:`tempfile.TemporaryDirectory` under a fixed name (``upload`` plus one of the known
extensions: never a name or folder from the request) and removes it afterwards;
:func:`read_uploaded_table` and :func:`read_uploaded_document` read through it, with messages
naming the file by its declared name.  Archives are checked against decompression bombs
first.  It does not limit sizes or rows beyond that (the endpoints do).
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from indikator.core.errors import IndikatorError, InputFileError, TableError
from indikator.documents.uploads import check_archive, display_name, renamed, suffix_of

TABLE_FILES: Final = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
"""Extensions a realisation table is read from (the CLI's ``compute``/``report``)."""
DOCUMENT_FILES: Final = (".pdf", ".docx")
"""Extensions a planning document is read from besides text."""
_ARCHIVES: Final = (".xlsx", ".xlsm", ".ods", ".docx")


@contextlib.contextmanager
def private_copy(data: bytes, suffix: str) -> Iterator[Path]:
    """*data* as ``upload<suffix>`` in a private temporary folder (*suffix* must be one of
    :data:`TABLE_FILES` or :data:`DOCUMENT_FILES`), removed when the block ends."""
    known = [s for s in (*TABLE_FILES, *DOCUMENT_FILES) if s == suffix]
    if not known:
        raise TableError("serve.unsupported_upload", name=suffix,
                         allowed=", ".join((*TABLE_FILES, *DOCUMENT_FILES)))
    with tempfile.TemporaryDirectory(prefix="indikator-") as folder:
        path = Path(folder) / f"upload{known[0]}"
        path.write_bytes(data)
        yield path


def _checked(data: bytes, name: str | None, allowed: tuple[str, ...],
             unpacked_limit: int) -> tuple[str, str]:
    shown = display_name(name)
    suffix = suffix_of(shown, data)
    if suffix not in allowed:
        raise TableError("serve.unsupported_upload", name=shown, allowed=", ".join(allowed))
    if not data.strip():
        raise InputFileError("cli.empty_file", path=shown)
    if suffix in _ARCHIVES:
        check_archive(data, shown, unpacked_limit)
    return shown, suffix


def read_uploaded_table(data: bytes, name: str | None, unpacked_limit: int, *,
                        sheet: str | None = None, periode: str | None = None,
                        lang: str = "id") -> Any:
    """:func:`indikator.compute.fromfile.read_and_compute` of the uploaded table (sheet and
    period as the CLI's ``--sheet``/``--periode``); the result's table is named *name*."""
    from indikator.compute.fromfile import read_and_compute

    shown, suffix = _checked(data, name, TABLE_FILES, unpacked_limit)
    with private_copy(data, suffix) as path:
        try:
            made = read_and_compute(path, sheet=sheet, periode=periode, lang=lang)
        except IndikatorError as error:
            raise renamed(error, path, shown) from error.__cause__
    made.table.path = shown
    return made


def read_uploaded_document(data: bytes, name: str | None, unpacked_limit: int) -> Any:
    """:func:`indikator.documents.sources.document_text` of an uploaded PDF or DOCX."""
    from indikator.documents.sources import document_text

    shown, suffix = _checked(data, name, DOCUMENT_FILES, unpacked_limit)
    with private_copy(data, suffix) as path:
        try:
            document = document_text(path)
        except IndikatorError as error:
            raise renamed(error, path, shown) from error.__cause__
    document.source = shown
    return document
