"""Interval notation of rating-scale bands: documents' forms, canonical round trip, errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.core.errors import ScaleError
from indikator.core.resources import data_path
from indikator.scales.intervals import Interval, parse_interval

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scales"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip("\n"):
            continue
        rows.append(line.split("\t"))
    return rows


@pytest.mark.parametrize(("text", "canonical"), _rows("intervals.tsv"))
def test_documents_forms_read_as_expected(text: str, canonical: str) -> None:
    interval = parse_interval(text)
    assert str(interval) == canonical
    assert parse_interval(canonical) == interval


@pytest.mark.parametrize(("text", "key", "column"), _rows("interval-errors.tsv"))
def test_bad_intervals_are_rejected_with_position(text: str, key: str, column: str) -> None:
    with pytest.raises(ScaleError) as info:
        parse_interval(text)
    assert info.value.key == key
    assert info.value.params["column"] == int(column)
    assert info.value.message("en")  # renders in both languages
    assert info.value.message("id")


def test_lower_end_exclusive_as_printed() -> None:
    band = parse_interval("> 90 – 100")
    assert 90.0 not in band
    assert 90.01 in band
    assert 100.0 in band
    assert 100.01 not in band
    assert math.nan not in band


def test_syntax_error_shows_a_caret() -> None:
    with pytest.raises(ScaleError) as info:
        parse_interval("9 0")
    assert "9 0\n  ^" in info.value.message("en")


def test_unbounded_ends_are_never_closed() -> None:
    assert Interval(None, True, 5.0, True) == Interval(None, False, 5.0, True)


def test_empty_interval_cannot_be_built() -> None:
    with pytest.raises(ScaleError):
        Interval(5.0, False, 5.0, True)
    with pytest.raises(ScaleError):
        Interval(6.0, True, 5.0, True)


def test_grammar_header_documents_the_interval_forms() -> None:
    header = data_path("grammar/indikator.lark").read_text(encoding="utf-8")
    for example in ("> 90 – 100", "91 % ≤ 100 %", "≤ 50 %", "76 < X ≤ 100", "(90, 100]"):
        assert example in header


ends = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_subnormal=False)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    low = draw(st.none() | ends)
    high = draw(st.none() | ends)
    if low is not None and high is not None and low > high:
        low, high = high, low
    low_closed = low is not None and draw(st.booleans())
    high_closed = high is not None and draw(st.booleans())
    if low is not None and low == high:
        low_closed = high_closed = True
    return Interval(low, low_closed, high, high_closed)


@settings(max_examples=150, deadline=None)
@given(intervals())
def test_canonical_text_round_trips(interval: Interval) -> None:
    assert parse_interval(str(interval)) == interval


@settings(max_examples=150, deadline=None)
@given(intervals(), ends)
def test_membership_matches_the_definition(interval: Interval, value: float) -> None:
    above_lower = interval.lower is None or (
        value > interval.lower or (value == interval.lower and interval.lower_closed)
    )
    below_upper = interval.upper is None or (
        value < interval.upper or (value == interval.upper and interval.upper_closed)
    )
    assert (value in interval) == (above_lower and below_upper)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 99))
def test_decimal_comma_equals_decimal_point(a: int, b: int, cents: int) -> None:
    low, high = sorted((a, b))
    comma = parse_interval(f"> {low},{cents:02d} – {high + 1},{cents:02d}")
    point = parse_interval(f"({low}.{cents:02d}, {high + 1}.{cents:02d}]")
    assert comma == point
