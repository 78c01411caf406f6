"""Capaian: the data points of docs/capaian.md, fixture cases, every target kind, audit."""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import indikator
from indikator.capaian.audit import audit, infer_decimals, matches_printed
from indikator.capaian.methods import (
    achievement,
    achievement_detail,
    comparison_achievement,
    range_achievement,
)
from indikator.capaian.rows import METHODS, REASONS, describe_method
from indikator.capaian.targets import (
    achievement_targets,
    efficiency,
    financial_achievement,
    ordinal_achievement,
)
from indikator.core.errors import AchievementError, IndikatorError
from indikator.core.i18n import catalogue

FIXTURES = Path(__file__).parents[1] / "fixtures" / "achievement"
AKIP = ["AA", "A", "BB", "B", "CC", "C", "D"]
BPK = ["WTP", "WDP", "TW", "TMP"]


def _rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _num(text: str) -> float:
    return float(text) if text.strip() else math.nan


NUMERIC = _rows("numeric.tsv")
AUDIT = _rows("audit.tsv")


# --------------------------------------------------------------------------- published data points


def test_domain_data_points() -> None:
    assert round(achievement(4.88, 32, "lower"), 2) == 184.75
    ranged = range_achievement([92, 70], 80, 90, "higher")
    assert np.round(ranged.value, 2).tolist() == [102.22, 87.5]
    months = range_achievement([6.5, 9], 7, 8, "lower")
    assert np.round(months.value, 2).tolist() == [107.14, 87.5]
    assert round(achievement(11, 15), 2) == 73.33
    assert audit(achievement(11, 15), 70.30).status.item() == "mismatch"


# --------------------------------------------------------------------------- fixture cases


@pytest.mark.parametrize("case", NUMERIC, ids=[c["case"] for c in NUMERIC])
def test_numeric_and_range_fixture(case: dict[str, str]) -> None:
    method = case["method"] or None
    if not (case["low"].strip() or case["high"].strip()):
        result = achievement_detail(
            _num(case["actual"]), _num(case["target"]), case["direction"], method
        )
    else:
        result = range_achievement(
            _num(case["actual"]), _num(case["low"]), _num(case["high"]), case["direction"], method
        )
    value = result.value.item()
    if case["expected"] == "-":
        assert math.isnan(value)
    else:
        assert round(value, 2) == float(case["expected"])
    assert result.metode.item() == case["metode"]
    assert result.reason.item() == case["reason"]
    if case["met"]:
        assert result.met_known.item()
        assert result.met.item() == (case["met"] == "true")
    else:
        assert not result.met_known.item()


def test_fast_function_agrees_with_fixture_values() -> None:
    numeric = [c for c in NUMERIC if not (c["low"].strip() or c["high"].strip())]
    for case in numeric:
        value = achievement(
            _num(case["actual"]), _num(case["target"]), case["direction"], case["method"] or None
        )
        if case["expected"] == "-":
            assert math.isnan(value), case["case"]
        else:
            assert round(value, 2) == float(case["expected"]), case["case"]


@pytest.mark.parametrize("case", AUDIT, ids=[c["case"] for c in AUDIT])
def test_audit_fixture(case: dict[str, str]) -> None:
    actual, target = _num(case["actual"]), _num(case["target"])
    recomputed = achievement(actual, target, case["direction"])
    result = audit(
        recomputed, _num(case["printed"]), actual=actual, target=target,
        direction=case["direction"],
    )
    assert result.status.item() == case["status"]
    assert result.error.item() == case["error"]


# --------------------------------------------------------------------------- shapes and types


def test_shapes_scalars_arrays_series() -> None:
    assert isinstance(achievement(1, 2), float)
    out = achievement(np.array([[1.0, 2.0], [3.0, 4.0]]), 2.0)
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)
    assert out.tolist() == [[50.0, 100.0], [150.0, 200.0]]
    assert achievement([1, 2], [2, 2], ["naik", "turun"]).tolist() == [50.0, 100.0]


