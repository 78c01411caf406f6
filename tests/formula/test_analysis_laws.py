"""Laws tying analysis to evaluation, on random ASTs and random data.

* constant folding computes what the evaluator computes (same NaN policy);
* ``split_factor``: the node's value is ``factor × value(core)``;
* ``ratio_of``: the node's value is ``factor × value(numerator / denominator)``;
* folding constants does not change the value.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.formula.analysis import constant_value, fold_constants, ratio_of, split_factor
from indikator.formula.evaluator import evaluate
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable

NUMBERS = st.sampled_from([0.0, 1.0, 2.0, 0.5, 100.0, -1.0, 3.0, 0.01])
CELLS = st.sampled_from([0.0, 1.0, -1.0, 2.5, -3.0, 100.0, 1e-3, 7.0, np.nan])


def trees(*, variables: bool, power: bool) -> st.SearchStrategy[Node]:
    leaf = NUMBERS.map(Number)
    if variables:
        leaf = st.one_of(leaf, st.sampled_from("ABC").map(Variable))
    ops = ["+", "-", "*", "/", *(["^"] if power else [])]

    def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        return st.one_of(
            st.builds(BinOp, st.sampled_from(ops), children, children),
            st.builds(Neg, children),
            st.builds(
                Call,
                st.sampled_from(["sum", "mean", "min", "max"]),
                st.lists(children, min_size=1, max_size=3).map(tuple),
            ),
            st.builds(Call, st.sampled_from(["abs", "sqrt"]), children.map(lambda c: (c,))),
        )

    return st.recursive(leaf, extend, max_leaves=10)


@st.composite
def columns(draw: st.DrawFn) -> dict[str, np.ndarray]:
    rows = draw(st.integers(min_value=1, max_value=6))
    return {name: np.array(draw(st.lists(CELLS, min_size=rows, max_size=rows))) for name in "ABC"}


def close(left: object, right: object) -> bool:
    a, b = np.asarray(left, dtype=float), np.asarray(right, dtype=float)
    return bool(np.all(np.isclose(a, b, rtol=1e-9, atol=1e-300, equal_nan=True)))


@settings(max_examples=200, deadline=None)
@given(trees(variables=False, power=True))
def test_constant_value_agrees_with_the_evaluator(node: Node) -> None:
    value = constant_value(node)
    assert value is not None
    expected = evaluate(node)
    assert close(value, expected) or (math.isinf(value) and value == expected), (value, expected)


@settings(max_examples=200, deadline=None)
@given(trees(variables=True, power=False), columns())
def test_split_factor_and_ratio_preserve_the_value(node: Node, data: dict[str, np.ndarray]) -> None:
    expected = evaluate(node, data)
    factor, core = split_factor(node)
    if core is None:
        assert close(np.broadcast_to(factor, np.shape(expected)), expected)
        return
    assert close(factor * evaluate(core, data), expected)
    ratio = ratio_of(node)
    if ratio is not None:
        quotient = evaluate(BinOp("/", ratio.numerator, ratio.denominator), data)
        assert close(ratio.factor * quotient, expected)


@settings(max_examples=150, deadline=None)
@given(trees(variables=True, power=False), columns())
def test_folding_constants_keeps_the_value(node: Node, data: dict[str, np.ndarray]) -> None:
    assert close(evaluate(fold_constants(node), data), evaluate(node, data))
