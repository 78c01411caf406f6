"""The rows of a DataFrame as CSV text, written block by block with work per distinct value.

:func:`write_rows` writes the data rows of a frame (no header) to an open text handle exactly as
``DataFrame.to_csv(handle, sep=sep, decimal=decimal, index=False, header=False)`` would after
the caller's ``neutralise`` has been applied to every text cell (``csvsafe.write_csv`` does that
the slow way, cell by cell, and is the reference this module is tested against):

* float64 columns: Python's ``repr`` with the point made *decimal* (``61.25`` → ``61,25``,
  ``-0.0`` → ``-0,0``, ``1e+20`` and ``inf`` as they are), NaN empty; never neutralised (a
  number is not a formula);
* integer and boolean columns (numpy or pandas' nullable ones): ``str`` of the value, NA empty;
* object and string columns: None / NaN / NA empty, text neutralised, then quoted by the
  :mod:`csv` rules (a separator, quote or line break inside); in the *mixed* columns a float
  among the texts is written like a float column's value before it is neutralised (as the CLI
  writes ``target`` / ``realisasi``: a number, or the cell as written);
* any other value in an object column (an int, a Decimal …) through the :mod:`csv` module
  itself, one cell at a time.

Each column of a block of :data:`BLOCK` rows is factorised (floats by their bits, so ``-0.0``
stays apart from ``0.0``); a distinct value is formatted once and spread back with its codes,
and a block's cells are joined in C (``"".join``), so no Python call is made per cell.

What it does not do: write the header, open or name files, decide what is neutralised (the
caller passes the rule), or handle other dtypes (categories, dates, float32):
:func:`supported` says whether a frame can be written here.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BLOCK", "supported", "write_rows"]

BLOCK: Final = 1 << 15
"""Rows formatted and written at once (bounds the texts alive at a time)."""

ObjectArray = NDArray[np.object_]
Neutralise = Callable[[Any], Any]


def supported(frame: pd.DataFrame, decimal: str, columns: Sequence[Any]) -> bool:
    """Whether :func:`write_rows` writes the *columns* of *frame* as ``to_csv`` would (the
    dtypes it knows, unique names, at least two columns: a row of one empty field is written
    ``""`` by :mod:`csv`)."""
    if decimal == "." or len(columns) < 2 or not frame.columns.is_unique:
        return False
    for dtype in (frame[name].dtype for name in columns):
        kind = getattr(dtype, "kind", "")
        name = str(dtype)
        if name in ("object", "str", "string", "boolean", "bool", "float64"):
            continue
        if kind in "iu" and name.lower().startswith(("int", "uint")):
            continue
        return False
    return True


class _Fields:
    """How one cell becomes a CSV field, with the writer's dialect."""

    def __init__(self, sep: str, decimal: str, neutralise: Neutralise) -> None:
        self.sep, self.decimal, self.neutralise = sep, decimal, neutralise
        self.special = (sep, '"', "\n", "\r")
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=sep, quotechar='"',
                                  quoting=csv.QUOTE_MINIMAL, doublequote=True,
                                  lineterminator=os.linesep)
        self._tail = len(sep) + len(os.linesep)

    def by_csv(self, value: Any) -> str:
        """*value* as the :mod:`csv` module writes it in a row of two fields."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow([value, ""])
        return self._buffer.getvalue()[:-self._tail]

    def text(self, value: str) -> str:
        """A text cell: neutralised, quoted if it needs quotes."""
        safe = self.neutralise(value)
        if not isinstance(safe, str):
            return self.by_csv(safe)
        if any(mark in safe for mark in self.special):
            return self.by_csv(safe)
        return safe

    def floats(self, values: NDArray[np.float64]) -> ObjectArray:
        """Finite and infinite floats (no NaN) as ``repr`` with the decimal mark."""
        if values.size == 0:
            return np.empty(0, dtype=object)
        joined = "\n".join(map(repr, values.tolist()))
        if self.decimal != ".":
            joined = joined.replace(".", self.decimal)
        return np.array(joined.split("\n"), dtype=object)


Coded = tuple[NDArray[np.intp], list[str]]
"""A column of a block as codes (one per row, 0 ≤ code < len(texts)) and the text of each."""

_COMBINE: Final = 1 << 12
"""Neighbouring columns whose distinct texts multiply to at most this are joined into one
(``ST;Sangat Tinggi;capaian;higher``): one item per row instead of one per column."""


def _with_missing(codes: NDArray[np.intp], texts: list[str]) -> Coded:
    """*codes* where -1 (missing) becomes a last, empty text."""
    if (codes < 0).any():
        codes = np.where(codes < 0, len(texts), codes)
        texts = [*texts, ""]
    return codes, texts


def _float_coded(values: NDArray[np.float64], fields: _Fields) -> Coded:
    """Floats as the float column of ``to_csv`` writes them: NaN empty, each distinct value
    once, distinct by bits so that ``-0.0`` stays apart from ``0.0``."""
    import pandas as pd

    if not (values == values).any():
        return np.zeros(values.size, dtype=np.intp), [""]
    bits = np.where(np.isnan(values), np.nan, values).view(np.int64)  # one NaN
    codes, uniques = pd.factorize(bits, use_na_sentinel=False)
    numbers = uniques.view(np.float64)
    texts = np.full(numbers.size, "", dtype=object)
    finite = ~np.isnan(numbers)
    texts[finite] = fields.floats(numbers[finite])
    return codes, texts.tolist()


def _mixed_floats(values: NDArray[np.float64], fields: _Fields) -> Coded:
    """Floats (no NaN) of a *mixed* column: a number's text, then the rule on it."""
    codes, texts = _float_coded(values, fields)
    # a text starting with a digit is a plain number, neither a formula nor quoted; the others
    # ("-2,5", kept a number by the rule, "-inf") go through the rule
    return codes, [s if s[:1].isdigit() else fields.text(s) for s in texts]


