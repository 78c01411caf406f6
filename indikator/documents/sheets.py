"""The cells of spreadsheet files, every sheet, and the sheet that holds the table.

:func:`load_sheets` reads a workbook into a list of :class:`Sheet` (name and a frame of cell
texts): ``.xlsx``/``.xlsm`` with openpyxl (a number with a percent format is the percentage
Excel displays: ``1.0534`` with ``0.00%`` → ``"105.34%"``), ``.xls`` with xlrd, ``.ods``
cells as displayed (:mod:`indikator.documents.ods`), and delimited text (``.csv``/``.tsv``/
``.txt``) as one sheet — UTF-8, or Windows-1252 for a CSV saved by Excel on Windows (said in
:attr:`Sheets.notes`).

:func:`pick_sheet` chooses the sheet: the one named or numbered (1-based) by ``--sheet``, else
the first whose first rows hold a header naming an indicator column, a target column and a
realisation column (any period: ``Target Tahunan 2024``, ``Realisasi s.d. TW IV`` count).  The
other sheets are listed as skipped, each with its reason (empty, no table header, or a table
too but after the chosen one).  No sheet with a table → ``documents.no_table_sheet`` listing the
sheets.  This module does not interpret the table (``tables`` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.errors import IndikatorError, InputFileError, TableError
from indikator.core.i18n import Message
from indikator.documents.files import cell_text, xlsx_cell_text

__all__ = ["SPREADSHEET_SUFFIXES", "Sheet", "Sheets", "load_sheets", "pick_sheet"]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
_HEADER_ROWS = 20
_INDICATOR = re.compile(r"\bindikator\b|\biku\b|\buraian\b", re.IGNORECASE)


@dataclass
class Sheet:
    """One sheet: its name, 1-based number and its cells as a frame of strings."""

    name: str
    number: int
    frame: Any  # pandas.DataFrame of str


@dataclass
class Sheets:
    """The sheets of one file, and notes about how it was read (encoding)."""

    path: str
    sheets: list[Sheet]
    notes: list[Message] = field(default_factory=list)


def _frame(records: list[list[str]]) -> Any:
    """The records as a frame of object columns 0…width−1, short records padded with ""."""
    import numpy as np
    import pandas as pd

    width = max(map(len, records), default=0)
    if width == 0:
        return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)
    if min(map(len, records)) < width:
        records = [r if len(r) == width else r + [""] * (width - len(r)) for r in records]
    columns = {}
    for number, cells in enumerate(zip(*records, strict=True)):
        column = np.empty(len(cells), dtype=object)
        column[:] = cells
        columns[number] = column
    return pd.DataFrame(columns, copy=False)


def _simple_frame(text: str, delimiter: str) -> Any:
    """The frame :func:`_text` would build, read by pandas' C reader, when the text is plain:
    no quote, no carriage return, no NUL, at least two columns and the same number of
    separators on every line (then splitting is all the :mod:`csv` reader does).  None when
    the text is not that plain.  The C reader also shares one string object among equal
    cells, which keeps a million rows small."""
    import csv
    import io

    import pandas as pd

    if not text or '"' in text or "\r" in text or "\x00" in text:
        return None
    first = text.split("\n", 1)[0]
    width = first.count(delimiter) + 1
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if width < 2 or not first or text.count(delimiter) != lines * (width - 1):
        return None
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=object,
                            na_filter=False, keep_default_na=False, skip_blank_lines=False,
                            quoting=csv.QUOTE_NONE, engine="c")
    except (pd.errors.ParserError, ValueError):
        return None
    if frame.shape != (lines, width):  # a short line would need a long one, which raises
        return None
    frame.columns = pd.RangeIndex(width)
    return frame


def _xlsx(path: Path) -> list[Sheet]:
    """Every sheet, read only inside the extent the guard measured: a zip bomb or one cell at
    XFD1048576 is refused before openpyxl reads anything, and a formula without a saved value
    is shown as its formula (``=SUM(…)``) so the reader can name it."""
    from openpyxl import load_workbook

    from indikator.documents.xlsx_guard import scan_xlsx_sheets

    scans = scan_xlsx_sheets(path)
    workbook = load_workbook(path, read_only=True, data_only=True)
    sheets: list[Sheet] = []
    try:
        for number, (sheet, scan) in enumerate(zip(workbook.worksheets, scans, strict=False),
                                               start=1):
            sheet.reset_dimensions()  # the stored <dimension> may lie; the scan's extent is read
            rows = sheet.iter_rows(min_row=1, max_row=scan.rows, min_col=1,
                                   max_col=max(scan.columns, 1)) if scan.rows else iter(())
            records = [[xlsx_cell_text(cell, scan.formulas_without_value.get((r, c)))
                        for c, cell in enumerate(row, start=1)]
                       for r, row in enumerate(rows, start=1)]
            sheets.append(Sheet(str(sheet.title), number, _frame(records)))
    finally:
        workbook.close()
    return sheets


def _xls(path: Path) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=False)
    sheets: list[Sheet] = []
    for number in range(book.nsheets):
        sheet = book.sheet_by_index(number)
        records = [[cell_text(sheet.cell_value(r, c)) for c in range(sheet.ncols)]
                   for r in range(sheet.nrows)]
        sheets.append(Sheet(str(sheet.name), number + 1, _frame(records)))
    return sheets


def _ods(path: Path) -> list[Sheet]:
    """Every sheet of an OpenDocument spreadsheet, cells as displayed
    (:func:`indikator.documents.ods.ods_sheets`, the reader the server uses too)."""
    from indikator.documents.ods import ods_sheets

    return [Sheet(name, number, _frame(rows))
            for number, (name, rows) in enumerate(ods_sheets(path.read_bytes(), path.name),
                                                  start=1)]


def _text(path: Path) -> tuple[list[Sheet], list[Message]]:
    import csv
    import io

    from indikator.documents.files import read_table_text

    text, encoding = read_table_text(path)
    notes = [Message("documents.encoding_cp1252", {"path": path.name})] if encoding != "utf-8" \
        else []
    sample = text[:4096]
    if path.suffix.lower() == ".tsv" or "\t" in sample:
        delimiter = "\t"
    else:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    plain = _simple_frame(text, delimiter)
    if plain is not None:
        return [Sheet(path.name, 1, plain)], notes
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # one huge cell is still a cell
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    finally:
        csv.field_size_limit(limit)  # process-wide setting: leave it as it was
    del text
    return [Sheet(path.name, 1, _frame(records))], notes


def load_sheets(path: str | Path) -> Sheets:
    """Every sheet of the file at *path* (see the module docstring)."""
    import zipfile

    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    if file.is_dir():
        raise InputFileError("cli.is_directory", path=str(file))
    suffix = file.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        sheets, notes = _text(file)
        return Sheets(str(file), sheets, notes)
    readers = {".xlsx": _xlsx, ".xlsm": _xlsx, ".xls": _xls, ".ods": _ods}
    reader = readers.get(suffix)
    if reader is None:
        raise TableError("tables.unsupported_file", path=str(file))
    try:
        return Sheets(str(file), reader(file))
    except IndikatorError:  # the guard's located refusals (too big, too wide) stand as they are
        raise
    except zipfile.BadZipFile as exc:
        raise InputFileError("documents.not_spreadsheet", path=str(file), kind=suffix,
                             detail=str(exc)) from exc
    except Exception as exc:  # each reader raises its own types for damaged files
        raise InputFileError("documents.not_spreadsheet", path=str(file), kind=suffix,
                             detail=str(exc) or type(exc).__name__) from exc


def has_table_header(frame: Any) -> bool:
    """True when one of the first rows (alone or with the row below: a two-row header) names
    an indicator column, a target column and a realisation column."""
    from indikator.documents.periods import classify

    rows = [[str(v) for v in frame.iloc[i].tolist()] for i in range(min(len(frame),
                                                                          _HEADER_ROWS))]
    for index, row in enumerate(rows):
        below = rows[index + 1] if index + 1 < len(rows) else [""] * len(row)
        for cells in (row, [f"{a} {b}".strip() for a, b in zip(row, below, strict=False)]):
            fields = {c.field for h in cells if h and (c := classify(h)) is not None}
            if {"target", "realisasi"} <= fields and any(_INDICATOR.search(h) for h in cells):
                return True
    return False


def _names(sheets: Sheets) -> str:
    return ", ".join(f"{s.number}: «{s.name}»" for s in sheets.sheets) or "-"


def pick_sheet(sheets: Sheets, sheet: str | None = None) -> tuple[Sheet, list[Message]]:
    """The sheet to read and the notes saying which was read and which were skipped, why."""
    if sheet is not None:
        wanted = str(sheet).strip()
        found = next((s for s in sheets.sheets if s.name.casefold() == wanted.casefold()), None)
        if found is None and wanted.isdigit():
            found = next((s for s in sheets.sheets if s.number == int(wanted)), None)
        if found is None:
            raise TableError("documents.no_such_sheet", path=sheets.path, sheet=wanted,
                             sheets=_names(sheets))
        chosen = found
    else:
        holding = [s for s in sheets.sheets if not s.frame.empty and has_table_header(s.frame)]
        if not holding:
            if len(sheets.sheets) == 1:  # one sheet: let the table reader say what is missing
                return sheets.sheets[0], list(sheets.notes)
            raise TableError("documents.no_table_sheet", path=sheets.path,
                             sheets=_names(sheets))
        chosen = holding[0]
    notes = list(sheets.notes)
    if len(sheets.sheets) > 1:
        notes.append(Message("documents.sheet_chosen",
                             {"sheet": f"{chosen.number}: «{chosen.name}»"}))
    for other in sheets.sheets:
        if other is chosen:
            continue
        if other.frame.empty or not other.frame.astype(str).ne("").to_numpy().any():
            reason: Message = Message("documents.sheet_empty")
        elif has_table_header(other.frame):
            reason = Message("documents.sheet_later", {"chosen": chosen.name})
        else:
            reason = Message("documents.sheet_no_header")
        notes.append(Message("documents.sheet_skipped",
                             {"sheet": f"{other.number}: «{other.name}»", "reason": reason}))
    return chosen, notes
