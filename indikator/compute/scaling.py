"""Target and realisation written with different multipliers, compared in one unit.

A table that prints the target as ``5 Miliar`` and the realisation as ``4.500.000.000`` (or
``1,5 Juta`` against ``1.200.000``) means the same kind of amount on both sides; dividing the
printed numbers would give a capaian of 90 000 000 000 %.  :func:`align_multipliers` gives the
realisation number in the target's unit (4,5 for ``5 Miliar``; the factors are
``[multipliers]`` of ``definitions/vocabulary/units.toml``) and says so on the row, with both
cells and the number used.  Capaian, rating and audit then use that number.

It does not change what the row shows: ``target`` and ``realisasi`` keep the numbers as
printed.  Units that are not multipliers (``Orang``, ``%``, ``Rp``) count as a factor of 1;
their differences are said by :mod:`indikator.compute.checks`.  Cells of other kinds (ranges,
categories) are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from indikator.compute.arrays import (
    FloatArray,
    ObjectArray,
    _append,
    _by_value,
    _format_numbers,
    _format_rows,
    _strings,
)
from indikator.documents.units import multiplier

if TYPE_CHECKING:
    import pandas as pd


def align_multipliers(
    target: pd.DataFrame,
    actual: pd.DataFrame,
    t_kind: ObjectArray,
    r_number: FloatArray,
    cells: tuple[ObjectArray, ObjectArray],
    pesan: ObjectArray,
    lang: str | None,
) -> None:
    """Scale *r_number* in place to the target's multiplier where the two cells' multipliers
    differ (*cells*: the target and realisation texts as written, for the message)."""
    if not (target["unit"].notna().any() or actual["unit"].notna().any()):
        return  # the common table: no unit written in any cell
    t_unit = target["unit"].to_numpy(dtype=object)
    r_unit = actual["unit"].to_numpy(dtype=object)
    t_factor = _by_value(t_unit, multiplier).astype(np.float64)
    r_factor = _by_value(r_unit, multiplier).astype(np.float64)
    numeric_target = (t_kind == "number") | (t_kind == "range") | (t_kind == "comparison")
    rows = np.flatnonzero((t_factor != r_factor) & numeric_target & np.isfinite(r_number))
    if rows.size == 0:
        return
    r_number[rows] = r_number[rows] * (r_factor[rows] / t_factor[rows])
    unit = _strings(t_unit[rows])
    value = _format_numbers(r_number[rows], lang)
    shown = np.where(unit == "", value, value + " " + unit).astype(object)
    _append(pesan, _format_rows("compute.multiplier_aligned", lang, rows, pesan.size,
                                target=_strings(cells[0][rows]),
                                actual=_strings(cells[1][rows]), value=shown))
