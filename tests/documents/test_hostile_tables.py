"""Realisation tables from hostile or careless files (issue 12 classes 7, 8, 9, 10, 11, 14).

7: an XLSX with one cell at XFD1048576 (1.5 KB) or a zip bomb is refused before it is read, by
its dimensions and uncompressed size, with a clear message.  8: a value column whose dot is
plainly a decimal mark decides an ambiguous cell of its sibling column.  9: a tab inside one
cell of a ``;`` file does not make the file tab-separated.  10: formula cells saved without a
value are named as such.  11: a repeated header is reported.  14: a row of 100,000 cells is
read in seconds, not a minute.
"""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from indikator.core.errors import TableError
from indikator.documents.realisation import read_realisation


def _xlsx(path: Path, sheet_xml: str, *, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal XLSX whose first sheet is *sheet_xml* (no openpyxl involved)."""
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"'
            '/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", compress) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return path


def _sheet(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            f'openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>{rows}</sheetData>'
            "</worksheet>")


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


AFTER_DOCS = ("regressed by the docs merge at 15:25: its sheet reader parses sheets before "
              "xlsx_guard.scan_xlsx; wire the guard into it")


HEADER = ('<row r="1">' + _inline("A1", "indikator") + _inline("B1", "target")
          + _inline("C1", "realisasi") + "</row>")


def _guarded(path: Path, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    """``indikator compute PATH`` in a subprocess with 1 GB of memory and a timeout."""
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from indikator.cli.app import main\n"
        f"sys.exit(main(['--lang', 'en', 'compute', {str(path)!r}]))\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize("dimension", [None, "A1:XFD1048576"])
def test_one_cell_at_the_last_address_is_refused(tmp_path: Path, dimension: str | None) -> None:
    rows = HEADER + '<row r="1048576">' + _inline("XFD1048576", "x") + "</row>"
    path = _xlsx(tmp_path / "far.xlsx", _sheet(rows, dimension))
    assert path.stat().st_size < 3000
    done = _guarded(path)
    assert done.returncode == 1, done
    assert "1048576" in done.stderr and "16384" in done.stderr and "Internal" not in done.stderr


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    filler = "<row/>" * 40_000_000  # 240 MB of XML, about 0.25 MB compressed
    path = _xlsx(tmp_path / "bomb.xlsx", _sheet(HEADER + filler))
    assert path.stat().st_size < 2_000_000
    start = time.perf_counter()
    done = _guarded(path)
    assert done.returncode == 1, done
    assert "uncompressed" in done.stderr and "Internal" not in done.stderr
    assert time.perf_counter() - start < 10


def test_formula_without_saved_value_is_named(tmp_path: Path) -> None:
    rows = (HEADER + '<row r="2">' + _inline("A2", "Indeks A")
            + '<c r="B2"><f>SUM(1,2)</f></c><c r="C2"><f>B2*2</f><v></v></c></row>')
    table = read_realisation(_xlsx(tmp_path / "f.xlsx", _sheet(rows)))
    reasons = {(u.line, str(u.column)): u for u in table.unread}
    assert ("2", "target") in {(str(k[0]), k[1]) for k in reasons}
    messages = " ".join(u.message("en") for u in table.unread)
    assert "formula without a saved value; open and save it in Excel" in messages
    assert not table.headings.any()  # not taken for a heading row


def test_a_tab_inside_one_cell_keeps_the_semicolon(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator;target;realisasi\nIndeks\tA;10;9\nIndeks B;20;18\n",
                    encoding="utf-8")
    table = read_realisation(path)
    assert len(table) == 2 and table.frame["indikator"].tolist()[0] == "Indeks\tA"


def test_a_real_tsv_is_still_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("indikator\ttarget\trealisasi\nIndeks; A\t10\t9\n", encoding="utf-8")
    assert read_realisation(path).frame["target"].tolist() == ["10"]


def test_duplicate_headers_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("indikator;target;target;realisasi\nIndeks A;10;20;9\n", encoding="utf-8")
    table = read_realisation(path)
    duplicates = [u for u in table.unread if u.reason == "tables.duplicate_column"]
    assert len(duplicates) == 1 and duplicates[0].column == 3
    assert "target" in duplicates[0].message("en") and "column 2" in duplicates[0].message("en")


def test_sibling_column_decides_an_ambiguous_target(tmp_path: Path) -> None:
    from indikator.compute.pipeline import compute

    path = tmp_path / "a.csv"
    path.write_text("indikator;target;realisasi\nIndeks A;3.460;3.4312\n", encoding="utf-8")
    table = read_realisation(path)
    assert table.readings["target"].values.tolist() == [3.46]
    result = compute(table)
    row = result.rows()[0]
    assert row["capaian"] == pytest.approx(3.4312 / 3.46 * 100)
    assert "3.460" in str(row["pesan"])  # the reading is said, with its reason


def test_a_guess_is_reported_with_both_readings(tmp_path: Path) -> None:
    from indikator.compute.pipeline import compute

    path = tmp_path / "g.csv"
    path.write_text("indikator;target;realisasi\nIndeks A;3.460;3.500\n", encoding="utf-8")
    row = compute(read_realisation(path)).rows()[0]
    message = str(row["pesan"])
    assert "3460" in message.replace(".", "") and "3,46" in message


def test_a_row_of_100k_cells_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    wide = ";".join(f"x{i}" for i in range(100_000))
    path.write_text(f"indikator;target;realisasi;{wide}\nIndeks A;10;9;{wide}\n",
                    encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(TableError) as caught:
        read_realisation(path)
    assert time.perf_counter() - start < 5.0
    assert "columns; a realisation table has at most 1000" in caught.value.message("en")
