"""The lexicon file, Indonesian morphology and the phrase-level judgement (no parser needed)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from indikator.core.resources import data_path
from indikator.linter.judge import judge, same_quantity
from indikator.linter.lexicon import (
    FORMS,
    LexiconError,
    analyse_phrase,
    analyse_word,
    load_lexicon,
    parse_lexicon,
    tokenize,
)

LEXICON = data_path("definitions/lexicon.toml")


def test_lexicon_file_is_valid_and_documented() -> None:
    lexicon = load_lexicon()
    assert LEXICON.read_text(encoding="utf-8").startswith("# indikator lexicon")
    assert all(1 <= entry.rank <= 6 for entry in lexicon.markers.values())
    assert all(set(entry.forms) <= set(FORMS) and entry.forms for entry in lexicon.markers.values())
    assert set(lexicon.rank_labels) == set(range(7))
    assert {"jumlah", "total", "banyaknya"} <= lexicon.aggregates
    # a bare-word marker may not be a stop word too: it would never count
    bare = {stem for stem, entry in lexicon.markers.items() if "base" in entry.forms}
    assert not bare & lexicon.stopwords
    assert lexicon.unit_class("Persen (%)") == "percent"
    assert lexicon.unit_class("Dokumen") == "count"
    assert lexicon.unit_class("12 Bulan") == "time"
    assert lexicon.unit_class("per 100.000 kelahiran hidup") == "ratio"
    assert lexicon.unit_class("") is None
    assert lexicon.name_kind("Presentase Perda yang disahkan") == "percent"
    assert lexicon.name_kind("Rasio Murid per Guru") == "ratio"
    assert lexicon.name_kind("Jumlah Dokumen") == "count"


def test_invalid_lexicon_names_the_offending_entry(tmp_path: Path) -> None:
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    data["markers"]["laksana"]["rank"] = 9
    with pytest.raises(LexiconError) as info:
        parse_lexicon(data, tmp_path / "bad.toml")
    assert "markers.laksana" in info.value.message("en")
    data["markers"]["laksana"]["rank"] = 5
    data["markers"]["laksana"]["forms"] = ["adverb"]
    with pytest.raises(LexiconError) as info:
        parse_lexicon(data, tmp_path / "bad.toml")
    assert info.value.key == "lint.lexicon_invalid" and info.value.params["detail"] == "forms"


@pytest.mark.parametrize(
    ("word", "stem", "form"),
    [
        ("dilaksanakan", "laksana", "verb"),
        ("terlaksana", "laksana", "verb"),
        ("melaksanakan", "laksana", "verb"),
        ("pelaksanaan", "laksana", "nominal"),
        ("direncanakan", "rencana", "verb"),
        ("rencana", "rencana", "base"),
        ("tersedia", "sedia", "verb"),
        ("ketersediaan", "sedia", "nominal"),
        ("dibayarkan", "bayar", "verb"),
        ("pembayaran", "bayar", "nominal"),
        ("menyampaikan", "sampai", "verb"),
        ("memenuhi", "penuh", "verb"),
        ("mengelola", "kelola", "verb"),
        ("kebutuhan", "butuh", "nominal"),
        ("perkiraan", "kira", "nominal"),
        ("capaian", "capai", "an"),
        ("usulan", "usul", "an"),
        ("seluruhnya", "seluruh", "base"),
        ("syahkan", "sah", "verb"),
        ("disyahkan", "sah", "verb"),
        ("direspon", "respon", "verb"),
    ],
)
def test_morphology(word: str, stem: str, form: str) -> None:
    morph = analyse_word(word)
    assert (morph.stem, morph.form) == (stem, form)


def test_typos_are_marked() -> None:
    assert analyse_word("syahkan").typo
    assert analyse_word("pembyaran").stem == "bayar"
    assert not analyse_word("disahkan").typo


def test_detached_prefixes_are_joined_but_prepositions_are_not() -> None:
    words = [t.word for t in tokenize("Jumlah Dokumen yang di rencanakan")]
    assert words[-1] == "direncanakan"
    words = [t.word for t in tokenize("Lembaga yang di sudah di fasilitas")]
    assert words[-1] == "difasilitas"
    words = [t.word for t in tokenize("penduduk di bawah garis kemiskinan")]
    assert words[:3] == ["penduduk", "di", "bawah"]
    words = [t.word for t in tokenize("Total Dokumen yang di dihasilkan")]
    assert words[-1] == "dihasilkan"
    # spans point into the text as written
    token = tokenize("Perda yang di Sahkan")[-1]
    assert "Perda yang di Sahkan"[token.start : token.end] == "di Sahkan"


def test_markers_modals_and_whole_quantifiers() -> None:
    planned = analyse_phrase("Jumlah Dokumen yang akan dilaksanakan")
    assert planned.rank == 2 and planned.markers[0].modal == "akan"
    assert planned.markers[0].text == "akan dilaksanakan"
    assert analyse_phrase("Jumlah pelayanan yang harus ada").rank == 1
    assert analyse_phrase("Jumlah pelayanan yang tersedia").rank == 3
    assert analyse_phrase("Jumlah Perda yang di syahkan").rank == 5
    assert analyse_phrase("Jumlah dokumen yang disampaikan tepat waktu").rank == 6
    # nominal forms name an activity, not a side
    assert analyse_phrase("Jumlah Dokumen Pelaksanaan Kegiatan").rank is None
    whole = analyse_phrase("Jumlah seluruh bayi")
    assert [w.text for w in whole.whole] == ["seluruh"] and whole.rank is None


def test_relative_meaning_of_tersedia() -> None:
    """DOMAIN.md §4: achieved against "harus ada", planned against "dibayarkan"."""
    assert judge("Jumlah pelayanan yang tersedia", "Jumlah pelayanan yang harus ada").verdict == (
        "as-written"
    )
    assert judge("Jumlah gaji yang tersedia", "Jumlah gaji yang dibayarkan").verdict == "inverted"
    assert judge("Jumlah kegiatan yang tersedia", "Jumlah kegiatan yang terlaksana").verdict == (
        "inverted"
    )


def test_judgement_evidence_is_antisymmetric() -> None:
    pairs = [
        ("Jumlah Dokumen yang di rencanakan", "Total Dokumen yang di laksanakan", None),
        ("Jumlah penduduk miskin", "Jumlah penduduk", "Persentase penduduk miskin"),
        ("Jumlah bayi yang diimunisasi", "Jumlah seluruh bayi", None),
        ("Jumlah murid", "Jumlah guru", "Rasio Murid terhadap Guru"),
    ]
    for top, bottom, name in pairs:
        forward, backward = judge(top, bottom, name), judge(bottom, top, name)
        assert forward.score == pytest.approx(-backward.score, abs=0.16), (top, bottom)
        assert {forward.verdict, backward.verdict} == {"as-written", "inverted"}


def test_name_and_unit_fix_the_order() -> None:
    assert judge("Jumlah guru", "Jumlah murid", "Rasio Murid per Guru").verdict == "inverted"
    assert judge("Jumlah guru", "Jumlah murid", "Rasio Guru terhadap Murid").verdict == (
        "as-written"
    )
    unit = "per 100.000 kelahiran hidup"
    assert judge("Jumlah kelahiran hidup", "Jumlah kematian ibu", None, unit).score < 0
    # "terhadap" meaning "about" does not decide anything on its own
    assert judge("Jumlah pelanggaran Perda yang ditindak", "Jumlah pelanggaran Perda",
                 "Persentase penindakan pelanggaran terhadap Perda").verdict == "as-written"


def test_unmarked_and_symbolic_phrases_give_no_verdict() -> None:
    assert judge("JKI", "JLH").verdict == "unknown"
    assert judge("Jumlah Penduduk", "Luas Wilayah").verdict == "unknown"
    assert judge("Jumlah OPD yang menyusun dokumen", "Jumlah OPD yang menyampaikan dokumen")\
        .verdict == "unknown"


def test_same_quantity() -> None:
    assert same_quantity("Jumlah Ketersediaan Dokumen", "Total Ketersediaan Dokumen") is not None
    assert same_quantity("Jumlah Lembaga yang di Fasilitas",
                         "Jumlah Lembaga yang di sudah di fasilitas") is not None
    fuzzy = same_quantity("Jumlah Dokumen Perkonomian Daerah", "Jumlah Dokumen Perekonomian Daerah")
    assert fuzzy is not None and fuzzy.how == "fuzzy"
    assert same_quantity("Jumlah anak SD kelas 1", "Jumlah anak SD kelas 2") is None
    assert same_quantity("Jumlah Dokumen yang direncanakan",
                         "Jumlah Dokumen yang dilaksanakan") is None


def test_the_general_stemmer_is_a_declared_dependency() -> None:
    """Findings must not depend on what happens to be installed: PySastrawi is a runtime
    dependency, always used, and no environment variable switches it off."""
    import tomllib
    from pathlib import Path

    from indikator.linter.lexicon import _general_stemmer

    project = tomllib.loads(
        (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text("utf-8")
    )["project"]
    assert any(dep.startswith("PySastrawi") for dep in project["dependencies"])
    assert _general_stemmer()("dilaksanakan") == "laksana"
    code = (
        "from indikator.linter.judge import judge;"
        "print(judge('Jumlah Perda yang diusulkan', 'Total Perda yang di syahkan').verdict)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False,
        env={"INDIKATOR_STEMMER": "none", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "inverted"
