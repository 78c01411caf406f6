"""End of period (kondisi akhir periode): yearly values of each indicator into one figure.

Practice (``docs/capaian.md``) mixes the sum of the yearly figures (counts, money) and the
last year's value (percentages, indices); Kemenkeu calls these "Sum" and "Take Last Known".
This module offers ``sum``, ``last`` (last known value), ``mean``, ``max`` and ``min``, chosen
per indicator, vectorised over a matrix (indicators × years) or a long table (indicator,
year, value) without a loop per row, and checks a document's own end-of-period figure against
its yearly figures (ok / mismatch with the expected value, tolerant of the document's
rounding, and which aggregations would have matched).

Missing years are skipped and reported (reason ``incomplete``); an indicator without any
value gets NaN with reason ``all-missing``, never a silent 0.  It does not read tables or
decide which aggregation an indicator uses (the catalogue says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.capaian.audit import infer_decimals, matches_printed
from indikator.core.errors import AchievementError
from indikator.core.i18n import t
from indikator.core.shapes import as_float

FloatArray = NDArray[np.float64]
ObjectArray = NDArray[np.object_]
IntArray = NDArray[np.int64]

__all__ = [
    "AGGREGATIONS",
    "Aggregate",
    "PeriodCheck",
    "aggregate",
    "check_end_of_period",
    "normalise_how",
]

AGGREGATIONS: Final = ("sum", "last", "mean", "max", "min")
"""The end-of-period rules, in this order everywhere (e.g. in ``PeriodCheck.matching``)."""

_ALIASES: Final = {
    "sum": "sum",
    "jumlah": "sum",
    "total": "sum",
    "akumulasi": "sum",
    "kumulatif": "sum",
    "last": "last",
    "take last known": "last",
    "akhir": "last",
    "terakhir": "last",
    "tahun terakhir": "last",
    "mean": "mean",
    "average": "mean",
    "rata-rata": "mean",
    "rerata": "mean",
    "max": "max",
    "maximum": "max",
    "maksimum": "max",
    "tertinggi": "max",
    "min": "min",
    "minimum": "min",
    "terendah": "min",
}


def normalise_how(how: str) -> str | None:
    """The aggregation code for *how* ("Jumlah" → "sum", "Take Last Known" → "last"), or None."""
    return _ALIASES.get(" ".join(how.split()).casefold())


@dataclass(frozen=True)
class Aggregate:
    """End-of-period figures, one per indicator.

    ``value`` (NaN with ``reason`` "all-missing" or "how-unknown"); ``how``: the aggregation
    used per indicator; ``count``: years with a value out of ``years``; ``reason``: "" or
    "incomplete" (value computed over the years present), "all-missing", "how-unknown";
    ``groups``: the indicator keys of a long table in order of first appearance (None for a
    matrix); ``table``: all five aggregations (rows in :data:`AGGREGATIONS` order).
    """

    value: FloatArray
    how: ObjectArray
    count: IntArray
    years: int
    reason: ObjectArray
    groups: ObjectArray | None
    table: FloatArray

    def messages(self, lang: str | None = None) -> ObjectArray:
        out = np.full(self.reason.shape, "", dtype=object)
        for code in ("incomplete", "all-missing", "how-unknown"):
            key = f"achievement.period_reason_{code.replace('-', '_')}"
            out[self.reason == code] = t(key, lang)
        return out


def _matrix(
    values: Any, groups: Any, periods: Any
) -> tuple[FloatArray, ObjectArray | None]:
    """The (indicators × years) matrix, from a matrix or from a long table."""
    array = as_float(values)
    if groups is None:
        if array.ndim == 1:
            array = array.reshape(1, -1)
        if array.ndim != 2:
            raise AchievementError("achievement.shape_mismatch", what="values", n=array.shape)
        return array, None
    array = array.ravel()
    keys = np.asarray(groups, dtype=object).ravel()
    if keys.size != array.size:
        raise AchievementError("achievement.shape_mismatch", what="groups", n=array.size)
    uniques, first, inverse = np.unique(keys.astype(str), return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # groups in order of first appearance
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    row = rank[inverse.ravel()]
    if periods is None:
        by_row = np.argsort(row, kind="stable")
        starts = np.searchsorted(row[by_row], np.arange(order.size))
        column = np.empty(array.size, dtype=np.intp)
        column[by_row] = np.arange(array.size) - starts[row[by_row]]
        width = int(column.max()) + 1 if array.size else 0
    else:
        period_keys = np.asarray(periods).ravel()
        if period_keys.size != array.size:
            raise AchievementError("achievement.shape_mismatch", what="periods", n=array.size)
        period_values, column = np.unique(period_keys, return_inverse=True)
        column = column.ravel()
        width = period_values.size
        cell = row * width + column
        counts = np.bincount(cell, minlength=order.size * width)
        if (counts > 1).any():
            first_dup = int(np.flatnonzero(counts > 1)[0])
            raise AchievementError(
                "achievement.duplicate_year",
                group=str(uniques[order[first_dup // width]]),
                year=str(period_values[first_dup % width]),
            )
    matrix = np.full((order.size, width), np.nan)
    matrix[row, column] = array
    return matrix, uniques[order].astype(object)


def _hows(how: Any, n: int) -> tuple[IntArray, ObjectArray, NDArray[np.bool_]]:
    """Index into AGGREGATIONS per indicator, the code, and rows with an unknown rule."""
    if isinstance(how, str):
        code = normalise_how(how)
        if code is None:
            raise AchievementError("achievement.unknown_aggregation", how=how)
        return (
            np.full(n, AGGREGATIONS.index(code), dtype=np.int64),
            np.full(n, code, dtype=object),
            np.zeros(n, dtype=bool),
        )
    words = np.asarray(how, dtype=object).ravel()
    if words.size != n:
        raise AchievementError("achievement.shape_mismatch", what="how", n=n)
    distinct, inverse = np.unique(words.astype(str), return_inverse=True)
    codes = [normalise_how(str(w)) for w in distinct]  # one per distinct rule name
    index = np.array([AGGREGATIONS.index(c) if c else 0 for c in codes], dtype=np.int64)
    unknown = np.array([c is None for c in codes], dtype=bool)[inverse.ravel()]
    names = np.array([c or "" for c in codes], dtype=object)[inverse.ravel()]
    return index[inverse.ravel()], names, unknown


def aggregate(
    values: Any, how: Any = "last", *, groups: Any = None, periods: Any = None
) -> Aggregate:
    """End-of-period figure of each indicator.

    *values*: a matrix (one row per indicator, years in order as columns) or, with *groups*,
    a long column of yearly values (*groups* the indicator of each value, *periods* the year;
    without *periods* the input order is the year order).  *how*: one rule for all or one per
    indicator: ``sum``, ``last`` (last known value), ``mean``, ``max``, ``min`` (Indonesian
    names such as "jumlah", "akhir", "rata-rata" accepted).  Two values for the same indicator
    and year raise :class:`~indikator.core.errors.AchievementError`.
    """
    matrix, keys = _matrix(values, groups, periods)
    n, years = matrix.shape
    present = ~np.isnan(matrix)
    count = present.sum(axis=1).astype(np.int64)
    empty = count == 0
    table = np.full((len(AGGREGATIONS), n), np.nan)
    if years:
        with np.errstate(invalid="ignore", divide="ignore"):
            total = np.nansum(matrix, axis=1)
            table[0] = np.where(empty, np.nan, total)
            last_index = years - 1 - np.argmax(present[:, ::-1], axis=1)
            table[1] = matrix[np.arange(n), last_index]
            table[2] = np.where(empty, np.nan, total / np.maximum(count, 1))
            table[3] = np.fmax.reduce(matrix, axis=1)
            table[4] = np.fmin.reduce(matrix, axis=1)
    index, names, unknown = _hows(how, n)
    value = table[index, np.arange(n)]
    value[unknown] = np.nan
    reason = np.full(n, "", dtype=object)
    reason[(count < years) & ~empty] = "incomplete"
    reason[empty] = "all-missing"
    reason[unknown] = "how-unknown"
    return Aggregate(
        value=value, how=names, count=count, years=years, reason=reason, groups=keys, table=table
    )


@dataclass(frozen=True)
class PeriodCheck:
    """A document's end-of-period figures checked against its yearly figures.

    ``status``: "ok", "mismatch" or "not-checkable" per indicator; ``expected``: the figure
    the yearly values give under ``how``; ``printed``: the document's figure; ``matching``:
    the aggregations the printed figure fits (comma-separated, "" if none), so a mismatch can
    say e.g. "the document summed a percentage"; ``reason``: why not checkable.
    """

    status: ObjectArray
    expected: FloatArray
    printed: FloatArray
    how: ObjectArray
    matching: ObjectArray
    reason: ObjectArray

    def messages(self, lang: str | None = None) -> ObjectArray:
        out = np.full(self.status.shape, "", dtype=object)
        for i in range(self.status.size):  # one message per indicator, for display only
            status = str(self.status[i]).replace("-", "_")
            text = t(f"achievement.period_{status}", lang, how=self.how[i])
            if self.reason[i]:
                code = str(self.reason[i]).replace("-", "_")
                text += " " + t(f"achievement.period_reason_{code}", lang)
            out[i] = text
        return out


def check_end_of_period(
    values: Any,
    printed: Any,
    how: Any = "last",
    *,
    groups: Any = None,
    periods: Any = None,
    decimals: Any = None,
) -> PeriodCheck:
    """Check printed end-of-period figures (one per indicator, in :func:`aggregate`'s order).

    The printed figure may be rounded or truncated to the decimals it shows (or *decimals*);
    see :func:`indikator.capaian.audit.matches_printed`.
    """
    result = aggregate(values, how, groups=groups, periods=periods)
    shown = as_float(printed).ravel()
    if shown.size != result.value.size:
        raise AchievementError("achievement.shape_mismatch", what="printed", n=result.value.size)
    d = infer_decimals(shown) if decimals is None else np.asarray(decimals, dtype=np.int64)
    ok = matches_printed(result.value, shown, d)
    status = np.where(ok, "ok", "mismatch").astype(object)
    reason = np.full(shown.size, "", dtype=object)
    missing_printed = ~np.isfinite(shown)
    missing_expected = ~np.isfinite(result.value)
    reason[missing_expected] = result.reason[missing_expected]
    reason[missing_printed] = "printed-missing"
    status[missing_printed | missing_expected] = "not-checkable"
    matching = np.full(shown.size, "", dtype=object)
    for row, name in enumerate(AGGREGATIONS):
        hit = matches_printed(result.table[row], shown, d)
        joined = np.where(matching[hit] == "", name, "," + name).astype(object)
        matching[hit] = matching[hit] + joined
    return PeriodCheck(
        status=status,
        expected=result.value,
        printed=shown,
        how=result.how,
        matching=matching,
        reason=reason,
    )
