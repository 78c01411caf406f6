"""Formulas, capaian methods and rating scales compiled to SQL with sqlglot.

One compiler serves DuckDB, PostgreSQL, MySQL/MariaDB and Spark SQL: the functions build
sqlglot expressions (names quoted, values as escaped literals) with the same missing-value
rules as the numpy code, and :func:`to_sql` prints them in a dialect.

* :func:`compile_formula` — value and reason of a :class:`~indikator.formula.model.Formula`;
* :func:`compile_capaian` — capaian, reason, metode and met for number / range / comparison
  targets;
* :func:`compile_scale` — band code, label, rank and reason on an interval scale;
* :func:`catalog_query` — one query for a whole catalogue over a realisation table.

The DuckDB compute engine (``indikator compute --engine duckdb``) is
:mod:`indikator.sql.engine`.
"""

from indikator.sql.build import DIALECTS, SqlError, dialect_name, to_sql
from indikator.sql.capaian import CompiledCapaian, compile_capaian
from indikator.sql.catalog import catalog_query, formula_queries
from indikator.sql.formula import CompiledFormula, compile_formula
from indikator.sql.scale import CompiledScale, compile_scale, scale_input

__all__ = [
    "DIALECTS",
    "CompiledCapaian",
    "CompiledFormula",
    "CompiledScale",
    "SqlError",
    "catalog_query",
    "compile_capaian",
    "compile_formula",
    "compile_scale",
    "dialect_name",
    "formula_queries",
    "scale_input",
    "to_sql",
]
