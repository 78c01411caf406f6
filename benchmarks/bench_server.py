"""Benchmark: ``indikator serve`` under load — lint of a seed formula and compute of a
1,000-row table, 16 concurrent clients on loopback.

Run: ``.venv/bin/python benchmarks/bench_server.py [--seconds 10] [--clients 16]
[--processes 1] [--access-log]``.

The script starts ``indikator serve`` itself (uvicorn, one process) on a free 127.0.0.1 port,
warms it up, then for each workload runs CLIENTS asyncio clients (httpx, one keep-alive
connection each) that send requests back to back for SECONDS, and prints p50/p99 latency,
requests per second, errors (any answer other than HTTP 200 with ``ok`` true) and the
server's CPU milliseconds per request (from /proc: the figure that does not depend on what
else the shared machine is doing).  It stops
the server at the end.  Goals (issue 10): lint p50 ≤ 5 ms, p99 ≤ 25 ms, errors 0.  Traffic
goes to loopback only; the loops are bounded in time.  The load client is a minimal
HTTP/1.1 client on asyncio streams (one keep-alive connection per client; httpx only checks
the answers first), because a heavier client would take much of the same two cores.

Workloads: ``lint`` posts the seed's Tabel 6.3 formula of document line 201 (an inverted
formula with × 100 in the denominator: two findings) to ``/api/v1/lint`` — the server keeps
recent lint answers, so this measures the answer a person gets while typing or an application
gets re-checking its catalogue; ``lint (each one new)`` sends a different formula every time
(no answer reused: the linter's own cost under load); ``compute`` uploads
a 1,000-row ``;``-separated realisation table (Indonesian numbers, both directions, printed
capaian) to ``/api/v1/compute``.  The client runs on the same 2 cores as the server, so the
latencies include its share of the CPU.  Not run by the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

LINT_FORMULA = {
    "formula": "\\frac{\\text{Jumlah Dokumen Kerjasama yang di rencanakan}}"
    "{\\text{Total Dokumen Kerjasama yang di laksanakan} \\times 100}",
    "name": "Persentase Dokumen Kerjasama yang dilaksanakan",
    "unit": "Persen",
}


def table(rows: int = 1000) -> bytes:
    """A realisation table of *rows* rows (deterministic)."""
    lines = ["indikator;tahun;satuan;arah;target;realisasi;capaian"]
    for i in range(rows):
        target = 50 + (i * 7) % 50
        actual = target * (0.8 + (i % 9) * 0.05)
        lower = i % 5 == 0
        capaian = (2 * target - actual) / target * 100 if lower else actual / target * 100
        if i % 23 == 0:
            capaian *= 100  # a printed capaian with × 100 twice, as real tables have
        number = lambda x: f"{x:.2f}".replace(".", ",")  # noqa: E731
        lines.append(f"Indikator {i % 200};{2019 + i % 5};Persen;{'turun' if lower else 'naik'};"
                     f"{number(target)};{number(actual)};{number(capaian)}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process *pid* and its children (Linux /proc)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(x) for x in children.read_text().split()]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request(path: str, body: bytes, content_type: str, port: int) -> bytes:
    """One HTTP/1.1 POST, as bytes, for a keep-alive connection."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode("ascii") + body


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "indikator-bench-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n").encode() + data + (
        f"\r\n--{boundary}--\r\n").encode()
    return body, f"multipart/form-data; boundary={boundary}"


async def _client(port: int, raws: list[bytes], turn: Iterator[int], until: float,
                  out: list[float], errors: list[str]) -> None:
    """Send requests of *raws* (in turn) back to back on one connection until *until*; a small
    HTTP/1.1 client (status line, Content-Length) so that measuring costs little CPU."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            raw = raws[next(turn) % len(raws)]
            start = time.perf_counter()
            writer.write(raw)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            out.append(time.perf_counter() - start)
            if not head.startswith(b"HTTP/1.1 200") or b'"ok": true' not in body[:200]:
                errors.append(head.split(b"\r\n", 1)[0].decode())
    finally:
        writer.close()


async def _load(port: int, raws: list[bytes], clients: int, seconds: float
                ) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    turn = itertools.count()
    until = time.perf_counter() + seconds
    start = time.perf_counter()
    await asyncio.gather(*(_client(port, raws, turn, until, latencies, errors)
                           for _ in range(clients)))
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"requests": len(ordered), "p50": statistics.median(ordered) * 1000,
            "p99": p99 * 1000, "rps": len(ordered) / elapsed, "errors": len(errors)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--processes", type=int, default=1,
                        help="server processes (indikator serve --processes)")
    parser.add_argument("--access-log", action="store_true",
                        help="server with its access log (indikator serve --access-log)")
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    body = table(1000)
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "indikator", "serve", "--port", str(port),
             "--processes", str(args.processes), *(["--access-log"] if args.access_log else [])],
            stdout=log, stderr=log, env={**os.environ, "INDIKATOR_LANG": "id"},
        )
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            check = httpx.post(f"{base}/api/v1/lint", json=LINT_FORMULA).json()
            assert [f["rule"] for f in check["findings"]], check
            rows = httpx.post(f"{base}/api/v1/compute",
                              files={"file": ("r.csv", body)}, timeout=60).json()
            assert len(rows["result"]["rows"]) == 1000, rows.get("error")
            lint = [request("/api/v1/lint", json.dumps(LINT_FORMULA).encode(),
                            "application/json", port)]
            distinct = [request("/api/v1/lint", json.dumps({
                **LINT_FORMULA, "formula": LINT_FORMULA["formula"].replace(
                    "Kerjasama", f"Kerjasama {i}")}).encode(), "application/json", port)
                for i in range(100_000)]
            upload, kind = multipart("realisasi-1000.csv", body)
            compute = [request("/api/v1/compute", upload, kind, port)]
            asyncio.run(_load(port, lint, args.clients, 2.0))  # warm-up
            print(f"indikator serve on {base} ({args.processes} process(es), access log "
                  f"{'on' if args.access_log else 'off'}), {args.clients} concurrent clients, "
                  f"{args.seconds:g} s per workload, {os.cpu_count()} CPUs")
            print(f"{'workload':<26}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}"
                  f"{'errors':>8}{'CPU ms/req':>11}  goal")
            for name, raws, goal in (
                ("lint (seed formula)", lint, "p50 ≤ 5 ms, p99 ≤ 25 ms, errors 0"),
                ("lint (each one new)", distinct, "(info: no answer reused)"),
                ("compute (1,000 rows)", compute, "errors 0"),
            ):
                cpu = _cpu_seconds(server.pid)
                r = asyncio.run(_load(port, raws, args.clients, args.seconds))
                per = (_cpu_seconds(server.pid) - cpu) / max(1, r["requests"]) * 1000
                print(f"{name:<26}{r['requests']:>9.0f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
                      f"{r['rps']:>9.1f}{r['errors']:>8.0f}{per:>11.2f}  {goal}")
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
