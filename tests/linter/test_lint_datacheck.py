"""``check_data``: rows whose realisation data is impossible for what the formula claims."""

from __future__ import annotations

import numpy as np
import pytest

from indikator.linter.datacheck import check_data

COVERAGE = "Jumlah desa yang sudah mengelola APBDes tepat waktu / Jumlah seluruh desa x 100%"
PART = "Jumlah desa yang sudah mengelola APBDes tepat waktu"
WHOLE = "Jumlah seluruh desa"


def _rules(findings: list) -> dict[str, tuple[int, ...]]:  # type: ignore[type-arg]
    return {f.rule: f.rows for f in findings}


def test_part_exceeding_the_whole_is_reported_per_row() -> None:
    data = {PART: [5, 12, 3, 7], WHOLE: [10, 10, 0, 7]}
    found = _rules(check_data(COVERAGE, data))
    assert found == {"part-exceeds-whole": (1,), "zero-denominator": (2,)}


def test_a_ratio_that_is_not_part_of_whole_is_not_capped() -> None:
    # pupils per teacher may well exceed 1
    found = check_data("Jumlah murid / Jumlah guru", {"Jumlah murid": [300], "Jumlah guru": [12]},
                       name="Rasio Murid per Guru")
    assert found == []


def test_reported_value_multiplied_by_100_twice() -> None:
    data = {PART: [6, 5, 1], WHOLE: [10, 10, 4], "capaian": [6000.0, 50.0, 2500.0]}
    [finding] = check_data(COVERAGE, data, reported="capaian")
    assert finding.rule == "double-100" and finding.rows == (0, 2)
    assert "1, 3" in finding.message("en") and "100 kali" in finding.message()


def test_formula_that_multiplies_twice_shows_in_the_values() -> None:
    found = _rules(check_data("A / B x 100 x 100", {"A": [5, 1], "B": [10, 1000]},
                              part_of_whole=True))
    assert found == {"double-100": (0,)}


def test_negative_counts_and_missing_columns() -> None:
    found = _rules(check_data(COVERAGE, {PART: [-1, 2], WHOLE: [4, 4]}))
    assert found == {"negative": (0,)}
    [missing] = check_data(COVERAGE, {PART: [1]})
    assert missing.rule == "missing-variable" and missing.severity == "error"
    assert missing.message("en")


def test_vectorised_over_a_million_rows_and_dataframes() -> None:
    rng = np.random.default_rng(7)
    whole = rng.integers(1, 1000, size=1_000_000).astype(float)
    part = np.floor(whole * rng.uniform(0, 1, size=whole.size))
    part[[10, 999_999]] = whole[[10, 999_999]] + 1
    [finding] = check_data(COVERAGE, {PART: part, WHOLE: whole})
    assert finding.rows == (10, 999_999)
    assert finding.message("en").startswith("Rows 11, 1000000:")
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({PART: [3.0, 11.0], WHOLE: [10.0, 10.0]})
    assert _rules(check_data(COVERAGE, frame)) == {"part-exceeds-whole": (1,)}


def test_json_shape() -> None:
    [finding] = check_data(COVERAGE, {PART: [12], WHOLE: [10]})
    data = finding.to_json("en")
    assert set(data) == {"code", "rule", "severity", "message", "rows"}
    assert data["code"] == "IND101" and data["rows"] == [0]
