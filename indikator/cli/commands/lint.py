"""``indikator lint``: check formulas for inversions, tautologies, ×100 and unit mistakes.

Two forms::

    indikator lint [--json] --formula TEXT [--name INDICATOR] [--unit SATUAN]
    indikator lint [--json] FILE…        Tabel 6.3 as TSV, CSV, or catalogue TOML files

What a file must hold is said in :mod:`indikator.linter.files`.  With ``--json`` the envelope
of ``docs/contract.md``: ``result.formulas`` one item per formula (file, line in the file,
source line in the document, indicator, unit, formula, number of findings),
``result.summary`` the counts, and the envelope's ``findings`` every finding with its place
(``where.item`` indexes ``result.formulas``).  Exit status 3 when any finding has severity
error, 1 when an input is refused.  This module only reads inputs and formats; the rules are
:mod:`indikator.linter.rules`.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from indikator.cli.commands.base import Context, read_text_file
from indikator.core.errors import InputFileError
from indikator.core.i18n import t
from indikator.linter.files import CATALOGUE_SUFFIXES, TABLE_SUFFIXES, Entry, read_formulas


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``lint`` subcommand."""
    parser = subparsers.add_parser(
        "lint", parents=parents, help=t("lint.help"), description=t("lint.help")
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help=t("lint.help_files"))
    parser.add_argument("--formula", metavar="TEXT", help=t("lint.help_formula"))
    parser.add_argument("--name", metavar="INDICATOR", help=t("lint.help_name"))
    parser.add_argument("--unit", metavar="SATUAN", help=t("lint.help_unit"))
    parser.set_defaults(handler=run, contract="lint")


def _read(path: str) -> list[Entry]:
    lowered = path.lower()
    known = lowered.endswith(TABLE_SUFFIXES + CATALOGUE_SUFFIXES) or path == "-"
    if not known and os.path.isfile(path):
        raise InputFileError("lint.unsupported_file", path=path)  # before reading a workbook
    return read_formulas(path, read_text_file(path))


def _text_line(ctx: Context, prefix: str, finding: dict[str, Any]) -> str:
    severity = ctx.t(f"lint.severity_{finding['severity']}")
    line = f"{prefix}{severity} {finding['code']} [{finding['rule']}]: {finding['message']}"
    if finding["fix"]:
        line += f"\n    {ctx.t('lint.fix_label')}: {finding['fix']}"
    return line


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Lint --formula TEXT or the formulas of FILE…; exit 3 on any error finding."""
    from indikator.contract.operations import lint_entries

    if args.formula is None and not args.files:
        raise InputFileError("lint.no_input")
    entries: list[Entry] = []
    if args.formula is not None:
        text = sys.stdin.read() if args.formula == "-" else args.formula
        entries.append(Entry("--formula", None, None, args.name, args.unit, text))
    for path in args.files:
        entries.extend(_read(path))
    result, findings = lint_entries(entries, ctx.lang)
    status = ctx.respond(result, findings)
    if ctx.json:
        return status
    single = args.formula is not None and not args.files
    for index, item in enumerate(result["formulas"]):
        if single:
            prefix = ""
        else:
            place = f"{item['file']}:{item['line']}" if item["line"] is not None else item["file"]
            if item["source_line"] is not None:
                place += f" ({ctx.t('lint.source_line_label')} {item['source_line']})"
            prefix = f"{place}: "
        for finding in findings:
            if finding["where"]["item"] == index:
                ctx.echo(_text_line(ctx, prefix, finding))
        if single and not item["findings"]:
            ctx.echo(ctx.t("lint.no_findings", source="--formula"))
    summary = result["summary"]
    ctx.echo(ctx.t("lint.summary", formulas=summary["formulas"], errors=summary["errors"],
                   warnings=summary["warnings"], infos=summary["infos"]))
    return status
