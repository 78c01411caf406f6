"""Realisation tables (CSV, TSV or XLSX): the recognised columns read column by column.

Title lines, two-row headers, column-number rows, sub-header and total rows and merged cells
are handled; every cell is read or reported in ``unread``.  Column names are matched in
:mod:`indikator.documents.columns`; files are opened in :mod:`indikator.documents.files`.
Computes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.errors import InputFileError, TableError
from indikator.documents.cells import unread_number
from indikator.documents.columns import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    VALUE_COLUMNS,
    canonical_column,
    choose_columns,
    direction_word,
    header_fields,
    two_row_header,
)
from indikator.documents.files import load_frame
from indikator.documents.results import Unread

__all__ = ["RealisationTable", "read_realisation"]

@dataclass
class RealisationTable:
    """A realisation table read column by column (vectorised).

    ``frame`` holds the recognised columns as written (strings, ``""`` for empty cells), one
    row per data row of the file, in file order; ``rows`` the 1-based row numbers in the file
    (header = its own row).  ``readings`` maps each value column present (``target``,
    ``realisasi``, ``capaian``) to its :class:`indikator.documents.number_column.ColumnReading`.
    ``unread``
    lists every cell that was not read (row, column name, text, reason); ``ignored_columns``
    the columns of the file this reader does not use (kept out, and said so).
    """

    path: str
    columns: list[str]
    frame: Any  # pandas.DataFrame
    rows: Any  # numpy int array
    readings: dict[str, Any]
    unread: list[Unread] = field(default_factory=list)
    cells_read: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    headings: Any = None  # numpy bool array: title / sub-header / total rows
    heading_text: Any = None  # numpy object array: the text shown for each heading row
    filled: Any = None  # numpy bool array: indikator taken from the row above (merged cell)
    #: value columns whose ambiguous cells were read by their sibling columns' convention
    evidence: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frame)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "table": "realisasi",
            "kind": "realisation",
            "title": Path(self.path).name,
            "indicators": len(self),
            "cells_read": self.cells_read,
            "cells_unread": [u.to_json(lang) for u in self.unread],
            "ignored_columns": self.ignored_columns,
        }


def _strip_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _stripped_columns(raw: Any) -> tuple[list[Any], list[Any], list[tuple[Any, Any]]]:
    """Each column of *raw* as an object array of stripped strings, its mask of empty cells,
    and its (codes, stripped distinct values) for later work per distinct value.  Strips each
    distinct value once (``pd.factorize``), not each cell."""
    import numpy as np
    import pandas as pd

    texts: list[Any] = []
    empties: list[Any] = []
    distinct: list[tuple[Any, Any]] = []
    for position in range(raw.shape[1]):
        codes, uniques = pd.factorize(raw.iloc[:, position], use_na_sentinel=False)
        stripped = np.array([_strip_text(u) for u in uniques], dtype=object)
        texts.append(stripped[codes])
        empties.append((stripped == "")[codes])
        distinct.append((codes, stripped))
    return texts, empties, distinct


_HEADER_SEARCH = 15  # filled rows searched for the header
#: a column-number cell under a header: "1", "(2)", "(9)=(8)/(6)x100%"
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?\.?(?:\s*[=x×*/:%+-]\s*(?:\(?\d{1,3}\)?)?%?)*")
_YEAR_CELL = re.compile(r"(?:tahun\s+|th\.?\s*)?(?:19|20)\d\d", re.IGNORECASE)
_TOTAL_ROW = re.compile(
    r"(?:jumlah|total|rata[\s-]*rata|rerata|nilai rata[\s-]*rata)"
    r"(?:\s+(?:capaian|kinerja|iku|keseluruhan|akhir|sasaran|program|\(%\)|%))*\s*:?"
)


def _by_distinct(values: Any, function: Any) -> Any:
    """*function* of each distinct value of the object array *values*, spread over its rows."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    mapped = np.array([function(str(u)) for u in uniques], dtype=object)
    return mapped[codes] if len(uniques) else np.zeros(len(values), dtype=object)


