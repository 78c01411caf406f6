"""Capaian of the other target kinds: categories on an ordinal scale ("BB" vs "B"), tables of
mixed target kinds (numbers, ranges, comparisons, categories), and money (capaian keuangan,
efficiency of a Renja row).

Builds on the numeric rules of :mod:`~indikator.capaian.methods`; pandas is never imported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from indikator.capaian.direction_rows import _directions
from indikator.capaian.methods import (
    _comparison,
    _float_column,
    _met_numeric,
    _numeric,
    _numeric_reasons,
    _numeric_rows,
    _object_column,
    _range,
    achievement_detail,
)
from indikator.capaian.rows import (
    Achievement,
    BoolArray,
    FloatArray,
    ObjectArray,
    _check_limits,
    _numeric_options,
    _reason_messages,
    _Rows,
)
from indikator.core.errors import AchievementError
from indikator.core.shapes import as_float, is_pandas, na_mask

__all__ = [
    "Efficiency",
    "achievement_targets",
    "efficiency",
    "financial_achievement",
    "ordinal_achievement",
]

# --------------------------------------------------------------------------- ordinal targets


RankOf = Callable[[str], float]


def _rank_function(order: Any) -> tuple[RankOf, list[str]]:
    """A rank lookup (higher = better, NaN = not on the scale) and the codes best-first.

    *order* is a sequence of codes best-first, or a Scale of ``indikator.scales.scale`` (its
    ``rank`` then decides, aliases and labels included, equal ranks where the scale leaves
    the order open, e.g. TW and TMP of ``opini-bpk``).
    """
    if isinstance(order, str):
        raise AchievementError("achievement.bad_order", order=order)
    scale_rank = getattr(order, "rank", None)
    ordinal = getattr(order, "ordinal_codes", None)
    if callable(scale_rank) and callable(ordinal):
        codes = [str(c) for c in ordinal()]

        def rank_of(code: str) -> float:
            try:
                return float(scale_rank(code))
            except (KeyError, ValueError):
                return float("nan")

        return rank_of, codes
    codes = [str(c) for c in order]
    index = {_fold(code): len(codes) - position for position, code in enumerate(codes)}
    return (lambda code: float(index.get(_fold(code), np.nan))), codes


def _fold(code: str) -> str:
    return " ".join(code.split()).casefold()


def _ranks(codes: ObjectArray, rank_of: RankOf) -> tuple[FloatArray, BoolArray]:
    """Rank (higher = better) of each code, NaN where missing or unknown; and the missing
    mask.  The lookup runs once per distinct code, not per row."""
    missing = na_mask(codes)
    ranks = np.full(codes.size, np.nan)
    present = ~missing
    if present.any():
        words, inverse = np.unique(codes[present].astype(str), return_inverse=True)
        lookup = np.array([rank_of(str(w)) for w in words], dtype=np.float64)
        ranks[present] = lookup[inverse.ravel()]
    return ranks, missing


def _ordinal(
    rows: _Rows,
    actual: ObjectArray,
    target: ObjectArray,
    rank_of: RankOf,
    mapping: Mapping[str, float] | None,
    active: BoolArray,
) -> None:
    r_rank, r_missing = _ranks(actual, rank_of)
    t_rank, t_missing = _ranks(target, rank_of)
    rows.metode[active] = "ordinal"
    rows.flag(active & r_missing, "actual-missing")
    rows.flag(active & t_missing, "target-missing")
    rows.flag(active & (np.isnan(r_rank) | np.isnan(t_rank)), "category-unknown")
    known = active & np.isfinite(r_rank) & np.isfinite(t_rank)
    levels = r_rank - t_rank
    rows.levels[known] = levels[known]
    rows.met[active] = (known & (levels >= 0))[active]
    rows.met_known[active] = known[active]
    if mapping is None:
        rows.flag(active, "category-no-mapping")
        return
    scores = {_fold(str(k)): float(v) for k, v in mapping.items()}
    r_score = _scores(actual, scores)
    t_score = _scores(target, scores)
    rows.flag(active & (np.isnan(r_score) | np.isnan(t_score)), "category-unmapped")
    higher = np.zeros(rows.value.size, dtype=bool)
    _numeric(rows, r_score, t_score, higher, False, active)
    _numeric_reasons(rows, r_score, t_score, higher, higher, False, False, active)
    rows.metode[active] = "ordinal-mapping"


def _rate_numbers(codes: ObjectArray, numbers: FloatArray, order: Any) -> ObjectArray:
    """Where a realisation is a number but the target a category (Nilai AKIP 63,00 against
    "BB"), rate the number on *order* when it is an interval Scale; otherwise leave it."""
    rate = getattr(order, "rate", None)
    if not callable(rate) or getattr(order, "kind", None) != "interval":
        return codes
    need = na_mask(codes) & np.isfinite(numbers)
    if not need.any():
        return codes
    rated = np.atleast_1d(np.asarray(rate(numbers[need]).code, dtype=object))
    codes = codes.copy()
    codes[need] = rated
    return codes


def _scores(codes: ObjectArray, scores: Mapping[str, float]) -> FloatArray:
    return _ranks(codes, lambda code: scores.get(_fold(code), np.nan))[0]


def ordinal_achievement(
    actual: Any,
    target: Any,
    order: Any,
    *,
    mapping: Mapping[str, float] | None = None,
    cap: float | None = None,
    floor: float | None = None,
) -> Achievement:
    """Categorical target on an ordinal scale: met / not met and levels apart.

    *order* lists the codes best-first (e.g. ``["AA", "A", "BB", "B", "CC", "C", "D"]`` or
    ``["WTP", "WDP", "TW", "TMP"]``) or is a Scale of ``indikator.scales.scale`` (its ranks, aliases
    and labels are used); codes compare case- and space-insensitively.  ``levels`` = the
    levels the realisation stands above the target (BB against target A → −1).  A percentage
    only through *mapping* (code → score): score(R) / score(T) × 100,
    ``metode = "ordinal-mapping"``; without it ``value`` is NaN with reason
    ``category-no-mapping``.  Numeric realisations (an array of numbers) are first rated on
    *order* when it is an interval Scale (Nilai AKIP 63,00 → B against target BB).
    """
    _check_limits(cap, floor)
    rank_of, _ = _rank_function(order)
    acts, tgts = (
        np.asarray(x.to_numpy(dtype=object, na_value=None) if is_pandas(x) else x, dtype=object)
        for x in (actual, target)
    )
    try:
        acts, tgts = np.broadcast_arrays(acts, tgts)
    except ValueError:
        raise AchievementError("achievement.shape_mismatch", what="actual/target", n="?") from None
    shape = acts.shape
    raw = actual.to_numpy() if is_pandas(actual) else np.asarray(actual)
    if raw.dtype.kind in "fiu":  # numeric realisations: rate them on an interval Scale
        numbers = np.broadcast_to(as_float(raw), shape).ravel()
        acts = _rate_numbers(np.full(acts.size, None, dtype=object), numbers, order)
        acts = acts.reshape(shape)
    rows = _Rows(acts.size)
    _ordinal(rows, acts.ravel(), tgts.ravel(), rank_of, mapping, np.ones(acts.size, dtype=bool))
    rows.limits(cap, floor)
    return rows.finish(shape)


# --------------------------------------------------------------------------- mixed targets


def achievement_targets(
    actual: Any,
    *,
    kind: Any,
    value: Any = np.nan,
    low: Any = np.nan,
    high: Any = np.nan,
    op: Any = "",
    category: Any = None,
    actual_category: Any = None,
    direction: Any = "higher",
    method: str | None = None,
    order: Any = None,
    mapping: Mapping[str, float] | None = None,
    cap: float | None = None,
    floor: float | None = None,
    allow_negative: bool = False,
) -> Achievement:
    """Capaian of a table whose targets are of mixed kinds, one row each, in input order.

    Columns follow ``indikator.documents.numbers.Quantity``: *kind* per row is "number" (uses
    *value*),
    "range" (*low*, *high*), "comparison" (*op*, bound in *value*), "category" (*category*,
    compared with *actual_category* on *order*; where that is empty and *order* is an
    interval Scale, the numeric realisation is rated on it), "missing" or "unread" (reason
    ``target-unread``).  Each kind is computed on its rows at once; a row of unknown kind gets
    reason ``kind-unknown``, a category row without *order* reason ``category-needs-scale``.
    """
    inverse = _numeric_options(method, cap, floor)
    r = as_float(actual).ravel()
    n = r.size
    kinds = _object_column(kind, n, "kind").astype(str)
    v, lo, hi = (_float_column(x, n, name) for x, name in ((value, "value"), (low, "low"),
                                                          (high, "high")))
    lower, unknown = _directions(direction, n)
    rows = _Rows(n)
    is_category = kinds == "category"
    is_range = kinds == "range"
    is_comparison = kinds == "comparison"
    is_missing = kinds == "missing"
    is_unread = kinds == "unread"
    unknown_kind = ~(
        is_category | is_range | is_comparison | is_missing | is_unread | (kinds == "number")
    )
    rows.flag(unknown_kind, "kind-unknown")
    rows.flag(is_unread, "target-unread")
    is_missing |= is_unread
    rows.flag(is_missing, "target-missing")
    # missing and unknown kinds go through the numeric rule (NaN target) to name a metode
    is_number = ~(is_category | is_range | is_comparison)
    v = np.where(is_missing | unknown_kind, np.nan, v)
    if is_number.any():
        _numeric(rows, r, v, lower, inverse, is_number)
        _numeric_reasons(rows, r, v, lower, unknown, inverse, allow_negative, is_number)
        known = is_number & np.isfinite(r) & np.isfinite(v) & ~unknown
        rows.met[is_number] = _met_numeric(r, v, lower, known)[is_number]
        rows.met_known[is_number] = known[is_number]
    if is_range.any():
        _range(rows, r, lo, hi, lower, unknown, inverse, allow_negative, is_range)
    if is_comparison.any():
        _comparison(rows, r, _object_column(op, n, "op"), v, is_comparison)
    if is_category.any():
        if order is None:
            rows.metode[is_category] = "ordinal"
            rows.flag(is_category, "category-needs-scale")
        else:
            acts = _rate_numbers(_object_column(actual_category, n, "actual_category"), r, order)
            _ordinal(
                rows, acts, _object_column(category, n, "category"), _rank_function(order)[0],
                mapping, is_category,
            )
    rows.limits(cap, floor)
    return rows.finish(r.shape)


# --------------------------------------------------------------------------- money


def financial_achievement(
    spending: Any, budget: Any, *, cap: float | None = None, floor: float | None = None
) -> Achievement:
    """Capaian keuangan: realisasi anggaran / pagu × 100 (``metode = "financial"``).

    Common practice of Renja / RKPD evaluation tables (Permendagri 86/2017).  Budget 0,
    negative or missing amounts give NaN with a reason; ``met`` is spending ≥ budget (the
    budget fully absorbed), as for any higher-is-better capaian.
    """
    _check_limits(cap, floor)
    rows, shape = _numeric_rows(spending, budget, "higher", False, False)
    rows.metode[:] = "financial"
    rows.limits(cap, floor)
    return rows.finish(shape)


@dataclass(frozen=True)
class Efficiency:
    """Efficiency of a Renja evaluation row: capaian kinerja against capaian keuangan.

    ``ratio`` = kinerja / keuangan × 100 (NaN with ``reason`` where not computable);
    ``status``: "efficient" (kinerja ≥ keuangan − tolerance), "inefficient", or
    "not-checkable".  ``metode`` is "efficiency".
    """

    ratio: FloatArray
    status: ObjectArray
    reason: ObjectArray
    metode: str = "efficiency"

    def messages(self, lang: str | None = None) -> ObjectArray:
        return _reason_messages(self.reason, lang)


def efficiency(performance: Any, financial: Any, *, tolerance: float = 0.0) -> Efficiency:
    """Compare capaian kinerja (*performance*, %) with capaian keuangan (*financial*, %).

    Rule (common practice in Renja evaluations under Permendagri 86/2017, which prescribes
    the tables with both realisations but no formula for the comparison): a program is
    efficient when its capaian kinerja is at least its capaian keuangan (less money spent per
    unit of performance than planned).  Missing values, negative values and capaian keuangan
    0 are "not-checkable" with a reason.
    """
    detail = achievement_detail(performance, financial, "higher")
    with np.errstate(invalid="ignore"):
        efficient = as_float(performance) >= as_float(financial) - tolerance
    efficient = np.broadcast_to(efficient, detail.value.shape)
    status = np.where(efficient, "efficient", "inefficient").astype(object)
    status[detail.reason != ""] = "not-checkable"
    return Efficiency(ratio=detail.value, status=status, reason=detail.reason)
