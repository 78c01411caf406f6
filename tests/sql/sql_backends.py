"""What the SQL tests share besides fixtures: the columns of the test table and
:class:`Backend`, a uniform way to load rows and run a query on one engine.

Kept out of ``conftest.py`` so test modules can import it by a name no other test folder uses
(two folders' ``conftest`` modules would clash on ``from conftest import …``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

COLUMNS = ("id", "A", "B", "C", "target", "low", "high")


class Backend:
    """Loads rows into table ``t`` (columns :data:`COLUMNS`, doubles) and runs a query."""

    def __init__(self, dialect: str, load: Callable[[Sequence[Sequence[Any]]], None],
                 query: Callable[[str], list[tuple[Any, ...]]]) -> None:
        self.dialect = dialect
        self.load = load
        self.query = query

    def run(self, rows: Sequence[Sequence[Any]], sql: str) -> list[tuple[Any, ...]]:
        self.load(rows)
        return sorted(self.query(sql), key=lambda row: row[0])


def no_nan(rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    return [tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
            for row in rows]


def dbapi_backend(dialect: str, connection: Any, double: str, quote: str,
                   nan_ok: bool) -> Backend:
    cursor = connection.cursor()
    names = ", ".join(f"{quote}{c}{quote}" for c in COLUMNS)
    columns = ", ".join(f"{quote}{c}{quote} {double}" for c in COLUMNS)
    cursor.execute("DROP TABLE IF EXISTS t")
    cursor.execute(f"CREATE TABLE t ({columns})")
    marks = ", ".join(["%s"] * len(COLUMNS))

    def load(rows: Sequence[Sequence[Any]]) -> None:
        cursor.execute("DELETE FROM t")
        data = rows if nan_ok else no_nan(rows)
        cursor.executemany(f"INSERT INTO t ({names}) VALUES ({marks})", list(data))

    def query(sql: str) -> list[tuple[Any, ...]]:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]

    return Backend(dialect, load, query)
