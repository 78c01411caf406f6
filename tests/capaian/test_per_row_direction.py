"""``achievement()`` with a direction per row (words or a boolean mask) gives the values of
``achievement_detail`` and of ``np.where`` over the two fixed-direction calls."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from indikator.capaian.methods import achievement, achievement_detail

values = st.one_of(st.sampled_from([0.0, -1.0, np.nan, 100.0]), st.floats(-10, 500))
words = st.sampled_from(["naik", "turun", "Positif", "menurun", "x", None, "", "lower"])


@given(st.lists(st.tuples(values, values, words), min_size=2, max_size=30))
def test_per_row_words_match_the_detailed_result(rows: list[tuple[float, float, object]]) -> None:
    actual = np.array([r[0] for r in rows])
    target = np.array([r[1] for r in rows])
    direction = np.array([r[2] for r in rows], dtype=object)
    fast = achievement(actual, target, direction)
    slow = achievement_detail(actual, target, direction).value
    np.testing.assert_array_equal(fast, slow)


@given(st.lists(st.tuples(values, values, st.booleans()), min_size=2, max_size=30))
def test_boolean_mask_is_lower_is_better(rows: list[tuple[float, float, bool]]) -> None:
    actual = np.array([r[0] for r in rows])
    target = np.array([r[1] for r in rows])
    lower = np.array([r[2] for r in rows], dtype=bool)
    expected = np.where(lower, achievement(actual, target, "lower"),
                        achievement(actual, target, "higher"))
    np.testing.assert_array_equal(achievement(actual, target, lower), expected)
