"""Narrative sentences per indicator and year, and Indonesian number formatting."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.report.narrative import (
    audit_sentence,
    category_text,
    format_id,
    format_number,
    format_quantity,
    paragraphs,
    sentence,
    sentences,
)

TYPICAL = {
    "indikator": "Persentase dokumen perencanaan yang tepat waktu",
    "tahun": 2021,
    "satuan": "%",
    "target": 100,
    "realisasi": 90,
    "capaian": 90.0,
    "kategori": "T",
    "kategori_label": "Tinggi",
    "skala": "capaian",
    "metode": "higher",
    "audit": "ok",
    "capaian_tertulis": 90.0,
    "pesan": None,
}
MISMATCH = TYPICAL | {
    "indikator": "Jumlah dokumen yang disahkan",
    "satuan": "Dokumen",
    "target": 15,
    "realisasi": 11,
    "capaian": 11 / 15 * 100,
    "kategori": "R",
    "kategori_label": "Rendah",
    "audit": "mismatch",
    "capaian_tertulis": 70.30,
}
NOT_COMPUTED = TYPICAL | {
    "indikator": "Angka kemiskinan",
    "tahun": 2022.0,
    "target": 0,
    "realisasi": 4.88,
    "capaian": math.nan,
    "kategori": None,
    "kategori_label": None,
    "audit": "not-checkable",
    "capaian_tertulis": "#DIV/0!",
    "pesan": "target 0: capaian tidak didefinisikan",
}


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567.891, 2, "1.234.567,89"),
        (90, 2, "90,00"),
        (73.33333, 2, "73,33"),
        (-1234.5, 2, "-1.234,50"),
        (-0.001, 2, "0,00"),
        (1800085250, 0, "1.800.085.250"),
        (3.46, 4, "3,4600"),
        (np.float64(52.31), 2, "52,31"),
        (math.nan, 2, "–"),
        (None, 2, "–"),
        (math.inf, 2, "∞"),
    ],
)
def test_format_id_writes_decimal_comma_and_thousands_dot(
    value: object, decimals: int, expected: str
) -> None:
    assert format_id(value, decimals) == expected


def test_format_number_in_english_uses_decimal_point() -> None:
    assert format_number(1234567.891, 2, "en") == "1,234,567.89"
    assert format_number(pd.NA, 2, "en") == "–"


@settings(max_examples=150)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_format_id_reads_back_as_the_rounded_value(value: float) -> None:
    text = format_id(value, 2)
    back = float(text.replace(".", "").replace(",", "."))
    assert back == pytest.approx(round(value, 2), abs=0.0051)
    assert text.count(",") == 1


def test_quantities_keep_text_and_get_units() -> None:
    assert format_quantity(15, "Dokumen") == "15 Dokumen"
    assert format_quantity(3.46, None) == "3,46"
    assert format_quantity(90.5, "Persen") == "90,50 %"
    assert format_quantity("80 – 90", "%") == "80 – 90 %"
    assert format_quantity(None, "Dokumen") == "–"


def test_category_text_prefixes_letter_grades_only() -> None:
    assert category_text("CC", "Cukup (Memadai)") == "CC – Cukup (Memadai)"
    assert category_text("T", "Tinggi") == "Tinggi"
    assert category_text("sangat-tinggi", "Sangat Tinggi") == "Sangat Tinggi"
    assert category_text("BB", None) == "BB"
    assert category_text(None, None) == ""


def test_typical_row_in_bahasa_indonesia() -> None:
    assert sentence(TYPICAL) == (
        "Capaian Persentase dokumen perencanaan yang tepat waktu tahun 2021 sebesar 90,00 % "
        "dengan kategori Tinggi."
    )


def test_typical_row_in_english() -> None:
    assert sentence(TYPICAL, "en") == (
        "Achievement of Persentase dokumen perencanaan yang tepat waktu in 2021 was 90.00 %, "
        "rated Tinggi."
    )


def test_mismatch_names_printed_and_recomputed_value() -> None:
    text = sentence(MISMATCH)
    assert text.startswith("Capaian Jumlah dokumen yang disahkan tahun 2021 sebesar 73,33 %")
    assert "Capaian tertulis 70,30 % tidak sesuai dengan perhitungan ulang 73,33 %." in text
    english = sentence(MISMATCH, "en")
    assert "The printed achievement of 70.30 % does not match the recomputed 73.33 %." in english


def test_not_computed_row_says_so_with_its_message() -> None:
    assert sentence(NOT_COMPUTED) == (
        "Capaian Angka kemiskinan tahun 2022 tidak dapat dihitung. "
        "Capaian tertulis #DIV/0! tidak dapat diperiksa. "
        "Keterangan: target 0: capaian tidak didefinisikan."
    )
    assert sentence(NOT_COMPUTED, "en") == (
        "Achievement of Angka kemiskinan in 2022 could not be computed. "
        "The printed achievement #DIV/0! could not be checked. "
        "Note: target 0: capaian tidak didefinisikan."
    )


def test_value_without_category_and_category_without_value() -> None:
    unrated = TYPICAL | {"capaian": 184.75, "kategori": None, "kategori_label": None}
    assert sentence(unrated).endswith("sebesar 184,75 % dan tidak dikategorikan.")
    ordinal = TYPICAL | {"capaian": math.nan, "kategori": "B", "kategori_label": "Baik",
                         "pesan": "target BB tidak tercapai (1 tingkat di bawah)"}
    assert sentence(ordinal) == (
        "Capaian Persentase dokumen perencanaan yang tepat waktu tahun 2021 tidak dinyatakan "
        "dalam persen; kategorinya B – Baik. "
        "Keterangan: target BB tidak tercapai (1 tingkat di bawah)."
    )


def test_with_values_adds_actual_and_target_and_missing_year_is_left_out() -> None:
    row = MISMATCH | {"tahun": None}
    text = sentence(row, with_values=True)
    assert "Capaian Jumlah dokumen yang disahkan sebesar" in text
    assert "Realisasi 11 Dokumen terhadap target 15 Dokumen." in text


def test_audit_sentence_is_empty_for_matching_rows() -> None:
    assert audit_sentence(TYPICAL) == ""
    assert audit_sentence(MISMATCH).startswith("Capaian tertulis 70,30 %")


def test_sentences_from_a_dataframe_keep_input_order_and_missing_values() -> None:
    frame = pd.DataFrame([MISMATCH, TYPICAL, NOT_COMPUTED])
    frame["capaian"] = frame["capaian"].astype("Float64")  # pandas NA instead of NaN
    texts = sentences(frame)
    assert len(texts) == 3
    assert texts[0].startswith("Capaian Jumlah dokumen")
    assert texts[1].startswith("Capaian Persentase dokumen")
    assert "tidak dapat dihitung" in texts[2]


def test_paragraphs_group_an_indicator_by_year() -> None:
    rows = [TYPICAL | {"tahun": 2022, "capaian": 95.0, "kategori_label": "Sangat Tinggi"},
            TYPICAL, MISMATCH]
    text = paragraphs(rows)
    assert list(text) == [TYPICAL["indikator"], MISMATCH["indikator"]]
    first = text[TYPICAL["indikator"]]
    assert first.index("tahun 2021") < first.index("tahun 2022")


def test_missing_indicator_name_is_not_written_as_nan() -> None:
    frame = pd.DataFrame([TYPICAL | {"indikator": math.nan}])
    assert sentences(frame)[0].startswith("Capaian ? tahun 2021")


def test_a_category_of_the_value_is_said_to_rate_the_value() -> None:
    akip = {"name": "akip", "bands": [
        {"code": "B", "label": "Baik", "lower": 60, "upper": 70},
        {"code": "CC", "label": "Cukup (Memadai)", "lower": 50, "upper": 60}]}
    row = {"indikator": "Nilai Evaluasi AKIP", "tahun": 2021, "target": "61,00",
           "realisasi": "57,12", "capaian": 93.64, "kategori": "CC", "skala": "akip"}
    assert sentences([row], scales={"akip": akip}) == [
        "Capaian Nilai Evaluasi AKIP tahun 2021 sebesar 93,64 %; nilai realisasinya 57,12 "
        "dengan kategori CC – Cukup (Memadai)."
    ]
    assert sentence(row, "en", scale=akip) == (
        "Achievement of Nilai Evaluasi AKIP in 2021 was 93.64 %; its actual value 57.12 is rated "
        "CC – Cukup (Memadai)."
    )
    # without the scale nothing can be told: the plain sentence
    assert sentence(row) == (
        "Capaian Nilai Evaluasi AKIP tahun 2021 sebesar 93,64 % dengan kategori CC."
    )


def test_indicator_named_capaian_is_not_doubled() -> None:
    row = TYPICAL | {"indikator": "Capaian Pelaksanaan Tender"}
    assert sentence(row).startswith("Capaian indikator Capaian Pelaksanaan Tender tahun 2021")
