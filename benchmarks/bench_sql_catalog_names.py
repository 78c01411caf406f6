"""Benchmark: ``indikator compute --catalog`` on a file with many distinct indicator names,
numpy engine against DuckDB.

Run: ``.venv/bin/python benchmarks/bench_sql_catalog_names.py [NAMES ...] [--repeat N]``
(default 20000 100000 names, one row each; N runs of each engine, alternating, best kept).

With a catalogue every distinct name is looked up (:func:`indikator.sql.lookups.look_up`,
as the numpy engine does), and the DuckDB streaming path's check scan must tell the names
it has looked up from new ones.  It once listed them all as literals in the scan's SQL
(``indikator IN ('…', …)``): 10^5 names cost 46.8 s of CPU against 3.7 s for numpy; a table
of the names costs one hash join.  The catalogue is the bundled Renstra of Kota Serang
(``definitions/renstra/kota-serang-setda-2018-2023``); the names are not in it.

Each run is a fresh process (``python -m indikator compute … --out out.csv``); CPU seconds
(user + system of the child, all threads) are printed with the load average.  Not run by the
test suite.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "definitions" / "renstra" / "kota-serang-setda-2018-2023"


def _table(path: Path, names: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("indikator;tahun;arah;target;realisasi\n")
        for i in range(names):
            handle.write(f"Indikator unik {i};2021;naik;{10 + i % 7};{9 + i % 5},5\n")


def _cpu(engine: str, table: Path, out: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "indikator", "compute", "--engine", engine,
                    "--catalog", str(CATALOG), "--out", str(out), str(table)],
                   check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str]) -> None:
    repeat = 1
    if "--repeat" in argv:
        at = argv.index("--repeat")
        repeat = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    sizes = [int(a) for a in argv] or [20_000, 100_000]
    with tempfile.TemporaryDirectory(prefix="indikator-bench-") as folder:
        for size in sizes:
            table = Path(folder) / f"names-{size}.csv"
            _table(table, size)
            best = {"numpy": float("inf"), "duckdb": float("inf")}
            for _ in range(repeat):
                for engine in best:  # alternating
                    best[engine] = min(best[engine],
                                       _cpu(engine, table, Path(folder) / f"{engine}.csv"))
            same = (Path(folder) / "numpy.csv").read_bytes() == (
                Path(folder) / "duckdb.csv").read_bytes()
            print(f"{size} names: numpy {best['numpy']:.2f} s CPU, duckdb "
                  f"{best['duckdb']:.2f} s CPU, same bytes: {same}, load "
                  f"{os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
