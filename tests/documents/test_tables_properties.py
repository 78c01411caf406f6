"""Properties of indikator.documents.textdoc on generated extracted-text tables: no crash on any
input,
and every non-empty cell of a table either read or reported (nothing dropped silently)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.documents.cells import clean_cell
from indikator.documents.realisation import read_realisation
from indikator.documents.textdoc import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"

CELLS = st.one_of(
    st.just(""),
    st.sampled_from([
        "100", "100%", "12 Bulan", "850.0 00.00 0", "918,4 84,00 0", "1.800,085,250",
        "2,297E+09", "-", "BB", "Sangat Tinggi", "56,23", "3.4600", "4.01.01.2.08", "Dokumen",
        "Persen", "<b>Jumlah Dokumen</b>", "Jumlah A / Jumlah B x 100%", "dan seterusnya",
        "TOTAL", "#DIV/0!", "2021", "Target", "Rp", "Indikator", "Satuan", "Rumus",
    ]),
    st.text(alphabet="abcXYZ0123456789 .,%/-", max_size=12),
)
ROWS = st.lists(st.lists(CELLS, min_size=1, max_size=14).map("\t".join), max_size=12)
HEADERS = st.sampled_from([
    "Indikator\tSatuan\tRumus/Formula\tPenjelasan",
    "No\tIndikator\t2018\t2019\t2020\t2021\t2022\t2023\tSebelum\tSetelah",
    "KODE\tPROGRAM\tINDIKATOR\tSATUAN\tDASAR\t2022\t\t2023\t\tAKHIR\n"
    "\t\t\t\t\tTarget\tRp\tTarget\tRp\tTarget\tRp",
    "Golongan\tJumlah",
])


def _cells_in(text: str, start: int, end: int) -> int:
    lines = text.splitlines()[start - 1 : end]
    return sum(
        1
        for line in lines
        for cell in line.split("\t")
        if clean_cell(cell)
    )


@settings(max_examples=120, deadline=None)
@given(pre=ROWS, header=HEADERS, rows=ROWS)
def test_every_cell_read_or_reported(pre: list[str], header: str, rows: list[str]) -> None:
    text = "\n".join([*pre, "Tabel 6.9", "Judul tabel", header, *rows, "## BAB"]) + "\n"
    for table in read_document(text):
        assert table.cells_read + len(table.unread) == _cells_in(
            text, table.start_line, table.end_line
        )
        assert table.indicators == len(table.rows)


def test_realisation_header_below_a_title_line() -> None:
    table = read_realisation(FIXTURES / "realisasi-title.csv")
    assert len(table) == 2 and list(table.rows) == [3, 4]
    assert list(table.readings["capaian"].values) == [90.5, 102.22]
    assert [(u.line, u.reason) for u in table.unread] == [(1, "tables.above_header")]
