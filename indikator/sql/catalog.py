"""SQL for a whole indicator catalogue: one query over a realisation table.

:func:`catalog_query` builds, for a :class:`~indikator.catalog.loader.Catalog`, a ``SELECT`` (or
``CREATE VIEW``) over a table with the columns ``indikator``, ``tahun``, ``target`` and
``realisasi`` (numbers): each row is matched to its indicator by code or name (a small
``katalog`` table built from the catalogue with escaped literals), gets the indicator's
``arah`` and scale, its capaian, reason, method and met/not met
(:mod:`indikator.sql.capaian`), and its category on the indicator's scale
(:mod:`indikator.sql.scale`: a scale of capaian rates the capaian, a scale of values rates the
realisation).  Rows of unknown indicators get the default scale and ``naik``.

:func:`formula_queries` gives one ``SELECT`` per indicator whose formula has variables, over a
table whose columns are named as the variables.

Numeric targets only; categorical targets and the audit of printed capaian stay with
:func:`indikator.compute.pipeline.compute`.  Nested queries keep each long expression (the
scales' rounding) computed once.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from indikator.catalog.loader import Catalog
from indikator.scales.loading import load_scale
from indikator.scales.scale import Scale
from indikator.sql.build import case, col, dialect_name, read_double, string
from indikator.sql.capaian import compile_capaian
from indikator.sql.formula import compile_formula
from indikator.sql.scale import compile_scale, scale_input

__all__ = ["catalog_query", "formula_queries"]

_KATALOG = "katalog"

def _katalog(catalog: Catalog, default_scale: str) -> exp.Expr:
    """``SELECT 'code' AS kode, 'name' AS nama, 'naik' AS arah, 'akip' AS skala UNION ALL …``
    (portable to every dialect, unlike ``VALUES`` with column aliases)."""
    selects: list[exp.Select] = []
    for indicator in catalog.values():
        selects.append(exp.select(
            exp.alias_(string(indicator.code), "kode", quoted=True),
            exp.alias_(string(indicator.name.casefold()), "nama", quoted=True),
            exp.alias_(string(indicator.arah), "arah", quoted=True),
            exp.alias_(string(indicator.scale or default_scale), "skala", quoted=True),
        ))
    if not selects:
        selects.append(exp.select(*(exp.alias_(exp.Null(), name, quoted=True)
                                    for name in ("kode", "nama", "arah", "skala"))))
    union: exp.Expr = selects[0]
    for select in selects[1:]:
        union = exp.union(union, select, distinct=False)
    return union

def _scales(catalog: Catalog, default_scale: str) -> list[Scale]:
    names = sorted({i.scale or default_scale for i in catalog.values()} | {default_scale})
    found = [load_scale(name) for name in names]
    return [s for s in found if s.kind == "interval"]

def catalog_query(
    catalog: Catalog,
    dialect: str = "duckdb",
    *,
    source: str = "realisasi",
    default_scale: str = "capaian",
    view: str | None = None,
) -> exp.Expr:
    """The capaian and category of every row of table *source* for *catalog* (module doc).

    With *view*, a ``CREATE VIEW view AS …``; otherwise the ``SELECT``.
    """
    name = dialect_name(dialect)
    r = exp.to_identifier("r", quoted=True)
    k = exp.to_identifier("k", quoted=True)
    match = exp.or_(
        exp.EQ(this=col("indikator", "r"), expression=col("kode", "k")),
        exp.EQ(this=exp.Lower(this=col("indikator", "r")), expression=col("nama", "k")),
    )
    lower = case((exp.EQ(this=exp.func("COALESCE", col("arah", "k"), string("naik")),
                         expression=string("turun")), exp.true()), default=exp.false())
    base = (
        exp.select(
            col("indikator", "r"), col("tahun", "r"),
            exp.alias_(read_double(col("target", "r"), name), "target", quoted=True),
            exp.alias_(read_double(col("realisasi", "r"), name), "realisasi", quoted=True),
            exp.alias_(col("kode", "k"), "kode", quoted=True),
            exp.alias_(exp.func("COALESCE", col("arah", "k"), string("naik")), "arah",
                       quoted=True),
            exp.alias_(exp.func("COALESCE", col("skala", "k"), string(default_scale)), "skala",
                       quoted=True),
            exp.alias_(lower, "turun", quoted=True),
        )
        .from_(exp.Table(this=exp.to_identifier(source, quoted=True), alias=exp.TableAlias(this=r)))
        .join(exp.Subquery(this=_katalog(catalog, default_scale), alias=exp.TableAlias(this=k)),
              on=match, join_type="left")
    )
    capaian = compile_capaian("number", actual=col("realisasi"), target=col("target"),
                              direction=col("turun"), dialect=name)
    computed = exp.select(exp.Star(), *capaian.columns()).from_(
        exp.Subquery(this=base, alias=exp.TableAlias(this=exp.to_identifier("b", quoted=True))))
    scales = _scales(catalog, default_scale)

    def rated_value(scale: Scale) -> exp.Expr:
        return col("capaian") if scale.rates == "capaian" else col("realisasi")

    rounded = case(*[(exp.EQ(this=col("skala"), expression=string(s.name)),
                      scale_input(s, rated_value(s), name)) for s in scales])
    layered = exp.select(exp.Star(), exp.alias_(rounded, "nilai_skala", quoted=True)).from_(
        exp.Subquery(this=computed,
                     alias=exp.TableAlias(this=exp.to_identifier("c", quoted=True))))
    parts = {s.name: compile_scale(s, col("nilai_skala"), name, rounded=True) for s in scales}

    def per_scale(field: str) -> exp.Expr:
        return case(*[(exp.EQ(this=col("skala"), expression=string(scale_name)),
                       getattr(compiled, field)) for scale_name, compiled in parts.items()])

    final = exp.select(
        *(col(c) for c in ("indikator", "tahun", "kode", "arah", "target", "realisasi",
                           "capaian", "alasan", "metode", "tercapai", "skala")),
        exp.alias_(per_scale("code"), "kategori", quoted=True),
        exp.alias_(per_scale("label"), "kategori_label", quoted=True),
        exp.alias_(per_scale("reason"), "kategori_alasan", quoted=True),
    ).from_(exp.Subquery(this=layered,
                         alias=exp.TableAlias(this=exp.to_identifier("s", quoted=True))))
    if view is None:
        return final
    return exp.Create(this=exp.Table(this=exp.to_identifier(view, quoted=True)), kind="VIEW",
                      expression=final)

def formula_queries(
    catalog: Catalog, dialect: str = "duckdb", *, source: str = "variabel"
) -> Sequence[tuple[str, exp.Expr]]:
    """(indicator code, ``SELECT indikator value and reason FROM source``) for every indicator
    whose formula reads variables (a single-name formula is its own value)."""
    name = dialect_name(dialect)
    out: list[tuple[str, exp.Expr]] = []
    for indicator in catalog.values():
        formula = indicator.parsed
        if formula.kind in ("single", "constant"):
            continue
        compiled = compile_formula(formula, name)
        out.append((indicator.code, exp.select(
            exp.alias_(string(indicator.code), "kode", quoted=True),
            exp.alias_(compiled.value, "nilai", quoted=True),
            exp.alias_(compiled.reason, "alasan", quoted=True),
        ).from_(exp.Table(this=exp.to_identifier(source, quoted=True)))))
    return out

