"""The DuckDB engine's results (:class:`DuckResult`) and how they are written.

:class:`DuckResult` holds a connection and a relation with the result columns (a table, or a
query re-read from the file by the streaming path) and turns it into what the CLI needs: a
pandas :class:`~indikator.compute.pipeline.Computation` with the numpy engine's dtypes, the
summary counts, a CSV (as the numpy writer formats it: ``;``, decimal comma, BOM, formula-like
text neutralised) or a Parquet file written by DuckDB.  It computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlglot import exp

from indikator.core.atomic import atomic_path
from indikator.report.csvsafe import PLAIN_NUMBER
from indikator.sql.rowsql import MISSED, SUMMARY_KEYS, SUMMARY_SQL, formula_start, literal

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from indikator.compute.pipeline import Computation

__all__ = ["THREADS_VARIABLE", "DuckResult", "chosen_threads", "csv_select", "nones",
           "numpy_types", "parquet_columns", "run"]

THREADS_VARIABLE: Final = "INDIKATOR_DUCKDB_THREADS"
"""Environment variable: DuckDB threads of the engine (default: DuckDB's, one per core; one
for a streamed write that numbers its rows, see :meth:`DuckResult.write`).  On a loaded
machine 1 thread costs less CPU and far less memory (the ordered write buffers what a thread
computes ahead of a slower one): see ``benchmarks/bench_sql_engine.py``."""


def chosen_threads() -> int | None:
    """The threads the user chose with :data:`THREADS_VARIABLE`, or None."""
    import os

    threads = os.environ.get(THREADS_VARIABLE, "").strip()
    return int(threads) if threads.isdigit() and int(threads) > 0 else None


@dataclass
class DuckResult:
    """Results held in DuckDB table ``hasil`` (or a numpy :class:`Computation` when the file
    went to the numpy engine)."""

    connection: duckdb.DuckDBPyConnection | None
    unread: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    lang: str | None = None
    fallback: Computation | None = None
    rows_sql: int = 0
    rows_numpy: int = 0
    has_year: bool = True
    relation: str = "hasil"
    """The results in SQL: table ``hasil``, or a query over the file (the streaming path of
    :mod:`indikator.sql.stream`, computed again by each statement that reads it)."""
    counts: dict[str, int] | None = None
    """:meth:`summary` when already counted (the streaming path counts in its check scan)."""
    safe: frozenset[str] = frozenset()
    """Text columns known to hold no formula-like cell (not neutralised again when written)."""
    keep: Any = None
    """What must live as long as the results (the streaming path's converted input)."""
    plan: Any = None
    """The streaming path's :class:`~indikator.sql.stream.StreamPlan` while the file is not
    yet checked (:attr:`counts` is None): the write then runs its guarded relation."""
    general: Callable[[], DuckResult] | None = None
    """The general path's result, for a streamed file found not plain after all."""
    notes: list[Any] = field(default_factory=list)
    """What the reader said of a file read whole by the numpy engine
    (:class:`~indikator.core.i18n.Message`: a CSV read as Windows-1252)."""

    def _settle(self) -> None:
        """Check a streamed file now (once); switch to the general path if it is not plain."""
        if self.plan is None or self.counts is not None:
            return
        settled = self.plan.settle()
        if settled is not None:
            self.counts, self.relation, self.safe = settled
            self.rows_sql = self.counts["rows"]
            self.plan = None
            return
        assert self.general is not None
        other = self.general()
        if self.connection is not None and self.connection is not other.connection:
            self.connection.close()  # the streamed file's connection is done with
        # the general path's result whole: its plan and general are None (settled), its keep
        # too (the converted input it read is done with)
        for item in fields(self):
            setattr(self, item.name, getattr(other, item.name))

    def _optimistic(self, out: Path, columns: list[str] | None) -> bool:
        """Write through the guarded relation in one pass; False (nothing written) when a
        row was unlike the sample's."""
        import duckdb

        assert self.connection is not None and self.plan is not None
        try:
            with atomic_path(out) as temp:
                try:
                    numbered = columns is None or "baris" in columns
                    rows = self._copy(temp, out.suffix, columns, self.plan.guarded(numbered),
                                      serial=numbered)
                except duckdb.Error as error:
                    if MISSED not in str(error):
                        raise
                    raise _Missed from error
        except _Missed:
            return False
        self.counts = self.plan.counts(rows)
        self.rows_sql = rows
        self.plan = None
        return True

    def _copy(self, temp: Path, suffix: str, columns: list[str] | None, relation: str,
              serial: bool = False) -> int:
        """COPY the results from *relation* to *temp* (CSV or Parquet by *suffix*).

        *serial*: the relation numbers the rows of the file with a window, which runs the
        scan on one thread anyway; then the whole statement runs on one (unless the user
        chose threads): other threads only buffer rows for the ordered write.  10^7 rows, all
        columns: 43.6 s wall, 545 MB on one thread against 66.5 s, 1,884 MB on two, same CPU
        (``benchmarks/README.md``)."""
        assert self.connection is not None
        if serial and chosen_threads() is None:
            run(self.connection, "SET threads = 1")
            try:
                return self._copy(temp, suffix, columns, relation)
            finally:
                run(self.connection, "RESET threads")
        if suffix.lower() == ".parquet":
            sql = (f"COPY (SELECT {parquet_columns(columns)} FROM {relation}) TO ? "
                   "(FORMAT parquet)")
        else:  # the byte order mark the numpy writer puts first (utf-8-sig) is the start
            # of the first column's name: DuckDB writes the file in one pass, no copy
            sql = (f"COPY ({csv_select(columns, relation, self.safe)}) TO ? "
                   "(HEADER true, DELIMITER ';', COMMENT '')")
        row = self.connection.execute(sql, [str(temp)]).fetchall()
        return int(row[0][0]) if row else 0

    def computation(self) -> Computation:
        """The results as a :class:`Computation` (a pandas frame, as the numpy engine gives)."""
        from indikator.compute.names import RESULT_COLUMNS
        from indikator.compute.pipeline import Computation

        self._settle()
        if self.fallback is not None:
            return self.fallback
        assert self.connection is not None
        frame = self.connection.execute(f"SELECT * FROM {self.relation} ORDER BY baris").df()
        frame = numpy_types(frame, self.has_year)
        return Computation(frame[list(RESULT_COLUMNS)], self.unread, self.timings, self.lang)

    def summary(self) -> dict[str, int]:
        """:func:`indikator.compute.pipeline.summary_counts`, counted in SQL."""
        self._settle()
        if self.counts is not None:
            return dict(self.counts)
        if self.fallback is not None or self.connection is None:
            from indikator.compute.pipeline import summary_counts

            return summary_counts(self.computation().results)
        row = self.connection.execute(f"SELECT {SUMMARY_SQL} FROM {self.relation}").fetchall()[0]
        return {key: int(value) for key, value in zip(SUMMARY_KEYS, row, strict=True)}

    def write(self, out: Path, columns: list[str] | None = None) -> bool:
        """Write ``.csv`` (as the numpy engine: ``;``, decimal comma, BOM) or ``.parquet``
        with DuckDB, all result columns or *columns*; False for other formats (the caller
        writes them)."""
        suffix = out.suffix.lower()
        if suffix not in (".csv", ".parquet"):
            return False
        out.parent.mkdir(parents=True, exist_ok=True)
        if self.plan is not None and self.counts is None:
            if self._optimistic(out, columns):
                return True
            self._settle()
        if self.fallback is not None or self.connection is None:
            return False
        with atomic_path(out) as temp:  # the old file stays whole until the new one is
            # a checked streamed relation reads the file with its rows numbered (a window)
            self._copy(temp, suffix, columns, self.relation, serial=self.relation != "hasil")
        return True


class _Missed(Exception):
    """A streamed row unlike the sample's (the optimistic write is dropped)."""


def run(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
         ) -> None:
    """Execute a statement and consume its result (DuckDB wants that before the next one)."""
    connection.execute(sql, params or []).fetchall()


def parquet_columns(columns: list[str] | None) -> str:
    from indikator.compute.names import RESULT_COLUMNS

    parts = []
    for name in columns or RESULT_COLUMNS:
        quoted = exp.to_identifier(name, quoted=True).sql("duckdb")
        if name in ("target", "realisasi"):  # numbers as text where the cell was text
            parts.append(f"coalesce(CAST({name}_num AS VARCHAR), {name}_text) AS {quoted}")
        else:
            parts.append(quoted)
    return ", ".join(parts)


def csv_select(columns: list[str] | None = None, relation: str = "hasil",
                safe: frozenset[str] = frozenset()) -> str:
    """The results as text the way ``write_results`` formats them for CSV (floats as Python's
    repr with a decimal comma, booleans True/False, missing values empty), text cells
    neutralised by the rule of :mod:`indikator.report.csvsafe` (but those of the *safe*
    columns, known to need none); the first column's name starts with the UTF-8 byte order
    mark."""
    from indikator.compute.names import RESULT_COLUMNS

    floats = {"capaian", "capaian_tertulis", "selisih_tingkat"}
    parts = []
    for index, name in enumerate(columns or RESULT_COLUMNS):
        quoted = exp.to_identifier(("\ufeff" if index == 0 else "") + name,
                                   quoted=True).sql("duckdb")
        source = exp.to_identifier(name, quoted=True).sql("duckdb")
        if name in ("target", "realisasi"):  # safe: numbers only (no text cell)
            text = f"replace(CAST({name}_num AS VARCHAR), '.', ',')"
            if name not in safe:
                text = _neutralised(f"coalesce({text}, {name}_text)")
            parts.append(f"{text} AS {quoted}")
        elif name in floats:
            parts.append(f"replace(CAST({source} AS VARCHAR), '.', ',') AS {quoted}")
        elif name == "tercapai":
            parts.append(f"CASE WHEN {source} THEN 'True' WHEN NOT {source} THEN 'False' END"
                         f" AS {quoted}")
        elif name in safe:
            parts.append(f"CAST({source} AS VARCHAR) AS {quoted}")
        else:
            parts.append(f"{_neutralised(f'CAST({source} AS VARCHAR)')} AS {quoted}")
    return f"SELECT {', '.join(parts)} FROM {relation}"  # in file order: see compute_duckdb


def _neutralised(text: str) -> str:
    """SQL for *text* with :func:`indikator.report.csvsafe.neutralise` applied: a cell a
    spreadsheet could run as a formula gets a leading quote; plain numbers stay as they are."""
    return (f"CASE WHEN {formula_start(text)} AND NOT regexp_full_match({text}, "
            f"{literal(PLAIN_NUMBER.pattern)}) THEN {literal(chr(39))} || {text} ELSE {text} END")


def nones(values: Any, mask: Any) -> Any:
    """An object copy of *values* with None where *mask* holds."""
    out = values.astype(object).copy()
    out[mask] = None
    return out


def numpy_types(frame: pd.DataFrame, has_year: bool) -> pd.DataFrame:
    """Columns built as the numpy engine builds them (object arrays with None given to the
    DataFrame constructor, so pandas infers the same dtypes), Int64 and boolean columns."""
    import numpy as np
    import pandas as pd

    from indikator.compute.names import RESULT_COLUMNS

    columns: dict[str, Any] = {}
    for name in ("target", "realisasi"):
        number = frame[f"{name}_num"].to_numpy(dtype=np.float64, na_value=np.nan)
        text = frame[f"{name}_text"].astype(object).to_numpy()
        shown = np.where(np.isnan(number), text, number.astype(object))
        columns[name] = nones(shown, pd.isna(shown))
    for name in RESULT_COLUMNS:
        if name in columns:
            continue
        series = frame[name]
        if name == "tahun" and not has_year:  # no year column: None, as numpy gives
            columns[name] = np.full(len(frame), None, dtype=object)
        elif name in ("tahun", "desimal_target", "desimal_realisasi"):
            columns[name] = series.astype("Int64").array
        elif name == "baris":
            columns[name] = series.to_numpy(dtype=np.int64)
        elif name == "tercapai":
            columns[name] = series.astype("boolean").array
        elif name in ("capaian", "capaian_tertulis", "selisih_tingkat"):
            columns[name] = series.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            values = series.astype(object).to_numpy()
            columns[name] = nones(values, pd.isna(values))
    return pd.DataFrame(columns, columns=list(RESULT_COLUMNS))


