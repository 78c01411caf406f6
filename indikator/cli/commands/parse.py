"""``indikator parse``: read one formula and show its structure.

``indikator parse [--json] TEXT`` (``-`` reads standard input, for multi-line text) prints the
canonical text, LaTeX, kind, variables, ratio (numerator, denominator, factor) and symbol
definitions; with ``--json`` the envelope of ``docs/contract.md`` whose ``result`` is
:func:`indikator.contract.shapes.formula_result` (``docs/schemas/parse.schema.json``), with
the ``rewrites`` normalisation made to the text (step, kind, span, before, after, certain,
reason).

A syntax error exits 1: ``ok`` false and ``error`` with ``message``, ``line``, ``column`` with
``--json``, else the message, the line with a caret under the column and what was expected.
This module only formats; parsing is :mod:`indikator.formula.parser`, structure
:mod:`indikator.formula.analysis`.
"""

from __future__ import annotations

import argparse
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, read_text_argument
from indikator.core.i18n import t


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``parse`` subcommand."""
    parser = subparsers.add_parser(
        "parse", parents=parents, help=t("parse.help"), description=t("parse.help")
    )
    parser.add_argument("text", metavar="TEXT", help=t("parse.help_text"))
    parser.set_defaults(handler=run, contract="parse")


def describe(formula: Any, lang: str | None = None) -> dict[str, Any]:
    """The ``result`` of ``parse`` for *formula* (the contract's shape)."""
    from indikator.contract.shapes import formula_result

    return formula_result(formula, lang)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Parse TEXT and print the summary (or JSON)."""
    from indikator.formula.parser import parse

    formula = parse(read_text_argument(args.text))
    data = describe(formula, ctx.lang)
    if ctx.json:
        return ctx.respond(data)
    rows: list[tuple[str, str]] = []
    if formula.name:
        rows.append((ctx.t("parse.summary_name"), formula.name))
    rows += [
        (ctx.t("parse.summary_canonical"), data["canonical"].split("\n", 1)[0]),
        (ctx.t("parse.summary_latex"), data["latex"]),
        (ctx.t("parse.summary_kind"), data["kind"]),
        (ctx.t("parse.summary_variables"), "; ".join(data["variables"]) or "-"),
    ]
    if data["ratio"]:
        factor = format(data["ratio"]["factor"], "g")
        rows += [
            (ctx.t("parse.summary_numerator"), data["ratio"]["numerator"]),
            (ctx.t("parse.summary_denominator"), data["ratio"]["denominator"]),
            (
                ctx.t("parse.summary_factor"),
                factor.replace(".", ",") if ctx.lang == "id" else factor,
            ),
        ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        ctx.echo(f"{label.ljust(width)}  {value}")
    if formula.definitions:
        ctx.echo(ctx.t("parse.summary_definitions") + ":")
        for symbol, phrase in formula.definitions.items():
            ctx.echo(f"  {symbol} = {phrase}")
    if formula.examples:
        ctx.echo(ctx.t("parse.summary_examples") + ":")
        for example in formula.examples:
            ctx.echo(f"  {example}")
    return EXIT_OK
