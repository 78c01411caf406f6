"""indikator.documents (textdoc, realisation) on documents written in other agencies' habits
(a stand-in held-out set).

tests/fixtures/heldout/docs/ holds six extracted-text Renstra/RPJMD documents (see its
README.md) and, for each, ``<name>.expected.json``: every table (number, kind, lines,
indicators), every cell reported unread (line, column, reason key) and every row's key
cells (indicator, satuan, formula; values per year; targets and Rp per year).  The tests
check those, that every non-empty cell of a table is either read or reported, and the
general behaviours behind them (heading variants, repeated headers and page marks, a table
continued under a bare ``Tabel 6.3 (Lanjutan)`` heading) on small inline inputs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.cli.app import main
from indikator.documents.cells import clean_cell
from indikator.documents.results import FormulaRow, HeadlineRow, ProgrammeRow, Reading, Table
from indikator.documents.textdoc import read_document, read_document_file

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "heldout" / "docs"
NAMES = sorted(p.stem for p in DOCS.glob("*.txt"))


def _value(reading: Reading | None) -> Any:
    if reading is None:
        return None
    value = reading.value
    return value if value is not None else reading.text


def _row_json(row: Any) -> dict[str, Any]:
    if isinstance(row, FormulaRow):
        return {"line": row.line, "indicator": row.indicator, "unit": row.unit,
                "formula": row.formula}
    if isinstance(row, HeadlineRow):
        return {"line": row.line, "indicator": row.indicator, "unit": row.unit,
                "values": {str(y): _value(v) for y, v in sorted(row.values.items())},
                "targets": sorted(y for y, k in row.kinds.items() if k == "target"),
                "end": _value(row.end_after)}
    assert isinstance(row, ProgrammeRow)
    return {"line": row.line, "code": row.code, "indicator": row.indicator, "unit": row.unit,
            "baseline": _value(row.baseline),
            "targets": {str(y): _value(v) for y, v in sorted(row.targets.items())},
            "budgets": {str(y): _value(v) for y, v in sorted(row.budgets.items())},
            "end_target": _value(row.end_target), "end_budget": _value(row.end_budget),
            "responsible": row.responsible}


def _table_json(table: Table) -> dict[str, Any]:
    return {"number": table.number, "kind": table.kind,
            "lines": [table.start_line, table.end_line], "continued": table.continued,
            "indicators": table.indicators,
            "unread": [[u.line, u.column, u.reason] for u in table.unread],
            "rows": [_row_json(r) for r in table.rows]}


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DOCS / f"{name}.expected.json").read_text("utf-8"))
    return data


def test_there_are_six_documents() -> None:
    assert len(NAMES) == 6


@pytest.mark.parametrize("name", NAMES)
def test_tables_found_and_recognised(name: str) -> None:
    tables = read_document_file(DOCS / f"{name}.txt")
    expected = _expected(name)["tables"]
    got = [(t.number, t.kind, [t.start_line, t.end_line], t.continued, t.indicators)
           for t in tables]
    want = [(e["number"], e["kind"], e["lines"], e["continued"], e["indicators"])
            for e in expected]
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_key_cells_and_unread_cells(name: str) -> None:
    tables = read_document_file(DOCS / f"{name}.txt")
    for got, want in zip(tables, _expected(name)["tables"], strict=True):
        table = _table_json(got)
        assert table["unread"] == want["unread"], (name, got.number)
        for row, expected_row in zip(table["rows"], want["rows"], strict=True):
            assert row == expected_row, (name, got.number)


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_read_or_reported(name: str) -> None:
    """cells_read + unread = the non-empty cells of the table's lines (titles included)."""
    lines = (DOCS / f"{name}.txt").read_text("utf-8").splitlines()
    for table in read_document_file(DOCS / f"{name}.txt"):
        cells = sum(1 for line in lines[table.start_line - 1: table.end_line]
                    for cell in line.split("\t") if clean_cell(cell))
        assert table.cells_read + len(table.unread) == cells, (name, table.number)
        for unread in table.unread:
            assert table.start_line <= unread.line <= table.end_line
            assert isinstance(unread.column, int) and unread.column >= 1
            assert unread.message("en")


