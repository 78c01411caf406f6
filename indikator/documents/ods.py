"""Read the first sheet of an OpenDocument spreadsheet (``.ods``) as ``;``-separated text.

LibreOffice Calc saves ``.ods``: a zip archive whose ``content.xml`` holds the sheets.  The
cells are taken as they are displayed (their ``text:p`` paragraphs, e.g. ``61,00``), like a
CSV export, so the table reader then reads them exactly as it reads a CSV file.  Repeated rows
and columns (``number-rows-repeated``, ``number-columns-repeated``) are expanded, except the
trailing empty ones LibreOffice writes to the end of the sheet; at most :data:`MAX_ROWS` rows
and :data:`MAX_COLUMNS` columns are kept.  Callers guard the archive's unpacked size first
(:func:`indikator.documents.uploads.check_archive`).  This module reads bytes only; it writes
nothing and computes nothing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Final
from xml.etree import ElementTree

from indikator.core.errors import InputFileError

MAX_ROWS: Final = 1_000_000
MAX_COLUMNS: Final = 1_000
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ROW, _CELL = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell"
_COVERED = f"{{{_TABLE}}}covered-table-cell"
_SHEET = f"{{{_TABLE}}}table"


def _text(cell: ElementTree.Element) -> str:
    lines = []
    for paragraph in cell.iter(f"{{{_TEXT}}}p"):
        lines.append("".join(paragraph.itertext()))
    return "\n".join(lines)


def _repeat(element: ElementTree.Element, name: str) -> int:
    try:
        return max(1, int(element.get(f"{{{_TABLE}}}{name}", "1")))
    except ValueError:
        return 1


def _row(element: ElementTree.Element) -> list[str]:
    cells: list[str] = []
    for cell in element:
        if cell.tag not in (_CELL, _COVERED):
            continue
        text = _text(cell)
        count = _repeat(cell, "number-columns-repeated")
        if not text:  # trailing empty cells are not kept, inner ones are
            count = min(count, MAX_COLUMNS)
        cells.extend([text] * count)
        if len(cells) >= MAX_COLUMNS:
            break
    while cells and not cells[-1]:
        cells.pop()
    return cells[:MAX_COLUMNS]


def _content(data: bytes, name: str) -> ElementTree.Element:
    """The parsed ``content.xml`` of the ``.ods`` file *data*; a located refusal when the
    archive or its XML cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
        return ElementTree.fromstring(content)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError) as exc:
        raise InputFileError("serve.bad_archive", name=name, detail=str(exc)) from exc


def ods_rows(data: bytes, name: str) -> list[list[str]]:
    """The rows of the first sheet of the ``.ods`` file *data* (named *name* in messages)."""
    root = _content(data, name)
    sheet = next(root.iter(_SHEET), None)
    if sheet is None:
        return []
    return _sheet_rows(sheet)


def ods_sheets(data: bytes, name: str) -> list[tuple[str, list[list[str]]]]:
    """Every sheet of the ``.ods`` file *data*: its name and rows (as :func:`ods_rows`)."""
    root = _content(data, name)
    return [(str(sheet.get(f"{{{_TABLE}}}name") or f"{number}"), _sheet_rows(sheet))
            for number, sheet in enumerate(root.iter(_SHEET), start=1)]


def _sheet_rows(sheet: ElementTree.Element) -> list[list[str]]:
    rows: list[list[str]] = []
    pending_empty = 0
    for element in sheet.iter(_ROW):
        cells = _row(element)
        count = _repeat(element, "number-rows-repeated")
        if not cells:
            pending_empty += count  # kept only if a filled row follows
            continue
        rows.extend([[]] * min(pending_empty, MAX_ROWS))
        pending_empty = 0
        rows.extend([cells] * min(count, MAX_ROWS))
        if len(rows) >= MAX_ROWS:
            break
    return rows[:MAX_ROWS]


def ods_to_csv(data: bytes, name: str) -> str:
    """The first sheet as ``;``-separated text (cells quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for row in ods_rows(data, name):
        writer.writerow(row)
    return out.getvalue()
