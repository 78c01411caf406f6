"""``indikator compute [--json] [--catalog DIR|FILE] [--out FILE] TABLE``: capaian of a table.

TABLE is a realisation table (CSV separated by ``;`` or ``,``, TSV, XLSX or ODS) read by
:func:`indikator.documents.realisation.read_realisation`; ``-`` reads it from standard input
(CSV text, or an XLSX workbook recognised by its bytes, via
:func:`indikator.documents.uploads.read_realisation_bytes`).  The computing is
:func:`indikator.compute.pipeline.compute`.
Output with ``--json``: the envelope of ``docs/contract.md`` whose ``result`` is
:func:`indikator.contract.shapes.compute_result` (``rows`` one per input row in input order,
``unread``, ``summary``, ``written``, ``notes``: sheet and period columns chosen, years);
else one line per row and a summary.  ``--out`` writes
the results as ``.xlsx`` (:mod:`indikator.report.workbook`), ``.csv`` (``;``-separated, decimal
comma, as Indonesian spreadsheets expect) or ``.json`` (the same envelope).
A progress bar (rich) is shown on stderr for large files, never with ``--json`` or when
stderr is not a terminal.  Exit 1 when the table is rejected (missing file or columns).
This module reads arguments and writes output only.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from indikator.cli.commands.base import EXIT_OK, Context, writing
from indikator.core.errors import InputFileError
from indikator.core.i18n import t

if TYPE_CHECKING:
    from indikator.compute.pipeline import Computation

#: Files larger than this get a progress bar (when stderr is a terminal).
PROGRESS_BYTES: Final = 2_000_000
_OUT_SUFFIXES: Final = (".xlsx", ".csv", ".json", ".parquet")


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``compute`` subcommand."""
    parser = subparsers.add_parser(
        "compute", parents=parents, help=t("compute.help"), description=t("compute.help")
    )
    parser.add_argument("table", metavar="TABLE", help=t("compute.help_table"))
    parser.add_argument("--catalog", metavar="DIR|FILE", default=None,
                        help=t("compute.help_catalog"))
    parser.add_argument("--out", metavar="FILE", default=None, help=t("compute.help_out"))
    from indikator.cli.commands.tableopts import add_table_options

    add_table_options(parser)
    parser.add_argument("--engine", choices=("numpy", "duckdb", "auto"), default="numpy",
                        help=t("sql.engine_help"))
    parser.add_argument("--columns", metavar="A,B,…", default=None, help=t("sql.columns_help"))
    parser.set_defaults(handler=run, contract="compute")


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
    from indikator.cli.commands.tableopts import read_and_compute

    path = Path(args.table)
    if args.table != "-" and not path.exists():
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
    size = 0 if args.table == "-" else path.stat().st_size
    bar = _Bar(not ctx.json and tty and size > PROGRESS_BYTES, ctx.lang)
    columns = _columns(getattr(args, "columns", None))
    engine = getattr(args, "engine", "numpy")
    numpy_only = [flag for flag, dest in _NUMPY_ONLY if getattr(args, dest, None) is not None]
    if engine == "auto" and numpy_only:
        engine = "numpy"  # the options only the numpy engine applies
    if engine != "numpy" and args.table != "-":  # DuckDB and sqlglot imported only if asked
        from indikator.sql.engine import choose_engine

        engine = choose_engine(path, engine)
    if engine == "duckdb" and args.table != "-":
        if numpy_only:
            from indikator.core.errors import TableError

            raise TableError("compute.duckdb_options", options=", ".join(numpy_only))
        return _run_duckdb(path, out, catalog, ctx, bar, columns,
                           comparison=not getattr(args, "no_comparison", False))
    with bar.running(total=6):
        bar.phase("read")
        start = time.perf_counter()
        if args.table == "-":
            from indikator.compute.pipeline import compute
            from indikator.documents.uploads import read_realisation_bytes

            raw = getattr(sys.stdin, "buffer", None)  # a text stream (tests) has no bytes
            data = raw.read() if raw is not None else sys.stdin.read().encode("utf-8")
            result = compute(read_realisation_bytes(data, "-"), catalog=catalog, lang=ctx.lang,
                             progress=bar.phase)
            notes: list[Any] = []
        else:  # every sheet of XLSX/XLS/ODS, cp1252 CSV, the period chosen (tableopts)
            made = read_and_compute(path, args, catalog, ctx.lang, progress=bar.phase)
            result, notes = made.computation, made.notes
            del made  # the table read (cells, readings) is not needed to write the results
        result.timings["read"] = max(0.0, time.perf_counter() - start
                                     - sum(result.timings.values()))
        if out is not None:
            bar.phase("write")
            with writing(out):
                write_results(result, out, ctx.lang, columns, inputs=inputs)
    if not ctx.json:
        for note in notes:
            ctx.echo(note.render(ctx.lang))
    return _report(result, out, ctx, [note.render(ctx.lang) for note in notes])


def _columns(text: str | None) -> list[str] | None:
    """The ``--columns`` list, checked against the result columns."""
    if text is None:
        return None
    from indikator.compute.names import RESULT_COLUMNS
    from indikator.core.errors import TableError

    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in RESULT_COLUMNS]
    if unknown or not names:
        raise TableError("sql.unknown_columns", names=", ".join(unknown) or "-",
                         known=", ".join(RESULT_COLUMNS))
    return names


