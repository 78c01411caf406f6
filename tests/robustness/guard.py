"""A per-call time guard that works even when the time is spent inside C code (a regex).

A signal alarm cannot interrupt :mod:`re` (the matcher does not return to the interpreter), so
each batch of calls runs in a forked child process that reports, call by call, how long each
took and how it ended.  When one call exceeds its limit the child is killed, the call is
recorded as ``timeout`` and the batch goes on in a new child with the next call.  Forking is
cheap (copy on write: the parent's imports are shared), so a batch of a few hundred calls costs
little more than the calls.

Outcomes: ``"ok"``, ``"refused"`` (an :class:`~indikator.core.errors.IndikatorError` or the
documented built-in it subclasses: bad input reported), ``"crash:<Type>"`` (any other exception:
a bug) and ``"timeout"``.
"""

from __future__ import annotations

import json
import os
import select
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timed:
    """One call's outcome and its duration in seconds (the limit for a timeout), and the CPU
    seconds the call used (what the work costs, whatever the load of the machine; 0 when
    unknown: a timeout or a crash)."""

    label: str
    size: int
    seconds: float
    outcome: str
    cpu: float = 0.0

    @property
    def cost(self) -> float:
        """What the call's work cost: its CPU seconds when known, else its wall seconds.

        Growth is judged on this, not on the wall clock: on a loaded machine (CI runs two test
        workers beside a Spark JVM on two cores) a 30 ms call can wait 0.8 s for a core, three
        runs in a row, and look super-linear while its CPU time grew ten-fold."""
        return self.cpu if self.cpu > 0 else self.seconds

    @property
    def failed(self) -> bool:
        return self.outcome == "timeout" or self.outcome.startswith("crash")


Call = tuple[str, int, Callable[[], Any]]


def _outcome(call: Callable[[], Any]) -> str:
    from indikator.core.errors import IndikatorError

    try:
        call()
    except IndikatorError:
        return "refused"
    except Exception as exc:  # the harness reports it; it must not stop the batch
        return f"crash:{type(exc).__name__}: {str(exc)[:120]}"
    return "ok"


def _child(calls: Sequence[Call], start: int, write_fd: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    with os.fdopen(write_fd, "w", buffering=1) as out:
        for index in range(start, len(calls)):
            _, _, call = calls[index]
            out.write(json.dumps({"i": index, "started": True}) + "\n")
            began, began_cpu = time.perf_counter(), time.process_time()
            outcome = _outcome(call)
            seconds = time.perf_counter() - began
            cpu = time.process_time() - began_cpu
            out.write(json.dumps({"i": index, "s": seconds, "o": outcome, "c": cpu}) + "\n")


def run_guarded(calls: Sequence[Call], limit: float, *, stop_after: float | None = None
                ) -> list[Timed]:
    """Run *calls* (label, size, zero-argument function) with at most *limit* seconds each.

    With *stop_after*, the batch stops at the first call slower than that (or failed): the
    result then holds the calls run so far, the slow one last (a known-slow shape costs one
    call, not a batch of timeouts)."""
    results: dict[int, Timed] = {}
    start = 0
    while start < len(calls):
        if stop_after is not None and any(r.failed or r.seconds > stop_after
                                          for r in results.values()):
            break
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            try:
                _child(calls, start, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        start = _collect(calls, results, read_fd, pid, limit, stop_after)
    return [results[i] for i in sorted(results)]


def _collect(calls: Sequence[Call], results: dict[int, Timed], read_fd: int, pid: int,
             limit: float, stop_after: float | None = None) -> int:
    """Read the child's reports; returns the index to restart from."""
    buffer = b""
    running: int | None = None
    deadline = time.monotonic() + limit
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        while True:
            wait = deadline - time.monotonic()
            ready, _, _ = select.select([pipe], [], [], max(wait, 0))
            if not ready:  # the running call is over its limit
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                pending = set(range(len(calls))) - set(results)
                index = running if running is not None else min(pending)
                label, size, _ = calls[index]
                results[index] = Timed(label, size, limit, "timeout")
                return index + 1
            chunk = pipe.read(65536)
            if not chunk:  # the child finished (or died)
                os.waitpid(pid, 0)
                if running is not None and running not in results:
                    label, size, _ = calls[running]
                    results[running] = Timed(label, size, 0.0, "crash:died")
                    return running + 1
                return len(calls)
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                report = json.loads(line)
                index = int(report["i"])
                if report.get("started"):
                    running = index
                    deadline = time.monotonic() + limit
                    continue
                label, size, _ = calls[index]
                timed = Timed(label, size, float(report["s"]), str(report["o"]),
                              float(report.get("c", 0.0)))
                results[index] = timed
                running = None
                if stop_after is not None and (timed.failed or timed.seconds > stop_after):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    return len(calls)


def best_of(calls: Sequence[Call], timed: list[Timed], suspects: Sequence[int], limit: float,
            repeats: int = 2) -> list[Timed]:
    """*timed* with the calls at *suspects* (indices) run *repeats* more times each, keeping the
    cheapest run (:attr:`Timed.cost`): a busy machine can make one call slow, a super-linear one
    stays slow."""
    best = list(timed)
    chosen = [calls[i] for i in suspects]
    for _ in range(repeats):
        again = run_guarded(chosen, limit=limit)
        for index, run in zip(suspects, again, strict=True):
            if not run.failed and (best[index].failed or run.cost < best[index].cost):
                best[index] = run
    return best
