"""The LKjIP workbook: sheets, values stored as numbers, number formats, fills, notes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from indikator.core.errors import IndikatorError
from indikator.report import workbook as workbook_module
from indikator.report.bandstyle import NOT_RATED_COLOUR, palette
from indikator.report.workbook import NUMBER_FORMAT, write_workbook

CAPAIAN_SCALE: dict[str, Any] = {
    "name": "capaian",
    "title": "Capaian kinerja, 5 kategori",
    "source": "Permendagri 86/2017 (atribusi belum dikonfirmasi)",
    "confidence": "unconfirmed",
    "rates": "capaian",
    # deliberately worst first: the report must order by the numbers, not the listing
    "bands": [
        {"code": "SR", "label": "Sangat Rendah", "lower": None, "upper": 50},
        {"code": "R", "label": "Rendah", "lower": 51, "upper": 65},
        {"code": "S", "label": "Sedang", "lower": 66, "upper": 75},
        {"code": "T", "label": "Tinggi", "lower": 76, "upper": 90},
        {"code": "ST", "label": "Sangat Tinggi", "lower": 91, "upper": 100},
    ],
}

ROWS: list[dict[str, Any]] = [
    {"indikator": "Persentase dokumen perencanaan tepat waktu", "tahun": 2021, "satuan": "%",
     "target": 100, "realisasi": 95.5, "capaian": 95.5, "kategori": "ST",
     "kategori_label": "Sangat Tinggi", "skala": "capaian", "metode": "higher", "audit": "ok",
     "capaian_tertulis": 95.5, "pesan": None},
    {"indikator": "Jumlah dokumen yang disahkan", "tahun": 2021, "satuan": "Dokumen",
     "target": 15, "realisasi": 11, "capaian": 11 / 15 * 100, "kategori": "R",
     "kategori_label": "Rendah", "skala": "capaian", "metode": "higher", "audit": "mismatch",
     "capaian_tertulis": 70.30, "pesan": None},
    {"indikator": "Angka kemiskinan", "tahun": 2022, "satuan": "%", "target": 0,
     "realisasi": 4.88, "capaian": math.nan, "kategori": None, "kategori_label": None,
     "skala": "capaian", "metode": "lower", "audit": "not-checkable",
     "capaian_tertulis": "#DIV/0!", "pesan": "target 0: capaian tidak didefinisikan"},
    {"indikator": "=SUM(A1) ditulis\x0b di PDF", "tahun": 2022, "satuan": "Persen",
     "target": "80 – 90", "realisasi": 1234567.891, "capaian": 45.0, "kategori": "SR",
     "kategori_label": "Sangat Rendah", "skala": "capaian", "metode": "range-lower:higher",
     "audit": None, "capaian_tertulis": None, "pesan": None},
    {"indikator": "Nilai Evaluasi AKIP", "tahun": 2020, "satuan": "Nilai", "target": 61,
     "realisasi": 55.33, "capaian": 90.7, "kategori": "CC", "kategori_label": None,
     "skala": "skala-yang-tidak-ada", "metode": "higher", "audit": None,
     "capaian_tertulis": None, "pesan": None},
]


@dataclass
class FindingRow:
    """A finding given as an object (attributes), as the linter's Finding would be."""

    indikator: str
    line: int
    code: str
    rule: str
    severity: str
    message: str
    fix: str | None


FINDINGS = [
    FindingRow("Persentase obat memenuhi syarat", 12, "IND001", "inverted", "error",
               "Pembilang dan penyebut tampak terbalik.", "A / B x 100 %"),
    {"indikator": "Jumlah dokumen", "line": 14, "code": "IND004", "rule": "unit-mismatch",
     "severity": "warning", "message": "Satuan Dokumen tidak sesuai dengan persen.", "fix": None},
]
UNREAD = [
    {"table": "6.1", "line": 40, "column": 5, "text": "918,4 84,00 0 x",
     "reason": "angka tidak terbaca"},
    {"row": 7, "column": "target", "text": "=2720", "reason": "rumus, bukan angka"},
]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("wb") / "laporan" / "lkjip.xlsx"
    written = write_workbook(path, pd.DataFrame(ROWS), FINDINGS, UNREAD,
                             scales={"capaian": CAPAIAN_SCALE})
    assert written == path and path.stat().st_size > 5000
    return openpyxl.load_workbook(path)


