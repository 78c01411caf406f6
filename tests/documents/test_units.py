"""One source for units: definitions/vocabulary/units.toml, and the linter's percent class of
definitions/lexicon.toml read rather than copied (issue 8)."""

from __future__ import annotations

import tomllib

from indikator.core.resources import data_dir
from indikator.core.vocabulary import vocabulary
from indikator.documents.cells import looks_like_unit
from indikator.documents.numbers import read_number
from indikator.documents.units import canonical_unit, is_percent, percent_words


def test_percent_words_are_the_linters_percent_class() -> None:
    definitions = data_dir("definitions")
    path = next(p for p in (definitions / "vocabulary" / "lexicon.toml",
                            definitions / "lexicon.toml") if p.is_file())
    with path.open("rb") as handle:
        lexicon = tomllib.load(handle)
    assert percent_words() == {"%", *lexicon["units"]["percent"]}
    for unit in ("%", "Persen", " persentase ", "Prosentase"):
        assert is_percent(unit)
    assert not is_percent("Dokumen") and not is_percent(None)


def test_canonical_spellings_come_from_the_vocabulary() -> None:
    canonical = vocabulary("units")["canonical"]
    assert canonical_unit("Doku men") == canonical["dokumen"] == "Dokumen"
    assert read_number("12 Bln").unit == canonical["bln"] == "Bulan"
    assert canonical_unit("Ekor") == "Ekor"  # unknown units are kept as printed


def test_table_cell_unit_words_come_from_the_vocabulary() -> None:
    for word in vocabulary("units")["table"]["words"]:
        assert looks_like_unit(word.title()), word
    assert not looks_like_unit("Jumlah Dokumen Perencanaan")
