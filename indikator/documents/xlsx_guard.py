"""Look at an XLSX before it is read: its real size, its real extent, its formula cells.

An XLSX is a zip archive of XML.  Two small files can take the reader down: a 1.5 KB file with
one cell at ``XFD1048576`` (the reader fills every empty cell up to it: 16,384 × 1,048,576
cells, gigabytes of memory) and a zip bomb (1 MB that inflates to gigabytes).  :func:`scan_xlsx`
therefore checks, before any cell is read:

* the uncompressed size the archive declares for all its members (the zip reader never inflates
  more than a member declares), at most :data:`MAX_UNCOMPRESSED` bytes;
* the first sheet's extent (the last row and column that hold a cell, found by streaming its
  XML, not trusted from the ``<dimension>`` element), at most :data:`MAX_CELLS` cells in the
  rectangle the table reader builds;

and raises :class:`~indikator.core.errors.TableError` with both numbers otherwise.  It also
lists the formula cells saved without a value (``<f>`` and no ``<v>``: a file written by a
program that does not compute formulas, never opened in Excel), which a reader would otherwise
take for empty cells.

It does not read values, styles or other sheets, and does not repair files.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final
from xml.etree.ElementTree import iterparse

from indikator.core.errors import TableError

__all__ = [
    "MAX_CELLS", "MAX_UNCOMPRESSED", "XlsxScan", "column_number", "scan_xlsx", "scan_xlsx_sheets",
]

#: Largest total uncompressed size of the archive's members (bytes).
MAX_UNCOMPRESSED: Final = 200 * 1024 * 1024
#: Largest rectangle of cells (rows × columns of the first sheet) read.
MAX_CELLS: Final = 5_000_000

_NS_MAIN: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF: Final = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_SMALL_PART: Final = 10 * 1024 * 1024


@dataclass
class XlsxScan:
    """The first sheet's extent (1-based last row and column holding a cell) and its formula
    cells without a saved value, as (row, column) → formula text (both 1-based)."""

    rows: int = 0
    columns: int = 0
    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)


def column_number(letters: str) -> int:
    """``A`` → 1, ``Z`` → 26, ``AA`` → 27, ``XFD`` → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def _sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The member names of the workbook's sheets in the workbook's order (workbook.xml and its
    relations, the order openpyxl gives), else the ``xl/worksheets/*.xml`` files by name."""
    names = set(archive.namelist())
    try:
        if {"xl/workbook.xml", "xl/_rels/workbook.xml.rels"} <= names and all(
            archive.getinfo(n).file_size < _SMALL_PART
            for n in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
        ):
            from xml.etree.ElementTree import fromstring

            book = fromstring(archive.read("xl/workbook.xml"))
            rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "")
                       for rel in rels.iter(f"{_NS_PKG}Relationship")}
            parts: list[str] = []
            for sheet in book.iter(f"{_NS_MAIN}sheet"):
                target = targets.get(sheet.get(f"{_NS_REL}id"), "")
                full = (target.lstrip("/") if target.startswith("/")
                        else posixpath.normpath(posixpath.join("xl", target)))
                if full in names:
                    parts.append(full)
            if parts:
                return parts
    except Exception:  # a damaged workbook.xml: fall back to the sheet files
        pass
    return sorted(n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n))


def scan_xlsx(path: str | Path) -> XlsxScan:
    """Check *path* against the limits (module docstring) and list its first sheet's formula
    cells without a value.  Raises :class:`TableError` (``tables.xlsx_too_big``,
    ``tables.xlsx_too_wide``) or :class:`zipfile.BadZipFile` for a file that is not a zip."""
    scans = scan_xlsx_sheets(path, first_only=True)
    return scans[0] if scans else XlsxScan()


def scan_xlsx_sheets(path: str | Path, *, first_only: bool = False) -> list[XlsxScan]:
    """:func:`scan_xlsx` for every sheet, in the workbook's order (the order openpyxl reads
    them); each sheet is held to :data:`MAX_CELLS`."""
    file = Path(path)
    scans: list[XlsxScan] = []
    with zipfile.ZipFile(file) as archive:
        declared = sum(info.file_size for info in archive.infolist())
        if declared > MAX_UNCOMPRESSED:
            raise TableError("tables.xlsx_too_big", path=str(file), size=declared,
                             limit=MAX_UNCOMPRESSED, packed=file.stat().st_size)
        parts = _sheet_parts(archive)
        for part in parts[:1] if first_only else parts:
            with archive.open(part) as stream:
                scan = _scan_sheet(stream)
            if scan.rows * scan.columns > MAX_CELLS:
                raise TableError("tables.xlsx_too_wide", path=str(file), rows=scan.rows,
                                 columns=scan.columns, cells=scan.rows * scan.columns,
                                 limit=MAX_CELLS)
            scans.append(scan)
    return scans


def _scan_sheet(stream: IO[bytes]) -> XlsxScan:
    """Stream the sheet XML: the last row and column holding a cell, and formulas without a
    value (rows and cells without an ``r`` attribute follow the previous one)."""
    scan = XlsxScan()
    row = 0
    column = 0
    for event, element in iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_NS_MAIN}row":
                number = element.get("r") or ""
                row = int(number) if number.isdigit() else row + 1
                column = 0
            continue
        if tag == f"{_NS_MAIN}c":
            ref = element.get("r")
            match = _REF.fullmatch(ref) if ref else None
            if match:
                column = column_number(match.group(1))
                row = int(match.group(2))
            else:
                column += 1
            scan.rows = max(scan.rows, row)
            scan.columns = max(scan.columns, column)
            formula = element.find(f"{_NS_MAIN}f")
            if formula is not None:
                value = element.find(f"{_NS_MAIN}v")
                if value is None or not (value.text or "").strip():
                    scan.formulas_without_value[(row, column)] = formula.text or ""
            element.clear()
        elif tag == f"{_NS_MAIN}row":
            element.clear()
        elif tag == f"{_NS_MAIN}sheetData":
            break
    return scan
