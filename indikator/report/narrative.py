"""Short report sentences per indicator and year, and numbers written the Indonesian way.

:func:`sentence` turns one result row of ``indikator compute`` (keys ``indikator``, ``tahun``,
``satuan``, ``target``, ``realisasi``, ``capaian``, ``kategori``, ``kategori_label``, ``audit``,
``capaian_tertulis``, ``pesan``; missing keys are treated as empty) into one or two sentences for
the narrative of an LKjIP, in Bahasa Indonesia or English::

    Capaian Persentase … tahun 2021 sebesar 90,00 % dengan kategori Tinggi.
    Capaian tertulis 70,30 % tidak sesuai dengan perhitungan ulang 73,33 %.

Rows that were not computed, not rated or whose printed capaian does not match say so plainly,
with the row's own message.  :func:`format_number` writes ``1.234.567,89`` (id) or
``1,234,567.89`` (en).

This module writes text only: it computes nothing (capaian and categories come from the
achievement and scale engines; which number a category rates is the scale's ``rates``, see
:func:`indikator.report.bandstyle.rated_quantity`) and it imports neither pandas nor numpy itself (a
DataFrame passed in is read through its ``to_dict``; shipped scales are loaded through
``indikator.scales.scale`` when a row names one).  Sentences are built per row in Python: reports
hold
hundreds of rows, not millions.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

from indikator.core.i18n import normalise_lang, t
from indikator.core.shapes import is_na
from indikator.documents.units import is_percent
from indikator.report.bandstyle import ScaleView, rated_quantity, resolve_scales, scale_view

__all__ = [
    "audit_sentence",
    "category_text",
    "format_id",
    "format_number",
    "format_quantity",
    "format_year",
    "indicator_name",
    "is_missing",
    "is_number",
    "natural_decimals",
    "paragraphs",
    "records",
    "sentence",
    "sentences",
    "to_number",
]

_LETTER_GRADE: Final = re.compile(r"[A-E]{1,2}[+-]?")
_ID_SEPARATORS: Final = str.maketrans(",.", ".,")

#: How a missing number is written.
MISSING = "–"


def is_number(value: object) -> bool:
    """A real number (Python or numpy), not a bool."""
    return not isinstance(value, bool) and isinstance(value, numbers.Real)


def is_missing(value: object) -> bool:
    """``None``, NaN, pandas NA/NaT (:func:`indikator.core.shapes.is_na`) or a blank string."""
    if isinstance(value, str):
        return not value.strip()
    return is_na(value)


def format_number(value: object, decimals: int = 2, lang: str | None = "id") -> str:
    """*value* with *decimals* decimals: ``1.234,50`` in Bahasa Indonesia, ``1,234.50`` in English.

    Missing values give ``–``; infinities ``∞``/``-∞``; a value that rounds to zero has no sign.
    Non-numbers are returned as text unchanged.
    """
    if is_missing(value):
        return MISSING
    if not is_number(value):
        return str(value)
    number = float(value)  # type: ignore[arg-type]
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    text = f"{abs(number):,.{max(decimals, 0)}f}"
    if normalise_lang(lang) == "id":
        text = text.translate(_ID_SEPARATORS)
    if number < 0 and any(ch not in "0.," for ch in text):
        text = "-" + text
    return text


def format_id(value: object, decimals: int = 2) -> str:
    """*value* written the Indonesian way: decimal comma, thousands dot (``1.234,50``)."""
    return format_number(value, decimals, "id")


def natural_decimals(value: float, most: int = 4) -> int:
    """0 for whole numbers, else as many decimals as the value needs (2 … *most*)."""
    if value == int(value):
        return 0
    for decimals in range(2, most + 1):
        if round(value, decimals) == value:
            return decimals
    return most


def format_quantity(value: object, unit: object = None, lang: str | None = "id") -> str:
    """A target or actual as a report writes it: ``15 Dokumen``, ``3,46``, ``90,50 %``, ``BB``.

    Whole numbers get no decimals, others the decimals they need (2 to 4); text (``80 – 90``,
    ``BB``) is kept as written.  The unit is appended unless it is empty.
    """
    if is_missing(value):
        return MISSING
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        decimals = natural_decimals(number) if math.isfinite(number) else 0
        text = format_number(number, decimals, lang)
    else:
        text = str(value).strip()
    if is_missing(unit):
        return text
    unit_text = str(unit).strip()
    if is_percent(unit_text):
        unit_text = "%"
    return f"{text} {unit_text}"


def format_year(value: object) -> str:
    """A year as text: ``2021`` also for ``2021.0``; empty when missing."""
    if is_missing(value):
        return ""
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        return str(int(number)) if number == int(number) else str(number)
    return str(value).strip()


def category_text(code: object, label: object) -> str:
    """How a category is written: its label (``Tinggi``), prefixed by a letter grade when the
    code is one (``CC – Cukup (Memadai)``, ``B – Baik``); the code alone when there is no label.
    """
    code_text = "" if is_missing(code) else str(code).strip()
    label_text = "" if is_missing(label) else str(label).strip()
    if not label_text or label_text.casefold() == code_text.casefold():
        return code_text
    if not code_text:
        return label_text
    if _LETTER_GRADE.fullmatch(code_text):
        return f"{code_text} – {label_text}"
    return label_text


def indicator_name(row: Mapping[str, Any]) -> str:
    """The row's indicator name, ``?`` when it has none (never ``nan``)."""
    for key, value in row.items():
        if str(key).strip().lower() == "indikator" and not is_missing(value):
            return str(value).strip()
    return "?"


