"""``indikator eval``: the JSON contract, Indonesian numbers, NaN reasons, did-you-mean, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

import pytest

from indikator.cli.app import main

Capsys = pytest.CaptureFixture[str]


def run_json(capsys: Capsys, *argv: str) -> tuple[int, dict[str, Any]]:
    status = main(["eval", "--json", *argv])
    return status, json.loads(capsys.readouterr().out)


def test_value_as_json(capsys: Capsys) -> None:
    status, out = run_json(capsys, "A / B x 100%", "--var", "A=3", "--var", "B=4")
    assert status == 0
    assert out["ok"] is True and out["status"] == "success"
    assert out["result"] == {"value": 75.0, "reason": None, "message": None}


def test_values_are_read_as_indonesian_numbers(capsys: Capsys) -> None:
    status, out = run_json(capsys, "A / B", "--var", "A=1.800.085", "--var", "B = 0,5")
    assert status == 0
    assert out["result"]["value"] == pytest.approx(3600170.0)


def test_division_by_zero_is_null_with_a_reason(capsys: Capsys) -> None:
    status, out = run_json(capsys, "A / B x 100%", "--var", "A=3", "--var", "B=0")
    assert status == 0
    assert out["ok"] is True
    assert out["result"]["value"] is None
    assert out["result"]["reason"] == "division-by-zero"
    assert out["result"]["message"] == "pembagian dengan nol"


def test_a_dash_is_a_missing_value(capsys: Capsys) -> None:
    status = main(["eval", "--json", "--lang", "en", "A + B", "--var", "A=-", "--var", "B=1"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert (out["result"]["value"], out["result"]["reason"]) == (None, "missing-value")
    assert out["result"]["message"] == "a value is missing from the data"


def test_names_match_after_normalisation_and_through_definitions(capsys: Capsys) -> None:
    formula = "Jumlah OPD yang di laksanakan / Jumlah OPD yang di rencanakan x 100%"
    status, out = run_json(
        capsys,
        formula,
        "--var",
        "jml opd yg dilaksanakan=5",
        "--var",
        "JUMLAH OPD YANG DIRENCANAKAN=20",
    )
    assert (status, out["result"]["value"]) == (0, 25.0)
    tpt = "TPT = PP/PAK x 100% Keterangan: PP = Jumlah pengangguran, PAK = Jumlah angkatan kerja"
    status, out = run_json(capsys, tpt, "--var", "jumlah pengangguran=5", "--var", "PAK=50")
    assert (status, out["result"]["value"]) == (0, 10.0)


def test_unknown_name_fails_with_did_you_mean(capsys: Capsys) -> None:
    status, out = run_json(
        capsys, "Jumlah penduduk miskin / Jumlah penduduk", "--var", "Jumlah pendudk=5"
    )
    assert status == 1
    assert out["ok"] is False
    error = out["error"]
    assert isinstance(error, dict)
    assert "Maksud Anda: 'Jumlah penduduk'" in error["message"]
    assert error["code"] == "eval.unknown_name_suggest"
    status = main(["eval", "--lang", "en", "A / B", "--var", "C=1"])
    captured = capsys.readouterr()
    assert status == 1
    assert "does not occur in the formula" in captured.err
    assert "Traceback" not in captured.err


def test_missing_value_for_a_variable_fails(capsys: Capsys) -> None:
    status, out = run_json(capsys, "A / B", "--var", "A=1")
    assert status == 1
    assert out["error"]["code"] == "eval.missing"  # type: ignore[index]


@pytest.mark.parametrize("var", ["A", "=3", "A=abc", "A=80 – 90"])
def test_bad_values_are_rejected(capsys: Capsys, var: str) -> None:
    status, out = run_json(capsys, "A + 1", "--var", var)
    assert status == 1
    assert out["ok"] is False


def test_syntax_error_is_rejected_without_traceback(capsys: Capsys) -> None:
    status, out = run_json(capsys, "A / / ( B", "--var", "A=1")
    assert status == 1
    assert out["ok"] is False


def test_text_output_uses_the_language_decimal_mark(capsys: Capsys) -> None:
    assert main(["eval", "A / B", "--var", "A=1", "--var", "B=3"]) == 0
    assert capsys.readouterr().out.strip() == "0,333333333333"
    assert main(["eval", "--lang", "en", "A / B", "--var", "A=1", "--var", "B=3"]) == 0
    assert capsys.readouterr().out.strip() == "0.333333333333"
    assert main(["eval", "A / B", "--var", "A=1", "--var", "B=0"]) == 0
    assert capsys.readouterr().out.strip() == "NaN (pembagian dengan nol)"


def test_formula_from_standard_input(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("A + B\n"))
    status, out = run_json(capsys, "-", "--var", "A=1", "--var", "B=2")
    assert (status, out["result"]["value"]) == (0, 3.0)


def test_eval_does_not_import_pandas() -> None:
    code = (
        "import sys\n"
        "from indikator.cli.app import main\n"
        "assert main(['eval', 'A / B x 100%', '--var', 'A=1', '--var', 'B=4']) == 0\n"
        "assert 'pandas' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "25"
