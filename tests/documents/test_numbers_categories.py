"""Category cells are the codes, aliases and labels of the scales that can be loaded: the
shipped ones and the user's own (issue 8: no hard-coded list that drifts from the scales)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.core.errors import NumberFormatError
from indikator.documents.numbers import read_number
from indikator.scales.labels import categories
from indikator.scales.loading import list_scales


@pytest.mark.parametrize(("text", "category"), [
    ("Buruk", "Buruk"),
    ("Wajar Tanpa Pengecualian", "Wajar Tanpa Pengecualian"),
    ("wajar tanpa pengecualian", "Wajar Tanpa Pengecualian"),
    ("WTP-PP", "WTP-PP"),
    ("BB", "BB"),
    ("SB", "SB"),
    ("Sangat Tinggi", "Sangat Tinggi"),
    ("Memadai", "Memadai"),
    ("Cukup (Memadai)", "Cukup"),
])
def test_shipped_scale_words_are_categories(text: str, category: str) -> None:
    quantity = read_number(text)
    assert quantity.kind == "category"
    assert quantity.category == category


def test_grades_in_capitals_only() -> None:
    with pytest.raises(NumberFormatError):
        read_number("bb")


def test_every_band_of_every_shipped_scale_is_a_category() -> None:
    found = categories()
    for scale in list_scales():
        for band in scale.bands:
            assert found.find(band.code) is not None, (scale.name, band.code)
            assert found.find(band.label) is not None, (scale.name, band.label)
            for alias in band.aliases:
                assert found.find(alias) is not None, (scale.name, alias)


def test_a_users_own_scale_extends_the_categories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(NumberFormatError):
        read_number("Istimewa Sekali")
    (tmp_path / "mutu.toml").write_text(
        'title = "Mutu"\nsource = "contoh"\nconfidence = "unconfirmed"\nkind = "ordinal"\n'
        '[[bands]]\ncode = "IS"\nlabel = "Istimewa Sekali"\n'
        '[[bands]]\ncode = "LZ"\nlabel = "Lumayan"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("INDIKATOR_SCALES", str(tmp_path))
    assert read_number("Istimewa Sekali").category == "Istimewa Sekali"
    assert read_number("LZ").category == "LZ"
    monkeypatch.delenv("INDIKATOR_SCALES")
    with pytest.raises(NumberFormatError):
        read_number("LZ")
