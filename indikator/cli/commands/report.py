"""``indikator report --out DIR [--catalog …] [--sheet …] [--periode …] TABLE``: the LKjIP report
of the user's own realisation table.

TABLE is a realisation table (CSV/TSV, also Windows cp1252; XLSX/XLS/ODS with several sheets).
It is read with the sheet and period chosen (:mod:`indikator.cli.commands.tableopts`), computed,
and written by :func:`indikator.report.lkjip_report.write_lkjip_report` into DIR: the workbook
with the Pengukuran Kinerja sheet first, the charts, the narrative and Bab III as DOCX — the same
pipeline the demo runs.  The text output lists the notes (sheet and columns chosen, years, cells
not read) and the files; ``--json`` prints the envelope of ``docs/contract.md`` (command
``report``) whose ``result`` is ``{"out", "files", "year", "period", "notes", "unread",
"summary"}`` (``docs/schemas/report.schema.json``).  This module reads arguments and prints; the
library does the work.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, writing
from indikator.core.errors import InputFileError
from indikator.core.i18n import t


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``report`` subcommand."""
    from indikator.cli.commands.tableopts import add_table_options

    parser = subparsers.add_parser("report", parents=parents, help=t("reportcmd.help"),
                                   description=t("reportcmd.description"))
    parser.add_argument("table", metavar="TABLE", help=t("compute.help_table"))
    parser.add_argument("--out", metavar="DIR", required=True, help=t("reportcmd.help_out"))
    parser.add_argument("--catalog", metavar="DIR|FILE", default=None,
                        help=t("compute.help_catalog"))
    add_table_options(parser)
    parser.set_defaults(handler=run, contract="report")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.cli.commands.tableopts import read_and_compute
    from indikator.compute.pipeline import summary_counts
    from indikator.contract.shapes import unread_json
    from indikator.report.lkjip_report import write_lkjip_report

    path = Path(args.table)
    if not path.exists():
        raise InputFileError("common.file_not_found", path=str(path))
    catalog = None
    if args.catalog:
        from indikator.catalog.loader import load_catalog

        catalog = load_catalog(args.catalog)
    made = read_and_compute(path, args, catalog, ctx.lang)
    unread = [{"table": path.name, "line": cell.line, "column": cell.column, "text": cell.text,
               "reason": cell.message(ctx.lang)} for cell in made.computation.unread]
    with writing(args.out):
        report = write_lkjip_report(args.out, made.computation.results, unread=unread,
                                    lang=ctx.lang, source=path.name, period=made.period)
    notes = [n.render(ctx.lang) for n in (*made.notes, *report.notes)]
    counts = summary_counts(made.computation.results)
    if ctx.json:
        return ctx.respond({
            "out": str(args.out), "files": [str(p) for p in report.all()],
            "year": report.year or None, "period": made.period or None, "notes": notes,
            "unread": [unread_json(cell, ctx.lang) for cell in unread],
            "summary": {**counts, "unread": len(unread)}})
    for note in notes:
        ctx.echo(note)
    for cell in unread:
        ctx.echo(t("compute.unread_line", ctx.lang, line=cell["line"], column=cell["column"],
                   text=cell["text"], reason=cell["reason"]))
    ctx.echo(t("compute.summary", ctx.lang, unread=len(unread), **counts))
    for file in report.all():
        ctx.echo(t("reportcmd.wrote", ctx.lang, path=str(file)))
    return EXIT_OK
