"""Rating scales as data, and vectorised rating of values on them.

A scale file (``definitions/scales/*.toml``, syntax in ``definitions/scales/README.md``) names
its regulation, its confidence and its bands; each band has a code, a label and an interval in
the grammar's notation (:mod:`indikator.scales.intervals`).  :class:`Scale` validates itself when
it is
built: overlapping bands are errors, and so are gaps between bands unless the scale says how such
values are handled (``rounding = N`` when no N-decimal value can fall in a gap, or
``gaps = "next-band" | "previous-band" | "not-rated"``).  Every message names the file and the
bands.

:func:`rate` rates scalars, numpy arrays and pandas Series with one ``numpy.searchsorted`` over
precomputed half-open float segments (no Python loop per value); NaN and values outside the
domain come back "not rated" with a reason.  Ordinal scales (BPK opinions) and the codes of
numeric scales are ranked with :meth:`Scale.rank` for categorical comparisons.
:func:`parse_band_table` reads a band table as documents print it.

This module does not compute capaian (:mod:`indikator.capaian.methods`) and never imports pandas
unless a Series is passed in.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, overload

import numpy as np
import numpy.typing as npt

from indikator.core.errors import ScaleError
from indikator.core.i18n import Message, t
from indikator.core.resources import data_dir
from indikator.scales.intervals import Interval, format_number, parse_interval

__all__ = [
    "GAP_POLICIES",
    "Band",
    "Rating",
    "Ratings",
    "Scale",
    "ScaleProblems",
    "list_scales",
    "load_scale",
    "parse_band_table",
    "rate",
    "scale_paths",
    "skp_nilai",
]

GAP_POLICIES: Final = ("error", "next-band", "previous-band", "not-rated")
CONFIDENCE: Final = ("confirmed", "unconfirmed")
KINDS: Final = ("interval", "ordinal")
ENV_VAR: Final = "INDIKATOR_SCALES"

# reasons a value is not rated (index into _REASONS)
_RATED, _OUTSIDE, _BETWEEN, _MISSING = 0, 1, 2, 3
RATED_QUANTITIES: Final = ("value", "capaian")
"""What a scale rates: the indicator's own value (AKIP score, IKM, LPPD) or its capaian %."""

_REASONS: Final = (None, "outside-domain", "between-bands", "missing")
_REASON_KEYS: Final = {
    "outside-domain": "scales.reason_outside_domain",
    "between-bands": "scales.reason_between_bands",
    "missing": "scales.reason_missing",
}

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
SmallIntArray = npt.NDArray[np.int16]
TinyIntArray = npt.NDArray[np.int8]


class ScaleProblems(ScaleError):
    """Several problems found while validating one scale; ``problems`` holds each as an error."""

    def __init__(self, name: str, path: str, problems: Sequence[ScaleError]) -> None:
        super().__init__(
            "scales.several_problems", name=name, path=path, count=len(problems), details=""
        )
        self.problems = list(problems)

    def message(self, lang: str | None = None) -> str:
        details = "\n".join(f"- {problem.message(lang)}" for problem in self.problems)
        return t(self.key, lang, **{**self.params, "details": details})

    @property
    def keys(self) -> list[str]:
        return [problem.key for problem in self.problems]


@dataclass(frozen=True)
class Band:
    """One category of a scale: code, label and (for numeric scales) its interval."""

    code: str
    label: str
    interval: Interval | None = None
    confidence: str = "confirmed"
    printed: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()
    rank: int | None = None
    score: tuple[float, float, float, float] | None = None

    @property
    def lower(self) -> float | None:
        return None if self.interval is None else self.interval.lower

    @property
    def upper(self) -> float | None:
        return None if self.interval is None else self.interval.upper

    @property
    def lower_closed(self) -> bool:
        return self.interval is not None and self.interval.lower_closed

    @property
    def upper_closed(self) -> bool:
        return self.interval is not None and self.interval.upper_closed

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "label": self.label}
        if self.interval is not None:
            data.update(self.interval.to_json())
            data["interval"] = str(self.interval)
        if self.printed:
            data["printed"] = self.printed
        data["confidence"] = self.confidence
        if self.aliases:
            data["aliases"] = list(self.aliases)
        if self.note:
            data["note"] = self.note
        return data


