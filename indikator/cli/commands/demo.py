"""``indikator demo [--out DIR]``: the bundled Kota Serang example, end to end.

The README's first command.  The work (import the seed's tables, lint its formulas, rate its
Tabel 7.1, compute capaian on the illustrative realisation table, write the workbook, charts,
narrative and ``summary.md`` into DIR, default ``demo-output``) is
:func:`indikator.report.demo.build`; this module parses the arguments and prints the summary, or
with ``--json`` the envelope of ``docs/contract.md`` whose ``result`` is ``{"out", "files",
"illustrative", "tables", "lint", "ratings", "compute", "summary"}`` (English keys; the demo's
lint findings stay inside ``result.lint``: showing them is the demo's job, so they do not change
its exit status).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Final

from indikator.cli.commands.base import EXIT_OK, Context, writing
from indikator.core.atomic import write_text
from indikator.core.i18n import t
from indikator.report.demo import SUMMARY_FILE, DemoRun, build, summary_text

DEFAULT_OUT: Final = "demo-output"


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser("demo", parents=parents, help=t("demo.help"),
                                   description=t("demo.help"))
    parser.add_argument("--out", metavar="DIR", default=DEFAULT_OUT, help=t("demo.help_out"))
    parser.set_defaults(handler=run, contract="demo")


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
        return ctx.respond(_result(demo, out, summary, ctx.lang))
    ctx.echo(summary.rstrip("\n"))
    return EXIT_OK


def _result(demo: DemoRun, out: Path, summary: str, lang: str) -> dict[str, Any]:
    """The ``demo`` result of the JSON contract (English keys; values as found)."""
    from indikator.compute.pipeline import summary_counts
    from indikator.contract.shapes import compute_row, table_json

    assert demo.computation is not None
    findings = [{"indicator": f["indikator"], "line": f["line"], "table": f["table"],
                 "code": f["code"], "rule": f["rule"], "severity": f["severity"],
                 "message": f["message"], "fix": f["fix"]} for f in demo.findings]
    ratings = [{"indicator": r.indicator, "scale": r.scale, "year": r.year, "kind": r.kind,
                "value": r.value if isinstance(r.value, int | float) else None,
                "text": r.value if isinstance(r.value, str) else None,
                "category": r.code, "label": r.label} for r in demo.ratings]
    return {
        "out": str(out),
        "files": [str(p) for p in demo.files],
        "illustrative": True,
        "tables": [table_json(table, lang) for table in demo.tables],
        "lint": {"formulas": demo.formulas, "findings": findings},
        "ratings": ratings,
        "compute": {**summary_counts(demo.computation.results),
                    "rows": [compute_row(row) for row in demo.computation.rows()]},
        "summary": summary,
    }
