"""The usual practice applied to computed results: comparison targets as numbers, and caps.

The engine (:mod:`indikator.compute.pipeline`) says of a comparison target only met / not met.
LKjIPs do more, and :func:`apply_practice` does it, openly:

* **comparison targets** (``≤ 10``, ``< 20 %``, ``≥ 95``): the bound is the target and the
  sign gives the direction — ``≤``/``<`` lower is better, (2T − R)/T × 100 (target ``≤ 10``,
  realisasi 11,5 → 85); ``≥``/``>`` higher is better, R/T × 100.  ``metode`` becomes
  ``comparison-lower`` / ``comparison-higher`` and ``pesan`` says so; the category is rated again
  and a printed capaian audited again (so a printed 85 is checkable);
* **caps and floors** (``--batas-atas 100|120``, ``--batas-bawah 0``): off unless asked; a
  capaian above the cap is lowered to it and ``metode`` gains ``;cap=N`` (``;floor=N``), so every
  capped row says so; the category and the audit follow the capped value.

Rows are never added, dropped or reordered.  It does not read files or decide a scale: it uses
the row's ``skala``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from indikator.core.i18n import t

__all__ = ["apply_practice"]


def _float(value: object) -> float:
    if isinstance(value, bool) or value is None:
        return math.nan
    if isinstance(value, int | float):
        return float(value)
    return math.nan


def _bound(target: object) -> tuple[str | None, float]:
    """The comparison sign and bound of a target cell (``"≤ 10"`` → ``("<=", 10.0)``)."""
    from indikator.core.errors import NumberFormatError
    from indikator.documents.numbers import read_number

    if not isinstance(target, str):
        return None, math.nan
    try:
        quantity = read_number(target)
    except NumberFormatError:
        return None, math.nan
    if quantity.kind != "comparison" or quantity.value is None:
        return None, math.nan
    return str(quantity.op), float(quantity.value)


def _rerate(frame: Any, rows: list[Any]) -> None:
    from indikator.core.errors import IndikatorError
    from indikator.scales.loading import load_scale
    from indikator.scales.rating import rate

    for index in rows:
        name = frame.at[index, "skala"]
        value = frame.at[index, "capaian"]
        if not isinstance(name, str) or not name or not math.isfinite(_float(value)):
            continue
        try:
            scale = load_scale(name)
        except IndikatorError:
            continue
        if scale.kind != "interval" or scale.rates == "value":
            continue
        rating = rate(float(value), scale)
        frame.at[index, "kategori"] = rating.code
        frame.at[index, "kategori_label"] = rating.label


def _audit_rows(frame: Any, rows: list[Any], capaian: Any, lang: str | None
                ) -> tuple[Any, Any, Any]:
    """The pipeline's audit (:func:`indikator.compute.checks._audit`: status, recognised error,
    sentences) of the printed capaian of *rows* against *capaian* (one value per row)."""
    import pandas as pd

    from indikator.compute.checks import _audit

    def numbers(name: str) -> Any:
        return np.array([_float(frame.at[i, name]) for i in rows], dtype=np.float64)

    printed = numbers("capaian_tertulis")
    shown = np.isfinite(printed)
    printed_frame = pd.DataFrame({"kind": np.where(shown, "number", "missing").astype(object),
                                  "value": printed,
                                  "reason": [None if s else "blank" for s in shown]})
    arah = np.array([frame.at[i, "arah"] if "arah" in frame else "naik" for i in rows],
                    dtype=object)
    text = np.full(len(rows), "", dtype=object)
    status, error, _ = _audit(printed_frame, np.asarray(capaian, dtype=np.float64),
                              numbers("realisasi"), numbers("target"), arah, text, lang)
    return status, error, text


def _reaudit(frame: Any, rows: list[Any], before: list[float], met_rows: set[Any],
             lang: str | None) -> None:
    """Audit the printed capaian of *rows* again, on their new capaian: status, recognised
    error and the audit's sentences in ``pesan`` (the sentences of the audit of the capaian
    *before* the change are taken out: a row never says both).  A comparison target that is
    met and printed as 100 follows the other common practice (met = 100 %): accepted, and said
    so."""
    if not rows:
        return
    _, _, old_text = _audit_rows(frame, rows, before, lang)
    after = [_float(frame.at[i, "capaian"]) for i in rows]
    status, error, new_text = _audit_rows(frame, rows, after, lang)
    for k, index in enumerate(rows):
        pesan = frame.at[index, "pesan"]
        if isinstance(pesan, str) and old_text[k]:
            frame.at[index, "pesan"] = " ".join(pesan.replace(old_text[k], " ").split()) or None
        row_status, row_error, text = status[k], error[k], new_text[k]
        printed = _float(frame.at[index, "capaian_tertulis"])
        if row_status == "mismatch" and index in met_rows and abs(printed - 100) < 0.005:
            row_status, row_error, text = "ok", "", t("practice.met_printed_100", lang)
        if text:
            _append(frame, index, text)
        frame.at[index, "audit"] = row_status
        if "galat_audit" in frame:
            frame.at[index, "galat_audit"] = row_error or None


def _append(frame: Any, index: Any, text: str) -> None:
    before = frame.at[index, "pesan"]
    joined = text if not isinstance(before, str) or not before else f"{before} {text}"
    frame.at[index, "pesan"] = joined


def apply_practice(results: Any, *, comparison: bool = True, cap: float | None = None,
                   floor: float | None = None, lang: str | None = None,
                   copy: bool = True) -> Any:
    """A copy of *results* with the practice above applied (see the module docstring);
    *results* itself, changed in place, with ``copy=False`` (a caller that drops the original
    saves a copy of every column)."""
    frame = results.copy() if copy else results
    for name in ("metode", "pesan", "audit", "kategori", "kategori_label", "alasan"):
        if name in frame and frame[name].dtype != object:
            frame[name] = frame[name].astype(object)
    if frame["capaian"].dtype != np.float64:
        frame["capaian"] = frame["capaian"].astype(float)
    changed: list[Any] = []
    before: dict[Any, float] = {}  # the capaian of each changed row before the practice
    met_rows: set[Any] = set()
    if comparison and "jenis_target" in frame:
        for index in frame.index[frame["jenis_target"].astype(str) == "comparison"]:
            op, bound = _bound(frame.at[index, "target"])
            actual = _float(frame.at[index, "realisasi"])
            if op is None or not math.isfinite(actual) or not bound or op in ("=", "=="):
                continue
            lower = op in ("<", "<=")
            value = (2 * bound - actual) / bound * 100 if lower else actual / bound * 100
            before.setdefault(index, _float(frame.at[index, "capaian"]))
            frame.at[index, "capaian"] = value
            if (actual <= bound) if lower else (actual >= bound):
                met_rows.add(index)
            frame.at[index, "metode"] = "comparison-lower" if lower else "comparison-higher"
            if "alasan" in frame:
                frame.at[index, "alasan"] = None  # computed now: no reason for a missing one
            frame.at[index, "pesan"] = t("practice.comparison_" + ("lower" if lower else
                                                                    "higher"), lang,
                                         target=str(frame.at[index, "target"]))
            changed.append(index)
    for limit, name, above in ((cap, "cap", True), (floor, "floor", False)):
        if limit is None:
            continue
        values = frame["capaian"].to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            hit = values > limit if above else values < limit
        for index in frame.index[hit]:
            before.setdefault(index, _float(frame.at[index, "capaian"]))
            frame.at[index, "capaian"] = float(limit)
            frame.at[index, "metode"] = f"{frame.at[index, 'metode']};{name}={limit:g}"
            _append(frame, index, t(f"practice.{name}", lang, value=f"{limit:g}"))
            changed.append(index)
    changed = list(dict.fromkeys(changed))
    _rerate(frame, changed)
    _reaudit(frame, changed, [before[i] for i in changed], met_rows, lang)
    return frame
