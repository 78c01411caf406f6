"""The plan of a property test: which quantities a formula has, which side is achieved and which
is the base, what valid data are (≥ 0, denominators > 0, part ≤ whole): :func:`plan_of`.

Read from the formula and the linter's judgement of its words; draws nothing and checks nothing
(:mod:`indikator.verification.strategies` draws, :mod:`indikator.verification.properties`
checks).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from indikator.core.errors import IndikatorError
from indikator.formula.analysis import growth_of, kind_of, ratio_of, split_factor, variables
from indikator.formula.model import Formula
from indikator.formula.nodes import BinOp, Node, Variable, walk

if TYPE_CHECKING:
    pass

__all__ = ["Plan", "VerifyError", "plan_of"]

Basis = Literal["words", "position", "structure", "none"]

_TOLERANCE = 1e-9

class VerifyError(IndikatorError, ValueError):
    """A verification that cannot run (hypothesis not installed, unknown direction)."""


# --------------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Plan:
    """What the data must look like for one formula, and which side is which.

    *quantities* groups the formula's variable names by the quantity they stand for (one
    group per variable, except that the two sides of a tautology are one quantity);
    *achieved* and *base* are the expressions of the achieved side and of the base (``None``
    when the formula has none); *positive* holds the indexes of quantities that appear in a
    denominator; *part_of_whole* says the achieved side is a subset of the base;
    *denominator* is the expression the whole formula divides by (it must be > 0).
    """

    formula: Formula
    kind: str
    quantities: tuple[tuple[str, ...], ...]
    achieved: Node | None
    base: Node | None
    basis: Basis
    part_of_whole: bool
    same_quantity: bool
    positive: frozenset[int]
    direction: str = "higher"
    denominator: Node | None = None

    def index(self, node: Node | None) -> frozenset[int]:
        """Indexes of the quantities whose variables occur in *node*."""
        if node is None:
            return frozenset()
        keys = {v.key for v in variables(node)}
        return frozenset(
            i for i, group in enumerate(self.quantities)
            if any(Variable(name).key in keys for name in group)
        )

    @property
    def achieved_quantities(self) -> frozenset[int]:
        return self.index(self.achieved)

    @property
    def base_quantities(self) -> frozenset[int]:
        return self.index(self.base)

    def data(self, values: Sequence[float]) -> dict[str, float]:
        """Variable name → value for one value per quantity (in :attr:`quantities` order)."""
        return {name: float(value) for group, value in zip(self.quantities, values, strict=True)
                for name in group}

    def evaluate(self, node: Node | Formula, values: Sequence[float]) -> float:
        """The value of *node* (the formula or a side) for one value per quantity."""
        from indikator.formula.evaluator import evaluate

        return float(evaluate(node, self.data(values),
                              definitions=dict(self.formula.definitions)))

    def valid(self, values: Sequence[float]) -> bool:
        """True for valid data: all ≥ 0 and finite, denominators' quantities > 0, the
        formula's denominator > 0, and the part not above the whole where
        :attr:`part_of_whole`."""
        for i, value in enumerate(values):
            if not math.isfinite(value) or value < 0 or (i in self.positive and value <= 0):
                return False
        if self.denominator is not None and not self.evaluate(self.denominator, values) > 0:
            return False
        if self.part_of_whole and self.achieved is not None and self.base is not None:
            part, whole = self.evaluate(self.achieved, values), self.evaluate(self.base, values)
            if not (part <= whole * (1 + _TOLERANCE)):
                return False
        return True

    def describe(self) -> dict[str, Any]:
        """The plan as JSON: sides (as text), basis, part-of-whole, one-quantity."""
        from indikator.formula.printer import to_text

        return {
            "kind": self.kind,
            "achieved": to_text(self.achieved) if self.achieved is not None else None,
            "base": to_text(self.base) if self.base is not None else None,
            "basis": self.basis,
            "part_of_whole": self.part_of_whole,
            "same_quantity": self.same_quantity,
        }


def _denominator_keys(expr: Node) -> set[str]:
    keys: set[str] = set()
    for node in walk(expr):
        if isinstance(node, BinOp) and node.op == "/":
            keys.update(v.key for v in variables(node.right))
        if isinstance(node, BinOp) and node.op == "^":  # 0 ^ negative divides by zero too
            keys.update(v.key for v in variables(node.left))
    return keys


def _direction(direction: str) -> str:
    word = direction.strip().casefold()
    if word in ("higher", "naik", "up"):
        return "higher"
    if word in ("lower", "turun", "down"):
        return "lower"
    raise VerifyError("verify.unknown_direction", direction=direction)


def plan_of(
    formula: Formula | str,
    *,
    name: str | None = None,
    unit: str | None = None,
    direction: str = "higher",
    part_of_whole: bool | None = None,
) -> Plan:
    """The :class:`Plan` for *formula*: quantities, sides, constraints.

    *name* and *unit* (the indicator's name and satuan) help the judgement of the sides;
    *part_of_whole* overrides what the words say about the subset relation.

    >>> plan = plan_of("Jumlah desa yang dilayani / Jumlah seluruh desa x 100%")
    >>> plan.basis, plan.part_of_whole
    ('words', True)
    """
    from indikator.linter.judge import part_of_whole as words_say_part_of_whole
    from indikator.linter.rules import Subject

    if isinstance(formula, str):
        from indikator.formula.parser import parse

        formula = parse(formula)
    expr = formula.expr
    kind = kind_of(expr)
    names = [v.name for v in variables(expr)]
    groups: list[tuple[str, ...]] = [(n,) for n in names]
    achieved: Node | None = None
    base: Node | None = None
    basis: Basis = "none"
    denominator: Node | None = None
    subset = False
    same = False
    if kind == "ratio":
        ratio = ratio_of(expr)
        assert ratio is not None
        subject = Subject(formula.source, formula, None, name, unit)
        achieved, base, basis = ratio.numerator, ratio.denominator, "position"
        denominator = ratio.denominator
        judgement = subject.judgement
        sides = subject.sides
        if subject.tautological and ratio.numerator != ratio.denominator:
            same = True
            top = [v.name for v in variables(ratio.numerator)]
            bottom = [v.name for v in variables(ratio.denominator)]
            if len(top) == 1 and len(bottom) == 1:
                groups = [g for g in groups if g[0] not in (top[0], bottom[0])]
                groups.insert(0, (top[0], bottom[0]))
            basis = "words"
        elif ratio.numerator == ratio.denominator:
            same = True
            basis = "words"
        elif judgement is not None and sides is not None and judgement.verdict != "unknown":
            basis = "words"
            achieved_text, base_text = sides
            if judgement.verdict == "inverted":
                achieved, base = ratio.denominator, ratio.numerator
                achieved_text, base_text = base_text, achieved_text
            subset = words_say_part_of_whole(achieved_text, base_text, name)
    elif kind == "growth":
        growth = growth_of(expr)
        assert growth is not None
        achieved, base, basis = growth.current, growth.previous, "structure"
        denominator = growth.previous
    elif kind == "single":
        achieved, basis = split_factor(expr)[1], "structure"
    if part_of_whole is not None:
        subset = part_of_whole and achieved is not None and base is not None
    denominator_keys = _denominator_keys(expr)
    positive = frozenset(
        i for i, group in enumerate(groups)
        if any(Variable(n).key in denominator_keys for n in group)
    )
    return Plan(formula, kind, tuple(groups), achieved, base, basis, subset, same, positive,
                _direction(direction), denominator)