def _start(interval: Interval) -> float:
    """First float inside *interval* (segments are half-open ``[start, stop)``)."""
    if interval.lower is None:
        return -math.inf
    return interval.lower if interval.lower_closed else math.nextafter(interval.lower, math.inf)


def _stop(interval: Interval) -> float:
    if interval.upper is None:
        return math.inf
    return math.nextafter(interval.upper, math.inf) if interval.upper_closed else interval.upper


def _intersection(a: Interval, b: Interval) -> Interval:
    lows = [(x.lower, x.lower_closed) for x in (a, b) if x.lower is not None]
    highs = [(x.upper, x.upper_closed) for x in (a, b) if x.upper is not None]
    low = max(v for v, _ in lows) if lows else None
    high = min(v for v, _ in highs) if highs else None
    low_closed = low is not None and all(c for v, c in lows if v == low)
    high_closed = high is not None and all(c for v, c in highs if v == high)
    return Interval(low, low_closed, high, high_closed)


def _first_multiple(gap: Interval, digits: int) -> float | None:
    """A value with *digits* decimals inside *gap*, or ``None`` when there is none."""
    factor = 10.0**digits
    if gap.lower is None or gap.upper is None:
        if gap.upper is not None:
            return (math.floor(round(gap.upper * factor, 6)) - 1) / factor
        if gap.lower is not None:
            return (math.ceil(round(gap.lower * factor, 6)) + 1) / factor
        return 0.0
    low = round(gap.lower * factor, 6)
    high = round(gap.upper * factor, 6)
    k = math.ceil(low)
    if k == low and not gap.lower_closed:
        k += 1
    if k < high or (k == high and gap.upper_closed):
        return k / factor
    return None


def _round_half_up(values: FloatArray, digits: int) -> FloatArray:
    """Round as people do ("pembulatan"): 76,475 → 76,48; float noise removed first."""
    factor = 10.0**digits
    scaled = np.round(values * factor, 6)
    result: FloatArray = np.floor(scaled + 0.5) / factor
    return result


