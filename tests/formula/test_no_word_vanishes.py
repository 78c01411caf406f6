"""No word vanishes: every letter-bearing word of the input ends up in a variable name, the
indicator name, a symbol definition, a worked example, or a recorded rewrite — or it is a word
the grammar reads as an operator (``dibagi``, ``persen``, ``\\frac`` …).  Checked on every
fixture text (including both real corpora) and on generated inputs."""

from __future__ import annotations

import re

from fixture_texts import fixture_texts
from hypothesis import given, settings
from hypothesis import strategies as st

import indikator
from indikator.core.errors import FormulaSyntaxError
from indikator.formula.model import Formula
from indikator.formula.nodes import Call, Variable, walk
from indikator.formula.operators import ALL_VERBS, FUNCTION_ALIASES, WITH_WORDS

WORD = re.compile(r"[^\W\d_]{2,}")
GRAMMAR_WORDS = {
    *ALL_VERBS, *WITH_WORDS, *FUNCTION_ALIASES, "persen", "seratus", "dinyatakan", "dalam",
    "satuan", "bentuk", "persentase", "text", "frac", "dfrac", "tfrac", "times", "cdot", "div",
    "sqrt", "left", "right", "mathrm", "textrm", "textit", "mathit", "mbox", "operatorname",
    "sigma", "kali", "rata", "rerata",
}  # fmt: skip


def _kept_words(formula: Formula) -> set[str]:
    pieces: list[str] = [formula.name or ""]
    for node in walk(formula.expr):
        if isinstance(node, Variable):
            pieces.append(node.name)
        elif isinstance(node, Call):
            pieces.append(node.func)
    pieces += [*formula.definitions, *formula.definitions.values(), *formula.examples]
    pieces += [rewrite.before for rewrite in formula.rewrites]
    return {word.casefold() for piece in pieces for word in WORD.findall(piece)}


def _vanished(text: str) -> list[str]:
    try:
        formula = indikator.parse(text)
    except FormulaSyntaxError:
        return []
    kept = _kept_words(formula) | GRAMMAR_WORDS
    return [word for word in WORD.findall(text) if word.casefold() not in kept]


def test_no_word_vanishes_from_any_fixture() -> None:
    lost = {text[:80]: words for text in fixture_texts() if (words := _vanished(text))}
    assert lost == {}


WORDS = st.sampled_from(
    ["Jumlah", "desa", "yang", "lalu", "tahun", "dibina", "kemudian", "Total", "persen",
     "atau", "dengan", "x", "SD/MI", "usia", "10 - 18", "≥ 60%", "(Ton)", "&", "rata-rata"]
)  # fmt: skip
SEPARATORS = st.sampled_from([" / ", " dibagi ", " x 100% ", " ------ x 100 % ", "\n", " = "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=3),
       st.lists(SEPARATORS, min_size=2, max_size=2))
def test_no_word_vanishes_from_generated_formulas(parts: list[str], seps: list[str]) -> None:
    text = parts[0]
    for index, part in enumerate(parts[1:]):
        text += seps[index] + part
    assert _vanished(text) == []
