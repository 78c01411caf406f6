"""PNG charts for the report: capaian per indicator and year over the shaded bands of its scale.

- :func:`write_charts`: one bar chart per indicator (capaian % per year; the bands of the row's
  rating scale shaded behind, labelled at the right; a dashed line at 100 %; each bar labelled
  with its value written the Indonesian way) and small-multiples overview pages of up to
  :data:`OVERVIEW_PAGE` indicators.  Returns the written paths.
- :func:`chart_values`: a Tabel 7.1 style chart: an indicator's own value per year (actuals solid,
  targets hatched) against its scale's bands, with the end-of-period target marked, e.g. Nilai
  Evaluasi AKIP 52,31 in the CC band with the Renstra's end target BB outlined.
- :func:`figure_capaian`, :func:`figure_values`: the same as matplotlib ``Figure`` objects, for
  callers who want to adjust or embed them.

Each shaded band is a patch with ``gid = "band:<code>"`` (the end target's outline has
``gid = "end-target"``), so tests and callers can find them.  Colours follow
:mod:`indikator.report.bandstyle` (best green … worst red).  Titles and axis labels are in Bahasa
Indonesia or English.

matplotlib is imported lazily, and only its object-oriented API with the Agg canvas is used: no
pyplot, no global backend switch, no windows.  This module draws what it is given; it computes
no capaian and rates nothing.
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from indikator.core.i18n import normalise_lang, t
from indikator.report.bandstyle import ScaleView, rated_quantity, resolve_scales, scale_view
from indikator.report.narrative import (
    format_number,
    format_year,
    indicator_name,
    is_missing,
    natural_decimals,
    records,
    to_number,
)

__all__ = [
    "OVERVIEW_PAGE",
    "chart_values",
    "figure_capaian",
    "figure_values",
    "write_charts",
]

#: Indicators per small-multiples overview page.
OVERVIEW_PAGE: Final = 12
_BAR: Final = "#2F4B7C"
_BAND_ALPHA: Final = 0.45
_DPI: Final = 110


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=_DPI)
    FigureCanvasAgg(figure)
    return figure


def _wrap(text: str, width: int, lines: int) -> str:
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(" ".join(wrapped[lines - 1 :]), width)]
    return "\n".join(wrapped)


def _slug(text: str, limit: int = 50) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "indikator"


def _number_formatter(lang: str, decimals: int) -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: format_number(value, decimals, lang))


def _shade(
    ax: Any, view: ScaleView | None, low: float, high: float, *, labels: bool | str
) -> int:
    """Shade the numeric bands of *view* between *low* and *high*; return how many were drawn.

    ``labels=True`` writes each band's caption outside the axes at the right; ``"code"`` writes
    just its code inside the right edge (for the small overview panels).
    """
    if view is None:
        return 0
    from matplotlib.transforms import blended_transform_factory

    transform = blended_transform_factory(ax.transAxes, ax.transData)
    drawn = 0
    for band in view.bands:
        if not band.numeric:
            continue
        bottom = max(band.lower if band.lower is not None else low, low)
        top = min(band.upper if band.upper is not None else high, high)
        if top <= bottom:
            continue
        patch = ax.axhspan(bottom, top, facecolor="#" + band.colour, alpha=_BAND_ALPHA,
                           edgecolor="none", zorder=0)
        patch.set_gid(f"band:{band.code}")
        drawn += 1
        if labels == "code":
            ax.text(0.99, (bottom + top) / 2, band.code, transform=transform, ha="right",
                    va="center", fontsize=5, color="#333333", zorder=1)
        elif labels:
            ax.text(1.01, (bottom + top) / 2, _wrap(band.caption, 22, 2), transform=transform,
                    ha="left", va="center", fontsize=7, color="#333333", clip_on=False)
    return drawn


def _limits(values: Sequence[float], view: ScaleView | None, floor: float, ceiling: float) -> tuple[
    float, float
]:
    finite = [v for v in values if math.isfinite(v)]
    low = min([floor, *finite])
    high = max([ceiling, *finite])
    extent = view.extent() if view is not None else None
    if extent is not None:
        low, high = min(low, extent[0]), max(high, extent[1])
    headroom = (high - low) * 0.12 or 1.0
    return (low - headroom * 0.15 if low < 0 else low), high + headroom


def _set_slots(ax: Any, count: int) -> None:
    """x-limits that keep bars a sensible width when there are only one to three of them."""
    pad = max(0.0, (4 - count) / 2)
    ax.set_xlim(-0.6 - pad, max(count, 1) - 0.4 + pad)


_LABEL_BOX: Final = {"facecolor": "#FFFFFF", "alpha": 0.85, "edgecolor": "none", "pad": 0.8}


def figure_capaian(
    rows: Iterable[Mapping[str, Any]],
    scale: object = None,
    *,
    lang: str | None = "id",
    title: str | None = None,
) -> Any:
    """A bar chart of the capaian (%) of one indicator's rows per year over *scale*'s bands.

    *rows* are result rows (``indikator``, ``tahun``, ``capaian``, ``kategori``); *scale* a
    scale-like object (see :func:`indikator.report.bandstyle.scale_view`) or ``None`` for no
    shading.
    """
    language = normalise_lang(lang)
    items = sorted(records(rows), key=lambda row: format_year(row.get("tahun")))
    view = None if scale is None else scale_view(scale)
    values = [to_number(row.get("capaian")) for row in items]
    years = [format_year(row.get("tahun")) or "–" for row in items]
    name = title or (indicator_name(items[0]) if items else "")

    figure = _figure(7.5, 4.2)
    ax = figure.add_axes((0.09, 0.13, 0.70, 0.70))
    low, high = _limits(values, view, 0.0, 100.0)
    ax.set_ylim(low, high)
    _shade(ax, view, low, high, labels=True)
    positions = list(range(len(items)))
    heights = [v if math.isfinite(v) else 0.0 for v in values]
    bars = ax.bar(positions, heights, width=0.55, color=_BAR, zorder=3)
    for bar, value, row in zip(bars, values, items, strict=True):
        x = bar.get_x() + bar.get_width() / 2
        if not math.isfinite(value):
            bar.set_visible(False)
            ax.text(x, low + (high - low) * 0.02, t("report.chart_not_computed", language),
                    ha="center", va="bottom", fontsize=7, rotation=90, color="#7F7F7F", zorder=4)
            continue
        label = format_number(value, 2, language)
        if not is_missing(row.get("kategori")):
            label += f"\n{row.get('kategori')}"
        ax.text(x, max(value, low) + (high - low) * 0.01, label, ha="center", va="bottom",
                fontsize=7, zorder=4, bbox=_LABEL_BOX)
    ax.axhline(100.0, color="#000000", linewidth=0.8, linestyle="--", zorder=2)
    ax.set_xticks(positions, years)
    _set_slots(ax, len(items))
    ax.yaxis.set_major_formatter(_number_formatter(language, 0))
    ax.set_ylabel(t("report.chart_axis_achievement", language))
    ax.set_xlabel(t("report.chart_axis_year", language))
    ax.set_title(
        _wrap(t("report.chart_title_achievement", language, indicator=name), 70, 3), fontsize=10
    )
    if view is not None:
        figure.text(0.01, 0.01, t("report.chart_scale_note", language,
                                  scale=view.title or view.name), fontsize=7, color="#555555")
    return figure


def figure_values(
    indicator: str,
    years: Sequence[object],
    values: Sequence[object],
    scale: object,
    *,
    kinds: Sequence[str] | None = None,
    targets: Sequence[object] | None = None,
    end_target: object = None,
    categories: Sequence[object] | None = None,
    unit: str | None = None,
    lang: str | None = "id",
) -> Any:
    """A Tabel 7.1 style chart: an indicator's value per year against *scale*'s bands.

    *kinds* marks each year ``"realisasi"``/``"actual"`` (solid bar) or ``"target"`` (hatched);
    or *targets* gives each year's target, drawn hatched beside the actual (an LKjIP table);
    *end_target* is the end-of-period target, a number (dashed line) or a band code such as
    ``"BB"`` (that band outlined); *categories* (e.g. from ``indikator.rate``) are printed under
    the values.  Values that are not numbers are left out of the bars.
    """
    language = normalise_lang(lang)
    view = scale if isinstance(scale, ScaleView) else (
        resolve_scales([scale]).get(str(scale)) if isinstance(scale, str) else scale_view(scale)
    )
    numbers_ = [to_number(value) for value in values]
    kind_list = [str(kind).lower() for kind in (kinds or ["realisasi"] * len(numbers_))]
    target_value = to_number(end_target)
    extra = [target_value] if math.isfinite(target_value) else []
    figure = _figure(7.5, 4.2)
    ax = figure.add_axes((0.09, 0.13, 0.70, 0.70))
    more = [to_number(value) for value in targets] if targets is not None else []
    low, high = _limits([*numbers_, *extra, *more], view, 0.0, 0.0)
    ax.set_ylim(low, high)
    _shade(ax, view, low, high, labels=True)

    positions = list(range(len(numbers_)))
    target_numbers = [to_number(value) for value in targets] if targets is not None else []
    decimals = max(
        [2, *(natural_decimals(v) for v in [*numbers_, *target_numbers] if math.isfinite(v))]
    )
    _draw_bars(ax, numbers_, kind_list, targets, target_numbers, categories, decimals,
               (low, high), language)
    _draw_end_target(ax, view, end_target, target_value, decimals, (low, high), language)

    from matplotlib.patches import Patch

    figure.legend(
        handles=[
            Patch(facecolor=_BAR, edgecolor=_BAR, label=t("report.chart_actual", language)),
            Patch(facecolor="#FFFFFF", edgecolor=_BAR, hatch="///",
                  label=t("report.chart_target", language)),
        ],
        loc="lower right", ncol=2, fontsize=7, frameon=False,
    )
    ax.set_xticks(positions, [format_year(year) or str(year) for year in years])
    _set_slots(ax, len(numbers_))
    ax.yaxis.set_major_formatter(_number_formatter(language, 0 if high - low > 10 else 2))
    axis = t("report.chart_axis_value", language)
    same = unit is None or unit.strip().casefold() in {axis.casefold(), "nilai", "value"}
    ax.set_ylabel(axis if same else f"{axis} ({unit})")
    ax.set_xlabel(t("report.chart_axis_year", language))
    ax.set_title(_wrap(indicator, 70, 3), fontsize=10)
    if view is not None:
        figure.text(0.01, 0.01, t("report.chart_scale_note", language,
                                  scale=view.title or view.name), fontsize=7, color="#555555")
    return figure


def _draw_bars(
    ax: Any, numbers_: Sequence[float], kind_list: Sequence[str],
    targets: Sequence[object] | None, target_numbers: Sequence[float],
    categories: Sequence[object] | None, decimals: int, limits: tuple[float, float],
    language: str,
) -> None:
    """One bar per year (hatched for a target), or an actual and a target bar per year when
    *targets* is given; each labelled with its number and category."""
    low, high = limits
    # (x, value, is target, category); with *targets* each year has an actual and a target bar
    bars: list[tuple[float, float, bool, object]] = []
    for position, value in enumerate(numbers_):
        code = categories[position] if categories is not None and position < len(categories) \
            else None
        if targets is None:
            bars.append((position, value, kind_list[position].startswith("target"), code))
        else:
            bars.append((position - 0.2, value, False, code))
            if position < len(target_numbers):
                bars.append((position + 0.2, target_numbers[position], True, None))
    width = 0.55 if targets is None else 0.38
    for x, value, is_target, code in bars:
        if not math.isfinite(value):
            continue
        ax.bar(x, value, width=width, zorder=3,
               color="#FFFFFF" if is_target else _BAR, edgecolor=_BAR,
               hatch="///" if is_target else None, linewidth=1.0)
        label = format_number(value, decimals, language)
        if not is_missing(code):
            label += f"\n{code}"
        ax.text(x, value + (high - low) * 0.01, label, ha="center", va="bottom",
                fontsize=7 if targets is None else 6, zorder=4, bbox=_LABEL_BOX)



def _draw_end_target(
    ax: Any, view: ScaleView | None, end_target: object, target_value: float, decimals: int,
    limits: tuple[float, float], language: str,
) -> None:
    """The end-of-period target: a band code outlined, or a number as a dashed line."""
    low, high = limits
    if view is not None and isinstance(end_target, str) and view.band(end_target) is not None:
        band = view.band(end_target)
        assert band is not None
        bottom = band.lower if band.lower is not None else low
        top = band.upper if band.upper is not None else high
        outline = ax.axhspan(bottom, top, fill=False, edgecolor="#000000", linewidth=1.6,
                             linestyle="--", zorder=2)
        outline.set_gid("end-target")
        ax.text(0.01, top, t("report.chart_end_target", language, target=band.caption),
                transform=_blend(ax), ha="left", va="bottom", fontsize=8, fontweight="bold")
    elif math.isfinite(target_value):
        line = ax.axhline(target_value, color="#000000", linewidth=1.2, linestyle="--", zorder=2)
        line.set_gid("end-target")
        ax.text(0.01, target_value, t("report.chart_end_target", language,
                                      target=format_number(target_value, decimals, language)),
                transform=_blend(ax), ha="left", va="bottom", fontsize=8, fontweight="bold")


def _blend(ax: Any) -> Any:
    from matplotlib.transforms import blended_transform_factory

    return blended_transform_factory(ax.transAxes, ax.transData)


def chart_values(
    path: str | Path,
    indicator: str,
    years: Sequence[object],
    values: Sequence[object],
    scale: object,
    **options: Any,
) -> Path:
    """Write :func:`figure_values` as a PNG to *path* and return the path."""
    figure = figure_values(indicator, years, values, scale, **options)
    return _save(figure, Path(path))


def _save(figure: Any, path: Path) -> Path:
    from indikator.core.atomic import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as temp:
        figure.savefig(temp, format="png")
    return path


def _overview(
    groups: Sequence[tuple[str, list[dict[str, Any]]]],
    views: Mapping[str, ScaleView | None],
    lang: str,
    page: int,
    pages: int,
) -> Any:
    columns = min(3, len(groups))
    rows = math.ceil(len(groups) / columns)
    figure = _figure(4.0 * columns, 2.9 * rows + 0.6)
    title = t("report.chart_overview_title", lang)
    figure.suptitle(f"{title} ({page}/{pages})" if pages > 1 else title, fontsize=11)
    axes = figure.subplots(rows, columns, squeeze=False)
    for ax in axes.flat[len(groups):]:
        ax.set_visible(False)
    for ax, (name, items) in zip(axes.flat, groups, strict=False):
        view = views.get(_scale_name(items))
        by_value = _rates_value(items, view)
        values = [to_number(row.get("realisasi" if by_value else "capaian")) for row in items]
        targets = [to_number(row.get("target")) for row in items] if by_value else []
        low, high = _limits([*values, *targets], view, 0.0, 0.0 if by_value else 100.0)
        ax.set_ylim(low, high)
        _shade(ax, view, low, high, labels="code")
        positions = list(range(len(items)))
        ax.bar(positions, [v if math.isfinite(v) else 0.0 for v in values], width=0.6,
               color=_BAR, zorder=3)
        decimals = 1 if not by_value else max(
            [1, *(natural_decimals(v) for v in values if math.isfinite(v))]
        )
        for position, value in enumerate(values):
            text = format_number(value, decimals, lang) if math.isfinite(value) else "–"
            target = targets[position] if by_value else math.nan
            top = max(v for v in (value, target, low) if math.isfinite(v))
            ax.text(position, top + (high - low) * 0.02, text,
                    ha="center", va="bottom", fontsize=6, zorder=4)
        if by_value:
            # the year's target as a black tick across the bar
            ax.scatter(positions, targets,
                       marker="_", s=300, color="#000000", zorder=5, linewidths=1.5)
            ax.yaxis.set_major_formatter(_number_formatter(lang, 0 if high - low > 10 else 2))
        else:
            ax.axhline(100.0, color="#000000", linewidth=0.6, linestyle="--", zorder=2)
            ax.yaxis.set_major_formatter(_number_formatter(lang, 0))
        ax.set_xticks(positions, [format_year(row.get("tahun")) or "–" for row in items],
                      fontsize=7)
        _set_slots(ax, len(items))
        ax.tick_params(axis="y", labelsize=7)
        title = _wrap(name, 45, 2)
        if by_value:
            title += "\n" + t("report.chart_overview_value", lang)
        ax.set_title(title, fontsize=7)
    figure.tight_layout(rect=(0, 0, 1, 0.96))
    return figure


def _rates_value(items: Sequence[Mapping[str, Any]], view: ScaleView | None) -> bool:
    """Whether the categories of these rows rate the indicator's value rather than its capaian
    (the scale's ``rates``, see :func:`indikator.report.bandstyle.rated_quantity`)."""
    return any(rated_quantity(view, row.get("kategori")) == "realisasi" for row in items)


def _unit(items: Sequence[Mapping[str, Any]]) -> str | None:
    for row in items:
        if not is_missing(row.get("satuan")):
            return str(row.get("satuan")).strip()
    return None


def _scale_name(items: Sequence[Mapping[str, Any]]) -> str:
    for row in items:
        if not is_missing(row.get("skala")):
            return str(row.get("skala")).strip()
    return ""


def write_charts(
    results: object,
    out_dir: str | Path,
    *,
    scales: Mapping[str, object] | Iterable[object] | None = None,
    lang: str | None = "id",
    per_indicator: bool = True,
    overview: bool = True,
    prefix: str = "capaian",
) -> list[Path]:
    """Write the capaian charts of *results* into *out_dir*; return the paths, in order.

    Files: ``<prefix>-NN-<indicator slug>.png`` per indicator (first-appearance order) and
    ``<prefix>-ringkasan[-P].png`` (``-overview`` in English) overview pages.  The scale of an
    indicator is the first ``skala`` named on its rows, looked up in *scales* or the shipped
    scales (see :func:`indikator.report.bandstyle.resolve_scales`); without one the bars are drawn
    on a
    plain background.
    """
    language = normalise_lang(lang)
    rows = records(results)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(indicator_name(row), []).append(row)
    views = resolve_scales((row.get("skala") for row in rows), scales)
    directory = Path(out_dir)
    written: list[Path] = []
    ordered = [(name, sorted(items, key=lambda r: format_year(r.get("tahun"))))
               for name, items in groups.items()]
    if per_indicator:
        digits = max(2, len(str(len(ordered))))
        for number, (name, items) in enumerate(ordered, start=1):
            view = views.get(_scale_name(items))
            if _rates_value(items, view):
                figure = figure_values(
                    name,
                    [row.get("tahun") for row in items],
                    [row.get("realisasi") for row in items],
                    view,
                    targets=[row.get("target") for row in items],
                    categories=[row.get("kategori") for row in items],
                    unit=_unit(items),
                    lang=language,
                )
            else:
                figure = figure_capaian(items, view, lang=language, title=name)
            path = directory / f"{prefix}-{number:0{digits}d}-{_slug(name)}.png"
            written.append(_save(figure, path))
    if overview and ordered:
        word = "ringkasan" if language == "id" else "overview"
        pages = math.ceil(len(ordered) / OVERVIEW_PAGE)
        for page in range(1, pages + 1):
            chunk = ordered[(page - 1) * OVERVIEW_PAGE : page * OVERVIEW_PAGE]
            figure = _overview(chunk, views, language, page, pages)
            suffix = f"-{page}" if pages > 1 else ""
            written.append(_save(figure, directory / f"{prefix}-{word}{suffix}.png"))
    return written