@dataclass(frozen=True, eq=False)
class Scale:
    """A named rating scale; validates itself (overlaps, gaps, domain) when constructed."""

    name: str
    title: str
    source: str
    confidence: str
    bands: tuple[Band, ...]
    kind: str = "interval"
    domain: Interval | None = None
    gaps: str = "error"
    rounding: int | None = None
    direction: str = "higher"
    rates: str = "value"
    notes: str | None = None
    path: str | None = None
    _edges: FloatArray = field(init=False, repr=False)
    _segment_band: SmallIntArray = field(init=False, repr=False)
    _segment_reason: TinyIntArray = field(init=False, repr=False)
    _ranks: dict[str, int] = field(init=False, repr=False)
    _lookup: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        problems = self._check_fields()
        if not problems and self.kind == "interval":
            problems = self._build_segments()
        if problems:
            if len(problems) == 1:
                raise problems[0]
            raise ScaleProblems(self.name, self._where(), problems)
        self._build_ranks()

    # ------------------------------------------------------------------ validation

    def _where(self) -> str:
        return self.path or "<memory>"

    def _problem(self, key: str, **params: Any) -> ScaleError:
        return ScaleError(key, name=self.name, path=self._where(), **params)

    def _check_fields(self) -> list[ScaleError]:
        problems: list[ScaleError] = []

        def bad(field_name: str, detail: str) -> None:
            problems.append(self._problem("scales.bad_field", field=field_name, detail=detail))

        if self.kind not in KINDS:
            bad("kind", f"{self.kind!r} ∉ {list(KINDS)}")
        if self.confidence not in CONFIDENCE:
            bad("confidence", f"{self.confidence!r} ∉ {list(CONFIDENCE)}")
        if self.gaps not in GAP_POLICIES:
            bad("gaps", f"{self.gaps!r} ∉ {list(GAP_POLICIES)}")
        if self.direction not in ("higher", "lower"):
            bad("direction", f"{self.direction!r} ∉ ['higher', 'lower']")
        if self.rates not in RATED_QUANTITIES:
            bad("rates", f"{self.rates!r} ∉ {list(RATED_QUANTITIES)}")
        if self.rounding is not None and not (0 <= self.rounding <= 12):
            bad("rounding", f"{self.rounding!r}: 0 … 12")
        if not self.bands:
            problems.append(self._problem("scales.missing_field", field="bands"))
        seen: set[str] = set()
        for band in self.bands:
            if band.confidence not in CONFIDENCE:
                bad(f"bands.{band.code}.confidence", repr(band.confidence))
            for key in (band.code, *band.aliases):
                folded = key.casefold()
                if folded in seen:
                    problems.append(self._problem("scales.duplicate_code", band=key))
                seen.add(folded)
            if self.kind == "interval" and band.interval is None:
                problems.append(
                    self._problem("scales.missing_field", field=f"bands.{band.code}.interval")
                )
        return problems

    def _build_segments(self) -> list[ScaleError]:
        problems: list[ScaleError] = []
        indexed = [(i, b, b.interval) for i, b in enumerate(self.bands) if b.interval is not None]
        domain = self.domain
        if domain is None:
            lowest = min(indexed, key=lambda item: _start(item[2]))[2]
            highest = max(indexed, key=lambda item: _stop(item[2]))[2]
            domain = Interval(
                lowest.lower, lowest.lower_closed, highest.upper, highest.upper_closed
            )
            object.__setattr__(self, "domain", domain)
        d_start, d_stop = _start(domain), _stop(domain)
        clipped = []
        for index, band, interval in indexed:
            start, stop = max(_start(interval), d_start), min(_stop(interval), d_stop)
            if start >= stop:
                problems.append(
                    self._problem(
                        "scales.band_outside_domain",
                        band=band.code,
                        interval=str(interval),
                        domain=str(domain),
                    )
                )
                continue
            clipped.append((start, stop, index, interval))
        clipped.sort(key=lambda item: (item[0], item[1]))

        # segments: (start, band index or -1, reason); the first starts at -inf
        segments: list[tuple[float, int, int]] = [(-math.inf, -1, _OUTSIDE)]
        cursor, cursor_band = d_start, -1
        edge_name = Message("scales.domain_edge")
        for start, stop, index, interval in clipped:
            band = self.bands[index]
            if start < cursor:
                previous = self.bands[cursor_band]
                assert previous.interval is not None
                overlap = _intersection(previous.interval, interval)
                problems.append(
                    self._problem(
                        "scales.overlap",
                        first=previous.code,
                        first_interval=str(previous.interval),
                        second=band.code,
                        second_interval=str(interval),
                        where=str(overlap),
                    )
                )
                if stop > cursor:
                    cursor, cursor_band = stop, index
                continue
            if start > cursor:
                gap_problem = self._gap(
                    segments, cursor, start, cursor_band, index, domain, edge_name
                )
                if gap_problem is not None:
                    problems.append(gap_problem)
            segments.append((start, index, _RATED))
            cursor, cursor_band = stop, index
        if cursor < d_stop:
            gap_problem = self._gap(segments, cursor, d_stop, cursor_band, -1, domain, edge_name)
            if gap_problem is not None:
                problems.append(gap_problem)
        segments.append((d_stop, -1, _OUTSIDE))
        if problems:
            return problems
        # Consecutive segments may share a start (an empty segment): searchsorted(side="right")
        # then always picks the later one, so they need no special care.
        edges = np.array([s[0] for s in segments[1:]], dtype=np.float64)
        object.__setattr__(self, "_edges", edges)
        # int16 band indices: a quarter of the memory traffic of intp on 10^7 values
        object.__setattr__(self, "_segment_band", np.array([s[1] for s in segments], np.int16))
        object.__setattr__(self, "_segment_reason", np.array([s[2] for s in segments], np.int8))
        return []

    def _gap(
        self,
        segments: list[tuple[float, int, int]],
        start: float,
        stop: float,
        left: int,
        right: int,
        domain: Interval,
        edge_name: Message,
    ) -> ScaleError | None:
        """Handle the gap ``[start, stop)`` between band *left* and band *right* (-1: edge)."""
        left_band = self.bands[left] if left >= 0 else None
        right_band = self.bands[right] if right >= 0 else None
        gap = self._gap_interval(left_band, right_band, domain)
        first = left_band.code if left_band else edge_name
        second = right_band.code if right_band else edge_name
        where = str(gap)
        if self.gaps == "not-rated":
            segments.append((start, -1, _BETWEEN))
            return None
        if self.gaps in ("next-band", "previous-band"):
            target = right if self.gaps == "next-band" else left
            if target < 0:
                side = Message(
                    "scales.side_next" if self.gaps == "next-band" else "scales.side_previous"
                )
                return self._problem("scales.gap_no_band", where=where, side=side, policy=self.gaps)
            segments.append((start, target, _RATED))
            return None
        if self.rounding is None:
            return self._problem("scales.gap", where=where, first=first, second=second)
        example = _first_multiple(gap, self.rounding)
        if example is not None:
            return self._problem(
                "scales.gap_rounding",
                rounding=self.rounding,
                example=format_number(example),
                where=where,
                first=first,
                second=second,
            )
        segments.append((start, -1, _BETWEEN))  # unreachable after rounding
        return None

    @staticmethod
    def _gap_interval(left: Band | None, right: Band | None, domain: Interval) -> Interval:
        if left is not None and left.interval is not None:
            low, low_closed = left.interval.upper, not left.interval.upper_closed
        else:
            low, low_closed = domain.lower, domain.lower_closed
        if right is not None and right.interval is not None:
            high, high_closed = right.interval.lower, not right.interval.lower_closed
        else:
            high, high_closed = domain.upper, domain.upper_closed
        try:
            return Interval(low, low_closed, high, high_closed)
        except ScaleError:
            return Interval(low, True, low, True) if low is not None else domain

    def _build_ranks(self) -> None:
        ranks: dict[str, int] = {}
        lookup: dict[str, int] = {}
        count = len(self.bands)
        if self.kind == "interval":
            order = sorted(range(count), key=lambda i: _start(self.bands[i].interval))  # type: ignore[arg-type]
            if self.direction == "lower":
                order.reverse()
            positions = {index: position + 1 for position, index in enumerate(order)}
        else:
            positions = {i: count - i for i in range(count)}  # listed best first
        for index, band in enumerate(self.bands):
            rank = band.rank if band.rank is not None else positions[index]
            ranks[band.code] = rank
            for key in (band.code, *band.aliases, band.label):
                lookup.setdefault(_fold(key), index)
        object.__setattr__(self, "_ranks", ranks)
        object.__setattr__(self, "_lookup", lookup)

    # ------------------------------------------------------------------ categories

    def band(self, code: str) -> Band:
        """The band for a code, alias or label (case and spacing ignored)."""
        index = self._lookup.get(_fold(code))
        if index is None:
            raise ScaleError(
                "scales.unknown_code",
                name=self.name,
                code=code,
                known=", ".join(b.code for b in self.bands),
            )
        return self.bands[index]

    def rank(self, code: str) -> int:
        """Ordinal position of a category, higher = better (equal ranks: order unknown)."""
        return self._ranks[self.band(code).code]

    def compare(self, actual: str, target: str) -> int:
        """Levels *actual* stands above (+) or below (−) *target*; 0 = same rank."""
        return self.rank(actual) - self.rank(target)

    def ordinal_codes(self) -> list[str]:
        """Codes best first (the order :mod:`indikator.capaian.methods` expects)."""
        return [b.code for b in sorted(self.bands, key=lambda b: -self._ranks[b.code])]

    # ------------------------------------------------------------------ rating

    def _segments(self, values: FloatArray) -> IntArray:
        if self.kind != "interval":
            raise ScaleError(
                "scales.not_numeric", name=self.name, example=", ".join(self.ordinal_codes()[:3])
            )
        if self.rounding is not None:
            values = _round_half_up(values, self.rounding)
        segments: IntArray = np.searchsorted(self._edges, values, side="right")
        return segments

    def rate(self, values: Any) -> Rating | Ratings:
        """Rate a number (→ :class:`Rating`) or an array / Series (→ :class:`Ratings`)."""
        result: Rating | Ratings = rate(values, self)
        return result

    def score(self, values: Any) -> Any:
        """The piecewise-linear score of each value (bands with ``score``), NaN elsewhere."""
        array, index = _as_array(values)
        segments = self._segments(array)
        band_index = self._segment_band[segments]
        table = np.array(
            [b.score if b.score is not None else (np.nan,) * 4 for b in self.bands]
            + [(np.nan,) * 4],
            dtype=np.float64,
        )
        x0, x1, y0, y1 = table[band_index].T
        width = x1 - x0
        slope = np.divide(y1 - y0, width, out=np.zeros_like(width), where=width != 0)
        result = y0 + (np.clip(array, x0, x1) - x0) * slope
        return _shape_like(values, result, index, "score")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "confidence": self.confidence,
            "kind": self.kind,
        }
        if self.kind == "interval":
            assert self.domain is not None
            data["domain"] = {**self.domain.to_json(), "interval": str(self.domain)}
            data["gaps"] = self.gaps
            data["rounding"] = self.rounding
            data["direction"] = self.direction
            data["rates"] = self.rates
        if self.notes:
            data["notes"] = self.notes
        data["path"] = self.path
        data["bands"] = [{**b.to_json(), "rank": self._ranks[b.code]} for b in self.bands]
        return data


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------- results


