"""Benchmark: ``indikator compute`` on a 10^6-row realisation table, end to end from a CSV file.

Run: ``.venv/bin/python benchmarks/bench_compute.py [ROWS] [--keep PATH]``.

The table is generated first (not timed): ``;``-separated, Indonesian number strings
(``61,25``, ``1.250`` thousands, ``12 Bulan``), mixed target kinds (numbers 85 %, ranges
``80 – 90`` 4 %, comparisons ``< 20 %`` 3 %, categories ``BB`` on the AKIP scale 5 %, missing
realisations ``-`` 3 %), both directions, 2 000 indicators over 5 years, and a printed capaian
column that is right for most rows and wrong as in real LKjIP tables for some (× 100 twice,
target / realisasi, a typo, ``#DIV/0!``).

Then the path the CLI takes is timed:
:func:`indikator.documents.realisation.read_realisation` (the file and its number cells: phase
``read``), then :func:`indikator.compute.pipeline.compute` (phases ``capaian``,
``rating``, ``audit``).  ``numbers`` is the part of ``read`` spent in the Indonesian number
reader, measured by reading the three value columns again (shown for information, not added
to the total).  Wall and CPU seconds are printed; the target is ≤ 20 s end to end on the
project's 2-core machine (CPU time is the fairer number on a shared machine).  Not run by the
test suite.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def _id_number(values: np.ndarray, decimals: int = 2) -> np.ndarray:
    text = np.char.mod(f"%.{decimals}f", values)
    return np.char.replace(text, ".", ",").astype(object)


def generate(rows: int, path: Path, seed: int = 2026) -> None:
    """Write the benchmark table to *path* (see the module docstring)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    kind = rng.choice(5, rows, p=[0.85, 0.04, 0.03, 0.05, 0.03])
    lower = rng.random(rows) < 0.2
    target_value = np.round(rng.uniform(1.0, 100.0, rows), 2)
    actual_value = np.round(target_value * rng.uniform(0.5, 1.3, rows), 2)
    target = _id_number(target_value)
    actual = _id_number(actual_value)
    thousands = (kind == 0) & (rng.random(rows) < 0.05)  # counts printed with a thousands dot
    big_t = rng.integers(1000, 99_000, rows)
    big_r = np.round(big_t * rng.uniform(0.6, 1.2, rows)).astype(np.int64)
    target[thousands] = [f"{v:,}".replace(",", ".") for v in big_t[thousands].tolist()]
    actual[thousands] = [f"{v:,}".replace(",", ".") for v in big_r[thousands].tolist()]
    target_value = np.where(thousands, big_t, target_value)
    actual_value = np.where(thousands, big_r, actual_value)
    months = (kind == 0) & ~thousands & (rng.random(rows) < 0.02)
    target[months] = "12 Bulan"
    actual[months] = "11 Bulan"
    target_value[months], actual_value[months] = 12.0, 11.0
    target[kind == 1] = "80 – 90"
    target[kind == 2] = "< 20 %"
    category = kind == 3
    target[category] = "BB"
    actual[category] = rng.choice(np.array(["A", "BB", "B", "CC"], dtype=object),
                                  int(category.sum()))
    actual[kind == 4] = "-"
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = actual_value / target_value * 100.0
        right = np.where(lower, 200.0 - ratio, ratio)
    printed = _id_number(np.round(right, 2))
    printed[kind != 0] = ""
    error = rng.random(rows)
    twice = (kind == 0) & (error < 0.02)
    printed[twice] = _id_number(np.round(right[twice], 2) * 100)
    inverted = (kind == 0) & ~lower & (error >= 0.02) & (error < 0.04)
    printed[inverted] = _id_number(np.round(target_value[inverted] / actual_value[inverted] * 100,
                                            2))
    typo = (kind == 0) & (error >= 0.04) & (error < 0.05)
    printed[typo] = _id_number(np.round(right[typo] - 3.03, 2))
    printed[(kind == 4) & (error < 0.5)] = "#DIV/0!"
    names = np.char.add("Indikator Kinerja ", rng.integers(1, 2001, rows).astype(str))
    frame = pd.DataFrame({
        "indikator": names, "tahun": rng.integers(2019, 2024, rows),
        "satuan": np.where(category, "Kategori", "%"),
        "arah": np.where(lower, "turun", "naik"),
        "skala": np.where(category, "akip", "capaian"),
        "target": target, "realisasi": actual, "capaian": printed,
    })
    frame.to_csv(path, sep=";", index=False)


def main(argv: list[str]) -> None:
    from indikator.compute.pipeline import compute
    from indikator.documents.number_column import read_series
    from indikator.documents.realisation import read_realisation

    rows = int(argv[0]) if argv and argv[0].isdigit() else 1_000_000
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep) if keep else Path(tmp) / "realisasi.csv"
        if not path.exists():
            start = time.perf_counter()
            generate(rows, path)
            print(f"generated {rows:,} rows in {time.perf_counter() - start:.1f} s "
                  f"({path.stat().st_size / 1e6:.0f} MB, not timed)")
        wall0, cpu0 = time.perf_counter(), time.process_time()
        table = read_realisation(path)
        read_wall, read_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        wall1, cpu1 = time.perf_counter(), time.process_time()
        result = compute(table)
        compute_wall, compute_cpu = time.perf_counter() - wall1, time.process_time() - cpu1
        numbers0 = time.perf_counter()
        for name in ("target", "realisasi", "capaian"):
            read_series(table.frame[name])
        numbers = time.perf_counter() - numbers0

    results = result.results
    print(f"rows in: {len(table):,}  rows out: {len(results):,}  unread cells: "
          f"{len(result.unread):,}")
    print(f"capaian computed: {int(results['capaian'].notna().sum()):,}  rated: "
          f"{int(results['kategori'].notna().sum()):,}  audit: "
          + ", ".join(f"{k} {v:,}" for k, v in
                      results["audit"].value_counts(dropna=False).items()))
    print()
    print(f"{'phase':<28}{'wall s':>9}")
    print(f"{'read (file + numbers)':<28}{read_wall:>9.2f}")
    print(f"{'  of which numbers (info)':<28}{numbers:>9.2f}")
    for phase in ("capaian", "rating", "audit"):
        print(f"{phase:<28}{result.timings.get(phase, 0.0):>9.2f}")
    print(f"{'other (results frame)':<28}"
          f"{compute_wall - sum(result.timings.get(p, 0.0) for p in result.timings):>9.2f}")
    total_wall, total_cpu = read_wall + compute_wall, read_cpu + compute_cpu
    verdict = "ok" if min(total_wall, total_cpu) <= 20.0 else "OVER TARGET"
    print(f"{'total end to end':<28}{total_wall:>9.2f}   cpu {total_cpu:.2f} s  "
          f"(target ≤ 20 s: {verdict})")


if __name__ == "__main__":
    main(sys.argv[1:])
