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
exceeded 1 s, in wall-clock seconds and in CPU seconds of the call (on a busy machine the wall
clock also counts the other processes; the CPU time is the work), with the load average.
``--show S`` also lists every shape slower than S seconds (wall clock).  A benchmark, not a
test: the numbers depend on the machine.
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
        for label, unit in shapes.variants(token):
            text = shapes.repeated(unit, size)
            calls.append((label, size, lambda f=function, t=text: f(t)))
    return calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--limit", type=float, default=5.0, help="seconds per call")
    parser.add_argument("--sample", type=int, default=4, help="every N-th token")
    parser.add_argument("--entry", action="append", default=None)
    parser.add_argument("--show", type=float, default=None, help="list shapes over S seconds")
    args = parser.parse_args()
    shapes.clean_environment()
    for function in shapes.ENTRY_POINTS.values():  # imports in the parent: children start warm
        with contextlib.suppress(Exception):
            function("Jumlah A / Jumlah B x 100")
    entries = args.entry or list(shapes.ENTRY_POINTS)
    worst_overall: guard.Timed | None = None
    worst_cpu: guard.Timed | None = None
    worst_entry = worst_cpu_entry = ""
    over_one = over_one_cpu = 0
    total_calls = 0
    started = time.perf_counter()
    print(f"hostile shapes at {args.size} characters, limit {args.limit} s per call, "
          f"{len(shapes.tokens())} tokens (every {args.sample}th used); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'entry point':<12} {'calls':>5} {'worst s':>8} {'µs/char':>8} {'>1 s':>5} "
          f"{'cpu s':>7} {'>1 s cpu':>8}  worst shape (wall; cpu)")
    for entry in entries:
        timed = guard.run_guarded(_calls(entry, args.size, args.sample), limit=args.limit)
        total_calls += len(timed)
        worst = max(timed, key=lambda r: r.seconds)
        busiest = max(timed, key=lambda r: r.cpu)
        slow = sum(1 for r in timed if r.seconds > 1.0 or r.outcome == "timeout")
        slow_cpu = sum(1 for r in timed if r.cpu > 1.0 or r.outcome == "timeout")
        over_one += slow
        over_one_cpu += slow_cpu
        crashes = [r for r in timed if r.outcome.startswith("crash")]
        note = f"  ({len(crashes)} crashes: {crashes[0].outcome[:60]})" if crashes else ""
        print(f"{entry:<12} {len(timed):>5} {worst.seconds:>8.3f} "
              f"{worst.seconds / args.size * 1e6:>8.2f} {slow:>5} {busiest.cpu:>7.3f} "
              f"{slow_cpu:>8}  {worst.label[:30]} "
              f"{worst.outcome if worst.outcome != 'ok' else ''}; {busiest.label[:30]}{note}")
        if args.show is not None:
            for r in sorted(timed, key=lambda r: -r.seconds):
                if r.seconds > args.show:
                    print(f"    {r.seconds:7.3f} s  cpu {r.cpu:7.3f} s  {r.label[:50]} {r.outcome}")
        if worst_overall is None or worst.seconds > worst_overall.seconds:
            worst_overall, worst_entry = worst, entry
        if worst_cpu is None or busiest.cpu > worst_cpu.cpu:
            worst_cpu, worst_cpu_entry = busiest, entry
    assert worst_overall is not None and worst_cpu is not None
    print(f"worst overall: {worst_entry} {worst_overall.label[:40]} {worst_overall.seconds:.3f} s"
          f" = {worst_overall.seconds / args.size * 1e6:.2f} µs per character; "
          f"{over_one} of {total_calls} shapes over 1 s; run took "
          f"{time.perf_counter() - started:.0f} s")
    print(f"worst CPU time: {worst_cpu_entry} {worst_cpu.label[:40]} {worst_cpu.cpu:.3f} s = "
          f"{worst_cpu.cpu / args.size * 1e6:.2f} µs per character; {over_one_cpu} of "
          f"{total_calls} shapes over 1 s of CPU; load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
