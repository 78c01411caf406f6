"""Benchmark: capaian over 10^7 rows against the hand-written numpy expression.

Run: ``.venv/bin/python benchmarks/bench_achievement.py [ROWS] [REPEATS]``.  Prints, for
higher-is-better (R / T * 100) and lower-is-better ((2T - R) / T * 100), the best time of
``indikator.capaian.methods`` and of the bare numpy expression over the same arrays, and their
ratio (target: ≤ 1.2); CPU times, the two measured alternately.  The detailed variant
(metode, reason, met per row) is timed for information.  Not run by the test suite.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

from indikator.capaian.methods import achievement, achievement_detail


def best_of(repeats: int, function: Callable[[], object]) -> float:
    """The best CPU time of *repeats* calls, in seconds (CPU, not wall, time: on a shared
    machine wall time mostly measures waiting for a core)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def best_of_pair(
    repeats: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """Best times of two functions measured alternately (fair on a shared, noisy machine)."""
    a, b = [], []
    for _ in range(repeats):
        a.append(best_of(1, first))
        b.append(best_of(1, second))
    return min(a), min(b)


def main(rows: int = 10_000_000, repeats: int = 15) -> None:
    rng = np.random.default_rng(2026)
    actual = rng.uniform(0.0, 200.0, rows)
    target = rng.uniform(1.0, 150.0, rows)
    cases: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        (
            "higher",
            lambda: achievement(actual, target, "higher"),
            lambda: actual / target * 100,
        ),
        (
            "lower",
            lambda: achievement(actual, target, "lower"),
            lambda: (2 * target - actual) / target * 100,
        ),
    ]
    print(f"capaian over {rows:,} rows, best of {repeats}")
    for name, ours, numpy_expression in cases:
        np.testing.assert_allclose(ours(), numpy_expression(), rtol=1e-9, atol=1e-9)  # type: ignore[arg-type]
        mine, bare = best_of_pair(repeats, ours, numpy_expression)
        print(
            f"  {name:7s} indikator {mine * 1e3:8.1f} ms   numpy {bare * 1e3:8.1f} ms   "
            f"ratio {mine / bare:5.2f}  (target <= 1.20)"
        )
    detail = best_of(max(1, repeats // 3), lambda: achievement_detail(actual, target, "lower"))
    print(f"  detail  (metode, reason, met per row)      {detail * 1e3:8.1f} ms")


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    main(*arguments)
