"""Value columns whose period is written above the header, and columns no header tells apart.

LKjIP and monev workbooks often write the year (or the quarter) once, in a cell merged over
``Target | Realisasi | Capaian``, and repeat the block per year.  The period is then read from
that row; two columns that stay alike (``Realisasi`` twice, ``Target Renstra 2023`` beside
``Target PK 2023``) are refused with both places named, never the first one taken.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from indikator.compute.pipeline import compute
from indikator.core.errors import TableError
from indikator.documents.realisation_file import prepare, read_table


def _workbook(path: Path, rows: list[list[object]], merged: list[str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


YEARS = [
    [None, None, 2022, None, None, 2023, None, None],
    ["Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Target", "Realisasi", "Capaian"],
    ["Indeks Kepuasan Masyarakat", "Indeks", 80, 78, 97.5, 82, 84, 102.44],
]


def test_years_merged_above_the_header_name_the_columns(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "lkjip.xlsx", YEARS, ["C1:E1", "F1:H1"])
    read = read_table(path)
    choice = read.prepared.choice
    assert choice is not None
    assert (choice.target.header, choice.realisasi.header) == ("Target 2023", "Realisasi 2023")
    assert choice.previous is not None and choice.previous.header == "Realisasi 2022"
    assert "periods.from_row_above" in [note.key for note in read.notes]
    rows = compute(read.table).results
    assert rows["capaian"].tolist() == pytest.approx([84 / 82 * 100])
    assert rows["tahun"].tolist() == [2023]
    assert rows["audit"].tolist() == ["ok"]
    earlier = compute(read_table(path, periode="2022").table).results
    assert earlier["capaian"].tolist() == pytest.approx([97.5])
    assert earlier["tahun"].tolist() == [2022]


def test_quarters_merged_above_the_header_are_periods_to_choose(tmp_path: Path) -> None:
    path = tmp_path / "monev.csv"
    path.write_text(";;Triwulan I;;Triwulan II;\n"
                    "Indikator;Satuan;Target;Realisasi;Target;Realisasi\n"
                    "IKM;Indeks;80;78;80;82\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        prepare(path)
    assert caught.value.key == "periods.ambiguous"
    assert "«Realisasi Triwulan II» = realisasi triwulan II" in caught.value.message("id")
    rows = compute(read_table(path, periode="TW II").table).results
    assert rows["capaian"].tolist() == pytest.approx([102.5])


@pytest.mark.parametrize(("header", "expected"), [
    ("Indikator;Target;Realisasi;Capaian;Target;Realisasi;Capaian",
     ["«Realisasi» (column 3)", "«Realisasi» (column 6)"]),
    ("Indikator;Target Renstra 2023;Target PK 2023;Realisasi 2023",
     ["«Target Renstra 2023» (column 2)", "«Target PK 2023» (column 3)"]),
])
def test_two_columns_of_one_period_are_refused_with_both_places(
        tmp_path: Path, header: str, expected: list[str]) -> None:
    path = tmp_path / "twins.csv"
    width = header.count(";")
    path.write_text(f"{header}\nIKM{';80' * width}\n", encoding="utf-8")
    with pytest.raises(TableError) as caught:
        prepare(path)
    assert caught.value.key == "periods.twins"
    message = caught.value.message("en")
    assert all(place in message for place in expected), message


def test_a_row_above_that_is_not_only_periods_is_not_read_as_one(tmp_path: Path) -> None:
    path = tmp_path / "title.csv"
    path.write_text("Capaian Kinerja 2023;;;\nIndikator;Target;Realisasi;Capaian\n"
                    "IKM;80;84;105\n", encoding="utf-8")
    prepared = prepare(path)
    assert "periods.from_row_above" not in [note.key for note in prepared.notes]
    assert [str(v) for v in prepared.frame.iloc[1].tolist()] == [
        "Indikator", "Target", "Realisasi", "Capaian"]