def read_realisation(path: str | Path, *, frame: Any = None) -> RealisationTable:
    """Read a realisation table (CSV, TSV or XLSX; the first sheet) and every value cell in it.

    Column names are matched by :func:`header_field` (case, spacing and punctuation
    insensitive, with the synonyms published tables use: "Indikator Kinerja Utama",
    "Target 2023", "% Capaian", "Polaritas" …): ``indikator``, ``target``, ``realisasi``
    required; ``tahun``, ``satuan``, ``arah``, ``skala``, ``capaian``, ``kode`` optional.  The
    header is the first row (of the first filled ones) naming the required columns, alone or
    together with the row below it (a two-row header).  Raises :class:`TableError` naming
    every missing required column and the columns found.

    Rows, all kept in file order:

    * *heading rows* — title, sub-header ("Sasaran 1: …") and total ("Rata-rata") rows, i.e.
      rows whose target and realisasi cells are both empty — are marked in ``headings`` with
      their text in ``heading_text``; they are not data and their empty cells are not
      reported;
    * an empty ``indikator`` cell under a filled one (a cell merged over the rows of one
      indicator, e.g. one row per year) takes the name above it, and its empty ``satuan``
      and ``arah`` cells the ones above them; such rows are marked in ``filled``;
    * ``arah`` cells are read by :func:`direction_word` (naik / turun, positif / negatif,
      maximize / minimize, "semakin tinggi semakin baik" …) and stored as naik / turun.

    Value cells go through :func:`indikator.documents.number_column.read_column` (one decimal
    convention per column); unreadable or empty required cells, unknown ``arah`` values and cells
    outside any titled column are reported in ``unread``.  Cells above the header (a title line) are
    reported too.

    CSV files are read by pandas' C reader (the separator sniffed from the first lines); files
    whose records are wider further down than in the first lines fall back to the ``csv``
    module.  Cells are stripped once per distinct value.

    *frame* (cells as strings, one row per file row) replaces reading *path*: the sheet and the
    period chosen by :func:`indikator.documents.realisation_file.read_table` are handed over
    this way; *path* then only names the file in messages.
    """
    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    raw = load_frame(file) if frame is None else frame
    if raw.empty:
        raise TableError("tables.empty_table", path=str(file))
    sheet = _Sheet(file, *_stripped_columns(raw))
    sheet.formulas = set(raw.attrs.get("formulas_without_value", ()))
    if len(sheet.filled_rows) == 0:
        raise TableError("tables.empty_table", path=str(file))
    _find_header(sheet)
    _rows_under_header(sheet)
    body = _Body(sheet)
    _mark_headings(sheet, body)
    sheet.distinct = []  # codes of every column: not needed any more
    _fill_merged_cells(body)
    table = _new_table(sheet, body)
    _read_columns(table, body)
    table.unread.sort(key=lambda u: (u.line, str(u.column)))
    return table


class _Sheet:
    """The file's cells (stripped, column by column) and where its header is."""

    def __init__(self, file: Path, cells: list[Any], empties: list[Any],
                 distinct: list[tuple[Any, Any]]) -> None:
        import numpy as np

        self.file = file
        self.cells = cells
        self.empties = empties
        self.distinct = distinct  # per column: codes of the cells, stripped distinct values
        self.width = len(cells)
        self.body_mask = ~np.logical_and.reduce(empties)
        self.filled_rows = np.flatnonzero(self.body_mask)
        self.header_at = int(self.filled_rows[0]) if len(self.filled_rows) else 0
        self.header_rows = 1
        self.fields: list[tuple[str | None, int | None]] = []
        self.formulas: set[tuple[int, int]] = set()  # 0-based cells: formula, no saved value

    def row_texts(self, row: int) -> list[str]:
        return [str(column[row]) for column in self.cells]

    def has_required(self, fields: list[tuple[str | None, int | None]]) -> bool:
        return all(any(f == c for f, _ in fields) for c in REQUIRED_COLUMNS)


def _find_header(sheet: _Sheet) -> None:
    """The header: the first row (of the first filled ones) naming the required columns, alone
    or with the row below it, so that title lines above a table do not hide it.  Raises
    :class:`TableError` naming the missing columns and the ones found."""
    filled_rows = sheet.filled_rows
    sheet.fields = header_fields(sheet.row_texts(sheet.header_at))
    for index, candidate in enumerate(filled_rows[:_HEADER_SEARCH].tolist()):
        single = header_fields(sheet.row_texts(candidate))
        if sheet.has_required(single):
            sheet.header_at, sheet.header_rows, sheet.fields = candidate, 1, single
            return
        if index + 1 < len(filled_rows) and filled_rows[index + 1] == candidate + 1:
            double = header_fields(two_row_header(sheet.row_texts(candidate),
                                                  sheet.row_texts(candidate + 1)))
            if sheet.has_required(double):
                sheet.header_at, sheet.header_rows, sheet.fields = candidate, 2, double
                return
    header = [f or "" for f, _ in sheet.fields]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    found = [f or canonical_column(c) for (f, _), c in zip(sheet.fields,
                                                          sheet.row_texts(sheet.header_at),
                                                          strict=True)]
    raise TableError(
        "tables.missing_columns",
        path=str(sheet.file),
        missing=", ".join(missing),
        found=", ".join(h for h in found if h) or "-",
    )


