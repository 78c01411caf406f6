"""The :class:`Formula` object returned by :func:`indikator.parse`.

A formula is the expression AST plus what the text said around it: the indicator name on the
left of ``NAME = …``, symbol definitions (``Keterangan: PP = Jumlah pengangguran``), worked
examples kept apart from the formula, and the rewrites the normaliser made to read it.  Its
properties delegate to the modules that do the work (analysis, printing, evaluation), imported
lazily so that a parse stays cheap; ``variables``,
``kind`` and ``ratio`` are computed once per formula (the linter asks for them repeatedly).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from indikator.formula.depth import check_depth, depth_of
from indikator.formula.names import name_key
from indikator.formula.nodes import Node, Variable, walk
from indikator.formula.rewrite import Rewrite

if TYPE_CHECKING:
    from indikator.formula.analysis import Ratio


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Formula:
    """A parsed formula.  Equality compares the expression, name and definitions."""

    expr: Node
    name: str | None = None
    definitions: Mapping[str, str] = field(default_factory=dict)
    examples: tuple[str, ...] = field(default=(), compare=False)
    source: str = field(default="", compare=False, repr=False)
    rewrites: tuple[Rewrite, ...] = field(default=(), compare=False, repr=False)
    """What the normaliser changed between :attr:`source` and the text the grammar read, step
    by step (:class:`~indikator.formula.rewrite.Rewrite`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "definitions", _frozen(self.definitions))

    def _check_depth(self) -> None:
        """Raise :class:`~indikator.core.errors.FormulaDepthError` when the tree is deeper than
        the limit (hashing and comparing recurse through it); checked once per formula."""
        if "_depth_checked" not in self.__dict__:
            check_depth(self.expr, "process")
            self.__dict__["_depth_checked"] = True

    def __hash__(self) -> int:
        self._check_depth()
        return hash((self.expr, self.name, tuple(sorted(self.definitions.items()))))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Formula):
            return NotImplemented
        if self is other:
            return True
        self._check_depth()
        other._check_depth()
        return (self.expr, self.name, dict(self.definitions)) == (
            other.expr, other.name, dict(other.definitions))

    def __repr__(self) -> str:
        deepest, crossing = depth_of(self.expr)
        expr = (repr(self.expr) if crossing is None
                else f"<{type(self.expr).__name__}, {deepest} levels deep>")
        return (f"Formula(expr={expr}, name={self.name!r}, "
                f"definitions={dict(self.definitions)!r}, examples={self.examples!r})")

    @cached_property
    def variables(self) -> tuple[str, ...]:
        """Variable names as written, first occurrence first, one per normalised key."""
        seen: dict[str, str] = {}
        for node in walk(self.expr):
            if isinstance(node, Variable) and node.key not in seen:
                seen[node.key] = node.name
        return tuple(seen.values())

    @property
    def uncertain_rewrites(self) -> tuple[Rewrite, ...]:
        """The rewrites that reinterpreted words by a guess (the linter warns about them)."""
        return tuple(rewrite for rewrite in self.rewrites if not rewrite.certain)

    @cached_property
    def kind(self) -> str:
        """ratio, growth, difference, sum, product, single, constant or expression."""
        from indikator.formula.analysis import kind_of

        return kind_of(self.expr)

    @cached_property
    def ratio(self) -> Ratio | None:
        """Numerator, denominator and factor when the formula is a ratio, else ``None``."""
        from indikator.formula.analysis import ratio_of

        return ratio_of(self.expr)

    def phrase(self, variable: str) -> str:
        """The phrase a symbol stands for (from the definitions), or the name itself."""
        wanted = name_key(variable)
        for symbol, phrase in self.definitions.items():
            if name_key(symbol) == wanted:
                return phrase
        return variable

    def evaluate(self, data: Any = None, /, **values: Any) -> Any:
        """Evaluate over scalars, numpy arrays, pandas Series or DataFrame columns."""
        from indikator.formula.evaluator import evaluate

        return evaluate(self, data, **values)

    def to_text(self) -> str:
        """Canonical text; ``parse(f.to_text()) == f``."""
        from indikator.formula.printer import to_text

        return to_text(self)

    def to_latex(self) -> str:
        """LaTeX with ``\\frac`` and ``\\text{…}`` names."""
        from indikator.formula.printer import to_latex

        return to_latex(self)
