"""``indikator scale list | show NAME | rate NAME VALUE… | parse FILE``: rating scales.

``list`` shows every scale found (built-in, ``$INDIKATOR_SCALES``, ``--scales PATH``);
``show`` one scale's bands; ``rate`` rates values written as documents write them ("80,68");
``parse`` reads a band table as a document prints it into bands.  Each takes ``--json``: the
envelope of ``docs/contract.md`` with the results of ``docs/schemas/scale.*.schema.json``
(command ``scale.list``, ``scale.show``, ``scale.rate``, ``scale.parse``).  The scale engine
itself is :mod:`indikator.scales.scale`; this module only reads arguments and prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, read_text_file
from indikator.core.errors import ScaleError
from indikator.core.i18n import t

_GAP_WORDS = {"error": "scales.gaps_error", "next-band": "scales.gaps_next_band",
              "previous-band": "scales.gaps_previous_band", "not-rated": "scales.gaps_not_rated"}


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
    listing.set_defaults(handler=run, contract="scale.list")
    show = actions.add_parser("show", parents=common, help=t("cli.scale_help_show"))
    show.add_argument("name", metavar="NAME", help=t("cli.scale_help_name"))
    show.set_defaults(handler=run, contract="scale.show")
    rate = actions.add_parser("rate", parents=common, help=t("cli.scale_help_rate"))
    rate.add_argument("name", metavar="NAME", help=t("cli.scale_help_name"))
    rate.add_argument("values", metavar="VALUE", nargs="+", help=t("cli.scale_help_values"))
    rate.set_defaults(handler=run, contract="scale.rate")
    parse = actions.add_parser("parse", parents=common, help=t("cli.scale_help_parse"))
    parse.add_argument("file", metavar="FILE", help=t("cli.scale_help_file"))
    parse.set_defaults(handler=run, contract="scale.parse")


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
    from indikator.contract.shapes import scale_summary
    from indikator.scales.loading import list_scales

    scales = list_scales(args.scales)
    if ctx.json:
        return ctx.respond({"scales": [scale_summary(s, s.path) for s in scales]})
    ctx.echo(ctx.t("scales.list_header"))
    width = max(len(s.name) for s in scales)
    for s in scales:
        ctx.echo(f"  {s.name:<{width}}  [{_confidence(ctx, s.confidence)}]  {s.title}")
    return EXIT_OK


def _show(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.contract.shapes import scale_json
    from indikator.scales.loading import load_scale

    scale = load_scale(args.name, args.scales)
    if ctx.json:
        return ctx.respond(scale_json(scale, scale.path))
    ctx.echo(f"{scale.name}: {scale.title} [{_confidence(ctx, scale.confidence)}]")
    ctx.echo(f"{ctx.t('scales.show_source')}: {scale.source}")
    if scale.kind == "interval":
        ctx.echo(f"{ctx.t('scales.show_domain')}: {scale.domain}")
        gaps = ctx.t(_GAP_WORDS.get(scale.gaps, "scales.gaps_error"))
        ctx.echo(f"{ctx.t('scales.show_gaps')}: {gaps}")
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


def _rate(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.contract.operations import rate_texts
    from indikator.scales.loading import load_scale

    scale = load_scale(args.name, args.scales)
    result = rate_texts(scale, args.values, ctx.lang)
    if ctx.json:
        return ctx.respond(result)
    for entry in result["ratings"]:
        if entry["rated"]:
            ctx.echo(f"{entry['text']} → {entry['code']} ({entry['label']})")
        else:
            ctx.echo(f"{entry['text']} → {entry['message']}")
    if scale.kind != "ordinal":  # how ambiguous values were read (evidence, domain)
        from indikator.documents.evidence import read_values

        for note in read_values(list(args.values), domain=scale.domain, lang=ctx.lang)[1]:
            ctx.echo(note)
    return EXIT_OK


def _parse(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.scales.bandtable import parse_band_table

    text = read_text_file(args.file)
    bands, skipped = parse_band_table(text)
    if not bands:
        raise ScaleError("scales.no_bands_found", path=args.file)
    if ctx.json:
        from indikator.contract.shapes import band_json

        return ctx.respond({
            "bands": [band_json(b) for b in bands if b.interval is not None],
            "skipped": [{"line": line, "text": content} for line, content in skipped],
        })
    code_width = max(len(b.code) for b in bands)
    for band in bands:
        ctx.echo(f"{band.code:<{code_width}}  {band.interval!s:<14}  {band.label}")
    for line, content in skipped:
        ctx.warn(ctx.t("scales.skipped_line", line=line, text=content))
    return EXIT_OK
