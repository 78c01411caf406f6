"""indikator.documents (textdoc, realisation) on small fixtures (tests/fixtures/tables/) and the
`indikator import` CLI.

The fixtures imitate the habits of extracted planning documents other than the seed: plain
text formulas, ragged and shifted rows, continuation lines, a missing satuan, categories and
``#DIV/0!`` in a Tabel 7.1, a total row, and realisation tables in CSV and XLSX.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indikator.cli.app import main
from indikator.core.errors import InputFileError, TableError
from indikator.documents.cells import looks_like_code, looks_like_formula, looks_like_money
from indikator.documents.realisation import read_realisation
from indikator.documents.results import FormulaRow, HeadlineRow, ProgrammeRow
from indikator.documents.textdoc import read_document, read_document_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
SEED = Path(__file__).resolve().parents[2] / "examples/kota-serang/renstra-setda-2018-2023.txt"


@pytest.mark.parametrize(
    ("text", "code", "money"),
    [
        ("4.01.0 1.2.08 .02", True, False),
        ("40.01.13.001", True, False),
        ("850.0 00.00 0", False, True),
        ("1.800,085,250", False, True),
        ("2,297E+09", False, True),
        ("100", False, False),
        ("12 Bulan", False, False),
        ("3.4600", False, False),
    ],
)
def test_cell_shapes(text: str, code: bool, money: bool) -> None:
    assert looks_like_code(text) is code
    assert looks_like_money(text) is money


def test_formula_shapes() -> None:
    assert looks_like_formula("A / B x 100%")
    assert looks_like_formula("A dibagi B dikali 100%")
    assert not looks_like_formula("Realisasi dokumen yang tersedia")


def test_formula_table_with_ragged_rows() -> None:
    (table,) = read_document_file(FIXTURES / "formula-ragged.txt")
    assert (table.number, table.kind, table.start_line, table.end_line) == ("6.3", "formula", 3, 18)
    rows = table.rows
    assert all(isinstance(r, FormulaRow) for r in rows)
    got = [(r.line, r.indicator, r.unit, r.formula[:30]) for r in rows]
    assert got == [
        (8, "Persentase OPD yang menerapkan SOP", "Persen", "Jumlah OPD yang menerapkan SOP"),
        (9, "Rasio dokumen tepat waktu", "%", "(Jumlah dokumen yang disampaik"),
        (11, "Capaian Evaluasi SAKIP", "Kategori", "Nilai hasil evaluasi SAKIP"),
        (12, "Tingkat penyelesaian temuan", "", "Jumlah temuan yang ditindaklan"),
        (14, "Persentase laporan keuangan tepat waktu", "Persen",
         "$\\frac{\\text{Jumlah laporan te"),
        (15, "Persentase aduan yang diselesaikan", "Persen", "Jumlah aduan yang diselesaikan"),
    ]
    # a line in the explanation column continues it; "/" in the explanation is no formula
    assert rows[1].explanation == "Dokumen KDH/WKDH dan diverifikasi"
    assert rows[1].lines == [9, 10]
    assert rows[2].context == ("Meningkatnya kualitas pelayanan publik", "Program Penunjang")
    assert rows[4].context[-1] == "Meningkatnya akuntabilitas keuangan"
    # a name wrapped onto the next line, and a stacked fraction flattened into three lines
    assert rows[5].lines == [15, 16, 17, 18]
    assert rows[5].formula == (
        "Jumlah aduan yang diselesaikan\n---------------------- x 100%\nJumlah aduan yang masuk"
    )
    assert [(u.line, u.column, u.text, u.reason) for u in table.unread] == [
        (7, 2, "Indeks Kepuasan Masyarakat", "tables.no_formula")
    ]
    assert table.cells_read == 36  # every other non-empty cell (the empty satuan is no cell)


def test_formula_table_in_another_column_order() -> None:
    (table,) = read_document_file(FIXTURES / "formula-columns.txt")
    assert table.unread == [] and table.cells_read == 25
    first, second, third = table.rows
    assert (first.indicator, first.unit, first.explanation) == (
        "Persentase jalan mantap", "%", "Jalan kondisi baik dan sedang")
    assert first.formula == "Panjang jalan mantap / Panjang jalan seluruhnya x 100%"
    assert first.notes == {"sumber data": "Dinas PUPR"}
    assert first.context == ()  # the numbering column is not context
    assert (second.unit, second.formula) == ("Rasio", "Jumlah guru : Jumlah murid")
    assert third.indicator == "Rata-rata lama sekolah" and third.unit == "Tahun"


def test_headline_table_with_satuan_and_one_end_column() -> None:
    (table,) = read_document_file(FIXTURES / "headline-satuan.txt")
    assert table.kind == "headline" and table.unread == []
    rows = table.rows
    assert [(r.indicator, r.unit) for r in rows] == [
        ("Persentase ASN disiplin", "Persen"),
        ("Indeks Kepuasan Masyarakat", "Indeks"),
        ("Persentase temuan BPK ditindaklanjuti", "Persen"),  # printed one column left
    ]
    assert {y: v.value for y, v in rows[0].values.items()} == {2021: 90, 2022: 92.5, 2023: 95}
    assert set(rows[0].kinds.values()) == {"target"}  # "Target Kinerja pada Tahun"
    assert rows[2].values[2023].value == 85
    assert rows[2].end_after is not None and rows[2].end_after.value == 85
    assert rows[1].notes == {"keterangan": "survei"}


def test_headline_table_shifted_row_categories_and_missing() -> None:
    (table,) = read_document_file(FIXTURES / "headline-shifted.txt")
    assert table.kind == "headline" and table.unread == []
    rows = {r.indicator: r for r in table.rows}
    assert list(rows) == ["Indeks Kepuasan Masyarakat", "Opini BPK", "Angka Kemiskinan",
                          "Nilai SAKIP"]
    ikm = rows["Indeks Kepuasan Masyarakat"]
    assert isinstance(ikm, HeadlineRow)
    assert {y: v.value for y, v in ikm.values.items()} == {
        2020: 76.5, 2021: 77.8, 2022: 78.1, 2023: 80.0, 2024: 81.0}
    # the group headers decide actual vs target
    assert ikm.kinds == {2020: "actual", 2021: "actual", 2022: "actual", 2023: "target",
                         2024: "target"}
    assert ikm.responsible == "Bagian Organisasi"
    assert rows["Opini BPK"].values[2020].quantity.kind == "category"
    # the row printed one column to the right is read in its own columns
    poverty = rows["Angka Kemiskinan"]
    assert poverty.values[2020].value == 5.36 and poverty.values[2020].column == 4
    sakip = rows["Nilai SAKIP"]
    assert sakip.values[2021].quantity.kind == "missing"
    assert sakip.end_before is not None and sakip.end_before.to_json() == "BB"


def test_programme_table_budgets_continuations_and_totals() -> None:
    (table,) = read_document_file(FIXTURES / "programme-small.txt")
    assert table.kind == "programme"
    first, second, third = table.rows
    assert isinstance(first, ProgrammeRow)
    assert (first.code, first.programme, first.unit) == ("1.01", "Program Penunjang", "%")
    assert first.baseline is not None and first.baseline.value == 90
    assert {y: r.value for y, r in first.budgets.items()} == {
        2022: 1_250_000_000, 2023: 1_300_000_000, 2024: 1_350_000_000}
    assert first.end_budget is not None and first.end_budget.value == 3_900_000_000
    assert first.responsible == "Bagian Umum"
    assert {y: r.value for y, r in second.budgets.items()} == {
        2022: 850_000_000, 2023: 918_484_000, 2024: 1_800_085_250}
    assert second.end_budget is not None and second.end_budget.value == pytest.approx(2.297e9)
    # row shifted one column left, its name wrapped onto the next line
    assert third.code == "1.01.02" and third.indicator == "Jumlah Unit gedung yang di pelihara"
    assert third.lines == [9, 10]
    assert third.budgets[2022].value == 750_500_000
    reasons = {(u.line, u.text): u.reason for u in table.unread}
    assert reasons == {(9, "seribu"): "tables.misplaced_cell",
                       (11, "1.000"): "tables.no_indicator"}
    assert [r.value for r in table.totals.values()] == [
        2_100_000_000, 2_218_484_000, 3_150_085_250, 7_625_500_000]


def test_unknown_table_is_reported_cell_by_cell() -> None:
    (table,) = read_document_file(FIXTURES / "unknown.txt")
    assert table.kind == "unknown" and table.indicators == 0
    assert len(table.unread) == 9
    assert {u.reason for u in table.unread} == {"tables.unknown_table"}


def test_document_without_tables() -> None:
    assert read_document("Tidak ada tabel di sini.\n\nHanya teks.") == []


def test_realisation_csv(tmp_path: Path) -> None:
    table = read_realisation(FIXTURES / "realisasi.csv")
    assert len(table) == 6
    assert list(table.rows) == [2, 3, 4, 5, 6, 8]
    assert table.ignored_columns == ["no", "catatan"]
    target = table.readings["target"].frame
    assert list(target["kind"].astype(str)) == ["number", "number", "category", "number",
                                                "range", "number"]
    realisasi = table.readings["realisasi"].values
    assert realisasi[0] == 90.5 and realisasi[1] == 4.88
    unread = [(u.line, u.column, u.text, u.reason) for u in table.unread]
    assert unread == [
        (5, "arah", "keatas", "tables.bad_direction"),
        (5, "realisasi", "sebelas", "tables.unreadable_number"),
        (6, "realisasi", "", "tables.empty_cell"),
    ]
    assert "sebelas" in table.unread[1].message("en")


def test_realisation_xlsx_case_insensitive_columns(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["INDIKATOR", "Tahun", "TARGET", "Realisasi", "Capaian (%)", None])
    sheet.append(["Persentase A", 2021, 100, 90.5, "90,50", None])
    sheet.append(["Persentase B", 2021, "80 – 90", "92", "102,22", "catatan lepas"])
    path = tmp_path / "realisasi.xlsx"
    workbook.save(path)
    table = read_realisation(path)
    assert table.columns == ["indikator", "target", "realisasi", "tahun", "capaian"]
    assert list(table.readings["capaian"].values) == [90.5, 102.22]
    assert [(u.line, u.column, u.reason) for u in table.unread] == [
        (3, 6, "tables.no_column_header")]


def test_realisation_missing_columns_named_at_once() -> None:
    with pytest.raises(TableError) as info:
        read_realisation(FIXTURES / "realisasi-missing.csv")
    assert info.value.params["missing"] == "target, realisasi"
    assert "indikator, capaian" in info.value.message("en")
    with pytest.raises(InputFileError):
        read_realisation(FIXTURES / "nope.csv")


def test_cli_import_json_on_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--json", str(SEED)]) == 0
    payload = json.loads(capsys.readouterr().out)["result"]
    tables = payload["tables"]
    assert [t["table"] for t in tables] == [None, "6.3", "7.1", "7.1", "6.1", "6.2", "6.1",
                                            "6.2"]
    t63 = tables[1]
    assert t63["indicators"] == 29 and t63["cells_read"] == 147
    assert t63["cells_unread"] == [{"line": 156, "column": "2",
                                    "text": "Indeks Kepuasan Masyarakat",
                                    "reason": "indikator tanpa satuan dan rumus"}]
    assert [t["indicators"] for t in tables[2:4]] == [4, 4]
    assert all(set(c) == {"line", "column", "text", "reason"}
               for t in tables for c in t["cells_unread"])
    assert payload["totals"]["cells_read"] == sum(t["cells_read"] for t in tables)


def test_cli_import_writes_a_catalogue_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from indikator.catalog.loader import load_catalog

    assert main(["import", "--lang", "en", "--out", str(tmp_path), str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Table 6.3 (formula, lines 151–203): 29 indicators" in out
    names = sorted(p.name for p in tmp_path.glob("*.toml"))
    assert names == ["tabel-6.1.toml", "tabel-6.2.toml", "tabel-6.3.toml", "tabel-7.1.toml",
                     "tabel-x-baris-3.toml"]
    catalog = load_catalog(tmp_path)
    akip = catalog["nilai-evaluasi-akip"]
    assert akip.scale == "akip" and akip.also_lines == (250,)
    assert akip.end_of_period == {"before": "BB", "after": 63.0}


def test_cli_import_realisation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from indikator.catalog.loader import load_catalog

    code = main(["import", "--json", "--out", str(tmp_path), str(FIXTURES / "realisasi.csv")])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)["result"]
    assert payload["tables"][0]["indicators"] == 6
    assert len(payload["tables"][0]["cells_unread"]) == 3
    catalog = load_catalog(tmp_path)
    poverty = catalog["angka-kemiskinan"]
    assert poverty.arah == "turun" and poverty.target == {2021: 5.06, 2022: 4.96}
    assert poverty.actual == {2021: 4.88, 2022: 4.90}


def test_cli_import_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--json", "does-not-exist.txt"]) == 1
    assert json.loads(capsys.readouterr().out)["ok"] is False
