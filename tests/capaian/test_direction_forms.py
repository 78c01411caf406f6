"""A direction per row read the same whatever form it comes in: object words (with missing
cells and many distinct words), numpy fixed-width text, pandas categorical; and the per-row
capaian equals the ``np.where`` of the two fixed-direction calls (issue 11)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.capaian.direction_rows import _directions
from indikator.capaian.methods import achievement

WORDS = ["naik", "turun", "Positif (+)", "negatif", "???", "", "maximize", "Turun ",
         "semakin kecil semakin baik", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"]


def _reference(values: list[object]) -> tuple[np.ndarray, np.ndarray]:
    from indikator.capaian.direction import direction_word
    from indikator.core.shapes import is_na

    words = [None if is_na(v) else direction_word(str(v)) for v in values]
    return (np.array([w is True for w in words], dtype=bool),
            np.array([w is None for w in words], dtype=bool))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.none() | st.just(float("nan")), min_size=2,
                max_size=60))
def test_words_with_missing_and_many_distinct(values: list[object]) -> None:
    lower, unknown = _directions(np.array(values, dtype=object), len(values))
    expected_lower, expected_unknown = _reference(values)
    assert lower.tolist() == expected_lower.tolist()
    assert unknown.tolist() == expected_unknown.tolist()
    texts = [v for v in values if isinstance(v, str)]
    if len(texts) > 1:
        for form in (np.array(texts), pd.Categorical(texts), pd.Series(texts, dtype="category")):
            got = _directions(form, len(texts))
            want = _reference(list(texts))
            assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist()


def test_categorical_with_missing_is_unknown() -> None:
    lower, unknown = _directions(pd.Categorical(["turun", None, "naik"]), 3)
    assert lower.tolist() == [True, False, False] and unknown.tolist() == [False, True, False]


def test_per_row_equals_two_fixed_calls() -> None:
    rng = np.random.default_rng(5)
    target = np.round(rng.uniform(-5, 100, 5000), 2)
    target[::97] = 0.0
    actual = np.round(target * rng.uniform(-0.2, 1.5, 5000), 2)
    actual[::89] = np.nan
    words = np.where(rng.random(5000) < 0.3, "turun", "naik").astype(object)
    words[::101] = "???"
    lower = words == "turun"
    for method in (None, "inverse"):
        got = achievement(actual, target, words, method)
        want = np.where(lower, achievement(actual, target, "lower", method),
                        achievement(actual, target, "higher", method))
        want[words == "???"] = np.nan
        np.testing.assert_array_equal(got, want)
