"""``indikator lint``: --formula and files (TSV, CSV, catalogue TOML), JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indikator.cli.app import main

SEED = Path(__file__).parents[1] / "fixtures" / "seed-tabel-6.3-expected.tsv"
INVERTED = "Jumlah Dokumen yang di rencanakan / Total Dokumen yang di laksanakan x 100%"


def test_formula_json_shape_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--json", "--formula", INVERTED, "--name", "Persentase Dokumen",
                 "--unit", "Persen"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert (data["ok"], data["status"], data["command"]) == (True, "findings", "lint")
    assert data["result"]["summary"] == {"formulas": 1, "errors": 1, "warnings": 0, "infos": 0}
    [finding] = data["findings"]
    assert finding["rule"] == "inverted" and finding["code"] == "IND020"
    assert finding["severity"] == "error" and finding["span"] == [0, len(INVERTED)]
    assert finding["fix"].startswith("Total Dokumen yang di laksanakan / Jumlah Dokumen")
    assert "terbalik" in finding["message"]


def test_formula_clean_exits_zero_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--lang", "en", "--formula",
                 "Jumlah Dokumen yang dilaksanakan / Jumlah Dokumen yang direncanakan x 100%"]) == 0
    out = capsys.readouterr().out
    assert "no findings" in out and "0 errors" in out


def test_warnings_alone_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--json", "--formula", "Jumlah Desa Mandiri / Total Desa",
                 "--name", "Persentase Desa Mandiri"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["x100-missing"]


def test_seed_tsv_reports_every_finding_with_its_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["lint", "--json", str(SEED)]) == 3
    data = json.loads(capsys.readouterr().out)
    results = data["result"]["formulas"]
    rows = len(SEED.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert len(results) == rows == data["result"]["summary"]["formulas"]
    by_source = {r["source_line"]: (i, r) for i, r in enumerate(results)}
    index, row = by_source[201]
    found = [f for f in data["findings"] if f["where"]["item"] == index]
    assert {f["rule"] for f in found} >= {"inverted", "x100-in-denominator"}
    assert row["line"] == 28 and row["findings"] == len(found)  # 27th data row, after the header
    assert all(f["where"]["line"] == 28 and f["where"]["source_line"] == 201 for f in found)
    index, row = by_source[169]
    assert row["findings"] == 0 and not [f for f in data["findings"]
                                         if f["where"]["item"] == index]


def test_text_output_names_file_and_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--lang", "en", str(SEED)]) == 3
    out = capsys.readouterr().out
    assert f"{SEED}:15 (document line 176): error IND020 [inverted]" in out
    assert "    fix: " in out
    assert out.rstrip().endswith("info.")


def test_csv_and_catalogue_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "tabel.csv"
    table.write_text(
        'Indikator;Satuan;Rumus\n'
        'Persentase Perda;Persen;"Jumlah Perda yang diusulkan /\n'
        'Total Perda yang disahkan x 100%"\n'
        'Jumlah Dokumen;Dokumen;Jumlah Dokumen\n',
        encoding="utf-8",
    )
    catalogue = tmp_path / "katalog.toml"
    catalogue.write_text(
        '[catalog]\nname = "uji"\n\n'
        '[[indicator]]\ncode = "a"\nname = "Persentase dokumen"\nsatuan = "Persen"\n'
        'formula = "Jumlah Dokumen / Total Dokumen x 100"\narah = "naik"\n'
        'aggregation = "last"\nsource_line = 12\n\n'
        '[[indicator]]\ncode = "b"\nname = "Rumus rusak"\nsatuan = "Persen"\n'
        'formula = "A / / B"\narah = "naik"\naggregation = "last"\n',
        encoding="utf-8",
    )
    assert main(["lint", "--json", str(table), str(catalogue)]) == 3
    data = json.loads(capsys.readouterr().out)
    results = data["result"]["formulas"]
    rules = [[f["rule"] for f in data["findings"] if f["where"]["item"] == i]
             for i in range(len(results))]
    assert [(r["line"], found) for r, found in zip(results, rules, strict=True)] == [
        (2, ["inverted"]),
        (4, []),
        (4, ["tautology"]),
        (13, ["syntax"]),
    ]
    assert results[2]["source_line"] == 12


def test_bad_inputs_are_refused_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 1
    assert "--formula" in capsys.readouterr().err
    assert main(["lint", str(tmp_path / "missing.tsv")]) == 1
    assert "missing.tsv" in capsys.readouterr().err
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert main(["lint", "--json", str(wrong)]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False
    other = tmp_path / "data.xlsx"
    other.write_bytes(b"PK")
    assert main(["lint", str(other)]) == 1
