"""Capaian (achievement) of performance indicators: realisation against target, vectorised.

What it does (facts and sources: ``shared/DOMAIN.md`` §2 and §6):

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
  rounding, with the typical errors of DOMAIN §6 recognised.

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

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.core.errors import AchievementError
from indikator.core.i18n import t
from indikator.core.shapes import as_float, first_series, is_pandas, like_input, na_mask

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
ObjectArray = NDArray[np.object_]

__all__ = [
    "AUDIT_ERRORS",
    "METHODS",
    "REASONS",
    "Achievement",
    "Audit",
    "Efficiency",
    "Method",
    "achievement",
    "achievement_detail",
    "achievement_targets",
    "audit",
    "comparison_achievement",
    "describe_method",
    "direction_word",
    "efficiency",
    "financial_achievement",
    "infer_decimals",
    "matches_printed",
    "ordinal_achievement",
    "range_achievement",
]


# --------------------------------------------------------------------------- methods


@dataclass(frozen=True)
class Method:
    """One capaian rule: its code (as in ``metode``), formula, source (a citation, "" where no
    regulation was found), and whether it is only an interpretation (the regulation is silent
    or no regulation was found)."""

    code: str
    formula: str
    source: str
    interpretation: bool = False


_PANRB: Final = "PermenPANRB 8/2021"
_BASE_METHODS: Final = (
    Method("higher", "R / T × 100", f"{_PANRB} (kondisi normal)"),
    Method("lower", "(2T − R) / T × 100", f"{_PANRB} (kondisi khusus)"),
    Method("lower-inverse", "T / R × 100", "", True),
)
_BASE_FORMULAS: Final = {m.code: m for m in _BASE_METHODS}


def _range_methods() -> list[Method]:
    out = [Method("range-inside", "100", _PANRB, True)]
    for side, bound in (("upper", "U"), ("lower", "L")):
        for base in _BASE_METHODS:
            formula = base.formula.replace("T", bound)
            out.append(Method(f"range-{side}:{base.code}", formula, _PANRB, base.interpretation))
    return out


METHODS: Final[Mapping[str, Method]] = {
    m.code: m
    for m in (
        *_BASE_METHODS,
        *_range_methods(),
        Method("comparison", "R op B", "", True),
        Method("ordinal", "rank(T) − rank(R)", "", True),
        Method("ordinal-mapping", "score(R) / score(T) × 100", "", True),
        Method("financial", "spending / budget × 100", "Permendagri 86/2017 (common practice)"),
        Method(
            "efficiency",
            "capaian kinerja / capaian keuangan × 100",
            "Permendagri 86/2017 evaluation tables (common practice)",
            True,
        ),
    )
}
"""Every method code that can appear in ``metode`` (before any ``;cap=…``/``;floor=…``)."""

REASONS: Final = (
    "actual-missing",
    "target-missing",
    "not-finite",
    "direction-unknown",
    "op-unknown",
    "kind-unknown",
    "target-unread",
    "range-invalid",
    "target-negative",
    "target-zero",
    "actual-negative",
    "actual-zero",
    "comparison-target",
    "category-unknown",
    "category-no-mapping",
    "category-unmapped",
    "category-needs-scale",
)
"""Why a capaian value is NaN.  Checked in this order; the first that applies is reported."""


def _key(prefix: str, code: str) -> str:
    return f"achievement.{prefix}_{code.replace('-', '_')}"


def describe_method(metode: str, lang: str | None = None) -> str:
    """A citable sentence for a ``metode`` code, e.g. ``"range-upper:lower;cap=120"``."""
    base, *options = metode.split(";")
    if base not in METHODS:
        raise AchievementError("achievement.unknown_method", method=metode)
    method = METHODS[base]
    if base.startswith("range-") and ":" in base:
        side, inner = base.removeprefix("range-").split(":")
        inner_method = METHODS[inner]
        text = t(
            _key("method_range", side),
            lang,
            base=t(
                _key("method", inner),
                lang,
                formula=inner_method.formula,
                source=inner_method.source,
            ),
            formula=method.formula,
            source=method.source,
        )
    else:
        text = t(_key("method", base), lang, formula=method.formula, source=method.source)
    for option in options:
        name, _, bound = option.partition("=")
        text += " " + t(_key("option", name), lang, bound=bound)
    return text


def _reason_messages(reason: ObjectArray, lang: str | None) -> ObjectArray:
    out = np.full(reason.shape, "", dtype=object)
    for code in np.unique(reason.astype(str)):
        if code:
            out[reason == code] = t(_key("reason", str(code)), lang)
    return out


# --------------------------------------------------------------------------- directions


_HIGHER_WORDS: Final = frozenset({
    "higher", "naik", "up", "max", "positif", "positive", "maximize", "maximise", "maximum",
    "maksimal", "maksimum", "maksimalkan", "meningkat", "peningkatan", "+", "(+)", "↑",
    "higher is better", "tinggi", "meningkat positif",
})
_LOWER_WORDS: Final = frozenset({
    "lower", "turun", "down", "min", "negatif", "negative", "minimize", "minimise", "minimum",
    "minimal", "minimalkan", "menurun", "penurunan", "↓", "lower is better", "rendah",
})
_DIRECTION_FILLER: Final = frozenset({"arah", "indikator", "polaritas", "is", "better", "atau"})
_BETTER_PHRASE: Final = re.compile(
    r"^(?:semakin|makin|lebih)\s+(tinggi|besar|banyak|rendah|kecil|sedikit)\s+"
    r"(?:semakin|makin|lebih)\s+baik$"
)


def direction_word(word: Any) -> bool | None:
    """True for lower-is-better, False for higher-is-better, None for unknown.

    Case, spacing and surrounding punctuation are ignored; the words of :data:`_HIGHER_WORDS`
    and :data:`_LOWER_WORDS` (naik / turun, positif / negatif, maximize / minimize …) and the
    phrases "semakin tinggi (besar, banyak) semakin baik" / "semakin rendah (kecil, sedikit)
    semakin baik" are recognised.
    """
    if not isinstance(word, str):
        return None
    text = " ".join(word.strip().lower().split())
    if text not in _LOWER_WORDS and text not in _HIGHER_WORDS:
        text = " ".join(re.sub(r"[^\w+↑↓]+", " ", text).split())
    if text in _LOWER_WORDS:
        return True
    if text in _HIGHER_WORDS:
        return False
    phrase = _BETTER_PHRASE.match(text)
    if phrase:
        return phrase.group(1) in ("rendah", "kecil", "sedikit")
    # "Positif (+)", "Naik / Meningkat", "Maximize ↑": every word says the same direction
    words = [w for w in re.split(r"[\s/]+|(?<=\w)(?=[+↑↓])", text)
             if w and w not in _DIRECTION_FILLER]
    if words and all(w in _LOWER_WORDS or w in _HIGHER_WORDS for w in words):
        votes = {w in _LOWER_WORDS for w in words}
        if len(votes) == 1:
            return votes.pop()
    return None


_direction_word = direction_word


def _directions(direction: Any, n: int) -> tuple[BoolArray, BoolArray]:
    """(lower-is-better mask, unknown mask) for a scalar or per-row *direction*."""
    if isinstance(direction, str):
        word = _direction_word(direction)
        if word is None:
            raise AchievementError("achievement.unknown_direction", direction=direction)
        return np.full(n, word), np.zeros(n, dtype=bool)
    if is_pandas(direction):
        direction = direction.to_numpy(dtype=object, na_value=None)
    values = np.asarray(direction, dtype=object).ravel()
    if values.size == 1:
        values = np.repeat(values, n)
    if values.size != n:
        raise AchievementError("achievement.shape_mismatch", what="direction", n=n)
    lower = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    missing = na_mask(values)
    present = values[~missing].astype(str) if (~missing).any() else np.array([], dtype=str)
    codes, inverse = np.unique(present, return_inverse=True)
    decoded = [_direction_word(str(c)) for c in codes]  # one per distinct word
    is_lower = np.array([d is True for d in decoded], dtype=bool)
    is_unknown = np.array([d is None for d in decoded], dtype=bool)
    lower[~missing] = is_lower[inverse] if codes.size else False
    unknown[~missing] = is_unknown[inverse] if codes.size else False
    unknown |= missing
    return lower, unknown


def _inverse(method: str | None) -> bool:
    if method is None:
        return False
    text = method.strip().lower()
    if text in {"standard", "default", "permenpanrb", "higher", "lower"}:
        return False
    if text in {"inverse", "lower-inverse", "t/r", "invers"}:
        return True
    raise AchievementError("achievement.unknown_method", method=method)


def _broadcast(*values: FloatArray) -> tuple[tuple[int, ...], list[FloatArray]]:
    try:
        arrays = np.broadcast_arrays(*values)
    except ValueError as error:
        raise AchievementError(
            "achievement.shape_mismatch", what="actual/target", n=str(error)
        ) from None
    shape = arrays[0].shape
    return shape, [np.ascontiguousarray(a).ravel() for a in arrays]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Achievement:
    """Detailed capaian, one entry per row (arrays of the input's broadcast shape).

    ``value``: capaian in percent, NaN where ``reason`` says why; ``metode``: method code per
    row (:data:`METHODS`, plus ``;cap=…``/``;floor=…`` where a cap or floor changed the value);
    ``reason``: "" or a code of :data:`REASONS`; ``met``/``met_known``: whether the target is
    met, where that can be told (also for comparison and categorical targets and for target 0);
    ``levels``: levels apart on an ordinal scale (positive = better than the target), NaN
    elsewhere; ``capped``: where a cap or floor changed the value.
    """

    value: FloatArray
    metode: ObjectArray
    reason: ObjectArray
    met: BoolArray
    met_known: BoolArray
    levels: FloatArray
    capped: BoolArray

    def __len__(self) -> int:
        return int(self.value.size)

    def messages(self, lang: str | None = None) -> ObjectArray:
        """The reason of each row as a sentence in *lang* ("" where there is none)."""
        return _reason_messages(self.reason, lang)

    def to_records(self, lang: str | None = None) -> list[dict[str, Any]]:
        """One dict per row (flattened), JSON-ready: NaN and unknown ``met`` become None."""
        value = self.value.ravel()
        met = self.met.ravel()
        known = self.met_known.ravel()
        levels = self.levels.ravel()
        messages = self.messages(lang).ravel()
        return [
            {
                "capaian": float(value[i]) if np.isfinite(value[i]) else None,
                "metode": str(self.metode.flat[i]),
                "alasan": str(self.reason.flat[i]) or None,
                "pesan": str(messages[i]) or None,
                "tercapai": bool(met[i]) if known[i] else None,
                "selisih_tingkat": int(levels[i]) if np.isfinite(levels[i]) else None,
            }
            for i in range(value.size)
        ]

    def to_frame(self) -> Any:
        """A pandas DataFrame (imports pandas); ``met`` as nullable boolean."""
        import pandas as pd

        met = pd.array(self.met.ravel(), dtype="boolean")
        met[~self.met_known.ravel()] = pd.NA
        return pd.DataFrame(
            {
                "value": self.value.ravel(),
                "metode": self.metode.ravel(),
                "reason": self.reason.ravel(),
                "met": met,
                "levels": self.levels.ravel(),
                "capped": self.capped.ravel(),
            }
        )


class _Rows:
    """Mutable 1-D builder behind every detailed result; the first reason set wins."""

    def __init__(self, n: int, metode: str = "") -> None:
        self.value: FloatArray = np.full(n, np.nan)
        self.metode: ObjectArray = np.full(n, metode, dtype=object)
        self.reason: ObjectArray = np.full(n, "", dtype=object)
        self.has_reason: BoolArray = np.zeros(n, dtype=bool)
        self.met: BoolArray = np.zeros(n, dtype=bool)
        self.met_known: BoolArray = np.zeros(n, dtype=bool)
        self.levels: FloatArray = np.full(n, np.nan)
        self.capped: BoolArray = np.zeros(n, dtype=bool)

    def flag(self, mask: BoolArray, code: str) -> None:
        new = mask & ~self.has_reason
        if new.any():
            self.reason[new] = code
            self.has_reason |= new

    def set_met(self, met: BoolArray, known: BoolArray) -> None:
        self.met = met & known
        self.met_known = known.copy()

    def limits(self, cap: float | None, floor: float | None) -> None:
        _apply_limits(self.value, self.metode, self.capped, cap, floor)

    def finish(self, shape: tuple[int, ...]) -> Achievement:
        self.flag(np.isinf(self.value), "not-finite")  # overflow, e.g. 1e300 / 1e-300
        self.value[self.has_reason] = np.nan
        return Achievement(
            value=self.value.reshape(shape),
            metode=self.metode.reshape(shape),
            reason=self.reason.reshape(shape),
            met=self.met.reshape(shape),
            met_known=self.met_known.reshape(shape),
            levels=self.levels.reshape(shape),
            capped=self.capped.reshape(shape),
        )


def _check_limits(cap: float | None, floor: float | None) -> None:
    for name, bound in (("cap", cap), ("floor", floor)):
        if bound is not None and not np.isfinite(bound):
            raise AchievementError("achievement.bad_limit", option=name, value=bound)
    if cap is not None and floor is not None and floor > cap:
        raise AchievementError("achievement.bad_limit", option="floor > cap", value=floor)


def _numeric_options(method: str | None, cap: float | None, floor: float | None) -> bool:
    """Check the options shared by the numeric entry points; True for the inverse method."""
    _check_limits(cap, floor)
    return _inverse(method)


def _apply_limits(
    value: FloatArray,
    metode: ObjectArray | None,
    capped: BoolArray | None,
    cap: float | None,
    floor: float | None,
) -> None:
    """Clip *value* in place; mark the rows and name the option in *metode*."""
    for bound, compare, name in ((cap, np.greater, "cap"), (floor, np.less, "floor")):
        if bound is None:
            continue
        with np.errstate(invalid="ignore"):
            hit = compare(value, bound)
        if hit.any():
            value[hit] = bound
            if capped is not None:
                capped |= hit
            if metode is not None:
                metode[hit] = metode[hit] + f";{name}={bound:g}"


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
    or one per row; ``method="inverse"`` uses T/R×100 for lower-is-better rows.  Target ≤ 0,
    missing or infinite values, negative realisations (unless *allow_negative*) and, for the
    inverse method, realisation 0 give NaN; :func:`achievement_detail` says why per row.
    *cap* / *floor* clip the result (off by default).  Scalars give a float, arrays an array,
    a pandas Series a Series with the same index.
    """
    inverse = _numeric_options(method, cap, floor)
    r, t_ = as_float(actual), as_float(target)
    template = first_series(actual, target)
    if isinstance(direction, str) and r.shape == t_.shape:
        lower = _direction_word(direction)
        if lower is None:
            raise AchievementError("achievement.unknown_direction", direction=direction)
        value = _fast(r, t_, lower, inverse, allow_negative)
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


def _fast(r: FloatArray, t_: FloatArray, lower: bool, inverse: bool, allow: bool) -> FloatArray:
    """The formula over whole arrays, then NaN where a reason would apply.

    Works in cache-sized chunks.  While computing, it checks cheaply that no row needs a
    reason: the bits of a float read as an unsigned integer order like the float itself for
    non-negative values and are huge for negative ones and NaN, so one integer ``max`` says
    that the denominator is finite and not negative and that the quotient is non-negative and
    small enough not to overflow when scaled (a target 0 shows as an infinite or NaN
    quotient).  Only if that fails are the masks built.
    """
    shape = r.shape
    rf, tf = np.ascontiguousarray(r).ravel(), np.ascontiguousarray(t_).ravel()
    num, den = (tf, rf) if lower and inverse else (rf, tf)
    value = np.empty(rf.size)
    den_bits, value_bits = den.view(np.uint64), value.view(np.uint64)
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
    if not clean:
        with np.errstate(invalid="ignore"):
            bad = ~(tf > 0) | np.isinf(tf) | np.isinf(rf) | np.isnan(rf) | np.isinf(value)
            if not allow:
                bad |= rf < 0
            if lower and inverse:
                bad |= rf == 0
        value[bad] = np.nan
    return value.reshape(shape)


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


# --------------------------------------------------------------------------- audit

AUDIT_ERRORS: Final = (
    "inverted",
    "wrong-polarity",
    "inverse-method",
    "reduction-formula",
    "x100-twice",
    "missing-x100",
)
"""Typical errors of printed capaian recognised by :func:`audit` (DOMAIN §6), in the order
they are tried: T/R for a higher-is-better row; the other polarity's formula; T/R for a
lower-is-better row; (T − R)/T × 100; the capaian × 100 again; the ratio without × 100."""


def infer_decimals(printed: Any, max_decimals: int = 4) -> NDArray[np.int64]:
    """Decimals a printed number shows (70.3 → 1, 73 → 0), from its float value."""
    p = as_float(printed)
    decimals = np.full(p.shape, max_decimals, dtype=np.int64)
    found = ~np.isfinite(p)
    for k in range(max_decimals + 1):  # one pass per number of decimals, not per row
        with np.errstate(invalid="ignore"):
            fits = ~found & (np.abs(np.round(p, k) - p) <= 1e-9 * np.maximum(1.0, np.abs(p)))
        decimals[fits] = k
        found |= fits
    return decimals


def matches_printed(computed: Any, printed: Any, decimals: Any = None) -> BoolArray:
    """Whether *printed* is *computed* shown with *decimals* (rounded or truncated).

    Rounding: |computed − printed| ≤ ½·10^−d; truncation: printed equals computed cut after d
    decimals.  *decimals* defaults to what the printed number shows (:func:`infer_decimals`).
    NaN on either side never matches.
    """
    c, p = as_float(computed), as_float(printed)
    d = infer_decimals(p) if decimals is None else np.asarray(decimals, dtype=np.int64)
    step = np.power(10.0, -d.astype(np.float64))
    eps = 1e-9 * np.maximum(1.0, np.abs(p))
    with np.errstate(invalid="ignore", over="ignore"):
        rounded = np.abs(c - p) <= step / 2 + eps
        # cut towards zero: p ≤ c < p + step (c ≥ 0), p − step < c ≤ p (c < 0)
        truncated = np.where(
            c >= 0, (c >= p - eps) & (c < p + step), (c <= p + eps) & (c > p - step)
        )
    return np.asarray(rounded | truncated, dtype=bool)


@dataclass(frozen=True)
class Audit:
    """Audit of printed capaian, one entry per row.

    ``status``: "ok", "mismatch" or "not-checkable"; ``error``: "" or a code of
    :data:`AUDIT_ERRORS` where a mismatch is recognised; ``reason``: why a row is not
    checkable ("printed-missing", "recomputed-missing"); ``expected``: the recomputed capaian;
    ``decimals``: the decimals the comparison allowed for.
    """

    status: ObjectArray
    error: ObjectArray
    reason: ObjectArray
    expected: FloatArray
    printed: FloatArray
    decimals: NDArray[np.int64]

    def messages(self, lang: str | None = None) -> ObjectArray:
        """One sentence per row in *lang* (status, and the error or reason if any)."""
        out = np.full(self.status.shape, "", dtype=object)
        keys = np.char.add(
            np.char.add(self.status.astype(str), "|"),
            np.char.add(self.error.astype(str), self.reason.astype(str)),
        )
        for key in np.unique(keys):
            status, _, extra = str(key).partition("|")
            text = t(_key("audit", status), lang)
            if extra:
                text += " " + t(_key("audit", extra), lang)
            out[keys == key] = text
        return out


def audit(
    recomputed: Any,
    printed: Any,
    *,
    decimals: Any = None,
    actual: Any = None,
    target: Any = None,
    direction: Any = "higher",
) -> Audit:
    """Check printed capaian against recomputed ones, tolerant of the document's rounding.

    *decimals*: decimals the document printed (default: as the printed value shows them);
    the printed figure may be rounded or truncated.  With *actual* and *target* (numeric) a
    mismatch is classified (:data:`AUDIT_ERRORS`), e.g. 11/15 printed 70,30 → mismatch;
    15/11 × 100 printed for a higher-is-better row → "inverted".
    """
    shape, (c, p) = _broadcast(as_float(recomputed), as_float(printed))
    if decimals is None:
        d = infer_decimals(p)
    else:
        d = np.broadcast_to(np.asarray(decimals, dtype=np.int64), shape).ravel()
    ok = matches_printed(c, p, d)
    status = np.where(ok, "ok", "mismatch").astype(object)
    reason = np.full(c.size, "", dtype=object)
    p_missing, c_missing = ~np.isfinite(p), ~np.isfinite(c)
    reason[c_missing] = "recomputed-missing"
    reason[p_missing] = "printed-missing"
    status[p_missing | c_missing] = "not-checkable"
    error = np.full(c.size, "", dtype=object)
    mismatch = status == "mismatch"
    if mismatch.any():
        for code, candidate in _error_candidates(c, actual, target, direction, shape):
            hit = mismatch & (error == "") & matches_printed(candidate, p, d)
            error[hit] = code
    return Audit(
        status=status.reshape(shape),
        error=error.reshape(shape),
        reason=reason.reshape(shape),
        expected=c.reshape(shape),
        printed=p.reshape(shape),
        decimals=np.asarray(d).reshape(shape),
    )


def _error_candidates(
    c: FloatArray, actual: Any, target: Any, direction: Any, shape: tuple[int, ...]
) -> list[tuple[str, FloatArray]]:
    out: list[tuple[str, FloatArray]] = []
    nan = np.full(c.size, np.nan)
    if actual is not None and target is not None:
        r = np.broadcast_to(as_float(actual), shape).ravel()
        t_ = np.broadcast_to(as_float(target), shape).ravel()
        lower, _ = _directions(direction, c.size)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = r / t_ * 100.0
            swapped = t_ / r * 100.0
            out.append(("inverted", np.where(lower, nan, swapped)))
            out.append(("wrong-polarity", np.where(lower, ratio, 200.0 - ratio)))
            out.append(("inverse-method", np.where(lower, swapped, nan)))
            out.append(("reduction-formula", (t_ - r) / t_ * 100.0))
    out.append(("x100-twice", c * 100.0))
    out.append(("missing-x100", c / 100.0))
    return out


