"""A formula built by a library caller 500, 5000 and 50000 levels deep (issue 12, class 13).

Every public function that takes a :class:`Formula` (or a bare node) either works or refuses
the tree with the package's own error, located (the depth, the limit, the level and the node
where the limit is crossed) and translated: never ``RecursionError``.  One mechanism does it
(:func:`indikator.formula.depth.check_depth`, the evaluator's former guard); a tree at the
limit still works everywhere, so the limit does not refuse what the parser produces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import indikator
from indikator.contract.mathml import to_mathml
from indikator.contract.shapes import formula_result
from indikator.core.errors import EvaluationError, FormulaDepthError, IndikatorError
from indikator.formula import analysis, depth, printer
from indikator.formula.model import Formula
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable
from indikator.sql import compile_formula, to_sql


def _deep(levels: int) -> Formula:
    """A tree *levels* operators deep cycling through every kind of inner node (left-deep
    sums and quotients, a unary minus, a function), over a ratio at the bottom."""
    expr: Node = BinOp("/", Variable("Jumlah A"), Variable("Jumlah B"))
    for level in range(levels):
        step = level % 4
        if step == 0:
            expr = BinOp("+", expr, Number(1.0))
        elif step == 1:
            expr = BinOp("/", expr, Variable("C"))
        elif step == 2:
            expr = Neg(expr)
        else:
            expr = Call("abs", (expr,))
    return Formula(BinOp("*", expr, Number(100.0, percent=True)), name="Persentase A")


#: name → a call of the public function on a formula.
CALLS: dict[str, Callable[[Formula], Any]] = {
    "Formula.to_text": lambda f: f.to_text(),
    "Formula.to_latex": lambda f: f.to_latex(),
    "Formula.kind": lambda f: f.kind,
    "Formula.ratio": lambda f: f.ratio,
    "Formula.evaluate": lambda f: f.evaluate({"Jumlah A": 1, "Jumlah B": 2, "C": 3}),
    "hash": hash,
    "==": lambda f: f == Formula(f.expr, name=f.name),
    "printer.to_text(node)": lambda f: printer.to_text(f.expr),
    "printer.to_latex(node)": lambda f: printer.to_latex(f.expr),
    "analysis.kind_of": lambda f: analysis.kind_of(f.expr),
    "analysis.ratio_of": lambda f: analysis.ratio_of(f.expr),
    "analysis.growth_of": lambda f: analysis.growth_of(f.expr),
    "analysis.split_factor": lambda f: analysis.split_factor(f.expr),
    "analysis.fold_constants": lambda f: analysis.fold_constants(f.expr),
    "analysis.constant_value": lambda f: analysis.constant_value(f.expr),
    "analysis.factors": lambda f: analysis.factors(f.expr),
    "analysis.terms": lambda f: analysis.terms(f.expr),
    "analysis.percent": lambda f: analysis.percent(f.expr),
    "indikator.evaluate": lambda f: indikator.evaluate(f, {"Jumlah A": 1, "Jumlah B": 2,
                                                            "C": 3}),
    "indikator.evaluate_detailed": lambda f: indikator.evaluate_detailed(
        f, {"Jumlah A": [1, None], "Jumlah B": 2, "C": 3}),
    "indikator.lint": lambda f: indikator.lint(f, name="Persentase A", unit="Persen"),
    "indikator.check_data": lambda f: indikator.check_data(
        f, {"Jumlah A": [1.0, 2.0], "Jumlah B": [2.0, 4.0], "C": [1.0, 1.0]}),
    "indikator.verify": lambda f: indikator.verify(f, max_examples=3),
    "contract.to_mathml": to_mathml,
    "contract.formula_result": formula_result,
    "sql.compile_formula": lambda f: to_sql(compile_formula(f).value, "postgres", pretty=True),
}

DEEP = {levels: _deep(levels) for levels in (500, 5_000, 50_000)}


@pytest.mark.parametrize("levels", sorted(DEEP))
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_deep_hand_built_formula_is_refused_with_a_located_message(call: str,
                                                                     levels: int) -> None:
    with pytest.raises(IndikatorError) as info:
        CALLS[call](DEEP[levels])
    error = info.value
    assert isinstance(error, FormulaDepthError | EvaluationError)
    assert error.key == "formula.too_deep"
    english, bahasa = error.message("en"), error.message("id")
    assert f"({levels + 3} levels; at most " in english  # the real depth, then the limit
    assert "the limit is crossed at level" in english
    assert any(f"at {node}" in english for node in ("operator", "a unary minus", "function abs"))
    assert f"{levels + 3} tingkat" in bahasa and "batas terlewati di tingkat" in bahasa


def test_repr_of_a_deep_formula_does_not_recurse() -> None:
    assert "50003 levels deep" in repr(DEEP[50_000])


def test_the_evaluator_still_raises_its_own_error_class() -> None:
    with pytest.raises(EvaluationError):
        indikator.evaluate(DEEP[500], {"Jumlah A": 1, "Jumlah B": 2, "C": 3})


SHALLOW = _deep(depth.MAX_DEPTH - 3)  # exactly at the limit (the ratio and × add 3 levels)


@pytest.mark.parametrize("call", sorted(set(CALLS) - {"sql.compile_formula"}))
def test_a_formula_at_the_limit_still_works(call: str) -> None:
    assert depth.depth_of(SHALLOW.expr) == (depth.MAX_DEPTH, None)
    CALLS[call](SHALLOW)


def test_sql_has_its_own_lower_limit_and_works_below_it() -> None:
    from indikator.sql.formula import SQL_MAX_DEPTH

    at_limit = _deep(SQL_MAX_DEPTH - 3)
    for dialect in ("duckdb", "postgres", "mysql", "spark"):
        compiled = compile_formula(at_limit, dialect)
        assert to_sql(compiled.value, dialect, pretty=True)
        assert to_sql(compiled.reason, dialect, pretty=True)
    with pytest.raises(FormulaDepthError) as info:
        compile_formula(_deep(SQL_MAX_DEPTH - 2))
    assert "compiled to SQL" in info.value.message("en")


@pytest.mark.parametrize("make", [
    lambda inner: Call("sqrt", (inner,)),
    lambda inner: Call("min", (inner, Variable("B"))),
    lambda inner: BinOp("^", inner, Number(2.0)),
    lambda inner: BinOp("^", Number(2.0), inner),
], ids=["sqrt", "min", "power-base", "power-exponent"])
def test_sql_refuses_operand_repetition_that_grows_exponentially(make: Callable[[Node], Node]
                                                                 ) -> None:
    """SQL has no local names: each guarded power/root/min repeats its operands, so twelve
    nested ones were megabytes of SQL and minutes of work before the size estimate."""
    from indikator.sql.build import SqlError

    expr: Node = Variable("A")
    for _ in range(12):
        expr = make(expr)
    with pytest.raises(SqlError) as info:
        compile_formula(Formula(expr))
    assert "too large" in info.value.message("en")
    assert "numpy" in info.value.message("en")
    compiled = compile_formula(Formula(make(make(Variable("A")))), "duckdb")
    assert to_sql(compiled.value, "duckdb")
