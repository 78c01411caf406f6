"""indikator.formula.names: when two phrases name the same quantity."""

from __future__ import annotations

import pytest

from indikator.formula.names import display_name, looks_garbled, name_key


@pytest.mark.parametrize(
    "left,right",
    [
        ("Jumlah OPD yang di rencanakan", "jumlah opd yang direncanakan"),
        ("Jml  OPD yg direncanakan", "Jumlah OPD yang direncanakan"),
        ("Jm sinyal yang muncul", "Jumlah sinyal yang muncul"),
        ("Jumlah siswa SD/ Sederajat", "jumlah siswa SD / Sederajat"),
        ("Perda , Perwal", "Perda,Perwal"),
        ("Luas Panen ( Ha )", "Luas Panen (Ha)"),
        ("PJN_{bs}", "PJN_bs"),
        ("Realisasi – Rencana", "Realisasi - Rencana"),
        ("Dokumen yang di-laksanakan", "Dokumen yang dilaksanakan"),
        ("jml. penduduk", "Jumlah penduduk"),
        ("Kab/Kota", "Kabupaten/Kota"),
        ("Jumlah A.", "Jumlah A"),
    ],
)
def test_same_quantity_same_key(left: str, right: str) -> None:
    assert name_key(left) == name_key(right)


@pytest.mark.parametrize(
    "left,right",
    [
        ("Jumlah Dokumen yang direncanakan", "Jumlah Dokumen yang dilaksanakan"),
        ("Jumlah A", "Total A"),
        ("usia 7-12", "usia 7 12"),
        ("Jumlah kelas 1", "Jumlah kelas 11"),
    ],
)
def test_different_quantities_different_keys(left: str, right: str) -> None:
    assert name_key(left) != name_key(right)


def test_abbreviation_inside_a_word_is_not_expanded() -> None:
    assert name_key("Jmlh") == "jumlah"
    assert "jumlah" not in name_key("Ajml")


def test_display_name_folds_whitespace_only() -> None:
    assert display_name("  Jumlah\n OPD\tyang  ") == "Jumlah OPD yang"


def test_looks_garbled() -> None:
    assert looks_garbled("k G 1 Pi (Qi Qi 1 ) i 1")
    assert not looks_garbled("Jml anak SD kelas 1 yang diimunisasi")
    assert not looks_garbled("A B")
