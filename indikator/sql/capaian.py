"""Compile a capaian method to SQL: value, reason, metode and whether the target is met.

:func:`compile_capaian` returns a :class:`CompiledCapaian` for one target kind, with the rules
of :mod:`indikator.capaian.methods` (PermenPANRB 8/2021):

* ``number``: higher is better ``R / T × 100``; lower is better ``(2T − R) / T × 100``
  (``method="inverse"``: ``T / R × 100`` for lower-is-better rows);
* ``range`` [low, high]: above the range the upper bound is the target, below it the lower
  bound, inside it 100 (``metode = "range-inside"``, an interpretation);
* ``comparison`` (``R op B``): met / not met only, the value is always missing with reason
  ``comparison-target``.

The value is ``NULL`` exactly where numpy gives NaN, and ``reason`` names the first rule that
applies, in the order of :data:`indikator.capaian.methods.REASONS`: actual-missing,
target-missing, range-invalid, direction-unknown, op-unknown, target-negative, target-zero,
actual-negative (unless *allow_negative*), actual-zero (inverse method).  The arithmetic is the
same IEEE operations in the same order as numpy, so engines agree to the last bit.

*direction* is ``"higher"``/``"lower"`` (or a word
:func:`indikator.capaian.methods.direction_word`
knows) for all rows, or an SQL boolean expression that is true for lower-is-better rows and
``NULL`` where the direction is unknown.  Not handled here: categorical targets (ordinal
scales), caps and floors, infinities (see :mod:`indikator.sql.formula`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlglot import exp

from indikator.capaian.codes import is_inverse_method
from indikator.capaian.direction import direction_word
from indikator.core.errors import AchievementError
from indikator.sql.build import (
    SqlError,
    and_,
    case,
    col,
    dialect_name,
    is_null,
    num,
    or_,
    paren,
    read_double,
    string,
)

__all__ = ["KINDS", "CompiledCapaian", "compile_capaian"]

KINDS = ("number", "range", "comparison")
_OPS = {"<": exp.LT, "<=": exp.LTE, ">": exp.GT, ">=": exp.GTE, "=": exp.EQ,
        "≤": exp.LTE, "=<": exp.LTE, "≥": exp.GTE, "=>": exp.GTE, "==": exp.EQ}


@dataclass(frozen=True)
class CompiledCapaian:
    """Expressions of one capaian method: ``value`` (double), ``reason`` and ``metode``
    (strings), ``met`` (boolean, ``NULL`` where it cannot be told)."""

    value: exp.Expr
    reason: exp.Expr
    metode: exp.Expr
    met: exp.Expr
    dialect: str

    def columns(self, prefix: str = "") -> list[exp.Expr]:
        """The four expressions aliased ``capaian``, ``alasan``, ``metode``, ``tercapai``."""
        return [
            exp.alias_(self.value.copy(), f"{prefix}capaian", quoted=True),
            exp.alias_(self.reason.copy(), f"{prefix}alasan", quoted=True),
            exp.alias_(self.metode.copy(), f"{prefix}metode", quoted=True),
            exp.alias_(self.met.copy(), f"{prefix}tercapai", quoted=True),
        ]


def _operand(value: Any, dialect: str) -> exp.Expr:
    """A column name, a number or an expression, as a double (NaN → NULL)."""
    if isinstance(value, exp.Expr):
        return value
    if isinstance(value, bool):
        raise SqlError("sql.bad_operand", value=repr(value))
    if isinstance(value, int | float):
        return num(float(value))
    if isinstance(value, str):
        return read_double(col(value), dialect)
    raise SqlError("sql.bad_operand", value=repr(value))


def _lower(direction: Any) -> exp.Expr:
    """The lower-is-better condition: a literal TRUE/FALSE or the given expression."""
    if isinstance(direction, exp.Expr):
        return direction
    word = direction_word(direction)
    if word is None:
        raise AchievementError("achievement.unknown_direction", direction=str(direction))
    return exp.true() if word else exp.false()


def _cmp(kind: type[exp.Expr], left: exp.Expr, right: exp.Expr) -> exp.Expr:
    return kind(this=left.copy(), expression=right.copy())


def _numeric(r: exp.Expr, t: exp.Expr, lower: exp.Expr, inverse: bool,
             allow_negative: bool, unknown: exp.Expr
             ) -> tuple[exp.Expr, exp.Expr, exp.Expr, exp.Expr]:
    """value, reason, metode, met of R against T (the reasons of ``_numeric_reasons``)."""
    zero = num(0.0)
    hundred = num(100.0)
    ratio = exp.Mul(this=paren(exp.Div(this=paren(r), expression=paren(t))),
                    expression=hundred)
    if inverse:
        lower_value: exp.Expr = exp.Mul(
            this=paren(exp.Div(this=paren(t), expression=paren(r))), expression=hundred.copy())
    else:
        lower_value = exp.Sub(this=num(200.0), expression=paren(ratio))
    reasons: list[tuple[exp.Expr, exp.Expr]] = [
        (is_null(r), string("actual-missing")),
        (is_null(t), string("target-missing")),
        (unknown, string("direction-unknown")),
        (_cmp(exp.LT, t, zero), string("target-negative")),
        (_cmp(exp.EQ, t, zero), string("target-zero")),
    ]
    if not allow_negative:
        reasons.append((_cmp(exp.LT, r, zero), string("actual-negative")))
    if inverse:
        reasons.append((and_(lower, _cmp(exp.EQ, r, zero)), string("actual-zero")))
    reason = case(*reasons)
    value = case((exp.Not(this=is_null(reason)), exp.Null()), (lower, lower_value),
                 default=ratio)
    metode = case((lower, string("lower-inverse" if inverse else "lower")),
                  default=string("higher"))
    met = case((or_(is_null(r), is_null(t), unknown), exp.Null()),
               (lower, _cmp(exp.LTE, r, t)), default=_cmp(exp.GTE, r, t))
    return value, reason, metode, met


def compile_capaian(
    kind: str = "number",
    *,
    actual: Any = "realisasi",
    target: Any = "target",
    low: Any = "low",
    high: Any = "high",
    op: str = ">=",
    direction: Any = "higher",
    method: str | None = None,
    allow_negative: bool = False,
    dialect: str = "duckdb",
) -> CompiledCapaian:
    """Capaian of *actual* against a target of *kind* as SQL expressions for *dialect*.

    Operands (*actual*, *target*, *low*, *high*) are column names, numbers or sqlglot
    expressions; *op* is one of ``< <= > >= =`` (also ``≤ ≥``) for a comparison target.
    """
    name = dialect_name(dialect)
    inverse = is_inverse_method(method)
    lower_given = _lower(direction)
    unknown = is_null(lower_given) if isinstance(direction, exp.Expr) else exp.false()
    lower = exp.func("COALESCE", lower_given.copy(), exp.false()) if isinstance(
        direction, exp.Expr) else lower_given
    r = _operand(actual, name)
    if kind == "number":
        value, reason, metode, met = _numeric(r, _operand(target, name), lower, inverse,
                                              allow_negative, unknown)
        return CompiledCapaian(value, reason, metode, met, name)
    if kind == "range":
        return _range(r, _operand(low, name), _operand(high, name), lower, inverse,
                      allow_negative, unknown, name)
    if kind == "comparison":
        return _comparison(r, _operand(target, name), op, name)
    raise SqlError("sql.unknown_kind", kind=kind, known=", ".join(KINDS))


def _range(r: exp.Expr, lo: exp.Expr, hi: exp.Expr, lower: exp.Expr,
           inverse: bool, allow_negative: bool, unknown: exp.Expr, dialect: str
           ) -> CompiledCapaian:
    above = _cmp(exp.GT, r, hi)
    inside = and_(_cmp(exp.GTE, r, lo), _cmp(exp.LTE, r, hi))
    bound = case((above, hi), default=lo)
    value, reason, metode, _ = _numeric(r, bound, lower, inverse, allow_negative, unknown)
    first = case(
        (is_null(r), string("actual-missing")),
        (or_(is_null(lo), is_null(hi)), string("target-missing")),
        (_cmp(exp.GT, lo, hi), string("range-invalid")),
        (unknown, string("direction-unknown")),
    )
    # inside the range (never above it, never with a first reason): 100
    inside_ok = and_(inside, is_null(first))
    full_reason = case((exp.Not(this=is_null(first)), first), (inside_ok, exp.Null()),
                       default=reason)
    full_value = case((exp.Not(this=is_null(full_reason)), exp.Null()),
                      (inside_ok, num(100.0)), default=value)
    side = case((above, string("range-upper:")), default=string("range-lower:"))
    full_metode = case((inside, string("range-inside")),
                       default=exp.DPipe(this=side, expression=metode, safe=True))
    met = case((or_(is_null(r), is_null(lo), is_null(hi), unknown), exp.Null()),
               (_cmp(exp.GT, lo, hi), exp.false()),
               (lower, _cmp(exp.LTE, r, hi)), default=_cmp(exp.GTE, r, lo))
    return CompiledCapaian(full_value, full_reason, full_metode, met, dialect)


def _comparison(r: exp.Expr, bound: exp.Expr, op: str, dialect: str
                ) -> CompiledCapaian:
    kind = _OPS.get(op.strip())
    if kind is None:
        raise AchievementError("achievement.unknown_op", op=op)
    reason = case((is_null(r), string("actual-missing")),
                  (is_null(bound), string("target-missing")),
                  default=string("comparison-target"))
    met = case((or_(is_null(r), is_null(bound)), exp.Null()), default=_cmp(kind, r, bound))
    value = exp.Cast(this=exp.Null(), to=exp.DataType.build("double"))
    return CompiledCapaian(value, reason, string("comparison"), met, dialect)
