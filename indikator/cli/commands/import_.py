"""``indikator import [--json] [--out DIR] FILE``: read the tables of a document or a table file.

FILE is a planning document — a PDF (read with its page geometry), a Word ``.docx`` (tables and
Word equations) or extracted text (``.txt``/``.md``) — whose Tabel 6.1/6.2, 6.3, 7.1 are found
and read (:mod:`indikator.documents.sources`), or a realisation table (``.csv``, ``.tsv``,
``.xlsx``, ``.xls``, ``.ods``; ``--sheet``, ``--periode``).  The output gives, per table, the
number of indicators, the cells read and every cell not read (line or row, column, text,
reason), what the reader inferred, and the notes on the file (pages without a text layer,
sheets skipped, period columns chosen).  With ``--out DIR`` the indicators are written as
catalogue TOML files, one per table number (repeated tables are merged; a repeated row keeps
its other lines in ``also_lines``).  With ``--json`` the envelope of ``docs/contract.md`` whose
``result`` is :func:`indikator.contract.shapes.import_result`.  The command never changes the
input; it does not lint or compute.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, writing
from indikator.core.i18n import t

_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``import`` subcommand."""
    parser = subparsers.add_parser(
        "import",
        parents=parents,
        help=t("cli.import_help"),
        description=t("cli.import_description"),
    )
    parser.add_argument("file", metavar="FILE", help=t("cli.import_help_file"))
    parser.add_argument("--out", metavar="DIR", default=None, help=t("cli.import_help_out"))
    parser.add_argument("--sheet", metavar="NAMA|N", default=None, help=t("table.help_sheet"))
    parser.add_argument("--periode", metavar="P", default=None, help=t("table.help_periode"))
    parser.set_defaults(handler=run, contract="import")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.contract.shapes import import_result
    from indikator.core.errors import InputFileError, TableError

    path = Path(args.file)
    if not path.exists():
        raise InputFileError("common.file_not_found", path=str(path))
    written: list[Path]
    if path.suffix.lower() in _TABLE_SUFFIXES:
        tables, written, notes = _import_realisation(path, args.out, args.sheet, args.periode)
    else:
        from indikator.documents.sources import document_text
        from indikator.documents.textdoc import read_document

        document = document_text(path)
        notes = document.notes
        tables = read_document(document.text)
        if not tables:
            raise TableError("tables.no_tables", path=str(path))
        with writing(args.out or "."):
            written = _write_document(tables, path, Path(args.out)) if args.out else []
    payload = import_result(tables, ctx.lang, written)
    payload["notes"] = [note.render(ctx.lang) for note in notes]
    for shown, table in zip(payload["tables"], tables, strict=True):
        shown["inferred"] = [m.render(ctx.lang) for m in getattr(table, "inferred", [])]
    if ctx.json:
        return ctx.respond(payload)
    for note in payload["notes"]:
        ctx.echo(note)
    for table in payload["tables"]:
        start, end = table["lines"] or [None, None]
        ctx.echo(ctx.t("tables.import_summary", table=table["table"] or "?",
                       kind=ctx.t(f"tables.kind_{table['kind']}"),
                       start=start, end=end, indicators=table["indicators"],
                       read=table["cells_read"], unread=len(table["cells_unread"])))
        for note in table["inferred"]:
            ctx.echo(ctx.t("tables.import_inferred", note=note))
        for cell in table["cells_unread"]:
            ctx.echo(ctx.t("tables.import_unread", **cell))
    for file in written:
        ctx.echo(ctx.t("tables.import_wrote", path=str(file)))
    return EXIT_OK


def _write_document(tables: list[Any], source: Path, out: Path) -> list[Path]:
    from indikator.catalog.importer import from_table
    from indikator.catalog.loader import dump
    from indikator.documents.results import Table

    groups: dict[str, list[Table]] = {}
    for table in tables:
        if table.kind not in ("formula", "headline", "programme"):
            continue
        key = table.number or f"x-baris-{table.start_line}"
        groups.setdefault(key, []).append(table)
    written: list[Path] = []
    codes: set[str] = set()
    # codes go first to the definitions (formula, headline tables), then to programme tables,
    # so that a definition keeps its plain code whatever else the document holds
    priority = {"formula": 0, "headline": 1, "programme": 2}
    ordered = sorted(groups.items(),
                     key=lambda item: (priority[item[1][0].kind], item[1][0].number is None))
    for key, group in ordered:
        merged = Table(group[0].number, group[0].kind, group[0].title, group[0].start_line,
                       group[-1].end_line, [row for t in group for row in t.rows])
        indicators = from_table(merged, codes=codes)
        if not indicators:
            continue
        meta = {
            "name": f"{source.stem}-tabel-{key}",
            "title": group[0].title,
            "source": str(source),
            "table": group[0].number,
            "lines": [[t.start_line, t.end_line] for t in group],
        }
        comment = (
            f"Indicators of Tabel {key} of {source.name}, written by `indikator import`.\n"
            "Fields listed in `inferred` were guessed by the importer: check them by hand."
        )
        written.append(dump(indicators, out / f"tabel-{key}.toml", meta, comment,
                            inputs=[source]))
    return written


def _import_realisation(
    path: Path, out: str | None, sheet: str | None, periode: str | None
) -> tuple[list[Any], list[Path], list[Any]]:
    from indikator.catalog.loader import dump
    from indikator.documents.realisation_file import read_table

    read = read_table(path, sheet, periode)
    table = read.table
    written: list[Path] = []
    if out:
        from indikator.catalog.importer import indicators_from_realisation

        indicators = indicators_from_realisation(table)
        meta = {"name": f"{path.stem}-realisasi", "source": path.name}
        with writing(out):
            written.append(dump(indicators, Path(out) / f"{path.stem}.toml", meta,
                                f"Indicators of {path.name}, written by `indikator import`.",
                                inputs=[path]))
    return [table], written, list(read.notes)
