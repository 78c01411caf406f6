"""``indikator compute``: the JSON contract, text output, --out formats, rejected input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from indikator.cli.app import main
from indikator.core.resources import data_path

EXAMPLE = str(data_path("examples/kota-serang/realisasi-ilustratif.csv"))
CONTRACT = ("indicator", "year", "target", "actual", "achievement", "category", "method",
            "audit", "printed_achievement", "message")


def test_json_rows_follow_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--json", EXAMPLE]) == 0
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert captured.err == ""  # no progress bar with --json
    rows = payload["result"]["rows"]
    assert len(rows) == 16
    for row in rows:
        assert set(CONTRACT) <= set(row)
    first = rows[0]
    assert first["indicator"] == "Nilai Evaluasi AKIP" and first["year"] == 2021
    assert first["target"]["value"] == 61.0 and first["actual"]["value"] == 57.12
    assert first["achievement"] == pytest.approx(93.639, abs=1e-3)
    assert (first["category"], first["method"], first["audit"]) == ("CC", "higher", "ok")
    assert first["printed_achievement"] == 93.64 and first["message"] is None
    tender = rows[14]
    assert tender["achievement"] is None and tender["audit"] == "not-checkable"
    assert rows[13]["target"]["text"] == "BB" and rows[13]["audit"] is None
    assert rows[13]["target"]["value"] is None and rows[13]["target"]["kind"] == "category"
    assert payload["result"]["unread"] == []
    assert payload["result"]["summary"]["mismatch"] == 4


def test_text_output_lists_rows_and_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--lang", "en", EXAMPLE]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 17
    assert out[0].startswith("2. Nilai Evaluasi AKIP (2021) → 93.64 % [CC]")
    assert out[-1].startswith("16 rows: capaian computed 14, rated 15; audit: 10 ok, 4 mismatch")


def test_semicolon_comma_and_tab_separated_files_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    comma = tmp_path / "t.csv"
    comma.write_text(text.replace(",", ".").replace(";", ","), encoding="utf-8")  # 1.5 style
    tab = tmp_path / "t.tsv"
    tab.write_text(text.replace(";", "\t"), encoding="utf-8")
    results = []
    for path in (EXAMPLE, str(comma), str(tab)):
        assert main(["compute", "--json", path]) == 0
        rows = json.loads(capsys.readouterr().out)["result"]["rows"]
        results.append([row["achievement"] for row in rows])
    assert results[0] == pytest.approx(results[1], nan_ok=True)
    assert results[0] == pytest.approx(results[2], nan_ok=True)


def test_out_writes_xlsx_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("xlsx", "csv", "json"):
        target = tmp_path / f"hasil.{suffix}"
        assert main(["compute", "--out", str(target), EXAMPLE]) == 0
        assert target.stat().st_size > 0
    capsys.readouterr()
    book = load_workbook(tmp_path / "hasil.xlsx")
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    capaian = header.index("Capaian (%)") + 1
    cell = sheet.cell(row=11, column=capaian)  # the 11/15 row
    assert cell.value == pytest.approx(73.333, abs=1e-3)
    assert cell.number_format == "#,##0.00"
    lines = (tmp_path / "hasil.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("indikator;tahun;satuan;target;realisasi;capaian;kategori")
    assert len(lines) == 17
    assert ";73,33333" in lines[10]  # decimal comma
    data = json.loads((tmp_path / "hasil.json").read_text(encoding="utf-8"))
    assert len(data["result"]["rows"]) == 16


def test_catalog_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "r.csv"
    table.write_text("indikator;target;realisasi\nAngka Kemiskinan;10;8\n", encoding="utf-8")
    catalog = tmp_path / "k.toml"
    catalog.write_text(
        "[[indicator]]\ncode = 'ak'\nname = 'Angka Kemiskinan'\nsatuan = '%'\n"
        "formula = 'Jumlah penduduk miskin / Jumlah penduduk x 100%'\narah = 'turun'\n"
        "aggregation = 'last'\n",
        encoding="utf-8",
    )
    assert main(["compute", "--json", "--catalog", str(catalog), str(table)]) == 0
    rows = json.loads(capsys.readouterr().out)["result"]["rows"]
    assert rows[0]["achievement"] == pytest.approx(120.0)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [("indikator;target\na;1\n", "t.csv", "realisasi"),
     (None, "missing.csv", "missing.csv")],
)
def test_rejected_input_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, name: str,
    expected: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["compute", "--json", str(path)]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and expected in payload["error"]["message"]


def test_unsupported_out_suffix_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compute", "--out", str(tmp_path / "x.pdf"), EXAMPLE]) == 1
    assert "x.pdf" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import indikator.cli.commands.compute as command

    monkeypatch.setattr(command, "PROGRESS_BYTES", 0)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["compute", EXAMPLE]) == 0
    assert "16 baris" in capsys.readouterr().out
    assert "memeriksa capaian tertulis" in terminal.getvalue()  # the last phase's label
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["compute", "--json", EXAMPLE]) == 0
    assert quiet.getvalue() == ""
