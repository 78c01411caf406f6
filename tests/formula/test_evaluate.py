"""Evaluation over scalars, arrays, Series and DataFrames; the NaN policy; name matching."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

from indikator.core.errors import EvaluationError
from indikator.formula.evaluator import FUNCTIONS, REASONS, check_names, evaluate, evaluate_detailed
from indikator.formula.model import Formula
from indikator.formula.nodes import FUNCTIONS as NODE_FUNCTIONS
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable

A, B, C, T, R = (Variable(name) for name in ("A", "B", "C", "T", "R"))
HUNDRED = Number(100, percent=True)
RATIO = BinOp("*", BinOp("/", A, B), HUNDRED)  # A / B x 100%
GAP = BinOp("*", BinOp("/", BinOp("-", BinOp("*", Number(2), T), R), T), Number(100))


def call(func: str, *args: Node) -> Call:
    return Call(func, args)


# ------------------------------------------------------------------------------ shapes


def test_scalars_in_give_a_float_out() -> None:
    result = evaluate(RATIO, A=3, B=4)
    assert type(result) is float
    assert result == 75.0
    assert evaluate(GAP, T=80, R=60) == 125.0


def test_arrays_and_lists_give_arrays_of_the_same_shape() -> None:
    result = evaluate(RATIO, A=np.array([1.0, 2.0, 3.0]), B=[4, 8, 12])
    assert isinstance(result, np.ndarray)
    np.testing.assert_array_equal(result, [25.0, 25.0, 25.0])
    grid = evaluate(BinOp("+", A, B), A=np.ones((2, 3)), B=np.arange(3))
    assert grid.shape == (2, 3)


def test_scalar_and_array_broadcast() -> None:
    np.testing.assert_array_equal(evaluate(RATIO, A=[1, 2], B=4), [25.0, 50.0])


def test_series_keeps_its_index_order_and_gets_the_formula_name() -> None:
    index = pd.Index(["Serang", "Cilegon", "Pandeglang"], name="kota")
    actual = pd.Series([1, 2, 3], index=index)
    target = pd.Series([4, 4, 0], index=index)
    result = evaluate(Formula(RATIO, name="Persentase X"), A=actual, B=target)
    assert isinstance(result, pd.Series)
    assert result.index.equals(index)
    assert result.name == "Persentase X"
    assert result.tolist()[:2] == [25.0, 50.0]
    assert np.isnan(result["Pandeglang"])


def test_series_with_different_indexes_align_like_pandas() -> None:
    actual = pd.Series([1.0, 2.0], index=["a", "b"])
    target = pd.Series([4.0, 5.0], index=["b", "c"])
    detail = evaluate_detailed(RATIO, A=actual, B=target)
    assert list(detail.values.index) == ["a", "b", "c"]
    assert detail.values["b"] == 50.0
    assert detail.reasons.tolist() == ["missing-value", None, "missing-value"]


def test_dataframe_columns_match_variables_after_normalisation() -> None:
    planned = Variable("Jumlah OPD yang di rencanakan")
    done = Variable("jumlah opd yang dilaksanakan")
    formula = BinOp("*", BinOp("/", done, planned), HUNDRED)
    frame = pd.DataFrame(
        {
            "Jumlah  OPD yang direncanakan": [10, 20],
            "Jml OPD yg dilaksanakan": [5, 20],
            "unrelated": ["x", "y"],
        },
        index=[2023, 2024],
    )
    result = evaluate(formula, frame)
    assert result.index.tolist() == [2023, 2024]
    assert result.tolist() == [50.0, 100.0]


def test_keywords_override_dataframe_columns() -> None:
    frame = pd.DataFrame({"A": [1.0, 2.0], "B": [4.0, 4.0]})
    assert evaluate(RATIO, frame, B=2).tolist() == [50.0, 100.0]


def test_constant_formula_over_a_dataframe_is_a_series() -> None:
    frame = pd.DataFrame({"A": [1, 2, 3]}, index=list("xyz"))
    result = evaluate(Number(100), frame)
    assert result.index.tolist() == ["x", "y", "z"]
    assert result.tolist() == [100.0] * 3
    assert evaluate(Number(7)) == 7.0


def test_series_as_data_is_one_record() -> None:
    row = pd.Series({"A": 1, "B": 2, "other": "text"})
    assert evaluate(RATIO, row) == 50.0


def test_result_never_aliases_an_input() -> None:
    values = np.array([1.0, 2.0])
    result = evaluate(A, A=values)
    result[0] = 99.0
    assert values[0] == 1.0
    evaluate(BinOp("*", Neg(A), Number(2)), A=values)
    np.testing.assert_array_equal(values, [1.0, 2.0])


def test_inputs_are_not_modified_by_in_place_arithmetic() -> None:
    t = np.array([80.0, 0.0, 50.0])
    r = np.array([60.0, 1.0, np.nan])
    evaluate(GAP, T=t, R=r)
    evaluate_detailed(call("sqrt", BinOp("-", A, B)), A=t, B=r)
    np.testing.assert_array_equal(t, [80.0, 0.0, 50.0])
    np.testing.assert_array_equal(r, [60.0, 1.0, np.nan])


# ---------------------------------------------------------------------- the NaN policy


@pytest.mark.parametrize(
    ("node", "values", "reason"),
    [
        (BinOp("/", A, B), {"A": 1, "B": 0}, "division-by-zero"),
        (BinOp("/", A, B), {"A": -1, "B": 0}, "division-by-zero"),
        (BinOp("/", A, B), {"A": 0, "B": 0}, "division-by-zero"),
        (BinOp("^", A, B), {"A": 0, "B": -1}, "division-by-zero"),
        (BinOp("/", A, B), {"A": None, "B": 2}, "missing-value"),
        (BinOp("/", A, B), {"A": np.nan, "B": 0}, "missing-value"),
        (call("sqrt", A), {"A": -4}, "negative-sqrt"),
        (BinOp("-", A, B), {"A": np.inf, "B": np.inf}, "invalid-operation"),
        (BinOp("^", A, B), {"A": -8, "B": 0.5}, "invalid-operation"),
    ],
)
def test_undefined_results_are_nan_with_a_reason(
    node: Node, values: dict[str, float | None], reason: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning leaks either
        assert np.isnan(evaluate(node, values))
        detail = evaluate_detailed(node, values)
    assert np.isnan(detail.values)
    assert detail.reasons == reason
    assert reason in REASONS


def test_a_batch_with_zero_denominators_computes_every_other_row() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = evaluate(RATIO, A=[1, 2, 3, 4], B=[2, 0, 4, 0])
    np.testing.assert_array_equal(result, [50.0, np.nan, 75.0, np.nan])


def test_zero_denominator_inside_a_larger_expression() -> None:
    # the quotient is written into an owned buffer and fixed afterwards
    result = evaluate_detailed(GAP, T=[80.0, 0.0, 50.0], R=[60.0, 1.0, np.nan])
    np.testing.assert_array_equal(result.values, [125.0, np.nan, np.nan])
    assert result.reasons.tolist() == [None, "division-by-zero", "missing-value"]
    assert result.counts() == {"division-by-zero": 1, "missing-value": 1}


def test_first_cause_wins_in_evaluation_order() -> None:
    node = BinOp("/", call("sqrt", A), B)
    detail = evaluate_detailed(node, A=[-1.0, np.nan, 4.0], B=[0.0, 0.0, 0.0])
    assert detail.reasons.tolist() == ["negative-sqrt", "missing-value", "division-by-zero"]


def test_infinite_inputs_pass_through() -> None:
    np.testing.assert_array_equal(
        evaluate(BinOp("/", A, B), A=[np.inf, 1.0], B=[0.0, 0.0]), [np.inf, np.nan]
    )
    assert evaluate(BinOp("/", A, B), A=np.inf, B=0.0) == np.inf


def test_missing_values_from_nullable_pandas_columns() -> None:
    frame = pd.DataFrame({"A": pd.array([1, None, 3], dtype="Int64"), "B": [2.0, 2.0, 2.0]})
    detail = evaluate_detailed(RATIO, frame)
    assert detail.values.tolist()[0] == 50.0
    assert detail.reasons.tolist() == [None, "missing-value", None]
    assert evaluate_detailed(RATIO, A=pd.NA, B=1).reasons == "missing-value"


def test_detailed_values_equal_plain_values() -> None:
    a = np.array([1.0, 0.0, np.nan, -3.0, 5.0])
    b = np.array([0.0, 0.0, 1.0, 2.0, 5.0])
    np.testing.assert_array_equal(evaluate_detailed(GAP, T=a, R=b).values, evaluate(GAP, T=a, R=b))


# ----------------------------------------------------------------------------- functions


def test_functions_work_row_by_row() -> None:
    a, b = np.array([1.0, 9.0]), np.array([4.0, -1.0])
    np.testing.assert_array_equal(evaluate(call("sum", A, B, Number(1)), A=a, B=b), [6.0, 9.0])
    np.testing.assert_array_equal(evaluate(call("mean", A, B), A=a, B=b), [2.5, 4.0])
    np.testing.assert_array_equal(evaluate(call("min", A, B), A=a, B=b), [1.0, -1.0])
    np.testing.assert_array_equal(evaluate(call("max", A, B), A=a, B=b), [4.0, 9.0])
    np.testing.assert_array_equal(evaluate(call("abs", B), B=b), [4.0, 1.0])
    np.testing.assert_array_equal(evaluate(call("sqrt", A), A=a), [1.0, 3.0])
    np.testing.assert_array_equal(evaluate(call("sum", A), A=a), a)  # Σ of one column: itself


def test_min_and_max_propagate_missing_values() -> None:
    assert np.isnan(evaluate(call("max", A, B), A=np.nan, B=1))


def test_allow_list_matches_the_ast_vocabulary() -> None:
    assert set(FUNCTIONS) == set(NODE_FUNCTIONS)


def test_unknown_function_is_refused() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(call("exec", A), A=1)
    assert "exec" in info.value.message("en")
    assert "sqrt" in info.value.message("en")


def test_wrong_number_of_arguments() -> None:
    with pytest.raises(EvaluationError, match="sqrt"):
        evaluate(call("sqrt", A, B), A=1, B=2)
    with pytest.raises(EvaluationError):
        evaluate(call("sum"))


# ---------------------------------------------------------------------------------- names


def test_missing_variable_says_did_you_mean_in_both_languages() -> None:
    node = BinOp("/", Variable("Jumlah penduduk miskin"), Variable("Jumlah penduduk"))
    with pytest.raises(EvaluationError) as info:
        evaluate(node, {"Jumlah penduduk miskin": 5, "Jumlah pendudk": 100})
    assert info.value.key == "eval.missing_suggest"
    assert "Did you mean: 'Jumlah pendudk'" in info.value.message("en")
    assert "Maksud Anda: 'Jumlah pendudk'" in info.value.message("id")
    assert "'Jumlah penduduk'" in info.value.message("en")


def test_missing_variable_without_a_close_name_lists_what_is_missing() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(RATIO, {"A": 1, "completely different": 3})
    assert info.value.key == "eval.missing"
    assert "'B'" in info.value.message("en")
    assert isinstance(info.value, ValueError)


def test_all_missing_variables_are_reported_at_once() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(BinOp("+", A, BinOp("+", B, C)), A=1)
    assert "'B', 'C'" in info.value.message("en")


def test_symbol_definitions_bind_symbols_and_phrases() -> None:
    tpt = BinOp("*", BinOp("/", Variable("PP"), Variable("PAK")), HUNDRED)
    formula = Formula(
        tpt,
        name="TPT",
        definitions={"PP": "Jumlah pengangguran", "PAK": "Jumlah angkatan kerja"},
    )
    by_phrase = {"jumlah  pengangguran": 5, "Jumlah Angkatan Kerja": 50}
    assert evaluate(formula, by_phrase) == 10.0
    assert evaluate(formula, PP=5, PAK=50) == 10.0
    assert evaluate(tpt, by_phrase, definitions=dict(formula.definitions)) == 10.0


def test_a_phrase_in_the_formula_takes_its_value_by_symbol() -> None:
    formula = Formula(Variable("Jumlah pengangguran"), definitions={"PP": "Jumlah pengangguran"})
    assert evaluate(formula, PP=3) == 3.0


def test_direct_name_wins_over_an_alias() -> None:
    formula = Formula(Variable("PP"), definitions={"PP": "Jumlah pengangguran"})
    assert evaluate(formula, {"PP": 1, "Jumlah pengangguran": 2}) == 1.0


def test_the_same_name_twice_is_refused() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(RATIO, {"A": 1, " a ": 2, "B": 1})
    assert info.value.key == "eval.duplicate_name"


def test_values_that_are_not_numbers_are_refused() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(RATIO, A="5,36", B=1)
    assert info.value.key == "eval.not_numeric"
    with pytest.raises(EvaluationError):
        evaluate(RATIO, A=pd.Series(["x", "y"]), B=1)


def test_lengths_that_do_not_match_are_refused() -> None:
    with pytest.raises(EvaluationError) as info:
        evaluate(RATIO, A=[1, 2, 3], B=[1, 2])
    assert info.value.key == "eval.shape_mismatch"
    assert "A: 3" in info.value.message("en")


def test_check_names_accepts_variables_symbols_and_phrases() -> None:
    formula = Formula(
        BinOp("/", Variable("PP"), Variable("Jumlah angkatan kerja")),
        definitions={"PP": "Jumlah pengangguran", "XYZ": "unused symbol"},
    )
    check_names(formula, ["pp", "JUMLAH PENGANGGURAN", "jumlah  angkatan kerja"])
    with pytest.raises(EvaluationError) as info:
        check_names(formula, ["Jumlah angkatan kerj"])
    assert info.value.key == "eval.unknown_name_suggest"
    assert "'Jumlah angkatan kerja'" in info.value.message("en")
    with pytest.raises(EvaluationError) as info:
        check_names(formula, ["XYZ"])  # defined, but not used by the formula
    assert info.value.key == "eval.unknown_name"
    assert "'PP'" in info.value.message("id")


def test_evaluate_does_not_import_pandas() -> None:
    code = (
        "import sys\n"
        "from indikator.formula.nodes import BinOp, Variable\n"
        "from indikator.formula.evaluator import evaluate\n"
        "assert evaluate(BinOp('/', Variable('A'), Variable('B')), A=[1, 2], B=2).tolist()"
        " == [0.5, 1.0]\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_docstring_examples() -> None:
    import doctest

    import indikator.formula.evaluator

    assert doctest.testmod(indikator.formula.evaluator).failed == 0
