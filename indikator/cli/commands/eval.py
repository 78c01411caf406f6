"""``indikator eval``: evaluate one formula for values given on the command line.

``indikator eval [--json] TEXT --var NAME=VALUE …`` parses TEXT (``-`` reads standard input),
matches each NAME to the formula's variables after normalisation (case, spacing,
"di rencanakan" = "direncanakan", symbols and the phrases their definitions bind them to), reads
each VALUE as documents print numbers (``5,36``, ``1.800.085``, ``-`` for missing) with
:func:`indikator.documents.numbers.read_number`, and prints the value.  JSON:
``{"ok": true, "value": number}``; a NaN result (division by zero, missing value …) gives
``{"ok": true, "value": null, "reason": code, "message": text}`` and exit status 0, because the
evaluation followed the documented policy (:mod:`indikator.formula.evaluator`).  A NAME that
matches no
variable, a variable without a value, or a VALUE that is not one number exits 1 with a message
(and a "did you mean" where one fits).  This module does no arithmetic itself.
"""

from __future__ import annotations

import argparse
import math
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
    parser.set_defaults(handler=run)


def _split(assignment: str) -> tuple[str, str]:
    name, sep, value = assignment.rpartition("=")
    if not sep or not name.strip():
        raise EvaluationError("eval.bad_var", text=assignment)
    return name.strip(), value.strip()


def _read_values(pairs: list[tuple[str, str]], lang: str
                 ) -> tuple[dict[str, float | None], list[str]]:
    """The VALUEs as numbers (``None`` = missing), read together like one column of a
    document, so that ``B=0.035`` is evidence for ``A=3.460``; a value that stays ambiguous is
    refused with both readings (:func:`indikator.documents.evidence.read_values`)."""
    from indikator.core.errors import NumberFormatError
    from indikator.documents.evidence import read_values

    quantities, notes = read_values([text for _, text in pairs], lang=lang)
    values: dict[str, float | None] = {}
    for (name, text), quantity in zip(pairs, quantities, strict=True):
        if isinstance(quantity, NumberFormatError):
            raise quantity
        if quantity.kind == "missing":
            values[name] = None
        elif quantity.kind != "number" or quantity.value is None:
            raise EvaluationError("eval.not_numeric", name=f"'{name}'", value=text)
        else:
            values[name] = quantity.value
    return values, notes


def _format(value: float, lang: str) -> str:
    text = format(value, ".12g")
    return text.replace(".", ",") if lang == "id" else text


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Parse, bind the values, evaluate, print."""
    from indikator.formula.evaluator import check_names, evaluate_detailed
    from indikator.formula.parser import parse

    formula = parse(read_text_argument(args.text))
    pairs = [_split(item) for item in args.var]
    check_names(formula, [name for name, _ in pairs])
    values, notes = _read_values(pairs, ctx.lang)
    result = evaluate_detailed(formula, values)
    value = float(result.values)
    payload: dict[str, Any] = {"ok": True, "value": value if math.isfinite(value) else None}
    if math.isnan(value) and result.reasons is not None:
        payload["reason"] = result.reasons
        payload["message"] = ctx.t(f"eval.reason_{result.reasons}")
    elif math.isinf(value):  # JSON has no infinity
        payload["reason"] = "overflow"
        payload["message"] = ctx.t("eval.reason_overflow")
    if notes:
        payload["notes"] = notes
    if ctx.json:
        ctx.emit(payload)
        return EXIT_OK
    for note in notes:
        ctx.warn(note)
    if "message" in payload:
        shown = "NaN" if math.isnan(value) else _format(value, ctx.lang)
        ctx.echo(f"{shown} ({payload['message']})")
    else:
        ctx.echo(_format(value, ctx.lang))
    return EXIT_OK
