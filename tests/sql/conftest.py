"""Session fixtures of the SQL tests: one DuckDB, PostgreSQL, MariaDB and Spark each, and a
uniform way to run a query over a small table on them (:class:`Backend`)."""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sql_servers import Unavailable, start_mariadb, start_postgres, start_spark

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


def _no_nan(rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    return [tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
            for row in rows]


def _dbapi_backend(dialect: str, connection: Any, double: str, quote: str,
                   nan_ok: bool) -> Backend:
    cursor = connection.cursor()
    names = ", ".join(f"{quote}{c}{quote}" for c in COLUMNS)
    columns = ", ".join(f"{quote}{c}{quote} {double}" for c in COLUMNS)
    cursor.execute("DROP TABLE IF EXISTS t")
    cursor.execute(f"CREATE TABLE t ({columns})")
    marks = ", ".join(["%s"] * len(COLUMNS))

    def load(rows: Sequence[Sequence[Any]]) -> None:
        cursor.execute("DELETE FROM t")
        data = rows if nan_ok else _no_nan(rows)
        cursor.executemany(f"INSERT INTO t ({names}) VALUES ({marks})", list(data))

    def query(sql: str) -> list[tuple[Any, ...]]:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]

    return Backend(dialect, load, query)


@pytest.fixture(scope="session")
def duckdb_backend() -> Iterator[Backend]:
    import duckdb

    connection = duckdb.connect()
    columns = ", ".join(f'"{c}" DOUBLE' for c in COLUMNS)
    connection.execute(f"CREATE TABLE t ({columns})")

    def load(rows: Sequence[Sequence[Any]]) -> None:
        connection.execute("DELETE FROM t")
        if rows:
            connection.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(COLUMNS))})",
                                   [list(r) for r in rows])

    def query(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in connection.execute(sql).fetchall()]

    yield Backend("duckdb", load, query)
    connection.close()


@pytest.fixture(scope="session")
def postgres_backend() -> Iterator[Backend]:
    with tempfile.TemporaryDirectory(prefix="indikator-pg-") as folder:
        try:
            connect, stop = start_postgres(Path(folder))
        except Unavailable as why:
            pytest.skip(str(why))
        try:
            connection = connect()
            yield _dbapi_backend("postgres", connection, "DOUBLE PRECISION", '"', True)
            connection.close()
        finally:
            stop()


@pytest.fixture(scope="session")
def mariadb_backend() -> Iterator[Backend]:
    with tempfile.TemporaryDirectory(prefix="indikator-maria-") as folder:
        try:
            connect, stop = start_mariadb(Path(folder))
        except Unavailable as why:
            pytest.skip(str(why))
        try:
            connection = connect()
            cursor = connection.cursor()
            cursor.execute("CREATE DATABASE indikator_test")
            cursor.execute("USE indikator_test")
            yield _dbapi_backend("mysql", connection, "DOUBLE", "`", False)
            connection.close()
        finally:
            stop()


@pytest.fixture(scope="session")
def spark_backend() -> Iterator[Backend]:
    try:
        session, stop = start_spark()
    except Unavailable as why:
        pytest.skip(str(why))
    from pyspark.sql.types import DoubleType, StructField, StructType

    schema = StructType([StructField(c, DoubleType(), True) for c in COLUMNS])

    def load(rows: Sequence[Sequence[Any]]) -> None:
        data = [tuple(None if v is None else float(v) for v in row) for row in rows]
        session.createDataFrame(data, schema).createOrReplaceTempView("t")

    def query(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in session.sql(sql).collect()]

    yield Backend("spark", load, query)
    stop()


@pytest.fixture(params=["duckdb", "postgres", "mysql", "spark"])
def backend(request: pytest.FixtureRequest) -> Backend:
    name = {"mysql": "mariadb"}.get(request.param, request.param)
    result: Backend = request.getfixturevalue(f"{name}_backend")
    return result
