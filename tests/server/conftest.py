"""A real server for the tests: ``indikator serve`` (uvicorn) on a free loopback port, started
once per test session (per xdist worker) and stopped at its end."""

from __future__ import annotations

import contextlib
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

LIMITS = ["--max-upload-mb", "1", "--max-rows", "2000", "--timeout", "120", "--workers", "4"]


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


@contextlib.contextmanager
def running(options: list[str]) -> Iterator[str]:
    """``indikator serve OPTIONS`` on a free loopback port while the block runs."""
    port = _free_port()
    # the server's output goes to a file: a pipe nobody reads would fill up and stall it
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "indikator", "serve", "--port", str(port), *options],
            stdout=log, stderr=log, env={**os.environ, "INDIKATOR_LANG": "id"},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, process, log)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of a running server (limits: 1 MB uploads, 2000 rows, 120 s)."""
    with running(LIMITS) as base:
        yield base


@pytest.fixture
def start_server() -> Any:
    """``start_server(OPTIONS)``: a context manager running another server (its base URL)."""
    return running


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as session:
        yield session
