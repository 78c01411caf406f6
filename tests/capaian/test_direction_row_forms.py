"""Every form a direction per row comes in gives, bit for bit, the ``np.where`` of the two
fixed-direction calls, with NaN where the row's direction is unknown (issue 11): object
arrays (cells sharing objects, read by address; distinct objects, read as text), numpy
fixed-width text, boolean masks, ``Categorical``, ``category`` / ``str`` / object / bool
Series; missing cells (None, NaN, ``pandas.NA``), mixed case and spacing, 0 and 1 rows, and
columns longer than one block of the address path with rare and distinct objects."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.capaian.direction import direction_word
from indikator.capaian.direction_rows import _BLOCK, _directions
from indikator.capaian.methods import achievement, achievement_detail
from indikator.core.shapes import is_na

WORDS = ["naik", "turun", "Naik ", "TURUN", "semakin rendah semakin baik", "positif",
         "Negatif (-)", "maximize", "???", "", "lower", "higher"]
MISSING: list[Any] = [None, float("nan"), pd.NA]
VALUES = st.one_of(st.sampled_from([0.0, -0.0, -1.0, np.nan, np.inf, 100.0, 1e308]),
                   st.floats(-10, 500))


def _expected(cells: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    words = [None if is_na(c) else direction_word(str(c)) for c in cells]
    return (np.array([w is True for w in words], dtype=bool),
            np.array([w is None for w in words], dtype=bool))


def _two_calls(actual: np.ndarray, target: np.ndarray, lower: np.ndarray,
               unknown: np.ndarray, method: str | None) -> np.ndarray:
    want = np.where(lower, achievement(actual, target, "lower", method),
                    achievement(actual, target, "higher", method))
    want[unknown] = np.nan
    return np.asarray(want, dtype=float)


def _identical(got: Any, want: np.ndarray) -> None:
    got = np.asarray(got, dtype=float)
    assert got.shape == want.shape
    nan = np.isnan(want)
    assert np.array_equal(np.isnan(got), nan)
    assert np.array_equal(got[~nan].view(np.uint64), want[~nan].view(np.uint64))


def _distinct(cells: list[Any]) -> np.ndarray:
    """Each text cell its own new ``str`` object (as ``astype(object)`` of text makes)."""
    out = np.empty(len(cells), dtype=object)
    out[:] = [("x" + c)[1:] if isinstance(c, str) else c for c in cells]
    return out


def _shared(cells: list[Any]) -> np.ndarray:
    out = np.empty(len(cells), dtype=object)
    out[:] = cells
    return out


FORMS: dict[str, Callable[[list[Any]], Any]] = {
    "object array, shared objects": _shared,
    "object array, distinct objects": _distinct,
    "Categorical": pd.Categorical,
    "category Series": lambda cells: pd.Series(cells, dtype="category"),
    "str Series": lambda cells: pd.Series(cells, dtype="str"),
    "object Series": lambda cells: pd.Series(_shared(cells), dtype=object),
    "list": list,
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(VALUES, VALUES, st.sampled_from(WORDS) | st.sampled_from(MISSING)
                          | st.integers(0, 2)),  # numbers say no direction
                min_size=0, max_size=40),
       st.sampled_from([None, "inverse"]))
def test_every_form_equals_two_fixed_calls(rows: list[tuple[float, float, Any]],
                                           method: str | None) -> None:
    actual = np.array([r[0] for r in rows], dtype=float)
    target = np.array([r[1] for r in rows], dtype=float)
    cells = [r[2] for r in rows]
    lower, unknown = _expected(cells)
    want = _two_calls(actual, target, lower, unknown, method)
    forms = dict(FORMS)
    if all(isinstance(c, str) for c in cells):
        forms["numpy fixed-width text"] = lambda cells: np.array(cells, dtype=str)
    for name, form in forms.items():
        _identical(achievement(actual, target, form(cells), method), want)
        got_lower, got_unknown = _directions(form(cells), len(cells))
        assert got_lower.tolist() == lower.tolist(), name
        assert got_unknown.tolist() == unknown.tolist(), name
    detail = achievement_detail(actual, target, _shared(cells), method)
    _identical(detail.value, want)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(VALUES, VALUES, st.booleans()), min_size=0, max_size=40),
       st.sampled_from([None, "inverse"]))
def test_boolean_forms_are_lower_is_better(rows: list[tuple[float, float, bool]],
                                           method: str | None) -> None:
    actual = np.array([r[0] for r in rows], dtype=float)
    target = np.array([r[1] for r in rows], dtype=float)
    lower = np.array([r[2] for r in rows], dtype=bool)
    want = _two_calls(actual, target, lower, np.zeros(len(rows), dtype=bool), method)
    for form in (lower, pd.Series(lower), pd.Series(lower, dtype="boolean"), lower.tolist()):
        _identical(achievement(actual, target, form, method), want)
    assert lower.tolist() == [r[2] for r in rows]  # the caller's mask is not changed


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(VALUES, VALUES, st.integers(0, 255)), min_size=2, max_size=40))
def test_a_mask_with_any_nonzero_byte_for_true(rows: list[tuple[float, float, int]]) -> None:
    """A mask made from raw bytes (``np.frombuffer``) can hold 2 or 255 for True; it is read
    as numpy's own ``where`` reads it (the fast path merges float bits through the mask)."""
    actual = np.array([r[0] for r in rows], dtype=float)
    target = np.array([r[1] for r in rows], dtype=float)
    raw = np.frombuffer(bytes(r[2] for r in rows), dtype=bool)
    want = _two_calls(actual, target, raw != 0, np.zeros(len(rows), dtype=bool), None)
    _identical(achievement(actual, target, raw), want)


