"""Benchmark: rating 10^7 values with indikator.rate vs bare numpy searchsorted codes.

Run: ``python benchmarks/bench_rating.py [N]``.  Prints the best of several runs for

- the baseline: ``np.searchsorted(cuts, values)`` on the scale's cut points (integer codes),
- ``rate(values, scale)``: the full rating (segments + band index; NaN / outside domain handled),
- the same plus materialising the code strings (``.code``, an object array),
- a scale that rounds before rating (``capaian``, ``rounding = 0``).

Target (issue 3): ``rate`` ≤ 1.5× the baseline.  This script only measures; it asserts nothing.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from indikator.scales.loading import load_scale
from indikator.scales.rating import rate


def best_of(functions: dict[str, Callable[[], Any]], repeat: int = 7) -> dict[str, float]:
    """Best time of each function; runs are interleaved so that load on the machine hits all."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: min(values) for name, values in times.items()}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    rng = np.random.default_rng(2026)
    values = rng.uniform(-5, 105, n)
    values[rng.integers(0, n, n // 100)] = np.nan  # 1 % missing
    akip = load_scale("akip")
    capaian = load_scale("capaian")
    cuts = np.array([30.0, 50.0, 60.0, 70.0, 80.0, 90.0])

    best = best_of(
        {
            "baseline": lambda: np.searchsorted(cuts, values),
            "rated": lambda: rate(values, akip),
            "with_codes": lambda: rate(values, akip).code,
            "rounded": lambda: rate(values, capaian),
        }
    )
    baseline, rated, with_codes, rounded = (
        best[k] for k in ("baseline", "rated", "with_codes", "rounded")
    )

    check = rate(values, akip)
    expected = np.searchsorted(cuts, values)  # agrees inside (0, 100] away from the cut points
    inside = (values > 0) & (values <= 100) & ~np.isin(values, cuts)
    agree = bool(((6 - check.band_index[inside]) == expected[inside]).all())

    print(f"values: {n:,} (uniform -5 … 105, 1 % NaN); numpy {np.__version__}")
    print(f"numpy searchsorted codes (baseline)   {baseline * 1e3:8.1f} ms   1.00×")
    print(f"rate(values, 'akip')                  {rated * 1e3:8.1f} ms   {rated / baseline:.2f}×")
    print(
        f"rate(values, 'akip').code (strings)   {with_codes * 1e3:8.1f} ms   "
        f"{with_codes / baseline:.2f}×"
    )
    print(
        f"rate(values, 'capaian') (rounding 0)  {rounded * 1e3:8.1f} ms   {rounded / baseline:.2f}×"
    )
    print(f"bands agree with the baseline inside the domain: {agree}")


if __name__ == "__main__":
    main()