def records(results: object) -> list[dict[str, Any]]:
    """Rows of *results* (a DataFrame or an iterable of mappings) as dicts with lower-case keys."""
    to_dict = getattr(results, "to_dict", None)
    if callable(to_dict) and not isinstance(results, Mapping):
        rows: Iterable[Mapping[str, Any]] = to_dict("records")
    else:
        rows = results  # type: ignore[assignment]
    return [{str(key).strip().lower(): value for key, value in row.items()} for row in rows]


def _sentence_end(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _printed(value: object, lang: str) -> str:
    if is_number(value):
        return format_number(value, 2, lang) + " %"
    return str(value).strip()


def audit_sentence(row: Mapping[str, Any], lang: str | None = "id") -> str:
    """What the audit says about the printed capaian, or ``""`` when it matched or is absent.

    ``Capaian tertulis 70,30 % tidak sesuai dengan perhitungan ulang 73,33 %.`` for a mismatch,
    ``Capaian tertulis #DIV/0! tidak dapat diperiksa.`` when it could not be checked.
    """
    language = normalise_lang(lang)
    get = {str(key).strip().lower(): value for key, value in row.items()}.get
    audit = str(get("audit") or "").strip().lower()
    printed, value = get("capaian_tertulis"), get("capaian")
    if is_missing(printed):
        return ""
    if audit == "mismatch":
        return t(
            "report.sentence_mismatch",
            language,
            printed=format_number(printed, 2, language)
            if is_number(printed)
            else str(printed).strip(),
            value=format_number(value, 2, language),
        )
    if audit in {"not-checkable", "not_checkable"}:
        return t("report.sentence_not_checkable", language, printed=_printed(printed, language))
    return ""


def to_number(value: object) -> float:
    """*value* as a float: numbers as they are, printed numbers (``57,12``) read with
    :func:`indikator.documents.numbers.read_number` when unambiguous; NaN for anything else."""
    if is_number(value):
        return float(value)  # type: ignore[arg-type]
    if isinstance(value, Decimal):
        return float(value)
    if not isinstance(value, str) or not value.strip():
        return math.nan
    from indikator.documents.numbers import read_number

    try:
        quantity = read_number(value)
    except (ValueError, TypeError):
        return math.nan
    if quantity.kind != "number" or quantity.ambiguous or quantity.unit == "rasio":
        return math.nan
    return math.nan if quantity.value is None else float(quantity.value)


def sentence(
    row: Mapping[str, Any],
    lang: str | None = "id",
    *,
    with_values: bool = False,
    scale: object = None,
) -> str:
    """The narrative of one result row (see the module docstring) in *lang* ("id" or "en").

    With *with_values* the actual and target are added (``Realisasi 11 Dokumen terhadap target
    15 Dokumen.``).  With the row's *scale* (a scale-like object, see
    :func:`indikator.report.bandstyle.scale_view`) a category that rates the indicator's own value
    rather than its capaian is said to do so (``…sebesar 93,64 %; nilai realisasinya 57,12
    dengan kategori CC – Cukup (Memadai).``); see :func:`indikator.report.bandstyle.rated_quantity`.
    """
    language = normalise_lang(lang)
    get = {str(key).strip().lower(): value for key, value in row.items()}.get
    indicator = indicator_name(row)
    if language == "id" and indicator.casefold().startswith("capaian "):
        indicator = "indikator " + indicator  # not "Capaian Capaian …"
    year = format_year(get("tahun"))
    year_phrase = t("report.year_phrase", language, year=year) if year else ""
    value = get("capaian")
    label = get("kategori_label")
    if is_missing(label) and scale is not None:
        band = scale_view(scale).band(get("kategori"))
        label = band.label if band is not None else None
    category = category_text(get("kategori"), label)
    value = to_number(value)
    has_value = math.isfinite(value)
    params = {"indicator": indicator, "year": year_phrase}

    if has_value:
        shown = format_number(value, 2, language)
        key = "report.sentence_rated" if category else "report.sentence_unrated"
        actual = to_number(get("realisasi"))
        if category and scale is not None:
            rated = rated_quantity(scale_view(scale), get("kategori"))
            if rated == "realisasi":
                key = "report.sentence_rated_value"
        parts = [
            t(key, language, value=shown, category=category,
              actual=format_quantity(actual, None, language), **params)
        ]
    elif category:
        parts = [t("report.sentence_category_only", language, category=category, **params)]
    else:
        parts = [t("report.sentence_not_computed", language, **params)]

    if with_values:
        unit = get("satuan")
        parts.append(
            t(
                "report.sentence_values",
                language,
                actual=format_quantity(get("realisasi"), unit, language),
                target=format_quantity(get("target"), unit, language),
            )
        )

    audit = str(get("audit") or "").strip().lower()
    note = audit_sentence(row, language)
    if note:
        parts.append(note)

    message = get("pesan")
    troubled = not has_value or not category or audit not in {"", "ok"}
    if troubled and not is_missing(message):
        parts.append(_sentence_end(t("report.sentence_reason", language, message=message)))
    return " ".join(parts)


def _views(
    rows: list[dict[str, Any]], scales: Mapping[str, object] | Iterable[object] | None
) -> dict[str, ScaleView | None]:
    return resolve_scales((row.get("skala") for row in rows), scales)


def _row_scale(row: Mapping[str, Any], views: Mapping[str, ScaleView | None]) -> ScaleView | None:
    name = row.get("skala")
    return None if is_missing(name) else views.get(str(name).strip())


def sentences(
    results: object,
    lang: str | None = "id",
    *,
    with_values: bool = False,
    scales: Mapping[str, object] | Iterable[object] | None = None,
) -> list[str]:
    """One narrative per result row, in input order (see :func:`sentence`).

    The scale of a row is the one its ``skala`` names, from *scales* or the shipped scales
    (:func:`indikator.report.bandstyle.resolve_scales`).
    """
    rows = records(results)
    views = _views(rows, scales)
    return [
        sentence(row, lang, with_values=with_values, scale=_row_scale(row, views)) for row in rows
    ]


def paragraphs(
    results: object,
    lang: str | None = "id",
    *,
    with_values: bool = False,
    scales: Mapping[str, object] | Iterable[object] | None = None,
) -> dict[str, str]:
    """One paragraph per indicator (first-appearance order), its rows' sentences by year."""
    grouped: dict[str, list[tuple[str, int, str]]] = {}
    rows = records(results)
    views = _views(rows, scales)
    for index, row in enumerate(rows):
        name = indicator_name(row)
        text = sentence(row, lang, with_values=with_values, scale=_row_scale(row, views))
        grouped.setdefault(name, []).append((format_year(row.get("tahun")), index, text))
    return {
        name: " ".join(text for _, _, text in sorted(items, key=lambda item: (item[0], item[1])))
        for name, items in grouped.items()
    }
