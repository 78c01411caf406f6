"""The subject of the formula linter: what every rule in :mod:`indikator.linter.rules` looks at.

A :class:`Subject` holds one formula's text, its parse (or the syntax error), the indicator's name
and satuan, and computes lazily what several rules share: the ratio and its scaling factor, the
phrases of the two sides, the judgement of which side is the whole (:mod:`indikator.linter.judge`),
whether the ratio is a tautology, and the text with the two sides swapped (the inversion fix).
The helpers :func:`_unmark` and :func:`_span_of` map parsed names and nodes back to the text.

It does not report anything: the rules and their findings are in :mod:`indikator.linter.rules`,
and building a subject from text (:func:`~indikator.linter.rules.subject_of`) stays there too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from indikator.core.errors import FormulaSyntaxError
from indikator.formula.analysis import (
    Ratio,
    growth_of,
    kind_of,
    percent,
    ratio_of,
    split_factor,
    variables,
)
from indikator.formula.model import Formula
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable, walk
from indikator.linter.judge import Judgement, judge, same_quantity
from indikator.linter.lexicon import Lexicon, load_lexicon

__all__ = ["Subject"]

_MARK_TABLE: dict[int, str] | None = None


def _unmark(text: str) -> str:
    """Restore characters the parser's normaliser replaced inside names (``/`` …)."""
    global _MARK_TABLE
    if _MARK_TABLE is None:
        try:
            from indikator.formula.normalise import MARKS
        except ImportError:  # pragma: no cover - the parser's helpers are not installed
            MARKS = {}
        _MARK_TABLE = {ord(k): v for k, v in MARKS.items() if len(k) == 1}
    return text.translate(_MARK_TABLE)


def _span_of(node: Node) -> tuple[int, int] | None:
    """The node's span, or the range covered by its descendants' spans."""
    if node.span is not None:
        return (node.span.start, node.span.end)
    spans = [n.span for n in walk(node) if n.span is not None]
    if not spans:
        return None
    return (min(s.start for s in spans), max(s.end for s in spans))


def _is_plain_side(node: Node) -> bool:
    """A side made of quantities only (products, sums of Σ): no ``+``/``−`` mixing."""
    for item in walk(node):
        if isinstance(item, Neg):
            return False
        if isinstance(item, BinOp) and item.op in ("+", "-", "^", "/"):
            return False
        if isinstance(item, Call) and item.func not in ("sum", "mean"):
            return False
    return any(isinstance(item, Variable) for item in walk(node))


@dataclass
class Subject:
    """What the rules look at: the text and its parse, plus the indicator's name and unit."""

    text: str
    formula: Formula | None
    error: FormulaSyntaxError | None
    name: str | None
    unit: str | None

    @cached_property
    def lexicon(self) -> Lexicon:
        return load_lexicon()

    @cached_property
    def expr(self) -> Node | None:
        return self.formula.expr if self.formula is not None else None

    @cached_property
    def kind(self) -> str | None:
        return kind_of(self.expr) if self.expr is not None else None

    @cached_property
    def ratio(self) -> Ratio | None:
        if self.expr is None or self.kind != "ratio":
            return None
        return ratio_of(self.expr)

    @cached_property
    def factor(self) -> float:
        """The constant scaling the formula: the ratio's, growth's, or the product's."""
        if self.expr is None:
            return 1.0
        if self.ratio is not None:
            return self.ratio.factor
        growth = growth_of(self.expr)
        if growth is not None:
            return growth.factor
        return split_factor(self.expr)[0]

    @cached_property
    def yields_percent(self) -> bool:
        if self.expr is None or self.kind == "constant":
            return False
        return percent(self.expr) or math.isclose(self.factor, 100.0)

    @cached_property
    def name_kind(self) -> str | None:
        return self.lexicon.name_kind(self.name)

    @cached_property
    def unit_class(self) -> str | None:
        return self.lexicon.unit_class(self.unit)

    def phrase(self, node: Node) -> str:
        """The words a side stands for: its variables' phrases (symbols → definitions)."""
        assert self.formula is not None
        return " ".join(_unmark(self.formula.phrase(v.name)) for v in variables(node))

    @cached_property
    def sides(self) -> tuple[str, str] | None:
        """Numerator and denominator phrases of a plain ratio, else ``None``."""
        ratio = self.ratio
        if ratio is None:
            return None
        if not (_is_plain_side(ratio.numerator) and _is_plain_side(ratio.denominator)):
            return None
        return self.phrase(ratio.numerator), self.phrase(ratio.denominator)

    @cached_property
    def judgement(self) -> Judgement | None:
        if self.sides is None:
            return None
        return judge(self.sides[0], self.sides[1], self.name, self.unit)

    @cached_property
    def tautological(self) -> bool:
        ratio = self.ratio
        if ratio is None:
            return False
        if ratio.numerator == ratio.denominator:
            return True
        return self.sides is not None and same_quantity(*self.sides) is not None

    def swapped_text(self) -> str | None:
        """The formula text with numerator and denominator exchanged (the inversion fix)."""
        ratio = self.ratio
        if ratio is None or self.formula is None:
            return None
        source = self.formula.source or self.text
        top, bottom = _span_of(ratio.numerator), _span_of(ratio.denominator)
        if top is not None and bottom is not None and top[1] <= bottom[0]:
            candidate = (
                source[: top[0]]
                + source[bottom[0] : bottom[1]]
                + source[top[1] : bottom[0]]
                + source[top[0] : top[1]]
                + source[bottom[1] :]
            )
            if _swaps(candidate, ratio):
                return candidate
        from indikator.formula.printer import to_text

        swapped = BinOp("/", ratio.denominator, ratio.numerator)
        if not math.isclose(ratio.factor, 1.0):
            swapped = BinOp("*", swapped, Number(ratio.factor, percent=self.yields_percent))
        return to_text(swapped)


def _keys(node: Node) -> list[str]:
    return [v.key for v in variables(node)]


def _swaps(candidate: str, ratio: Ratio) -> bool:
    """True when *candidate* parses to the ratio with its two sides exchanged (a span swap
    can fail when the parser's spans do not cover a name exactly)."""
    from indikator.formula.parser import parse

    try:
        swapped = ratio_of(parse(candidate).expr)
    except FormulaSyntaxError:
        return False
    return (
        swapped is not None
        and _keys(swapped.numerator) == _keys(ratio.denominator)
        and _keys(swapped.denominator) == _keys(ratio.numerator)
    )
