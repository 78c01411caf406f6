"""Laws of rating: monotonic, one band per value, generated scales accepted or rejected right.

The brute-force reference is :class:`Interval` membership (a Python test per band), which is
independent of the ``searchsorted`` segments the engine rates with.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.core.errors import ScaleError
from indikator.scales.intervals import format_number
from indikator.scales.loading import list_scales, scale_from_mapping
from indikator.scales.results import Rating, Ratings
from indikator.scales.scale import Scale

NUMERIC = [s for s in list_scales() if s.kind == "interval"]


def _round_half_up(value: float, digits: int | None) -> float:
    if digits is None:
        return value
    factor = 10.0**digits
    return math.floor(round(value * factor, 6) + 0.5) / factor


def _probe_values(scale: Scale, draw: st.DrawFn) -> list[float]:
    """Random values in the domain plus every band end and its float neighbours."""
    assert scale.domain is not None
    low = scale.domain.lower if scale.domain.lower is not None else -1000.0
    high = scale.domain.upper if scale.domain.upper is not None else 1000.0
    values = draw(st.lists(st.floats(low, high, allow_nan=False), min_size=1, max_size=40))
    for band in scale.bands:
        for end in (band.lower, band.upper):
            if end is not None:
                values += [end, math.nextafter(end, -math.inf), math.nextafter(end, math.inf)]
    return [v for v in values if v in scale.domain]


@pytest.mark.parametrize("scale", NUMERIC, ids=[s.name for s in NUMERIC])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_value_in_the_domain_gets_exactly_one_band(scale: Scale, data: Any) -> None:
    values = _probe_values(scale, data.draw)
    ratings = scale.rate(values)
    assert isinstance(ratings, Ratings)
    for value, rating in zip(values, ratings, strict=True):
        rounded = _round_half_up(value, scale.rounding)
        holders = [b.code for b in scale.bands if b.interval is not None and rounded in b.interval]
        assert len(holders) <= 1
        if scale.gaps == "not-rated" and not holders:
            assert rating.reason == "between-bands"
        else:
            assert holders == [rating.code], (value, rounded, holders, rating)


@pytest.mark.parametrize("scale", NUMERIC, ids=[s.name for s in NUMERIC])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_rating_is_monotonic_in_the_value(scale: Scale, data: Any) -> None:
    values = sorted(_probe_values(scale, data.draw))
    ranks = np.asarray(scale.rate(values).rank)  # type: ignore[union-attr]
    rated = ranks[~np.isnan(ranks)]
    steps = np.diff(rated)
    assert (steps >= 0).all() if scale.direction == "higher" else (steps <= 0).all()


# ---------------------------------------------------------------- generated scales


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[float], list[bool], tuple[bool, bool]]:
    """Cut points of a valid scale and, per inner cut, whether the upper band owns it."""
    cuts = draw(
        st.lists(
            st.integers(-10_000, 10_000).map(lambda i: i / 100),
            min_size=2,
            max_size=8,
            unique=True,
        )
    )
    cuts.sort()
    owners = draw(st.lists(st.booleans(), min_size=len(cuts) - 2, max_size=len(cuts) - 2))
    edges = (draw(st.booleans()), draw(st.booleans()))
    return cuts, owners, edges


def _write(low: float, low_closed: bool, high: float, high_closed: bool, style: int) -> str:
    """The interval in one of the notations a scale file may use."""
    a, b = format_number(low).replace(".", ","), format_number(high).replace(".", ",")
    if style == 1 and not low_closed and high_closed:
        return f"> {a} – {b}"
    if style == 1 and low_closed and high_closed:
        return f"{a} – {b}"
    if style == 2:
        return f"{a} {'≤' if low_closed else '<'} X {'≤' if high_closed else '<'} {b}"
    left, right = ("[" if low_closed else "("), ("]" if high_closed else ")")
    return f"{left}{format_number(low)}, {format_number(high)}{right}"


def _mapping(
    cuts: list[float], owners: list[bool], edges: tuple[bool, bool], styles: list[int]
) -> dict[str, Any]:
    bands = []
    for i in range(len(cuts) - 1):
        low_closed = edges[0] if i == 0 else owners[i - 1]
        high_closed = edges[1] if i == len(cuts) - 2 else not owners[i]
        if cuts[i] == cuts[i + 1]:
            continue
        text = _write(cuts[i], low_closed, cuts[i + 1], high_closed, styles[i % len(styles)])
        bands.append({"code": f"B{i}", "label": f"Band {i}", "interval": text})
    return {"title": "generated", "source": "hypothesis", "confidence": "unconfirmed",
            "bands": bands[::-1]}  # fmt: skip


styles = st.lists(st.integers(0, 2), min_size=1, max_size=4)


@settings(max_examples=120, deadline=None)
@given(partitions(), styles, st.lists(st.floats(-150, 150, allow_nan=False), max_size=30))
def test_generated_valid_scales_load_and_rate_like_brute_force(
    partition: tuple[list[float], list[bool], tuple[bool, bool]],
    chosen: list[int],
    values: list[float],
) -> None:
    cuts, owners, edges = partition
    scale = scale_from_mapping(_mapping(cuts, owners, edges, chosen), "generated.toml")
    probes = values + cuts + [math.nextafter(c, math.inf) for c in cuts]
    ratings = scale.rate(probes)
    assert isinstance(ratings, Ratings)
    for value, rating in zip(probes, ratings, strict=True):
        holders = [b.code for b in scale.bands if b.interval is not None and value in b.interval]
        assert len(holders) <= 1
        if holders:
            assert rating.code == holders[0]
        else:
            assert rating.reason == "outside-domain"
            assert scale.domain is not None and value not in scale.domain


@settings(max_examples=120, deadline=None)
@given(partitions(), styles, st.data())
def test_generated_overlaps_are_rejected_naming_the_bands(
    partition: tuple[list[float], list[bool], tuple[bool, bool]], chosen: list[int], data: Any
) -> None:
    cuts, owners, edges = partition
    if len(cuts) < 3:
        cuts = [*cuts, cuts[-1] + 1]
        owners = [False]
    mapping = _mapping(cuts, owners, edges, chosen)
    i = data.draw(st.integers(0, len(cuts) - 3))  # bands i and i + 1 meet at cuts[i + 1]
    stretch = data.draw(st.sampled_from([0.0, 0.5]))  # 0: they share the point cuts[i + 1]
    high = cuts[i + 1] + stretch * (cuts[i + 2] - cuts[i + 1])
    low_closed = edges[0] if i == 0 else owners[i - 1]
    upper_closed = edges[1] if i + 1 == len(cuts) - 2 else not owners[i + 1]
    for band in mapping["bands"]:
        if band["code"] == f"B{i}":
            band["interval"] = _write(cuts[i], low_closed, high, True, 0)
        if band["code"] == f"B{i + 1}":
            band["interval"] = _write(cuts[i + 1], True, cuts[i + 2], upper_closed, 0)
    with pytest.raises(ScaleError) as info:
        scale_from_mapping(mapping, "generated.toml")
    keys = getattr(info.value, "keys", [info.value.key])
    assert "scales.overlap" in keys
    text = info.value.message("en")
    assert f"B{i}" in text and f"B{i + 1}" in text and "generated.toml" in text


@settings(max_examples=120, deadline=None)
@given(partitions(), styles, st.data())
def test_generated_gaps_are_rejected_naming_the_bands(
    partition: tuple[list[float], list[bool], tuple[bool, bool]], chosen: list[int], data: Any
) -> None:
    cuts, owners, edges = partition
    if len(cuts) < 3:
        cuts = [*cuts, cuts[-1] + 1]
        owners = [True]
    mapping = _mapping(cuts, owners, edges, chosen)
    i = data.draw(st.integers(0, len(cuts) - 3))
    shrink = data.draw(st.sampled_from([0.0, 0.5]))
    high = cuts[i + 1] - shrink * (cuts[i + 1] - cuts[i])
    low_closed = edges[0] if i == 0 else owners[i - 1]
    upper_closed = edges[1] if i + 1 == len(cuts) - 2 else not owners[i + 1]
    for band in mapping["bands"]:
        if band["code"] == f"B{i}":
            band["interval"] = _write(cuts[i], low_closed, high, shrink != 0, 0)
        if band["code"] == f"B{i + 1}":
            band["interval"] = _write(cuts[i + 1], False, cuts[i + 2], upper_closed, 0)
    with pytest.raises(ScaleError) as info:
        scale_from_mapping(mapping, "generated.toml")
    assert getattr(info.value, "keys", [info.value.key]) == ["scales.gap"]
    text = info.value.message("en")
    assert f"B{i}" in text and f"B{i + 1}" in text and "generated.toml" in text
    # the same scale is accepted once it says how values in the gap are handled
    fixed = scale_from_mapping({**mapping, "gaps": "next-band"}, "generated.toml")
    middle = (high + cuts[i + 1]) / 2 if shrink else cuts[i + 1]
    rating = fixed.rate(middle)
    assert isinstance(rating, Rating) and rating.code == f"B{i + 1}"
