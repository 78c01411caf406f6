"""The SQL compilers: each construct on each engine against numpy on fixed rows (a mutation of
any rule fails here, not only in the random law), the dialects' text, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sql_backends import Backend
from sql_cases import Method, expected, query, same, table

from indikator import parse
from indikator.cli.app import main
from indikator.scales.loading import load_scale
from indikator.sql import SqlError, catalog_query, compile_formula, to_sql

pytestmark = pytest.mark.xdist_group("sql-servers")

ROWS = [  # A, B, C, target, low, high
    (1.0, 2.0, 3.0, 10.0, 80.0, 90.0),
    (4.0, 0.0, -1.0, 0.0, 90.0, 80.0),
    (None, 1.0, 9.0, -5.0, None, 90.0),
    (0.0, -2.0, 0.25, 100.0, 1.0, 2.0),
    (90.4, 90.5, 75.5, 95.0, 80.0, 100.0),
    (-8.0, 0.5, 2.0, 50.0, 0.0, 0.0),
]
FORMULAS = ["A / B × 100", "min(A, B, C) + max(A, C)", "sqrt(C) - abs(B)", "A ^ 0.5 + B ^ -1",
            "mean(A, B) × sum(C, 1)", "-(A - C) / (B - B)", "0 ^ B + C ^ 0"]
METHODS = [Method("number", "higher", None, ">="), Method("number", "turun", None, ">="),
           Method("number", "lower", "inverse", ">="), Method("range", "naik", None, ">="),
           Method("range", "lower", None, ">="), Method("comparison", "higher", None, "<"),
           Method("comparison", "higher", None, ">=")]


@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize("method", METHODS, ids=lambda m: f"{m.kind}-{m.direction}-{m.op}")
def test_each_rule_on_each_engine(backend: Backend, text: str, method: Method) -> None:
    if backend.dialect == "spark" and (FORMULAS.index(text) + METHODS.index(method)) % 4:
        pytest.skip("Spark runs a quarter of the combinations (each query takes seconds)")
    formula = parse(text).expr
    for scale_name in ("capaian", "akip"):
        scale = load_scale(scale_name)
        got = backend.run(table(ROWS), query(formula, method, scale, backend.dialect))
        want = expected(formula, method, scale, ROWS)
        for row_got, row_want in zip(got, want, strict=True):
            for a, b in zip(row_got, row_want, strict=True):
                assert same(a, b), (backend.dialect, text, method, scale_name, row_got,
                                    row_want)


def test_user_text_is_quoted_never_pasted() -> None:
    """A variable named like an injection is one quoted column on every dialect, and runs."""
    import duckdb

    from indikator.formula.nodes import BinOp, Variable

    name = 'Jumlah "x"; DROP TABLE t; --'
    compiled = compile_formula(BinOp("/", Variable(name), Variable("B")), "duckdb")
    assert compiled.columns == (name, "B")
    assert '"Jumlah ""x""; DROP TABLE t; --"' in to_sql(compiled.value, "duckdb")
    assert "`Jumlah \"x\"; DROP TABLE t; --`" in to_sql(
        compile_formula(BinOp("/", Variable(name), Variable("B")), "mysql").value, "mysql")
    connection = duckdb.connect()
    connection.execute('CREATE TABLE t ("Jumlah ""x""; DROP TABLE t; --" DOUBLE, "B" DOUBLE)')
    connection.execute("INSERT INTO t VALUES (3, 4), (1, 0)")
    rows = connection.execute(compiled.select("t").sql("duckdb")).fetchall()
    assert [r[2:] for r in rows] == [(0.75, None), (None, "division-by-zero")]


def test_unknown_dialect_and_ordinal_scale_are_refused() -> None:
    with pytest.raises(SqlError):
        compile_formula(parse("A"), "oracle")
    from indikator.sql import compile_scale

    with pytest.raises(SqlError):
        compile_scale("opini-bpk", "x")


CATALOG = Path(__file__).resolve().parents[2] / "definitions" / "renstra" / \
    "kota-serang-setda-2018-2023"


def test_catalogue_query_runs_on_duckdb(duckdb_backend: Backend) -> None:
    import duckdb

    from indikator.catalog.loader import load_catalog

    catalog = load_catalog(CATALOG)
    connection = duckdb.connect()
    connection.execute("CREATE TABLE realisasi AS SELECT * FROM (VALUES "
                       "('Indeks Reformasi Birokrasi', 2021, 60.5, 58.3), "
                       "('nilai-evaluasi-akip', 2021, 61.0, 0.0), ('lain', 2021, 0.0, 5.0)) "
                       "AS t(indikator, tahun, target, realisasi)")
    rows = connection.execute(catalog_query(catalog).sql("duckdb")).fetchall()
    assert [r[2] for r in rows] == ["indeks-reformasi-birokrasi", "nilai-evaluasi-akip", None]
    assert rows[0][11] == "CC" and rows[2][7] == "target-zero"


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "mysql", "mariadb", "spark"])
def test_cli_prints_a_catalogue_view(capsys: pytest.CaptureFixture[str], dialect: str) -> None:
    assert main(["sql", "--dialect", dialect, "--catalog", str(CATALOG), "--view", "capaian",
                 "--formulas", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)["result"]
    assert payload["statements"][0].startswith("CREATE VIEW")
    assert len(payload["statements"]) > 20  # the view and one SELECT per formula


def test_cli_refuses_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "--dialect", "oracle", "A / B"]) == 1
    assert main(["sql"]) == 1
    assert main(["sql", "--scale", "opini-bpk"]) == 1
    assert main(["sql", "A / (B"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "oracle" in err


@pytest.mark.parametrize("dialect", ["duckdb", ""])
def test_rint_is_numpys_in_duckdb(dialect: str) -> None:
    """DuckDB's ``round_even(x, 0)`` and the portable FLOOR form both give ``np.rint``'s
    double, ties (x.5, both signs, near 2^52) included: the scales' rounding rests on it."""
    import duckdb
    import numpy as np
    import pandas as pd

    from indikator.sql.build import col, rint

    rng = np.random.default_rng(7)
    ties = np.arange(-5000, 5000) + 0.5
    values = np.concatenate([
        rng.uniform(-1e9, 1e9, 20_000), ties, np.round(rng.uniform(0, 3e8, 20_000)) + 0.5,
        rng.uniform(-3, 3, 20_000), rng.uniform(0, 300, 20_000) * 1e6,
        [0.0, -0.0, -0.5, 0.5, 1.5, 2.5, 2.0**52, 2.0**52 + 1, 2.0**53, 4.5e15 + 0.5, 1e300]])
    sql = rint(col("y"), dialect).sql("duckdb")
    with duckdb.connect() as connection:
        connection.register("t", pd.DataFrame({"y": values}))
        got = connection.execute(f"SELECT {sql} AS r FROM t").fetchnumpy()["r"]
    np.testing.assert_array_equal(got, np.rint(values))
