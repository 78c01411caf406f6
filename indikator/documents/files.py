"""Files in: a text file as a string, a CSV/TSV/XLSX table as a frame of cell strings.

Clear errors for missing, binary, non-UTF-8 or damaged files; the CSV separator rule shared by
the realisation reader and the formula linter (:func:`sniff_delimiter`).  Does not interpret
cells.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from indikator.core.errors import IndikatorError, InputFileError, TableError

__all__ = ["read_table_text", "read_text_file", "sniff_delimiter"]


def read_text_file(path: str | Path) -> str:
    """A text file's content, with a clear error for missing, binary or non-UTF-8 files."""
    file = Path(path)
    if str(path) == "-":
        return sys.stdin.read()
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    if file.is_dir():
        raise InputFileError("cli.is_directory", path=str(file))
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputFileError(
            "common.file_unreadable", path=str(file), detail=exc.strerror or str(exc)
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError("common.not_utf8", path=str(file), position=exc.start) from exc

def read_table_text(path: str | Path) -> tuple[str, str]:
    """A delimited table's text and its encoding: UTF-8, else Windows-1252 (cp1252, what Excel
    on Windows writes for "CSV (Comma delimited)"), so the caller can say which.  Bytes cp1252
    does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) still make the file refused."""
    try:
        return read_text_file(path), "utf-8"
    except InputFileError as error:
        if error.key != "common.not_utf8":
            raise
        try:
            return Path(path).read_bytes().decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise error from None


def load_frame(path: Path) -> Any:
    """The cells of the file as a frame of strings (not yet stripped), one row per record."""
    import zipfile

    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return _read_xlsx(path)
        except IndikatorError:
            raise
        except IsADirectoryError as exc:
            raise InputFileError("cli.is_directory", path=str(path)) from exc
        except zipfile.BadZipFile as exc:  # an .xlsx is a zip archive; this one is not
            raise InputFileError("cli.not_xlsx", path=str(path)) from exc
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise InputFileError("common.file_unreadable", path=str(path), detail=str(exc)) from exc
    if suffix not in (".csv", ".tsv", ".txt"):
        raise TableError("tables.unsupported_file", path=str(path))
    text = read_text_file(path)
    delimiter, width = _sniff(text)
    _check_width(path, width)
    try:
        return _read_csv_fast(text, delimiter, width)
    except pd.errors.ParserError:  # a record wider than the first lines: the slow reader
        return _read_csv_slow(text, delimiter, path)


#: Most columns a table may have (published realisation tables have a few dozen): a record
#: of 100,000 cells is refused at once instead of building 100,000 columns.
MAX_COLUMNS = 1000


def _check_width(path: Path, width: int) -> None:
    if width > MAX_COLUMNS:
        raise TableError("tables.too_many_columns", path=str(path), columns=width,
                         limit=MAX_COLUMNS)


_SNIFF_LINES = 64


_CANDIDATES = ("\t", ";", ",")


def sniff_delimiter(text: str, path: str | Path | None = None) -> str:
    """The separator of a delimited text table: tab for a ``.tsv`` file; otherwise the one of
    tab, ``;`` and ``,`` that splits the first lines (quotes respected) most consistently: the
    most records with the same number of cells, at least two.  A tab inside one cell of a
    ``;`` file therefore does not make it tab-separated.  Ties go to tab, then ``;``; a text
    that no candidate splits is ``,``-separated when it holds more commas than semicolons."""
    if path is not None and str(path).lower().endswith(".tsv"):
        return "\t"
    head = "\n".join(text[: 1 << 16].splitlines()[:_SNIFF_LINES])
    best: tuple[int, int, int] = (0, 0, 0)
    chosen = ""
    for rank, candidate in enumerate(_CANDIDATES):
        score = _consistency(head, candidate)
        key = (score[0], score[1], -rank)
        if score[1] >= 2 and key > best:
            best, chosen = key, candidate
    if chosen:
        return chosen
    return ";" if head.count(";") >= head.count(",") and ";" in head else ","


def _consistency(head: str, delimiter: str) -> tuple[int, int]:
    """(records with the most common width, that width) of *head* split by *delimiter*."""
    import csv
    import io
    from collections import Counter

    widths = Counter(len(record) for record in csv.reader(io.StringIO(head), delimiter=delimiter)
                     if any(cell.strip() for cell in record))
    if not widths:
        return (0, 0)
    width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
    return (count, width)


def _sniff(text: str) -> tuple[str, int]:
    """The separator (:func:`sniff_delimiter`) and the widest record among the first lines
    (so a short title line above the header does not fix the width)."""
    import csv
    import io

    delimiter = sniff_delimiter(text)
    head = "\n".join(text[: 1 << 16].splitlines()[:_SNIFF_LINES])
    width = max((len(r) for r in csv.reader(io.StringIO(head), delimiter=delimiter)), default=0)
    return delimiter, width


def _read_csv_fast(text: str, delimiter: str, width: int) -> Any:
    """pandas' C reader: every cell as written (strings), blank lines kept as empty rows so that
    row numbers are the file's; raises ``ParserError`` for a record wider than *width*."""
    import io

    import pandas as pd

    if width == 0:
        return pd.DataFrame()
    return pd.read_csv(
        io.StringIO(text), sep=delimiter, header=None, names=list(range(width)),
        index_col=False, dtype=str, na_filter=False, keep_default_na=False,
        skip_blank_lines=False, engine="c",
    )


def _read_csv_slow(text: str, delimiter: str, path: Path) -> Any:
    """The ``csv`` module, for ragged files the C reader rejects: short records padded."""
    import csv
    import io

    import pandas as pd

    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    _check_width(path, width)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


_PERCENT_FORMAT = re.compile(r"0(?:\.(0+))?\s*%")


def _read_xlsx(path: Path) -> Any:
    """The first sheet's cells as strings, as Excel shows them where it matters: a number
    with a percent format (``0.00%``) is the percentage it displays (``1.0534`` →
    ``"105.34%"``), so a capaian column computed in Excel reads as printed."""
    import pandas as pd
    from openpyxl import load_workbook

    from indikator.documents.xlsx_guard import scan_xlsx

    scan = scan_xlsx(path)  # refuses zip bombs and far-away cells before reading
    _check_width(path, scan.columns)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the stored <dimension> may lie; the scan's extent is read
        records: list[list[str]] = []
        rows = sheet.iter_rows(min_row=1, max_row=max(scan.rows, 1), min_col=1,
                               max_col=max(scan.columns, 1)) if scan.rows else iter(())
        for row_number, row in enumerate(rows, start=1):
            out = [xlsx_cell_text(cell, scan.formulas_without_value.get((row_number, column)))
                   for column, cell in enumerate(row, start=1)]
            records.append(out)
    finally:
        workbook.close()
    width = max((len(r) for r in records), default=0)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)
    # 0-based (row, column) of formula cells without a saved value, for the table reader
    frame.attrs["formulas_without_value"] = {
        (row - 1, column - 1) for row, column in scan.formulas_without_value}
    return frame


def cell_text(value: object) -> str:
    """A spreadsheet cell value as text: empty for None/NaN, whole floats without ``.0``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value).strip()


def xlsx_cell_text(cell: object, formula: str | None = None) -> str:
    """An openpyxl cell as Excel shows it where it matters: a percent-formatted number as the
    percentage it displays (``1.0534`` → ``"105.34%"``); a formula without a saved value as
    ``=formula`` (Excel's formula bar), so the reader can name it."""
    if formula is not None:
        return "=" + formula
    value = getattr(cell, "value", None)
    fmt = str(getattr(cell, "number_format", "") or "")
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmt:
        match = _PERCENT_FORMAT.search(fmt)
        places = len(match.group(1) or "") if match else 2
        return f"{float(value) * 100:.{places}f}%"
    return cell_text(value)
