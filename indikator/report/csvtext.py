"""The results frame as the text columns of a ``;``-separated CSV with decimal commas.

:func:`csv_columns` returns a frame of the chosen columns where every float is already text the
way ``DataFrame.to_csv(decimal=",")`` and the CLI's writer print it (Python's ``repr`` with the
point made a comma: ``61.25`` → ``61,25``, ``1e+16`` stays, NaN → empty), formatted a block
of rows at a time in C loops instead of one Python-level call per cell.  Other columns are
passed through as they are (no copy).

What it does not do: write the file, quote cells, neutralise formulas or choose columns by
itself; the caller does that with ``to_csv``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CSV_BLOCK", "comma_floats", "comma_mixed", "csv_columns"]

_BLOCK: Final = 1 << 16
"""Rows formatted at once (bounds the temporary joined text)."""

CSV_BLOCK: Final = 1 << 17
"""Rows a writer formats and writes at once, so the texts of a whole table never live at once."""

MIXED_COLUMNS: Final = ("target", "realisasi")
"""Object columns holding numbers among texts (a cell's number, or the cell as written)."""


def comma_floats(values: NDArray[np.float64]) -> NDArray[np.object_]:
    """*values* as ``repr`` text with a decimal comma; None where NaN.

    The reprs of a block are joined, the points replaced once and the text split again: C
    loops only (a repr has at most one point and never a newline)."""
    out = np.full(values.shape, None, dtype=object)
    for start in range(0, values.size, _BLOCK):
        block = values[start:start + _BLOCK]
        present = np.flatnonzero(~np.isnan(block))
        if present.size:
            joined = "\n".join(map(repr, block[present].tolist()))
            out[start + present] = joined.replace(".", ",").split("\n")
    return out


def comma_mixed(values: NDArray[np.object_]) -> NDArray[np.object_]:
    """Floats (numpy's too) among other cells as :func:`comma_floats` writes them; the rest as
    it is."""
    is_float = np.frompyfunc(float.__instancecheck__, 1, 1)(values).astype(bool)
    floats = np.flatnonzero(is_float)
    if floats.size == 0:
        return values
    out = values.copy()
    out[floats] = comma_floats(values[floats].astype(np.float64))
    return out


def csv_columns(results: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The *columns* of *results* (all by default) with floats as decimal-comma text."""
    import pandas as pd

    names = columns or list(results.columns)
    data: dict[str, Any] = {}
    for name in names:
        series = results[name]
        if series.dtype.kind == "f":
            data[name] = pd.Series(comma_floats(series.to_numpy(dtype=np.float64)),
                                   index=results.index, dtype=object, copy=False)
        elif name in MIXED_COLUMNS and series.dtype == object:
            data[name] = pd.Series(comma_mixed(series.to_numpy(dtype=object)), index=results.index,
                                   dtype=object, copy=False)
        else:
            data[name] = series
    return pd.DataFrame(data, columns=names, copy=False)