def test_nullable_boolean_na_is_unknown() -> None:
    got = achievement(np.array([90.0, 90.0, 90.0]), np.array([100.0] * 3),
                      pd.Series([True, pd.NA, False], dtype="boolean"))
    _identical(got, np.array([110.0, np.nan, 90.0]))


@pytest.mark.parametrize("cell", ["turun", "Naik ", None, pd.NA, "???"])
def test_one_row_and_no_row(cell: Any) -> None:
    for form in (FORMS["object array, shared objects"], FORMS["str Series"], pd.Categorical):
        lower, unknown = _expected([cell])
        want = _two_calls(np.array([90.0]), np.array([100.0]), lower, unknown, None)
        _identical(achievement(np.array([90.0]), np.array([100.0]), form([cell])), want)
        empty = achievement(np.array([]), np.array([]), form([]))
        assert np.asarray(empty).shape == (0,)


def _long_column(rng: np.random.Generator, n: int) -> np.ndarray:
    """Blocks of shared objects (a new set every 40 000 rows, as a chunked reader makes),
    a stretch of distinct objects, rare words and missing cells."""
    cells = np.empty(n, dtype=object)
    for start in range(0, n, 40_000):
        words = _distinct(["naik", "turun", "TURUN", "???"])  # new objects for this stretch
        stop = min(n, start + 40_000)
        cells[start:stop] = words[rng.choice(4, stop - start, p=[0.6, 0.3, 0.09, 0.01])]
    middle = slice(_BLOCK - 3_000, 2 * _BLOCK + 3_000)  # one whole block, two in part
    cells[middle] = _distinct(list(cells[middle]))
    for row, rare in ((5, "semakin rendah semakin baik"), (n - 1, "negatif"), (_BLOCK, None),
                      (2 * _BLOCK + 7, pd.NA), (3 * _BLOCK - 1, float("nan")),
                      (77_777, "Positif (+)")):
        cells[row] = rare
    return cells


def test_long_columns_across_blocks() -> None:
    rng = np.random.default_rng(3)
    n = 3 * _BLOCK + 123
    cells = _long_column(rng, n)
    lower, unknown = _expected(list(cells))
    target = np.round(rng.uniform(-5, 100, n), 2)
    actual = np.round(target * rng.uniform(-0.2, 1.5, n), 2)
    for method in (None, "inverse"):
        want = _two_calls(actual, target, lower, unknown, method)
        _identical(achievement(actual, target, cells, method), want)
    got_lower, got_unknown = _directions(cells, n)
    assert np.array_equal(got_lower, lower) and np.array_equal(got_unknown, unknown)


def test_words_as_read_from_csv() -> None:
    rng = np.random.default_rng(8)
    n = 300_000  # more than one chunk of pandas' CSV reader
    words = np.array(["naik", "turun", "Naik ", "TURUN", "semakin rendah semakin baik"],
                     dtype=object)
    cells = words[rng.choice(5, n, p=[0.6, 0.2, 0.1, 0.05, 0.05])]
    cells[::997] = None
    text = io.StringIO()
    pd.DataFrame({"arah": cells}).to_csv(text, index=False)
    text.seek(0)
    column = pd.read_csv(text)["arah"]
    lower, unknown = _expected(list(cells))
    target = np.round(rng.uniform(1, 100, n), 2)
    actual = np.round(target * rng.uniform(0.5, 1.3, n), 2)
    want = _two_calls(actual, target, lower, unknown, None)
    for form in (column, column.to_numpy(), column.astype("category")):
        _identical(achievement(actual, target, form), want)


def test_one_boolean_for_all_rows_and_wrong_sizes() -> None:
    actual, target = np.array([90.0, 110.0]), np.array([100.0, 100.0])
    _identical(achievement(actual, target, np.array([True])),
               achievement(actual, target, "lower"))
    _identical(achievement(actual, target, pd.Series([False], dtype="boolean")),
               achievement(actual, target, "higher"))
    _identical(achievement(actual, target, pd.Series([pd.NA], dtype="boolean")),
               np.array([np.nan, np.nan]))
    from indikator.core.errors import AchievementError

    for wrong in (np.array([True, False, True]), pd.Series([True, None, False], dtype="boolean"),
                  pd.Categorical(["naik"] * 3), np.array(["naik"] * 3, dtype=object)):
        with pytest.raises(AchievementError):
            achievement(actual, target, wrong)
