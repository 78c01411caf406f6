"""Capaian (achievement) of performance indicators: realisation against target, vectorised.

What it does (the rules and their sources: ``docs/capaian.md``):

- numeric targets: higher is better ``R / T × 100``; lower is better ``(2T − R) / T × 100``
  (both PermenPANRB 8/2021); ``T / R × 100`` only when ``method="inverse"`` is asked for
  (no regulation found; some applications use it);
- range targets ("80 – 90", "7 – 8 bulan"): above the range the upper bound is the target,
  below it the lower bound (both polarities, PermenPANRB 8/2021); inside the range 100, which
  is *our interpretation* (the regulation is silent) and is named so in ``metode``;
- comparison targets ("< 20 %", "≥ 95"): met / not met only, strictness respected;
- categorical targets on an ordinal scale ("BB" vs "B", "WTP" vs "WDP"): met / not met and the
  number of levels apart; a percentage only through an explicit mapping code → score;
- capaian keuangan (spending / budget × 100) and the efficiency comparison of a Renja
  evaluation (capaian kinerja vs capaian keuangan);
- an audit of printed capaian: ok / mismatch / not-checkable, tolerant of the document's
  rounding, with the typical errors of published tables recognised.

Every detailed result names the method of each row (``metode``, see :data:`METHODS` and
:func:`describe_method`) and why a value is missing (``reason``, see :data:`REASONS`).  Target
0, missing or non-finite values and negative values never crash and never become a silent 0 or
100: they give NaN with a reason.  Caps and floors are options, off by default.

What it does not do: read text cells (``indikator.documents.numbers`` turns "80 – 90" into bounds),
rate
capaian into categories (``indikator.scales.scale``), or aggregate years
(``indikator.capaian.period``).
pandas is never imported here; Series are accepted and returned with their index (input and
output shaping: :mod:`indikator.core.shapes`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np

from indikator.capaian.direction import direction_word
from indikator.capaian.direction_rows import _direction_rows, _directions
from indikator.capaian.rows import (
    Achievement,
    BoolArray,
    FloatArray,
    ObjectArray,
    _apply_limits,
    _broadcast,
    _numeric_options,
    _Rows,
)
from indikator.core.errors import AchievementError
from indikator.core.shapes import as_float, first_series, is_pandas, like_input

__all__ = [
    "achievement",
    "achievement_detail",
    "comparison_achievement",
    "range_achievement",
]

# --------------------------------------------------------------------------- numeric targets


def _numeric(
    rows: _Rows,
    r: FloatArray,
    t_: FloatArray,
    lower: BoolArray,
    inverse: bool,
    active: BoolArray | None = None,
) -> None:
    """Capaian of *r* against *t_* into *rows* (only rows in *active*, if given)."""
    sel = slice(None) if active is None else active
    rr, tt, lo = r[sel], t_[sel], lower[sel]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        value = np.divide(rr, tt)
        value *= 100.0
        if inverse:
            np.divide(tt, rr, out=value, where=lo)
            np.multiply(value, 100.0, out=value, where=lo)
        else:
            np.subtract(200.0, value, out=value, where=lo)
    full_lower = lower if active is None else active & lower
    full_higher = ~lower if active is None else active & ~lower
    if active is None:
        rows.value[:] = value
    else:
        rows.value[active] = value
    rows.metode[full_lower] = "lower-inverse" if inverse else "lower"
    rows.metode[full_higher] = "higher"


def _numeric_reasons(
    rows: _Rows,
    r: FloatArray,
    t_: FloatArray,
    lower: BoolArray,
    unknown_direction: BoolArray,
    inverse: bool,
    allow_negative: bool,
    active: BoolArray | None = None,
) -> None:
    act = np.ones(r.shape, dtype=bool) if active is None else active
    r_nan, t_nan = np.isnan(r), np.isnan(t_)
    rows.flag(act & r_nan, "actual-missing")
    rows.flag(act & t_nan, "target-missing")
    rows.flag(act & (np.isinf(r) | np.isinf(t_)), "not-finite")
    rows.flag(act & unknown_direction, "direction-unknown")
    with np.errstate(invalid="ignore"):
        rows.flag(act & (t_ < 0), "target-negative")
        rows.flag(act & (t_ == 0), "target-zero")
        if not allow_negative:
            rows.flag(act & (r < 0), "actual-negative")
        if inverse:
            rows.flag(act & lower & (r == 0), "actual-zero")


def _met_numeric(r: FloatArray, t_: FloatArray, lower: BoolArray, known: BoolArray) -> BoolArray:
    with np.errstate(invalid="ignore"):
        return np.where(lower, r <= t_, r >= t_) & known


def achievement(
    actual: Any,
    target: Any,
    direction: Any = "higher",
    method: str | None = None,
    *,
    cap: float | None = None,
    floor: float | None = None,
    allow_negative: bool = False,
) -> Any:
    """Capaian (%) of *actual* against a numeric *target*, in the shape of the input.

    *direction* "higher"/"naik" (R/T×100) or "lower"/"turun" ((2T−R)/T×100), one for all rows
    or one per row: words (each distinct word read once; unknown or missing → NaN), a boolean
    mask (True = lower is better) or a pandas categorical.  For 10^6 rows a mask, a
    categorical, and words as ``pandas.read_csv`` gives them (a ``str`` Series or its
    ``to_numpy()``: cells share one object per word) cost no more than the two fixed-direction
    calls; an array of a million separately made ``str`` objects (``astype(object)`` of text)
    costs about five times that (one text comparison pass per distinct word; see
    ``benchmarks/README.md``).  ``method="inverse"`` uses T/R×100 for lower-is-better rows.
    Target ≤ 0, missing or infinite values, negative realisations (unless *allow_negative*)
    and, for the inverse method, realisation 0 give NaN; :func:`achievement_detail` says why
    per row.  *cap* / *floor* clip the result (off by default).  Scalars give a float, arrays
    an array, a pandas Series a Series with the same index.
    """
    inverse = _numeric_options(method, cap, floor)
    r, t_ = as_float(actual), as_float(target)
    template = first_series(actual, target)
    if isinstance(direction, str) and r.shape == t_.shape:
        lower = direction_word(direction)
        if lower is None:
            raise AchievementError("achievement.unknown_direction", direction=direction)
        value = _fast(r, t_, lower, inverse, allow_negative)
        _apply_limits(value, None, None, cap, floor)
        return like_input(value, r.shape, template)
    if r.shape == t_.shape and r.size > 1:  # a direction per row
        lower_rows, unknown_rows = _direction_rows(direction, r.size)
        if inverse:  # two formulas (R/T, T/R): both, then choose
            value = np.where(lower_rows.reshape(r.shape),
                             _fast(r, t_, True, inverse, allow_negative),
                             _fast(r, t_, False, inverse, allow_negative))
        else:  # one quotient; lower rows get 200 − R/T×100 in the same pass
            value = _fast(r, t_, False, inverse, allow_negative, lower_rows)
        if unknown_rows is not None:  # few rows as a rule: indexing beats putmask's full pass
            value[unknown_rows.reshape(r.shape)] = np.nan
        _apply_limits(value, None, None, cap, floor)
        return like_input(value, r.shape, template)
    detail = achievement_detail(
        actual, target, direction, method, cap=cap, floor=floor, allow_negative=allow_negative
    )
    return like_input(detail.value, detail.value.shape, template)


_CHUNK: Final = 1 << 17
_INF_BITS: Final = np.uint64(0x7FF0000000000000)
_SAFE_QUOTIENT: Final = np.finfo(np.float64).max / 200.0  # × 100 (and 200 − …) stays finite
_SAFE_BITS: Final = np.array(_SAFE_QUOTIENT).view(np.uint64)
_max: Final = np.maximum.reduce  # the ufunc itself: no per-call wrapper in a chunk loop


def _fast(r: FloatArray, t_: FloatArray, lower: bool, inverse: bool, allow: bool,
          choose: BoolArray | None = None) -> FloatArray:
    """The formula over whole arrays, then NaN where a reason would apply.

    Works in cache-sized chunks.  While computing, it checks cheaply that no row needs a
    reason: the bits of a float read as an unsigned integer order like the float itself for
    non-negative values and are huge for negative ones and NaN, so one integer ``max`` says
    that the denominator is finite and not negative and that the quotient is non-negative and
    small enough not to overflow when scaled (a target 0 shows as an infinite or NaN
    quotient).  Only if that fails are the masks built.

    *choose* (a direction per row, with ``lower=False`` and not *inverse*): the rows that
    take the lower-is-better formula, as ``200 − R/T×100``, bit for bit the ``(2T − R)/T×100``
    of a ``lower=True`` call (that call computes ``q×(−100) + 200``; negating is exact, and
    IEEE subtraction is the addition of the negation), with NaN on the same rows.
    """
    shape = r.shape
    rf, tf = np.ascontiguousarray(r).ravel(), np.ascontiguousarray(t_).ravel()
    num, den = (tf, rf) if lower and inverse else (rf, tf)
    value = np.empty(rf.size)
    den_bits, value_bits = den.view(np.uint64), value.view(np.uint64)
    select = None if choose is None else _Select(choose.ravel())
    clean = True
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for start in range(0, rf.size, _CHUNK):
            stop = start + _CHUNK
            out = value[start:stop]
            np.divide(num[start:stop], den[start:stop], out=out)
            if clean:
                clean = bool(_max(den_bits[start:stop]) < _INF_BITS)
                if allow:
                    clean = clean and bool(np.abs(out).max() < _SAFE_QUOTIENT)
                else:
                    clean = clean and bool(_max(value_bits[start:stop]) < _SAFE_BITS)
                if lower and inverse:  # a target +0 gives a quotient 0
                    clean = clean and bool(out.min() > 0)
            if lower and not inverse:
                out *= -100.0
                out += 200.0
            else:
                out *= 100.0
            if select is not None:
                select(out, start)
    if not clean:
        with np.errstate(invalid="ignore"):
            bad = ~(tf > 0) | np.isinf(tf) | np.isinf(rf) | np.isnan(rf) | np.isinf(value)
            if not allow:
                bad |= rf < 0
            if lower and inverse:
                bad |= rf == 0
        value[bad] = np.nan
    return value.reshape(shape)


class _Select:
    """Puts ``200 − x`` into the chosen rows of a chunk without branches or a masked loop.

    The chunk's values and ``200 − values`` are merged through their bits: ``x ^ ((x ^ y) &
    m)`` with ``m`` all ones on chosen rows (the mask's bytes 1 / 0, negated as int64).
    On a mask choosing 20 % of 10^6 rows at random, numpy's masked ``subtract(…, where=mask)``
    costs about 5 ns a row and ``np.where`` 2–3 ns; these passes over a cached chunk about
    1.4 ns (``benchmarks/bench_sql_direction.py``)."""

    def __init__(self, choose: BoolArray) -> None:
        self.choose = choose.view(np.uint8)
        self.spare = np.empty(min(_CHUNK, choose.size))
        self.bits = np.empty(self.spare.size, dtype=np.int64)
        self.flags = np.empty(self.spare.size, dtype=bool)

    def __call__(self, out: FloatArray, start: int) -> None:
        size = out.size
        spare, bits, flags = self.spare[:size], self.bits[:size], self.flags[:size]
        np.subtract(200.0, out, out=spare)
        # a caller's mask may hold any nonzero byte for True (np.frombuffer): made 0 / 1
        # first, as numpy's own where reads it, so that −1 has all bits set
        np.not_equal(self.choose[start:start + size], 0, out=flags)
        np.negative(flags.view(np.int8), out=bits)  # 1 → −1: all bits set
        spare_bits = spare.view(np.int64)
        np.bitwise_xor(spare_bits, out.view(np.int64), out=spare_bits)
        np.bitwise_and(spare_bits, bits, out=spare_bits)
        np.bitwise_xor(out.view(np.int64), spare_bits, out=out.view(np.int64))


def achievement_detail(
    actual: Any,
    target: Any,
    direction: Any = "higher",
    method: str | None = None,
    *,
    cap: float | None = None,
    floor: float | None = None,
    allow_negative: bool = False,
) -> Achievement:
    """Like :func:`achievement`, with ``metode``, ``reason`` and ``met`` for every row."""
    inverse = _numeric_options(method, cap, floor)
    rows, shape = _numeric_rows(actual, target, direction, inverse, allow_negative)
    rows.limits(cap, floor)
    return rows.finish(shape)


def _numeric_rows(
    actual: Any, target: Any, direction: Any, inverse: bool, allow_negative: bool
) -> tuple[_Rows, tuple[int, ...]]:
    shape, (r, t_) = _broadcast(as_float(actual), as_float(target))
    lower, unknown = _directions(direction, r.size)
    rows = _Rows(r.size)
    _numeric(rows, r, t_, lower, inverse)
    _numeric_reasons(rows, r, t_, lower, unknown, inverse, allow_negative)
    known = np.isfinite(r) & np.isfinite(t_) & ~unknown
    rows.set_met(_met_numeric(r, t_, lower, known), known)
    return rows, shape


# --------------------------------------------------------------------------- range targets


def _range(
    rows: _Rows,
    r: FloatArray,
    low: FloatArray,
    high: FloatArray,
    lower: BoolArray,
    unknown: BoolArray,
    inverse: bool,
    allow_negative: bool,
    active: BoolArray,
) -> None:
    with np.errstate(invalid="ignore"):
        above = active & (r > high)
        inside = active & (r >= low) & (r <= high) & ~above
    bound = np.where(above, high, low)
    outside = active & ~inside  # below the range, or undetermined (then with a reason)
    _numeric(rows, r, bound, lower, inverse, outside)
    rows.metode[outside] = np.where(above[outside], "range-upper:", "range-lower:").astype(
        object
    ) + rows.metode[outside].astype(object)
    rows.value[inside] = 100.0
    rows.metode[inside] = "range-inside"
    rows.flag(active & np.isnan(r), "actual-missing")
    rows.flag(active & (np.isnan(low) | np.isnan(high)), "target-missing")
    rows.flag(active & (np.isinf(r) | np.isinf(low) | np.isinf(high)), "not-finite")
    with np.errstate(invalid="ignore"):
        rows.flag(active & (low > high), "range-invalid")
    rows.flag(active & unknown, "direction-unknown")
    _numeric_reasons(rows, r, bound, lower, unknown, inverse, allow_negative, outside)
    known = active & np.isfinite(r) & np.isfinite(low) & np.isfinite(high) & ~unknown
    with np.errstate(invalid="ignore"):
        met = np.where(lower, r <= high, r >= low) & ~(low > high)
    rows.met[active] = (met & known)[active]
    rows.met_known[active] = known[active]


def range_achievement(
    actual: Any,
    low: Any,
    high: Any,
    direction: Any = "higher",
    method: str | None = None,
    *,
    cap: float | None = None,
    floor: float | None = None,
    allow_negative: bool = False,
) -> Achievement:
    """Capaian against a range target [low, high] (PermenPANRB 8/2021).

    Above the range the upper bound is the target, below it the lower bound, with the formula
    of *direction* (and *method*); e.g. 80–90 higher-is-better: 92 → 102,22, 70 → 87,5;
    7–8 lower-is-better: 6,5 → 107,14, 9 → 87,5.  Inside the range (bounds included) the
    capaian is 100: an interpretation, ``metode = "range-inside"``.  ``met``: at least the lower
    bound (higher is better) or at most the upper bound (lower is better).
    """
    inverse = _numeric_options(method, cap, floor)
    shape, (r, lo, hi) = _broadcast(as_float(actual), as_float(low), as_float(high))
    lower, unknown = _directions(direction, r.size)
    rows = _Rows(r.size)
    _range(rows, r, lo, hi, lower, unknown, inverse, allow_negative, np.ones(r.size, bool))
    rows.limits(cap, floor)
    return rows.finish(shape)


# --------------------------------------------------------------------------- comparison targets

_OPS: Final[dict[str, Callable[[FloatArray, FloatArray], BoolArray]]] = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "=": np.equal,
}
_OP_ALIASES: Final = {"≤": "<=", "=<": "<=", "≥": ">=", "=>": ">=", "==": "=", "<": "<"}


def _normalise_op(op: Any) -> str | None:
    if not isinstance(op, str):
        return None
    text = op.strip()
    text = _OP_ALIASES.get(text, text)
    return text if text in _OPS else None


def _comparison(
    rows: _Rows, r: FloatArray, ops: ObjectArray, bound: FloatArray, active: BoolArray
) -> None:
    rows.metode[active] = "comparison"
    known = active & np.isfinite(r) & np.isfinite(bound)
    unknown_op = np.zeros(r.size, dtype=bool)
    met = np.zeros(r.size, dtype=bool)
    codes, inverse = np.unique(ops.astype(str), return_inverse=True)
    for index, code in enumerate(codes):  # one pass per distinct operator, not per row
        op = _normalise_op(str(code))
        mask = active & (inverse.ravel() == index)
        if op is None:
            unknown_op |= mask
            continue
        with np.errstate(invalid="ignore"):
            met[mask] = _OPS[op](r[mask], bound[mask])
    rows.flag(active & np.isnan(r), "actual-missing")
    rows.flag(active & np.isnan(bound), "target-missing")
    rows.flag(active & ~np.isnan(r) & ~np.isfinite(r), "not-finite")
    rows.flag(unknown_op, "op-unknown")
    rows.flag(active, "comparison-target")
    known &= ~unknown_op
    rows.met[active] = (met & known)[active]
    rows.met_known[active] = known[active]


def comparison_achievement(actual: Any, op: Any, bound: Any) -> Achievement:
    """Met / not met against a comparison target ("< 20 %", "> 1", "≥ 95").

    *op* is one of ``<  <=  >  >=  =`` (also ``≤ ≥ =< => ==``), one for all rows or one per
    row; the strictness is respected (``< 20`` is not met by 20).  No capaian percentage is
    defined for such targets: ``value`` is NaN with reason ``comparison-target``.  An unknown
    operator given once raises; given per row it gives reason ``op-unknown`` for that row.
    """
    shape, (r, b) = _broadcast(as_float(actual), as_float(bound))
    ops = _object_column(op, r.size, "op")
    if isinstance(op, str) and _normalise_op(op) is None:
        raise AchievementError("achievement.unknown_op", op=op)
    rows = _Rows(r.size)
    _comparison(rows, r, ops, b, np.ones(r.size, dtype=bool))
    return rows.finish(shape)


def _float_column(value: Any, n: int, what: str) -> FloatArray:
    array = as_float(value).ravel()
    if array.size == 1:
        return np.repeat(array, n)
    if array.size != n:
        raise AchievementError("achievement.shape_mismatch", what=what, n=n)
    return array


def _object_column(value: Any, n: int, what: str) -> ObjectArray:
    if is_pandas(value):
        value = value.to_numpy(dtype=object, na_value=None)
    array = np.asarray(value, dtype=object).ravel()
    if array.size == 1:
        return np.repeat(array, n)
    if array.size != n:
        raise AchievementError("achievement.shape_mismatch", what=what, n=n)
    return array
