"""``indikator report`` and the period/sheet options of ``compute``, end to end on the fixtures of
tests/fixtures/documents (a Renstra as PDF/DOCX, a monev workbook with a "Petunjuk" sheet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indikator.cli.app import main

DOCS = Path(__file__).parents[1] / "fixtures" / "documents"
MONEV = str(DOCS / "realisasi-monev.xlsx")


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_tw_sheet_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    table = str(DOCS / "monev-tw.csv")
    code, _, err = _run(capsys, ["compute", table])
    # before: TW I was read silently and the three printed capaian were flagged wrong
    assert code == 1 and "hitung ulang 21,16" not in err
    assert "«Realisasi TW I» = realisasi triwulan I" in err and "--periode" in err
    code, out, _ = _run(capsys, ["compute", "--json", "--periode", "s.d. TW IV", table])
    rows = json.loads(out)["result"]["rows"]
    assert code == 0
    assert [(r["achievement"], r["audit"]) for r in rows] == [(98.0, "ok"), (99.0, "ok"),
                                                              (97.0, "ok")]


@pytest.mark.parametrize("name", ["realisasi-monev.xlsx", "realisasi-monev.xls",
                                  "realisasi-monev.ods"])
def test_compute_workbook_values(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = _run(capsys, ["compute", "--json", "--periode", "s.d. TW IV",
                                 str(DOCS / name)])
    assert code == 0
    rows = json.loads(out)["result"]["rows"]
    got = [(r["indicator"], r["target"]["value"] or r["target"]["text"], r["actual"]["value"],
            round(r["achievement"], 2), r["category"], r["method"], r["audit"]) for r in rows]
    assert got == [
        ("Angka Kematian Ibu (AKI)", 100.0, 94.0, 106.0, "ST", "lower", "ok"),
        ("Persentase ibu hamil mendapat pelayanan K4", 90.0, 88.2, 98.0, "ST", "higher", "ok"),
        ("Persentase puskesmas terakreditasi", 80.0, 85.0, 106.25, "ST", "higher", "ok"),
        ("Prevalensi balita stunting", "≤ 10", 11.5, 85.0, "T", "comparison-lower", "ok"),
        ("Indeks Kepuasan Masyarakat", 82.0, 80.5, 98.17, "ST", "higher", "ok"),
    ]
    assert [r["year"] for r in rows] == [2024] * 5
    assert rows[3]["reason"] is None and rows[3]["met"] is False


def test_caps_and_quarter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["compute", "--json", "--periode", "s.d. TW IV",
                                 "--batas-atas", "100", MONEV])
    rows = json.loads(out)["result"]["rows"]
    assert code == 0
    assert [(r["achievement"], r["method"]) for r in rows][:3] == [
        (100.0, "lower;cap=100"), (98.0, "higher"), (100.0, "higher;cap=100")]
    for row in rows:  # the audit of a capped row is of the capped value, its words too
        said = row["message"] or ""
        assert (row["audit"] == "mismatch") == ("differs from" in said
                                                 or "berbeda dari" in said), row
        assert row["audit"] != "ok" or "berbeda dari" not in said, row
    code, out, _ = _run(capsys, ["compute", "--json", "--periode", "TW III", MONEV])
    rows = json.loads(out)["result"]["rows"]
    assert [round(r["achievement"], 2) for r in rows] == [
        round((2 * 75 - 23) / 75 * 100, 2), round(66.1 / 67.5 * 100, 2), 100.0, 100.0,
        round(80 / 82 * 100, 2)]
    assert {r["audit"] for r in rows} == {None}  # the annual printed capaian is not audited


def test_sheet_option_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["compute", "--sheet", "Rekap", MONEV])
    assert code == 1 and "1: «Petunjuk», 2: «Realisasi 2024»" in err
    code, _, err = _run(capsys, ["compute", "--periode", "TW V", MONEV])
    assert code == 1 and "periode tidak dikenali" in err
    code, _, err = _run(capsys, ["compute", "--lang", "en", "--periode", "TW II", MONEV])
    assert code == 1 and "no target column" in err


def test_report_from_renstra_pdf_and_workbook(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    catalog = tmp_path / "katalog"
    assert _run(capsys, ["import", "--out", str(catalog), str(DOCS / "renstra-contoh.pdf")])[0] == 0
    out = tmp_path / "laporan"
    code, text, _ = _run(capsys, ["report", "--out", str(out), "--catalog", str(catalog),
                                  "--periode", "s.d. TW IV", MONEV])
    assert code == 0, text
    assert "lembar dilewati: 1: «Petunjuk»" in text
    book = load_workbook(out / "pengukuran-kinerja.xlsx")
    sheet = book["Pengukuran Kinerja"]
    assert book.sheetnames[0] == "Pengukuran Kinerja"
    assert sheet["A1"].value == "PENGUKURAN KINERJA TAHUN 2024"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=6, max_row=12)]
    assert [r[:8] for r in rows] == [
        [1, "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu (AKI)",
         "per 100.000 KH", 100, 94, pytest.approx(106.0), "ST – Sangat Tinggi"],
        [2, None, "Persentase ibu hamil mendapat pelayanan K4", "%", 90, 88.2,
         pytest.approx(98.0), "ST – Sangat Tinggi"],
        [None, None, "Rata-rata capaian sasaran", None, None, None, pytest.approx(102.0),
         "ST – Sangat Tinggi"],
        [3, "Meningkatnya mutu pelayanan kesehatan", "Persentase puskesmas terakreditasi", "%",
         80, 85, pytest.approx(106.25), "ST – Sangat Tinggi"],
        [4, None, "Prevalensi balita stunting", "%", "≤ 10", 11.5, pytest.approx(85.0),
         "T – Tinggi"],
        [5, None, "Indeks Kepuasan Masyarakat", "Indeks", 82, 80.5,
         pytest.approx(98.1707, abs=1e-3), "ST – Sangat Tinggi"],
        [None, None, "Rata-rata capaian sasaran", None, None, None,
         pytest.approx((106.25 + 85 + 80.5 / 82 * 100) / 3), "ST – Sangat Tinggi"],
    ]
    assert rows[4][9].startswith("target batas atas (≤ T), semakin rendah semakin baik")
    assert rows[5][10] == "capaian tertulis 98,17: sesuai; predikat tertulis Tinggi: tidak sesuai"
    narrative = (out / "narasi.txt").read_text(encoding="utf-8")
    assert ("Pada tahun 2024, indikator Prevalensi balita stunting terealisasi 11,50% dari "
            "target ≤ 10%, sehingga capaian kinerjanya sebesar 85,00% dan berada pada kategori "
            "Tinggi.") in narrative
    assert "Dibandingkan realisasi tahun 2022 sebesar 110 per 100.000 KH" in narrative
    document = Document(str(out / "bab-iii-capaian-kinerja.docx"))
    assert [p.text for p in document.paragraphs][:3] == [
        "BAB III", "CAPAIAN KINERJA ORGANISASI", "A. Pengukuran Kinerja"]
    assert len(document.inline_shapes) >= 1  # the overview chart
    for word in ("mismatch", "higher", "not-checkable", "lower;"):
        assert word not in narrative


def test_report_in_english_has_no_indonesian(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    code, text, _ = _run(capsys, ["report", "--lang", "en", "--out", str(tmp_path),
                                  "--periode", "s.d. TW IV", MONEV])
    assert code == 0
    narrative = (tmp_path / "narrative.txt").read_text(encoding="utf-8")
    for word in ("Pada tahun", "semakin", "sesuai", "capaian kinerja", "kategori", "dari target",
                 "triwulan", "lembar"):
        assert word not in narrative and word not in text, word
    assert "an achievement of 85.00%" in narrative
