"""Build the one Lark parser for everything indikator reads, once per process.

``grammar/indikator.lark`` holds two start rules: ``formula`` (indicator formulas) and
``interval`` (bands of rating scales such as ``> 90 – 100``).  Both are compiled into one LALR
parser with the contextual lexer and positions propagated; the operator verbs and function
names come from ``definitions/vocabulary/operators.toml`` (:func:`grammar_text`).  This module
only loads and caches the parser; turning trees into nodes is the job of
:mod:`indikator.formula.parser` and :mod:`indikator.scales.intervals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from lark import Lark, Transformer

from indikator.core.resources import data_path
from indikator.formula.operators import grammar_slots

START_RULES = ("formula", "interval")


def build_parser(
    start: str | Sequence[str] = START_RULES,
    *,
    transformer: Transformer[Any, Any] | None = None,
    propagate_positions: bool = True,
    cache_tables: bool = True,
) -> Lark:
    """A new LALR parser of the one grammar file.

    *transformer* is applied inline as the parser reduces (no tree is built: the formula parser
    uses this for speed).  With *cache_tables* the parse tables are pickled in the temp dir so
    that a fresh process skips the LALR build; grammar fuzzing needs ``cache_tables=False``
    (a parser loaded from the cache does not keep the grammar object)."""
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        start=[start] if isinstance(start, str) else list(start),
        transformer=transformer,
        propagate_positions=propagate_positions,
        maybe_placeholders=False,
        cache=cache_tables,
    )


@cache
def grammar_text() -> str:
    """The grammar file with its ``@SLOT@`` placeholders (operator verbs, function names) filled
    from ``definitions/vocabulary/operators.toml`` (comment lines are left as written)."""
    raw = data_path("grammar/indikator.lark").read_text(encoding="utf-8")
    slots = grammar_slots()
    lines = []
    for line in raw.split("\n"):
        if "@" in line and not line.lstrip().startswith("//"):
            for slot, pattern in slots.items():
                line = line.replace(slot, pattern)
        lines.append(line)
    return "\n".join(lines)


@cache
def lark_parser() -> Lark:
    """The process-wide tree-building parser (start rules :data:`START_RULES`), built once."""
    return build_parser()