def _fill(cell: Any) -> str | None:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else None


def test_sheets_in_bahasa_indonesia(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [
        "Pengukuran Kinerja", "Temuan Lint", "Sel Tak Terbaca", "Narasi", "Catatan",
    ]


def test_results_header_frozen_filtered(book: openpyxl.Workbook) -> None:
    sheet = book["Pengukuran Kinerja"]
    assert [c.value for c in sheet[1]] == [
        "No", "Indikator", "Satuan", "Tahun", "Target", "Realisasi", "Capaian (%)",
        "Kategori", "Metode", "Audit", "Keterangan",
    ]
    assert sheet["A1"].font.bold and _fill(sheet["A1"]) == "1F4E78"
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:K{len(ROWS) + 1}"
    assert sheet.max_row == len(ROWS) + 1
    assert sheet.column_dimensions["B"].width >= 30


def test_numbers_are_numbers_with_indonesian_ready_formats(book: openpyxl.Workbook) -> None:
    sheet = book["Pengukuran Kinerja"]
    assert [sheet.cell(row, 1).value for row in range(2, 7)] == [1, 2, 3, 4, 5]
    capaian = sheet["G3"]
    assert capaian.data_type == "n"
    assert capaian.value == pytest.approx(73.3333333)
    assert capaian.number_format == NUMBER_FORMAT == "#,##0.00"
    assert sheet["D2"].value == 2021 and sheet["D2"].number_format == "0"
    assert sheet["E2"].value == 100 and sheet["E2"].number_format == "#,##0"
    assert sheet["F2"].value == 95.5 and sheet["F2"].number_format == "#,##0.00"
    assert sheet["F5"].value == pytest.approx(1234567.891)
    assert sheet["F5"].number_format == "#,##0.000"
    assert sheet["E5"].value == "80 – 90" and sheet["E5"].data_type == "s"
    assert sheet["G4"].value is None  # NaN capaian: empty, not text
    for row in range(2, 7):
        for column in "DG":
            cell = sheet[f"{column}{row}"]
            assert cell.value is None or cell.data_type == "n", cell.coordinate


def test_category_fills_follow_band_position(book: openpyxl.Workbook) -> None:
    sheet = book["Pengukuran Kinerja"]
    colours = palette(5)
    assert colours[0] == "63BE7B" and colours[-1] == "F8696B"
    assert _fill(sheet["G2"]) == _fill(sheet["H2"]) == colours[0]  # ST, best: green
    assert _fill(sheet["H3"]) == colours[3]  # R, fourth of five
    assert _fill(sheet["H4"]) == NOT_RATED_COLOUR  # not rated: grey
    assert sheet["H4"].value == "Tidak dikategorikan"
    assert _fill(sheet["H5"]) == colours[4]  # SR, worst: red
    assert _fill(sheet["H6"]) is None  # scale unknown to the report: no colour
    assert sheet["H2"].value == "Sangat Tinggi"
    assert sheet["H6"].value == "CC"


def test_audit_and_remarks(book: openpyxl.Workbook) -> None:
    sheet = book["Pengukuran Kinerja"]
    assert [sheet[f"J{row}"].value for row in range(2, 7)] == [
        "Sesuai", "Tidak sesuai", "Tidak dapat diperiksa", None, None,
    ]
    assert sheet["J3"].font.bold and str(sheet["J3"].font.color.rgb).endswith("C00000")
    assert sheet["K3"].value == (
        "Capaian tertulis 70,30 % tidak sesuai dengan perhitungan ulang 73,33 %."
    )
    assert sheet["K4"].value == (
        "target 0: capaian tidak didefinisikan. Capaian tertulis #DIV/0! tidak dapat diperiksa."
    )


def test_text_that_looks_like_a_formula_stays_text(book: openpyxl.Workbook) -> None:
    cell = book["Pengukuran Kinerja"]["B5"]
    assert cell.data_type == "s"
    assert cell.value == "=SUM(A1) ditulis di PDF"  # vertical tab removed
    unread = book["Sel Tak Terbaca"]["E3"]
    assert unread.value == "=2720" and unread.data_type == "s"


def test_findings_sheet(book: openpyxl.Workbook) -> None:
    sheet = book["Temuan Lint"]
    assert [c.value for c in sheet[1]] == [
        "No", "Indikator", "Baris", "Kode", "Aturan", "Tingkat", "Pesan", "Usulan Perbaikan",
    ]
    assert [c.value for c in sheet[2]] == [
        1, "Persentase obat memenuhi syarat", 12, "IND001", "inverted", "galat",
        "Pembilang dan penyebut tampak terbalik.", "A / B x 100 %",
    ]
    assert sheet["F3"].value == "peringatan" and sheet["H3"].value is None
    assert _fill(sheet["F2"]) == "FFC7CE" and _fill(sheet["F3"]) == "FFEB9C"


def test_unread_sheet_has_location_and_reason(book: openpyxl.Workbook) -> None:
    sheet = book["Sel Tak Terbaca"]
    assert [c.value for c in sheet[1]] == ["No", "Tabel", "Baris", "Kolom", "Teks", "Alasan"]
    assert [c.value for c in sheet[2]] == [1, "6.1", 40, 5, "918,4 84,00 0 x",
                                           "angka tidak terbaca"]
    assert [c.value for c in sheet[3]] == [2, None, 7, "target", "=2720", "rumus, bukan angka"]


def test_narrative_sheet(book: openpyxl.Workbook) -> None:
    sheet = book["Narasi"]
    assert sheet["D2"].value == (
        "Capaian Persentase dokumen perencanaan tepat waktu tahun 2021 sebesar 95,50 % "
        "dengan kategori Sangat Tinggi."
    )
    assert sheet.max_row == len(ROWS) + 1


def test_notes_cite_methods_and_scales(book: openpyxl.Workbook) -> None:
    sheet = book["Catatan"]
    cells = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "5 baris hasil: 4 dikategorikan, 1 tidak dikategorikan, 1 capaian tertulis" in text
    assert "koma desimal" in text and "#,##0.00" in text
    assert "higher" in cells and "PermenPANRB 8/2021" in str(cells["higher"][1].value)
    assert "Skala capaian: Capaian kinerja, 5 kategori" in cells
    assert "Permendagri 86/2017" in text and "keyakinan: belum terkonfirmasi" in text
    assert "unconfirmed" not in text  # no English in the Indonesian notes
    assert _fill(cells["ST Sangat Tinggi"][0]) == "63BE7B"
    assert cells["ST Sangat Tinggi"][1].value == "[91; 100]"
    assert cells["SR Sangat Rendah"][1].value == "≤ 50"
    assert "skala-yang-tidak-ada" in cells  # an unknown scale is named, not hidden


def test_english_titles_and_texts(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "en.xlsx", ROWS, lang="en", scales=[CAPAIAN_SCALE])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Performance Measurement", "Lint Findings", "Unread Cells", "Narrative", "Notes",
    ]
    sheet = book["Performance Measurement"]
    assert sheet["G1"].value == "Achievement (%)" and sheet["J3"].value == "Mismatch"
    assert _fill(sheet["H2"]) == "63BE7B"  # scales given as a list, matched by name
    assert book["Lint Findings"]["B2"].value == "No findings."
    assert book["Unread Cells"]["B2"].value == "Every cell was read."