@dataclass(frozen=True)
class Rating:
    """The rating of one value: code and label, or ``reason`` why it was not rated."""

    value: float
    code: str | None
    label: str | None
    scale: str
    reason: str | None = None
    rank: int | None = None

    @property
    def rated(self) -> bool:
        return self.code is not None

    def message(self, lang: str | None = None, domain: str = "") -> str:
        if self.reason is None:
            return f"{self.code} ({self.label})"
        return t(_REASON_KEYS[self.reason], lang, domain=domain)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value if math.isfinite(self.value) else None,
            "code": self.code,
            "label": self.label,
            "scale": self.scale,
            "rated": self.rated,
            "reason": self.reason,
        }


class Ratings:
    """Ratings of many values.  ``band_index`` is -1 where not rated.

    ``code``, ``label``, ``rank`` and ``reason`` are built on first use; they are numpy arrays,
    or pandas Series with the input's index when a Series was rated.
    """

    def __init__(
        self, scale: Scale, values: FloatArray, segments: IntArray, index: Any = None
    ) -> None:
        self.scale = scale
        self.values = values
        self.segments = segments
        self.band_index: SmallIntArray = scale._segment_band[segments]
        self._index = index

    def __len__(self) -> int:
        return int(self.values.size)

    def _wrap(self, array: Any, name: str) -> Any:
        if self._index is None:
            return array
        import pandas as pd

        return pd.Series(array, index=self._index, name=name)

    @property
    def rated(self) -> Any:
        return self._wrap(self.band_index >= 0, "rated")

    def _codes(self) -> npt.NDArray[np.object_]:
        return np.array([b.code for b in self.scale.bands] + [None], dtype=object)[self.band_index]

    @property
    def code(self) -> Any:
        return self._wrap(self._codes(), "code")

    @property
    def label(self) -> Any:
        labels = np.array([b.label for b in self.scale.bands] + [None], dtype=object)
        return self._wrap(labels[self.band_index], "label")

    @property
    def rank(self) -> Any:
        ranks = np.array(
            [self.scale._ranks[b.code] for b in self.scale.bands] + [np.nan], dtype=np.float64
        )
        return self._wrap(ranks[self.band_index], "rank")

    def _reason_codes(self) -> TinyIntArray:
        reasons: TinyIntArray = self.scale._segment_reason[self.segments]
        return np.where(np.isnan(self.values), np.int8(_MISSING), reasons)

    @property
    def reason(self) -> Any:
        names = np.array(_REASONS, dtype=object)
        return self._wrap(names[self._reason_codes()], "reason")

    def __getitem__(self, position: int) -> Rating:
        band = int(self.band_index[position])
        value = float(self.values[position])
        if band < 0:
            code = self.scale._segment_reason[self.segments[position]]
            reason = _REASONS[_MISSING if math.isnan(value) else int(code)]
            return Rating(value, None, None, self.scale.name, reason)
        chosen = self.scale.bands[band]
        return Rating(
            value, chosen.code, chosen.label, self.scale.name, None, self.scale._ranks[chosen.code]
        )

    def __iter__(self) -> Iterator[Rating]:
        return (self[i] for i in range(len(self)))

    def to_list(self) -> list[dict[str, Any]]:
        return [rating.to_json() for rating in self]

    def to_frame(self) -> Any:
        """A pandas DataFrame: value, code, label, rank, reason (imports pandas)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "value": self.values,
                "code": self._codes(),
                "label": np.asarray(self.label),
                "rank": np.asarray(self.rank),
                "reason": np.asarray(self.reason),
            },
            index=self._index,
        )


def _is_series(values: Any) -> bool:
    from indikator.core.shapes import is_series

    return is_series(values)


def _as_array(values: Any) -> tuple[FloatArray, Any]:
    index = values.index if _is_series(values) else None
    try:
        if index is not None:
            array = values.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ScaleError("scales.bad_value", value=_short(values)) from exc
    return array, index


def _short(values: Any) -> str:
    text = repr(values)
    return text if len(text) <= 80 else text[:77] + "..."


def _shape_like(values: Any, result: FloatArray, index: Any, name: str) -> Any:
    if index is not None:
        import pandas as pd

        return pd.Series(result, index=index, name=name)
    if np.ndim(values) == 0:
        return float(result)
    return result


@overload
def rate(values: float, scale: str | Scale = ...) -> Rating: ...
@overload
def rate(values: Any, scale: str | Scale = ...) -> Rating | Ratings: ...
def rate(values: Any, scale: str | Scale = "akip") -> Rating | Ratings:
    """Rate *values* on *scale* (a name, a path to a scale file, or a :class:`Scale`).

    A scalar gives one :class:`Rating`; a sequence, numpy array or pandas Series gives
    :class:`Ratings` (arrays or Series of code, label, rank, reason).  NaN, ``None`` and values
    outside the scale's domain are not rated, with a reason.
    """
    chosen = scale if isinstance(scale, Scale) else load_scale(scale)
    array, index = _as_array(values)
    segments = chosen._segments(array)
    if index is None and array.ndim == 0:
        return Ratings(chosen, array.reshape(1), segments.reshape(1))[0]
    return Ratings(chosen, array, segments, index)


def skp_nilai(capaian: Any, at_maximum: Any = False, scale: str | Scale = "skp-2021") -> Any:
    """Nilai of SKP capaian (PermenPANRB 8/2021), piecewise linear per predikat band.

    ≤ 59 % → capaian / 59 × 49; 60–79 % → 50 … 69; 80–99 % → 70 … 89; 100 % → 109 (worked
    example); above 100 % rising to 120 at 110 % and 120 beyond (unconfirmed between 100 and
    110).  *at_maximum*: the target was already the maximum, so 100 % counts as nilai 120.
    """
    chosen = scale if isinstance(scale, Scale) else load_scale(scale)
    array, index = _as_array(capaian)
    nilai = np.asarray(chosen.score(array), dtype=np.float64)
    maximum = np.asarray(at_maximum, dtype=bool) & (array >= 100)
    nilai = np.where(maximum, 120.0, nilai)
    return _shape_like(capaian, nilai, index, "nilai")


# ---------------------------------------------------------------------- loading


def _as_str(data: Mapping[str, Any], key: str, default: str | None = None) -> str | None:
    value = data.get(key, default)
    return None if value is None else str(value)


def scale_from_mapping(
    data: Mapping[str, Any], path: str | None = None, *, stem: str = ""
) -> Scale:
    """Build a :class:`Scale` from parsed TOML; every problem names *path*."""
    name = str(data.get("name") or stem or "?")
    where = path or "<memory>"
    problems: list[ScaleError] = []
    for required in ("title", "source", "confidence", "bands"):
        if required not in data:
            problems.append(
                ScaleError("scales.missing_field", name=name, path=where, field=required)
            )
    raw_bands = data.get("bands", [])
    if not isinstance(raw_bands, list):
        problems.append(
            ScaleError("scales.bad_field", name=name, path=where, field="bands", detail="[[bands]]")
        )
        raw_bands = []
    kind = str(data.get("kind", "interval"))
    bands: list[Band] = []
    for position, raw in enumerate(raw_bands, start=1):
        if not isinstance(raw, Mapping) or "code" not in raw:
            problems.append(
                ScaleError(
                    "scales.missing_field", name=name, path=where, field=f"bands[{position}].code"
                )
            )
            continue
        code = str(raw["code"])
        interval = None
        if "interval" in raw:
            try:
                interval = parse_interval(str(raw["interval"]))
            except ScaleError as exc:
                problems.append(
                    ScaleError(
                        "scales.band_interval", name=name, path=where, band=code, detail=exc
                    )
                )
                continue
        score = raw.get("score")
        score_tuple = None
        if score is not None:
            try:
                (x0, x1), (y0, y1) = score["from"], score["to"]
                score_tuple = (float(x0), float(x1), float(y0), float(y1))
            except (KeyError, TypeError, ValueError):
                problems.append(
                    ScaleError(
                        "scales.bad_field",
                        name=name,
                        path=where,
                        field=f"bands.{code}.score",
                        detail="{ from = [x0, x1], to = [y0, y1] }",
                    )
                )
        bands.append(
            Band(
                code=code,
                label=str(raw.get("label", code)),
                interval=interval,
                confidence=str(raw.get("confidence", "confirmed")),
                printed=_as_str(raw, "printed"),
                note=_as_str(raw, "note"),
                aliases=tuple(str(a) for a in raw.get("aliases", ())),
                rank=int(raw["rank"]) if "rank" in raw else None,
                score=score_tuple,
            )
        )
    domain = None
    if "domain" in data:
        try:
            domain = parse_interval(str(data["domain"]))
        except ScaleError as exc:
            problems.append(
                ScaleError(
                    "scales.bad_field", name=name, path=where, field="domain", detail=exc
                )
            )
    rounding = data.get("rounding")
    if rounding is not None and (isinstance(rounding, bool) or not isinstance(rounding, int)):
        problems.append(
            ScaleError(
                "scales.bad_field", name=name, path=where, field="rounding", detail=repr(rounding)
            )
        )
        rounding = None
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise ScaleProblems(name, where, problems)
    return Scale(
        name=name,
        title=str(data["title"]),
        source=str(data["source"]),
        confidence=str(data["confidence"]),
        bands=tuple(bands),
        kind=kind,
        domain=domain,
        gaps=str(data.get("gaps", "error")),
        rounding=rounding,
        direction=str(data.get("direction", "higher")),
        rates=str(data.get("rates", "value")),
        notes=_as_str(data, "notes"),
        path=path,
    )


@lru_cache(maxsize=256)
def _load_file(path: str, mtime_ns: int) -> Scale:
    del mtime_ns  # part of the cache key only
    file = Path(path)
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ScaleError("scales.bad_toml", path=path, detail=str(exc)) from exc
    except UnicodeDecodeError as exc:  # binary or latin-1 file
        raise ScaleError("common.not_utf8", path=path, position=exc.start) from exc
    except OSError as exc:
        raise ScaleError("scales.file_not_found", path=path) from exc
    return scale_from_mapping(data, path, stem=file.stem)


def load_scale_file(path: str | Path) -> Scale:
    """Load one scale file (validated; cached while the file is unchanged)."""
    file = Path(path)
    if not file.is_file():
        raise ScaleError("scales.file_not_found", path=str(file))
    return _load_file(str(file), file.stat().st_mtime_ns)


def scale_paths(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """Where scales are looked up, first match wins: *paths*, ``$INDIKATOR_SCALES``, built-ins."""
    found: list[Path] = [Path(p) for p in paths or ()]
    env = os.environ.get(ENV_VAR, "")
    found += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    found.append(data_dir("definitions") / "scales")
    return found


def _scale_files(paths: Sequence[str | Path] | None) -> dict[str, Path]:
    """Scale name (file stem) → file, earlier search paths shadowing later ones."""
    files: dict[str, Path] = {}
    for place in scale_paths(paths):
        if place.is_file():
            files.setdefault(place.stem, place)
        elif place.is_dir():
            for file in sorted(place.glob("*.toml")):
                files.setdefault(file.stem, file)
    return files


def load_scale(name_or_path: str | Path, paths: Sequence[str | Path] | None = None) -> Scale:
    """A scale by name (``"akip"``) or by path to its TOML file.

    Names are looked up in *paths*, then in the folders and files listed in
    ``$INDIKATOR_SCALES`` (``os.pathsep``-separated), then in the built-in
    ``definitions/scales``; a user's file of the same name overrides a built-in one.
    """
    text = str(name_or_path)
    candidate = Path(text)
    if text.endswith(".toml") or os.sep in text or "/" in text:
        return load_scale_file(candidate)
    files = _scale_files(paths)
    file = files.get(text) or files.get(text.lower())
    if file is None:
        raise ScaleError("scales.unknown_scale", name=text, known=", ".join(sorted(files)))
    return load_scale_file(file)


def list_scales(paths: Sequence[str | Path] | None = None) -> list[Scale]:
    """Every scale that :func:`load_scale` can find, sorted by name (all validated)."""
    files = _scale_files(paths)
    return [load_scale_file(files[name]) for name in sorted(files)]


# ---------------------------------------------------------------------- band tables

_BULLET = re.compile(r"^\s*(?:[-•*▪◦·]|\d+[.)])\s+")
_ROW_NUMBER = re.compile(r"^\d+[.)]?$")
_SEPARATORS = " \t:=→|;,–-"
_STARTS = re.compile(r"^[\d<>≤≥⩽⩾=(\[]")


_ROW_PREFIX = re.compile(r"^\s*\d+[.)]?\s+")


def _row_numbers(bodies: Sequence[str]) -> bool:
    """Whether the lines start with a row number column 1, 2, 3 … (at least two rows)."""
    if len(bodies) < 2:
        return False
    for expected, body in enumerate(bodies, start=1):
        match = _ROW_PREFIX.match(body)
        if match is None or int(match.group().strip().rstrip(".)")) != expected:
            return False
    return True


def _find_interval(line: str) -> tuple[int, int, Interval] | None:
    """The longest span of *line* (at word boundaries) that reads as an interval."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    best: tuple[int, int, Interval] | None = None
    for i, (start, _) in enumerate(words):
        if not _STARTS.match(line[start : start + 1]):  # one character: no O(n²) copies
            continue
        for j in range(min(len(words) - 1, i + 8), i - 1, -1):
            end = words[j][1]
            if best is not None and end - start <= best[1] - best[0]:
                break
            if "\t" in line[start:end]:
                continue  # an interval never spans two table cells
            try:
                interval = parse_interval(line[start:end])
            except ScaleError:
                continue
            best = (start, end, interval)
            break
    return best


