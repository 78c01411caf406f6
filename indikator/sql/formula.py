"""Compile a formula to two SQL expressions: its value, and why the value is missing.

:func:`compile_formula` walks the AST of a :class:`~indikator.formula.model.Formula` (or a
bare node) and returns a :class:`CompiledFormula`: ``value`` (a double, ``NULL`` where the
numpy evaluator gives NaN) and ``reason`` (``NULL`` or a code of
:data:`indikator.formula.evaluator.REASONS`, the first cause in evaluation order), the same
rules as :func:`indikator.formula.evaluator.evaluate_detailed`:

* a missing input → ``missing-value``; ``x / 0`` and ``0 ^ negative`` → ``division-by-zero``;
  ``sqrt`` of a negative number → ``negative-sqrt``; a negative base to a fractional power →
  ``invalid-operation``;
* ``NaN ^ 0 = 1 ^ NaN = 1`` as in numpy; ``min``/``max`` propagate missing values;
  ``sum``/``mean`` of several arguments work row by row.

Every division, root and power is guarded, so no engine raises on bad rows (PostgreSQL
would).  Variables are read from quoted columns named as the variable is written, or as
*columns* maps them (variable key or name → column).  Not handled: infinities and overflow
(MySQL has no infinity, PostgreSQL raises on overflow), which the numpy evaluator passes on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlglot import exp

from indikator.formula.depth import check_depth
from indikator.formula.model import Formula
from indikator.formula.names import name_key
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable
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

__all__ = ["CompiledFormula", "compile_formula"]


@dataclass(frozen=True)
class CompiledFormula:
    """The value and reason expressions of a formula, and the columns it reads."""

    value: exp.Expr
    reason: exp.Expr
    columns: tuple[str, ...]
    dialect: str

    def select(self, table: str, value: str = "nilai", reason: str = "alasan") -> exp.Select:
        """``SELECT *, <value> AS value, <reason> AS reason FROM table``."""
        return (
            exp.select(exp.Star(), exp.alias_(self.value.copy(), value, quoted=True),
                       exp.alias_(self.reason.copy(), reason, quoted=True))
            .from_(exp.to_table(table, quoted=True))
        )


_Pair = tuple[exp.Expr, exp.Expr | None]  # value, reason (None: never missing)


class _Compiler:
    def __init__(self, dialect: str, columns: Mapping[str, str], definitions: Mapping[str, str],
                 table: str | None) -> None:
        self.dialect = dialect
        self.columns = {name_key(k): v for k, v in columns.items()}
        self.definitions = {name_key(k): v for k, v in definitions.items()}
        self.table = table
        self.used: dict[str, str] = {}
        self.first: dict[str, str] = {}

    def column(self, node: Variable) -> str:
        for key in (node.key, name_key(self.definitions.get(node.key, node.key))):
            if key in self.columns:
                return self.columns[key]
        return self.first.setdefault(node.key, node.name)

    def run(self, node: Node) -> _Pair:
        if isinstance(node, Number):
            return num(node.value), None
        if isinstance(node, Variable):
            name = self.column(node)
            self.used.setdefault(name, name)
            value = read_double(col(name, self.table), self.dialect)
            return value, case((is_null(value), string("missing-value")))
        if isinstance(node, Neg):
            value, reason = self.run(node.operand)
            return exp.Neg(this=paren(value)), reason
        if isinstance(node, BinOp):
            return self.binop(node)
        if isinstance(node, Call):
            return self.call(node)
        raise SqlError("sql.unsupported_node", node=type(node).__name__)

    def binop(self, node: BinOp) -> _Pair:
        (lv, lr), (rv, rr) = self.run(node.left), self.run(node.right)
        if node.op in ("+", "-", "*"):
            kind = {"+": exp.Add, "-": exp.Sub, "*": exp.Mul}[node.op]
            return kind(this=paren(lv), expression=paren(rv)), _first(lr, rr)
        zero = num(0.0)
        if node.op == "/":
            value: exp.Expr = exp.Div(this=paren(lv),
                                      expression=exp.Nullif(this=rv.copy(), expression=zero))
            own = case((exp.EQ(this=rv.copy(), expression=zero.copy()),
                        string("division-by-zero")))
            return value, _first(lr, rr, own)
        # power: numpy semantics, guarded against the engines' errors
        one = num(1.0)
        by_zero = and_(exp.EQ(this=lv.copy(), expression=zero.copy()),
                       exp.LT(this=rv.copy(), expression=zero.copy()))
        complex_ = and_(exp.LT(this=lv.copy(), expression=zero.copy()),
                        exp.NEQ(this=rv.copy(), expression=exp.Floor(this=rv.copy())))
        trivial = or_(exp.EQ(this=rv.copy(), expression=zero.copy()),
                      exp.EQ(this=lv.copy(), expression=one.copy()))
        power: exp.Expr = case((trivial, one), (by_zero, exp.Null()), (complex_, exp.Null()),
                     default=exp.Pow(this=lv.copy(), expression=rv.copy()))
        own = case((by_zero, string("division-by-zero")),
                   (complex_, string("invalid-operation")))
        reason = case((trivial, exp.Null()), default=_first(lr, rr, own))
        return power, reason

    def call(self, node: Call) -> _Pair:
        pairs = [self.run(arg) for arg in node.args]
        if not pairs:
            raise SqlError("sql.bad_arity", name=node.func)
        values = [v for v, _ in pairs]
        reason = _first(*(r for _, r in pairs))
        func = node.func
        if func in ("abs", "sqrt") and len(pairs) != 1:
            raise SqlError("sql.bad_arity", name=func)
        if func == "abs":
            return exp.Abs(this=values[0].copy()), reason
        if func == "sqrt":
            negative = exp.LT(this=values[0].copy(), expression=num(0.0))
            root: exp.Expr = exp.Sqrt(this=case((negative, exp.Null()), default=values[0]))
            return root, _first(reason, case((negative, string("negative-sqrt"))))
        if len(values) == 1 and func in ("sum", "mean", "min", "max"):
            return values[0], reason
        if func in ("sum", "mean"):
            total: exp.Expr = paren(values[0])
            for value in values[1:]:
                total = exp.Add(this=total, expression=paren(value))
            if func == "mean":
                total = exp.Div(this=paren(total), expression=num(float(len(values))))
            return total, reason
        if func in ("min", "max"):
            kind = exp.Least if func == "min" else exp.Greatest
            any_null = or_(*(is_null(v) for v in values))
            extreme = case((any_null, exp.Null()),
                           default=kind(this=values[0].copy(),
                                        expressions=[v.copy() for v in values[1:]]))
            return extreme, reason
        raise SqlError("sql.unknown_function", name=func)


def _first(*reasons: exp.Expr | None) -> exp.Expr | None:
    present = [r.copy() for r in reasons if r is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return exp.Coalesce(this=present[0], expressions=present[1:])


SQL_MAX_DEPTH = 60
"""Deepest formula compiled: sqlglot builds and prints expressions recursively, with several
SQL nodes per formula node (a guarded division is a ``NULLIF`` inside a division inside a
bracket), so 100 nested divisions already exhaust Python's stack in sqlglot."""

