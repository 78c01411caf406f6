"""Variable-name normalisation: when two phrases name the same quantity.

Documents write one quantity many ways: "Jumlah OPD yang di rencanakan", "jumlah  OPD yang
direncanakan", "Jml OPD yg direncanakan".  :func:`name_key` maps all of them to one key, used
for equality of variables and for matching data columns to formula names.  It folds case,
spacing and the spacing around punctuation, joins detached prefixes ("di rencanakan"), and
expands common abbreviations.  It does not stem words or judge meaning (that is the linter's
lexicon).
"""

from __future__ import annotations

import re
from functools import lru_cache

ABBREVIATIONS: dict[str, str] = {
    "jml": "jumlah",
    "jm": "jumlah",
    "jmlh": "jumlah",
    "yg": "yang",
    "dg": "dengan",
    "dgn": "dengan",
    "thn": "tahun",
    "th": "tahun",
    "tk": "tingkat",
    "pddk": "penduduk",
    "adm": "administrasi",
}
"""Abbreviations expanded before comparing (matched as whole words, trailing dot allowed)."""

_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"\s*([/\-–—.,:;()\[\]{}%])\s*")
_DETACHED_PREFIX = re.compile(r"\b(di|ter|ke|se)\s+(?=[a-z])")
_WORD = re.compile(r"[a-z]+\.?")


def _expand(match: re.Match[str]) -> str:
    word = match.group(0)
    return ABBREVIATIONS.get(word.rstrip("."), word)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The comparison key of a variable name (case, spacing, prefixes, abbreviations folded)."""
    text = _SPACE.sub(" ", name.casefold()).strip()
    text = _WORD.sub(_expand, text)
    text = _DETACHED_PREFIX.sub(r"\1", text)
    text = text.replace("–", "-").replace("—", "-")
    text = _PUNCT_SPACE.sub(r"\1", text)
    return text.strip(" .")


def display_name(name: str) -> str:
    """A name as written, with runs of whitespace folded to one space."""
    return _SPACE.sub(" ", name).strip()
