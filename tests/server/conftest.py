"""A real server for the tests: ``indikator serve`` (uvicorn) on a free loopback port, started
once per test session (per xdist worker) and stopped at its end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

LIMITS = ["--max-upload-mb", "1", "--max-rows", "2000", "--timeout", "20", "--workers", "4"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(base: str, process: subprocess.Popen[bytes], log: Any) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.seek(0)
            raise RuntimeError("indikator serve did not start: " + log.read().decode())
        time.sleep(0.1)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of a running server (limits: 1 MB uploads, 2000 rows, 20 s)."""
    port = _free_port()
    # the access log goes to a file: a pipe nobody reads would fill up and stall the server
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "indikator", "serve", "--port", str(port), *LIMITS],
            stdout=log, stderr=log, env={**os.environ, "INDIKATOR_LANG": "id"},
        )
        base = f"http://127.0.0.1:{port}"
        _wait(base, process, log)
        yield base
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as session:
        yield session