def test_totals_over_the_set() -> None:
    """64 indicators; 13 cells unread: a table of another kind (12) and one broken number."""
    indicators = unread = 0
    reasons: dict[str, int] = {}
    for name in NAMES:
        for table in read_document_file(DOCS / f"{name}.txt"):
            indicators += table.indicators
            unread += len(table.unread)
            for u in table.unread:
                reasons[u.reason] = reasons.get(u.reason, 0) + 1
    assert (indicators, unread) == (64, 13)
    assert reasons == {"tables.unknown_table": 12, "tables.unreadable_number": 1}


def test_unreadable_cell_is_reported_where_it_is() -> None:
    tables = read_document_file(DOCS / "rpjmd-kab-2021-2026.txt")
    (cell,) = [u for t in tables for u in t.unread]
    assert (cell.line, cell.column, cell.text) == (11, 5, "7l,3")
    row = next(r for r in tables[0].rows if r.line == 11)
    assert 2020 not in row.values and row.values[2021].value == pytest.approx(71.4)


def test_import_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", "import", str(DOCS / "dinkes-renstra-2019-2023.txt")]) == 0
    payload = json.loads(capsys.readouterr().out)["result"]
    assert payload["totals"] == {"indicators": 14, "cells_read": 147, "cells_unread": 0}
    assert [t["table"] for t in payload["tables"]] == ["6.3", "6.3", "7.1"]
    assert payload["tables"][1]["continued"] is True


# --------------------------------------------------------------------------------------------
# the general behaviours, on small inputs

_FORMULA_TABLE = (
    "No\tIndikator\tDefinisi Operasional\tRumus\tSatuan\tSumber Data\n"
    "1\tAngka kesakitan DBD\tKasus per 100.000 penduduk\tJumlah kasus DBD\tPer 100.000\tP2P\n"
    "\t\t\tx 100.000\t\t\n"
    "\t\t\tJumlah penduduk\t\t\n"
    "2\tPersentase desa UCI\tDesa UCI\tJumlah desa UCI / Jumlah desa x 100%\t%\tP2P\n"
)


@pytest.mark.parametrize(
    "heading",
    ["TABEL 6.3", "Tabel 6. 3", "Tabel VI.3", "Tabel 6.3.", "Tabel VI. 3 Rumus Indikator",
     "**Tabel 6.3**", "Tabel 6.3:"],
)
def test_heading_variants(heading: str) -> None:
    (table,) = read_document(f"{heading}\nDefinisi operasional\n{_FORMULA_TABLE}")
    assert (table.number, table.kind, table.indicators) == ("6.3", "formula", 2)
    assert table.rows[0].formula == "Jumlah kasus DBD\nx 100.000\nJumlah penduduk"
    assert table.rows[0].unit == "Per 100.000"
    assert table.rows[0].notes == {"sumber data": "P2P"}


def test_chapter_heading_ends_a_table() -> None:
    text = f"Tabel 6.3\n{_FORMULA_TABLE}\nBAB VII\nPENUTUP\n"
    (table,) = read_document(text)
    assert (table.end_line, table.indicators) == (6, 2) and not table.unread


def test_continued_table_takes_the_earlier_header() -> None:
    more = "3\tRasio dokter\tDokter umum\tJumlah dokter / Jumlah penduduk\tRasio\tSIMPEG\n"
    text = f"Tabel 6.3\n{_FORMULA_TABLE}\nTabel 6.3 (Lanjutan)\n{more}"
    first, second = read_document(text)
    assert not first.continued and first.indicators == 2
    assert second.continued and second.kind == "formula" and not second.unread
    assert (second.rows[0].indicator, second.rows[0].unit) == ("Rasio dokter", "Rasio")


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=3, max_value=6), st.sampled_from(["- 88 -", "Halaman 12", ""]),
       st.booleans())
