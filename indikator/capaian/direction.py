"""Which way an indicator is better: the words tables use for it (naik / turun, positif /
negatif, maximize / minimize, "semakin tinggi semakin baik" …) read into lower-is-better, and the
one guess from an indicator's name when no direction is written (:func:`guess_direction`).

The words are data (``definitions/vocabulary/direction.toml``).  Reads words only; computes no
capaian, and reads no arrays (a direction per row: :mod:`indikator.capaian.direction_rows`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from indikator.core.vocabulary import vocabulary

__all__ = [
    "DirectionGuess", "direction_names", "direction_word", "guess_direction", "header_words",
]

@dataclass(frozen=True)
class _Words:
    """The word lists of ``definitions/vocabulary/direction.toml``, ready for lookups."""

    higher_name: str
    lower_name: str
    headers: frozenset[str]
    higher: frozenset[str]
    lower: frozenset[str]
    filler: frozenset[str]
    better_phrase: re.Pattern[str]
    better_when_lower: frozenset[str]
    name_lower: tuple[str, ...]
    name_reduction: tuple[str, ...]


@cache
def _words() -> _Words:
    data = vocabulary("direction")
    cell, name = data["cell"], data["name"]
    adjectives = [*cell["better_when_higher"], *cell["better_when_lower"]]
    phrase = re.compile(
        r"^(?:semakin|makin|lebih)\s+(" + "|".join(map(re.escape, adjectives)) + r")\s+"
        r"(?:semakin|makin|lebih)\s+baik$"
    )
    return _Words(
        higher_name=str(data["higher"]),
        lower_name=str(data["lower"]),
        headers=frozenset(data["column"]["headers"]),
        higher=frozenset(cell["higher"]),
        lower=frozenset(cell["lower"]),
        filler=frozenset(cell["filler"]),
        better_phrase=phrase,
        better_when_lower=frozenset(cell["better_when_lower"]),
        name_lower=tuple(name["lower"]),
        name_reduction=tuple(name["reduction"]),
    )


def header_words() -> frozenset[str]:
    """The header words that name a table's arah column ("Arah", "Polaritas", "Sifat")."""
    return _words().headers


def direction_names() -> tuple[str, str]:
    """The two directions as catalogues and results write them: (higher, lower) is better."""
    words = _words()
    return words.higher_name, words.lower_name


@dataclass(frozen=True)
class DirectionGuess:
    """The direction read from an indicator's name, and why.

    ``direction`` is ``naik`` or ``turun``; ``reason`` is ``"lower-word"`` (the name names
    something bad: ``word``), ``"reduction-word"`` (the name measures reducing or handling it:
    ``word``) or ``"default"`` (nothing in the name: the regulation's normal case, higher is
    better).
    """

    direction: str
    reason: str
    word: str = ""

    @property
    def lower(self) -> bool:
        return self.reason == "lower-word"


def guess_direction(name: Any) -> DirectionGuess:
    """The direction an indicator's *name* says, when no arah is written: ``turun`` where a
    word of ``[name] lower`` occurs ("Angka Kematian Ibu", "Rata-rata waktu penyelesaian
    izin"), unless a word of ``[name] reduction`` occurs too ("Persentase penurunan angka
    kemiskinan" measures the decrease: ``naik``); otherwise ``naik``.  Words are matched inside
    the name folded to lower case with single spaces.  The one guesser of the package (the
    catalogue importer and the capaian pipeline both use it)."""
    words = _words()
    folded = " ".join(str(name or "").casefold().split())
    if folded:
        reduction = next((w for w in words.name_reduction if w in folded), None)
        if reduction is not None:
            return DirectionGuess(words.higher_name, "reduction-word", reduction)
        lower = next((w for w in words.name_lower if w in folded), None)
        if lower is not None:
            return DirectionGuess(words.lower_name, "lower-word", lower)
    return DirectionGuess(words.higher_name, "default")


def direction_word(word: Any) -> bool | None:
    """True for lower-is-better, False for higher-is-better, None for unknown.

    Case, spacing and surrounding punctuation are ignored; the ``[cell]`` words of
    ``definitions/vocabulary/direction.toml`` (naik / turun, positif / negatif, maximize /
    minimize …) and the phrases "semakin tinggi (besar, banyak) semakin baik" / "semakin rendah
    (kecil, sedikit) semakin baik" are recognised.
    """
    if not isinstance(word, str):
        return None
    words = _words()
    text = " ".join(word.strip().lower().split())
    if text not in words.lower and text not in words.higher:
        text = " ".join(re.sub(r"[^\w+↑↓]+", " ", text).split())
    if text in words.lower:
        return True
    if text in words.higher:
        return False
    phrase = words.better_phrase.match(text)
    if phrase:
        return phrase.group(1) in words.better_when_lower
    # "Positif (+)", "Naik / Meningkat", "Maximize ↑": every word says the same direction
    parts = [w for w in re.split(r"[\s/]+|(?<=\w)(?=[+↑↓])", text)
             if w and w not in words.filler]
    if parts and all(w in words.lower or w in words.higher for w in parts):
        votes = {w in words.lower for w in parts}
        if len(votes) == 1:
            return votes.pop()
    return None
