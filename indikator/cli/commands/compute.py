"""``indikator compute [--json] [--catalog DIR|FILE] [--out FILE] TABLE``: capaian of a table.

TABLE is a realisation table (CSV separated by ``;`` or ``,``, TSV, or XLSX) read by
:func:`indikator.documents.realisation.read_realisation`; the computing is
:func:`indikator.compute.pipeline.compute`.
Output: ``{"rows": [...], "unread": [...], "summary": {...}}`` with ``--json`` (one row per
input row, in input order, keys of ``shared/DESIGN.md`` plus a few more), else one line per
row and a summary.  ``--out`` writes the results as ``.xlsx`` (:mod:`indikator.report.workbook`),
``.csv`` (``;``-separated, decimal comma, as Indonesian spreadsheets expect) or ``.json``.
A progress bar (rich) is shown on stderr for large files, never with ``--json`` or when
stderr is not a terminal.  Exit 1 when the table is rejected (missing file or columns).
This module reads arguments and writes output only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from indikator.cli.commands.base import EXIT_OK, Context, jsonable, writing
from indikator.core.errors import InputFileError
from indikator.core.i18n import t

if TYPE_CHECKING:
    from indikator.compute.pipeline import Computation

#: Files larger than this get a progress bar (when stderr is a terminal).
PROGRESS_BYTES: Final = 2_000_000
_OUT_SUFFIXES: Final = (".xlsx", ".csv", ".json")


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``compute`` subcommand."""
    parser = subparsers.add_parser(
        "compute", parents=parents, help=t("compute.help"), description=t("compute.help")
    )
    parser.add_argument("table", metavar="TABLE", help=t("compute.help_table"))
    parser.add_argument("--catalog", metavar="DIR|FILE", default=None,
                        help=t("compute.help_catalog"))
    parser.add_argument("--out", metavar="FILE", default=None, help=t("compute.help_out"))
    parser.set_defaults(handler=run)


class _Bar:
    """A rich progress bar over the phases, or nothing."""

    def __init__(self, enabled: bool, lang: str) -> None:
        self.enabled = enabled
        self.lang = lang
        self._progress: Any = None
        self._task: Any = None

    @contextlib.contextmanager
    def running(self, total: int) -> Iterator[_Bar]:
        if not self.enabled:
            yield self
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                      console=Console(file=sys.stderr), transient=True) as progress:
            self._progress = progress
            self._task = progress.add_task("", total=total)
            yield self
            progress.update(self._task, completed=total)

    def phase(self, name: str) -> None:
        if self._progress is None:
            return
        task = self._progress.tasks[0]
        if task.description:  # the previous phase is done
            self._progress.advance(self._task)
        self._progress.update(self._task, description=t(f"compute.phase_{name}", self.lang))


def run(args: argparse.Namespace, ctx: Context) -> int:
    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    path = Path(args.table)
    if not path.exists():
        raise InputFileError("common.file_not_found", path=str(path))
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in _OUT_SUFFIXES:
        from indikator.core.errors import TableError

        raise TableError("compute.bad_out", path=str(out))
    inputs = [path] + ([Path(args.catalog)] if args.catalog else [])
    if out is not None:  # never write over an input (same path, symlink, hard link)
        from indikator.core.atomic import check_not_input

        check_not_input(out, inputs)
    catalog = None
    if args.catalog:
        from indikator.catalog.loader import load_catalog

        catalog = load_catalog(args.catalog)
    tty = bool(getattr(ctx.stderr, "isatty", lambda: False)())
    bar = _Bar(not ctx.json and tty and path.stat().st_size > PROGRESS_BYTES, ctx.lang)
    with bar.running(total=6):
        bar.phase("read")
        start = time.perf_counter()
        table = read_realisation(path)
        read_seconds = time.perf_counter() - start
        result = compute(table, catalog=catalog, lang=ctx.lang, progress=bar.phase)
        result.timings["read"] = read_seconds
        if out is not None:
            bar.phase("write")
            with writing(out):
                write_results(result, out, ctx.lang, inputs=inputs)
    return _report(result, out, ctx)


def write_results(
    result: Computation, out: Path, lang: str, inputs: Sequence[Path] = ()
) -> Path:
    """Write *result* to *out* by its extension (.xlsx, .csv, .json), atomically and never
    over one of *inputs* (:mod:`indikator.core.atomic`); CSV text cells that a spreadsheet
    would run as formulas are neutralised (:mod:`indikator.report.csvsafe`)."""
    from indikator.core.atomic import atomic_open

    suffix = out.suffix.lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        from indikator.report.workbook import write_workbook

        return write_workbook(out, result.results, unread=result.unread, lang=lang,
                              inputs=inputs)
    if suffix == ".csv":
        from indikator.report.csvsafe import write_csv

        frame = result.results.copy()
        for name in ("target", "realisasi"):  # numbers among texts: decimal comma too
            frame[name] = frame[name].map(_comma_number)
        return write_csv(frame, out, inputs=inputs)
    payload = _payload(result, lang)
    with atomic_open(out, "w", encoding="utf-8", inputs=inputs) as handle:
        json.dump(jsonable(payload), handle, ensure_ascii=False, indent=1, allow_nan=False)
        handle.write("\n")
    return out


def _comma_number(value: Any) -> Any:
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value == value else None
    return value


def _payload(result: Computation, lang: str) -> dict[str, Any]:
    from indikator.compute.pipeline import summary_counts

    payload = result.to_json(lang)
    payload["summary"] = {**summary_counts(result.results), "unread": len(result.unread)}
    return payload


def _report(result: Computation, out: Path | None, ctx: Context) -> int:
    from indikator.compute.pipeline import summary_counts

    if ctx.json:
        payload = _payload(result, ctx.lang)
        if out is not None:
            payload["written"] = str(out)
        ctx.emit(payload)
        return EXIT_OK
    if out is None:
        for row in result.rows():
            ctx.echo(_row_line(row, ctx.lang))
    for cell in result.unread:
        ctx.echo(t("compute.unread_line", ctx.lang, **cell.to_json(ctx.lang)))
    counts = summary_counts(result.results)
    ctx.echo(t("compute.summary", ctx.lang, unread=len(result.unread), **counts))
    if out is not None:
        ctx.echo(t("compute.wrote", ctx.lang, path=str(out)))
    return EXIT_OK


def _row_line(row: dict[str, Any], lang: str) -> str:
    from indikator.report.narrative import format_number

    year = row.get("tahun")
    capaian = row.get("capaian")
    shown = "-" if capaian is None else format_number(capaian, 2, lang) + " %"
    parts = [f"{row.get('baris')}.", str(row.get("indikator") or ""),
             f"({year})" if year is not None else "", "→", shown]
    if row.get("kategori"):
        parts.append(f"[{row['kategori']}]")
    if row.get("audit"):
        parts.append(f"audit: {row['audit']}")
    line = " ".join(p for p in parts if p)
    if row.get("pesan"):
        line += f" — {row['pesan']}"
    return line
