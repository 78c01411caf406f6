"""End of period: sum / last / mean / max / min per indicator, and the document check."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.capaian.period import AGGREGATIONS, aggregate, check_end_of_period, normalise_how
from indikator.core.errors import AchievementError

FIXTURE = Path(__file__).parents[1] / "fixtures" / "achievement" / "period.tsv"


def _cases() -> list[dict[str, str]]:
    with FIXTURE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


CASES = _cases()


def _num(text: str) -> float:
    return float(text) if text.strip() and text != "-" else math.nan


def test_fixture_cases_checked_all_at_once() -> None:
    matrix = [[_num(c[f"y{i}"]) for i in range(1, 6)] for c in CASES]
    result = check_end_of_period(
        matrix, [_num(c["printed"]) for c in CASES], [c["how"] for c in CASES]
    )
    for i, case in enumerate(CASES):
        assert result.status[i] == case["status"], case["case"]
        expected = _num(case["expected"])
        got = float(result.expected[i])
        assert (math.isnan(expected) and math.isnan(got)) or got == pytest.approx(expected)
        assert result.matching[i] == case["matching"], case["case"]
    assert result.reason.tolist()[7:9] == ["all-missing", "printed-missing"]
    messages = result.messages("en")
    assert messages[2] == "End-of-period figure differs from the last of the yearly values."


def test_aggregate_matrix_reasons_and_counts() -> None:
    result = aggregate([[1, 2, np.nan], [np.nan] * 3, [4, 5, 6]], ["sum", "mean", "bogus"])
    assert result.value[0] == 3.0
    assert math.isnan(result.value[1]) and math.isnan(result.value[2])
    assert result.reason.tolist() == ["incomplete", "all-missing", "how-unknown"]
    assert result.count.tolist() == [2, 0, 3]
    assert result.table.shape == (len(AGGREGATIONS), 3)
    assert result.messages("id")[1] == "Tidak ada nilai tahunan."


def test_long_table_keeps_first_appearance_order_and_sorts_years() -> None:
    result = aggregate(
        [5, 1, 2, 3, 4, 6],
        "last",
        groups=["IKU-2", "IKU-1", "IKU-1", "IKU-2", "IKU-1", "IKU-2"],
        periods=[2021, 2019, 2020, 2020, 2021, 2019],
    )
    assert result.groups is not None
    assert result.groups.tolist() == ["IKU-2", "IKU-1"]
    assert result.value.tolist() == [5.0, 4.0]  # 2021 is last even where it came first
    by_order = aggregate([5, 1, 2, 3], "last", groups=["a", "b", "a", "b"])
    assert by_order.value.tolist() == [2.0, 3.0]


def test_duplicate_year_is_an_error_naming_the_cell() -> None:
    with pytest.raises(AchievementError) as info:
        aggregate([1, 2], "sum", groups=["IKU-1", "IKU-1"], periods=[2020, 2020])
    assert "IKU-1" in info.value.message("en") and "2020" in info.value.message("en")


def test_unknown_rule_for_all_raises_and_aliases_resolve() -> None:
    with pytest.raises(AchievementError):
        aggregate([[1, 2]], "median")
    assert normalise_how("Take Last Known") == "last"
    assert normalise_how("rata-rata") == "mean"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=4, max_size=4),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(AGGREGATIONS),
)
def test_long_and_matrix_forms_agree_with_numpy(rows: list[list[float]], how: str) -> None:
    matrix = np.array(rows)
    wide = aggregate(matrix, how)
    groups = np.repeat(np.arange(len(rows)), 4)
    periods = np.tile(np.arange(2020, 2024), len(rows))
    long = aggregate(matrix.ravel(), how, groups=groups, periods=periods)
    reference = {
        "sum": matrix.sum(axis=1),
        "last": matrix[:, -1],
        "mean": matrix.mean(axis=1),
        "max": matrix.max(axis=1),
        "min": matrix.min(axis=1),
    }[how]
    np.testing.assert_allclose(wide.value, reference, rtol=1e-12, atol=1e-9)
    np.testing.assert_array_equal(long.value, wide.value)
