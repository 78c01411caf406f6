"""Rating scales: the shipped files, published data points, validation, vectorised rating."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indikator.core.errors import ScaleError
from indikator.scales.bandtable import parse_band_table
from indikator.scales.intervals import parse_interval
from indikator.scales.loading import list_scales, load_scale
from indikator.scales.rating import rate, skp_nilai
from indikator.scales.results import Rating, Ratings
from indikator.scales.scale import Band, Scale, ScaleProblems

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scales"

SHIPPED = {
    "akip",
    "indeks-rb",
    "capaian",
    "capaian-baik",
    "capaian-lama",
    "ikm-2004",
    "ikm-2017",
    "lppd-2008",
    "lppd-2019",
    "skp-2021",
    "opini-bpk",
    "idm",
    "lkjip-lama",
}


def test_every_required_scale_ships_and_names_its_source() -> None:
    scales = {s.name: s for s in list_scales()}
    assert set(scales) >= SHIPPED
    for scale in scales.values():
        assert scale.source and scale.title
        assert scale.confidence in ("confirmed", "unconfirmed")
        assert scale.path is not None and scale.path.endswith(f"{scale.name}.toml")


def test_unconfirmed_scales_are_marked() -> None:
    for name in ("lppd-2008", "lppd-2019", "lkjip-lama"):
        assert load_scale(name).confidence == "unconfirmed"
    lama = load_scale("lkjip-lama")
    assert lama.band("AA").confidence == "confirmed"  # "> 85 s.d. 100 = Memuaskan" was printed
    assert lama.band("AA").interval == parse_interval("> 85 – 100")
    assert all(b.confidence == "unconfirmed" for b in lama.bands if b.code != "AA")
    bpk = load_scale("opini-bpk")
    assert bpk.band("TW").confidence == bpk.band("TMP").confidence == "unconfirmed"


@pytest.mark.parametrize(
    ("value", "code"),
    [(80.68, "A"), (90.0, "A"), (90.01, "AA"), (80.04, "A"), (76.30, "BB"), (58.57, "CC"),
     (25.34, "D"), (100.0, "AA"), (0.0, "D"), (30.0, "D"), (30.000001, "C"), (60.0, "CC")],
)  # fmt: skip
def test_akip_data_points(value: float, code: str) -> None:
    assert rate(value, "akip").code == code
    assert rate(value, "indeks-rb").code == code


def test_ikm_regimes_disagree_on_76_475() -> None:
    assert rate(76.475, "ikm-2004").code == "B"
    assert rate(76.475, "ikm-2017").code == "C"
    result = rate(76.475, "ikm-2017")
    assert result.scale == "ikm-2017"  # a result names the scale it used


def test_ikm_two_decimal_gaps_are_bridged_by_rounding() -> None:
    ratings = rate([43.754, 43.755, 62.505, 64.994, 64.995, 25.0, 100.0], "ikm-2004")
    assert list(ratings.code) == ["D", "C", "B", "B", "B", "D", "A"]
    assert list(rate([64.994, 64.995, 76.605], "ikm-2017").code) == ["D", "C", "B"]


def test_lppd_data_points() -> None:
    assert list(rate([3.3308, 3.3596, 3.4144], "lppd-2008").code) == ["ST"] * 3
    codes = rate([3.43, 3.5036, 2.95, 0.3822], "lppd-2019").code
    assert list(codes) == ["T", "T", "S", "SR"]
    assert rate(3.43, "lppd-2019").label == "Tinggi"
    assert rate(0.3822, "lppd-2019").label == "Sangat Rendah"


def test_capaian_bands_gaps_and_above_100() -> None:
    values = [100, 91, 90.4, 90.5, 76, 75.5, 65.2, 50.4, 50.5, 184.75, -20.0]
    expected = ["ST", "ST", "T", "ST", "T", "T", "R", "SR", "R", "ST", "SR"]
    assert list(rate(values, "capaian").code) == expected
    baik = rate(values, "capaian-baik")
    assert list(baik.label[:5]) == ["Sangat Baik", "Sangat Baik", "Baik", "Sangat Baik", "Baik"]
    lama = rate([61, 60.4, 65, 66], "capaian-lama")
    assert list(lama.code) == ["C", "K", "C", "C"]
    assert list(rate([61, 65, 66], "capaian").code) == ["R", "R", "S"]


def test_idm_boundaries_are_not_rated_with_a_reason() -> None:
    ratings = rate([0.491, 0.4909, 0.4911, 0.707, 0.815, 0.9, 1.5], "idm")
    assert list(ratings.code) == [
        None, "SANGAT-TERTINGGAL", "TERTINGGAL", None, None, "MANDIRI", None,
    ]  # fmt: skip
    assert list(ratings.reason) == [
        "between-bands", None, None, "between-bands", "between-bands", None, "outside-domain",
    ]  # fmt: skip


def test_skp_predikat_and_nilai() -> None:
    capaian = [0, 30, 59, 59.4, 60, 70, 79, 80, 99, 100, 105, 110, 150]
    assert list(rate(capaian, "skp-2021").code) == [
        "SK", "SK", "SK", "SK", "K", "K", "K", "C", "C", "B", "SB", "SB", "SB",
    ]  # fmt: skip
    nilai = skp_nilai(capaian)
    assert nilai[0] == 0
    assert nilai[1] == pytest.approx(30 / 59 * 49)
    assert list(nilai[2:5]) == pytest.approx([49, 49, 50])  # 59,4 rounds to 59: SK, capped 49
    assert nilai[5] == pytest.approx(60)
    assert list(nilai[6:]) == pytest.approx([69, 70, 89, 109, 110 + 10 * 4 / 9, 120, 120])
    assert skp_nilai(100.0, at_maximum=True) == 120.0
    assert skp_nilai(99.0, at_maximum=True) == pytest.approx(89.0)


def test_ordinal_scales_rank_categories() -> None:
    bpk = load_scale("opini-bpk")
    assert bpk.rank("WTP") > bpk.rank("WDP") > bpk.rank("TW")
    assert bpk.rank("wtp-pp") == bpk.rank("WTP")
    assert bpk.compare("TW", "TMP") == 0  # order unconfirmed: tied
    assert bpk.compare("WDP", "WTP") == -1
    assert bpk.ordinal_codes()[:2] == ["WTP", "WDP"]
    akip = load_scale("akip")
    assert akip.compare("B", "BB") == -1
    assert akip.ordinal_codes() == ["AA", "A", "BB", "B", "CC", "C", "D"]
    with pytest.raises(ScaleError) as info:
        bpk.rank("XYZ")
    assert info.value.key == "scales.unknown_code"
    with pytest.raises(ScaleError) as info:
        rate(1.0, bpk)
    assert info.value.key == "scales.not_numeric"


def test_not_rated_values_carry_a_reason() -> None:
    ratings = rate([np.nan, 101.0, -0.5, 50.0, None], "akip")
    assert list(ratings.rated) == [False, False, False, True, False]
    assert list(ratings.reason) == ["missing", "outside-domain", "outside-domain", None, "missing"]
    single = rate(math.nan, "akip")
    assert isinstance(single, Rating)
    assert not single.rated and single.reason == "missing"
    assert "NaN" in single.message("en")
    assert single.to_json()["value"] is None


def test_shapes_scalar_array_series() -> None:
    assert isinstance(rate(80.68), Rating)
    assert isinstance(rate(np.float64(80.68)), Rating)
    array = rate(np.array([[80.68, 95.0], [10.0, 70.0]]).ravel())
    assert isinstance(array, Ratings) and isinstance(array.code, np.ndarray)
    series = pd.Series([80.68, np.nan, 95.0], index=["x", "y", "z"])
    rated = rate(series, "akip")
    assert isinstance(rated, Ratings)
    assert isinstance(rated.code, pd.Series)
    assert list(rated.code.index) == ["x", "y", "z"]
    assert rated.code["z"] == "AA" and pd.isna(rated.code["y"])
    frame = rated.to_frame()
    assert list(frame.columns) == ["value", "code", "label", "rank", "reason"]
    assert frame.loc["y", "reason"] == "missing"


def test_vectorised_equals_scalar() -> None:
    values = np.linspace(-5, 105, 2_201)
    for name in ("akip", "capaian", "ikm-2017", "skp-2021"):
        scale = load_scale(name)
        many = rate(values, scale)
        for i in range(0, values.size, 37):
            one = rate(float(values[i]), scale)
            assert isinstance(one, Rating)
            assert one == many[i]


def test_bad_values_are_rejected() -> None:
    with pytest.raises(ScaleError) as info:
        rate(["abc"], "akip")
    assert info.value.key == "scales.bad_value"


def test_unknown_scale_lists_the_known_ones() -> None:
    with pytest.raises(ScaleError) as info:
        load_scale("akipp")
    assert info.value.key == "scales.unknown_scale"
    assert "akip" in info.value.message("en")


def test_overlap_is_rejected_naming_file_and_bands() -> None:
    with pytest.raises(ScaleError) as info:
        load_scale(FIXTURES / "overlap.toml")
    error = info.value
    assert error.key == "scales.overlap"
    text = error.message("en")
    assert "overlap.toml" in text and "RENDAH" in text and "TINGGI" in text and "[80, 80]" in text


def test_gap_is_rejected_unless_handled() -> None:
    with pytest.raises(ScaleError) as info:
        load_scale(FIXTURES / "gap.toml")
    assert info.value.key == "scales.gap"
    assert "(60, 61)" in info.value.message("en") and "gap.toml" in info.value.message("en")
    with pytest.raises(ScaleError) as info:
        load_scale(FIXTURES / "gap-rounding.toml")
    assert info.value.key == "scales.gap_rounding"  # one decimal still falls in (60, 61)
    assert "60.1" in info.value.message("en")


def _two_bands(**options: object) -> Scale:
    bands = (
        Band("HIGH", "High", parse_interval("61 – 100")),
        Band("LOW", "Low", parse_interval("0 – 60")),
    )
    return Scale("t", "t", "test", "unconfirmed", bands, **options)  # type: ignore[arg-type]


def test_gap_policies() -> None:
    assert rate(60.5, _two_bands(gaps="next-band")).code == "HIGH"
    assert rate(60.5, _two_bands(gaps="previous-band")).code == "LOW"
    assert rate(60.5, _two_bands(gaps="not-rated")).reason == "between-bands"
    assert rate(60.5, _two_bands(rounding=0)).code == "HIGH"  # half up
    assert rate(60.49, _two_bands(rounding=0)).code == "LOW"
    with pytest.raises(ScaleError) as info:
        _two_bands(gaps="sideways")
    assert info.value.key == "scales.bad_field"


def test_several_problems_are_reported_together() -> None:
    bands = (
        Band("A", "A", parse_interval("[0, 10]")),
        Band("B", "B", parse_interval("[5, 20]")),
        Band("C", "C", parse_interval("[30, 40]")),
    )
    with pytest.raises(ScaleProblems) as info:
        Scale("many", "t", "test", "confirmed", bands)
    assert info.value.keys == ["scales.overlap", "scales.gap"]
    assert "2" in info.value.message("en")


def test_missing_fields_and_bad_intervals_in_a_file(tmp_path: Path) -> None:
    file = tmp_path / "broken.toml"
    file.write_text(
        'title = "x"\nconfidence = "confirmed"\n[[bands]]\ncode = "A"\ninterval = "> 90 -"\n',
        encoding="utf-8",
    )
    with pytest.raises(ScaleProblems) as info:
        load_scale(file)
    assert info.value.keys == ["scales.missing_field", "scales.band_interval"]
    assert "broken.toml" in info.value.message("en")
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("title = \n", encoding="utf-8")
    with pytest.raises(ScaleError) as error:
        load_scale(bad_toml)
    assert error.value.key == "scales.bad_toml"


def test_user_folders_override_and_extend(monkeypatch: pytest.MonkeyPatch) -> None:
    user = FIXTURES / "user"
    monkeypatch.setenv("INDIKATOR_SCALES", str(user))
    assert rate(80.68, "akip").code == "LULUS"
    assert rate(5.5, "kustom").code == "HIGH"  # gaps = "next-band"
    names = {s.name for s in list_scales()}
    assert {"kustom", "ikm-2017"} <= names
    monkeypatch.delenv("INDIKATOR_SCALES")
    assert rate(80.68, "akip").code == "A"
    assert load_scale("kustom", paths=[user]).name == "kustom"


@pytest.mark.parametrize("name", ["akip-printed", "capaian-printed", "lkjip-printed"])
def test_band_tables_as_documents_print_them(name: str) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    bands, skipped = parse_band_table(text)
    got = [{"code": b.code, "label": b.label, **b.interval.to_json()} for b in bands if b.interval]
    assert got == expected["bands"]
    assert [{"line": n, "text": t} for n, t in skipped] == expected["skipped"]


def test_single_printed_lines() -> None:
    (band,), _ = parse_band_table("1 91 % ≤ 100 % Sangat Baik")
    assert (band.code, band.label, str(band.interval)) == (
        "Sangat Baik",
        "Sangat Baik",
        "[91, 100]",
    )
    (band,), _ = parse_band_table("- AA > 90 - 100 : Sangat Memuaskan")
    assert (band.code, band.label, str(band.interval)) == ("AA", "Sangat Memuaskan", "(90, 100]")


def test_every_message_key_used_exists() -> None:
    from indikator.core.i18n import catalogue

    package = Path(__file__).parents[2] / "indikator"
    sources = [
        package / "scales" / "scale.py",
        package / "scales" / "intervals.py",
        package / "cli" / "commands" / "scale.py",
    ]
    used = set()
    for source in sources:
        used |= set(re.findall(r'"(scales\.[a-z_]+)"', source.read_text(encoding="utf-8")))
    assert len(used) > 20
    assert used <= set(catalogue())


def test_nested_errors_follow_the_language(tmp_path: Path) -> None:
    file = tmp_path / "one.toml"
    file.write_text(
        'title = "x"\nsource = "s"\nconfidence = "confirmed"\n'
        '[[bands]]\ncode = "A"\ninterval = "> 90 -"\n',
        encoding="utf-8",
    )
    with pytest.raises(ScaleError) as info:
        load_scale(file)
    assert info.value.key == "scales.band_interval"
    assert "Cannot read the interval" in info.value.message("en")
    assert "Interval tidak dapat dibaca" in info.value.message("id")


def test_gap_at_the_domain_edge_speaks_both_languages() -> None:
    bands = (Band("A", "A", parse_interval("[0, 50]")),)
    with pytest.raises(ScaleError) as info:
        Scale("edge", "t", "test", "confirmed", bands, domain=parse_interval("[0, 100]"))
    assert info.value.key == "scales.gap"
    assert "(50, 100]" in info.value.message("en")
    assert "domain limit" in info.value.message("en")
    assert "batas domain" in info.value.message("id")
    with pytest.raises(ScaleError) as info:
        Scale(
            "edge", "t", "test", "confirmed", bands,
            domain=parse_interval("[0, 100]"), gaps="next-band",
        )  # fmt: skip
    assert info.value.key == "scales.gap_no_band"
    assert "next" in info.value.message("en")
    accepted = Scale(
        "edge", "t", "test", "confirmed", bands, domain=parse_interval("[0, 100]"), gaps="not-rated"
    )
    assert rate(70.0, accepted).reason == "between-bands"
    assert rate(170.0, accepted).reason == "outside-domain"


CAPAIAN_SCALES = {"capaian", "capaian-baik", "capaian-lama", "lkjip-lama", "skp-2021"}


def test_what_each_shipped_scale_rates() -> None:
    rates = {scale.name: scale.rates for scale in list_scales() if scale.name in SHIPPED}
    assert set(rates) == SHIPPED
    assert {name for name, what in rates.items() if what == "capaian"} == CAPAIAN_SCALES
    assert {name for name, what in rates.items() if what == "value"} == SHIPPED - CAPAIAN_SCALES


def test_a_bad_rates_value_in_a_user_file_is_rejected(tmp_path: Path) -> None:
    file = tmp_path / "mine.toml"
    file.write_text(
        'title = "x"\nsource = "y"\nconfidence = "confirmed"\nrates = "realisasi"\n'
        '[[bands]]\ncode = "A"\ninterval = "[0, 100]"\n',
        encoding="utf-8",
    )
    with pytest.raises(ScaleError) as info:
        load_scale(file)
    assert info.value.key == "scales.bad_field" and info.value.params["field"] == "rates"
    message = info.value.message("en")
    assert "mine.toml" in message and "`rates`" in message and "'realisasi'" in message
    assert "'value'" in message and "'capaian'" in message
    assert "kolom `rates` tidak sah" in info.value.message("id")
    good = tmp_path / "mine-ok.toml"
    good.write_text(file.read_text(encoding="utf-8").replace('"realisasi"', '"capaian"'),
                    encoding="utf-8")
    assert load_scale(good).rates == "capaian"
