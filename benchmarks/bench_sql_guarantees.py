"""Benchmark: what each of the DuckDB engine's guarantees costs over the hand-written script.

Run: ``.venv/bin/python benchmarks/bench_sql_guarantees.py [ROWS] [REPEATS]`` (default 10^6,
5).  On the table of ``bench_sql_engine.py`` (generated the same way), one DuckDB thread, CPU
seconds of the query alone (no Python start, no imports), best of REPEATS runs alternated:

* ``script``: the hand-written DuckDB script of ``bench_sql_engine.py`` (9 columns);
* the same script with the engine's guarantees added one at a time, cumulatively: number
  cells read only where :mod:`indikator.documents.numbers` reads them the same way (the
  engine's plain-number pattern on each cell, else the row is refused); names checked (the
  engine's printable-ASCII and total-row patterns); the output written as the numpy engine
  writes it (decimal commas); the scale's rounding done as numpy does it (the compiled
  ``capaian`` scale of :mod:`indikator.sql.scale`);
* ``engine``: ``compute_duckdb(...).write(out, the 9 columns)`` in this process (its sample
  and check queries included).

The variant with every guarantee writes the engine's bytes (checked).  It shows how far a
hand-written query that keeps the engine's promises is from the script, i.e. what of the gap
is the price of the promises and what is the engine's own.  Not run by the test suite.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from bench_sql_engine import generate

from indikator.scales.loading import load_scale
from indikator.sql.build import col
from indikator.sql.results import THREADS_VARIABLE
from indikator.sql.rowsql import _PLAIN, _PRINTABLE, _TOTAL_ROW
from indikator.sql.scale import compile_scale, scale_input

COLUMNS = ["indikator", "tahun", "arah", "target", "realisasi", "capaian", "kategori", "metode",
           "alasan"]


def _query(source: str, out: str, *, numbers: bool, names: bool, commas: bool,
           rounding: bool) -> str:
    """The script's query with the chosen guarantees (rows they refuse raise an error)."""
    scale = load_scale("capaian")
    nilai = "NULL"
    if rounding:  # rounded once in an inner query, as the engine does
        nilai = scale_input(scale, col("capaian"), "duckdb").sql("duckdb")
        kategori = compile_scale(scale, col("nilai"), "duckdb", rounded=True).code.sql("duckdb")
    else:  # the script's rule
        kategori = ("CASE WHEN capaian IS NULL THEN NULL WHEN round(capaian) >= 91 THEN 'ST' "
                    "WHEN round(capaian) >= 76 THEN 'T' WHEN round(capaian) >= 66 THEN 'S' "
                    "WHEN round(capaian) >= 51 THEN 'R' ELSE 'SR' END")
    checks = ["true"]
    if numbers:
        checks.append(f"strlen(c3) <= 15 AND strlen(c4) <= 15 AND regexp_full_match("
                      f"c3 || ';' || c4, '{_PLAIN};{_PLAIN}')")
    if names:
        checks.append(f"regexp_full_match(c0, '{_PRINTABLE}') AND NOT "
                      f"regexp_full_match(c0, '(?i){_TOTAL_ROW}')")

    def shown(name: str) -> str:
        return f"replace(CAST({name} AS VARCHAR), '.', ',')" if commas else name

    bom = "\ufeff" if commas else ""
    return f"""COPY (
      SELECT indikator AS "{bom}indikator", tahun, arah, {shown('t')} AS target,
             {shown('r')} AS realisasi, {shown('capaian')} AS capaian, {kategori} AS kategori,
             CASE WHEN arah = 'turun' THEN 'lower' ELSE 'higher' END AS metode,
             CAST(NULL AS VARCHAR) AS alasan
      FROM (SELECT *, {nilai} AS nilai FROM (
            SELECT *, CASE WHEN arah = 'turun' THEN 200.0 - r / t * 100.0
                           ELSE r / t * 100.0 END AS capaian
            FROM (SELECT c0 AS indikator, c1 AS tahun, c2 AS arah,
                         CAST(replace(c3, ',', '.') AS DOUBLE) AS t,
                         CAST(replace(c4, ',', '.') AS DOUBLE) AS r, {' AND '.join(checks)} AS ok
                  FROM read_csv('{source}', delim = ';', header = false, skip = 1,
                                auto_detect = false, all_varchar = true,
                                columns = {{'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR',
                                           'c3': 'VARCHAR', 'c4': 'VARCHAR'}}))
            WHERE CASE WHEN ok AND t > 0 AND r >= 0 THEN true ELSE error('refused') END))
    ) TO '{out}' (HEADER true, DELIMITER ';'{", COMMENT ''" if commas else ""})"""


def _cpu(function: Callable[[], object]) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def main(rows: int = 1_000_000, repeats: int = 5) -> None:
    from indikator.sql.engine import compute_duckdb

    with tempfile.TemporaryDirectory(prefix="bench-guarantees-") as name:
        folder = Path(name)
        source = folder / "table.csv"
        generate(rows, source)
        steps = [("script", {}), ("+ numbers as the reader", {"numbers": True}),
                 ("+ names checked", {"numbers": True, "names": True}),
                 ("+ decimal commas", {"numbers": True, "names": True, "commas": True}),
                 ("+ numpy's scale rounding", {"numbers": True, "names": True, "commas": True,
                                               "rounding": True})]
        queries = {label: _query(str(source), str(folder / f"{i}.csv"),
                                 **{k: bool(flags.get(k)) for k in
                                    ("numbers", "names", "commas", "rounding")})
                   for i, (label, flags) in enumerate(steps)}
        engine_out = folder / "engine.csv"

        os.environ[THREADS_VARIABLE] = "1"  # the engine on one thread, as the queries

        def engine() -> None:
            assert compute_duckdb(source).write(engine_out, COLUMNS)

        times: dict[str, list[float]] = {label: [] for label in [*queries, "engine"]}
        for _ in range(repeats):
            for label, sql in queries.items():
                with duckdb.connect() as connection:
                    connection.execute("SET threads = 1").fetchall()
                    times[label].append(_cpu(partial(connection.execute, sql)))
            times["engine"].append(_cpu(engine))
        last = folder / f"{len(steps) - 1}.csv"
        same = (hashlib.sha256(last.read_bytes()).digest()
                == hashlib.sha256(engine_out.read_bytes()).digest())
        base = min(times["script"])
        print(f"{rows:,} rows, one DuckDB thread, CPU s of the query, best of {repeats}")
        for label, values in times.items():
            print(f"  {label:28s} {min(values):6.2f} s   × {min(values) / base:4.2f}")
        print(f"  all guarantees write the engine's bytes: {same}")


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    main(*arguments)
