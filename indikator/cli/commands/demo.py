"""``indikator demo [--out DIR]``: the bundled Kota Serang example, end to end.

The README's first command.  The work (import the seed's tables, lint its formulas, rate its
Tabel 7.1, compute capaian on the illustrative realisation table, write the workbook, charts,
narrative and ``summary.md`` into DIR, default ``demo-output``) is
:func:`indikator.report.demo.build`; this module parses the arguments and prints the summary, or
with ``--json`` ``{"out", "files", "illustrative", "tables", "lint", "ratings", "compute",
"summary"}``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Final

from indikator.cli.commands.base import EXIT_OK, Context, writing
from indikator.core.atomic import write_text
from indikator.core.i18n import t
from indikator.report.demo import SUMMARY_FILE, build, summary_text

DEFAULT_OUT: Final = "demo-output"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser("demo", parents=parents, help=t("demo.help"),
                                   description=t("demo.help"))
    parser.add_argument("--out", metavar="DIR", default=DEFAULT_OUT, help=t("demo.help_out"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    out = Path(args.out)
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)  # fail before the work if DIR cannot be made
        demo = build(out, ctx.lang)
        summary = summary_text(demo, out, ctx.lang)
        summary_path = out / SUMMARY_FILE
        write_text(summary_path, summary)
    demo.files.append(summary_path)
    if ctx.json:
        from indikator.compute.pipeline import summary_counts

        assert demo.computation is not None
        ctx.emit({
            "out": str(out),
            "files": [str(p) for p in demo.files],
            "illustrative": True,
            "tables": [table.to_json(ctx.lang) for table in demo.tables],
            "lint": {"formulas": demo.formulas, "findings": demo.findings},
            "ratings": [r.to_json() for r in demo.ratings],
            "compute": {**summary_counts(demo.computation.results),
                        "rows": demo.computation.rows()},
            "summary": summary,
        })
        return EXIT_OK
    ctx.echo(summary.rstrip("\n"))
    return EXIT_OK
