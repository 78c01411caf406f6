"""PDF, Word and spreadsheet readers on the fixtures of tests/fixtures/documents/make_fixtures.py.

Cell by cell: every table row of the Renstra comes out with each value under its header (the
PDF through page geometry, the DOCX through the grid), Word equations and stacked fractions as
``\\frac``; the monev workbook's table sheet is found after its "Petunjuk" sheet in .xlsx, .xls
and .ods alike; a Windows CSV is read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.core.errors import InputFileError, TableError
from indikator.documents.omml import math_text
from indikator.documents.pdfdoc import pdf_text
from indikator.documents.sheets import load_sheets, pick_sheet
from indikator.documents.sources import document_text
from indikator.documents.textdoc import read_document
from indikator.documents.worddoc import docx_lines
from indikator.formula.parser import parse

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "documents"

FORMULA_ROWS = [
    ["1", "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu (AKI)",
     "per 100.000 KH", r"\frac{Jumlah kematian ibu}{Jumlah kelahiran hidup} × 100.000",
     "Kematian ibu selama kehamilan, persalinan dan nifas"],
    ["2", "", "Persentase ibu hamil mendapat pelayanan K4", "%",
     r"\frac{Jumlah ibu hamil yang mendapat pelayanan K4}{Jumlah sasaran ibu hamil} × 100%",
     "Ibu hamil yang memeriksakan kehamilan minimal empat kali"],
    ["3", "Meningkatnya mutu pelayanan kesehatan", "Persentase puskesmas terakreditasi", "%",
     r"\frac{Jumlah puskesmas terakreditasi}{Jumlah seluruh puskesmas} × 100%",
     "Puskesmas yang lulus akreditasi"],
    ["4", "", "Prevalensi balita stunting", "%",
     r"\frac{Jumlah balita stunting}{Jumlah balita yang diukur} × 100%",
     "Balita dengan tinggi badan menurut umur < -2 SD"],
]
TARGET_ROWS = [
    ["No", "Indikator Kinerja", "Satuan", "Kondisi Awal 2021", "Target Kinerja pada Tahun",
     "", "", "", "", "Kondisi Kinerja pada Akhir Periode Renstra"],
    ["", "", "", "", "2022", "2023", "2024", "2025", "2026", ""],
    ["1", "Angka Kematian Ibu (AKI)", "per 100.000 KH", "112", "108", "104", "100", "95", "90",
     "90"],
    ["2", "Persentase ibu hamil mendapat pelayanan K4", "%", "82,5", "85", "87,5", "90", "92,5",
     "95", "95"],
    ["", "Persentase puskesmas terakreditasi", "%", "n/a", "60", "70", "80", "90", "100", "100"],
    ["4", "Prevalensi balita stunting", "%", "18,2", "≤ 16", "≤ 14", "≤ 10", "≤ 9", "≤ 8",
     "≤ 8"],
]


def _table_rows(lines: list[str]) -> list[list[str]]:
    return [line.split("\t") for line in lines if "\t" in line]


@pytest.mark.parametrize("name", ["renstra-contoh.pdf", "renstra-contoh.docx"])
def test_renstra_cells_stay_in_their_columns(name: str) -> None:
    file = HERE / name
    lines = pdf_text(file).lines if name.endswith(".pdf") else docx_lines(file)
    rows = _table_rows(lines)
    assert rows[0] == ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Rumus Perhitungan",
                       "Definisi Operasional"]
    assert rows[1:5] == FORMULA_ROWS
    assert rows[5:] == TARGET_ROWS
    assert "Tabel 6.3" in lines and "Tabel 7.1" in lines


@pytest.mark.parametrize("name", ["renstra-contoh.pdf", "renstra-contoh.docx"])
def test_renstra_tables_read_with_fractions(name: str) -> None:
    tables = read_document(document_text(HERE / name).text)
    formula, headline = tables
    assert (formula.number, formula.kind, formula.unread) == ("6.3", "formula", [])
    assert (headline.number, headline.kind, headline.unread) == ("7.1", "headline", [])
    aki = formula.rows[0]
    ratio = parse(aki.formula).ratio
    assert ratio is not None
    assert (ratio.numerator.name, ratio.denominator.name, ratio.factor) == (
        "Jumlah kematian ibu", "Jumlah kelahiran hidup", 100000.0)
    assert [r.unit for r in formula.rows] == ["per 100.000 KH", "%", "%", "%"]
    values = {row.indicator: {y: r.text for y, r in row.values.items()} for row in headline.rows}
    assert values["Persentase puskesmas terakreditasi"] == {
        2021: "n/a", 2022: "60", 2023: "70", 2024: "80", 2025: "90", 2026: "100"}
    assert values["Prevalensi balita stunting"][2024] == "≤ 10"


def test_scanned_pdf_is_refused_with_ocr_advice() -> None:
    with pytest.raises(InputFileError) as caught:
        pdf_text(HERE / "renstra-scan.pdf")
    assert caught.value.key == "documents.pdf_no_text"
    assert "OCR" in caught.value.message("id") and "OCR it first" in caught.value.message("en")


def test_omml_fraction_is_structural() -> None:
    from lxml import etree

    xml = (
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        "<m:f><m:num><m:r><m:t>A + B</m:t></m:r></m:num><m:den><m:f><m:num><m:r><m:t>C</m:t>"
        "</m:r></m:num><m:den><m:r><m:t>D</m:t></m:r></m:den></m:f></m:den></m:f>"
        "<m:r><m:t>×100%</m:t></m:r></m:oMath>")
    text = math_text(etree.fromstring(xml))
    assert " ".join(text.split()) == r"\frac{A + B}{\frac{C}{D}} ×100%"


@pytest.mark.parametrize("name", ["realisasi-monev.xlsx", "realisasi-monev.xls",
                                  "realisasi-monev.ods"])
def test_workbook_sheet_found_after_petunjuk(name: str) -> None:
    sheets = load_sheets(HERE / name)
    assert [s.name for s in sheets.sheets] == ["Petunjuk", "Realisasi 2024"]
    chosen, notes = pick_sheet(sheets)
    assert chosen.name == "Realisasi 2024"
    rendered = [n.render("id") for n in notes]
    assert rendered == ["lembar dibaca: 2: «Realisasi 2024»",
                        "lembar dilewati: 1: «Petunjuk» (tidak ada kepala tabel dengan kolom "
                        "indikator, target dan realisasi)"]
    frame = chosen.frame
    header = [str(v) for v in frame.iloc[3].tolist()]
    assert header[4:13] == ["Target Akhir Renstra 2026", "Realisasi 2022", "Target Tahunan 2024",
                            "Target TW III", "Realisasi TW I", "Realisasi TW II",
                            "Realisasi TW III", "Realisasi TW IV", "Realisasi s.d. TW IV"]
    k4 = [str(v) for v in frame.iloc[5].tolist()]
    assert k4[2] == "Persentase ibu hamil mendapat pelayanan K4"
    assert [float(v) for v in k4[4:13]] == [95, 85, 90, 67.5, 21.16, 45.3, 66.1, 88.2, 88.2]
    assert k4[13:] == ["98,00", "Sangat Tinggi"]


def test_sheet_option_by_name_and_number() -> None:
    sheets = load_sheets(HERE / "realisasi-monev.xlsx")
    assert pick_sheet(sheets, "2")[0].name == "Realisasi 2024"
    assert pick_sheet(sheets, "realisasi 2024")[0].number == 2
    with pytest.raises(TableError) as caught:
        pick_sheet(sheets, "Rekap")
    assert "1: «Petunjuk», 2: «Realisasi 2024»" in caught.value.message("id")


def test_windows_csv_is_read_and_said() -> None:
    sheets = load_sheets(HERE / "realisasi-cp1252.csv")
    frame = sheets.sheets[0].frame
    assert frame.iloc[1, 1] == "Persentase ibu hamil mendapat pelayanan K4 – kunjungan >= 4x"
    assert frame.iloc[2, 1] == "Indeks Kepuasan Masyarakat “IKM”"
    assert [n.key for n in sheets.notes] == ["documents.encoding_cp1252"]


def test_periods_listed_when_ambiguous_and_chosen_when_asked() -> None:
    from indikator.documents.realisation_file import prepare

    with pytest.raises(TableError) as caught:
        prepare(HERE / "monev-tw.csv")
    message = caught.value.message("id")
    assert caught.value.key == "periods.ambiguous"
    assert "«Realisasi TW I» = realisasi triwulan I" in message
    assert "«Realisasi s.d. TW IV» = realisasi s.d. triwulan IV (kumulatif)" in message
    assert "pilih dengan --periode" in message
    english = caught.value.message("en")
    assert "«Realisasi TW I» = actual quarter I" in english and "triwulan" not in english
    prepared = prepare(HERE / "monev-tw.csv", periode="s.d. TW IV")
    assert [str(v) for v in prepared.frame.iloc[0].tolist()] == [
        "No", "Indikator Kinerja", "Satuan", "Target", "(tidak dipakai) Realisasi TW I",
        "(tidak dipakai) Realisasi TW II", "(tidak dipakai) Realisasi TW III",
        "(tidak dipakai) Realisasi TW IV", "Realisasi", "Capaian"]


def test_monev_workbook_period_columns_and_extras() -> None:
    from indikator.documents.realisation_file import prepare

    prepared = prepare(HERE / "realisasi-monev.xlsx", periode="s.d. TW IV")
    choice = prepared.choice
    assert choice is not None
    assert (choice.target.header, choice.realisasi.header) == (
        "Target Tahunan 2024", "Realisasi s.d. TW IV")
    assert choice.capaian is not None and choice.capaian.header == "Capaian (%)"
    assert choice.predikat is not None and choice.predikat.header == "Predikat"
    assert choice.previous is not None and choice.previous.header == "Realisasi 2022"
    assert choice.renstra_end is not None and choice.renstra_end.header == (
        "Target Akhir Renstra 2026")
    extras = prepared.extras([5, 6, 7, 8, 9])
    assert extras["sasaran"].tolist() == ["Meningkatnya derajat kesehatan masyarakat"] * 2 + [
        "Meningkatnya mutu pelayanan kesehatan"] * 3
    assert extras["realisasi_lalu"].tolist() == ["110", "85", "50", "18.2", "78.2"]
    assert extras["target_akhir"].tolist() == ["90", "95", "100", "≤ 8", "85"]
    assert set(extras["tahun_lalu"]) == {2022} and set(extras["tahun_akhir"]) == {2026}
    assert extras["predikat_tertulis"].tolist() == [
        "Sangat Tinggi", "Sangat Tinggi", "Sangat Tinggi", "Tinggi", "Tinggi"]
    quarter = prepare(HERE / "realisasi-monev.xlsx", periode="TW III").choice
    assert quarter is not None
    assert (quarter.target.header, quarter.realisasi.header, quarter.capaian) == (
        "Target TW III", "Realisasi TW III", None)
    with pytest.raises(TableError) as caught:
        prepare(HERE / "realisasi-monev.xlsx", periode="TW II")
    assert caught.value.key == "periods.no_target"


def test_predikat_audit() -> None:
    from indikator.compute.predikat import audit_predikat

    codes, scales = audit_predikat(
        ["Sangat Tinggi", "Tinggi", "Baik", "x", None, "Sangat Baik"],
        ["ST", "ST", "B", "ST", "ST", "ST"],
        ["capaian", "capaian", "ikm-2017", "capaian", "capaian", "capaian"],
        [106.0, 98.0, 98.0, 95.0, 95.0, 95.0])
    assert codes == ["ok", "mismatch", "ok", "not-checkable", None, "ok"]
    assert scales == ["capaian", "capaian", "ikm-2017", None, None, "capaian-baik"]
