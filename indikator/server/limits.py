"""The limits of one server: sizes, rows, time, concurrency.

A request over a limit gets a clear answer (413 for bytes and rows, 503 for time) in the
request's language, never a hang or a crash.  Defaults suit one evaluator's files on a small
machine; :class:`Limits` is passed to :func:`indikator.server.app.create_app` to change them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What one request may ask for."""

    upload_bytes: int = 5 * 1024 * 1024
    """Largest request body (upload or JSON), in bytes."""
    json_bytes: int = 256 * 1024
    """Largest JSON body, in bytes."""
    unpacked_bytes: int = 64 * 1024 * 1024
    """Largest total size a workbook (zip archive) may unpack to."""
    rows: int = 20_000
    """Most rows of a realisation table."""
    seconds: float = 30.0
    """Time limit of one request's work."""
    workers: int = 4
    """Requests whose work runs at the same time (others wait their turn)."""
    formula_chars: int = 20_000
    """Longest formula text."""
