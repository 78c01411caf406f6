"""Laws of the parser and printer: round trip, only syntax errors, grammar fuzzing."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import indikator
from indikator.core.errors import FormulaSyntaxError
from indikator.formula.grammar import build_parser
from indikator.formula.model import Formula
from indikator.formula.nodes import Node, Variable, walk
from indikator.formula.printer import to_latex, to_text
from indikator.verification.strategies import expressions, formulas


def _names(node: Node) -> list[str]:
    return [n.name for n in walk(node) if isinstance(n, Variable)]


@settings(max_examples=200, deadline=None)
@given(formulas())
def test_round_trip_formula(formula: Formula) -> None:
    text = to_text(formula)
    again = indikator.parse(text)
    assert again == formula, text
    assert _names(again.expr) == _names(formula.expr)
    assert again.name == formula.name
    assert dict(again.definitions) == dict(formula.definitions)
    assert to_text(again) == text


@settings(max_examples=200, deadline=None)
@given(expressions)
def test_round_trip_expression_and_latex_is_text(expr: Node) -> None:
    assert indikator.parse(to_text(expr)).expr == expr
    assert isinstance(to_latex(expr), str)


_FORMULA_CHARS = st.sampled_from(
    [
        *"ABCxX/:÷×*+-−–()[]{}%$=\\_^,.;\n 0123456789\"'≥Σ√…?",
        *["dibagi", "dikali", "\\frac", "\\text{", "Keterangan:", "Pembilang:", "Penyebut:"],
        *["perbandingan antara", " dengan ", "Jumlah", " x 100%", "\n-----\n", "\\left("],
        *["sum(", " = ", "sama dengan", " atau ", "seratus persen", "dinyatakan dalam persen"],
        "\ue02f",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(_FORMULA_CHARS, max_size=40).map("".join)))
def test_arbitrary_text_raises_only_syntax_errors(text: str) -> None:
    try:
        formula = indikator.parse(text)
    except FormulaSyntaxError as error:
        assert error.line >= 1 and error.column >= 1
        assert error.message("id") and error.message("en")
        return
    assert indikator.parse(to_text(formula)) == formula


_EXPLICIT = {  # draws for every formula terminal (generating from their regexes is slow)
    "F_WORD": st.sampled_from([" Jumlah ", " penduduk ", " A ", " SD ", " x1 ", " PJN_bs "]),
    "F_NUMBER": st.sampled_from([" 100 ", " 0,376 ", " 100.000 ", " 20 000 ", " 2,5E+03 "]),
    "F_RANGE": st.sampled_from([" 4-6 ", " 7–12 "]),
    "F_QUOTED": st.sampled_from([' "Jumlah A / B" ', ' "Luas (Ha)" ', ' "x" ']),
    "F_TEXT": st.sampled_from([r" \text{Jumlah OPD} ", r" \mathrm{A} ", r" \text{B}_{bs} "]),
    "F_PERCENT": st.sampled_from([" % ", r" \% ", " persen "]),
    "F_HUNDRED_PERCENT": st.just(" seratus persen "),
    "F_IN_PERCENT": st.sampled_from([" dinyatakan dalam persen (%) ", " dinyatakan dalam %"]),
    "F_PLUS": st.sampled_from([" + ", " ditambah "]),
    "F_MINUS": st.sampled_from([" - ", " − ", " – ", " dikurangi "]),
    "F_TIMES": st.sampled_from([" * ", " × ", " x ", " X ", r" \times ", " dikalikan dengan "]),
    "F_DIV": st.sampled_from([" / ", " : ", " ÷ ", r" \div ", " dibagi dengan ", " dibanding "]),
    "F_POW": st.sampled_from([" ^ ", " ** "]),
    "F_SIGMA": st.sampled_from([" Σ ", " ∑ ", r" \sum ", " SIGMA "]),
    "F_SQRT": st.sampled_from([" √", r" \sqrt "]),
    "F_FRAC": st.sampled_from([r" \frac", r" \dfrac"]),
    "F_FUNC": st.sampled_from([" sum", " rata-rata", " max", " akar", " Jumlah"]),
    "F_OPEN": st.sampled_from(["(", "[", "{", r"\left("]),
    "F_CLOSE": st.sampled_from([")", "]", "}", r"\right)"]),
    "F_ARGSEP": st.sampled_from(["; ", ", "]),
    "F_CMP": st.sampled_from([" ≥ ", " < "]),
}


# from_lark draws slowly on this grammar (~0.4 s an example here): keep the count small.
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    from_lark(build_parser("formula", cache_tables=False), start="formula", explicit=_EXPLICIT)
)
def test_grammar_fuzzing(text: str) -> None:
    try:
        formula = indikator.parse(text)
    except FormulaSyntaxError:
        assume(False)
        return
    assert indikator.parse(to_text(formula)) == formula
