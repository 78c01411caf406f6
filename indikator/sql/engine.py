"""The DuckDB engine of ``indikator compute``: plain rows in SQL, every other row in numpy.

:func:`compute_duckdb` reads a CSV/TSV or Parquet realisation table with DuckDB and returns a
:class:`DuckResult` whose rows (columns :data:`indikator.compute.pipeline.RESULT_COLUMNS`,
one per input row, in input order) are the numpy engine's, value for value, message for
message.  It gets there by routing:

* a **plain row** — ASCII cells only, an indicator name, target and realisasi that are plain
  numbers SQL reads exactly as :mod:`indikator.documents.numbers` does (``12``, ``-3``,
  ``12,5``, ``0.25``: digits with at most one separator not followed by exactly three digits,
  ≤ 15 digits), no printed capaian, an ``arah`` cell that is empty or a known word, an
  interval scale, no total-row word — is computed in SQL with the compiled capaian method and
  scale (:mod:`indikator.sql.capaian`, :mod:`indikator.sql.scale`);
* every **other row** (``3.460``, ``1.800.085,25``, ``80 – 90``, ``#DIV/0!``, ``-``,
  categories, headings, printed capaian to audit …) is written to a small table and computed
  by :func:`indikator.compute.pipeline.compute` itself.  The decimal convention of a column is
  decided over the whole column (``3.460`` depends on the other cells), so the plain cells'
  evidence (a decimal comma, a decimal point) is added to that table as marker rows that are
  dropped afterwards: both engines decide the same way.

Two paths, the same answer:

* **streaming** (:mod:`indikator.sql.stream`), tried first: when the rows are all plain the
  results are never stored — the write is one DuckDB pipeline ``read_csv`` → projections →
  ``COPY``, in file order, with the look-ups inlined; when the first rows are alike it is a
  single guarded pass (a row unlike them aborts it, then the file is checked and written
  again, or goes the general way);
* **general** (:func:`_general`, here): the rows in tables, the plain ones in SQL, the others
  through numpy as above, joined back and sorted by line.

Whole files go to the numpy engine when a structural feature is not handled here (a header
not on the first line or with unnamed columns, blank lines, bytes that are not UTF-8 (numpy
reads the file as Windows-1252), an empty ``indikator`` cell
continuing the one above, years that are not whole numbers, XLSX input): the answer is then
the numpy engine's by construction.  :data:`AUTO_BYTES` is the size above which ``--engine
auto`` picks DuckDB (``benchmarks/bench_sql_engine.py`` measured the break-even).

It does not write workbooks or JSON itself (the CLI does, from :meth:`DuckResult.computation`);
CSV and Parquet are written by DuckDB (:meth:`DuckResult.write`).
"""

from __future__ import annotations

import dataclasses
import functools
import mmap
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from indikator.sql.results import DuckResult, chosen_threads, nones, run
from indikator.sql.rowsql import (
    Layout,
    cells_sql,
    plain_flag,
    plain_sql,
    resolved_columns,
    usable_scales,
)

if TYPE_CHECKING:
    import duckdb

    from indikator.catalog.loader import Catalog
    from indikator.scales.scale import Scale

__all__ = ["AUTO_BYTES", "DuckResult", "choose_engine", "compute_duckdb"]

AUTO_BYTES: Final = 2_000_000
"""``--engine auto`` uses DuckDB for CSV/Parquet files larger than this (about 4·10^4 rows of a
five-column table).  Measured with ``benchmarks/bench_sql_engine.py`` (one run, all 22
columns written, 2-core machine at load 5.5–6.6), CPU seconds numpy / DuckDB: 1 MB (2·10^4
rows) 0.82 / 0.81 — even, both mostly imports; 5 MB (10^5 rows) 1.48 / 1.10; 50 MB (10^6
rows) 8.13 / 4.47.  The crossing is near 1 MB; the threshold sits above it because the numpy
engine is the reference path and a file with many rows that are not plain costs the DuckDB
engine its general path (numpy for those rows as well)."""

_TEXT_SUFFIXES: Final = (".csv", ".tsv", ".txt")
_HEAD_LINES: Final = 40
_HEADERISH: Final = re.compile(r"[\d\s().=x×*/:%+\-]*|(?:tahun\s+|th\.?\s*)?(?:19|20)\d\d",
                               re.IGNORECASE)