SQL_MAX_SIZE = 3_000
"""Most SQL expression nodes a formula may compile to (estimated before compiling).  SQL has
no local names: a guarded power repeats its base and exponent four or five times, ``sqrt``,
``min`` and ``max`` their arguments twice, so nesting them grows the SQL exponentially (ten
nested square roots are over 200 kB of SQL and take seconds).  3000 is about 50 kB of SQL
printed in a few tenths of a second; a real formula with a power is near 100."""


def _estimated_size(node: Node) -> int:
    """About how many sqlglot nodes the value and the reason of *node* take together."""
    value, reason = _sizes(node)
    return value + reason


def _sizes(node: Node) -> tuple[int, int]:
    if isinstance(node, Number):
        return 1, 0
    if isinstance(node, Variable):
        return 4, 7
    if isinstance(node, Neg):
        value, reason = _sizes(node.operand)
        return value + 2, reason
    if isinstance(node, BinOp):
        (lv, lr), (rv, rr) = _sizes(node.left), _sizes(node.right)
        if node.op in "+-*":
            return lv + rv + 3, lr + rr + 1
        if node.op == "/":
            return lv + rv + 4, lr + rr + rv + 5
        return 4 * lv + 5 * rv + 20, 3 * lv + 4 * rv + lr + rr + 20
    if isinstance(node, Call):
        pairs = [_sizes(arg) for arg in node.args]
        values = sum(v for v, _ in pairs)
        reasons = sum(r for _, r in pairs) + len(pairs)
        if node.func == "sqrt":
            return 2 * values + 5, reasons + values + 5
        if node.func in ("min", "max"):
            return 2 * values + 3 * len(pairs), reasons
        return values + 2 * len(pairs), reasons
    return 1, 0


def compile_formula(
    formula: Formula | Node,
    dialect: str = "duckdb",
    *,
    columns: Mapping[str, str] | None = None,
    table: str | None = None,
) -> CompiledFormula:
    """The value and reason of *formula* as sqlglot expressions for *dialect*.

    *columns* maps a variable (its name, symbol or defined phrase, compared normalised) to the
    column holding it; by default the column is named as the variable is written.  *table*
    qualifies the columns.

    >>> from indikator import parse
    >>> compiled = compile_formula(parse("A / B × 100"), "postgres")
    >>> compiled.columns
    ('A', 'B')
    """
    name = dialect_name(dialect)
    expr = formula.expr if isinstance(formula, Formula) else formula
    check_depth(expr, "sql", limit=SQL_MAX_DEPTH)
    if _estimated_size(expr) > SQL_MAX_SIZE:
        raise SqlError("sql.too_large", limit=SQL_MAX_SIZE)
    definitions = dict(formula.definitions) if isinstance(formula, Formula) else {}
    compiler = _Compiler(name, columns or {}, definitions, table)
    value, reason = compiler.run(expr)
    if reason is None:
        reason = exp.Cast(this=exp.Null(), to=exp.DataType.build("varchar"))
    return CompiledFormula(value, reason, tuple(compiler.used), name)