def _rows_under_header(sheet: _Sheet) -> None:
    """Rows right under the header that belong to it: column numbers "(1) | (2) | …", or the
    years under a "Target | Realisasi" row ("2022 | 2023 | 2022 | 2023")."""
    for _ in range(2):
        below = sheet.header_at + sheet.header_rows
        if below >= len(sheet.body_mask) or not sheet.body_mask[below]:
            break
        texts_below = sheet.row_texts(below)
        filled_below = [c for c in texts_below if c]
        if filled_below and all(_COLUMN_NUMBER.fullmatch(c) for c in filled_below):
            sheet.header_rows += 1
            continue
        if sheet.header_rows == 1 and filled_below and all(_YEAR_CELL.fullmatch(c)
                                                           for c in filled_below):
            joined = header_fields(two_row_header(sheet.row_texts(sheet.header_at),
                                                  texts_below))
            if sheet.has_required(joined):
                sheet.header_rows, sheet.fields = 2, joined
                continue
        break


class _Body:
    """The data rows under the header: the chosen columns' cells and empty masks, the heading
    rows and the rows filled from a merged cell above."""

    def __init__(self, sheet: _Sheet) -> None:
        import numpy as np

        self.sheet = sheet
        self.positions, year_read = choose_columns(sheet.fields)
        self.wanted = [c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in self.positions]
        self.last_header = sheet.header_at + sheet.header_rows - 1
        titles = [sheet.row_texts(r) for r in range(sheet.header_at, self.last_header + 1)]
        self.header_names = [" ".join(t[i] for t in titles if t[i]).strip()
                             for i in range(sheet.width)]
        body_mask = sheet.body_mask.copy()
        body_mask[: self.last_header + 1] = False
        self.index = np.flatnonzero(body_mask)
        self.whole = len(self.index) == len(body_mask) - self.last_header - 1  # no blank rows
        self.rows = self.index + 1  # 1-based row numbers in the file
        self.n = n = len(self.index)
        self.columns = {name: self.of(sheet.cells[self.positions[name]])  # copied if changed
                        for name in self.wanted}
        self.empty = {name: self.of(sheet.empties[self.positions[name]]).copy()
                      for name in self.wanted}
        if "tahun" not in self.positions and year_read is not None:  # "Target 2023": 2023
            self.wanted.append("tahun")
            self.columns["tahun"] = np.full(n, str(year_read), dtype=object)
            self.empty["tahun"] = np.zeros(n, dtype=bool)
            self.positions["tahun"] = -1
        self.headings = np.zeros(n, dtype=bool)
        self.heading_text = np.full(n, "", dtype=object)
        self.filled = np.zeros(n, dtype=bool)

    def of(self, column: Any) -> Any:
        """The body rows of a whole-sheet *column*."""
        return column[self.last_header + 1:] if self.whole else column[self.index]


def _mark_headings(sheet: _Sheet, body: _Body) -> None:
    """Heading rows: neither a target nor a realisation (titles, sub-headers, totals), or a
    total row ("Jumlah", "Rata-rata Capaian") whatever it holds; with the text shown for it."""
    import numpy as np

    headings = body.empty["target"] & body.empty["realisasi"]
    for codes, distinct in sheet.distinct:  # one test per distinct cell of each column
        total = np.array([bool(_TOTAL_ROW.fullmatch(v.casefold())) for v in distinct.tolist()],
                         dtype=bool)
        if total.any():
            headings |= body.of(total[codes])
    heading_text = np.where(headings, body.columns["indikator"], "").astype(object)
    if headings.any():  # no name in the indikator column: the row's first text, column-wise
        for column in sheet.cells:
            need = headings & (heading_text == "")
            if not need.any():
                break
            here = body.of(column)
            numbering = _by_distinct(
                here, lambda v: bool(re.fullmatch(r"[\d.\s]*", v))).astype(bool)
            take = need & ~numbering
            heading_text[take] = here[take]
    body.headings, body.heading_text = headings, heading_text


def _fill_merged_cells(body: _Body) -> None:
    """An empty indikator under a filled one continues that indicator (a merged cell); its
    empty satuan and arah cells take the ones above them."""
    import numpy as np
    import pandas as pd

    gap = body.empty["indikator"] & ~body.headings
    if not gap.any():
        return
    for name in ("indikator", "satuan", "arah"):  # the sheet's cells stay as read
        if name in body.columns:
            body.columns[name] = body.columns[name].copy()
    names_now = body.columns["indikator"]
    series = pd.Series(np.where(body.empty["indikator"], None, names_now), dtype=object)
    series[body.headings] = ""  # a heading ends the indicator above it
    carried = series.ffill().fillna("").to_numpy(dtype=object)
    filled = gap & (carried != "")
    names_now[filled] = carried[filled]
    body.empty["indikator"] = body.empty["indikator"] & ~filled
    for name in ("satuan", "arah"):
        if name not in body.columns:
            continue
        column = body.columns[name]
        run = pd.Series(np.where(body.empty[name], None, column), dtype=object)
        run[~filled & body.empty[name]] = ""  # only rows that continue an indicator inherit
        inherited = run.ffill().fillna("").to_numpy(dtype=object)
        take = filled & body.empty[name] & (inherited != "")
        column[take] = inherited[take]
        body.empty[name] = body.empty[name] & ~take
    body.filled = filled


