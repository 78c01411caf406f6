"""``indikator eval``: evaluate one formula for values given on the command line.

``indikator eval [--json] TEXT --var NAME=VALUE …`` parses TEXT (``-`` reads standard input),
matches each NAME to the formula's variables after normalisation (case, spacing,
"di rencanakan" = "direncanakan", symbols and the phrases their definitions bind them to), reads
each VALUE as documents print numbers (``5,36``, ``1.800.085``, ``-`` for missing) with
:func:`indikator.documents.numbers.read_number`, and prints the value.  JSON:
the envelope of ``docs/contract.md`` with ``result`` ``{"value": number, "reason": null,
"message": null}``; a NaN result (division by zero, missing value …) gives ``{"value": null,
"reason": code, "message": text}`` and exit status 0, because the evaluation followed the
documented policy (:mod:`indikator.formula.evaluator`).  A NAME that
matches no
variable, a variable without a value, or a VALUE that is not one number exits 1 with a message
(and a "did you mean" where one fits).  This module does no arithmetic itself.
"""

from __future__ import annotations

import argparse
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, read_text_argument
from indikator.core.errors import EvaluationError
from indikator.core.i18n import t


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``eval`` subcommand."""
    parser = subparsers.add_parser(
        "eval", parents=parents, help=t("cli.eval_help"), description=t("cli.eval_description")
    )
    parser.add_argument("text", metavar="TEXT", help=t("cli.eval_help_text"))
    parser.add_argument(
        "--var", action="append", default=[], metavar="NAME=VALUE", help=t("cli.eval_help_var")
    )
    parser.set_defaults(handler=run, contract="eval")


def _split(assignment: str) -> tuple[str, str]:
    name, sep, value = assignment.rpartition("=")
    if not sep or not name.strip():
        raise EvaluationError("eval.bad_var", text=assignment)
    return name.strip(), value.strip()


def _format(value: float, lang: str) -> str:
    text = format(value, ".12g")
    return text.replace(".", ",") if lang == "id" else text


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Parse, bind the values, evaluate, print."""
    from indikator.contract.operations import evaluate_text

    pairs = [_split(item) for item in args.var]
    payload = evaluate_text(read_text_argument(args.text), pairs, ctx.lang)
    if ctx.json:
        return ctx.respond(payload)
    from indikator.documents.evidence import read_values

    for note in read_values([text for _, text in pairs], lang=ctx.lang)[1]:
        ctx.warn(note)  # how ambiguous values were read (the other values' evidence)
    value = payload["value"]
    if payload["message"] is not None:
        shown = "NaN" if value is None else _format(value, ctx.lang)
        ctx.echo(f"{shown} ({payload['message']})")
    else:
        ctx.echo(_format(value, ctx.lang))
    return EXIT_OK
