"""The seed document (revised Renstra 2018–2023, Setda Kota Serang) read by
indikator.documents.textdoc.

Checks the numbers quoted in the import report: every table found, Tabel 6.3 exactly as in
``tests/fixtures/seed-tabel-6.3-expected.tsv``, Tabel 7.1 with its values, Tabel 6.1/6.2 with
their targets and budgets, and every non-empty cell either read or reported.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from pathlib import Path

import pytest

from indikator.documents.cells import clean_cell
from indikator.documents.results import FormulaRow, HeadlineRow, ProgrammeRow, Table
from indikator.documents.textdoc import read_document_file

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "kota-serang" / "renstra-setda-2018-2023.txt"
EXPECTED_63 = ROOT / "tests" / "fixtures" / "seed-tabel-6.3-expected.tsv"


@cache
def seed_tables() -> tuple[Table, ...]:
    return tuple(read_document_file(SEED))


def by_number(number: str | None) -> list[Table]:
    return [t for t in seed_tables() if t.number == number]


def test_every_table_is_found_in_document_order() -> None:
    found = [(t.number, t.kind, t.start_line) for t in seed_tables()]
    assert found == [
        (None, "programme", 3),  # a Tabel 6.2 continued from an earlier page, no heading
        ("6.3", "formula", 151),
        ("7.1", "headline", 227),
        ("7.1", "headline", 240),
        ("6.1", "programme", 293),
        ("6.2", "programme", 583),
        ("6.1", "programme", 812),
        ("6.2", "programme", 1109),
    ]
    assert by_number(None)[0].continued


def test_every_nonempty_cell_is_read_or_reported() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for table in seed_tables():
        cells = sum(
            1
            for line in lines[table.start_line - 1 : table.end_line]
                for cell in line.split("\t")
            if clean_cell(cell)
        )
        assert table.cells_read + len(table.unread) == cells, table.number
        for unread in table.unread:
            assert table.start_line <= unread.line <= table.end_line
            assert unread.text
            assert unread.message("en") and unread.message("id")


def test_tabel_63_matches_the_expected_rows_exactly() -> None:
    (table,) = by_number("6.3")
    with EXPECTED_63.open(encoding="utf-8") as handle:
        expected = list(csv.DictReader(handle, delimiter="\t"))
    assert len(table.rows) == len(expected) == 29
    for row, want in zip(table.rows, expected, strict=True):
        assert isinstance(row, FormulaRow)
        assert row.line == int(want["seed_line"])
        assert row.indicator == want["indikator"]
        assert row.unit == want["satuan"]
        assert row.formula == want["rumus"]
    formulas = [r for r in table.rows if "\\frac" in r.formula]
    assert len(formulas) == 28  # plus line 157, whose "formula" is a single quantity


def test_tabel_63_reports_the_indicator_without_formula_and_keeps_context() -> None:
    (table,) = by_number("6.3")
    assert [(u.line, u.column, u.text, u.reason) for u in table.unread] == [
        (156, 2, "Indeks Kepuasan Masyarakat", "tables.no_formula")
    ]
    first = table.rows[0]
    assert first.context[-1].startswith("Meningkatnya kualitas perencanaan")
    last = table.rows[-1]
    assert last.context[-1] == "Pengadaan Barang dan Jasa"
    # the explanation column is kept, and "/" inside it does not make it the formula
    kdh = next(r for r in table.rows if r.line == 176)
    assert kdh.explanation == "Pelayanan Administrasi Keuangan Operasional KDH/WKDH"


EXPECTED_71 = {
    "Indeks Reformasi Birokrasi": ([56.23, 59.14, 58.30, 60.50, 61.00, 61.50], 80.00, 61.50),
    "Indeks Kepuasan Masyarakat ( IKM)": ([72.00, 77.80, 77.74, 78.00, 79.00, 81.00], 81.0, 81.0),
    "Nilai LPPD Kota": ([3.2346, 3.4365, 3.4426, 3.45, 3.455, 3.46], "Sangat Tinggi", 3.46),
    "Nilai Evaluasi AKIP": ([52.31, 54.64, 55.33, 61.00, 62.00, 63.00], "BB", 63.00),
}


@pytest.mark.parametrize("table_index", [0, 1])
def test_tabel_71_values_years_and_end_of_period(table_index: int) -> None:
    table = by_number("7.1")[table_index]
    assert table.unread == []
    assert [r.indicator for r in table.rows] == list(EXPECTED_71)
    for row in table.rows:
        assert isinstance(row, HeadlineRow)
        values, before, after = EXPECTED_71[row.indicator]
        assert sorted(row.values) == list(range(2018, 2024))
        for year, want in zip(range(2018, 2024), values, strict=True):
            assert row.values[year].value == pytest.approx(want), (row.indicator, year)
        assert [row.kinds[y] for y in range(2018, 2024)] == ["actual"] * 3 + ["target"] * 3
        assert row.end_before is not None and row.end_after is not None
        assert row.end_before.to_json() == before
        assert row.end_after.to_json() == pytest.approx(after)
    # the mixed decimal comma and point of one row, and 3.4600 meaning 3,46
    assert table.rows[0].values[2018].text == "56,23"
    assert table.rows[2].values[2023].text == "3.4600"


def programme_row(line: int) -> ProgrammeRow:
    for table in seed_tables():
        for row in table.rows:
            if isinstance(row, ProgrammeRow) and row.line == line:
                return row
    raise AssertionError(f"no programme row at line {line}")


def test_budgets_printed_with_stray_spaces_and_mixed_marks() -> None:
    row = programme_row(3)
    assert row.code == "4.01.01.2.08.02"
    assert row.unit == "Bulan"
    assert row.baseline is not None and row.baseline.value == 60
    assert row.budgets[2019].text == "850.0 00.00 0"
    assert row.budgets[2019].value == 850_000_000
    assert row.budgets[2021].text == "918,4 84,00 0"
    assert row.budgets[2021].value == 918_484_000
    assert row.targets[2019].text == "12 Bulan"
    assert row.targets[2019].quantity.value == 12
    assert row.end_target is not None and row.end_target.text == "36 Bulan"
    assert row.end_budget is not None and row.end_budget.value == 3_742_670_250
    assert programme_row(686).budgets[2021].value == 1_800_085_250
    exponent = programme_row(687)
    assert exponent.end_budget is not None and exponent.end_budget.text == "2,297E+09"
    assert exponent.end_budget.value == pytest.approx(2.297e9)


def test_programme_tables_counts_and_years() -> None:
    for number in ("6.1", "6.2"):
        for table in by_number(number):
            assert table.indicators > 90
            assert len(table.unread) < 0.03 * (table.cells_read + len(table.unread))
            years = {y for row in table.rows for y in row.targets}
            assert years <= set(range(2019, 2024))
            assert table.totals  # the TOTAL KERANGKA PENDANAAN row
    # Tabel 6.2 prints the end of period before and after the revision
    row = programme_row(610)
    assert row.end_before_target is not None and row.end_before_target.text == "5 Dokumen"
    assert row.end_target is not None and row.end_target.text == "15 Dokumen"
    assert row.responsible == "Sub Bagian PEP"


def test_budget_values_are_money_and_targets_are_not() -> None:
    for table in seed_tables():
        for row in table.rows:
            if not isinstance(row, ProgrammeRow):
                continue
            for reading in row.budgets.values():
                value = reading.value
                assert value is None or value == 0 or value >= 1_000, (row.line, reading.text)
            for reading in row.targets.values():
                value = reading.value
                assert value is None or math.isfinite(value)
                assert value is None or value < 1_000_000, (row.line, reading.text)


def test_end_of_period_pair_that_slid_left_is_recognised_by_its_sum() -> None:
    row = programme_row(307)  # 2019 and 2020 filled, then the end of period one column early
    assert sorted(row.budgets) == [2019, 2020]
    assert row.end_target is not None and row.end_target.text == "100 %"
    assert row.end_budget is not None and row.end_budget.value == 5_432_011_492
    assert row.end_budget.value == sum(r.value or 0 for r in row.budgets.values())
    assert row.responsible == "BAGIAN PEMERINTAHAN"


def test_a_name_starting_with_a_unit_word_is_an_indicator() -> None:
    row = programme_row(905)
    assert row.indicator == "Angka Kemiskinan" and row.unit == ""
    assert row.baseline is not None and row.baseline.value == 5.36
