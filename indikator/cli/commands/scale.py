"""``indikator scale list | show NAME | rate NAME VALUE… | parse FILE``: rating scales.

``list`` shows every scale found (built-in, ``$INDIKATOR_SCALES``, ``--scales PATH``);
``show`` one scale's bands; ``rate`` rates values written as documents write them ("80,68");
``parse`` reads a band table as a document prints it into bands.  Each takes ``--json`` (shapes
in ``shared/DESIGN.md``).  The scale engine itself is :mod:`indikator.scales.scale`; this module
only
reads arguments and prints.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, read_text_file
from indikator.core.errors import ScaleError
from indikator.core.i18n import t


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``scale`` subcommand and its four actions."""
    parser = subparsers.add_parser(
        "scale",
        parents=parents,
        help=t("cli.scale_help"),
        description=t("cli.scale_description"),
    )
    actions = parser.add_subparsers(
        dest="scale_action", metavar="ACTION", title=t("cli.commands"),
        help=t("cli.scale_help_action"),
    )
    actions.required = True
    scales_option = argparse.ArgumentParser(add_help=False)
    scales_option.add_argument(
        "--scales", action="append", default=[], metavar="PATH", help=t("cli.scale_help_scales")
    )
    common = [*parents, scales_option]
    listing = actions.add_parser("list", parents=common, help=t("cli.scale_help_list"))
    listing.set_defaults(handler=run)
    show = actions.add_parser("show", parents=common, help=t("cli.scale_help_show"))
    show.add_argument("name", metavar="NAME", help=t("cli.scale_help_name"))
    show.set_defaults(handler=run)
    rate = actions.add_parser("rate", parents=common, help=t("cli.scale_help_rate"))
    rate.add_argument("name", metavar="NAME", help=t("cli.scale_help_name"))
    rate.add_argument("values", metavar="VALUE", nargs="+", help=t("cli.scale_help_values"))
    rate.set_defaults(handler=run)
    parse = actions.add_parser("parse", parents=common, help=t("cli.scale_help_parse"))
    parse.add_argument("file", metavar="FILE", help=t("cli.scale_help_file"))
    parse.set_defaults(handler=run)

def run(args: argparse.Namespace, ctx: Context) -> int:
    """Dispatch to the chosen action."""
    for place in args.scales:  # a path the user named must exist (the search skips absent ones)
        if not Path(place).exists():
            raise ScaleError("scales.file_not_found", path=place)
    action = {"list": _list, "show": _show, "rate": _rate, "parse": _parse}[args.scale_action]
    return action(args, ctx)


def _confidence(ctx: Context, confidence: str) -> str:
    return ctx.t(f"scales.confidence_{confidence}")


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.scales.loading import list_scales

    scales = list_scales(args.scales)
    if ctx.json:
        ctx.emit(
            {
                "scales": [
                    {
                        "name": s.name,
                        "title": s.title,
                        "source": s.source,
                        "confidence": s.confidence,
                        "kind": s.kind,
                        "bands": len(s.bands),
                        "path": s.path,
                    }
                    for s in scales
                ]
            }
        )
        return EXIT_OK
    ctx.echo(ctx.t("scales.list_header"))
    width = max(len(s.name) for s in scales)
    for s in scales:
        ctx.echo(f"  {s.name:<{width}}  [{_confidence(ctx, s.confidence)}]  {s.title}")
    return EXIT_OK


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.scales.loading import load_scale

    scale = load_scale(args.name, args.scales)
    if ctx.json:
        ctx.emit(scale.to_json())
        return EXIT_OK
    ctx.echo(f"{scale.name}: {scale.title} [{_confidence(ctx, scale.confidence)}]")
    ctx.echo(f"{ctx.t('scales.show_source')}: {scale.source}")
    if scale.kind == "interval":
        ctx.echo(f"{ctx.t('scales.show_domain')}: {scale.domain}")
        ctx.echo(f"{ctx.t('scales.show_gaps')}: {scale.gaps}")
        if scale.rounding is not None:
            ctx.echo(ctx.t("scales.show_rounding", digits=scale.rounding))
    code_width = max(len(b.code) for b in scale.bands)
    for band in scale.bands:
        interval = str(band.interval) if band.interval is not None else ""
        printed = f"  «{band.printed}»" if band.printed else ""
        flag = f"  [{_confidence(ctx, band.confidence)}]" if band.confidence != "confirmed" else ""
        ctx.echo(
            f"  {band.code:<{code_width}}  {interval:<14}  {band.label}{printed}{flag}".rstrip()
        )
    if scale.notes:
        ctx.echo("")
        ctx.echo(scale.notes)
    return EXIT_OK


