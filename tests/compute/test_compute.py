"""The capaian engine (indikator.compute.pipeline): the Kota Serang illustrative table, mixed target
kinds from a fixture, catalogue fallbacks, unread cells, and the engine against the scalar
rules of indikator.capaian.methods."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.capaian.methods import achievement
from indikator.compute.pipeline import RESULT_COLUMNS, compute
from indikator.core.resources import data_path
from indikator.documents.realisation import read_realisation

FIXTURES = Path(__file__).parents[1] / "fixtures" / "compute"
CONTRACT = ("indikator", "tahun", "target", "realisasi", "capaian", "kategori", "metode",
            "audit", "capaian_tertulis", "pesan")


@pytest.fixture(scope="module")
def serang() -> pd.DataFrame:
    table = read_realisation(data_path("examples/kota-serang/realisasi-ilustratif.csv"))
    return compute(table).results


def _row(results: pd.DataFrame, name: str, year: int) -> pd.Series[Any]:
    hit = results[(results["indikator"] == name) & (results["tahun"] == year)]
    assert len(hit) == 1, (name, year)
    return hit.iloc[0]


# --------------------------------------------------------------------------- the example


def test_one_row_per_input_row_in_input_order(serang: pd.DataFrame) -> None:
    path = data_path("examples/kota-serang/realisasi-ilustratif.csv")
    with path.open(encoding="utf-8") as handle:
        names = [row["indikator"] for row in csv.DictReader(handle, delimiter=";")]
    assert serang["indikator"].tolist() == names
    assert serang["baris"].tolist() == list(range(2, len(names) + 2))
    assert list(serang.columns) == list(RESULT_COLUMNS)


def test_wrong_printed_capaian_11_of_15_is_a_mismatch(serang: pd.DataFrame) -> None:
    row = _row(serang, "Presentase Perangkat daerah yang Memiliki Dokumen Kelembagaan", 2021)
    assert row["capaian"] == pytest.approx(11 / 15 * 100)
    assert row["capaian_tertulis"] == pytest.approx(70.30)
    assert row["audit"] == "mismatch"
    assert pd.isna(row["galat_audit"])  # an arithmetic slip, no known pattern
    assert "70,30" in row["pesan"] and "73,33" in row["pesan"]


def test_x100_twice_is_recognised(serang: pd.DataFrame) -> None:
    row = _row(serang, "Presentase Perangkat daerah yang Memiliki Dokumen Kelembagaan", 2022)
    assert row["capaian"] == pytest.approx(86.67)
    assert (row["audit"], row["galat_audit"]) == ("mismatch", "x100-twice")
    assert "100 dua kali" in row["pesan"]


@pytest.mark.parametrize(
    ("name", "year", "recomputed"),
    [("Indeks Kepuasan Masyarakat ( IKM)", 2022, 78.20 / 79 * 100),
     ("Persentase Ketersediaan Data dan Informasi Pengadaan Barang / Jasa", 2021, 96.0)],
)
def test_target_over_realisation_is_recognised(
    serang: pd.DataFrame, name: str, year: int, recomputed: float
) -> None:
    row = _row(serang, name, year)
    assert row["capaian"] == pytest.approx(recomputed)
    assert (row["audit"], row["galat_audit"]) == ("mismatch", "inverted")
    assert "target / realisasi" in row["pesan"]


def test_div0_and_dash_are_not_checkable(serang: pd.DataFrame) -> None:
    row = _row(serang, "Capaian Pelaksanaan Tender", 2021)
    assert math.isnan(row["capaian"]) and math.isnan(row["capaian_tertulis"])
    assert row["audit"] == "not-checkable"
    assert row["realisasi"] == "-"
    assert "#DIV/0!" in row["pesan"]


def test_category_target_bb_with_b_realised_is_not_met_one_level_apart(
    serang: pd.DataFrame,
) -> None:
    row = _row(serang, "Capaian Evaluasi LKjIP Perangkat Daerah", 2021)
    assert (row["target"], row["realisasi"]) == ("BB", "B")
    assert math.isnan(row["capaian"])
    assert row["metode"] == "ordinal"
    assert not row["tercapai"]
    assert row["selisih_tingkat"] == -1
    assert (row["kategori"], row["kategori_label"]) == ("B", "Baik")
    assert pd.isna(row["audit"])  # nothing printed: nothing to audit
    assert "1 tingkat di bawah" in row["pesan"]


def test_value_scales_rate_the_realisation_and_capaian_scale_the_capaian(
    serang: pd.DataFrame,
) -> None:
    akip = _row(serang, "Nilai Evaluasi AKIP", 2021)
    assert (akip["kategori"], akip["skala"]) == ("CC", "akip")  # 57,12 → CC, not its 93,64 %
    poverty = _row(serang, "Angka Kemiskinan", 2022)  # lower is better: (2T − R) / T
    assert poverty["capaian"] == pytest.approx((2 * 5.06 - 4.88) / 5.06 * 100)
    assert (poverty["metode"], poverty["audit"], poverty["kategori"]) == ("lower", "ok", "ST")
    ikm = _row(serang, "Indeks Kepuasan Masyarakat ( IKM)", 2021)
    assert ikm["kategori"] == "B"  # 80,15 under ikm-2017 (76,61 – 88,30)


def test_correct_printed_capaian_pass_the_audit(serang: pd.DataFrame) -> None:
    assert (serang["audit"] == "ok").sum() == 10
    assert (serang["audit"] == "mismatch").sum() == 4
    assert serang.loc[serang["audit"] == "ok", "pesan"].isna().all()


# --------------------------------------------------------------------------- fixture cases


def _expected() -> list[dict[str, str]]:
    with (FIXTURES / "mixed-expected.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.fixture(scope="module")
def mixed() -> Any:
    return compute(read_realisation(FIXTURES / "mixed.csv"))


@pytest.mark.parametrize("case", _expected(), ids=lambda c: f"row{c['baris']}")
def test_mixed_kinds_fixture(mixed: Any, case: dict[str, str]) -> None:
    results = mixed.results
    row = results[results["baris"] == int(case["baris"])].iloc[0]
    if case["capaian"]:
        assert row["capaian"] == pytest.approx(float(case["capaian"]), abs=0.005)
    else:
        assert math.isnan(row["capaian"])
    for column in ("kategori", "metode", "audit", "galat_audit", "alasan"):
        got = row[column]
        assert (None if pd.isna(got) else got) == (case[column] or None), column
    met = row["tercapai"]
    assert (None if pd.isna(met) else str(bool(met)).lower()) == (case["tercapai"] or None)
    levels = row["selisih_tingkat"]
    assert (None if math.isnan(levels) else int(levels)) == (
        int(case["selisih_tingkat"]) if case["selisih_tingkat"] else None
    )


def test_unread_cells_are_reported_and_their_rows_kept(mixed: Any) -> None:
    cells = {(u.line, str(u.column), u.text) for u in mixed.unread}
    assert (14, "realisasi", "sekitar lima puluh") in cells
    assert (16, "arah", "menanjak") in cells
    results = mixed.results
    assert len(results) == 17
    row = results[results["baris"] == 14].iloc[0]
    assert "sekitar lima puluh" in row["pesan"] and "realisasi" in row["pesan"]


def test_unknown_scale_and_comparison_messages(mixed: Any) -> None:
    results = mixed.results.set_index("baris")
    assert "skala-tidak-ada" in results.loc[15, "pesan"]
    assert results.loc[9, "pesan"] == "Target tercapai."
    assert results.loc[10, "pesan"] == "Target tidak tercapai."  # < 20 is not met by 20


# --------------------------------------------------------------------------- DataFrame input


def test_dataframe_input_english_messages_and_no_capaian_column() -> None:
    frame = pd.DataFrame({
        "Indikator": ["a", "b", "c"],
        "TARGET": ["1.250", "80 – 90", "100"],
        "Realisasi": ["1.000", "95", "n/a"],
        "Satuan": ["Orang", "%", "%"],
    })
    result = compute(frame, lang="en")
    rows = result.results
    assert rows["capaian"].iloc[0] == pytest.approx(80.0)  # 1.250 is a thousands mark here
    assert rows["capaian"].iloc[1] == pytest.approx(95 / 90 * 100)
    assert rows["audit"].isna().all()
    assert rows["pesan"].iloc[2] == "Realisation is missing; capaian not computed."
    assert rows["arah"].tolist() == ["naik"] * 3
    assert rows["kategori"].tolist()[:2] == ["T", "ST"]  # default capaian scale


def test_dataframe_without_required_columns_is_rejected() -> None:
    from indikator.core.errors import TableError

    with pytest.raises(TableError) as error:
        compute(pd.DataFrame({"indikator": ["a"], "target": ["1"]}))
    assert "realisasi" in error.value.message("en")


def test_catalogue_supplies_direction_and_scale(tmp_path: Path) -> None:
    from indikator.catalog.loader import load_catalog

    (tmp_path / "katalog.toml").write_text(
        "[[indicator]]\ncode = 'angka-kemiskinan'\nname = 'Angka Kemiskinan'\n"
        "satuan = '%'\nformula = 'Jumlah penduduk miskin / Jumlah penduduk x 100%'\n"
        "arah = 'turun'\naggregation = 'last'\nscale = 'capaian-baik'\n",
        encoding="utf-8",
    )
    frame = pd.DataFrame({"indikator": ["Angka Kemiskinan", "Lain"], "target": ["10", "10"],
                          "realisasi": ["8", "8"]})
    rows = compute(frame, catalog=load_catalog(tmp_path)).results
    assert rows["capaian"].tolist() == pytest.approx([120.0, 80.0])
    assert rows["arah"].tolist() == ["turun", "naik"]
    assert rows["skala"].tolist() == ["capaian-baik", "capaian"]
    assert rows["kategori_label"].iloc[0] == "Sangat Baik"


def test_units_that_differ_and_coverage_above_100_are_flagged() -> None:
    frame = pd.DataFrame({
        "indikator": ["Cakupan imunisasi", "Jumlah dokumen"],
        "satuan": ["%", "Dokumen"],
        "target": ["95 %", "5 Dokumen"],
        "realisasi": ["104 %", "6 Laporan"],
    })
    messages = compute(frame, lang="en").results["pesan"].tolist()
    assert "above 100 %" in messages[0]
    assert "(Dokumen) differs from the realisation's (Laporan)" in messages[1]


def test_different_multipliers_are_compared_in_the_target_unit_and_said() -> None:
    """5 Miliar against 4.500.000.000 is 90 %, not 90 000 000 000 %; the shown cells stay as
    printed and the row names the number used."""
    frame = pd.DataFrame({
        "indikator": ["PAD", "Wisatawan", "Investasi", "Sama", "Turun"],
        "target": ["5 Miliar", "1.000.000", "2 Miliar", "5 Juta", "10 Juta"],
        "realisasi": ["4.500.000.000", "1,5 jt", "2.500 Juta", "4 Juta", "8.000.000"],
        "arah": ["naik", "naik", "naik", "naik", "turun"],
    })
    rows = compute(frame, lang="en").results
    assert rows["capaian"].tolist() == pytest.approx([90.0, 150.0, 125.0, 80.0, 120.0])
    assert rows["target"].tolist()[:2] == [5.0, 1_000_000.0]
    assert rows["realisasi"].tolist()[:2] == [4_500_000_000.0, 1.5]
    messages = rows["pesan"].tolist()
    assert "compared in the target's unit, 4.50 Miliar" in messages[0]
    assert "«1,5 jt»" in messages[1] and "1,500,000.00" in messages[1]
    assert pd.isna(messages[3])  # the same multiplier on both sides: nothing to say


def test_a_percentage_against_a_fraction_is_said_not_changed() -> None:
    frame = pd.DataFrame({
        "indikator": ["A", "B", "C", "D"],
        "target": ["80%", "0,9", "80%", "3 %"],
        "realisasi": ["0,85", "95 %", "85", "0,9 %"],
    })
    rows = compute(frame, lang="en").results
    # capaian from the printed numbers: the message gives the reading, it does not guess
    assert rows["capaian"].tolist() == pytest.approx([0.85 / 80 * 100, 95 / 0.9 * 100,
                                                      85 / 80 * 100, 30.0])
    messages = rows["pesan"].tolist()
    assert "realisation «0,85» without" in messages[0] and "(85.00 %)" in messages[0]
    assert "target «0,9» without" in messages[1] and "(90.00 %)" in messages[1]
    assert pd.isna(messages[2])  # 85: not a fraction
    assert pd.isna(messages[3])  # both with %: the table's way


_numbers = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_numbers, _numbers, st.sampled_from(["naik", "turun"])),
                min_size=1, max_size=30))
def test_engine_equals_the_scalar_rule(rows: list[tuple[float, float, str]]) -> None:
    frame = pd.DataFrame({
        "indikator": [f"i{k}" for k in range(len(rows))],
        "target": [repr(t) for t, _, _ in rows],
        "realisasi": [repr(r) for _, r, _ in rows],
        "arah": [a for _, _, a in rows],
    })
    got = compute(frame, default_scale="capaian").results["capaian"].to_numpy()
    want = [achievement(r, t, "lower" if a == "turun" else "higher") for t, r, a in rows]
    assert np.allclose(got, np.array(want, dtype=float), equal_nan=True, rtol=1e-12)


_CELLS = st.sampled_from([
    "61,00", "1.250", "3.460", "12 Bulan", "80 – 90", "7-8 bulan", "< 20 %", "≥ 95", "BB", "B",
    "WTP", "Sangat Tinggi", "-", "#DIV/0!", "", "  ", "0", "-5", "abc", "1:32", "100%", "8667",
])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_CELLS, _CELLS, _CELLS,
                          st.sampled_from(["naik", "turun", "", "Naik ", "x"]),
                          st.sampled_from(["", "akip", "capaian", "opini-bpk", "tidak-ada"])),
                min_size=1, max_size=25))
def test_any_cells_give_one_row_each_in_order(
    rows: list[tuple[str, str, str, str, str]],
) -> None:
    frame = pd.DataFrame(rows, columns=["target", "realisasi", "capaian", "arah", "skala"])
    frame.insert(0, "indikator", [f"Indikator {k}" for k in range(len(rows))])
    result = compute(frame)
    got = result.results
    assert got["indikator"].tolist() == frame["indikator"].tolist()
    assert got["baris"].tolist() == list(range(2, len(rows) + 2))
    capaian = got["capaian"].to_numpy(dtype=float)
    assert not np.isinf(capaian).any()
    assert set(got["audit"].dropna()) <= {"ok", "mismatch", "not-checkable"}
    # a row without capaian always says why (or is a met/not-met target)
    silent = got["capaian"].isna() & got["pesan"].isna()
    assert not silent.any(), got[silent]
    unread_rows = {u.line for u in result.unread}
    for line in unread_rows:
        assert got.loc[got["baris"] == line, "pesan"].notna().all()
