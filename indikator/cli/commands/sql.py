"""``indikator sql``: print the SQL of a formula, a scale or a whole catalogue.

``indikator sql [--dialect D] [--catalog DIR|FILE [--formulas]] [--scale NAME [--column C]]
[--source TABLE] [--view NAME] [--json] [FORMULA]`` compiles with :mod:`indikator.sql`
(sqlglot) for DuckDB, PostgreSQL, MySQL/MariaDB or Spark SQL and prints the statements, each
ending with ``;``.  ``--json``: the envelope of ``docs/contract.md`` (command ``sql``) whose
``result`` is ``{"dialect": D, "statements": [...]}``.  An unknown dialect, scale,
catalogue or a formula that does not parse exits 1 with a message.  This module reads
arguments and prints; the compiling is in :mod:`indikator.sql`.
"""

from __future__ import annotations

import argparse
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context, read_text_argument
from indikator.core.i18n import t


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``sql`` subcommand."""
    parser = subparsers.add_parser("sql", parents=parents, help=t("sql.help"),
                                   description=t("sql.help"))
    parser.add_argument("formula", metavar="FORMULA", nargs="?", default=None,
                        help=t("sql.help_formula"))
    parser.add_argument("--dialect", default="duckdb", help=t("sql.help_dialect"))
    parser.add_argument("--catalog", metavar="DIR|FILE", default=None,
                        help=t("sql.help_catalog"))
    parser.add_argument("--formulas", action="store_true", help=t("sql.help_formulas"))
    parser.add_argument("--scale", default=None, help=t("sql.help_scale"))
    parser.add_argument("--column", default="capaian", help=t("sql.help_column"))
    parser.add_argument("--source", default=None, help=t("sql.help_source"))
    parser.add_argument("--view", default=None, help=t("sql.help_view"))
    parser.set_defaults(handler=run, contract="sql")


def run(args: argparse.Namespace, ctx: Context) -> int:
    from sqlglot import exp

    from indikator.sql.build import SqlError, dialect_name
    from indikator.sql.catalog import catalog_query, formula_queries
    from indikator.sql.formula import compile_formula
    from indikator.sql.scale import compile_scale

    dialect = dialect_name(args.dialect)
    statements: list[exp.Expr] = []
    if args.catalog:
        from indikator.catalog.loader import load_catalog

        catalog = load_catalog(args.catalog)
        statements.append(catalog_query(catalog, dialect, source=args.source or "realisasi",
                                        view=args.view))
        if args.formulas:
            statements.extend(query for _, query in formula_queries(catalog, dialect))
    elif args.formula is not None:
        from indikator.formula.parser import parse

        compiled = compile_formula(parse(read_text_argument(args.formula)), dialect)
        statements.append(_maybe_view(compiled.select(args.source or "variabel"), args.view))
    elif args.scale:
        rated = compile_scale(args.scale, args.column, dialect)
        select = exp.select(exp.Star(), *rated.columns()).from_(
            exp.Table(this=exp.to_identifier(args.source or "realisasi", quoted=True)))
        statements.append(_maybe_view(select, args.view))
    else:
        raise SqlError("sql.nothing")
    texts = [statement.sql(dialect=dialect, pretty=True) + ";" for statement in statements]
    if ctx.json:
        return ctx.respond({"dialect": dialect, "statements": texts})
    ctx.echo("\n\n".join(texts))
    return EXIT_OK


def _maybe_view(select: Any, view: str | None) -> Any:
    from sqlglot import exp

    if view is None:
        return select
    return exp.Create(this=exp.Table(this=exp.to_identifier(view, quoted=True)), kind="VIEW",
                      expression=select)
