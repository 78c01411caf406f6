"""Words people read for the codes results carry: ``metode``, ``audit``, ``arah``.

The results frame and the JSON output keep machine codes (``higher``, ``range-upper:lower``,
``mismatch``, ``naik``); every text a person reads — the workbook, the DOCX, the narrative, the
CLI's text lines — shows them through these functions, in Bahasa Indonesia (``semakin tinggi
semakin baik``, ``tidak sesuai``) or English, never the code itself.  Caps and floors written into
a method code (``higher;cap=120``) are said too.  This module only translates; it decides nothing.
"""

from __future__ import annotations

import re

from indikator.core.i18n import t

__all__ = ["audit_word", "direction_phrase", "method_phrase"]

_CAP = re.compile(r";\s*(cap|floor)\s*=\s*([\d.]+)")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value) in (
        "", "nan", "<NA>", "None")


def method_phrase(code: object, lang: str | None = "id") -> str:
    """``higher`` → "semakin tinggi semakin baik (R/T × 100)"; "" for no method."""
    if _missing(code):
        return ""
    text = str(code).strip()
    limits = _CAP.findall(text)
    base = _CAP.sub("", text)
    head, _, tail = base.partition(":")
    key = {"higher": "higher", "lower": "lower", "lower-inverse": "lower_inverse",
           "range-inside": "range_inside", "range-upper": "range_upper",
           "range-lower": "range_lower", "comparison": "comparison", "ordinal": "ordinal",
           "ordinal-mapping": "ordinal_mapping", "comparison-lower": "comparison_lower",
           "comparison-higher": "comparison_higher"}.get(head)
    if key is None:
        return text
    phrase = t(f"words.method_{key}", lang)
    if tail:
        phrase += t("words.method_then", lang, method=method_phrase(tail, lang))
    for kind, number in limits:
        phrase += " " + t(f"words.method_{kind}", lang, value=number.rstrip("0").rstrip(".")
                          if "." in number else number)
    return phrase


def audit_word(code: object, lang: str | None = "id") -> str:
    """``ok`` / ``mismatch`` / ``not-checkable`` as words ("sesuai", "tidak sesuai", …)."""
    if _missing(code):
        return ""
    key = {"ok": "ok", "mismatch": "mismatch", "not-checkable": "not_checkable"}.get(
        str(code).strip())
    return str(code) if key is None else t(f"words.audit_{key}", lang)


def direction_phrase(code: object, lang: str | None = "id") -> str:
    """``naik`` / ``turun`` as "semakin tinggi semakin baik" / "semakin rendah semakin baik"."""
    if _missing(code):
        return ""
    key = {"naik": "higher", "turun": "lower", "higher": "higher", "lower": "lower"}.get(
        str(code).strip())
    return str(code) if key is None else t(f"words.direction_{key}", lang)
