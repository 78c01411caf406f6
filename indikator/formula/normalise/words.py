"""Shared marks, word lists and small patterns of the normalisation steps.

The private-use characters that mark name-internal characters for the grammar (:data:`MARKS`),
the words that start a quantity, the units, the operator verbs, and the few patterns several
steps share.  Data only: no step lives here.
"""

from __future__ import annotations

import re

from indikator.formula.operators import OPERATOR_WORDS as _OPERATOR_WORDS

# Private-use characters that mark name-internal characters for the grammar.
NAME_SLASH = "\ue02f"
NAME_X = "\ue078"
NAME_COMMA = "\ue02c"
NAME_X_UPPER = "\ue058"
NAME_D = "\ue064"
NAME_D_UPPER = "\ue044"
NAME_MINUS = "\ue02d"
NAME_PERCENT = "\ue025"
NAME_AMPERSAND = "\ue026"
MARKS: dict[str, str] = {
    NAME_SLASH: "/", NAME_X: "x", NAME_X_UPPER: "X", NAME_COMMA: ",", NAME_D: "d",
    NAME_D_UPPER: "D", NAME_MINUS: "-", NAME_PERCENT: "%", NAME_AMPERSAND: "&",
}
"""Mark → the character it stands for (the parser restores them in names)."""

QUANTITY_WORDS: frozenset[str] = frozenset(
    {
        "jumlah", "jml", "jm", "jmlh", "total", "banyaknya", "banyak", "luas", "nilai",
        "realisasi", "target", "rencana", "angka", "seluruh", "capaian", "anggaran", "pagu",
        "rata-rata", "populasi", "penduduk",
    }
)  # fmt: skip
"""Words that start the name of a quantity: a ``/`` before one of them is a division."""

UNITS: frozenset[str] = frozenset(
    {"ton", "ha", "kg", "km", "km2", "m", "m2", "m3", "jiwa", "orang", "kk", "rt", "unit", "liter"}
)
"""Units: ``Ton/Ha`` between two of them is one name (a unit), not a division."""

OPERATOR_WORDS = _OPERATOR_WORDS
"""Every operator verb and frame word (``definitions/vocabulary/operators.toml``) as one regex
alternation."""


_INLINE_QUICK = re.compile(r"[xX×]\s?100")
_LEAD_WORDS = ("adalah", "yaitu", "yakni", "ialah", "merupakan", "didefinisikan", "diperoleh",
               "dihitung", "rumus", "berikut")  # fmt: skip
_OPERATOR_CHARS = re.compile(r"[/×÷*+=]|\s[xX]\s|\s[xX](?=\d)|" + OPERATOR_WORDS, re.IGNORECASE)


def _is_phrase(text: str) -> bool:
    """Words, not a formula: starts with a word other than a lone x, has no operator."""
    return (
        bool(re.match(r"\s*[^\W\d]", text))
        and not re.match(r"\s*[xX×](?:\s|\d|$)", text)
        and not _OPERATOR_CHARS.search(text)
    )


_PLACEHOLDER = re.compile(r"\?{2,}|…|\.{4,}")


def _first_word(text: str) -> str:
    match = re.match(r"\s*+\(?\s*+([^\W\d][\w-]*)", text)
    return match.group(1).casefold() if match else ""
_WORD_OPERATOR = re.compile(r"\s[xX×]\s|\b(?:" + OPERATOR_WORDS + r")\b", re.IGNORECASE)


def _unquote_name(name: str) -> str:
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        return name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return name
