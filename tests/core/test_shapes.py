"""indikator.core.shapes: pandas detection, float conversion, missing values, output shaping."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from indikator.core.shapes import (
    as_float,
    first_series,
    is_na,
    is_pandas,
    is_series,
    like_input,
    na_mask,
)


def test_pandas_detected_by_type_module() -> None:
    series = pd.Series([1.0])
    assert is_pandas(series) and is_series(series)
    assert is_pandas(pd.Index([1])) and not is_series(pd.Index([1]))
    assert not is_pandas(np.array([1.0])) and not is_series([1.0])
    assert first_series(1.0, np.array([1.0]), series, pd.Series([2.0])) is series
    assert first_series(1.0, [2.0]) is None


@pytest.mark.parametrize(
    "value", [None, math.nan, np.float32("nan"), Decimal("NaN"), pd.NA, pd.NaT]
)
def test_missing_scalars(value: object) -> None:
    assert is_na(value)


@pytest.mark.parametrize("value", [0, 0.0, "", "x", False, Decimal("1"), pd.Timestamp(0)])
def test_present_scalars(value: object) -> None:
    assert not is_na(value)


def test_as_float_maps_every_missing_value_to_nan() -> None:
    got = as_float([1, None, math.nan, pd.NA, "2"])
    assert got.dtype == np.float64
    assert np.array_equal(got, [1.0, np.nan, np.nan, np.nan, 2.0], equal_nan=True)
    nullable = pd.Series([1.5, None], dtype="Float64")
    assert np.array_equal(as_float(nullable), [1.5, np.nan], equal_nan=True)
    same = np.array([1.0, 2.0])
    assert as_float(same) is same
    assert np.isnan(as_float(None)) and as_float(None).shape == ()
    with pytest.raises(ValueError):
        as_float(["abc"])


def test_na_mask_of_object_float_and_int_arrays() -> None:
    mixed = np.array([1, None, math.nan, pd.NA, "a"], dtype=object)
    assert na_mask(mixed).tolist() == [False, True, True, True, False]
    assert na_mask(np.array([1.0, np.nan])).tolist() == [False, True]
    assert na_mask(np.array([1, 2])).tolist() == [False, False]


def test_like_input_gives_back_the_callers_shape() -> None:
    template = pd.Series([1.0, 2.0], index=["a", "b"], name="capaian")
    got = like_input(np.array([3.0, 4.0]), (2,), template)
    assert isinstance(got, pd.Series)
    assert list(got.index) == ["a", "b"] and got.name == "capaian"
    assert got.tolist() == [3.0, 4.0]
    scalar = like_input(np.array([5.0]), (), None)
    assert isinstance(scalar, float) and scalar == 5.0
    matrix = like_input(np.arange(4.0), (2, 2), None)
    assert isinstance(matrix, np.ndarray) and matrix.shape == (2, 2)


def test_import_loads_neither_numpy_nor_pandas() -> None:
    code = (
        "import sys, indikator.core.shapes;"
        " print('pandas' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
