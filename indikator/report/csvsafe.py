"""CSV files for spreadsheets, with no live formula in them (CSV / formula injection).

A spreadsheet program that opens a CSV treats a cell starting with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(…)``, ``-2+3+cmd|' /C calc'!A0``, ``@SUM(1)``); tab and
carriage return at the start of a cell can hide one.  Indicator names, units and messages
come from the documents read, so they are not trusted.  The rule, as OWASP recommends
("CSV Injection"):

* a text cell whose first character is one of ``= + - @``, tab (U+0009), carriage return
  (U+000D), or their full-width forms ``＝ ＋ － ＠`` (which some spreadsheet programs also
  accept) is written with a single quote ``'`` in front, so it is shown as text;
* **except** a cell that is a plain number as this project writes numbers: an optional sign,
  digits with an optional decimal comma or point and an optional exponent (``-2,5``,
  ``+3``, ``-0,125``, ``-1,5E-05``).  Such a cell can only be a number in any spreadsheet, so
  it stays a number rather than turning into the text ``'-2,5``;
* numbers stored as numbers (floats, ints) are written by the CSV writer unchanged;
* every field is quoted by the :mod:`csv` rules (separator, quote, line breaks inside cells),
  so a cell can never spill into the next one.

A cell that merely *contains* ``=`` later on (``a = b``) is not a formula and is left alone.
The prefix is visible in the file; that is the point: the reader sees the text as written, the
spreadsheet does not run it.  This module does not write XLSX (openpyxl cells are typed; see
:mod:`indikator.report.workbook`, whose text cells are always strings).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from indikator.core.atomic import atomic_open

if TYPE_CHECKING:
    import os

    import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "PLAIN_NUMBER", "is_formula_like", "neutralise", "write_csv"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS: Final = frozenset("=+-@\t\r＝＋－＠")
PLAIN_NUMBER: Final = re.compile(r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could run *text* as a formula (see the module rule)."""
    return bool(text) and text[0] in FORMULA_TRIGGERS and not PLAIN_NUMBER.fullmatch(text)


def neutralise(value: Any) -> Any:
    """*value* made safe for a CSV cell: formula-like text gets a leading ``'``; anything else
    (numbers, ``None``, plain text, plain numbers written as text) is returned unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def write_csv(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    sep: str = ";",
    decimal: str = ",",
    encoding: str = "utf-8-sig",
    inputs: Iterable[str | os.PathLike[str]] = (),
    mixed: Iterable[str] = (),
    columns: Sequence[str] | None = None,
) -> Path:
    """Write *frame* as CSV to *path*, atomically (:mod:`indikator.core.atomic`), every text
    cell and the header neutralised; numbers use *decimal*.  In the object columns named in
    *mixed* (numbers among texts, as the CLI's ``target`` / ``realisasi``) a float is written
    as a number with *decimal* too, then the rule applies to its text.  *columns* chooses
    and orders the columns written (all by default) without copying the frame.

    The bytes are those of ``DataFrame.to_csv(sep=sep, decimal=decimal, index=False)`` after
    :func:`neutralise` of every text cell; the rows are formatted by
    :func:`indikator.report.csvtext.write_rows` (once per distinct value, a block of rows at a
    time) when it knows the frame's dtypes, else by pandas cell by cell."""
    import csv
    import os as _os

    from indikator.report.csvtext import supported, write_rows

    mixed_names = [str(name) for name in mixed]
    names = list(frame.columns) if columns is None else list(columns)
    with atomic_open(path, "w", encoding=encoding, newline="", inputs=inputs) as handle:
        if not supported(frame, decimal, names):
            _write_with_pandas(frame[names], handle, sep, decimal, mixed_names)
            return Path(path)
        csv.writer(handle, delimiter=sep, quotechar='"', quoting=csv.QUOTE_MINIMAL,
                   doublequote=True, lineterminator=_os.linesep).writerow(
            [neutralise(str(name)) for name in names])
        write_rows(handle, frame, sep=sep, decimal=decimal, neutralise=neutralise,
                   mixed=mixed_names, columns=names)
    return Path(path)


def _write_with_pandas(frame: pd.DataFrame, handle: Any, sep: str, decimal: str,
                       mixed: list[str]) -> None:
    """The cell-by-cell writer: every text cell neutralised, then ``to_csv``."""
    safe = frame.copy()
    for name in safe.columns:
        column = safe[name]
        if str(name) in mixed and column.dtype == object:
            column = column.map(lambda v: _number_text(v, decimal))
        if column.dtype == object or str(column.dtype) in ("string", "str"):
            safe[name] = column.map(neutralise).astype(object)
    safe.columns = [neutralise(str(name)) for name in safe.columns]
    safe.to_csv(handle, sep=sep, decimal=decimal, index=False)


def _number_text(value: Any, decimal: str) -> Any:
    """A float of a *mixed* column as ``repr`` with *decimal* (NaN → None); others as they are."""
    if isinstance(value, float):
        return repr(float(value)).replace(".", decimal) if value == value else None
    return value
