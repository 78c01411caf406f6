"""Compile a rating scale to SQL: the band code, label and rank of a value, or why it has none.

:func:`compile_scale` turns an interval :class:`~indikator.scales.scale.Scale` into ``CASE``
expressions over the same half-open segments :func:`indikator.scales.scale.rate` searches
(gaps handled by the scale's ``gaps`` policy already live in the segments), after the scale's
``rounding`` done op for op as numpy does (:func:`indikator.sql.build.round_half_up`), so a
value on a band edge gets the same band in every engine.  ``reason`` is ``NULL`` for a rated
value, else ``missing``, ``outside-domain`` or ``between-bands``.

Ordinal scales (BPK opinions) rate no numbers and are refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from indikator.scales.loading import load_scale
from indikator.scales.scale import Scale
from indikator.sql.build import (
    SqlError,
    case,
    col,
    dialect_name,
    is_null,
    num,
    read_double,
    round_half_up,
    string,
)

__all__ = ["CompiledScale", "compile_scale", "scale_input"]

_REASONS = (None, "outside-domain", "between-bands", "missing")
_DBL_MAX = 1.7976931348623157e308


@dataclass(frozen=True)
class CompiledScale:
    """``code``, ``label`` (strings, ``NULL`` when not rated), ``rank`` (integer) and
    ``reason`` expressions of one scale."""

    code: exp.Expr
    label: exp.Expr
    rank: exp.Expr
    reason: exp.Expr
    scale: str
    dialect: str

    def columns(self, prefix: str = "kategori") -> list[exp.Expr]:
        """The expressions aliased ``kategori``, ``kategori_label``, ``kategori_peringkat``,
        ``kategori_alasan`` (or with another *prefix*)."""
        return [
            exp.alias_(self.code.copy(), prefix, quoted=True),
            exp.alias_(self.label.copy(), f"{prefix}_label", quoted=True),
            exp.alias_(self.rank.copy(), f"{prefix}_peringkat", quoted=True),
            exp.alias_(self.reason.copy(), f"{prefix}_alasan", quoted=True),
        ]


def _segments(scale: Scale) -> list[tuple[str, exp.Expr | None, int, int]]:
    """Per segment: ("when", edge, band, reason) for "value < edge", ("upto", DBL_MAX, …) for
    "value < inf", ("skip", …) for a segment that ends at -inf (no value falls in it), and
    ("else", None, …) for the last one."""
    rows = scale._segment_rows  # plain tuples: no numpy
    edges = [float(s[0]) for s in rows[1:]]
    bands = [int(s[1]) for s in rows]
    reasons = [int(s[2]) for s in rows]
    out: list[tuple[str, exp.Expr | None, int, int]] = []
    for i, (band, reason) in enumerate(zip(bands, reasons, strict=True)):
        if i == len(edges):
            out.append(("else", None, band, reason))
        elif edges[i] == -math.inf:
            out.append(("skip", None, band, reason))
        elif edges[i] == math.inf:  # value < inf  ⇔  value <= DBL_MAX (finite values)
            out.append(("upto", num(_DBL_MAX), band, reason))
        else:
            out.append(("when", num(edges[i]), band, reason))
    return out


def _interval_scale(scale: Scale | str) -> Scale:
    chosen = scale if isinstance(scale, Scale) else load_scale(scale)
    if chosen.kind != "interval":
        raise SqlError("sql.ordinal_scale", scale=chosen.name)
    return chosen


def scale_input(scale: Scale | str, value: Any = "capaian",
                dialect: str = "duckdb") -> exp.Expr:
    """*value* as the scale compares it: rounded by the scale's ``rounding`` rule, if any."""
    chosen = _interval_scale(scale)
    name = dialect_name(dialect)
    v = value if isinstance(value, exp.Expr) else read_double(col(str(value)), name)
    return round_half_up(v, chosen.rounding, name) if chosen.rounding is not None else v


def compile_scale(scale: Scale | str, value: Any = "capaian", dialect: str = "duckdb",
                  *, rounded: bool = False) -> CompiledScale:
    """The rating of *value* (a column name or sqlglot expression) on *scale* (a
    :class:`Scale` or a name :func:`load_scale` knows) as SQL for *dialect*.

    *rounded*: *value* is already :func:`scale_input` (computed once in an inner query, which
    keeps the SQL short: the rounding expression is long and each band repeats the value)."""
    name = dialect_name(dialect)
    chosen = _interval_scale(scale)
    if rounded:
        v = value if isinstance(value, exp.Expr) else col(str(value))
    else:
        v = scale_input(chosen, value, name)
    codes = [string(b.code) for b in chosen.bands]
    labels = [string(b.label) for b in chosen.bands]
    ranks = [exp.Literal.number(chosen._ranks[b.code]) for b in chosen.bands]
    whens: dict[str, list[tuple[exp.Expr, exp.Expr]]] = {
        "code": [], "label": [], "rank": [], "reason": []}
    defaults: dict[str, exp.Expr | None] = {}
    missing = is_null(v)
    for key in whens:
        whens[key].append((missing, string("missing") if key == "reason" else exp.Null()))
    for kind, bound, band, reason in _segments(chosen):
        outputs = {
            "code": codes[band] if band >= 0 else exp.Null(),
            "label": labels[band] if band >= 0 else exp.Null(),
            "rank": ranks[band] if band >= 0 else exp.Null(),
            "reason": string(str(_REASONS[reason])) if band < 0 and reason else exp.Null(),
        }
        if kind == "skip":
            continue
        if kind == "else" or bound is None:
            defaults.update(outputs)
            break
        compare = exp.LTE if kind == "upto" else exp.LT
        condition = compare(this=v.copy(), expression=bound)
        for key, out in outputs.items():
            whens[key].append((condition, out))
    built = {key: case(*whens[key], default=defaults.get(key)) for key in whens}
    return CompiledScale(built["code"], built["label"], built["rank"], built["reason"],
                         chosen.name, name)
