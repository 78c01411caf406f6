"""``indikator demo``: runs the bundled example into a folder; the workbook opens with the
expected values and number formats, the PNG files are real, the summary says the data are
illustrative and shows the Tabel 7.1 ratings."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from indikator.cli.app import main

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    out = tmp_path_factory.mktemp("demo") / "keluaran"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = main(["demo", "--out", str(out)])
    return out, stdout.getvalue(), status


def test_demo_succeeds_and_prints_the_summary(demo: tuple[Path, str, int]) -> None:
    out, printed, status = demo
    assert status == 0
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert printed.strip() == summary.strip()


def test_summary_says_the_data_are_illustrative(demo: tuple[Path, str, int]) -> None:
    summary = (demo[0] / "summary.md").read_text(encoding="utf-8")
    assert summary.count("DATA ILUSTRATIF, BUKAN DATA RIIL") == 2  # top and compute section
    assert "realisasi-ilustratif.csv" in summary


def test_summary_reports_import_lint_ratings_and_audit(demo: tuple[Path, str, int]) -> None:
    summary = (demo[0] / "summary.md").read_text(encoding="utf-8")
    assert "Tabel 6.3 (formula" in summary and "29 indikator" in summary
    assert "29 rumus diperiksa" in summary
    assert "2018 realisasi 52,31 → CC (Cukup (Memadai))" in summary
    assert 'target akhir "BB" tertulis di samping 63,00, yang berkategori B (Baik)' in summary
    assert "Tertulis 70,30, hitung ulang 73,33." in summary
    assert "Tampaknya dikalikan 100 dua kali." in summary
    assert "Target BB tidak tercapai: realisasi B, 1 tingkat di bawah target." in summary


def test_charts_are_real_png_files(demo: tuple[Path, str, int]) -> None:
    charts = sorted((demo[0] / "grafik").glob("*.png"))
    names = {path.name for path in charts}
    assert "capaian-ringkasan.png" in names
    assert "tabel-7.1-04-nilai-evaluasi-akip.png" in names
    assert len([n for n in names if n.startswith("tabel-7.1-")]) == 4
    for path in charts:
        data = path.read_bytes()
        assert data[:8] == PNG_MAGIC
        assert len(data) > 5_000


def test_workbook_values_and_formats(demo: tuple[Path, str, int]) -> None:
    book = load_workbook(demo[0] / "pengukuran-kinerja.xlsx")
    assert book.sheetnames[0] == "Data Ilustratif"
    assert "DATA ILUSTRATIF" in str(book["Data Ilustratif"]["A3"].value)
    lkjip = book["Pengukuran Kinerja"]  # the LKjIP table: latest year, grouped, averaged
    assert lkjip["A1"].value == "PENGUKURAN KINERJA TAHUN 2022"
    assert [c.value for c in lkjip[4]][:7] == ["No", "Sasaran Strategis", "Indikator Kinerja",
                                               "Satuan", "Target", "Realisasi", "Capaian (%)"]
    sheet = book["Rincian Perhitungan"]  # every row computed, as the table gives them
    header = [cell.value for cell in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    rows = {(sheet.cell(r, column["Indikator"]).value, sheet.cell(r, column["Tahun"]).value): r
            for r in range(2, sheet.max_row + 1)}
    assert len(rows) == 16
    akip = rows[("Nilai Evaluasi AKIP", 2021)]
    capaian = sheet.cell(akip, column["Capaian (%)"])
    assert capaian.value == pytest.approx(57.12 / 61 * 100)
    assert capaian.number_format == "#,##0.00"
    assert sheet.cell(akip, column["Realisasi"]).value == pytest.approx(57.12)
    assert str(sheet.cell(akip, column["Kategori"]).value).startswith("CC")
    slip = rows[("Presentase Perangkat daerah yang Memiliki Dokumen Kelembagaan", 2021)]
    assert sheet.cell(slip, column["Capaian (%)"]).value == pytest.approx(73.333, abs=1e-3)
    assert "70,30" in str(sheet.cell(slip, column["Keterangan"]).value)
    ratings = book["Kategori Tabel 7.1"]
    found = [[c.value for c in row] for row in ratings.iter_rows(min_row=2)]
    assert ["Nilai Evaluasi AKIP", "akip", 2018, "realisasi", 52.31, "CC",
            "Cukup (Memadai)"] in found
    value_cell = next(row[4] for row in ratings.iter_rows(min_row=2)
                      if row[0].value == "Nilai Evaluasi AKIP")
    assert value_cell.number_format == "#,##0.00##"
    assert "Temuan Lint" in book.sheetnames and book["Temuan Lint"].max_row > 10
    assert book["Sel Tak Terbaca"].max_row > 100  # the seed's unread cells, listed


def test_demo_json_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json", "--lang", "en", "--out", str(tmp_path)]) == 0
    payload = json.loads(capsys.readouterr().out)["result"]
    assert payload["illustrative"] is True
    assert "ILLUSTRATIVE DATA, NOT REAL" in payload["summary"]
    assert (tmp_path / "performance-measurement.xlsx").exists()
    assert str(tmp_path / "summary.md") in payload["files"]
    akip = [r for r in payload["ratings"] if r["indicator"] == "Nilai Evaluasi AKIP"]
    assert {"year": "2018", "value": 52.31, "category": "CC"}.items() <= akip[0].items()
    assert akip[-1]["kind"] == "end-after" and akip[-1]["category"] == "B"
    assert payload["compute"]["rows"][9]["audit"] == "mismatch"
    assert payload["lint"]["formulas"] == 29