def test_page_break_inside_a_formula_table(at: int, mark: str, numbering: bool) -> None:
    """A page mark, the header printed again and the column-number row, wherever they fall
    (even inside a stacked fraction), are read and change nothing in the rows."""
    lines = f"Tabel 6.3\n{_FORMULA_TABLE}".splitlines()
    header = lines[1]
    inserted = [x for x in (mark, header, "1\t2\t3\t4\t5\t6" if numbering else "") if x]
    broken = lines[:at] + inserted + lines[at:]
    (plain,) = read_document("\n".join(lines))
    (table,) = read_document("\n".join(broken))
    assert not table.unread
    assert [(r.indicator, r.unit, r.formula) for r in table.rows] == [
        (r.indicator, r.unit, r.formula) for r in plain.rows]
    assert table.cells_read == plain.cells_read + sum(
        len([c for c in x.split("\t") if c]) for x in inserted)


def test_baseline_year_in_the_row_of_planning_years() -> None:
    """A programme table printing the baseline year beside the planning years."""
    (table,) = read_document_file(DOCS / "disdik-renstra-2019-2023.txt")[1:]
    row = table.rows[0]
    assert sorted(row.targets) == [2019, 2020, 2021, 2022, 2023]
    assert row.baseline is not None and row.baseline.value == 100
    assert row.end_budget is not None and row.end_budget.value == pytest.approx(6750.75)


def test_wrapped_name_and_group_label_in_a_headline_table() -> None:
    text = (
        "Tabel 7.1\n"
        "No\tIndikator\tKondisi Awal\tTarget Tahun\t\t\n"
        "\t\t2018\t2019\t2020\t2021\n"
        "\tSasaran: meningkatnya layanan sosial\t\t\t\t\n"
        "1\tPersentase PMKS yang\t45\t50\t55\t60\n"
        "\tmendapat rehabilitasi\t\t\t\t\n"
        "2\tIndeks kepuasan\t80\t≥ 80\t≥ 82\t≥ 85\n"
    )
    (table,) = read_document(text)
    assert [r.indicator for r in table.rows] == [
        "Persentase PMKS yang mendapat rehabilitasi", "Indeks kepuasan"]
    assert table.rows[0].context == ("Sasaran: meningkatnya layanan sosial",)
    assert table.rows[1].kinds == {2018: "actual", 2019: "target", 2020: "target",
                                   2021: "target"}
    assert not table.unread


def test_formula_column_named_by_its_method() -> None:
    """``Cara Pengukuran`` is the formula column; a formula in words needs no operator."""
    text = (
        "Tabel 6.3\n"
        "No\tIndikator Kinerja\tCara Pengukuran\tSatuan\tSumber Data\n"
        "1\tIndeks Kepuasan Masyarakat\tRata-rata nilai survei kepuasan\tIndeks\tSurvei IKM\n"
        "2\tPersentase aduan selesai\tJumlah aduan selesai / Jumlah aduan x 100%\t%\tLapor\n"
    )
    (table,) = read_document(text)
    assert table.kind == "formula" and not table.unread
    assert [(r.indicator, r.unit, r.formula) for r in table.rows] == [
        ("Indeks Kepuasan Masyarakat", "Indeks", "Rata-rata nilai survei kepuasan"),
        ("Persentase aduan selesai", "%", "Jumlah aduan selesai / Jumlah aduan x 100%"),
    ]


def test_stacked_fraction_beside_a_wrapped_definition() -> None:
    """The ``x 100.000`` line of a stacked fraction also carries the definition's next
    words; sub-numbers (``1.1``) are numbering, not context."""
    text = (
        "Tabel 6.3\n"
        "No\tIndikator\tDefinisi Operasional\tRumus\tSatuan\tSumber Data\n"
        "1\tAngka Kematian Ibu\tKematian ibu pada masa\tJumlah kematian ibu\tPer 100.000 KH\t"
        "Kesga\n"
        "\t\tkehamilan dan nifas\tx 100.000\t\t\n"
        "\t\t\tJumlah kelahiran hidup\t\t\n"
        "1.1\tPersentase ibu hamil K4\tKunjungan\tJumlah K4 / Jumlah ibu hamil x 100%\t%\tKesga\n"
    )
    (table,) = read_document(text)
    assert not table.unread
    first, second = table.rows
    assert first.formula == "Jumlah kematian ibu\nx 100.000\nJumlah kelahiran hidup"
    assert first.explanation == "Kematian ibu pada masa kehamilan dan nifas"
    assert first.lines == [3, 4, 5]
    assert (second.indicator, second.context) == ("Persentase ibu hamil K4", ())
