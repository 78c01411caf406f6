"""The operator words of ``definitions/vocabulary/operators.toml``, in the shapes formula
modules need: function aliases, verb forms, the regex alternations the normalisation steps and
the grammar's ``@…@`` slots use, and the words that make the printer quote a name.

One list, many readers: a verb added to the TOML reaches the grammar, the normaliser, the
printer and the linter.  This module only derives; it parses nothing.
"""

from __future__ import annotations

import re
from functools import cache

from indikator.core.vocabulary import vocabulary

_DATA = vocabulary("operators")
_NOT_NAME_CHAR = r"(?![\w\ue000-\ue0ff])"

VERBS: dict[str, tuple[str, ...]] = {
    op: tuple(words) for op, words in _DATA["verbs"].items() if op != "with"
}
"""Operator → its written verb forms (``divide`` → dibagi, dibagikan, dibanding, …)."""

WITH_WORDS: tuple[str, ...] = tuple(_DATA["verbs"]["with"])
"""``dengan`` and its abbreviations, allowed after a verb (``dibagi dengan``)."""

VERB_STEMS: tuple[str, ...] = tuple(_DATA["stems"]["words"])
"""Verb stems: a word starting with one of these is an operator verb."""

FRAME_WORDS: tuple[str, ...] = tuple(_DATA["frames"]["words"])
"""Words that open a verbal ratio frame (membagi, perbandingan, terhadap)."""

FUNCTION_ALIASES: dict[str, str] = dict(_DATA["functions"])
"""Function names as written (case-folded) → canonical :data:`indikator.formula.nodes.FUNCTIONS`."""

ALL_VERBS: tuple[str, ...] = tuple(word for words in VERBS.values() for word in words)

RESERVED_WORDS: frozenset[str] = frozenset(
    [*_DATA["reserved"]["words"], *ALL_VERBS, *FRAME_WORDS]
)
"""Words that make a name print in quotes (operators, frames and labels the parser knows)."""


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """``(?:a|b|…)`` of *words*, longest first (so a longer form wins)."""
    ordered = sorted({re.escape(word) for word in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(ordered) + ")"


OPERATOR_WORDS: str = alternation([*ALL_VERBS, *FRAME_WORDS])[3:-1]
"""Every operator verb and frame word as one regex alternation (no group, no flags)."""


def _verb_terminal(op: str) -> str:
    with_ = alternation(list(WITH_WORDS))
    return (
        f"{alternation(list(VERBS[op]))}(?:\\s+{with_}{_NOT_NAME_CHAR}\\.?)?{_NOT_NAME_CHAR}"
    )


@cache
def grammar_slots() -> dict[str, str]:
    """The regex of each ``@SLOT@`` of ``grammar/indikator.lark``."""
    slots = {f"@{op.upper()}@": _verb_terminal(op) for op in VERBS}
    slots["@FUNCTIONS@"] = alternation(list(FUNCTION_ALIASES))
    return slots
