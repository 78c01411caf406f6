"""One direction guesser (indikator.capaian.direction.guess_direction), read from
definitions/vocabulary/direction.toml, used by the catalogue importer and the capaian pipeline
alike, with the word that decided each guess."""

from __future__ import annotations

import pandas as pd
import pytest

from indikator.capaian.direction import direction_names, guess_direction, header_words
from indikator.catalog.importer import indicators_from_realisation
from indikator.catalog.loader import DIRECTIONS
from indikator.compute.pipeline import compute
from indikator.core.vocabulary import vocabulary

CASES = [
    ("Angka Kematian Ibu", "turun", "kematian"),
    ("Rasio Gini", "turun", "gini"),
    ("Rata-rata waktu penyelesaian perizinan", "turun", "waktu penyelesaian"),
    # the two names catalog and compute used to disagree on (issue 8)
    ("Rata-rata waktu penyelesaian izin", "turun", "waktu penyelesaian"),
    ("Persentase penurunan angka kemiskinan", "naik", "penurunan"),
    ("Persentase pelanggaran yang ditindaklanjuti", "naik", "ditindaklanjuti"),
    ("Jumlah pelanggaran Perda yang ditertibkan", "naik", "ditertibkan"),
    ("Indeks Kepuasan Masyarakat", "naik", ""),
    ("", "naik", ""),
]


@pytest.mark.parametrize(("name", "direction", "word"), CASES)
def test_direction_guessed_from_the_name_only_when_clear(
    name: str, direction: str, word: str
) -> None:
    guess = guess_direction(name)
    assert guess.direction == direction
    assert guess.word == word
    assert guess.lower is (direction == "turun")
    assert guess.reason == ("default" if not word else
                            "lower-word" if direction == "turun" else "reduction-word")


def test_the_words_are_data() -> None:
    data = vocabulary("direction")
    assert direction_names() == (data["higher"], data["lower"]) == ("naik", "turun")
    assert DIRECTIONS == ("naik", "turun")
    assert {"arah", "polaritas"} <= header_words()
    assert "waktu penyelesaian" in data["name"]["lower"]
    assert "penurunan" in data["name"]["reduction"]


def _realisation(names: list[str]) -> pd.DataFrame:
    n = len(names)
    return pd.DataFrame({"indikator": names, "tahun": ["2023"] * n, "target": ["10"] * n,
                         "realisasi": ["8"] * n})


def test_catalogue_importer_and_pipeline_agree() -> None:
    names = [name for name, _, _ in CASES if name]
    frame = _realisation(names)
    results = compute(frame).results
    from_compute = dict(zip(results["indikator"], results["arah"], strict=True))

    class Table:  # what indicators_from_realisation reads of a realisation table
        def __init__(self) -> None:
            from indikator.documents.number_column import read_column

            self.frame = frame.astype(str)
            self.rows = list(range(2, len(frame) + 2))
            self.readings = {"target": read_column(frame["target"]),
                             "realisasi": read_column(frame["realisasi"])}

    from_catalog = {i.name: i.arah for i in indicators_from_realisation(Table())}
    expected = {name: direction for name, direction, _ in CASES if name}
    assert from_compute == expected
    assert from_catalog == expected


def test_the_guess_and_its_word_are_said_on_the_row() -> None:
    names = ["Angka Kematian Ibu", "Persentase penurunan angka kemiskinan"]
    first, second = compute(_realisation(names), lang="id").results["pesan"].tolist()
    assert '"kematian"' in first and "diduga" in first
    assert not isinstance(second, str) or "diduga" not in second
