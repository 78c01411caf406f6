"""Uploads read by the library's file readers (workbooks with their sheets, PDF, DOCX).

Some readers need a file: :func:`indikator.documents.realisation_file.read_table` (every sheet,
the period's columns), :func:`indikator.documents.sources.document_text` (PDF page geometry,
Word tables and equations).  :func:`read_uploaded_table` and :func:`read_uploaded_document`
check the upload and read it through :func:`indikator.documents.uploads.private_copy` (a fresh
temporary folder, a fixed file name: never a name or folder from the request), with messages
naming the file by its declared name.  It does not limit sizes or rows beyond the archive
check (the endpoints do).
"""

from __future__ import annotations

from typing import Any

from indikator.core.errors import IndikatorError
from indikator.documents.uploads import (
    DOCUMENT_FILES,
    TABLE_FILES,
    checked_upload,
    private_copy,
    renamed,
)


def read_uploaded_table(data: bytes, name: str | None, unpacked_limit: int, *,
                        sheet: str | None = None, periode: str | None = None,
                        lang: str = "id") -> Any:
    """:func:`indikator.compute.fromfile.read_and_compute` of the uploaded table (sheet and
    period as the CLI's ``--sheet``/``--periode``); the result's table is named *name*."""
    from indikator.compute.fromfile import read_and_compute

    shown, suffix = checked_upload(data, name, TABLE_FILES, unpacked_limit)
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

    shown, suffix = checked_upload(data, name, DOCUMENT_FILES, unpacked_limit)
    with private_copy(data, suffix) as path:
        try:
            document = document_text(path)
        except IndikatorError as error:
            raise renamed(error, path, shown) from error.__cause__
    document.source = shown
    return document
