"""Laws of evaluation, checked on random ASTs over random data with zeros, NaN and negatives.

* vectorised evaluation equals row-by-row evaluation, values and reasons;
* :func:`evaluate` equals the values of :func:`evaluate_detailed`;
* a reason is given exactly where the value is NaN;
* a Series in gives a Series out with the same index and the same values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.formula.evaluator import evaluate, evaluate_detailed
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable

NAMES = ("A", "B", "C")
CELLS = st.sampled_from([0.0, 0.0, 1.0, -1.0, 2.5, -3.0, 100.0, 1e-3, 7.0, np.nan, np.nan])

leaves = st.one_of(
    st.sampled_from(NAMES).map(Variable),
    st.sampled_from([0.0, 1.0, 2.0, 0.5, 100.0, -1.0, 3.0]).map(Number),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(BinOp, st.sampled_from(["+", "-", "*", "/", "^"]), children, children),
        st.builds(Neg, children),
        st.builds(
            Call,
            st.sampled_from(["sum", "mean", "min", "max"]),
            st.lists(children, min_size=1, max_size=3).map(tuple),
        ),
        st.builds(Call, st.sampled_from(["abs", "sqrt"]), children.map(lambda c: (c,))),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)


@st.composite
def columns(draw: st.DrawFn) -> dict[str, np.ndarray]:
    rows = draw(st.integers(min_value=1, max_value=7))
    return {name: np.array(draw(st.lists(CELLS, min_size=rows, max_size=rows))) for name in NAMES}


@settings(max_examples=200, deadline=None)
@given(trees, columns())
def test_vectorised_equals_row_by_row(node: Node, data: dict[str, np.ndarray]) -> None:
    whole = evaluate_detailed(node, data)
    rows = len(data["A"])
    for row in range(rows):
        one = evaluate_detailed(node, {name: float(column[row]) for name, column in data.items()})
        assert isinstance(one.values, float)
        np.testing.assert_array_equal(whole.values[row], one.values)
        assert whole.reasons[row] == one.reasons, (row, whole.reasons[row], one.reasons)


@settings(max_examples=150, deadline=None)
@given(trees, columns())
def test_plain_values_equal_detailed_values_and_reasons_mark_exactly_the_nans(
    node: Node, data: dict[str, np.ndarray]
) -> None:
    plain = evaluate(node, data)
    detail = evaluate_detailed(node, data)
    np.testing.assert_array_equal(plain, detail.values)
    has_reason = np.array([reason is not None for reason in detail.reasons])
    np.testing.assert_array_equal(has_reason, np.isnan(detail.values))


@settings(max_examples=60, deadline=None)
@given(trees, columns())
def test_series_in_series_out(node: Node, data: dict[str, np.ndarray]) -> None:
    rows = len(data["A"])
    index = pd.Index([f"row {i}" for i in range(rows)][::-1])
    series = {name: pd.Series(column, index=index) for name, column in data.items()}
    result = evaluate(node, series)
    assert isinstance(result, pd.Series)
    assert result.index.equals(index)
    np.testing.assert_array_equal(result.to_numpy(), evaluate(node, data))
