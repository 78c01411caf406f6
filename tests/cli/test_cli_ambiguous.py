"""Ambiguous numbers on the command line (issue 12 class 8): the other values of the call and
the scale's domain decide; a value that stays a guess is refused with both readings."""

from __future__ import annotations

import json

import pytest

from indikator.cli.app import main


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_eval_sibling_value_decides(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["--json", "eval", "A / B", "--var", "A=3.460", "--var",
                                 "B=0.035"])
    assert code == 0 and json.loads(out)["result"]["value"] == pytest.approx(3.46 / 0.035)
    code, out, err = _run(capsys, ["eval", "A / B", "--var", "A=3.460", "--var", "B=0.035"])
    assert code == 0 and "«3.460» read as 3.46" in err


def test_eval_lone_ambiguous_value_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["eval", "A / B", "--var", "A=3.460", "--var", "B=2"])
    assert code == 1 and "3460 or 3.46" in err


def test_scale_rate_sibling_value_decides(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["--json", "scale", "rate", "akip", "80.68", "90.000"])
    results = json.loads(out)["result"]["ratings"]
    assert code == 0 and [r["value"] for r in results] == [80.68, 90.0]
    assert [r["code"] for r in results] == ["A", "A"]


def test_scale_rate_domain_decides_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["scale", "rate", "ikm-2004", "76.475"])
    assert code == 0
    assert "«76.475» read as 76.475" in out and "76475" in out and "outside" in out


def test_scale_rate_guess_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["scale", "rate", "capaian", "1.250"])
    assert code == 1 and "1250 or 1.25" in err
