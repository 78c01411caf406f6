"""Units (satuan) as documents print them, from one source: ``definitions/vocabulary/units.toml``
(canonical spellings, satuan cells of extracted tables, level units) and, for the percent class,
the linter's satuan classes in ``definitions/lexicon.toml`` ``[units]``.

Lookups only, cached; no pandas, no numpy.  What a unit means for a formula is the linter's
business (:mod:`indikator.linter.lexicon`).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from indikator.core.resources import data_dir
from indikator.core.vocabulary import vocabulary

__all__ = [
    "canonical_unit",
    "is_percent",
    "level_units",
    "multiplier",
    "percent_words",
    "table_unit_words",
]


def canonical_unit(unit: str) -> str:
    """The canonical spelling of a unit written after a number (``Doku men`` → ``Dokumen``,
    ``%`` / ``persen`` → ``%``, ``Rp.`` → ``Rp``); other units as given."""
    return _canonical().get(unit.replace(" ", "").lower(), unit)


@cache
def _canonical() -> dict[str, str]:
    return {str(k): str(v) for k, v in vocabulary("units")["canonical"].items()}


def multiplier(unit: Any) -> float:
    """The factor a multiplier unit stands for (``Juta`` → 10^6, ``jt`` → 10^6, ``Miliar`` →
    10^9), 1.0 for any other unit or none."""
    if not isinstance(unit, str) or not unit.strip():
        return 1.0
    return _multipliers().get(canonical_unit(unit.strip()), 1.0)


@cache
def _multipliers() -> dict[str, float]:
    return {str(k): float(v) for k, v in vocabulary("units").get("multipliers", {}).items()}


def _words_pattern(words: list[str], tail: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives}){tail}", re.IGNORECASE)


@cache
def table_unit_words() -> re.Pattern[str]:
    """Matches a cell of an extracted table that starts with a satuan word ("Persen",
    "Dokumen", "Juta Rp"), as a whole word."""
    return _words_pattern(list(vocabulary("units")["table"]["words"]), r"(?!\w)")


@cache
def level_units() -> re.Pattern[str]:
    """Matches a satuan that is a level (percentage, index, score, category): its end of
    period is the last year's figure."""
    return _words_pattern(list(vocabulary("units")["level"]["words"]), r"\b")


@cache
def percent_words() -> frozenset[str]:
    """The satuan words that mean "percent" (lower case): the linter's ``percent`` class of
    ``[units]`` in ``definitions/lexicon.toml`` (read, not copied), with ``%``."""
    return frozenset({"%", *(str(w).casefold() for w in _lexicon_units().get("percent", ()))})


def is_percent(unit: Any) -> bool:
    """Whether a satuan says percent (``%``, ``Persen``, ``Persentase`` …)."""
    return str(unit or "").strip().casefold() in percent_words()


def _lexicon_units() -> dict[str, Any]:
    definitions = data_dir("definitions")
    for path in (definitions / "vocabulary" / "lexicon.toml", definitions / "lexicon.toml"):
        if path.is_file():
            with path.open("rb") as handle:
                units = tomllib.load(handle).get("units", {})
            return dict(units) if isinstance(units, dict) else {}
    return {}
