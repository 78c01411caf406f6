"""The LKjIP narrative: one paragraph per indicator, in the words an evaluator writes.

Each paragraph (:func:`indicator_paragraph`) says, in Bahasa Indonesia or English:

* the realisasi against the target, and the capaian with its category — the category belongs to
  the *capaian* ("capaian kinerja indikator Angka Kematian Ibu … sebesar 106,00% dan berada pada
  kategori Sangat Tinggi"), never to the indicator, so a high rating of a death rate does not read
  as a high death rate; where the category's scale rates the realisasi itself (IKM, AKIP) that is
  said instead;
* how the capaian was computed, only where it is not the normal R/T × 100, and the full
  explanation only the first time a method appears in the narrative (no repeated explanations);
* the comparison with the previous year's realisasi (better / worse / the same, by the
  indicator's direction) and with the end-of-Renstra target (reached or not), where the data has
  them (``realisasi_lalu``/``tahun_lalu``, ``target_akhir``/``tahun_akhir`` in the row);
* a printed capaian or predikat that does not match the recomputed one.

Percentages are written ``85,71%`` (no space), numbers the Indonesian way (``1.234,5``) or the
English way.  Every sentence gives the target and the realisasi it speaks of.  This module only
writes text from rows of :func:`indikator.report.lkjip.lkjip_rows`; it computes nothing except
whether the end target is reached.
"""

from __future__ import annotations

import math
from typing import Any

from indikator.core.i18n import t
from indikator.report.lkjip import LkjipRow
from indikator.report.narrative import format_number, is_missing, natural_decimals

__all__ = ["indicator_paragraph", "paragraphs", "percent", "quantity"]

_PERCENT_UNITS = {"%", "persen", "percent", "persentase", "(%)"}


def percent(value: float, lang: str) -> str:
    """``85,71%``: two decimals, the percent sign glued."""
    return format_number(value, 2, lang) + "%"


def _as_float(value: object) -> float:
    """A number, also from a cell as printed (``"18,2"``, ``"78.2"``); NaN for anything else
    (a range, a comparison, a category)."""
    if is_missing(value):
        return math.nan
    if isinstance(value, str):
        from indikator.core.errors import NumberFormatError
        from indikator.documents.numbers import read_number

        try:
            quantity = read_number(value)
        except NumberFormatError:
            return math.nan
        return float(quantity.value) if quantity.kind == "number" and quantity.value is not None \
            else math.nan
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def quantity(value: object, unit: str, lang: str) -> str:
    """A target or realisasi with its unit: ``94 per 100.000 KH``, ``88,2%``, ``≤ 10%``."""
    if is_missing(value):
        return "–"
    number = _as_float(value)
    text = (format_number(number, natural_decimals(number), lang) if math.isfinite(number)
            else str(value).strip())
    if not unit:
        return text
    if unit.strip().casefold() in _PERCENT_UNITS:
        return text + "%"
    return f"{text} {unit.strip()}"


def _year(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    number = _as_float(value)
    if math.isfinite(number):
        return str(int(number))
    return "" if is_missing(value) else str(value).strip()


def _lower(row: dict[str, Any]) -> bool:
    metode = str(row.get("metode") or "")
    return str(row.get("arah") or "") == "turun" or metode.startswith(("lower", "comparison-lower"))


def _previous(item: LkjipRow, lang: str) -> str:
    row = item.row
    before = row.get("realisasi_lalu")
    now, then = _as_float(item.realisasi), _as_float(before)
    if is_missing(before):
        return ""
    year_then = _year(row, "tahun_lalu")
    shown = quantity(before, item.satuan, lang)
    if not (math.isfinite(now) and math.isfinite(then)):
        return t("story.previous_only", lang, year=year_then, value=shown)
    if now == then:
        trend = t("story.trend_same", lang)
    elif (now < then) == _lower(row):
        trend = t("story.trend_better", lang)
    else:
        trend = t("story.trend_worse", lang)
    return t("story.previous", lang, year=year_then, value=shown,
             now=quantity(item.realisasi, item.satuan, lang), trend=trend)


def _end(item: LkjipRow, lang: str) -> str:
    row = item.row
    end = row.get("target_akhir")
    if is_missing(end):
        return ""
    year = _year(row, "tahun_akhir")
    goal = _as_float(end)
    if not math.isfinite(goal):  # "≤ 8": the bound is the number
        from indikator.core.errors import NumberFormatError
        from indikator.documents.numbers import read_number

        try:
            bound = read_number(str(end))
        except NumberFormatError:
            bound = None
        if bound is not None and bound.kind == "comparison" and bound.value is not None:
            goal = float(bound.value)
    now = _as_float(item.realisasi)
    shown = quantity(end, item.satuan, lang)
    if not (math.isfinite(goal) and math.isfinite(now)):
        return t("story.end_only", lang, year=year, value=shown)
    reached = now <= goal if _lower(row) else now >= goal
    return t("story.end_reached" if reached else "story.end_not_reached", lang, year=year,
             value=shown, now=quantity(item.realisasi, item.satuan, lang))


def _method(item: LkjipRow, lang: str, explained: set[str]) -> str:
    code = str(item.row.get("metode") or "").split(";")[0].split(":")[0]
    if not code or code == "higher":
        return ""
    if code in explained:
        return t("story.method_again", lang, method=item.metode)
    explained.add(code)
    return t("story.method_first", lang, method=item.metode)


def _category(item: LkjipRow) -> str:
    return item.kategori_label or item.kategori


def indicator_paragraph(item: LkjipRow, lang: str = "id", *, year: str = "",
                        explained: set[str] | None = None) -> str:
    """The paragraph of one indicator (see the module docstring)."""
    seen = explained if explained is not None else set()
    row = item.row
    year = year or _year(row, "tahun")
    values = {"name": item.indikator, "year": year,
              "target": quantity(item.target, item.satuan, lang),
              "actual": quantity(item.realisasi, item.satuan, lang)}
    parts: list[str] = []
    if math.isfinite(item.capaian):
        values["capaian"] = percent(item.capaian, lang)
        category = _category(item)
        if category and item.skala_rates == "realisasi":
            parts.append(t("story.capaian_value_rated", lang, category=category,
                           scale=item.skala, **values))
        elif category:
            parts.append(t("story.capaian_rated", lang, category=category, **values))
        else:
            parts.append(t("story.capaian_unrated", lang, **values))
    elif _category(item):
        parts.append(t("story.category_only", lang, category=_category(item), **values))
    else:
        reason = "" if is_missing(row.get("pesan")) else str(row.get("pesan")).strip()
        parts.append(t("story.not_computed", lang, reason=reason.rstrip("."), **values))
    for extra in (_method(item, lang, seen), _previous(item, lang), _end(item, lang)):
        if extra:
            parts.append(extra)
    if str(row.get("audit") or "") == "mismatch":
        parts.append(t("story.printed_mismatch", lang,
                       printed=_printed(row.get("capaian_tertulis"), lang),
                       capaian=values.get("capaian", "–")))
    if str(row.get("audit_predikat") or "") == "mismatch":
        parts.append(t("story.predikat_mismatch", lang, printed=str(row.get("predikat_tertulis")),
                       category=_category(item)))
    return " ".join(parts)


def _printed(value: object, lang: str) -> str:
    number = _as_float(value)
    return percent(number, lang) if math.isfinite(number) else str(value)


def paragraphs(rows: list[LkjipRow], lang: str = "id") -> list[str]:
    """One paragraph per row, methods explained once over the whole narrative."""
    explained: set[str] = set()
    return [indicator_paragraph(row, lang, explained=explained) for row in rows]
