"""What a capaian computation returns and the builder behind it: the methods (``metode``
codes with formula and source), the reasons a value is missing, :class:`Achievement`, caps
and floors.

Shared by :mod:`~indikator.capaian.methods`, :mod:`~indikator.capaian.targets` and
:mod:`~indikator.capaian.audit`; computes no capaian itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.capaian.codes import REASONS, is_inverse_method
from indikator.core.errors import AchievementError
from indikator.core.i18n import t

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
ObjectArray = NDArray[np.object_]

__all__ = ["METHODS", "REASONS", "Achievement", "Method", "describe_method"]

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
    return is_inverse_method(method)


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
