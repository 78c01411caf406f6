"""Laws of indikator.documents.numbers: round trips, no crash on any text, vectorised == scalar."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indikator.documents.fast_numbers as fast_numbers
from indikator.core.errors import NumberFormatError
from indikator.documents.number_column import read_column, read_series
from indikator.documents.numbers import Quantity, read_number

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _indonesian(integer: int, fraction: str, negative: bool) -> str:
    grouped = f"{integer:,}".replace(",", ".")
    text = f"{grouped},{fraction}" if fraction else grouped
    return f"-{text}" if negative else text


@st.composite
def indonesian_numbers(draw: st.DrawFn) -> tuple[str, float]:
    """A number printed the Indonesian way, with optional PDF stray spaces, and its value."""
    integer = draw(st.integers(min_value=0, max_value=10**12))
    fraction = draw(st.text(alphabet="0123456789", max_size=4))
    negative = draw(st.booleans()) and (integer > 0 or fraction.strip("0") != "")
    text = _indonesian(integer, fraction, negative)
    value = float(Decimal(f"{'-' if negative else ''}{integer}.{fraction or '0'}"))
    # stray spaces between any two characters after the sign
    chars = list(text)
    start = 1 if negative else 0
    cuts = draw(st.sets(st.integers(min_value=start + 1, max_value=max(start + 1, len(chars) - 1))))
    spaced = "".join(
        c + (" " if i + 1 in cuts and i + 1 < len(chars) else "") for i, c in enumerate(chars)
    )
    return spaced, value


@FAST
@given(indonesian_numbers())
def test_indonesian_formatting_reads_back_the_same_value(case: tuple[str, float]) -> None:
    text, value = case
    assert read_number(text).value == value
    assert read_number(text, decimal=",").value == value
    assert read_number(f"{text} %").value == value


@FAST
@given(indonesian_numbers())
def test_column_of_indonesian_numbers_reads_back(case: tuple[str, float]) -> None:
    text, value = case
    reading = read_column([text, "1.234.567,5"])  # a column that settles both marks
    assert reading.frame["value"].iloc[0] == value


@FAST
@given(st.text(max_size=40))
def test_any_text_gives_a_quantity_or_a_number_format_error(text: str) -> None:
    try:
        q = read_number(text)
    except NumberFormatError as error:
        assert error.key.startswith("numbers.")
        assert error.message("en") and error.message("id")
        return
    assert isinstance(q, Quantity)
    assert q.kind in ("number", "range", "comparison", "category", "missing")
    assert q.value is None or math.isfinite(q.value)


def _grouped(sign: str, groups: list[str], seps: list[str], tail: str) -> str:
    body = groups[0] + "".join(sep + group for sep, group in zip(seps, groups[1:], strict=False))
    return sign + body + tail


GROUPED = st.builds(
    _grouped,
    st.sampled_from(["", "-", "−", "- "]),
    st.lists(st.text(alphabet="0123456789", min_size=1, max_size=4), min_size=1, max_size=5),
    st.lists(st.sampled_from([".", ",", ". ", " ,", " "]), min_size=4, max_size=4),
    st.sampled_from(["", "%", " %"]),
)
NUMBERISH = st.one_of(st.text(alphabet="0123456789.,- %−", max_size=14), GROUPED)
CELLS = st.one_of(
    NUMBERISH,
    st.sampled_from(["12 Bulan", "80 – 90", "BB", "-", "#DIV/0!", "< 20 %", "Rp 1.000", "x"]),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=False),
)


@FAST
@given(NUMBERISH)
def test_vectorised_cell_agrees_with_read_number(text: str) -> None:
    reading = read_column([text])
    row = reading.frame.iloc[0]
    try:
        q = read_number(text)
    except NumberFormatError as error:
        assert row["kind"] == "unread"
        assert row["reason"] == error.params["reason"]
        return
    assert row["kind"] == q.kind
    got = row["value"]
    assert (q.value is None and math.isnan(got)) or got == q.value
    assert (row["unit"] if isinstance(row["unit"], str) else None) == q.unit
    assert bool(row["ambiguous"]) == q.ambiguous


def _without_fast_path(cells: list[Any]) -> Any:
    saved = fast_numbers._FAST_WIDTH
    fast_numbers._FAST_WIDTH = 0  # type: ignore[misc]
    try:
        return read_column(cells)
    finally:
        fast_numbers._FAST_WIDTH = saved  # type: ignore[misc]


@settings(max_examples=150, deadline=None)
@given(st.lists(CELLS, max_size=12))
def test_fast_path_equals_the_scalar_parser(cells: list[Any]) -> None:
    fast = read_column(cells)
    slow = _without_fast_path(cells)
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    assert fast.decision == slow.decision
    assert [(u.position, u.reason) for u in fast.unread] == [
        (u.position, u.reason) for u in slow.unread
    ]


def test_fast_path_is_really_switched_off_by_the_width() -> None:
    saved = fast_numbers._FAST_WIDTH
    fast_numbers._FAST_WIDTH = 0  # type: ignore[misc]
    try:
        assert not fast_numbers._fast_numbers(np.asarray(["1.234"], dtype=object)).ok.any()
    finally:
        fast_numbers._FAST_WIDTH = saved  # type: ignore[misc]
    assert fast_numbers._fast_numbers(np.asarray(["1.234"], dtype=object)).ok.all()


@FAST
@given(st.lists(st.one_of(CELLS, st.text(max_size=20)), max_size=15))
def test_column_keeps_every_cell_and_lists_every_unread_one(cells: list[Any]) -> None:
    index = pd.Index([f"r{i}" for i in range(len(cells))])
    reading = read_series(pd.Series(cells, index=index, dtype=object))
    assert len(reading.frame) == len(cells)
    assert list(reading.frame.index) == list(index)
    unread_rows = [f"r{i}" for i, kind in enumerate(reading.frame["kind"]) if kind == "unread"]
    assert [u.row for u in reading.unread] == unread_rows
    assert all(u.text == str(cells[u.position]) for u in reading.unread)
