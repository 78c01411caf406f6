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
Loading scales by name is :mod:`indikator.scales.loading`; :func:`~indikator.scales.rating.rate`
and the result types (:mod:`indikator.scales.results`) sit beside it; band tables as documents
print them are read by :mod:`indikator.scales.bandtable`.

This module does not compute capaian (:mod:`indikator.capaian.methods`) and never imports pandas
unless a Series is passed in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from indikator.core.errors import ScaleError
from indikator.core.i18n import Message, t
from indikator.scales.intervals import Interval, format_number
from indikator.scales.results import _BETWEEN, _OUTSIDE, _RATED, Rating, Ratings

__all__ = ["GAP_POLICIES", "Band", "Scale", "ScaleProblems"]

GAP_POLICIES: Final = ("error", "next-band", "previous-band", "not-rated")
CONFIDENCE: Final = ("confirmed", "unconfirmed")
KINDS: Final = ("interval", "ordinal")

RATED_QUANTITIES: Final = ("value", "capaian")
"""What a scale rates: the indicator's own value (AKIP score, IKM, LPPD) or its capaian %."""


if TYPE_CHECKING:  # numpy is imported when values are rated (loading a scale needs none)
    import numpy as np
    import numpy.typing as npt

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
    """Round as people do ("pembulatan"): 76,475 → 76,48; float noise removed first.

    Values too large to have a fraction at this precision (|x| ≥ 2^52 / 10^digits, e.g.
    1e308) are returned unchanged: scaling them would overflow to infinity."""
    import numpy as np

    factor = 10.0**digits
    small = np.abs(values) < 2.0**52 / factor
    safe = np.where(small, values, 0.0)
    scaled = np.round(safe * factor, 6)
    result: FloatArray = np.where(small, np.floor(scaled + 0.5) / factor, values)
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
    hints: tuple[str, ...] = ()
    fallback: int | None = None
    at_maximum: tuple[float, float] | None = None
    _segment_rows: tuple[tuple[float, int, int], ...] = field(init=False, repr=False)
    """(start, band index or -1, reason) of each segment of the domain, in order."""
    _arrays: dict[str, Any] = field(init=False, repr=False)
    _ranks: dict[str, int] = field(init=False, repr=False)
    _lookup: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_segment_rows", ())
        object.__setattr__(self, "_arrays", {})
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
        if any(not hint.strip() for hint in self.hints):
            bad("hints", "an empty name fragment")
        if self.at_maximum is not None and not all(math.isfinite(v) for v in self.at_maximum):
            bad("at_maximum", repr(self.at_maximum))
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
        object.__setattr__(self, "_segment_rows", tuple(segments))
        return []

    def _array(self, name: str) -> Any:
        """The segments as numpy arrays, made on first use: ``edges`` (starts but the first),
        ``band`` (int16 band indices: a quarter of the memory traffic of intp on 10^7 values),
        ``reason`` (int8)."""
        if name not in self._arrays:
            import numpy as np

            rows = self._segment_rows
            self._arrays.update(
                edges=np.array([s[0] for s in rows[1:]], dtype=np.float64),
                band=np.array([s[1] for s in rows], np.int16),
                reason=np.array([s[2] for s in rows], np.int8))
        return self._arrays[name]

    @property
    def _edges(self) -> FloatArray:
        edges: FloatArray = self._array("edges")
        return edges

    @property
    def _segment_band(self) -> SmallIntArray:
        band: SmallIntArray = self._array("band")
        return band

    @property
    def _segment_reason(self) -> TinyIntArray:
        reason: TinyIntArray = self._array("reason")
        return reason

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
        import numpy as np

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
        array, index = _as_array(values)
        segments = self._segments(array)
        if index is None and array.ndim == 0:
            return Ratings(self, array.reshape(1), segments.reshape(1))[0]
        return Ratings(self, array, segments, index)

    def score(self, values: Any) -> Any:
        """The piecewise-linear score of each value (bands with ``score``), NaN elsewhere."""
        import numpy as np

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
        if self.hints:
            data["hints"] = list(self.hints)
        if self.fallback is not None:
            data["fallback"] = self.fallback
        if self.at_maximum is not None:
            data["at_maximum"] = {"from": self.at_maximum[0], "score": self.at_maximum[1]}
        data["path"] = self.path
        data["bands"] = [{**b.to_json(), "rank": self._ranks[b.code]} for b in self.bands]
        return data


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_series(values: Any) -> bool:
    from indikator.core.shapes import is_series

    return is_series(values)


def _as_array(values: Any) -> tuple[FloatArray, Any]:
    import numpy as np

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
    import numpy as np

    if index is not None:
        import pandas as pd

        return pd.Series(result, index=index, name=name)
    if np.ndim(values) == 0:
        return float(result)
    return result
