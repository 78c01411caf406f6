"""``indikator parse``: read one formula and show its structure.

``indikator parse [--json] TEXT`` (``-`` reads standard input, for multi-line text) prints the
canonical text, LaTeX, kind, variables, ratio (numerator, denominator, factor) and symbol
definitions; with ``--json`` this shape (the README's JSON contract)::

    {"ok": true, "canonical": …, "latex": …, "kind": …, "variables": […],
     "ratio": {"numerator": …, "denominator": …, "factor": …} | null, "definitions": {…},
     "rewrites": [{"step", "kind", "span", "before", "after", "certain", "reason"}, …]}

A syntax error exits 1: ``{"ok": false, "error": {"message", "line", "column", …}}`` with
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
    parser.set_defaults(handler=run)


def _operand_text(node: Any) -> str:
    from indikator.formula.nodes import Variable
    from indikator.formula.printer import to_text

    if isinstance(node, Variable):
        return node.name
    return to_text(node)


def describe(formula: Any) -> dict[str, Any]:
    """The JSON object of a parsed formula (the ``ok: true`` shape of the CLI contract)."""
    from indikator.formula.printer import to_latex, to_text

    ratio = formula.ratio
    return {
        "ok": True,
        "canonical": to_text(formula),
        "latex": to_latex(formula),
        "kind": formula.kind,
        "variables": list(formula.variables),
        "ratio": None
        if ratio is None
        else {
            "numerator": _operand_text(ratio.numerator),
            "denominator": _operand_text(ratio.denominator),
            "factor": ratio.factor,
        },
        "definitions": dict(formula.definitions),
        "rewrites": [rewrite.to_json() for rewrite in formula.rewrites],
    }


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Parse TEXT and print the summary (or JSON)."""
    from indikator.formula.parser import parse

    formula = parse(read_text_argument(args.text))
    data = describe(formula)
    if ctx.json:
        ctx.emit(data)
        return EXIT_OK
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
