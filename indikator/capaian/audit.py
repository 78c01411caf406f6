"""The audit of printed capaian: ok / mismatch / not-checkable, tolerant of the document's
rounding, with the typical errors of printed capaian recognised (T/R instead of R/T, the other
polarity's formula, × 100 twice or missing …).

Compares numbers only; the capaian itself comes from :mod:`~indikator.capaian.methods`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.capaian.direction_rows import _directions
from indikator.capaian.rows import BoolArray, FloatArray, ObjectArray, _broadcast, _key
from indikator.core.i18n import t
from indikator.core.shapes import as_float

__all__ = ["AUDIT_ERRORS", "Audit", "audit", "infer_decimals", "matches_printed"]

# --------------------------------------------------------------------------- audit

AUDIT_ERRORS: Final = (
    "inverted",
    "wrong-polarity",
    "inverse-method",
    "reduction-formula",
    "x100-twice",
    "missing-x100",
    "capped",
)
"""Typical errors of printed capaian recognised by :func:`audit` (``docs/capaian.md``), in the order
they are tried: T/R for a higher-is-better row; the other polarity's formula; T/R for a
lower-is-better row; (T − R)/T × 100; the capaian × 100 again; the ratio without × 100; a
capaian above :data:`PRINTED_CAPS` printed at the cap (a table's capping policy, which
``--batas-atas`` reproduces)."""

PRINTED_CAPS: Final = (100.0, 120.0)
"""Ceilings tables cap capaian at when they print it."""


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
    status = np.array(["mismatch", "ok"], dtype=object)[ok.astype(np.intp)]  # 2 shared words
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
    for cap in PRINTED_CAPS:
        with np.errstate(invalid="ignore"):
            out.append(("capped", np.where(c > cap, cap, np.nan)))
    return out
