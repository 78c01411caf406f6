"""Benchmark: ``achievement()`` with a direction per row against ``np.where`` of the two
fixed-direction calls (issue 11: goal ≤ 1.5×).

Run: ``.venv/bin/python benchmarks/bench_sql_direction.py [ROWS] [REPEATS]`` (default 10^6, 5).
The direction column holds the words tables use (``naik`` / ``turun``, 20 % turun) as an
object array, as :func:`indikator.compute.pipeline.compute` passes it, or a boolean array
(True = lower is better); for information also as numpy fixed-width text and as a pandas
categorical.  Best CPU times of the
two, measured alternately; the results are checked equal (NaN where equal).  Not run by the
test suite.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

from indikator.capaian.methods import achievement


def _best(repeats: int, first: Callable[[], object], second: Callable[[], object]
          ) -> tuple[float, float]:
    a, b = [], []
    for _ in range(repeats):
        for store, function in ((a, first), (b, second)):
            start = time.process_time()
            function()
            store.append(time.process_time() - start)
    return min(a), min(b)


def main(rows: int = 1_000_000, repeats: int = 5) -> None:
    rng = np.random.default_rng(11)
    target = np.round(rng.uniform(1, 100, rows), 2)
    actual = np.round(target * rng.uniform(0.5, 1.3, rows), 2)
    direction = np.where(rng.random(rows) < 0.2, "turun", "naik").astype(object)
    lower = direction == "turun"

    def per_row() -> object:
        return achievement(actual, target, direction)

    def two_calls() -> object:
        return np.where(lower, achievement(actual, target, "lower"),
                        achievement(actual, target, "higher"))

    def per_row_mask() -> object:
        return achievement(actual, target, lower)

    import pandas as pd

    fixed = direction.astype(str)  # numpy fixed-width text ("<U5")
    categorical = pd.Categorical(direction)

    def per_row_fixed() -> object:
        return achievement(actual, target, fixed)

    def per_row_categorical() -> object:
        return achievement(actual, target, categorical)

    for function in (per_row, per_row_mask, per_row_fixed, per_row_categorical):
        np.testing.assert_array_equal(function(), two_calls())
    for label, function in (("words naik/turun", per_row), ("boolean mask", per_row_mask),
                            ("words, numpy text (info)", per_row_fixed),
                            ("words, pandas categorical (info)", per_row_categorical)):
        ours, theirs = _best(repeats, function, two_calls)
        goal = "" if "(info)" in label else " (goal ≤ 1.5)"
        print(f"{rows:,} rows, direction per row as {label}: {ours:.4f} s, np.where of two "
              f"calls {theirs:.4f} s, ratio {ours / theirs:.2f}{goal}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*args)