def _new_table(sheet: _Sheet, body: _Body) -> RealisationTable:
    """The table with its frame, the cells above the header and the cells under no header."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(
        {name: pd.array(body.columns[name], dtype="str") for name in body.wanted},
        index=pd.RangeIndex(body.n),
    )
    table = RealisationTable(str(sheet.file), body.wanted, frame, body.rows, {})
    table.headings = body.headings
    table.heading_text = body.heading_text
    table.filled = body.filled
    for above in range(sheet.header_at):  # title lines above the header: not data, say so
        for where in range(sheet.width):
            if not sheet.empties[where][above]:
                table.unread.append(Unread(above + 1, where + 1, str(sheet.cells[where][above]),
                                           "tables.above_header"))
    table.ignored_columns = [canonical_column(h) for i, h in enumerate(body.header_names)
                             if h and i not in body.positions.values()]
    _report_duplicates(table, sheet, body)
    for col in range(sheet.width):  # cells under no header at all
        if body.header_names[col]:
            continue
        texts_here = body.of(sheet.cells[col])
        for r in np.flatnonzero(~body.of(sheet.empties[col]) & ~body.headings):
            table.unread.append(Unread(int(body.rows[r]), col + 1, str(texts_here[int(r)]),
                                       "tables.no_column_header"))
    return table


def _report_duplicates(table: RealisationTable, sheet: _Sheet, body: _Body) -> None:
    """A header cell naming the same field (and year) as the column read (``target;target``):
    its column is not read, and the header cell says so with the column used."""
    used = {sheet.fields[position]: position for position in body.positions.values()
            if position >= 0}
    for position, field_year in enumerate(sheet.fields):
        first = used.get(field_year)
        if field_year[0] is None or first is None or first == position:
            continue
        table.unread.append(Unread(sheet.header_at + 1, position + 1,
                                   body.header_names[position], "tables.duplicate_column",
                                   {"name": field_year[0], "used": first + 1}))


def _read_columns(table: RealisationTable, body: _Body) -> None:
    """Value columns through the number reader, ``arah`` through :func:`direction_word`;
    empty required cells reported."""
    import numpy as np

    from indikator.documents.evidence import apply_sibling_evidence
    from indikator.documents.number_column import read_column

    rows, frame = body.rows, table.frame
    values = [name for name in body.wanted if name in VALUE_COLUMNS]
    for name in values:
        table.readings[name] = read_column(frame[name])
    table.evidence = apply_sibling_evidence({name: frame[name] for name in values},
                                            table.readings)
    for name in body.wanted:
        texts = frame[name]
        empty = body.empty[name]
        if name in VALUE_COLUMNS:
            reading = table.readings[name]
            kinds = reading.frame["kind"].astype(str).to_numpy()
            table.cells_read += int(np.count_nonzero((kinds != "unread") & ~empty))
            column = body.positions[name]
            for cell in reading.unread:
                row = int(rows[cell.position])
                if (row - 1, column) in body.sheet.formulas:
                    table.unread.append(Unread(row, name, cell.text,
                                               "tables.formula_without_value"))
                    continue
                table.unread.append(unread_number(row, name, cell.text, cell.error))
        else:
            table.cells_read += int(np.count_nonzero(~empty))
            if name == "arah":
                _read_directions(table, texts, empty, rows)
        if name in ("indikator", "target", "realisasi"):
            for r in np.flatnonzero(empty & ~body.headings):
                table.unread.append(Unread(int(rows[r]), name, "", "tables.empty_cell"))


def _read_directions(table: RealisationTable, texts: Any, empty: Any, rows: Any) -> None:
    """``arah`` cells stored as naik / turun; other words reported (and not counted read)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(texts, use_na_sentinel=False)
    words = [direction_word(str(u)) for u in uniques]
    known = np.array([w is not None for w in words], dtype=bool)
    canonical = np.array([w or str(u) for w, u in zip(words, uniques, strict=True)],
                         dtype=object)
    table.frame["arah"] = pd.array(canonical[codes], dtype="str")
    bad = (~empty) & ~known[codes]
    for r in np.flatnonzero(bad):
        table.cells_read -= 1
        table.unread.append(Unread(int(rows[r]), "arah", str(texts.iat[int(r)]),
                                   "tables.bad_direction"))
