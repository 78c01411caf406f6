"""Worst time per character of the public entry points on hostile shapes at 10^5 characters.

The shapes are the hostile-input harness's (``tests/robustness/shapes.py``): every operator,
separator and keyword the package knows, repeated to the given size (alone and with spaces),
fed to every entry point (parse, lint, eval, numbers, intervals, band tables, scale files,
catalogues, CSV and XLSX tables, compute, the document importer).  Each call runs in a forked
child with a time guard (``tests/robustness/guard.py``), so a hang is measured as its limit,
not waited for.  Goal (issue 12): no shape over 1 s at 10^5 characters.

Run::

    .venv/bin/python benchmarks/bench_hostile.py [--size 100000] [--limit 5] [--sample 4]
        [--entry parse --entry lint …]

``--sample N`` takes every N-th token (1 = all; the default keeps the run to minutes).  Prints
the worst shapes per entry point, the worst time per character overall, and how many shapes
exceeded 1 s.  A benchmark, not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "robustness"))

import guard  # noqa: E402
import shapes  # noqa: E402


def _calls(entry: str, size: int, sample: int) -> list[guard.Call]:
    function = shapes.ENTRY_POINTS[entry]
    chosen = list(shapes.tokens())
    everything = list(dict.fromkeys(list(shapes.SEPARATORS) + chosen[::sample]))
    calls: list[guard.Call] = []
    for token in everything:
        variants = [(f"{token!r}*", token)]
        if not shapes._WORDS.fullmatch(token):
            variants.append((f"{token!r} *", token + " "))
        for label, unit in variants:
            text = (unit * (size // len(unit) + 1))[:size]
            calls.append((label, size, lambda f=function, t=text: f(t)))
    return calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=5.0, help="seconds per call")
    parser.add_argument("--sample", type=int, default=4, help="every N-th token")
    parser.add_argument("--entry", action="append", default=None)
    parser.add_argument("--show-slow", action="store_true",
                        help="list every shape over 1 s (or failed), not only the worst")
    args = parser.parse_args()
    shapes.clean_environment()
    for function in shapes.ENTRY_POINTS.values():  # imports in the parent: children start warm
        with contextlib.suppress(Exception):
            function("Jumlah A / Jumlah B x 100")
    entries = args.entry or list(shapes.ENTRY_POINTS)
    worst_overall: guard.Timed | None = None
    worst_entry = ""
    over_one = 0
    total_calls = 0
    started = time.perf_counter()
    print(f"hostile shapes at {args.size} characters, limit {args.limit} s per call (wall), "
          f"{len(shapes.tokens())} tokens (every {args.sample}th used); load "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print("times are CPU seconds of the call (its child's user + system); 'wall' beside")
    print(f"{'entry point':<12} {'calls':>5} {'worst s':>8} {'wall s':>7} {'µs/char':>8} "
          f"{'>1 s':>5}  worst shape")
    for entry in entries:
        timed = guard.run_guarded(_calls(entry, args.size, args.sample), limit=args.limit)
        total_calls += len(timed)
        worst = max(timed, key=lambda r: r.cpu_seconds)
        slow = sum(1 for r in timed if r.cpu_seconds > 1.0 or r.outcome == "timeout")
        over_one += slow
        crashes = [r for r in timed if r.outcome.startswith("crash")]
        note = f"  ({len(crashes)} crashes: {crashes[0].outcome[:60]})" if crashes else ""
        print(f"{entry:<12} {len(timed):>5} {worst.cpu_seconds:>8.3f} {worst.seconds:>7.3f} "
              f"{worst.cpu_seconds / args.size * 1e6:>8.2f} {slow:>5}  {worst.label[:40]} "
              f"{worst.outcome if worst.outcome != 'ok' else ''}{note}")
        if args.show_slow:
            for run in timed:
                if run.cpu_seconds > 1.0 or run.failed:
                    print(f"    {run.cpu_seconds:8.3f} s  {run.label[:60]}  {run.outcome[:80]}")
        if worst_overall is None or worst.cpu_seconds > worst_overall.cpu_seconds:
            worst_overall, worst_entry = worst, entry
    assert worst_overall is not None
    print(f"worst overall: {worst_entry} {worst_overall.label[:40]} "
          f"{worst_overall.cpu_seconds:.3f} s CPU = "
          f"{worst_overall.cpu_seconds / args.size * 1e6:.2f} µs per character; "
          f"{over_one} of {total_calls} shapes over 1 s; run took "
          f"{time.perf_counter() - started:.0f} s; load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
