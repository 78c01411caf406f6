"""Which way an indicator is better: the words tables use for it (naik / turun, positif /
negatif, maximize / minimize, "semakin tinggi semakin baik" …) read into lower-is-better, and the
one guess from an indicator's name when no direction is written (:func:`guess_direction`).

The words are data (``definitions/vocabulary/direction.toml``).  Reads words only; computes no
capaian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from indikator.core.errors import AchievementError
from indikator.core.shapes import is_pandas, na_mask
from indikator.core.vocabulary import vocabulary

if TYPE_CHECKING:  # the array functions import numpy (reading words needs none)
    import numpy as np
    from numpy.typing import NDArray

    BoolArray = NDArray[np.bool_]

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


def _directions(direction: Any, n: int) -> tuple[BoolArray, BoolArray]:
    """(lower-is-better mask, unknown mask) for a scalar or per-row *direction*: words, or a
    boolean array (True = lower is better, the fastest form for 10^6 rows)."""
    import numpy as np

    if isinstance(direction, str):
        word = direction_word(direction)
        if word is None:
            raise AchievementError("achievement.unknown_direction", direction=direction)
        return np.full(n, word), np.zeros(n, dtype=bool)
    if isinstance(direction, np.ndarray) and direction.dtype == np.bool_ and direction.size == n:
        return direction.ravel().copy(), np.zeros(n, dtype=bool)  # True = lower is better
    codes = _category_codes(direction)
    if codes is not None and codes[0].size == n:  # pandas categories: each decoded once
        found, categories = codes
        words = [direction_word(str(c)) for c in categories] + [None]  # code -1: missing
        return (np.array([w is True for w in words], dtype=bool)[found],
                np.array([w is None for w in words], dtype=bool)[found])
    if is_pandas(direction):
        direction = direction.to_numpy(dtype=object, na_value=None)
    values = np.asarray(direction)
    if values.dtype.kind not in "US":  # fixed-width text compares in C without objects
        values = values.astype(object, copy=False)
    values = values.ravel()
    if values.size == 1:
        values = np.repeat(values, n)
    if values.size != n:
        raise AchievementError("achievement.shape_mismatch", what="direction", n=n)
    return _word_directions(values)


def _category_codes(direction: Any) -> tuple[NDArray[np.intp], list[Any]] | None:
    """(codes, categories) of a pandas categorical *direction*, else None."""
    import numpy as np

    if not is_pandas(direction) and type(direction).__name__ != "Categorical":
        return None
    dtype = getattr(direction, "dtype", None)
    if getattr(dtype, "name", "") != "category":
        return None
    categorical = direction.array if hasattr(direction, "array") else direction
    codes = np.asarray(categorical.codes, dtype=np.intp).ravel()
    return codes, list(categorical.categories)


_PASSES = 8
"""Distinct words read with one comparison pass each before the rest is sorted."""


def _word_directions(values: NDArray[Any]) -> tuple[BoolArray, BoolArray]:
    """Words per row read once per distinct word: the commonest words of a small sample are
    compared with every row in turn (a column holds a few words; a full pass in memory order
    is cheaper than gathering the rows left), missing cells found once; many distinct words
    are sorted once."""
    from collections import Counter

    import numpy as np

    n = values.size
    lower = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    read = np.zeros(n, dtype=bool)
    sample = values[:: max(1, n // 64)].tolist()
    order = [w for w, _ in Counter(w for w in sample if isinstance(w, str)).most_common()]
    for _ in range(_PASSES):
        if order:
            word = order.pop(0)
        else:
            unread = np.flatnonzero(~read)
            if unread.size == 0:
                return lower, unknown
            word = values[unread[0]]
        if bool(na_mask(np.array([word], dtype=object))[0]):  # None, NaN, NA: unknown
            same, decoded = na_mask(values) & ~read, None
        else:
            same, decoded = _equal(values, word) & ~read, direction_word(str(word))
        if decoded is True:
            lower |= same
        elif decoded is None:
            unknown |= same
        read |= same
        if not order and bool(read.all()):
            return lower, unknown
    rows = np.flatnonzero(~read)
    rest = values[rows]
    if rest.size:  # many distinct words: sort them once
        missing = na_mask(rest)
        unknown[rows[missing]] = True
        rows, rest = rows[~missing], rest[~missing]
        codes, inverse = np.unique(rest.astype(str), return_inverse=True)
        decoded_all = [direction_word(str(c)) for c in codes]  # one per distinct word
        lower[rows] = np.array([d is True for d in decoded_all], dtype=bool)[inverse]
        unknown[rows] = np.array([d is None for d in decoded_all], dtype=bool)[inverse]
    return lower, unknown


def _equal(values: NDArray[Any], word: Any) -> BoolArray:
    """Rows of the object array *values* equal to *word* (one C loop; element by element when a
    cell's comparison is not a plain boolean, e.g. pandas' NA)."""
    import numpy as np

    try:
        same = np.asarray(values == word, dtype=bool)
    except (TypeError, ValueError):
        same = np.array([type(v) is type(word) and bool(v == word) for v in values.tolist()],
                        dtype=bool)
    return same
