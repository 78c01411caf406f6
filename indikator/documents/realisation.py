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


def _stripped_columns(raw: Any) -> tuple[list[Any], list[Any]]:
    """Each column of *raw* as an object array of stripped strings, and its mask of empty
    cells.  Strips each distinct value once (``pd.factorize``), not each cell."""
    import numpy as np
    import pandas as pd

    texts: list[Any] = []
    empties: list[Any] = []
    for position in range(raw.shape[1]):
        codes, uniques = pd.factorize(raw.iloc[:, position], use_na_sentinel=False)
        stripped = np.array([_strip_text(u) for u in uniques], dtype=object)
        texts.append(stripped[codes])
        empties.append((stripped == "")[codes])
    return texts, empties


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


def read_realisation(path: str | Path) -> RealisationTable:
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
    """
    import numpy as np
    import pandas as pd

    from indikator.documents.number_column import read_column

    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    raw = load_frame(file)
    if raw.empty:
        raise TableError("tables.empty_table", path=str(file))
    cells, empties = _stripped_columns(raw)
    width = len(cells)
    body_mask = ~np.logical_and.reduce(empties)
    filled_rows = np.flatnonzero(body_mask)
    if len(filled_rows) == 0:
        raise TableError("tables.empty_table", path=str(file))

    def row_texts(row: int) -> list[str]:
        return [str(column[row]) for column in cells]

    # the header: the first row (of the first filled ones) naming the required columns, alone
    # or with the row below it, so that title lines above a table do not hide it
    header_at = int(filled_rows[0])
    header_rows = 1
    fields = header_fields(row_texts(header_at))
    found_header = False
    for index, candidate in enumerate(filled_rows[:_HEADER_SEARCH].tolist()):
        single = header_fields(row_texts(candidate))
        if all(any(f == c for f, _ in single) for c in REQUIRED_COLUMNS):
            header_at, header_rows, fields, found_header = candidate, 1, single, True
            break
        if index + 1 < len(filled_rows) and filled_rows[index + 1] == candidate + 1:
            double = header_fields(two_row_header(row_texts(candidate),
                                                    row_texts(candidate + 1)))
            if all(any(f == c for f, _ in double) for c in REQUIRED_COLUMNS):
                header_at, header_rows, fields, found_header = candidate, 2, double, True
                break
    header = [f or "" for f, _ in fields]
    if not found_header:
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        found = [f or canonical_column(c) for (f, _), c in zip(fields, row_texts(header_at),
                                                              strict=True)]
        raise TableError(
            "tables.missing_columns",
            path=str(file),
            missing=", ".join(missing),
            found=", ".join(h for h in found if h) or "-",
        )
    # rows right under the header that belong to it: column numbers "(1) | (2) | …", or the
    # years under a "Target | Realisasi" row ("2022 | 2023 | 2022 | 2023")
    for _ in range(2):
        below = header_at + header_rows
        if below >= len(body_mask) or not body_mask[below]:
            break
        texts_below = row_texts(below)
        filled_below = [c for c in texts_below if c]
        if filled_below and all(_COLUMN_NUMBER.fullmatch(c) for c in filled_below):
            header_rows += 1
            continue
        if header_rows == 1 and filled_below and all(_YEAR_CELL.fullmatch(c)
                                                     for c in filled_below):
            joined = header_fields(two_row_header(row_texts(header_at), texts_below))
            if all(any(f == c for f, _ in joined) for c in REQUIRED_COLUMNS):
                header_rows, fields = 2, joined
                continue
        break
    header = [f or "" for f, _ in fields]
    positions, year_read = choose_columns(fields)
    wanted = [c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in positions]
    last_header = header_at + header_rows - 1
    titles = [row_texts(r) for r in range(header_at, last_header + 1)]
    header_names = [" ".join(t[i] for t in titles if t[i]).strip() for i in range(width)]
    table_title_cells: list[Unread] = []
    for above in range(header_at):  # title lines above the header: not data, say so
        for where in range(width):
            if not empties[where][above]:
                table_title_cells.append(
                    Unread(above + 1, where + 1, str(cells[where][above]), "tables.above_header")
                )
    body_mask[: last_header + 1] = False
    body_index = np.flatnonzero(body_mask)
    whole = len(body_index) == len(body_mask) - last_header - 1  # no blank rows to skip

    def body_of(column: Any) -> Any:
        return column[last_header + 1:] if whole else column[body_index]

    rows = body_index + 1  # 1-based row numbers in the file
    n = len(body_index)
    columns_out: dict[str, Any] = {name: body_of(cells[positions[name]]).copy() for name in wanted}
    empty_of = {name: body_of(empties[positions[name]]).copy() for name in wanted}
    if "tahun" not in positions and year_read is not None:  # "Target 2023": the year is 2023
        wanted.append("tahun")
        columns_out["tahun"] = np.full(n, str(year_read), dtype=object)
        empty_of["tahun"] = np.zeros(n, dtype=bool)
        positions["tahun"] = -1

    # heading rows: neither a target nor a realisation (titles, sub-headers, totals), or a
    # total row ("Jumlah", "Rata-rata Capaian") whatever it holds
    headings = empty_of["target"] & empty_of["realisasi"]
    for column in cells:
        headings |= _by_distinct(body_of(column),
                                 lambda v: bool(_TOTAL_ROW.fullmatch(v.casefold()))).astype(bool)
    heading_text = np.where(headings, columns_out["indikator"], "").astype(object)
    if headings.any():  # no name in the indikator column: the row's first text, column-wise
        for column in cells:
            need = headings & (heading_text == "")
            if not need.any():
                break
            here = body_of(column)
            numbering = _by_distinct(
                here, lambda v: bool(re.fullmatch(r"[\d.\s]*", v))).astype(bool)
            take = need & ~numbering
            heading_text[take] = here[take]

    # merged cells: an empty indikator under a filled one continues that indicator
    filled = np.zeros(n, dtype=bool)
    names_now = columns_out["indikator"]
    gap = empty_of["indikator"] & ~headings
    if gap.any():
        series = pd.Series(np.where(empty_of["indikator"], None, names_now), dtype=object)
        series[headings] = ""  # a heading ends the indicator above it
        carried = series.ffill().fillna("").to_numpy(dtype=object)
        filled = gap & (carried != "")
        names_now[filled] = carried[filled]
        empty_of["indikator"] = empty_of["indikator"] & ~filled
        for name in ("satuan", "arah"):
            if name not in columns_out:
                continue
            column = columns_out[name]
            run = pd.Series(np.where(empty_of[name], None, column), dtype=object)
            run[~filled & empty_of[name]] = ""  # only rows that continue an indicator inherit
            inherited = run.ffill().fillna("").to_numpy(dtype=object)
            take = filled & empty_of[name] & (inherited != "")
            column[take] = inherited[take]
            empty_of[name] = empty_of[name] & ~take

    frame = pd.DataFrame(
        {name: pd.array(columns_out[name], dtype="str") for name in wanted},
        index=pd.RangeIndex(n),
    )
    table = RealisationTable(str(file), wanted, frame, rows, {})
    table.headings = headings
    table.heading_text = heading_text
    table.filled = filled
    table.unread.extend(table_title_cells)
    table.ignored_columns = [canonical_column(h) for i, h in enumerate(header_names)
                             if h and i not in positions.values()]
    # cells under no header at all
    for col in range(width):
        if header_names[col]:
            continue
        texts_here = body_of(cells[col])
        for r in np.flatnonzero(~body_of(empties[col]) & ~headings):
            table.unread.append(Unread(int(rows[r]), col + 1, str(texts_here[int(r)]),
                                       "tables.no_column_header"))
    for name in wanted:
        texts = frame[name]
        empty = empty_of[name]
        if name in VALUE_COLUMNS:
            reading = read_column(texts)
            table.readings[name] = reading
            kinds = reading.frame["kind"].astype(str).to_numpy()
            table.cells_read += int(np.count_nonzero((kinds != "unread") & ~empty))
            for cell in reading.unread:
                table.unread.append(
                    unread_number(int(rows[cell.position]), name, cell.text, cell.error)
                )
        else:
            table.cells_read += int(np.count_nonzero(~empty))
            if name == "arah":
                codes, uniques = pd.factorize(texts, use_na_sentinel=False)
                words = [direction_word(str(u)) for u in uniques]
                known = np.array([w is not None for w in words], dtype=bool)
                canonical = np.array([w or str(u) for w, u in zip(words, uniques, strict=True)],
                                     dtype=object)
                frame["arah"] = pd.array(canonical[codes], dtype="str")
                bad = (~empty) & ~known[codes]
                for r in np.flatnonzero(bad):
                    table.cells_read -= 1
                    table.unread.append(Unread(int(rows[r]), name, str(texts.iat[int(r)]),
                                               "tables.bad_direction"))
        if name in ("indikator", "target", "realisasi"):
            for r in np.flatnonzero(empty & ~headings):
                table.unread.append(Unread(int(rows[r]), name, "", "tables.empty_cell"))
    table.unread.sort(key=lambda u: (u.line, str(u.column)))
    return table
