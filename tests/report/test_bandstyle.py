"""Band order and colours for reports, from any scale-like object."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from indikator.report.bandstyle import (
    NOT_RATED_COLOUR,
    UNKNOWN_COLOUR,
    ScaleView,
    palette,
    rated_quantity,
    resolve_scales,
    scale_view,
)


@dataclass(frozen=True)
class Interval:
    lower: float | None
    lower_closed: bool
    upper: float | None
    upper_closed: bool


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    interval: Interval


@dataclass(frozen=True)
class Scale:
    name: str
    bands: tuple[Band, ...]
    title: str = "IKM"
    source: str = "PermenPANRB 14/2017"
    confidence: str = "confirmed"


IKM = Scale(
    "ikm-2017",
    (
        Band("D", "Tidak Baik", Interval(25.0, True, 64.99, True)),
        Band("C", "Kurang Baik", Interval(65.0, True, 76.60, True)),
        Band("B", "Baik", Interval(76.61, True, 88.30, True)),
        Band("A", "Sangat Baik", Interval(88.31, True, 100.0, True)),
    ),
)


def test_palette_runs_green_yellow_red() -> None:
    assert palette(0) == []
    assert palette(1) == ["63BE7B"]
    assert palette(2) == ["63BE7B", "F8696B"]
    assert palette(3) == ["63BE7B", "FFEB84", "F8696B"]
    colours = palette(7)
    assert len(set(colours)) == 7 and colours[3] == "FFEB84"


def test_object_scale_with_nested_intervals_is_ordered_best_first() -> None:
    view = scale_view(IKM)
    assert [band.code for band in view.bands] == ["A", "B", "C", "D"]
    assert [band.position for band in view.bands] == [0, 1, 2, 3]
    assert view.colour("A") == "63BE7B" and view.colour("d") == "F8696B"
    assert view.band("Baik") is view.band("B")  # by label too, case-insensitive
    assert view.colour(None) == NOT_RATED_COLOUR
    assert view.colour("ZZ") == UNKNOWN_COLOUR
    assert view.extent() == (25.0, 100.0)
    assert view.source == "PermenPANRB 14/2017" and view.numeric


def test_lower_is_better_scale_is_reversed_and_ordinal_keeps_its_order() -> None:
    lower = scale_view({"name": "x", "direction": "lower", "bands": [
        {"code": "low", "upper": 10}, {"code": "high", "lower": 10}]})
    assert [band.code for band in lower.bands] == ["low", "high"]
    ordinal = scale_view({"name": "opini-bpk", "bands": [
        {"code": "WTP", "label": {"id": "Wajar Tanpa Pengecualian"}}, {"code": "WDP"},
        {"code": "TMP"}]})
    assert [band.code for band in ordinal.bands] == ["WTP", "WDP", "TMP"]
    assert ordinal.bands[0].label == "Wajar Tanpa Pengecualian"
    assert not ordinal.numeric and ordinal.extent() is None


def test_resolve_scales_prefers_given_and_reports_unknown_as_none() -> None:
    views = resolve_scales(["ikm-2017", None, "ikm-2017", "tidak-ada-skala-ini"], [IKM])
    assert list(views) == ["ikm-2017", "tidak-ada-skala-ini"]
    assert isinstance(views["ikm-2017"], ScaleView)
    assert views["tidak-ada-skala-ini"] is None


def test_shipped_scales_through_the_scale_engine() -> None:
    views = resolve_scales(["akip", "opini-bpk", "capaian"])
    akip, bpk, capaian = views["akip"], views["opini-bpk"], views["capaian"]
    assert akip is not None and bpk is not None and capaian is not None
    assert [band.code for band in akip.bands] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert akip.band("CC") is not None and akip.band("CC").lower == 50  # type: ignore[union-attr]
    assert capaian.bands[0].code == "ST"
    # ordinal by rank: WTP best; TW and TMP share the lowest rank, hence one colour
    assert bpk.bands[0].code == "WTP" and bpk.colour("WTP-PP") == "63BE7B"
    assert bpk.colour("TW") == bpk.colour("TMP") == "F8696B"


def test_rated_quantity_is_the_scales_rates_field() -> None:
    akip = scale_view({"name": "akip", "bands": [
        {"code": "B", "lower": 60, "upper": 70}, {"code": "CC", "lower": 50, "upper": 60}]})
    # AKIP 57,12 against target 61: capaian 93,64 %, and CC rates the value 57,12
    assert akip.rates == "value"  # the default of scale files
    assert rated_quantity(akip, "CC") == "realisasi"
    assert rated_quantity(akip, None) is None
    assert rated_quantity(None, "B") is None
    mine = scale_view({"name": "mine", "rates": "capaian", "bands": [
        {"code": "B", "lower": 60, "upper": 70}]})
    assert rated_quantity(mine, "B") == "capaian"
    # the shipped scales, through indikator.scales.scale.Scale.rates
    shipped = resolve_scales(["akip", "capaian", "lppd-2019", "skp-2021"])
    assert {name: rated_quantity(view, "X") for name, view in shipped.items()} == {
        "akip": "realisasi", "capaian": "capaian", "lppd-2019": "realisasi",
        "skp-2021": "capaian"}
    assert akip.distance("CC", 93.64) == pytest.approx(33.64)
