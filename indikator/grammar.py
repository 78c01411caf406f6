"""Build the one Lark parser for everything indikator reads, once per process.

``grammar/indikator.lark`` holds two start rules: ``formula`` (indicator formulas) and
``interval`` (bands of rating scales such as ``> 90 – 100``).  Both are compiled into one LALR
parser with the contextual lexer and positions propagated.  This module only loads and caches
the parser; turning trees into nodes is the job of :mod:`indikator.parser` and
:mod:`indikator.intervals`.
"""

from __future__ import annotations

from functools import cache

from lark import Lark

from indikator.resources import data_path

START_RULES = ("formula", "interval")


@cache
def lark_parser() -> Lark:
    """The cached LALR parser (start rules :data:`START_RULES`)."""
    grammar = data_path("grammar/indikator.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        start=list(START_RULES),
        propagate_positions=True,
        maybe_placeholders=False,
        cache=False,
    )