def _read_values(texts: list[str], domain: Any, lang: str) -> tuple[list[float], list[str]]:
    """The VALUEs read together (each other's evidence for ``90.000`` beside ``80.68``) and by
    the scale's domain (:func:`indikator.documents.evidence.read_values`), with notes."""
    from indikator.core.errors import NumberFormatError
    from indikator.documents.evidence import read_values

    quantities, notes = read_values(texts, domain=domain, lang=lang)
    values: list[float] = []
    for text, quantity in zip(texts, quantities, strict=True):
        if isinstance(quantity, NumberFormatError):
            if quantity.key == "numbers.ambiguous_value":
                raise quantity
            raise ScaleError("scales.bad_value", value=text)
        if quantity.kind == "missing":
            values.append(math.nan)
        elif quantity.kind != "number" or quantity.value is None:
            raise ScaleError("scales.bad_value", value=text)
        else:
            values.append(float(quantity.value))
    return values, notes


def _rate(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.scales.loading import load_scale
    from indikator.scales.rating import rate
    from indikator.scales.results import Rating

    scale = load_scale(args.name, args.scales)
    results: list[dict[str, Any]] = []
    notes: list[str] = []
    if scale.kind == "ordinal":
        for text in args.values:
            band = scale.band(text)
            results.append(
                {
                    "value": text,
                    "code": band.code,
                    "label": band.label,
                    "scale": scale.name,
                    "rank": scale.rank(band.code),
                    "rated": True,
                    "reason": None,
                }
            )
    else:
        values, notes = _read_values(list(args.values), scale.domain, ctx.lang)
        rated = rate(values, scale)
        ratings = [rated] if isinstance(rated, Rating) else list(rated)
        for text, rating in zip(args.values, ratings, strict=True):
            entry = rating.to_json()
            entry["rank"] = rating.rank
            if not rating.rated:
                entry["message"] = rating.message(ctx.lang, domain=str(scale.domain))
            entry["text"] = text
            results.append(entry)
    if ctx.json:
        ctx.emit({"results": results, "notes": notes})
        return EXIT_OK
    for entry in results:
        if entry["rated"]:
            ctx.echo(f"{entry.get('text', entry['value'])} → {entry['code']} ({entry['label']})")
        else:
            ctx.echo(f"{entry['text']} → {entry['message']}")
    for note in notes:
        ctx.echo(note)
    return EXIT_OK


def _parse(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.scales.bandtable import parse_band_table

    text = read_text_file(args.file)
    bands, skipped = parse_band_table(text)
    if not bands:
        raise ScaleError("scales.no_bands_found", path=args.file)
    if ctx.json:
        ctx.emit(
            {
                "bands": [
                    {"code": b.code, "label": b.label, **b.interval.to_json(), "printed": b.printed}
                    for b in bands
                    if b.interval is not None
                ],
                "skipped": [{"line": line, "text": content} for line, content in skipped],
            }
        )
        return EXIT_OK
    code_width = max(len(b.code) for b in bands)
    for band in bands:
        ctx.echo(f"{band.code:<{code_width}}  {band.interval!s:<14}  {band.label}")
    for line, content in skipped:
        ctx.warn(ctx.t("scales.skipped_line", line=line, text=content))
    return EXIT_OK