def test_minimal_rows_and_no_narrative(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "min.xlsx",
                          [{"indikator": "A", "target": 10, "realisasi": 5}], narrative=False)
    book = openpyxl.load_workbook(path)
    assert "Narasi" not in book.sheetnames
    sheet = book["Pengukuran Kinerja"]
    assert [c.value for c in sheet[2]][:7] == [1, "A", None, None, 10, 5, None]
    assert _fill(sheet["H2"]) == NOT_RATED_COLOUR


def test_too_many_rows_for_one_sheet_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_module, "EXCEL_MAX_ROWS", 3)
    with pytest.raises(IndikatorError) as error:
        write_workbook(tmp_path / "big.xlsx", ROWS)
    assert "CSV" in error.value.message("id")
    assert not (tmp_path / "big.xlsx").exists()


def test_shipped_scale_is_loaded_by_name_when_not_given(tmp_path: Path) -> None:
    rows = [{"indikator": "Nilai Evaluasi AKIP", "tahun": 2018, "target": 61, "realisasi": 52.31,
             "capaian": 85.75, "kategori": "CC", "kategori_label": None, "skala": "akip"}]
    book = openpyxl.load_workbook(write_workbook(tmp_path / "akip.xlsx", rows))
    sheet = book["Pengukuran Kinerja"]
    assert _fill(sheet["H2"]) == palette(7)[4]  # CC is fifth of the seven AKIP grades
    assert sheet["H2"].value.startswith("CC – ")  # label taken from the scale
    notes = "\n".join(str(c.value) for row in book["Catatan"].iter_rows() for c in row if c.value)
    assert "Skala akip" in notes and "AA" in notes


