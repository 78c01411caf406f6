"""Document import keeps every cell in its column and lists every inference: relative
``Tahun-1 … Tahun-3`` headers, ``Kode`` printed over two columns, a ``0`` in the final-period Rp
column, leading cells empty / ``n/a`` / ``-`` (the grid the PDF and DOCX readers give)."""

from __future__ import annotations

from indikator.documents.textdoc import read_document

PROGRAMME = (
    "Tabel 6.2\nRencana Program\n"
    "Kode\t\tProgram/Kegiatan\tIndikator\tSatuan\tKondisi Awal{base}\tTahun-1\t\tTahun-2\t\t"
    "Tahun-3\t\tKondisi Akhir\t\tUnit\n"
    "\t\t\t\t\t\tTarget\tRp\tTarget\tRp\tTarget\tRp\tTarget\tRp\t\n"
    "01\t2,09\tProgram pelayanan administrasi\tPersentase layanan tepat waktu\t%\t80\t85\t"
    "1.000.000\t90\t1.100.000\t95\t1.200.000\t95\t0\tSekretariat\n"
)

HEADLINE = (
    "Tabel 7.1\nTarget Kinerja\n"
    "No\tIndikator Kinerja\tSatuan\tKondisi Awal\tTarget Kinerja pada Tahun\t\t\tKondisi Akhir\n"
    "\t\t\t2021\t2022\t2023\t2024\t\n"
    "1\tPersentase ASN disiplin\t%\t80\t85\t90\t95\t95\n"
    "2\tIndeks kepuasan masyarakat\tIndeks\tn/a\t-\t70\t75\t75\n"
    "\tPersentase temuan BPK ditindaklanjuti\t%\t\t\t60\t65\t65\n"
    "-\tJumlah dokumen perencanaan\tDokumen\t-\t2\t2\t2\t6\n"
)


def _texts(readings: dict[int, object]) -> dict[int, str]:
    return {year: r.text for year, r in readings.items()}


def test_relative_years_from_the_baseline_and_code_columns() -> None:
    (table,) = read_document(PROGRAMME.format(base=" 2018"))
    assert table.unread == []
    (row,) = table.rows
    assert row.code == "01.2.09"
    assert _texts(row.targets) == {2019: "85", 2020: "90", 2021: "95"}
    assert _texts(row.budgets) == {2019: "1.000.000", 2020: "1.100.000", 2021: "1.200.000"}
    assert row.end_target is not None and row.end_target.text == "95"
    assert row.end_budget is not None and row.end_budget.value == 0  # an Rp of 0, not a target
    assert row.responsible == "Sekretariat"
    assert [m.key for m in table.inferred] == ["tables.relative_years", "tables.code_columns"]
    assert table.inferred[0].render("id") == (
        "kepala tabel menulis Tahun-1 … Tahun-3 tanpa tahun kalender; dihitung dari kondisi "
        "awal 2018: 2019–2021")


def test_relative_years_without_a_baseline_year_are_not_invented() -> None:
    (table,) = read_document(PROGRAMME.format(base=""))
    (row,) = table.rows
    assert sorted(row.targets) == [1, 2, 3]
    assert [m.key for m in table.inferred] == ["tables.years_unknown", "tables.code_columns"]


def test_headline_rows_with_empty_or_dash_leading_cells_do_not_shift() -> None:
    (table,) = read_document(HEADLINE)
    assert table.unread == []
    got = {row.indicator: _texts(row.values) for row in table.rows}
    assert got == {
        "Persentase ASN disiplin": {2021: "80", 2022: "85", 2023: "90", 2024: "95"},
        "Indeks kepuasan masyarakat": {2021: "n/a", 2022: "-", 2023: "70", 2024: "75"},
        "Persentase temuan BPK ditindaklanjuti": {2023: "60", 2024: "65"},
        "Jumlah dokumen perencanaan": {2021: "-", 2022: "2", 2023: "2", 2024: "2"},
    }
    assert [row.end_after.text for row in table.rows if row.end_after] == ["95", "75", "65", "6"]