def choose_engine(path: Path, engine: str) -> str:
    """``numpy`` or ``duckdb`` for *engine* ``numpy``/``duckdb``/``auto`` and the input file."""
    if engine != "auto":
        return engine
    suffix = path.suffix.lower()
    if suffix not in (*_TEXT_SUFFIXES, ".parquet"):
        return "numpy"
    return "duckdb" if path.stat().st_size > AUTO_BYTES else "numpy"


# --------------------------------------------------------------------------- the file


def _layout(path: Path) -> Layout | None:
    """The header of a CSV whose first line names every column, or None (numpy engine)."""
    import csv
    import io

    from indikator.documents.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, header_field
    from indikator.documents.files import sniff_delimiter

    with path.open("rb") as handle:
        head_bytes = handle.read(1 << 16)
    try:
        head = head_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = head.splitlines()[:_HEAD_LINES]
    if not lines:
        return None
    delimiter = sniff_delimiter(head, path)
    names = next(csv.reader(io.StringIO(lines[0]), delimiter=delimiter))
    fields = [header_field(name) for name in names]
    positions: dict[str, int] = {}
    for index, (found, year) in enumerate(fields):
        if found is None or year is not None or found in positions:
            return None
        positions[found] = index
    if not all(c in positions for c in REQUIRED_COLUMNS):
        return None
    if not all(name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) for name in positions):
        return None
    if len(lines) > 1:  # column numbers "(1);(2)" or years under the header: a 2-row header
        below = next(csv.reader(io.StringIO(lines[1]), delimiter=delimiter), [])
        filled = [c.strip() for c in below if c.strip()]
        if filled and all(_HEADERISH.fullmatch(c) for c in filled):
            return None
    return Layout(delimiter, lines[0], positions, len(names))


_CONTROL: Final = bytes(1 if (i < 32 and i not in (9, 10, 13)) or i == 127 else 0
                       for i in range(256))
"""Byte → 1 for a control character other than tab, LF and CR (a ``bytes.translate`` table)."""
_CHUNK: Final = 1 << 22
_BLANK_LINE: Final = re.compile(b"\n\r?\n")


def _has_blank_records(path: Path) -> bool:
    """An empty line inside the file (the numpy reader keeps it as a row number, DuckDB skips
    it); lines of separators only are rows with an empty indikator, see ``_structure_ok``.
    A regular expression with a literal first byte: a fast scan (0.6 ns a byte)."""
    if path.stat().st_size == 0:
        return True
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return _BLANK_LINE.search(m) is not None


def _has_controls(path: Path) -> bool:
    """A control character other than tab, CR and LF in the file (Python's strip removes some
    that DuckDB's trim keeps): the general path hands such a file to numpy.  The streaming
    path's guarded pass refuses them cell by cell instead (this scan costs 2 ns a byte: 10 %
    of the hand-written script's time).  C loops over 4 MB chunks."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return any(b"\x01" in m[start:start + _CHUNK].translate(_CONTROL)
                   for start in range(0, len(m), _CHUNK))


def _is_utf8(path: Path) -> bool:
    """The whole file is UTF-8 (:func:`_layout` decodes the head only; DuckDB's reader stops
    at the first byte that is not, where the numpy reader reads the file as Windows-1252).
    An ASCII chunk costs 0.13 ns a byte; only the others are decoded."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        try:
            for start in range(0, len(m), _CHUNK):
                chunk = m[start:start + _CHUNK]
                if chunk.isascii():  # a sequence left open by the chunk before is not UTF-8
                    decoder.decode(b"", final=True)
                else:
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _load(connection: duckdb.DuckDBPyConnection, path: Path, layout: Layout) -> None:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(layout.width)) + "}"
    run(connection,
        "CREATE TABLE raw AS SELECT * FROM read_csv(?, delim = ?, header = false, skip = 1, "
        f"quote = '\"', escape = '\"', auto_detect = false, columns = {columns}, "
        "null_padding = true, strict_mode = false)",
        [str(path), layout.delimiter],
    )


