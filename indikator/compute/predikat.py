"""Audit of a printed Predikat/Kategori column, as the printed capaian is audited.

:func:`audit_predikat` compares each printed predikat ("Sangat Tinggi", "ST", "B", "Baik") with
the category recomputed for the row:

* the printed text names a band of the row's own scale (its code, label or an alias) → ``ok``
  when it is the recomputed band, ``mismatch`` when it is another band;
* it names no band of that scale → the capaian is rated on the other scales of capaian that
  LKjIPs use (:data:`CAPAIAN_SCALES`: ``capaian``, ``capaian-baik``, ``capaian-lama``); ``ok`` if
  the printed text is the band the capaian falls in on one of them (the scale is returned, so
  the caller can say which), ``mismatch`` if it names a band of one of them that the capaian is
  not in;
* nothing to compare with (no printed text, no recomputed category or capaian) → ``None`` or
  ``not-checkable``.

The codes are those of the printed-capaian audit (``ok``, ``mismatch``, ``not-checkable``); a
person reads them through :func:`indikator.report.words.audit_word`.  It rates nothing new except
the capaian on those shipped scales.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["CAPAIAN_SCALES", "audit_predikat"]

CAPAIAN_SCALES = ("capaian", "capaian-baik", "capaian-lama")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return "" if text in ("nan", "<NA>", "None", "-", "–") else text


def _scale(name: str, cache: dict[str, Any]) -> Any:
    """The shipped or user scale *name*, None when there is none (cached per call)."""
    from indikator.core.errors import ScaleError
    from indikator.scales.loading import load_scale

    if name not in cache:
        try:
            cache[name] = load_scale(name) if name else None
        except ScaleError:
            cache[name] = None
    return cache[name]


def _band(scale: Any, text: str) -> Any:
    from indikator.core.errors import ScaleError

    if scale is None or not text:
        return None
    try:
        return scale.band(text)
    except ScaleError:
        return None


def audit_predikat(
    printed: Sequence[object],
    kategori: Sequence[object],
    skala: Sequence[object],
    capaian: Sequence[object],
) -> tuple[list[str | None], list[str | None]]:
    """Per row: the audit code and the scale the printed predikat was read on (see above)."""
    from indikator.scales.rating import rate

    cache: dict[str, Any] = {}
    codes: list[str | None] = []
    read_on: list[str | None] = []
    for said, code, scale, value in zip(printed, kategori, skala, capaian, strict=True):
        text = _text(said)
        if not text:
            codes.append(None)
            read_on.append(None)
            continue
        own = _scale(_text(scale), cache)
        band = _band(own, text)
        computed = _text(code)
        if band is not None and computed:
            same = _band(own, computed)
            codes.append("ok" if same is not None and band.code == same.code else "mismatch")
            read_on.append(_text(scale))
            continue
        number = float(value) if isinstance(value, int | float) else math.nan
        verdict: str | None = "not-checkable"
        where: str | None = None
        if math.isfinite(number):
            for name in CAPAIAN_SCALES:
                other = _band(_scale(name, cache), text)
                if other is None:
                    continue
                rating = rate(number, name)
                verdict = "ok" if rating.code == other.code else "mismatch"
                where = name
                if verdict == "ok":
                    break
        codes.append(verdict)
        read_on.append(where)
    return codes, read_on
