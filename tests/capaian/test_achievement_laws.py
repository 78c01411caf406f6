"""Laws of capaian (hypothesis): 100 at R = T, monotonic in R, vectorised == scalar."""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.capaian.audit import audit
from indikator.capaian.methods import achievement, achievement_detail, range_achievement
from indikator.capaian.targets import ordinal_achievement

POSITIVE = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
NON_NEGATIVE = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
ANY = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0.0, -0.0, 1.0, -1.0]),
)
DIRECTIONS = st.sampled_from(["higher", "lower"])
METHODS = st.sampled_from([None, "inverse"])
SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(POSITIVE, DIRECTIONS, METHODS)
def test_hundred_when_actual_equals_target(
    target: float, direction: str, method: str | None
) -> None:
    assert achievement(target, target, direction, method) == 100.0
    assert achievement_detail(target, target, direction, method).value.item() == 100.0


@SETTINGS
@given(POSITIVE, POSITIVE, DIRECTIONS, METHODS)
def test_hundred_inside_a_range(a: float, b: float, direction: str, method: str | None) -> None:
    low, high = min(a, b), max(a, b)
    for actual in (low, high, (low + high) / 2):
        assert range_achievement(actual, low, high, direction, method).value.item() == 100.0


@SETTINGS
@given(st.lists(st.sampled_from(["AA", "A", "BB", "B"]), min_size=1, max_size=5))
def test_hundred_for_equal_categories_with_a_mapping(codes: list[str]) -> None:
    mapping = {"AA": 100.0, "A": 90.0, "BB": 80.0, "B": 70.0}
    result = ordinal_achievement(codes, codes, ["AA", "A", "BB", "B"], mapping=mapping)
    assert (result.value == 100.0).all() and (result.levels == 0).all()


def _monotonic(values: list[float], increasing: bool) -> bool:
    steps = np.diff(np.asarray(values))
    return bool((steps >= 0).all() if increasing else (steps <= 0).all())


@SETTINGS
@given(st.lists(NON_NEGATIVE, min_size=2, max_size=20), POSITIVE, DIRECTIONS)
def test_monotonic_in_actual(actuals: list[float], target: float, direction: str) -> None:
    ordered = sorted(actuals)
    values = achievement(np.array(ordered), target, direction).tolist()
    assert _monotonic(values, increasing=direction == "higher")


@SETTINGS
@given(st.lists(POSITIVE, min_size=2, max_size=20), POSITIVE)
def test_inverse_method_decreases_in_actual(actuals: list[float], target: float) -> None:
    values = achievement(np.array(sorted(actuals)), target, "lower", "inverse").tolist()
    assert _monotonic(values, increasing=False)


@SETTINGS
@given(st.lists(NON_NEGATIVE, min_size=2, max_size=20), POSITIVE, POSITIVE, DIRECTIONS)
def test_range_monotonic_in_actual(
    actuals: list[float], a: float, b: float, direction: str
) -> None:
    low, high = min(a, b), max(a, b)
    values = range_achievement(np.array(sorted(actuals)), low, high, direction).value.tolist()
    assert _monotonic(values, increasing=direction == "higher")


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


@SETTINGS
@given(
    st.lists(st.tuples(ANY, ANY, DIRECTIONS), min_size=1, max_size=30),
    METHODS,
    st.booleans(),
)
def test_vectorised_equals_scalar_and_detail(
    rows: list[tuple[float, float, str]], method: str | None, allow_negative: bool
) -> None:
    actual = np.array([r[0] for r in rows])
    target = np.array([r[1] for r in rows])
    directions = [r[2] for r in rows]
    per_row = achievement(actual, target, directions, method, allow_negative=allow_negative)
    detail = achievement_detail(actual, target, directions, method, allow_negative=allow_negative)
    for i, (a, t, d) in enumerate(rows):
        scalar = achievement(a, t, d, method, allow_negative=allow_negative)
        assert _same(scalar, float(per_row[i])), (a, t, d)
        assert _same(scalar, float(detail.value[i])), (a, t, d)
        assert math.isnan(scalar) == (detail.reason[i] != ""), (a, t, d)
    for direction in ("higher", "lower"):
        whole = achievement(actual, target, direction, method, allow_negative=allow_negative)
        one_by_one = [
            achievement(a, t, direction, method, allow_negative=allow_negative)
            for a, t in zip(actual, target, strict=True)
        ]
        assert all(_same(float(x), y) for x, y in zip(whole, one_by_one, strict=True))


@SETTINGS
@given(ANY, ANY, DIRECTIONS, METHODS)
def test_never_crashes_never_silent(actual: float, target: float, direction: str,
                                    method: str | None) -> None:
    detail = achievement_detail(actual, target, direction, method)
    value = detail.value.item()
    assert math.isfinite(value) != (detail.reason.item() != "")
    if not (math.isfinite(actual) and math.isfinite(target)) or target <= 0 or actual < 0:
        assert math.isnan(value) and detail.reason.item() != ""


@SETTINGS
@given(
    st.floats(min_value=0, max_value=1e5, allow_nan=False), st.integers(min_value=0, max_value=3)
)
def test_correctly_rounded_or_truncated_print_is_ok(value: float, decimals: int) -> None:
    rounded = round(value, decimals)
    # cut as a person cuts the decimal shown: math.trunc(1.15 * 100) / 100 gives 1.14 (the
    # product is 114.99999999999999), a print the audit rightly calls a mismatch
    truncated = float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals),
                                                    rounding=ROUND_DOWN))
    for printed in (rounded, truncated):
        assert audit(value, printed, decimals=decimals).status.item() == "ok"