def _rows(values: ObjectArray, fields: _Fields, mixed: bool) -> ObjectArray:
    """The text of each cell of an object column holding more than texts (floats, ints …)."""
    import pandas as pd

    out = np.full(values.size, "", dtype=object)
    types: ObjectArray = np.asarray(np.frompyfunc(type, 1, 1)(values), dtype=object)
    codes, classes = pd.factorize(types, use_na_sentinel=False)
    is_str = np.array([issubclass(c, str) for c in classes], dtype=bool)[codes]
    is_float = np.array([issubclass(c, float) for c in classes], dtype=bool)[codes]
    missing = ~is_str & pd.isna(values)
    numbers = is_float & ~missing & mixed
    for mask in (is_str, numbers):
        if mask.any():
            found, texts = (_object_coded(values[mask], fields, mixed) if mask is is_str
                            else _mixed_floats(values[mask].astype(np.float64), fields))
            out[mask] = np.array(texts, dtype=object)[found]
    rest = ~is_str & ~missing & ~(is_float & mixed)
    for row in np.flatnonzero(rest).tolist():
        out[row] = fields.by_csv(fields.neutralise(values[row]))  # ints, Decimals …: as csv
    return out


def _object_coded(values: ObjectArray, fields: _Fields, mixed: bool) -> Coded:
    """Cells of an object column: texts neutralised and quoted, NA empty, floats of a *mixed*
    column as numbers; each distinct text once."""
    import pandas as pd

    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind == "empty":
        return np.zeros(values.size, dtype=np.intp), [""]
    if kind == "string":  # str and NA only: equal keys are equal texts
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        return _with_missing(codes, [fields.text(u) for u in uniques.tolist()])
    if kind == "floating" and mixed:  # numbers only (and NA): no per-cell type test
        try:
            numbers = values.astype(np.float64)
        except TypeError:  # None among them
            numbers = np.where(pd.isna(values), np.nan, values).astype(np.float64)
        present = ~np.isnan(numbers)
        found, texts = _mixed_floats(numbers[present], fields)
        codes = np.full(values.size, -1, dtype=np.intp)
        codes[present] = found
        return _with_missing(codes, texts)
    return np.arange(values.size), _rows(values, fields, mixed).tolist()


def _source(series: pd.Series[Any]) -> Any:
    """What a column's blocks are sliced from: the numpy array itself (no copy) when numpy
    holds it, else pandas' extension array (strings, nullable integers and booleans)."""
    values = series.array
    numpy_backed = getattr(values, "_ndarray", None)
    if type(values).__name__ == "NumpyExtensionArray" and numpy_backed is not None:
        return numpy_backed
    return values


def _column_coded(values: Any, fields: _Fields, mixed: bool) -> Coded:
    """The cells of one column of a block (a numpy array or a pandas extension array)."""
    import pandas as pd

    dtype = values.dtype
    if isinstance(values, np.ndarray):
        if dtype.kind == "f" and dtype.itemsize == 8:
            return _float_coded(values, fields)
        if dtype.kind in "iu":  # no NA: often all distinct
            return np.arange(values.size), list(map(str, values.tolist()))
        if dtype.kind == "O":
            return _object_coded(values, fields, mixed)
        if dtype.kind == "b":
            return values.astype(np.intp), ["False", "True"]
    if str(dtype) in ("str", "string"):
        return _object_coded(np.asarray(values.to_numpy(dtype=object), dtype=object), fields,
                             mixed)
    cells = np.asarray(values.to_numpy(dtype=object, na_value=None), dtype=object)  # Int64 …
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    return _with_missing(codes, [str(u) for u in uniques.tolist()])


def _combined(columns: list[Coded], sep: str) -> list[Coded]:
    """Neighbouring columns with few distinct texts joined into one (see :data:`_COMBINE`)."""
    groups: list[Coded] = []
    for codes, texts in columns:
        if groups and len(groups[-1][1]) * len(texts) <= _COMBINE:
            before, joined = groups[-1]
            groups[-1] = (before * len(texts) + codes,
                          [a + sep + b for a in joined for b in texts])
        else:
            groups.append((codes, texts))
    return groups


def write_rows(
    handle: Any,
    frame: pd.DataFrame,
    *,
    sep: str,
    decimal: str,
    neutralise: Neutralise,
    mixed: Iterable[str] = (),
    columns: Sequence[Any] | None = None,
) -> None:
    """Write the rows of the *columns* of *frame* (all by default; see the module docstring)
    to the text *handle*."""
    names = list(frame.columns) if columns is None else list(columns)
    fields = _Fields(sep, decimal, neutralise)
    mixed_names = set(mixed)
    sources = [_source(frame[name]) for name in names]
    is_mixed = [str(name) in mixed_names for name in names]
    for start in range(0, len(frame), BLOCK):
        stop = min(start + BLOCK, len(frame))
        groups = _combined([_column_coded(source[start:stop], fields, is_mixed[i])
                            for i, source in enumerate(sources)], sep)
        grid = np.empty((stop - start, len(groups)), dtype=object)
        for i, (codes, texts) in enumerate(groups):
            end = sep if i < len(groups) - 1 else os.linesep
            grid[:, i] = np.array([text + end for text in texts], dtype=object)[codes]
        handle.write("".join(grid.ravel().tolist()))
