"""The pipeline's messages about capaian and the printed figures: met / not met sentences, the
audit of the printed capaian column, units that differ, coverage above 100 %.

Appends sentences to ``pesan``; the capaian itself is computed elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from indikator.compute.arrays import (
    BoolArray,
    FloatArray,
    ObjectArray,
    _append,
    _append_at,
    _by_value,
    _format_numbers,
    _format_rows,
    _messages,
    _put,
    _strings,
)
from indikator.compute.names import COVERAGE_WORDS, IMPLAUSIBLE_CAPAIAN
from indikator.compute.table_input import _Input
from indikator.core.i18n import t
from indikator.documents.units import is_percent

if TYPE_CHECKING:
    import pandas as pd


def _met_messages(
    met: BoolArray,
    met_known: BoolArray,
    comparison: BoolArray,
    category_target: BoolArray,
    t_category: ObjectArray,
    actual_shown: ObjectArray,
    levels: FloatArray,
    lang: str | None,
) -> ObjectArray:
    """"Target BB tidak tercapai: realisasi B, 1 tingkat di bawah target." and the like."""
    n = met.size
    out = np.full(n, "", dtype=object)
    compared = comparison & met_known
    out[compared & met] = t("compute.met", lang)
    out[compared & ~met] = t("compute.not_met", lang)
    rows = np.flatnonzero(category_target & met_known)
    if rows.size:
        level = np.where(np.isfinite(levels[rows]), levels[rows], 0).astype(np.int64)
        target = _strings(t_category[rows])
        actual = _strings(actual_shown[rows])
        count = np.abs(level).astype(str).astype(object)
        for key, mask in (("category_met", level == 0), ("category_above", level > 0),
                          ("category_not_met", level < 0)):
            chosen = rows[mask]
            part = _format_rows(f"compute.{key}", lang, chosen, n, target=target[mask],
                                actual=actual[mask], levels=count[mask])
            out[chosen] = part[chosen]
    return out


def _effective_target(
    kind: ObjectArray, value: FloatArray, target: pd.DataFrame, r_number: FloatArray
) -> FloatArray:
    """The number capaian was taken against: the target, or the bound of a range the
    realisation fell outside (NaN elsewhere), so that audit can name errors on both."""
    low = target["low"].to_numpy(dtype=np.float64)
    high = target["high"].to_numpy(dtype=np.float64)
    ranged = kind == "range"
    with np.errstate(invalid="ignore"):
        bound = np.where(r_number > high, high, np.where(r_number < low, low, np.nan))
    result: FloatArray = np.where(kind == "number", value, np.where(ranged, bound, np.nan))
    return result


def _audit(
    printed_frame: pd.DataFrame,
    capaian: FloatArray,
    r_number: FloatArray,
    t_number: FloatArray,
    arah: ObjectArray,
    pesan: ObjectArray,
    lang: str | None,
) -> tuple[ObjectArray, ObjectArray, FloatArray]:
    """Status, recognised error and printed value per row; messages appended to *pesan*."""
    from indikator.capaian.audit import Audit, audit

    kind = printed_frame["kind"].to_numpy(dtype=object).astype(str)
    printed = np.where(kind == "number", printed_frame["value"].to_numpy(dtype=np.float64),
                       np.nan)
    reason = printed_frame["reason"].to_numpy(dtype=object)
    direction = _put(arah, ~np.isin(arah, ["naik", "turun"]), "naik")
    result = audit(capaian, printed, actual=r_number, target=t_number, direction=direction)
    status = result.status.astype(object)
    error = result.error.astype(object)
    blank = (kind == "missing") & (reason == "blank")
    status[blank] = None
    text = np.full(capaian.size, "", dtype=object)
    told = np.flatnonzero(~blank & (status != "ok"))  # messages only where there is news
    if told.size:
        text[told] = Audit(status[told], error[told], result.reason[told], result.expected[told],
                           result.printed[told], result.decimals[told]).messages(lang)
    # say what was printed where it is not a number at all
    excel = (kind == "missing") & _by_value(reason, lambda r: str(r).startswith("#")).astype(bool)
    text[excel] = t("achievement.audit_not_checkable", lang)
    excel_text = _messages(np.where(excel, reason, "").astype(object),
                           lambda code: t("compute.printed_excel_error", lang, error=code))
    mismatch = np.flatnonzero((status == "mismatch") & np.isfinite(capaian))
    if mismatch.size:  # name the numbers: printed 70,30, recomputed 73,33
        _append(text, _format_rows("compute.audit_numbers", lang, mismatch, capaian.size,
                                   printed=_format_numbers(printed[mismatch], lang),
                                   recomputed=_format_numbers(capaian[mismatch], lang)))
    _append(pesan, excel_text)
    _append(pesan, text.astype(object))
    return status, error, np.where(np.isfinite(printed), printed, np.nan)


def _extra_checks(
    pesan: ObjectArray,
    names: ObjectArray,
    data: _Input,
    target: pd.DataFrame,
    actual: pd.DataFrame,
    r_number: FloatArray,
    capaian: FloatArray,
    lang: str | None,
) -> None:
    """Problems of published tables (docs/capaian.md) seen in one row: units that differ, a
    percentage against a fraction, coverage above 100 %, a capaian of 1000 % or more."""
    t_unit = target["unit"].to_numpy(dtype=object)
    r_unit = actual["unit"].to_numpy(dtype=object)
    t_has = np.asarray(target["unit"].notna().to_numpy(), dtype=bool)
    r_has = np.asarray(actual["unit"].notna().to_numpy(), dtype=bool)
    both = t_has & r_has
    if both.any():
        rows = np.flatnonzero(both)
        rows = rows[t_unit[rows] != r_unit[rows]]
        if rows.size:
            keys = np.full(names.size, "", dtype=object)
            keys[rows] = t_unit[rows] + "|" + r_unit[rows]
            _append(pesan, _messages(keys, lambda key: t("compute.unit_mismatch", lang,
                                                         target=key.split("|")[0],
                                                         actual=key.split("|")[1])))
    _fraction_messages(pesan, data, target, actual, t_unit, r_unit, lang)
    with np.errstate(invalid="ignore"):
        # orders of magnitude apart: a multiplier, a decimal mark or a unit not read alike
        implausible = np.abs(capaian) >= IMPLAUSIBLE_CAPAIAN
    _append_at(pesan, implausible, t("compute.capaian_implausible", lang))
    satuan = _strings(data.text["satuan"]) if "satuan" in data.text else np.full(
        names.size, "", dtype=object)
    percent_row = _by_value(satuan, is_percent)
    percent_row = percent_row.astype(bool) | (r_unit == "%")
    coverage = _by_value(names, lambda s: str(s or "").strip().casefold().startswith(
        COVERAGE_WORDS)).astype(bool)
    with np.errstate(invalid="ignore"):
        over = percent_row & coverage & (r_number > 100.0)
    if over.any():
        _append_at(pesan, over, t("compute.coverage_over_100", lang))


def _fraction_messages(
    pesan: ObjectArray,
    data: _Input,
    target: pd.DataFrame,
    actual: pd.DataFrame,
    t_unit: ObjectArray,
    r_unit: ObjectArray,
    lang: str | None,
) -> None:
    """One side written with % (``80%``), the other without and looking like a fraction of
    one (``0,85``): capaian used the printed number; the row says what it would be as a
    percentage, and how to write it.  A row where both sides lack %, or both have it, is the
    table's own convention and is not questioned."""
    t_percent = t_unit == "%"
    r_percent = r_unit == "%"
    if not (t_percent.any() or r_percent.any()):
        return
    t_value = np.where(target["kind"].to_numpy(dtype=object) == "number",
                       target["value"].to_numpy(dtype=np.float64), np.nan)
    r_value = np.where(actual["kind"].to_numpy(dtype=object) == "number",
                       actual["value"].to_numpy(dtype=np.float64), np.nan)
    t_bare = target["unit"].isna().to_numpy()
    r_bare = actual["unit"].isna().to_numpy()
    with np.errstate(invalid="ignore"):
        cases = (
            ("fraction_actual", t_percent & r_bare & _fraction(r_value) & (np.abs(t_value) > 1),
             r_value),
            ("fraction_target", r_percent & t_bare & _fraction(t_value) & (np.abs(r_value) > 1),
             t_value),
        )
    for key, mask, plain in cases:
        rows = np.flatnonzero(mask)
        if rows.size:
            _append(pesan, _format_rows(
                f"compute.{key}", lang, rows, pesan.size,
                target=_strings(data.text["target"][rows]),
                actual=_strings(data.text["realisasi"][rows]),
                hundred=_format_numbers(plain[rows] * 100.0, lang)))


def _fraction(values: FloatArray) -> BoolArray:
    with np.errstate(invalid="ignore"):
        result: BoolArray = (np.abs(values) <= 1) & (values != 0)
    return result
