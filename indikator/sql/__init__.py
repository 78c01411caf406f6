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

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indikator.sql.build import DIALECTS, SqlError, dialect_name, to_sql
    from indikator.sql.capaian import CompiledCapaian, compile_capaian
    from indikator.sql.catalog import catalog_query, formula_queries
    from indikator.sql.formula import CompiledFormula, compile_formula
    from indikator.sql.scale import CompiledScale, compile_scale, scale_input

_HOMES = {
    "DIALECTS": "build", "SqlError": "build", "dialect_name": "build", "to_sql": "build",
    "CompiledCapaian": "capaian", "compile_capaian": "capaian",
    "catalog_query": "catalog", "formula_queries": "catalog",
    "CompiledFormula": "formula", "compile_formula": "formula",
    "CompiledScale": "scale", "compile_scale": "scale", "scale_input": "scale",
}


def __getattr__(name: str) -> Any:
    """The names above, imported when first used: the DuckDB engine (a submodule) then
    does not pay for the formula and catalogue compilers it does not use."""
    if name in _HOMES:
        return getattr(import_module(f"indikator.sql.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'indikator.sql' has no attribute {name!r}")


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