def parse_band_table(text: str) -> tuple[list[Band], list[tuple[int, str]]]:
    """Bands from a table as documents print it, and the (line number, text) of skipped lines.

    Each line holds an optional bullet or row number, an optional code, the interval, and the
    label (``- AA > 90 - 100 : Sangat Memuaskan``, ``1 91 % ≤ 100 % Sangat Baik``,
    ``> 85 s.d. 100 = Memuaskan``); a line without an interval is reported as skipped.  The
    interval is the longest span that reads as one; it never crosses a tab (table cell), and a
    first column numbering the rows 1, 2, 3 … is dropped first (a lone "5 ≤ 50 %" line stays
    ambiguous: it reads as [5, 50]).
    """
    bands: list[Band] = []
    skipped: list[tuple[int, str]] = []
    rows: list[tuple[int, str, tuple[int, int, Interval]]] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line:
            continue
        bullet = re.match(r"^[-•*▪◦·]\s+", line)
        body = line[bullet.end() :] if bullet else line
        found = _find_interval(body)
        if found is None:
            skipped.append((number, line))
            continue
        rows.append((number, body, found))
    row_numbers = _row_numbers([body for _, body, _ in rows])
    for _number, body, found in rows:
        if row_numbers:
            body = _ROW_PREFIX.sub("", body, count=1)
            found = _find_interval(body) or found
        start, end, interval = found
        before = body[:start].strip(_SEPARATORS).split()
        if before and _ROW_NUMBER.match(before[0]):
            before = before[1:]
        after = body[end:].strip(_SEPARATORS)
        code = label = ""
        if len(before) == 1 and after:
            code, label = before[0], after
        elif before and not after:
            label = " ".join(before)
        elif before:
            code, label = before[0], " ".join([*before[1:], after]).strip()
        else:
            label = after
        if not code:
            code = label or body[start:end].strip()
        bands.append(
            Band(code=code, label=label or code, interval=interval, printed=body[start:end].strip())
        )
    return bands, skipped
