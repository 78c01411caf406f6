"""Session fixtures of the SQL tests: one DuckDB, PostgreSQL, MariaDB and Spark each, and a
uniform way to run a query over a small table on them (:class:`Backend`)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sql_backends import COLUMNS, Backend, dbapi_backend
from sql_servers import Unavailable, start_mariadb, start_postgres, start_spark


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
            yield dbapi_backend("postgres", connection, "DOUBLE PRECISION", '"', True)
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
            yield dbapi_backend("mysql", connection, "DOUBLE", "`", False)
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
