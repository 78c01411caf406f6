"""How reports see a rating scale: its bands ordered best → worst, each with a colour.

The workbook (fills) and the charts (shaded bands) colour a category by its *position* on its
scale: the best band green, the worst red, the ones between shaded through yellow; a value that
was not rated is grey.  This module turns any scale-like object into a small immutable
:class:`ScaleView` that both use:

- an ``indikator.scales.scale.Scale`` (attributes ``name``, ``title``, ``source``, ``confidence``,
  ``rates``, ``bands``; each band with ``code``, ``label``, ``lower``, ``upper``, ``lower_closed``,
  ``upper_closed``, possibly nested in an ``interval`` attribute), read by duck typing so that
  this module does not depend on the scale engine's internals;
- a plain mapping with the same keys (handy in tests and for users' own scales);
- a :class:`ScaleView` itself.

Order: when the bands have numeric bounds they are sorted by their upper bound (then lower),
highest first, which is "best first" for every shipped scale (scores, indices, capaian); a scale
that says ``direction = "lower"`` (or ``higher_is_better = False``) is reversed.  Ordinal bands
without numbers (e.g. a BPK opinion) are ordered by their ``rank`` (higher is better; equal
ranks share a position and a colour) or, without ranks, keep the order the scale lists them in,
which must then be best first.  Band ``aliases`` (``WTP-PP``) find their band too.

What a category rates (the indicator's own value or its capaian) is the scale's ``rates`` field
(``"value"`` when a scale-like object does not say, as in scale files); see
:func:`rated_quantity`.

This module does not rate values (that is :func:`indikator.scales.rating.rate`); it only describes
bands for drawing.  It imports neither pandas nor matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

#: Fill for values that were not rated (no category): light grey.
NOT_RATED_COLOUR: Final = "D9D9D9"
#: Fill for a category whose scale is unknown to the report: no colour (white).
UNKNOWN_COLOUR: Final = "FFFFFF"

# Excel's own three-colour scale (green, yellow, red): readable with black text on top.
_BEST: Final = (0x63, 0xBE, 0x7B)
_MIDDLE: Final = (0xFF, 0xEB, 0x84)
_WORST: Final = (0xF8, 0x69, 0x6B)


def palette(count: int) -> list[str]:
    """*count* colours ``RRGGBB`` from best (green) through yellow to worst (red).

    One band is green; two are green and red; more are spread evenly along green → yellow → red.
    """
    if count <= 0:
        return []
    if count == 1:
        return [_hex(_BEST)]
    colours = []
    for index in range(count):
        position = index / (count - 1)  # 0 best … 1 worst
        if position <= 0.5:
            rgb = _mix(_BEST, _MIDDLE, position * 2)
        else:
            rgb = _mix(_MIDDLE, _WORST, (position - 0.5) * 2)
        colours.append(_hex(rgb))
    return colours


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    r, g, bl = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return (r, g, bl)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "".join(f"{channel:02X}" for channel in rgb)


@dataclass(frozen=True)
class BandView:
    """One band as a report draws it.  ``lower``/``upper`` are ``None`` when unbounded."""

    code: str
    label: str
    lower: float | None = None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = True
    position: int = 0
    colour: str = UNKNOWN_COLOUR
    aliases: tuple[str, ...] = ()

    @property
    def caption(self) -> str:
        """``code label`` (or just one of them when they are the same or one is empty)."""
        if not self.label or self.label == self.code:
            return self.code
        if not self.code:
            return self.label
        return f"{self.code} {self.label}"

    @property
    def numeric(self) -> bool:
        """Whether the band has at least one numeric bound (so it can be drawn on an axis)."""
        return self.lower is not None or self.upper is not None


@dataclass(frozen=True)
class ScaleView:
    """A scale as a report sees it: bands best first, each with its position and colour."""

    name: str
    bands: tuple[BandView, ...]
    title: str = ""
    source: str = ""
    confidence: str = ""
    rates: str = "value"
    _by_code: dict[str, BandView] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, BandView] = {}
        for band in self.bands:
            index.setdefault(band.code, band)
            index.setdefault(band.code.casefold(), band)
            for other in (band.label, *band.aliases):
                if other:
                    index.setdefault(other.casefold(), band)
        object.__setattr__(self, "_by_code", index)

    def band(self, code: object) -> BandView | None:
        """The band with this code (or label), case-insensitive; ``None`` if there is none."""
        if code is None or (isinstance(code, float) and math.isnan(code)):
            return None
        text = str(code).strip()
        return self._by_code.get(text) or self._by_code.get(text.casefold())

    def colour(self, code: object) -> str:
        """Fill colour of the category *code*: its band's colour, grey when not rated."""
        band = self.band(code)
        if band is not None:
            return band.colour
        return NOT_RATED_COLOUR if _missing(code) else UNKNOWN_COLOUR

    @property
    def numeric(self) -> bool:
        """Whether every band has a numeric bound, i.e. the scale can be shaded on an axis."""
        return bool(self.bands) and all(band.numeric for band in self.bands)

    def distance(self, code: object, value: float) -> float | None:
        """How far *value* lies outside the band *code* (0 inside or on an edge).

        ``None`` when the band is unknown, has no numbers, or *value* is not finite.
        """
        band = self.band(code)
        if band is None or not band.numeric or not math.isfinite(value):
            return None
        if band.lower is not None and value < band.lower:
            return band.lower - value
        if band.upper is not None and value > band.upper:
            return value - band.upper
        return 0.0

    def extent(self) -> tuple[float, float] | None:
        """Smallest and largest finite bound of the bands, or ``None`` for ordinal scales."""
        bounds = [b for band in self.bands for b in (band.lower, band.upper) if b is not None]
        return (min(bounds), max(bounds)) if bounds else None