@pytest.mark.parametrize(
    ("target", "unit", "expected"),
    [
        ("1.800.085.250", "Rp", 1800085250),
        ("101,51", "%", 101.51),
        ("100%", "Persen", 100),
        ("15 Nagari", "Nagari", 15),
        ("15 Nagari", "Dokumen", "15 Nagari"),  # unit differs from the satuan: kept as written
        ("3.460", None, "3.460"),  # 3460 or 3,46: never guessed
        ("1:32", None, "1:32"),
        ("80 – 90", "%", "80 – 90"),
        ("BB", None, "BB"),
        (Decimal("12.5"), None, 12.5),
    ],
)
def test_printed_numbers_become_numbers_only_when_unambiguous(
    tmp_path: Path, target: object, unit: str | None, expected: object
) -> None:
    rows = [{"indikator": "X", "tahun": "2021", "satuan": unit, "target": target}]
    sheet = openpyxl.load_workbook(write_workbook(tmp_path / "n.xlsx", rows))["Pengukuran Kinerja"]
    assert sheet["E2"].value == expected
    assert sheet["E2"].data_type == ("s" if isinstance(expected, str) else "n")
    assert sheet["D2"].value == 2021 and sheet["D2"].data_type == "n"


def test_unread_cells_from_the_table_reader_show_their_message(tmp_path: Path) -> None:
    from indikator.documents.results import Unread

    cell = Unread(line=233, column=4, text="56,23 x", reason="common.usage",
                  params={"detail": "angka rusak"})
    path = write_workbook(tmp_path / "u.xlsx", ROWS[:1], unread=[cell], lang="en")
    sheet = openpyxl.load_workbook(path)["Unread Cells"]
    assert [c.value for c in sheet[2]] == [1, None, 233, 4, "56,23 x", "Usage error: angka rusak"]


def test_values_keep_the_decimals_the_source_prints(tmp_path: Path) -> None:
    """61,00 is shown as 61,00 (not 61), an LPPD-like 3,4312 with four decimals, a count
    printed without decimals stays #,##0; a number given as a number gets what it needs."""
    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    table = tmp_path / "r.csv"
    table.write_text(
        "indikator;satuan;skala;target;realisasi\n"
        "Nilai Evaluasi AKIP;Nilai;akip;61,00;57,1\n"
        "Nilai LPPD;Indeks;lppd;3,4500;3,4312\n"
        "Jumlah dokumen;Dokumen;capaian;1.250;1.300\n",
        encoding="utf-8",
    )
    result = compute(read_realisation(table))
    assert list(result.results["desimal_target"]) == [2, 4, 0]
    assert list(result.results["desimal_realisasi"]) == [1, 4, 0]
    sheet = openpyxl.load_workbook(
        write_workbook(tmp_path / "d.xlsx", result.results))["Pengukuran Kinerja"]
    assert sheet["E2"].value == 61 and sheet["E2"].number_format == "#,##0.00"
    assert sheet["F2"].value == pytest.approx(57.1) and sheet["F2"].number_format == "#,##0.0"
    assert sheet["E3"].number_format == sheet["F3"].number_format == "#,##0.0000"
    assert sheet["E4"].value == 1250 and sheet["E4"].number_format == "#,##0"
    # rows given as text (no desimal_* column): the decimals are counted in the text
    rows = [{"indikator": "X", "satuan": "%", "target": "61,00", "realisasi": 61.0},
            {"indikator": "Y", "satuan": "%", "target": 0.6125, "realisasi": "1.250.000,5"}]
    sheet = openpyxl.load_workbook(write_workbook(tmp_path / "t.xlsx", rows))["Pengukuran Kinerja"]
    assert (sheet["E2"].value, sheet["E2"].number_format) == (61, "#,##0.00")
    assert sheet["F2"].number_format == "#,##0"
    assert sheet["E3"].number_format == "#,##0.0000"
    assert (sheet["F3"].value, sheet["F3"].number_format) == (1250000.5, "#,##0.0")
