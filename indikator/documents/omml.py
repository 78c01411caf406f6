"""Word equations (Office Math Markup, OMML) as formula text the parser reads.

A Word equation is a tree, so it is read structurally, not from its layout: ``m:f`` (a fraction)
becomes ``\\frac{numerator}{denominator}`` with ``m:num`` and ``m:den`` read recursively, ``m:r``
runs are their text (``m:t``), ``m:d`` a bracket (``m:begChr``/``m:endChr``, default round),
``m:sSub``/``m:sSup``/``m:sSubSup`` subscripts and powers, ``m:rad`` a square root, ``m:nary``
with ``∑`` a sum, ``m:func`` a function name and its argument.  A fraction drawn without a bar
(``m:type="noBar"``, a binomial) is no division: its parts are written side by side in brackets.
Other elements give their text in document order.

This module only turns XML into text; it does not parse or judge the formula
(:mod:`indikator.formula.parser` and the linter do).  It takes lxml/ElementTree elements, as
python-docx exposes them, and imports nothing from python-docx.
"""

from __future__ import annotations

from typing import Any

__all__ = ["M_NS", "is_math", "math_text"]

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "{" + M_NS + "}"
_W = "{" + W_NS + "}"


def is_math(element: Any) -> bool:
    """True for an ``m:oMath`` or ``m:oMathPara`` element."""
    return element.tag in (_M + "oMath", _M + "oMathPara")


def _child(element: Any, name: str) -> Any:
    return element.find(_M + name)


def _prop(element: Any, props: str, name: str) -> str | None:
    """The ``m:val`` of ``<props><name m:val=…/></props>`` under *element*, if written."""
    holder = _child(element, props)
    if holder is None:
        return None
    found = holder.find(_M + name)
    if found is None:
        return None
    value = found.get(_M + "val")
    return None if value is None else str(value)


def _part(element: Any, name: str) -> str:
    found = _child(element, name)
    return "" if found is None else math_text(found).strip()


def _braced(text: str) -> str:
    return "{" + text + "}"


def _fraction(element: Any) -> str:
    numerator, denominator = _part(element, "num"), _part(element, "den")
    if _prop(element, "fPr", "type") == "noBar":
        return f"({numerator}) ({denominator})"
    return f" \\frac{_braced(numerator)}{_braced(denominator)} "


def _delimiter(element: Any) -> str:
    opening = _prop(element, "dPr", "begChr")
    closing = _prop(element, "dPr", "endChr")
    separator = _prop(element, "dPr", "sepChr")
    parts = [math_text(e).strip() for e in element.findall(_M + "e")]
    inner = (f" {separator} " if separator else "; ").join(parts)
    return f"{'(' if opening is None else opening}{inner}{')' if closing is None else closing}"


def _nary(element: Any) -> str:
    symbol = _prop(element, "naryPr", "chr") or "∫"
    body = _part(element, "e")
    if symbol in ("∑", "Σ"):
        return f" \\sum {body} " if len(body.split()) == 1 else f" \\sum ({body}) "
    return f" {symbol} {body} "


def math_text(element: Any) -> str:
    """The formula text of an OMML element (an ``m:oMath`` or any part of one)."""
    tag = element.tag
    if tag == _M + "t" or tag == _W + "t":
        return str(element.text or "")
    if tag == _M + "f":
        return _fraction(element)
    if tag == _M + "d":
        return _delimiter(element)
    if tag == _M + "sSub":
        return f"{_part(element, 'e')}_{_braced(_part(element, 'sub'))}"
    if tag == _M + "sSup":
        return f"{_part(element, 'e')}^{_braced(_part(element, 'sup'))}"
    if tag == _M + "sSubSup":
        base, sub, sup = _part(element, "e"), _part(element, "sub"), _part(element, "sup")
        return f"{base}_{_braced(sub)}^{_braced(sup)}"
    if tag == _M + "rad":
        return f" \\sqrt{_braced(_part(element, 'e'))} "
    if tag == _M + "nary":
        return _nary(element)
    if tag == _M + "func":
        return f"{_part(element, 'fName')}({_part(element, 'e')})"
    if tag.endswith("Pr"):  # properties (m:fPr, m:rPr, w:rPr …) hold no text
        return ""
    return "".join(math_text(child) for child in element)
