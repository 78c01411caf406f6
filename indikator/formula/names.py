"""Variable-name normalisation: when two phrases name the same quantity.

Documents write one quantity many ways: "Jumlah OPD yang di rencanakan", "jumlah  OPD yang
direncanakan", "Jml OPD yg direncanakan".  :func:`name_key` maps all of them to one key, used
for equality of variables and for matching data columns to formula names.  It folds case,
spacing and the spacing around punctuation, joins detached prefixes ("di rencanakan"), and
expands common abbreviations.  It also folds typographic quotes and dashes and LaTeX subscripts
(``PJN_{bs}`` = ``PJN_bs``).  It does not stem words, fix typos or judge meaning (that is the
linter's lexicon).
"""

from __future__ import annotations

import re
from functools import lru_cache

from indikator.core.vocabulary import vocabulary

ABBREVIATIONS: dict[str, str] = dict(vocabulary("abbreviations")["abbreviations"])
"""Abbreviations expanded before comparing (matched as whole words, trailing dot allowed), from
``definitions/vocabulary/abbreviations.toml``."""

_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"(?:(?<!\s)\s++)?([/\-–—.,:;()\[\]{}%])\s*")
"""Blanks around punctuation.  Blanks are taken only from the start of their run (the
lookbehind), so the search never rescans a run of blanks from each of its positions."""
_DETACHED_PREFIX = re.compile(r"\b(di|ter|ke|se)(?:\s+|-)(?=[a-z])")
_WORD = re.compile(r"[a-z]+\.?")
_SUBSCRIPT = re.compile(r"_\{\s*([^{}]*?)\s*\}")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "−": "-", "—": "-", "–": "-"})


def _expand(match: re.Match[str]) -> str:
    word = match.group(0)
    return ABBREVIATIONS.get(word.rstrip("."), word)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison key of a variable name (case, spacing, prefixes, abbreviations folded)."""
    text = _SPACE.sub(" ", name.casefold().translate(_QUOTES)).strip()
    text = _SUBSCRIPT.sub(r"_\1", text)
    text = _WORD.sub(_expand, text)
    text = _DETACHED_PREFIX.sub(r"\1", text)
    text = _PUNCT_SPACE.sub(r"\1", text)
    return text.strip(" .")


def display_name(name: str) -> str:
    """A name as written, with runs of whitespace folded to one space."""
    return " ".join(name.split())


def looks_garbled(name: str) -> bool:
    """A "name" made mostly of one- and two-character scraps (``k G 1 Pi (Qi Qi 1 ) i 1``):
    what PDF extraction leaves of a typeset formula, not the name of a quantity."""
    tokens = name.split()
    if len(tokens) < 5:
        return False
    scraps = [len(token) <= 2 or len(token.strip("()[]{}")) <= 2 for token in tokens].count(True)
    return scraps / len(tokens) >= 0.6


_UNIT_ANNOTATION = re.compile(r"^(?P<bare>.*\S)\s*\((?P<unit>[^()]{1,12})\)$")


def unit_annotation(key: str) -> str | None:
    """For a name key ending in a unit in brackets (``jumlah produksi ikan (ton)``, ``luas
    kolam (m2)``, ``panjang jalan (km)``), the key without it; else ``None``.  A bracket that
    names something else (``desa (a)``, ``pdrb (t-1)``) is kept: only listed units count."""
    match = _UNIT_ANNOTATION.match(key)
    if match is None:
        return None
    unit = match.group("unit").strip().casefold()
    return match.group("bare") if unit in _UNITS else None


_UNITS = frozenset(vocabulary("units_short")["units"]["words"])