#: (flag, argparse dest) of the options only the numpy engine applies (``--engine duckdb``
#: refuses them, ``auto`` then takes numpy).
_NUMPY_ONLY = (("--sheet", "sheet"), ("--periode", "periode"), ("--batas-atas", "cap"),
               ("--batas-bawah", "floor"))


def _run_duckdb(path: Path, out: Path | None, catalog: Any, ctx: Context, bar: _Bar,
                columns: list[str] | None, comparison: bool = True) -> int:
    """``--engine duckdb``: :func:`indikator.sql.engine.compute_duckdb`; CSV and Parquet
    outputs are written by DuckDB, the rest as the numpy engine writes them.  Comparison
    targets (``≤ 10``, never plain, so computed by numpy) get the numpy command's practice
    (:func:`indikator.compute.practice.apply_practice`), and the results are then written as
    the numpy engine writes them."""
    from indikator.sql.engine import compute_duckdb

    with bar.running(total=6):
        result = compute_duckdb(path, catalog=catalog, lang=ctx.lang, progress=bar.phase,
                                comparison=comparison)
        practised = _with_practice(result, ctx.lang) if comparison else None
        if out is not None:
            bar.phase("write")
            with writing(out):
                if practised is not None:
                    write_results(practised, out, ctx.lang, columns, inputs=[path])
                elif not result.write(out, columns):
                    write_results(result.computation(), out, ctx.lang, columns, inputs=[path])
    notes = [note.render(ctx.lang) for note in result.notes]
    if not ctx.json:
        for note in notes:
            ctx.echo(note)
    if practised is not None or ctx.json or out is None:
        return _report(practised if practised is not None else result.computation(), out,
                       ctx, notes)
    for cell in result.unread:  # what _report prints when the rows went to a file
        ctx.echo(t("compute.unread_line", ctx.lang, **cell.to_json(ctx.lang)))
    ctx.echo(t("compute.summary", ctx.lang, unread=len(result.unread), **result.summary()))
    ctx.echo(t("compute.wrote", ctx.lang, path=str(out)))
    return EXIT_OK


def _with_practice(result: Any, lang: str) -> Computation | None:
    """The DuckDB *result*'s computation with comparison targets computed as numbers, as the
    numpy command does; None when no row has a comparison target (rows SQL computed are plain
    numbers: only rows numpy computed can have one) or when the whole file went to numpy (its
    fallback applies the practice already)."""
    if not result.rows_numpy or result.fallback is not None:
        return None  # all rows plain, or numpy computed the whole file with the practice
    computation: Computation = result.computation()
    if not (computation.results["jenis_target"] == "comparison").any():
        return None
    from indikator.compute.practice import apply_practice

    computation.results = apply_practice(computation.results, comparison=True, lang=lang,
                                         copy=False)
    return computation


def write_results(result: Computation, out: Path, lang: str,
                  columns: list[str] | None = None, inputs: Sequence[Path] = ()) -> Path:
    """Write *result* to *out* by its extension (.xlsx, .csv, .json, .parquet); *columns*
    (``--columns``) chooses the columns of a CSV or Parquet file.  Written atomically and never
    over one of *inputs* (:mod:`indikator.core.atomic`); CSV text cells a spreadsheet would run
    as formulas are neutralised (:mod:`indikator.report.csvsafe`)."""
    from indikator.core.atomic import atomic_path, write_text

    suffix = out.suffix.lower()
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        from indikator.report.workbook import write_workbook

        return write_workbook(out, result.results, unread=result.unread, lang=lang,
                              inputs=inputs)
    if suffix == ".csv":
        from indikator.report.csvsafe import write_csv

        # target / realisasi hold numbers among texts: a number gets the decimal comma too
        return write_csv(result.results, out, inputs=inputs, mixed=("target", "realisasi"),
                         columns=columns)
    if suffix == ".parquet":  # through DuckDB (no pyarrow needed)
        import duckdb

        with duckdb.connect() as connection, atomic_path(out, inputs=inputs) as temp:
            connection.register("hasil", result.results[columns or list(result.results.columns)])
            connection.execute("COPY hasil TO ? (FORMAT parquet)", [str(temp)]).fetchall()
        return out
    from indikator.contract.envelope import dumps, success
    from indikator.contract.shapes import compute_result

    envelope = success("compute", compute_result(result, lang), lang)
    return write_text(out, dumps(envelope, indent=1) + "\n", inputs=inputs)


def _report(result: Computation, out: Path | None, ctx: Context,
            notes: list[str] | None = None) -> int:
    from indikator.compute.pipeline import summary_counts
    from indikator.contract.shapes import compute_result

    if ctx.json:
        payload = compute_result(result, ctx.lang)
        payload["written"] = None if out is None else str(out)
        payload["notes"] = list(notes or [])
        return ctx.respond(payload)
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
        from indikator.report.words import audit_word

        parts.append(t("compute.audit_label", lang, verdict=audit_word(row["audit"], lang)))
    line = " ".join(p for p in parts if p)
    if row.get("pesan"):
        line += f" — {row['pesan']}"
    return line