def rated_quantity(view: ScaleView | None, code: object) -> str | None:
    """Which number a row's category *code* rates: ``"capaian"`` or ``"realisasi"``.

    Read off the scale's ``rates`` field (``indikator.scales.scale.Scale.rates``): ``capaian`` rates
    the achievement; ``akip``, ``ikm-2017`` or ``lppd-2019`` rate the indicator's own value
    (AKIP 57,12 → CC while its capaian is 93,64 %).  ``None`` without a scale or a category.
    """
    if view is None or _missing(code):
        return None
    return "capaian" if view.rates == "capaian" else "realisasi"


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _get(obj: object, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _bound(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):  # e.g. {"id": …, "en": …}
        for key in ("id", "label", "default"):
            if key in value:
                return str(value[key])
        return str(next(iter(value.values()), ""))
    if isinstance(value, list | tuple):  # alternative label sets: the first is the default
        return str(value[0]) if value else ""
    return str(value)


def scale_view(scale: object) -> ScaleView:
    """A :class:`ScaleView` of any scale-like object (see the module docstring)."""
    if isinstance(scale, ScaleView):
        return scale
    raw_bands = list(_get(scale, "bands", None) or ())
    bands: list[BandView] = []
    for raw in raw_bands:
        interval = _get(raw, "interval", None)
        holder = interval if interval is not None and not isinstance(interval, str) else raw
        bands.append(
            BandView(
                code=_text(_get(raw, "code", "")),
                label=_text(_get(raw, "label", "")),
                lower=_bound(_get(holder, "lower", None)),
                upper=_bound(_get(holder, "upper", None)),
                lower_closed=bool(_get(holder, "lower_closed", True)),
                upper_closed=bool(_get(holder, "upper_closed", True)),
                aliases=tuple(str(alias) for alias in _get(raw, "aliases", None) or ()),
            )
        )
    ranks = [_get(raw, "rank", None) for raw in raw_bands]
    if bands and all(band.numeric for band in bands):
        bands.sort(key=_sort_key, reverse=True)
        direction = str(_get(scale, "direction", "higher") or "higher").lower()
        if direction in {"lower", "turun"} or _get(scale, "higher_is_better", True) is False:
            bands.reverse()
        levels = list(range(len(bands)))
    elif bands and all(isinstance(rank, int | float) for rank in ranks):
        # ordinal: higher rank is better; equal ranks share a position and a colour
        pairs = sorted(zip(ranks, bands, strict=True), key=lambda pair: -float(pair[0]))
        bands = [band for _, band in pairs]
        distinct = sorted({float(rank) for rank in ranks}, reverse=True)
        levels = [distinct.index(float(rank)) for rank, _ in pairs]
    else:
        levels = list(range(len(bands)))
    colours = palette(max(levels, default=-1) + 1)
    ordered = tuple(
        BandView(
            code=band.code,
            label=band.label,
            lower=band.lower,
            upper=band.upper,
            lower_closed=band.lower_closed,
            upper_closed=band.upper_closed,
            position=level,
            colour=colours[level],
            aliases=band.aliases,
        )
        for level, band in zip(levels, bands, strict=True)
    )
    return ScaleView(
        name=_text(_get(scale, "name", "")),
        bands=ordered,
        title=_text(_get(scale, "title", "")),
        source=_text(_get(scale, "source", "")),
        confidence=_text(_get(scale, "confidence", "")),
        rates=_text(_get(scale, "rates", None)) or "value",
    )


def _sort_key(band: BandView) -> tuple[float, float]:
    """Upper bound first (unbounded above counts as +inf), then lower (unbounded as -inf)."""
    upper = band.upper if band.upper is not None else math.inf
    lower = band.lower if band.lower is not None else -math.inf
    return (upper, lower)


def resolve_scales(
    names: Iterable[object], given: Mapping[str, object] | Iterable[object] | None = None
) -> dict[str, ScaleView | None]:
    """A view of each scale named in *names*.

    Scales in *given* (a mapping name → scale, or scale objects carrying a ``name``) win; other
    names are looked up with ``indikator.scales.loading.load_scale`` when that module is
    available.  A name that cannot be resolved maps to ``None`` (the report then says the scale
    is unknown).
    """
    known: dict[str, ScaleView] = {}
    if isinstance(given, Mapping):
        for key, scale in given.items():
            known[str(key)] = scale_view(scale)
    elif given is not None:
        for scale in given:
            view = scale_view(scale)
            known[view.name] = view
    resolved: dict[str, ScaleView | None] = {}
    for raw in names:
        if _missing(raw):
            continue
        name = str(raw).strip()
        if name in resolved:
            continue
        resolved[name] = known.get(name) or _load(name)
    return resolved


def _load(name: str) -> ScaleView | None:
    """The scale *name* through :func:`indikator.scales.loading.load_scale` (``None`` if it
    cannot be loaded)."""
    from indikator.scales.loading import load_scale

    try:
        return scale_view(load_scale(name))
    except (LookupError, ValueError, TypeError, OSError):
        return None