def test_series_keep_their_index_and_nullable_values() -> None:
    pd = pytest.importorskip("pandas")
    actual = pd.Series([1.0, None, 3.0], index=["x", "y", "z"], dtype="Float64")
    out = achievement(actual, 2)
    assert list(out.index) == ["x", "y", "z"]
    assert out["x"] == 50.0 and math.isnan(out["y"])
    detail = achievement_detail(actual, 2)
    assert detail.reason.tolist() == ["", "actual-missing", ""]
    frame = detail.to_frame()
    assert frame["met"].tolist()[0] is False and frame["met"].isna().tolist()[1]


def test_module_import_does_not_import_pandas() -> None:
    import subprocess

    code = (
        "import indikator.capaian.methods, indikator.capaian.period, indikator.capaian.targets,"
        " indikator.capaian.audit, indikator.capaian.direction, sys;"
        " print('pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"


def test_public_api_achievement_is_callable_even_after_the_submodule_import() -> None:
    import indikator.capaian.methods as module

    assert round(indikator.achievement(4.88, 32, "lower"), 2) == 184.75
    assert module.achievement(11, 15) == indikator.achievement(11, 15)


# --------------------------------------------------------------------------- edges


def test_no_silent_zero_or_hundred_for_bad_inputs() -> None:
    actual = np.array([5.0, 0.0, 3.0, np.inf, 2.0, np.nan])
    target = np.array([0.0, 0.0, -4.0, 5.0, np.inf, 1.0])
    for direction in ("higher", "lower"):
        fast = achievement(actual, target, direction)
        detail = achievement_detail(actual, target, direction)
        assert np.isnan(fast).all()
        assert np.isnan(detail.value).all()
        assert (detail.reason != "").all()
    reasons = achievement_detail(actual, target).reason.tolist()
    assert reasons == [
        "target-zero", "target-zero", "target-negative", "not-finite", "not-finite",
        "actual-missing",
    ]


def test_fast_path_masks_only_bad_rows() -> None:
    rng = np.random.default_rng(7)
    actual = rng.uniform(0, 100, 300_000)
    target = rng.uniform(1, 100, 300_000)
    target[[5, 200_000]] = [0.0, -1.0]
    actual[[7, 250_000]] = [-3.0, np.inf]
    out = achievement(actual, target)
    assert np.flatnonzero(np.isnan(out)).tolist() == [5, 7, 200_000, 250_000]
    inverse = achievement(actual, target, "lower", "inverse")
    actual[9] = 0.0
    inverse = achievement(actual, target, "lower", "inverse")
    assert np.flatnonzero(np.isnan(inverse)).tolist() == [5, 7, 9, 200_000, 250_000]


def test_allow_negative_computes_negative_realisations() -> None:
    assert math.isnan(achievement(-2, 5))
    assert achievement(-2, 5, allow_negative=True) == -40.0
    assert math.isnan(achievement(-2, -5, allow_negative=True))


def test_caps_and_floors_are_off_by_default_and_named_when_applied() -> None:
    assert achievement(300, 100) == 300.0
    assert achievement(70, 32, "lower") < 0
    detail = achievement_detail([300, 50, 70], [100, 100, 32], ["naik", "naik", "turun"],
                                cap=120, floor=0)
    assert detail.value.tolist() == [120.0, 50.0, 0.0]
    assert detail.metode.tolist() == ["higher;cap=120", "higher", "lower;floor=0"]
    assert detail.capped.tolist() == [True, False, True]
    assert achievement(300, 100, cap=200) == 200.0
    with pytest.raises(AchievementError):
        achievement(1, 2, cap=50, floor=60)


def test_unknown_direction_and_method() -> None:
    with pytest.raises(AchievementError) as info:
        achievement(1, 2, "sideways")
    assert "sideways" in info.value.message("en")
    with pytest.raises(AchievementError):
        achievement(1, 2, "lower", "T-R")
    detail = achievement_detail([1, 1, 1], [2, 2, 2], ["naik", "??", None])
    assert detail.reason.tolist() == ["", "direction-unknown", "direction-unknown"]


# --------------------------------------------------------------------------- other target kinds


def test_comparison_targets_respect_strictness() -> None:
    result = comparison_achievement([19, 20, 21, np.nan], "<", 20)
    assert result.met.tolist() == [True, False, False, False]
    assert result.met_known.tolist() == [True, True, True, False]
    assert np.isnan(result.value).all()
    assert result.reason.tolist()[:3] == ["comparison-target"] * 3
    assert comparison_achievement(20, "≤", 20).met.item()
    assert comparison_achievement(95, ">=", 95).met.item()
    assert not comparison_achievement(1, ">", 1).met.item()
    per_row = comparison_achievement([1, 1], ["<", "~"], [2, 2])
    assert per_row.reason.tolist() == ["comparison-target", "op-unknown"]
    with pytest.raises(AchievementError):
        comparison_achievement(1, "~", 2)


def test_ordinal_targets_levels_and_met() -> None:
    result = ordinal_achievement(["B", "bb", "AA", "X", None], "BB", AKIP)
    assert result.levels.tolist()[:3] == [-1.0, 0.0, 2.0]
    assert result.met.tolist() == [False, True, True, False, False]
    assert result.met_known.tolist() == [True, True, True, False, False]
    assert result.reason.tolist() == [
        "category-no-mapping", "category-no-mapping", "category-no-mapping",
        "category-unknown", "actual-missing",
    ]
    assert np.isnan(result.value).all()
    opinion = ordinal_achievement(["WDP", "WTP"], "WTP", BPK)
    assert opinion.levels.tolist() == [-1.0, 0.0]


def test_ordinal_percentage_only_through_mapping() -> None:
    mapping = {"WTP": 100, "WDP": 75, "TW": 50}
    result = ordinal_achievement(["WDP", "WTP", "TMP"], "WTP", BPK, mapping=mapping)
    assert result.value.tolist()[:2] == [75.0, 100.0]
    assert math.isnan(result.value.tolist()[2])
    assert result.reason.tolist() == ["", "", "category-unmapped"]
    assert set(result.metode.tolist()) == {"ordinal-mapping"}


def test_ordinal_accepts_a_scale_when_scales_exist() -> None:
    scales = pytest.importorskip("indikator.scales.loading")
    akip = scales.load_scale("akip")
    result = ordinal_achievement(["B", "A"], "BB", akip)
    assert result.levels.tolist() == [-1.0, 1.0]
    assert result.met.tolist() == [False, True]


def test_mixed_targets_in_input_order() -> None:
    nan = np.nan
    result = achievement_targets(
        [92, 6.5, 19, nan, nan, 5, 3],
        kind=["range", "range", "comparison", "category", "missing", "number", "unread"],
        value=[nan, nan, 20, nan, nan, 4, nan],
        low=[80, 7, nan, nan, nan, nan, nan],
        high=[90, 8, nan, nan, nan, nan, nan],
        op=["", "", "<", "", "", "", ""],
        category=[None, None, None, "BB", None, None, None],
        actual_category=[None, None, None, "B", None, None, None],
        direction=["naik", "turun", "naik", "naik", "naik", "naik", "naik"],
        order=AKIP,
    )
    assert np.round(result.value[:2], 2).tolist() == [102.22, 107.14]
    assert result.value[5] == 125.0
    assert result.metode.tolist() == [
        "range-upper:higher", "range-lower:lower", "comparison", "ordinal", "higher", "higher",
        "higher",
    ]
    assert result.reason.tolist() == [
        "", "", "comparison-target", "category-no-mapping", "target-missing", "",
        "target-unread",
    ]
    assert result.levels[3] == -1.0
    assert result.met.tolist() == [True, True, True, False, False, True, False]
    records = result.to_records("en")
    assert records[3]["selisih_tingkat"] == -1 and records[3]["capaian"] is None
    assert records[4]["tercapai"] is None


def test_category_without_scale_has_a_reason() -> None:
    result = achievement_targets(np.nan, kind="category", category="BB", actual_category="B")
    assert result.reason.tolist() == ["category-needs-scale"]


# --------------------------------------------------------------------------- money


def test_financial_achievement_and_efficiency() -> None:
    money = financial_achievement([850_000_000, 0, 5], [1_000_000_000, 0, 0])
    assert money.value[0] == 85.0
    assert money.metode.tolist() == ["financial"] * 3
    assert money.reason.tolist() == ["", "target-zero", "target-zero"]
    assert describe_method("financial", "en").endswith("Permendagri 86/2017 (common practice).")
    result = efficiency([95, 80, 90, 90], [85, 95, np.nan, 0])
    assert result.status.tolist() == ["efficient", "inefficient", "not-checkable", "not-checkable"]
    assert round(float(result.ratio[0]), 2) == 111.76


# --------------------------------------------------------------------------- audit helpers


def test_infer_decimals_and_rounding_tolerance() -> None:
    assert infer_decimals([70.3, 73.33, 73.0, 0.125]).tolist() == [1, 2, 0, 3]
    assert matches_printed([73.3333, 73.3333, 73.3333], [73.33, 73.3, 73]).tolist() == [True] * 3
    assert matches_printed(73.335, 73.34).item() and matches_printed(73.335, 73.33).item()
    assert not matches_printed(73.3333, 73.34).item()
    assert matches_printed(73.999, 73, decimals=0).item()  # truncated
    assert not matches_printed(73.2, 74, decimals=0).item()
    assert matches_printed(73.333, 73.30, decimals=1).item()
    assert not matches_printed(73.333, 73.30, decimals=2).item()


def test_audit_messages_and_reasons() -> None:
    result = audit([73.333, np.nan, 73.333], [70.30, 50, np.nan])
    assert result.status.tolist() == ["mismatch", "not-checkable", "not-checkable"]
    assert result.reason.tolist() == ["", "recomputed-missing", "printed-missing"]
    messages = result.messages("id").tolist()
    assert messages[0] == "Capaian tertulis berbeda dari hasil hitung ulang."
    assert "tidak dapat diperiksa" in messages[1]


# --------------------------------------------------------------------------- methods and messages


def test_every_method_and_reason_has_messages() -> None:
    messages = catalogue()
    for code in REASONS:
        assert f"achievement.reason_{code.replace('-', '_')}" in messages, code
    for code in METHODS:
        for lang in ("id", "en"):
            text = describe_method(code, lang)
            assert "{" not in text, (code, text)
    assert "PermenPANRB 8/2021" in describe_method("lower", "en")
    assert "interpret" in describe_method("range-inside", "en")
    assert "Capped at 120" in describe_method("higher;cap=120", "en")


def test_reason_messages_in_both_languages() -> None:
    detail = achievement_detail([5, 5], [0, 5])
    assert detail.messages("en").tolist() == [
        "Target 0: no capaian rule exists for a zero target; capaian not computed (see 'met').",
        "",
    ]
    assert detail.messages("id")[0].startswith("Target 0:")


def test_errors_are_indikator_errors() -> None:
    error: Any = None
    try:
        achievement(1, 2, "x")
    except IndikatorError as caught:
        error = caught
    assert isinstance(error, ValueError)


def test_pandas_missing_values_in_codes_and_directions() -> None:
    pd = pytest.importorskip("pandas")
    codes = pd.Series(["BB", pd.NA, "A"], dtype="string")
    assert ordinal_achievement(codes, "BB", AKIP).reason.tolist()[1] == "actual-missing"
    raw = np.array(["BB", pd.NA], dtype=object)
    assert ordinal_achievement(raw, "BB", AKIP).reason.tolist()[1] == "actual-missing"
    directions = pd.Series(["naik", pd.NA, "turun"], dtype="string")
    detail = achievement_detail([1, 2, 3], 2, directions)
    assert detail.reason.tolist() == ["", "direction-unknown", ""]
    assert detail.value[2] == 50.0


def test_numeric_realisation_rated_against_a_category_target() -> None:
    scales = pytest.importorskip("indikator.scales.loading")
    akip = scales.load_scale("akip")
    # Tabel 7.1: Nilai Evaluasi AKIP 52,31 is CC; the Renstra's end target "BB" beside 63,00 (B)
    result = ordinal_achievement(np.array([63.0, 52.31, 80.68]), "BB", akip)
    assert result.levels.tolist() == [-1.0, -2.0, 1.0]
    assert result.met.tolist() == [False, False, True]
    mixed = achievement_targets([63.0], kind="category", category="BB", order=akip)
    assert mixed.levels.tolist() == [-1.0] and mixed.metode.tolist() == ["ordinal"]
