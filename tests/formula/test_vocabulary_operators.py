"""One source for operator verbs, function names and abbreviations
(``definitions/vocabulary/{operators,abbreviations}.toml``): every word listed there works in the
grammar, the printer and the linter, and no module keeps a copy of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import indikator
from indikator.core.vocabulary import vocabulary
from indikator.formula.names import ABBREVIATIONS, name_key
from indikator.formula.nodes import FUNCTIONS, BinOp, Call
from indikator.formula.operators import FUNCTION_ALIASES, RESERVED_WORDS, VERBS
from indikator.formula.printer import to_text
from indikator.linter.lexicon import load_lexicon

PACKAGE = Path(indikator.__file__).parent
SYMBOL = {"divide": "/", "multiply": "*", "add": "+", "subtract": "-"}


@pytest.mark.parametrize(
    "op,verb", [(op, verb) for op, verbs in VERBS.items() for verb in verbs], ids=str
)
def test_every_listed_verb_is_an_operator(op: str, verb: str) -> None:
    expr = indikator.parse(f"Jumlah A {verb} Jumlah B").expr
    assert isinstance(expr, BinOp) and expr.op == SYMBOL[op]
    assert verb in RESERVED_WORDS  # a name holding it prints in quotes
    quoted = indikator.parse(f'"Jumlah {verb} A" / B')
    assert indikator.parse(to_text(quoted)) == quoted


@pytest.mark.parametrize("alias", sorted(FUNCTION_ALIASES))
def test_every_listed_function_name_calls_its_function(alias: str) -> None:
    expr = indikator.parse(f"{alias}(A; B)").expr
    assert isinstance(expr, Call) and expr.func == FUNCTION_ALIASES[alias]
    assert expr.func in FUNCTIONS


def test_abbreviations_have_one_source() -> None:
    listed = vocabulary("abbreviations")["abbreviations"]
    assert listed == ABBREVIATIONS
    lexicon = load_lexicon()
    assert all(lexicon.abbreviations[short] == full for short, full in listed.items())
    for short, full in listed.items():
        assert name_key(f"{short} siswa") == name_key(f"{full} siswa")


def test_no_module_keeps_its_own_copy_of_the_operator_verbs() -> None:
    verbs = [verb for words in VERBS.values() for verb in words if len(verb) > 7]
    quoted = re.compile(r"[\"'](?:" + "|".join(verbs) + r")[\"']")
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "operators.py" and quoted.search(path.read_text("utf-8"))
    ]
    assert offenders == []
