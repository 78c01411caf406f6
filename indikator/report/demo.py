"""The logic of the ``indikator demo`` walk-through: counts and summaries of what the demo read.

Pure functions over the library's results; the command (``cli/commands/demo.py``) only parses
arguments and prints.
"""

from __future__ import annotations

from collections.abc import Iterable

from indikator.documents.results import Table

__all__ = ["cells_of"]


def cells_of(tables: Iterable[Table]) -> tuple[int, int]:
    """Total cells read and unread over *tables*."""
    read = unread = 0
    for table in tables:
        read += table.cells_read
        unread += len(table.unread)
    return read, unread
