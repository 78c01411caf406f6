"""Structural analysis on hand-made ASTs: kinds, ratios, growth, constants, percent, factors."""

from __future__ import annotations

import math

import pytest

from indikator.formula.analysis import (
    KINDS,
    Growth,
    Ratio,
    constant_value,
    factors,
    fold_constants,
    growth_of,
    is_constant,
    kind_of,
    percent,
    ratio_of,
    split_factor,
    terms,
    variables,
)
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Span, Variable

A, B, C = Variable("A"), Variable("B"), Variable("C")
N100, P100 = Number(100), Number(100, percent=True)


def mul(left: Node, right: Node) -> BinOp:
    return BinOp("*", left, right)


def div(left: Node, right: Node) -> BinOp:
    return BinOp("/", left, right)


def sub(left: Node, right: Node) -> BinOp:
    return BinOp("-", left, right)


def add(left: Node, right: Node) -> BinOp:
    return BinOp("+", left, right)


@pytest.mark.parametrize(
    ("node", "factor"),
    [
        (mul(div(A, B), P100), 100.0),  # A / B x 100%
        (div(mul(A, N100), B), 100.0),  # A x 100 / B
        (div(mul(N100, A), B), 100.0),  # 100 x A / B
        (mul(N100, div(A, B)), 100.0),  # 100 x (A / B)
        (div(A, mul(N100, B)), 0.01),  # A / (100 x B): seed line 201
        (div(A, div(B, N100)), 100.0),  # A / (B / 100)
        (mul(Number(2), div(A, mul(B, Number(50)))), 0.04),  # nested constant factors
        (mul(div(A, B), div(Number(1), Number(3))), 1 / 3),
        (div(A, B), 1.0),
        (Neg(div(A, B)), -1.0),
    ],
)
def test_ratio_looks_through_constant_factors(node: Node, factor: float) -> None:
    ratio = ratio_of(node)
    assert ratio == Ratio(A, B, pytest.approx(factor))
    assert kind_of(node) == "ratio"


def test_ratio_keeps_numerator_and_denominator_as_written() -> None:
    numerator = sub(A, C)
    ratio = ratio_of(mul(div(numerator, add(B, C)), N100))
    assert ratio is not None
    assert ratio.numerator is numerator  # the node itself, span and all
    assert ratio.denominator == add(B, C)


def test_a_ratio_times_a_quantity_is_a_product_but_constants_move_freely() -> None:
    assert ratio_of(mul(div(A, B), C)) is None  # (A / B) x weight
    assert kind_of(mul(div(A, B), C)) == "product"
    assert ratio_of(mul(mul(A, N100), div(Number(1), B))) == Ratio(A, B, 100.0)


@pytest.mark.parametrize(
    "node",
    [A, mul(A, N100), sub(A, B), div(N100, B), div(A, N100), Number(3), div(Number(1), Number(3))],
)
def test_not_a_ratio(node: Node) -> None:
    assert ratio_of(node) is None


def test_growth_is_relative_change() -> None:
    now, before = Variable("PDRB(t)"), Variable("PDRB (t-1)")
    node = mul(div(sub(now, before), Variable("pdrb(t-1)")), P100)
    assert growth_of(node) == Growth(now, before, 100.0)
    assert kind_of(node) == "growth"
    assert ratio_of(node) is not None  # still a ratio for those who ask
    quotient_form = mul(sub(div(now, before), Number(1)), N100)
    assert growth_of(quotient_form) == Growth(now, before, 100.0)
    assert kind_of(quotient_form) == "growth"


def test_a_difference_over_something_else_is_a_ratio_not_growth() -> None:
    node = div(sub(A, B), sub(C, B))  # min-max normalisation
    assert growth_of(node) is None
    assert kind_of(node) == "ratio"
    assert kind_of(div(sub(A, B), A)) == "ratio"  # divides by the minuend


@pytest.mark.parametrize(
    ("node", "kind"),
    [
        (Number(0), "constant"),
        (div(Number(1), Number(3)), "constant"),
        (A, "single"),
        (mul(A, P100), "single"),
        (div(A, N100), "single"),
        (Neg(A), "single"),
        (mul(A, Number(1)), "single"),
        (sub(A, B), "difference"),
        (sub(N100, A), "difference"),
        (add(add(A, B), C), "sum"),
        (mul(div(Number(1), Number(3)), add(add(A, B), C)), "sum"),  # 1/3 (IS + IEK + IL)
        (Call("sum", (A, B)), "sum"),
        (Call("mean", (A, B)), "sum"),
        (mul(A, B), "product"),
        (mul(mul(Number(0.376), A), B), "product"),
        (div(N100, B), "expression"),
        (Call("sqrt", (A,)), "expression"),
        (Call("min", (A, B)), "expression"),
        (BinOp("^", A, Number(2)), "expression"),
    ],
)
def test_kinds(node: Node, kind: str) -> None:
    assert kind_of(node) == kind
    assert kind in KINDS


def test_constants_and_folding() -> None:
    assert is_constant(mul(Number(2), Number(3)))
    assert not is_constant(mul(Number(2), A))
    assert constant_value(mul(div(Number(1), Number(4)), P100)) == 25.0
    assert constant_value(A) is None
    assert math.isnan(constant_value(div(Number(1), Number(0))) or 0.0)  # evaluator's policy
    assert math.isnan(constant_value(Call("sqrt", (Number(-1),))) or 0.0)
    assert math.isnan(constant_value(BinOp("^", Number(-8), Number(0.5))) or 0.0)
    assert constant_value(BinOp("^", Number(10), Number(400))) == math.inf
    assert constant_value(Call("mean", (Number(1), Number(2)))) == 1.5
    span = Span(0, 7)
    folded = fold_constants(add(A, BinOp("*", Number(2), Number(50), span=span)))
    assert folded == add(A, Number(100))
    assert isinstance(folded, BinOp) and folded.right.span == span
    assert fold_constants(mul(A, mul(Number(1), P100))) == mul(A, Number(100, percent=True))


def test_percent_marks_the_result_only_from_the_numerator_side() -> None:
    assert percent(mul(div(A, B), P100))
    assert percent(div(mul(A, P100), B))
    assert not percent(mul(div(A, B), N100))
    assert not percent(div(A, mul(P100, B)))
    assert percent(Call("mean", (mul(A, P100), mul(B, P100))))


def test_factors_terms_variables() -> None:
    assert factors(mul(mul(A, B), C)) == (A, B, C)
    assert factors(div(A, B)) == (div(A, B),)
    assert terms(sub(add(A, B), C)) == ((1, A), (1, B), (-1, C))
    assert terms(sub(A, sub(B, C))) == ((1, A), (-1, B), (1, C))
    assert terms(Neg(A)) == ((-1, A),)
    assert variables(add(Variable("Jml A"), mul(Variable("jumlah  a"), B))) == (
        Variable("Jml A"),
        B,
    )


def test_split_factor() -> None:
    assert split_factor(div(mul(A, N100), B)) == (100.0, div(A, B))
    assert split_factor(div(N100, B)) == (100.0, div(Number(1), B))
    assert split_factor(Number(5)) == (5.0, None)
    node = div(A, B)
    assert split_factor(node)[1] is node


def test_analysis_does_not_import_numpy() -> None:
    import subprocess
    import sys

    code = "import sys, indikator.formula.analysis; assert 'numpy' not in sys.modules"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
