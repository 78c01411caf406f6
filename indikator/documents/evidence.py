"""The evidence of a whole table or call for ambiguous numbers (``3.460``: 3460 or 3,46?).

:mod:`indikator.documents.numbers` decides a column's separators from the column itself.  Where
the column has no evidence of its own (its rule is ``default``: the Indonesian convention), this
module looks further:

* **sibling columns** (:func:`apply_sibling_evidence`): a target column holding only ``3.460``
  next to a realisation column holding ``3.4312`` (a dot that can only be a decimal mark) is
  read with a decimal dot; the column is read again with that convention and the choice kept
  (:class:`SiblingChoice`) so that the result can say why;
* **the values of one call** (:func:`read_values`): the values given together on a command line
  (``scale rate akip 80.68 90.000``, ``eval --var A=3.460 --var B=0.035``) are one column;
* **a scale's domain** (:func:`read_values` with ``domain``): when exactly one reading of an
  ambiguous value lies inside the domain (``76.475`` on a scale of 25–100), that one is read.

Where nothing decides, the reading is a guess: :func:`guess_notes` gives, per row, a sentence
with both readings, and :func:`read_values` reports the value as ambiguous (the caller refuses
it).  This module does not parse numbers itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from indikator.core.errors import NumberFormatError
from indikator.core.i18n import t
from indikator.documents.numbers import Quantity, decide, read_number, read_numbers

if TYPE_CHECKING:
    from indikator.documents.number_column import ColumnReading
    from indikator.scales.intervals import Interval

__all__ = [
    "SiblingChoice",
    "apply_sibling_evidence",
    "guess_notes",
    "read_values",
    "shown",
]


@dataclass(frozen=True)
class SiblingChoice:
    """A column whose ambiguous mark was decided by its sibling columns."""

    column: str
    mark: str
    role: str  # "decimal" or "thousands"
    sources: tuple[str, ...]


def _votes(reading: ColumnReading) -> tuple[int, int, int, int]:
    d = reading.decision
    return (d.dot.decimal_votes, d.dot.thousands_votes, d.comma.decimal_votes,
            d.comma.thousands_votes)


def apply_sibling_evidence(
    texts: Mapping[str, Any], readings: dict[str, ColumnReading]
) -> dict[str, SiblingChoice]:
    """Re-read (in place in *readings*) every column whose ambiguous cells were read by the
    default convention when its sibling columns use that mark unambiguously; returns the
    choices made, by column."""
    from indikator.documents.number_column import read_column

    choices: dict[str, SiblingChoice] = {}
    for name in list(readings):
        reading = readings[name]
        if reading.decision.ambiguous_cells == 0:
            continue
        votes = [0, 0, 0, 0]
        sources = []
        for other, sibling in readings.items():
            if other == name or other in choices:
                continue
            these = _votes(sibling)
            if any(these):
                sources.append(other)
                votes = [a + b for a, b in zip(votes, these, strict=True)]
        if not sources:
            continue
        theirs = decide(votes)
        mine = reading.decision
        for mark, own, other_side in ((".", mine.dot, theirs.dot), (",", mine.comma, theirs.comma)):
            if own.rule != "default" or other_side.rule not in ("direct", "indirect"):
                continue
            decimal = mark if other_side.role == "decimal" else ("," if mark == "." else ".")
            readings[name] = read_column(texts[name], decimal=decimal)
            choices[name] = SiblingChoice(name, mark, other_side.role, tuple(sources))
            break
    return choices


def shown(value: float, lang: str | None) -> str:
    """*value* as a person writes it (no thousands marks; decimal comma in Indonesian)."""
    text = f"{value:.10g}"
    return text.replace(".", ",") if (lang or "id") != "en" else text


def _mark_of(text: str) -> str:
    return "." if text.rfind(".") > text.rfind(",") else ","


def _other_reading(text: str, mark: str, value: float) -> float | None:
    """The value of *text* when its ambiguous *mark* is read the other way."""
    try:
        for decimal in (".", ","):
            candidate = read_number(text, decimal=decimal).value
            if candidate is not None and candidate != value:
                return candidate
    except (NumberFormatError, ValueError):
        return None
    return None


def guess_notes(
    readings: Mapping[str, ColumnReading], choices: Mapping[str, SiblingChoice],
    n: int, lang: str | None,
) -> list[str]:
    """One sentence per row (``""`` where nothing is to say) for ambiguous cells: read by the
    sibling columns' convention (with the columns named), or guessed by the default convention
    (with both readings)."""
    notes = [""] * n
    said: dict[tuple[str, str], str] = {}
    for name, reading in readings.items():
        frame = reading.frame
        ambiguous = frame["ambiguous"].to_numpy(dtype=bool)
        kinds = frame["kind"].astype(str).to_numpy()
        values = frame["value"].to_numpy(dtype="float64")
        texts = frame["text"].to_numpy(dtype=object)
        decision = reading.decision
        for row in range(min(n, len(frame))):
            if not ambiguous[row] or kinds[row] == "unread":
                continue
            text = str(texts[row])
            key = (name, text)
            if key not in said:
                said[key] = _note(name, text, float(values[row]), decision, choices, lang)
            if said[key]:
                notes[row] = f"{notes[row]} {said[key]}".strip()
    return notes


def _note(name: str, text: str, value: float, decision: Any,
          choices: Mapping[str, SiblingChoice], lang: str | None) -> str:
    mark = _mark_of(text)
    choice = choices.get(name)
    if choice is not None and choice.mark == mark:
        return t("numbers.read_by_siblings", lang, text=text, column=name,
                 value=shown(value, lang), mark=mark,
                 role=t(f"numbers.role_{choice.role}", lang), sources=", ".join(choice.sources))
    rule = (decision.dot if mark == "." else decision.comma).rule
    if rule != "default":
        return ""
    other = _other_reading(text, mark, value)
    if other is None:
        return ""
    return t("numbers.guessed", lang, text=text, column=name, value=shown(value, lang),
             other=shown(other, lang), mark=mark)


def read_values(
    texts: Sequence[str], *, domain: Interval | None = None, lang: str | None = None,
) -> tuple[list[Quantity | NumberFormatError], list[str]]:
    """Read the values of one call together; returns each value (or its error) and notes.

    An ambiguous value is read by the other values' evidence; else, when *domain* is given and
    exactly one of its two readings lies inside it, by the domain (with a note); else it is an
    error ``numbers.ambiguous_value`` naming both readings."""
    out, decision = read_numbers(list(texts))
    notes: list[str] = []
    for index, (text, quantity) in enumerate(zip(texts, out, strict=True)):
        if not isinstance(quantity, Quantity) or not quantity.ambiguous or quantity.value is None:
            continue
        mark = _mark_of(text)
        rule = (decision.dot if mark == "." else decision.comma).rule
        alone = read_number(text).value  # the reading of the cell by itself (the convention)
        if rule != "default":
            if rule in ("direct", "indirect") and quantity.value != alone:
                notes.append(t("numbers.read_by_call", lang, text=text,
                               value=shown(quantity.value, lang), mark=mark))
            continue
        other = _other_reading(text, mark, quantity.value)
        if other is None:
            continue
        if domain is not None and (quantity.value in domain) != (other in domain):
            inside = quantity.value if quantity.value in domain else other
            outside = other if inside == quantity.value else quantity.value
            out[index] = Quantity("number", text, value=inside, unit=quantity.unit,
                                  ambiguous=True)
            if inside != alone:  # the domain overrode the convention: say so
                notes.append(t("numbers.read_by_domain", lang, text=text,
                               value=shown(inside, lang), other=shown(outside, lang),
                               domain=str(domain)))
            continue
        out[index] = NumberFormatError("numbers.ambiguous_value", text=text, reason="ambiguous",
                                       first=shown(quantity.value, lang),
                                       second=shown(other, lang), mark=mark)
    return out, notes