def _classify(connection: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    """Table ``cells`` (:func:`cells_sql`) of table ``raw``."""
    run(connection, f"CREATE TABLE cells AS {cells_sql(layout, '(SELECT *, rowid FROM raw)')}")


def _structure_ok(connection: duckdb.DuckDBPyConnection, layout: Layout) -> bool:
    """No empty indikator cell (merged cells continue the name above: numpy's job) and years
    that are whole numbers where given."""
    empty = connection.execute(
        "SELECT count(*) FILTER (WHERE indikator = ''), "
        "count(*) FILTER (WHERE tahun <> '' AND NOT regexp_full_match(tahun, '[0-9]{1,9}')) "
        "FROM cells").fetchall()[0]
    assert empty is not None
    return int(empty[0]) == 0 and int(empty[1]) == 0


# --------------------------------------------------------------------------- lookups


def _lookups(connection: duckdb.DuckDBPyConnection, catalog: Catalog | None,
             default_scale: str, lang: str | None) -> dict[str, Scale]:
    """Tables ``dirs`` (arah cell → naik/turun/''/unknown), ``names`` (indicator → the
    catalogue's arah and scale, lower-is-better by its name), ``units`` (satuan → a percent)
    and the view ``routed`` (the rows resolved, flagged plain or not); the scales usable in
    SQL by name.  The decisions are :func:`indikator.sql.lookups.look_up`'s, one per distinct
    value, as the numpy engine makes them."""
    from indikator.sql.lookups import look_up

    def distinct(column: str) -> list[Any]:
        return [r[0] for r in connection.execute(f"SELECT DISTINCT {column} FROM cells"
                                                 ).fetchall()]

    found = look_up(distinct("arah"), distinct("satuan"), distinct("indikator"),
                    catalog=catalog, lang=lang)
    run(connection, "CREATE TABLE dirs AS SELECT unnest(?::VARCHAR[]) AS text, "
                     "unnest(?::VARCHAR[]) AS dir", [list(found.dirs), list(found.dirs.values())])
    run(connection, "CREATE TABLE units AS SELECT unnest(?::VARCHAR[]) AS text, "
                     "unnest(?::BOOLEAN[]) AS percent",
        [list(found.percent), list(found.percent.values())])
    info = list(found.names.values())
    run(connection,
         "CREATE TABLE names AS SELECT unnest(?::VARCHAR[]) AS name, "
         "unnest(?::VARCHAR[]) AS cat_arah, unnest(?::VARCHAR[]) AS cat_scale, "
         "unnest(?::VARCHAR[]) AS guess_text",
         [list(found.names), [i[0] for i in info], [i[1] for i in info], [i[2] for i in info]])
    resolved = resolved_columns("d.dir", "n.cat_arah", "n.cat_scale", "n.guess_text",
                                 "u.percent", default_scale)
    run(connection,
        f"CREATE VIEW resolved AS SELECT c.*, {resolved} "
        "FROM cells c LEFT JOIN dirs d ON c.arah = d.text LEFT JOIN names n "
        "ON c.indikator = n.name LEFT JOIN units u ON c.satuan = u.text")
    usable = usable_scales(distinct("skala"), {i[1] for i in info}, default_scale)
    run(connection, f"CREATE VIEW routed AS SELECT *, {plain_flag(usable)} FROM resolved")
    return usable


# --------------------------------------------------------------------------- other rows in numpy


def _markers(connection: duckdb.DuckDBPyConnection, layout: Layout) -> list[list[str]]:
    """Two rows carrying the plain cells' decimal evidence (comma, point) per value column,
    so the numpy reader decides the column's convention as it would over the whole file."""
    row = connection.execute(
        "SELECT bool_or(target_plain AND target_d > 0 AND target_comma), "
        "bool_or(target_plain AND target_d > 0 AND NOT target_comma), "
        "bool_or(realisasi_plain AND realisasi_d > 0 AND realisasi_comma), "
        "bool_or(realisasi_plain AND realisasi_d > 0 AND NOT realisasi_comma) "
        "FROM routed WHERE plain").fetchall()[0]
    flags = [bool(v) for v in (row or (False,) * 4)]
    out = []
    for use_comma in (True, False):
        cells = [""] * layout.width
        cells[layout.positions["indikator"]] = "x"
        for offset, name in enumerate(("target", "realisasi")):
            present = flags[2 * offset + (0 if use_comma else 1)]
            cells[layout.positions[name]] = ("1,5" if use_comma else "1.5") if present else "1"
        out.append(cells)
    return out


def _numpy_rows(connection: duckdb.DuckDBPyConnection, path: Path, layout: Layout,
                catalog: Catalog | None, lang: str | None) -> tuple[Any, list[Any], int]:
    """The numpy engine's results for the rows that are not plain: (frame, unread, count)."""
    import csv
    import io

    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    ids = [r[0] for r in connection.execute(
        "SELECT r FROM routed WHERE NOT plain ORDER BY r").fetchall()]
    if not ids:
        return None, [], 0
    with tempfile.TemporaryDirectory(prefix="indikator-") as folder:
        body = Path(folder) / "body.csv"
        columns = ", ".join(f"c{i}" for i in range(layout.width))
        run(connection,
            f"COPY (SELECT {columns} FROM raw WHERE rowid IN (SELECT r FROM routed "
            "WHERE NOT plain) ORDER BY rowid) TO ? (HEADER false, DELIMITER ?, QUOTE '\"')",
            [str(body), layout.delimiter])
        sub = Path(folder) / f"rows{'.tsv' if layout.delimiter == chr(9) else '.csv'}"
        markers = io.StringIO()
        csv.writer(markers, delimiter=layout.delimiter, lineterminator="\n").writerows(
            _markers(connection, layout))
        with sub.open("w", encoding="utf-8") as handle:
            handle.write(layout.header + "\n")
            handle.write(body.read_text(encoding="utf-8"))
            handle.write(markers.getvalue())
        table = read_realisation(sub)
        result = compute(table, catalog=catalog, lang=lang)
    n = len(ids)
    line_of = {k + 2: int(original) + 2 for k, original in enumerate(ids)}
    frame = result.results.iloc[:n].copy()
    frame["baris"] = [line_of[int(b)] for b in frame["baris"]]
    unread = [dataclasses.replace(cell, line=line_of[cell.line]) for cell in result.unread
              if cell.line in line_of]
    return frame, unread, n


def _register_numpy(connection: duckdb.DuckDBPyConnection, frame: Any) -> None:
    """The numpy rows as table ``numpy_rows`` with the SQL rows' columns."""
    import numpy as np
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        if name in ("target", "realisasi"):
            values = frame[name].to_numpy(dtype=object)
            is_num = np.array([isinstance(v, float) for v in values], dtype=bool)
            out[f"{name}_num"] = np.where(is_num, values, np.nan).astype(np.float64)
            out[f"{name}_text"] = pd.Series(nones(values, is_num), dtype=object,
                                            index=frame.index)
        else:
            out[name] = frame[name]
    connection.register("numpy_df", out)
    run(connection, "CREATE TABLE numpy_rows AS SELECT * FROM numpy_df")


# --------------------------------------------------------------------------- entry point


def compute_duckdb(
    path: Path,
    *,
    catalog: Catalog | None = None,
    lang: str | None = None,
    default_scale: str = "capaian",
    progress: Callable[[str], None] | None = None,
    comparison: bool | None = None,
) -> DuckResult:
    """Capaian, category and messages of every row of the table at *path* (module doc).

    A file the engine hands to numpy whole is computed as :func:`indikator.compute.pipeline.
    compute` computes it; with *comparison* given (the ``compute`` command), as the numpy
    command does instead (:func:`indikator.compute.fromfile.read_and_compute`: the sasaran and
    printed predikat columns, and comparison targets as numbers when *comparison* is True)."""
    import duckdb

    def phase(name: str) -> None:
        if progress is not None:
            progress(name)

    timings: dict[str, float] = {}
    phase("read")
    source = path
    holder = tempfile.TemporaryDirectory(prefix="indikator-")
    if path.suffix.lower() == ".parquet":
        source = Path(holder.name) / "input.csv"
        with duckdb.connect() as converter:
            run(converter, "COPY (SELECT * FROM read_parquet(?)) TO ? "
                           "(HEADER true, DELIMITER ';', COMMENT '')", [str(path), str(source)])
    layout = _layout(source) if source.suffix.lower() in _TEXT_SUFFIXES else None
    if layout is None or _has_blank_records(source) or not _is_utf8(source):
        with holder:
            return _fallback(source, catalog, lang, timings, comparison)
    connection = _connect()
    from indikator.sql.stream import stream

    controls = functools.cache(lambda: _has_controls(source))  # scanned once, if ever

    def general(reused: duckdb.DuckDBPyConnection | None = None) -> DuckResult:
        """The general path (or numpy, for a file with control characters)."""
        if controls():
            if reused is not None:
                reused.close()
            return _fallback(source, catalog, lang, timings, comparison)
        return _general(reused or _connect(), source, layout, catalog, lang, default_scale,
                        timings, phase, comparison)

    streamed = stream(connection, source, layout, catalog=catalog, lang=lang,
                      default_scale=default_scale, timings=timings, general=general,
                      controls=controls)
    if streamed is not None:  # the file is read again by the write: keep a converted one
        streamed.keep = holder
        return streamed
    with holder:
        return general(connection)


def _connect() -> duckdb.DuckDBPyConnection:
    """A DuckDB connection for the engine (threads from
    :data:`~indikator.sql.results.THREADS_VARIABLE`)."""
    import duckdb

    connection = duckdb.connect()
    run(connection, "SET enable_progress_bar = false")
    threads = chosen_threads()
    if threads is not None:
        run(connection, f"SET threads = {threads}")
    return connection


def _general(connection: duckdb.DuckDBPyConnection, source: Path, layout: Layout,
             catalog: Catalog | None, lang: str | None, default_scale: str,
             timings: dict[str, float], phase: Callable[[str], None],
             comparison: bool | None = None) -> DuckResult:
    """The rows in tables: plain rows in SQL, the others through the numpy engine (the whole
    file, as :func:`_fallback` computes it, when its structure is not for SQL)."""
    start = time.perf_counter()
    _load(connection, source, layout)
    timings["read"] = time.perf_counter() - start
    start = time.perf_counter()
    phase("numbers")
    _classify(connection, layout)
    if not _structure_ok(connection, layout):
        connection.close()
        return _fallback(source, catalog, lang, timings, comparison)
    usable = _lookups(connection, catalog, default_scale, lang)
    timings["numbers"] = time.perf_counter() - start
    start = time.perf_counter()
    phase("capaian")
    frame, unread, count = _numpy_rows(connection, source, layout, catalog, lang)
    plain = plain_sql(usable, lang)
    if frame is not None:
        _register_numpy(connection, frame)
        run(connection, f"CREATE TABLE hasil AS SELECT * FROM ({plain}) UNION ALL BY NAME "
                        "SELECT * FROM numpy_rows ORDER BY baris")
    else:  # joins do not keep file order: sort once here, the writes keep it
        run(connection, f"CREATE TABLE hasil AS SELECT * FROM ({plain}) ORDER BY baris")
    for statement in ("DROP VIEW routed", "DROP VIEW resolved", "DROP TABLE cells",
                      "DROP TABLE raw"):  # free the input before the write
        run(connection, statement)
    total = connection.execute("SELECT count(*) FROM hasil").fetchall()[0]
    timings["capaian"] = time.perf_counter() - start
    rows_sql = int(total[0]) - count if total else 0
    return DuckResult(connection, unread, timings, lang, None, rows_sql, count,
                      "tahun" in layout.positions)


def _fallback(source: Path, catalog: Catalog | None, lang: str | None,
              timings: dict[str, float], comparison: bool | None = None) -> DuckResult:
    """The numpy engine for the whole file, read as the numpy CLI reads it (a CSV that is not
    UTF-8 as Windows-1252, said in the notes); with *comparison* given, computed as the numpy
    command computes it (:func:`compute_duckdb`)."""
    from indikator.compute.fromfile import read_and_compute
    from indikator.compute.pipeline import compute
    from indikator.documents.realisation_file import read_table

    start = time.perf_counter()
    if comparison is None:
        read = read_table(source)
        result, notes = compute(read.table, catalog=catalog, lang=lang), list(read.notes)
    else:
        made = read_and_compute(source, catalog=catalog, lang=lang or "id",
                                comparison=comparison)
        result, notes = made.computation, list(made.notes)
    result.timings["read"] = timings["read"] = time.perf_counter() - start
    return DuckResult(None, result.unread, result.timings, lang, result, 0, len(result),
                      notes=notes)
