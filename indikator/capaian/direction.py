"""Which way an indicator is better: the words tables use for it (naik / turun, positif /
negatif, maximize / minimize, "semakin tinggi semakin baik" …) read into lower-is-better.

Reads words only; computes no capaian.
"""

from __future__ import annotations

import re
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.core.errors import AchievementError
from indikator.core.shapes import is_pandas, na_mask

BoolArray = NDArray[np.bool_]

__all__ = ["direction_word"]

_HIGHER_WORDS: Final = frozenset({
    "higher", "naik", "up", "max", "positif", "positive", "maximize", "maximise", "maximum",
    "maksimal", "maksimum", "maksimalkan", "meningkat", "peningkatan", "+", "(+)", "↑",
    "higher is better", "tinggi", "meningkat positif",
})
_LOWER_WORDS: Final = frozenset({
    "lower", "turun", "down", "min", "negatif", "negative", "minimize", "minimise", "minimum",
    "minimal", "minimalkan", "menurun", "penurunan", "↓", "lower is better", "rendah",
})
_DIRECTION_FILLER: Final = frozenset({"arah", "indikator", "polaritas", "is", "better", "atau"})
_BETTER_PHRASE: Final = re.compile(
    r"^(?:semakin|makin|lebih)\s+(tinggi|besar|banyak|rendah|kecil|sedikit)\s+"
    r"(?:semakin|makin|lebih)\s+baik$"
)


def direction_word(word: Any) -> bool | None:
    """True for lower-is-better, False for higher-is-better, None for unknown.

    Case, spacing and surrounding punctuation are ignored; the words of :data:`_HIGHER_WORDS`
    and :data:`_LOWER_WORDS` (naik / turun, positif / negatif, maximize / minimize …) and the
    phrases "semakin tinggi (besar, banyak) semakin baik" / "semakin rendah (kecil, sedikit)
    semakin baik" are recognised.
    """
    if not isinstance(word, str):
        return None
    text = " ".join(word.strip().lower().split())
    if text not in _LOWER_WORDS and text not in _HIGHER_WORDS:
        text = " ".join(re.sub(r"[^\w+↑↓]+", " ", text).split())
    if text in _LOWER_WORDS:
        return True
    if text in _HIGHER_WORDS:
        return False
    phrase = _BETTER_PHRASE.match(text)
    if phrase:
        return phrase.group(1) in ("rendah", "kecil", "sedikit")
    # "Positif (+)", "Naik / Meningkat", "Maximize ↑": every word says the same direction
    words = [w for w in re.split(r"[\s/]+|(?<=\w)(?=[+↑↓])", text)
             if w and w not in _DIRECTION_FILLER]
    if words and all(w in _LOWER_WORDS or w in _HIGHER_WORDS for w in words):
        votes = {w in _LOWER_WORDS for w in words}
        if len(votes) == 1:
            return votes.pop()
    return None


def _directions(direction: Any, n: int) -> tuple[BoolArray, BoolArray]:
    """(lower-is-better mask, unknown mask) for a scalar or per-row *direction*."""
    if isinstance(direction, str):
        word = direction_word(direction)
        if word is None:
            raise AchievementError("achievement.unknown_direction", direction=direction)
        return np.full(n, word), np.zeros(n, dtype=bool)
    if is_pandas(direction):
        direction = direction.to_numpy(dtype=object, na_value=None)
    values = np.asarray(direction, dtype=object).ravel()
    if values.size == 1:
        values = np.repeat(values, n)
    if values.size != n:
        raise AchievementError("achievement.shape_mismatch", what="direction", n=n)
    lower = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    missing = na_mask(values)
    present = values[~missing].astype(str) if (~missing).any() else np.array([], dtype=str)
    codes, inverse = np.unique(present, return_inverse=True)
    decoded = [direction_word(str(c)) for c in codes]  # one per distinct word
    is_lower = np.array([d is True for d in decoded], dtype=bool)
    is_unknown = np.array([d is None for d in decoded], dtype=bool)
    lower[~missing] = is_lower[inverse] if codes.size else False
    unknown[~missing] = is_unknown[inverse] if codes.size else False
    unknown |= missing
    return lower, unknown
