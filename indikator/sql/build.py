"""Small sqlglot builders shared by the SQL compilers: dialects, literals, columns, rounding.

Every value that comes from a user (a column name, a band label, a number) becomes SQL through
a sqlglot node (quoted identifier, escaped string literal, number literal), never by pasting
text.  Numbers are written in exponent notation and cast to the dialect's double type, so that
PostgreSQL and MySQL compute in binary floating point as numpy does (their plain decimal
literals are exact NUMERIC/DECIMAL values) and integer columns never divide as integers.

Missing values are SQL ``NULL``.  Dialects with a NaN (DuckDB, PostgreSQL, Spark) have NaN
inputs turned into ``NULL`` where a column is read; MySQL/MariaDB have no NaN.

This module builds expressions only; it runs nothing and knows no formula, method or scale.
"""

from __future__ import annotations

from typing import Final

from sqlglot import exp

from indikator.core.errors import IndikatorError

__all__ = [
    "DIALECTS",
    "and_",
    "case",
    "col",
    "dialect_name",
    "num",
    "or_",
    "read_double",
    "rint",
    "round_half_up",
    "string",
    "to_sql",
]

DIALECTS: Final = ("duckdb", "postgres", "mysql", "spark")
"""Dialects the compilers target (``mariadb`` is an alias of ``mysql``)."""

_ALIASES: Final = {"mariadb": "mysql", "postgresql": "postgres", "pg": "postgres",
                   "sparksql": "spark", "spark-sql": "spark"}
_NAN_DIALECTS: Final = frozenset({"duckdb", "postgres", "spark"})
_DOUBLE: Final = exp.DataType.build("double")


class SqlError(IndikatorError, ValueError):
    """A request the SQL compilers cannot serve (unknown dialect, unsupported node …)."""


def dialect_name(dialect: str) -> str:
    """The canonical dialect for *dialect* (case-insensitive; ``mariadb`` → ``mysql``)."""
    name = dialect.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in DIALECTS:
        raise SqlError("sql.unknown_dialect", dialect=dialect, known=", ".join(DIALECTS))
    return name


def to_sql(expression: exp.Expr, dialect: str, pretty: bool = False) -> str:
    """*expression* as SQL text of *dialect*."""
    return expression.sql(dialect=dialect_name(dialect), pretty=pretty)


def num(value: float) -> exp.Expr:
    """A double literal: ``CAST(9.000000000000001e+01 AS DOUBLE)`` (exact round trip)."""
    text = repr(float(value))
    if text in ("inf", "-inf", "nan"):
        raise SqlError("sql.not_finite_literal", value=text)
    if "e" not in text:
        text += "e0"
    literal: exp.Expr = exp.Literal.number(text.lstrip("-"))
    if text.startswith("-"):
        literal = exp.Neg(this=literal)
    return exp.Cast(this=literal, to=_DOUBLE.copy())


def string(text: str) -> exp.Expr:
    """An escaped string literal."""
    return exp.Literal.string(text)


def col(name: str, table: str | None = None) -> exp.Column:
    """A quoted column reference (any text is a valid name)."""
    return exp.column(name, table=table, quoted=True)


def read_double(column: exp.Expr, dialect: str) -> exp.Expr:
    """*column* as a double, NaN turned into NULL where the dialect has NaN."""
    value: exp.Expr = exp.Cast(this=column, to=_DOUBLE.copy())
    if dialect_name(dialect) in _NAN_DIALECTS:
        nan = exp.Cast(this=exp.Literal.string("NaN"), to=_DOUBLE.copy())
        value = exp.Nullif(this=value, expression=nan)
    return value


def case(*whens: tuple[exp.Expr, exp.Expr],
         default: exp.Expr | None = None) -> exp.Expr:
    """``CASE WHEN c1 THEN v1 … ELSE default END`` (no ELSE → NULL)."""
    built = exp.Case()
    for condition, value in whens:
        built = built.when(condition.copy(), value.copy())
    if default is not None:
        built = built.else_(default.copy())
    return built


def and_(*parts: exp.Expr) -> exp.Expr:
    return exp.and_(*(exp.paren(p.copy(), copy=False) for p in parts))


def or_(*parts: exp.Expr) -> exp.Expr:
    return exp.or_(*(exp.paren(p.copy(), copy=False) for p in parts))


def is_null(value: exp.Expr) -> exp.Expr:
    return exp.Is(this=value.copy(), expression=exp.Null())


def not_null(value: exp.Expr) -> exp.Expr:
    return exp.Not(this=is_null(value))


def paren(value: exp.Expr) -> exp.Expr:
    return exp.paren(value.copy(), copy=False)


def rint(value: exp.Expr, dialect: str = "") -> exp.Expr:
    """Round to the nearest integer, ties to even (numpy's ``rint``): DuckDB's
    ``round_even(x, 0)`` (the same double as ``np.rint``, every kind of tie included:
    ``tests/sql/test_compile.py``); elsewhere from FLOOR only, since SQL ``ROUND`` ties
    differ between engines (half-even, half-away, half-up)."""
    if dialect == "duckdb":  # one call instead of five FLOORs and a CASE, per row
        return exp.Anonymous(this="round_even", expressions=[value, exp.Literal.number(0)])
    floor = exp.Floor(this=paren(value))
    frac = exp.Sub(this=paren(value), expression=floor.copy())
    half = num(0.5)
    odd = exp.Sub(this=floor.copy(),
                  expression=exp.Mul(this=num(2.0),
                                     expression=exp.Floor(this=exp.Div(this=floor.copy(),
                                                                       expression=num(2.0)))))
    return case(
        (exp.GT(this=frac.copy(), expression=half.copy()), exp.Add(this=floor.copy(),
                                                                   expression=num(1.0))),
        (exp.LT(this=frac.copy(), expression=half.copy()), floor.copy()),
        default=exp.Add(this=floor.copy(), expression=paren(odd)),
    )


def round_half_up(value: exp.Expr, digits: int, dialect: str = "") -> exp.Expr:
    """The scales' rounding (:func:`indikator.scales.scale._round_half_up`), op for op:
    ``floor(round(v × 10^d, 6) + 0.5) / 10^d`` with numpy's ``round(x, 6) = rint(x·1e6)/1e6``
    (:func:`rint` in *dialect*)."""
    factor = num(10.0**digits)
    scaled = exp.Mul(this=paren(value), expression=factor.copy())
    rounded = exp.Div(this=paren(rint(exp.Mul(this=paren(scaled), expression=num(1e6)),
                                      dialect)), expression=num(1e6))
    return exp.Div(this=exp.Floor(this=exp.Add(this=rounded, expression=num(0.5))),
                   expression=factor.copy())
