"""Realisation tables shaped like published LKjIP / e-SAKIP capaian tables (held-out style).

Each ``tests/fixtures/heldout/lkjip/NAME.{csv,tsv,xlsx}`` has ``NAME.expected.tsv``: per data row
(``baris`` = row in the file) the indicator, year, capaian, audit, recognised error and
category expected from ``indikator compute --json``; ``judul`` marks title / sub-header /
total rows, which must stay in the output, in order, not computed and said so.  ``*`` = not
checked; an empty cell = null expected.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from indikator.cli.app import main

HERE = Path(__file__).parents[1] / "fixtures" / "heldout" / "lkjip"
TABLES = sorted(p for p in HERE.iterdir()
                if p.suffix in (".csv", ".tsv", ".xlsx") and not p.name.endswith(".expected.tsv"))


def _expected(table: Path) -> list[dict[str, str]]:
    path = table.with_name(table.stem + ".expected.tsv")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _run(table: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(["compute", "--json", str(table)])
    out = capsys.readouterr().out
    assert code == 0, out
    data: dict[str, Any] = json.loads(out)
    return data


def _check(row: dict[str, Any], want: dict[str, str]) -> list[str]:
    problems: list[str] = []
    where = f"baris {want['baris']}"
    if want["indikator"] != "*" and (row["indicator"] or "") != want["indikator"]:
        problems.append(f"{where}: indikator {row['indicator']!r} != {want['indikator']!r}")
    if want["tahun"] and str(row["year"]) != want["tahun"]:
        problems.append(f"{where}: tahun {row['year']!r} != {want['tahun']!r}")
    if want["judul"]:
        if row["achievement"] is not None or row["audit"] is not None:
            problems.append(f"{where}: title row computed ({row['achievement']}, {row['audit']})")
        if "tidak dihitung" not in (row["message"] or ""):
            problems.append(f"{where}: title row without its message: {row['message']!r}")
        return problems
    capaian = row["achievement"]
    if want["capaian"] == "":
        if capaian is not None:
            problems.append(f"{where}: capaian {capaian} expected null")
    elif capaian is None or abs(capaian - float(want["capaian"])) > 0.005:
        problems.append(f"{where}: capaian {capaian} != {want['capaian']}")
    if (row["audit"] or "") != want["audit"]:
        problems.append(f"{where}: audit {row['audit']!r} != {want['audit']!r} ({row['message']})")
    if want["galat_audit"] and (row["audit_error"] or "") != want["galat_audit"]:
        problems.append(f"{where}: galat {row['audit_error']!r} != {want['galat_audit']!r}")
    if want["kategori"] != "*" and (row["category"] or "") != want["kategori"]:
        problems.append(f"{where}: kategori {row['category']!r} != {want['kategori']!r}")
    return problems


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.name)
def test_heldout_table(table: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _run(table, capsys)["result"]["rows"]
    expected = _expected(table)
    # nothing dropped, nothing reordered: one result per data row, in file order
    assert [r["row"] for r in rows] == [int(w["baris"]) for w in expected]
    problems = [p for row, want in zip(rows, expected, strict=True) for p in _check(row, want)]
    assert not problems, "\n".join(problems)


def test_every_table_has_expectations() -> None:
    assert len(TABLES) >= 8
    for table in TABLES:
        assert _expected(table), table


# ------------------------------------------------------------------ the general rules behind it

@pytest.mark.parametrize(("header", "field", "year"), [
    ("Indikator Kinerja Utama (IKU)", "indikator", None),
    ("Sasaran / Indikator Kinerja", "indikator", None),
    ("Target 2023", "target", 2023),
    ("Target\n2023", "target", 2023),
    ("Rencana Tingkat Capaian", "target", None),
    ("Realisasi s.d. Triwulan IV", "realisasi", None),
    ("REALISASI KINERJA", "realisasi", None),
    ("% Capaian", "capaian", None),
    ("Persentase Capaian", "capaian", None),
    ("Capaian Kinerja 2023 (%)", "capaian", 2023),
    ("%", "capaian", None),
    ("Polaritas", "arah", None),
    ("Sifat Indikator", "arah", None),
    ("Sat.", "satuan", None),
    ("Target Akhir Renstra (2026)", None, 2026),
    ("Realisasi Anggaran (Rp)", None, None),
    ("Capaian Anggaran (%)", None, None),
    ("Kategori Capaian", None, None),
    ("Sasaran Strategis", None, None),
    ("No", None, None),
])
def test_header_synonyms(header: str, field: str | None, year: int | None) -> None:
    from indikator.documents.columns import header_field

    assert header_field(header) == (field, year)


@pytest.mark.parametrize(("word", "lower"), [
    ("Negatif", True), ("Minimize", True), ("turun", True), ("Negatif (-)", True),
    ("semakin rendah semakin baik", True), ("Semakin kecil semakin baik", True),
    ("Positif (+)", False), ("Maximize", False), ("NAIK", False), ("Naik / Meningkat", False),
    ("semakin tinggi semakin baik", False),
    ("-", None), ("stabil", None), ("naik turun", None), ("keatas", None),
])
def test_polarity_words(word: str, lower: bool | None) -> None:
    from indikator.capaian.direction import direction_word

    assert direction_word(word) is lower


def test_dataframe_input_keeps_heading_rows_in_place() -> None:
    import pandas as pd

    from indikator.compute.pipeline import compute

    frame = pd.DataFrame({
        "Indikator Kinerja": ["Sasaran 1: Meningkatnya mutu", "Persentase A", "Rata-rata"],
        "Target 2023": ["", "80", ""],
        "Realisasi": ["", "60", ""],
        "Capaian (%)": ["", "75", "75"],
    })
    result = compute(frame, lang="en").rows()
    assert [r["indikator"] for r in result] == ["Sasaran 1: Meningkatnya mutu", "Persentase A",
                                                "Rata-rata"]
    assert [r["capaian"] for r in result] == [None, 75.0, None]
    assert [r["audit"] for r in result] == [None, "ok", None]
    assert "not computed" in result[0]["pesan"] and "not computed" in result[2]["pesan"]


def test_percent_formatted_excel_cells_read_as_displayed(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from indikator.documents.realisation import read_realisation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Indikator", "Target", "Realisasi", "Capaian"])
    sheet.append(["Persentase A", 0.8, 0.6, 0.75])
    for cell in ("B2", "C2"):
        sheet[cell].number_format = "0%"
    sheet["D2"].number_format = "0.00%"
    path = tmp_path / "persen.xlsx"
    workbook.save(path)
    table = read_realisation(path)
    assert list(table.frame["capaian"]) == ["75.00%"]
    assert list(table.readings["target"].values) == [80.0]
    assert list(table.readings["capaian"].values) == [75.0]
