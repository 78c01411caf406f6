"""verify(): the five properties on correct, inverted, tautological and odd formulas; the
`indikator verify` command's JSON shape, text output and exit codes."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

import indikator
from indikator.catalog.loader import Indicator, dump
from indikator.cli.app import main
from indikator.formula.evaluator import evaluate
from indikator.verification.properties import PROPERTIES, VerifyError, verify

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED = FIXTURES / "seed-tabel-6.3-expected.tsv"
CORRECT = "Jumlah Dokumen Kerjasama yang dilaksanakan / Jumlah Dokumen Kerjasama yang di " \
          "rencanakan x 100%"
INVERTED = r"$\frac{\text{Jumlah Dokumen Kerjasama yang di rencanakan}}{\text{Total Dokumen " \
           r"Kerjasama yang di laksanakan}} \times 100$"
FEW = 40


def _seed_rows() -> list[dict[str, str]]:
    with SEED.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _cases() -> list[tuple[str, str, str, str]]:
    path = FIXTURES / "verify" / "cases.tsv"
    rows = [line.rstrip("\n").split("\t") for line in path.read_text("utf-8").splitlines()]
    return [(r[0], r[1], r[2], r[3]) for r in rows if r and not r[0].startswith("#")]


@pytest.mark.parametrize(("formula", "name", "arah", "expected"), _cases())
def test_fixture_cases(formula: str, name: str, arah: str, expected: str) -> None:
    report = verify(formula, name=name, direction=arah, max_examples=60)
    failed = " ".join(p.name for p in report.failed) or "-"
    assert failed == expected, report.to_json("en")


def _status(report: object, name: str) -> str:
    return report[name].status  # type: ignore[index,no-any-return]


def test_a_correct_coverage_passes_every_property() -> None:
    report = verify(CORRECT, max_examples=FEW)
    assert [p.name for p in report.properties] == list(PROPERTIES)
    assert {p.name: p.status for p in report.properties} == dict.fromkeys(PROPERTIES, "passed")
    assert report.ok and report.plan is not None and report.plan.part_of_whole


def test_an_inverted_formula_fails_rises_and_within() -> None:
    report = verify(INVERTED, max_examples=FEW)
    assert not report.ok
    rises, within = report["rises-with-achieved"], report["within-0-100"]
    assert rises.status == within.status == "failed"
    example = rises.example
    assert example is not None and example.changed is not None
    assert example.value_after is not None and example.value_after < example.value
    # the changed variable is the achieved one, below the bar
    assert list(example.changed) == ["Total Dokumen Kerjasama yang di laksanakan"]
    assert within.example is not None and within.example.value > 100
    assert "100" in within.message("en") and within.message("id")


def test_the_falsifying_example_reproduces_its_value() -> None:
    report = verify(INVERTED, max_examples=FEW)
    formula = indikator.parse(INVERTED)
    for result in report.failed:
        assert result.example is not None
        value = evaluate(formula, dict(result.example.values))
        assert math.isclose(value, result.example.value)
        if result.example.changed is not None:
            after = {**result.example.values, **result.example.changed}
            assert math.isclose(evaluate(formula, after), result.example.value_after or 0.0)


def test_verification_is_reproducible() -> None:
    first = verify(INVERTED, max_examples=FEW).to_json("en")
    assert verify(INVERTED, max_examples=FEW).to_json("en") == first


def test_seed_tautologies_fail_with_a_constant_value() -> None:
    rows = [r for r in _seed_rows() if "tautology" in r["expected"].split()]
    assert len(rows) == 9
    for row in rows:
        report = verify(row["rumus"], name=row["indikator"], unit=row["satuan"],
                        max_examples=FEW)
        rises = report["rises-with-achieved"]
        assert rises.status == "failed", row["seed_line"]
        assert rises.example is not None and rises.example.value == rises.example.value_after
        assert rises.note == "verify.fail_constant"
        assert "konstan" in rises.message("id") and "constant" in rises.message("en")


def test_seed_inversions_fail_and_ok_rows_pass() -> None:
    for row in _seed_rows():
        expected = row["expected"].split()
        if "inverted" not in expected and expected != ["ok"]:
            continue
        report = verify(row["rumus"], name=row["indikator"], unit=row["satuan"],
                        max_examples=FEW)
        if "inverted" in expected:
            assert _status(report, "rises-with-achieved") == "failed", row["seed_line"]
            if "x100-in-denominator" not in expected:  # that one is 10 000 times smaller
                assert _status(report, "within-0-100") == "failed", row["seed_line"]
        else:
            assert report.ok, (row["seed_line"], report.to_json("en"))


def test_division_by_zero_on_valid_data_is_caught() -> None:
    report = verify("A / (B - C) + D", max_examples=FEW)
    result = report["no-division-by-zero"]
    assert result.status == "failed"
    assert result.example is not None and result.example.reason == "division-by-zero"
    assert result.example.values["B"] == result.example.values["C"]
    assert verify("A / B", max_examples=FEW)["no-division-by-zero"].status == "passed"


def test_growth_and_single_and_constant() -> None:
    growth = verify("(X1 - X0) / X0 x 100%", max_examples=FEW)
    assert _status(growth, "rises-with-achieved") == "passed"
    assert _status(growth, "falls-with-base") == "passed"
    assert _status(growth, "within-0-100") == "not-applicable"
    single = verify("Nilai Evaluasi AKIP", max_examples=FEW)
    assert _status(single, "rises-with-achieved") == "passed"
    assert _status(single, "falls-with-base") == "not-applicable"
    constant = verify("100", max_examples=FEW)
    assert _status(constant, "rises-with-achieved") == "failed"
    assert constant["rises-with-achieved"].message("en").endswith("always 100.")


def test_direction_and_indicator_input() -> None:
    indicator = Indicator(code="miskin", name="Persentase penduduk miskin", satuan="%",
                          formula="Jumlah penduduk miskin / Jumlah seluruh penduduk x 100%",
                          arah="turun", aggregation="last")
    report = verify(indicator, max_examples=FEW)
    assert report.code == "miskin" and report.name == "Persentase penduduk miskin"
    assert report.plan is not None and report.plan.direction == "lower"
    assert _status(report, "capaian-100") == "passed"
    assert report.ok
    with pytest.raises(VerifyError):
        verify("A / B", direction="sideways")


def test_unreadable_formula_is_not_applicable_everywhere() -> None:
    report = verify("Jumlah A / / (", max_examples=FEW)
    assert report.plan is None
    assert {p.status for p in report.properties} == {"not-applicable"}
    assert report.ok


def test_part_of_whole_can_be_forced() -> None:
    report = verify("A / B x 100", part_of_whole=True, max_examples=FEW)
    assert _status(report, "within-0-100") == "passed"
    assert _status(verify("A / B x 100", max_examples=FEW), "within-0-100") == "not-applicable"


# ------------------------------------------------------------------------------------- CLI


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_shape_and_exit_3_on_failures(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "tabel.tsv"
    rows = [r for r in _seed_rows() if r["seed_line"] in ("160", "170", "190")]
    lines = ["seed_line\tindikator\tsatuan\trumus"]
    lines += [f"{r['seed_line']}\t{r['indikator']}\t{r['satuan']}\t{r['rumus']}" for r in rows]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "verify", "--json", "--examples", "30", str(table))
    assert code == 3  # failed properties are findings of severity error
    envelope = json.loads(out)
    data = envelope["result"]
    failed = {(data["indicators"][f["where"]["item"]]["code"], f["rule"])
              for f in envelope["findings"]}
    assert ("160", "rises-with-achieved") in failed and ("190", "within-0-100") in failed
    assert [i["code"] for i in data["indicators"]] == ["160", "170", "190"]
    for item in data["indicators"]:
        assert {"code", "name", "properties"} <= set(item)
        assert [p["name"] for p in item["properties"]] == list(PROPERTIES)
        for prop in item["properties"]:
            assert {"name", "status", "example"} <= set(prop)
            assert prop["status"] in ("passed", "failed", "not-applicable")
            assert (prop["example"] is not None) == (prop["status"] == "failed") or \
                prop["name"] == "rises-with-achieved"
    statuses = {i["code"]: {p["name"]: p["status"] for p in i["properties"]}
                for i in data["indicators"]}
    assert statuses["160"]["rises-with-achieved"] == "failed"
    assert "failed" not in statuses["170"].values()
    assert statuses["190"]["within-0-100"] == "failed"
    example = next(p["example"] for p in data["indicators"][2]["properties"]
                   if p["name"] == "within-0-100")
    assert set(example["values"]) == {
        "Jumlah Dokumen Kerjasama yang di rencanakan", "Total Dokumen Kerjasama yang di laksanakan"}
    assert example["value"] > 100
    assert data["summary"] == {"indicators": 3, "failed": 2, "passed": 1}


def test_cli_catalogue_passes_with_exit_0(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    good = Indicator(code="kerjasama", name="Persentase Dokumen Kerjasama yang dilaksanakan",
                     satuan="Persen", formula=CORRECT, arah="naik", aggregation="last")
    dump([good], tmp_path / "katalog" / "a.toml")
    code, out, _ = _run(capsys, "verify", "--examples", "30", str(tmp_path / "katalog"))
    assert code == 0
    assert out.startswith("kerjasama: Persentase Dokumen Kerjasama")
    code, out, _ = _run(capsys, "verify", "--json", "--examples", "30",
                        str(tmp_path / "katalog" / "a.toml"))
    assert code == 0 and json.loads(out)["result"]["indicators"][0]["code"] == "kerjasama"


def test_cli_formula_file_prints_the_example(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rumus.txt"
    path.write_text("# satu rumus per baris\n\n" + INVERTED + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, "verify", "--lang", "en", "--examples", "30", str(path))
    assert code == 3
    assert out.startswith("3: ")
    assert "FAILED the value stays within 0–100" in out
    assert "Total Dokumen Kerjasama yang di laksanakan = 1" in out
    assert "1 indicators: 1 failed" in out


def test_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "verify", str(tmp_path / "nothing.toml"))
    assert code == 1 and "nothing.toml" in err
    empty = tmp_path / "kosong.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    code, _, err = _run(capsys, "verify", "--lang", "en", str(empty))
    assert code == 1 and "No formula" in err
    code, out, _ = _run(capsys, "verify", "--json")
    assert code == 1 and json.loads(out)["ok"] is False
