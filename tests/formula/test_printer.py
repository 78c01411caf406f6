"""indikator.formula.printer: canonical text that parses back, LaTeX, number and name formatting."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import indikator
from indikator.formula.model import Formula
from indikator.formula.nodes import BinOp, Call, Neg, Number, Variable
from indikator.formula.printer import format_number, quote_name, to_latex, to_text

FIXTURES = Path(__file__).parents[1] / "fixtures"
CANONICAL = [
    line.replace("\\n", "\n")
    for line in (FIXTURES / "roundtrip" / "canonical.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize("text", CANONICAL)
def test_canonical_text_prints_back_unchanged(text: str) -> None:
    formula = indikator.parse(text)
    assert to_text(formula) == text
    assert indikator.parse(to_text(formula)) == formula


def test_precedence_brackets_only_where_needed() -> None:
    a, b, c = (Variable(name=n) for n in "ABC")
    assert to_text(BinOp("-", a, BinOp("-", b, c))) == "A - (B - C)"
    assert to_text(BinOp("-", BinOp("-", a, b), c)) == "A - B - C"
    assert to_text(BinOp("*", BinOp("+", a, b), c)) == "(A + B) * C"
    assert to_text(BinOp("^", Neg(a), Number(2.0))) == "(-A) ^ 2"
    assert to_text(Neg(BinOp("+", a, b))) == "-(A + B)"
    assert to_text(Call("mean", (a, b))) == "mean(A; B)"
    # a minus before a minus is bracketed: "----A" would read as a flattened fraction bar
    assert to_text(Neg(Neg(Neg(Neg(a))))) == "-(-(-(-A)))"
    assert to_latex(Neg(Neg(a))) == r"-\left(-\text{A}\right)"


@pytest.mark.parametrize(
    "value,text",
    [(100.0, "100"), (0.376, "0,376"), (100000.0, "100000"), (1.5e-07, "1,5e-07"),
     (1e20, "1e+20"), (61.4035, "61,4035")],
)  # fmt: skip
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text
    assert indikator.parse(text).expr == Number(value)


def test_format_number_refuses_nan() -> None:
    with pytest.raises(ValueError):
        format_number(float("nan"))


@pytest.mark.parametrize(
    "name,quoted",
    [("Jumlah OPD yang tersedia", False), ("Total Dokumen", False), ("SD/ Sederajat", True),
     ("Luas (Ha)", True), ("3 x imunisasi", True), ("A dibagi B", True), ("kelas 1 000", True),
     ("adm. umum", True), ('a "b"', True)],
)  # fmt: skip
def test_quote_name(name: str, quoted: bool) -> None:
    assert quote_name(name).startswith('"') is quoted
    assert indikator.parse(quote_name(name)).expr == Variable(name=name)


def test_latex_of_a_seed_formula_is_what_documents_print() -> None:
    text = (
        r"$\frac{\text{Jumlah pengadaan BMD yang dilaksanakan}}"
        r"{\text{Jumlah rencana pengadaan BMD}} \times 100$"
    )
    formula = indikator.parse(text)
    latex = to_latex(formula)
    assert latex == (
        r"\frac{\text{Jumlah pengadaan BMD yang dilaksanakan}}"
        r"{\text{Jumlah rencana pengadaan BMD}} \times 100"
    )
    assert indikator.parse(latex) == formula


def test_latex_forms() -> None:
    a, b = Variable(name="A"), Variable(name="B")
    assert to_latex(BinOp("*", BinOp("+", a, b), Number(100.0, percent=True))) == (
        r"\left(\text{A} + \text{B}\right) \times 100\%"
    )
    assert to_latex(Call("sqrt", (a,))) == r"\sqrt{\text{A}}"
    assert to_latex(Number(0.5)) == "0{,}5"
    assert to_latex(Variable(name="a_b 50%")) == r"\text{a\_b 50\%}"
    assert to_latex(BinOp("^", a, Number(2.0))) == r"{\text{A}}^{2}"
    named = Formula(expr=BinOp("/", a, b), name="TPT")
    assert to_latex(named) == r"\text{TPT} = \frac{\text{A}}{\text{B}}"


def test_seed_formulas_round_trip_through_text_and_latex() -> None:
    rows = csv.DictReader(
        (FIXTURES / "seed-tabel-6.3-expected.tsv").open(encoding="utf-8"), delimiter="\t"
    )
    for row in rows:
        formula = indikator.parse(row["rumus"])
        assert indikator.parse(to_text(formula)) == formula
        assert indikator.parse(to_latex(formula)) == formula
