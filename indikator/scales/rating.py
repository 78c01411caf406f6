"""Rating values on a scale named by the caller: :func:`rate` and the SKP nilai
(:func:`skp_nilai`).

The scale is loaded by :mod:`indikator.scales.loading` when given by name; the bands and their
segments are the :class:`~indikator.scales.scale.Scale`'s.
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np

from indikator.scales.loading import load_scale
from indikator.scales.results import Rating, Ratings
from indikator.scales.scale import Scale, _as_array, _shape_like

__all__ = ["rate", "skp_nilai"]


@overload
def rate(values: float, scale: str | Scale = ...) -> Rating: ...
@overload
def rate(values: Any, scale: str | Scale = ...) -> Rating | Ratings: ...
def rate(values: Any, scale: str | Scale = "akip") -> Rating | Ratings:
    """Rate *values* on *scale* (a name, a path to a scale file, or a :class:`Scale`).

    A scalar gives one :class:`Rating`; a sequence, numpy array or pandas Series gives
    :class:`Ratings` (arrays or Series of code, label, rank, reason).  NaN, ``None`` and values
    outside the scale's domain are not rated, with a reason.
    """
    chosen = scale if isinstance(scale, Scale) else load_scale(scale)
    return chosen.rate(values)


def skp_nilai(capaian: Any, at_maximum: Any = False, scale: str | Scale = "skp-2021") -> Any:
    """Nilai of SKP capaian (PermenPANRB 8/2021), piecewise linear per predikat band.

    ≤ 59 % → capaian / 59 × 49; 60–79 % → 50 … 69; 80–99 % → 70 … 89; 100 % → 109 (worked
    example); above 100 % rising to 120 at 110 % and 120 beyond (unconfirmed between 100 and
    110).  *at_maximum*: the target was already the maximum, so 100 % counts as nilai 120.
    The bands, their scores and the maximum rule (``at_maximum = { from = 100, score = 120 }``)
    are the scale file's (``definitions/scales/skp-2021.toml``); a scale without that rule
    ignores *at_maximum*.
    """
    chosen = scale if isinstance(scale, Scale) else load_scale(scale)
    array, index = _as_array(capaian)
    nilai = np.asarray(chosen.score(array), dtype=np.float64)
    if chosen.at_maximum is not None:
        threshold, top = chosen.at_maximum
        maximum = np.asarray(at_maximum, dtype=bool) & (array >= threshold)
        nilai = np.where(maximum, top, nilai)
    return _shape_like(capaian, nilai, index, "nilai")
