"""The scales of the pipeline's rows: loading them by name, picking a shipped ordinal scale for a
categorical target the default scale does not know, and rating each row (one
:func:`indikator.scales.rating.rate` call per scale).

Decides no capaian and writes no messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from indikator.compute.arrays import (
    BoolArray,
    FloatArray,
    ObjectArray,
    _by_value,
    _missing_scalar,
    _strings,
)

if TYPE_CHECKING:
    from indikator.scales.scale import Scale

def _load_scales(skala: ObjectArray, given: Mapping[str, Scale] | None) -> dict[str, Scale | None]:
    from indikator.core.errors import IndikatorError
    from indikator.scales.loading import load_scale

    out: dict[str, Scale | None] = {}
    import pandas as pd

    for name in pd.unique(skala).tolist():
        if given is not None and name in given:
            out[name] = given[name]
            continue
        try:
            out[name] = load_scale(name)
        except (IndikatorError, OSError):
            out[name] = None
    return out


def _scale_by_codes(
    rows: BoolArray,
    skala: ObjectArray,
    loaded: Mapping[str, Scale | None],
    t_category: ObjectArray,
    r_category: ObjectArray,
    given: Mapping[str, Scale] | None,
) -> BoolArray:
    """Rows (of *rows*: categorical targets on a defaulted scale) whose scale does not know
    their target's code get the first scale with a ``fallback`` order that does
    (:func:`indikator.scales.loading.fallback_scales`: data in the scale files, the user's own
    included; *given* overrides a scale by name); *skala* is updated in place.  One lookup per
    distinct (scale, target, realisation) triple."""
    changed = np.zeros(skala.size, dtype=bool)
    if not rows.any():
        return changed
    from indikator.scales.loading import fallback_scales

    overrides: Mapping[str, Scale] = {} if given is None else given
    candidates = [overrides.get(s.name, s) for s in fallback_scales()]

    def knows(scale: Scale | None, code: Any) -> bool:
        if scale is None or code is None or (isinstance(code, float) and code != code):
            return False
        try:
            scale.band(str(code))
        except (KeyError, ValueError, LookupError):
            return False
        return True

    def pick(key: Any) -> str:
        name, target_code, actual_code = str(key).split("\x1f")
        if knows(loaded.get(name), target_code):
            return ""
        for scale in candidates:
            if knows(scale, target_code) and (not actual_code or knows(scale, actual_code)):
                return scale.name
        return ""

    where = np.flatnonzero(rows)
    actual_codes = _by_value(r_category[where], lambda c: "" if _missing_scalar(c) else str(c))
    keys = skala[where] + "\x1f" + _strings(t_category[where]) + "\x1f" + actual_codes
    chosen = _by_value(keys.astype(object), pick)
    hit = chosen != ""
    skala[where[hit]] = chosen[hit]
    changed[where[hit]] = True
    return changed


def _rate(
    skala: ObjectArray,
    loaded: Mapping[str, Scale | None],
    r_number: FloatArray,
    r_kind: ObjectArray,
    r_category: ObjectArray,
    capaian: FloatArray,
) -> tuple[ObjectArray, ObjectArray]:
    """Kategori and its label per row, one :func:`indikator.scales.rating.rate` call per scale."""
    from indikator.core.errors import IndikatorError
    from indikator.scales.rating import rate

    n = skala.size
    kategori = np.full(n, None, dtype=object)
    label = np.full(n, None, dtype=object)
    is_category = r_kind == "category"
    for name, scale in loaded.items():
        if scale is None:
            continue
        rows = np.flatnonzero(skala == name)
        if rows.size == 0:
            continue
        if scale.kind == "interval":
            source = r_number if scale.rates == "value" else capaian
            ratings = rate(source[rows], scale)
            kategori[rows] = np.asarray(ratings.code, dtype=object)
            label[rows] = np.asarray(ratings.label, dtype=object)
        categorical = rows[is_category[rows]]
        if categorical.size:  # a realisation printed as a category is its own kategori
            def band(code: Any, scale: Scale = scale) -> tuple[Any, Any]:
                try:
                    found = scale.band(str(code))
                except (IndikatorError, KeyError):
                    return None, None
                return found.code, found.label

            pairs = _by_value(r_category[categorical], band)
            kategori[categorical] = [p[0] for p in pairs]
            label[categorical] = [p[1] for p in pairs]
    return kategori, label
