"""Intervals of rating-scale bands: read them from text, test values against them, print them.

:func:`parse_interval` reads one band through the grammar's ``interval`` start rule
(``grammar/indikator.lark``, whose header documents every accepted form), in the canonical
notation ``(90, 100]`` and as documents print bands: ``> 90 – 100``, ``91 % ≤ 100 %``,
``≤ 50 %``, ``76 - 90``, ``< 0,491``, ``76 < X ≤ 100``.  :class:`Interval` is a frozen value
with ``None`` for an unbounded end; ``str()`` gives the canonical text, which parses back to
an equal interval.

This module does not know about scales, gaps or overlaps (see :mod:`indikator.scales.scale`), and it
reads no table cells: numbers are the plain decimals of a band (decimal comma or point, no
thousands separators).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from lark import Token, Tree
from lark.exceptions import UnexpectedEOF, UnexpectedInput

from indikator.core.errors import ScaleError
from indikator.formula.grammar import lark_parser

__all__ = ["Interval", "format_number", "parse_interval", "read_decimal"]


@dataclass(frozen=True)
class Interval:
    """A set of real numbers between two ends; ``None`` is an unbounded end (never closed)."""

    lower: float | None
    lower_closed: bool
    upper: float | None
    upper_closed: bool

    def __post_init__(self) -> None:
        if self.lower is None and self.lower_closed:
            object.__setattr__(self, "lower_closed", False)
        if self.upper is None and self.upper_closed:
            object.__setattr__(self, "upper_closed", False)
        for end in (self.lower, self.upper):
            if end is not None and not math.isfinite(end):
                raise ScaleError("scales.interval_not_finite", interval=self._text())
        if _is_empty(self.lower, self.lower_closed, self.upper, self.upper_closed):
            raise ScaleError("scales.interval_empty", interval=self._text())

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int | float) or math.isnan(value):
            return False
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_closed))
        )

    def _text(self) -> str:
        left = "[" if self.lower_closed else "("
        right = "]" if self.upper_closed else ")"
        low = "-inf" if self.lower is None else format_number(self.lower)
        high = "inf" if self.upper is None else format_number(self.upper)
        return f"{left}{low}, {high}{right}"

    def __str__(self) -> str:
        return self._text()

    def to_json(self) -> dict[str, Any]:
        """The four fields as the CLI prints them (``None`` for an unbounded end)."""
        return {
            "lower": self.lower,
            "lower_closed": self.lower_closed,
            "upper": self.upper,
            "upper_closed": self.upper_closed,
        }


def _is_empty(
    lower: float | None, lower_closed: bool, upper: float | None, upper_closed: bool
) -> bool:
    if lower is None or upper is None:
        return False
    return lower > upper or (lower == upper and not (lower_closed and upper_closed))


def format_number(value: float) -> str:
    """``90.0`` → ``"90"``, ``0.491`` → ``"0.491"`` (shortest text that reads back exactly)."""
    text = repr(float(value))
    if "e" in text:  # the grammar reads no exponents: write all digits
        mantissa, _, exponent = text.partition("e")
        digits = mantissa.replace("-", "").replace(".", "")
        point = mantissa.replace("-", "").find(".")
        point = len(mantissa.replace("-", "")) if point < 0 else point
        shift = point + int(exponent)
        sign = "-" if value < 0 else ""
        if shift <= 0:
            text = sign + "0." + "0" * -shift + digits
        elif shift >= len(digits):
            text = sign + digits + "0" * (shift - len(digits))
        else:
            text = sign + digits[:shift] + "." + digits[shift:]
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def read_decimal(text: str) -> float:
    """A band number: ``"43,75"`` or ``"43.75"`` → 43.75 (comma and point are both decimal)."""
    return float(text.replace(",", "."))


_CMP = {"INTERVAL_LT": "<", "INTERVAL_LE": "<=", "INTERVAL_GT": ">", "INTERVAL_GE": ">="}


def _cmp(tree: Tree[Token]) -> str:
    token = tree.children[0]
    assert isinstance(token, Token)
    return _CMP[token.type]


def _qty(tree: Tree[Token]) -> float:
    tokens = _tokens(tree)
    number = next(token for token in tokens if token.type == "INTERVAL_NUMBER")
    value = read_decimal(str(number))
    return -value if tokens[0].type == "INTERVAL_MINUS" else value


def _rule(tree: Tree[Token]) -> str:
    data = tree.data
    return str(data.value if isinstance(data, Token) else data)


def _subtrees(tree: Tree[Token]) -> list[Tree[Token]]:
    return [child for child in tree.children if isinstance(child, Tree)]


def _tokens(tree: Tree[Token]) -> list[Token]:
    return [child for child in tree.children if isinstance(child, Token)]


def _end(tree: Tree[Token]) -> tuple[float | None, bool]:
    """(value, is_infinite_positive) of a bracket end; value None for an infinite end."""
    tokens = _tokens(tree)
    negative = tokens[0].type == "INTERVAL_MINUS"
    last = tokens[-1]
    if last.type == "INTERVAL_INF":
        return None, not negative
    number = read_decimal(str(last))
    return (-number if negative else number), False


class _Reader:
    """Turns one ``interval`` tree into an :class:`Interval` (errors name *text*)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def fail(self, key: str, tree: Tree[Token] | None = None) -> ScaleError:
        column = getattr(tree.meta, "column", 1) if tree is not None else 1
        return ScaleError(
            key, text=self.text, column=column, line=1, caret=_caret(self.text, column)
        )

    def read(self, tree: Tree[Token]) -> Interval:
        (form,) = _subtrees(tree)
        handler = getattr(self, _rule(form))
        result: Interval = handler(form)
        return result

    def interval_bracket(self, tree: Tree[Token]) -> Interval:
        tokens = _tokens(tree)
        low_tree, high_tree = _subtrees(tree)
        low, low_inf_positive = _end(low_tree)
        high, high_inf_positive = _end(high_tree)
        lower_closed = tokens[0] == "["
        upper_closed = tokens[-1] == "]"
        if (low is None and low_inf_positive) or (high is None and not high_inf_positive):
            raise self.fail("scales.interval_inf_side", tree)
        if (low is None and lower_closed) or (high is None and upper_closed):
            raise self.fail("scales.interval_inf_closed", tree)
        return self.make(low, lower_closed, high, upper_closed, tree)

    def interval_bound(self, tree: Tree[Token]) -> Interval:
        parts = _subtrees(tree)
        first = tree.children[0]
        if isinstance(first, Token) or _rule(parts[0]) == "interval_cmp":
            op, value = _cmp(parts[0]), _qty(parts[1])  # "≤ 50", "X ≤ 50"
        else:
            value, op = _qty(parts[0]), _flip(_cmp(parts[1]))  # "90 < X" is "X > 90"
        if op in ("<", "<="):
            return self.make(None, False, value, op == "<=", tree)
        return self.make(value, op == ">=", None, False, tree)

    def interval_range(self, tree: Tree[Token]) -> Interval:
        low_op = high_op = None
        values: list[float] = []
        for part in _subtrees(tree):
            if _rule(part) == "interval_cmp":
                if values:
                    high_op = _cmp(part)
                else:
                    low_op = _cmp(part)
            else:
                values.append(_qty(part))
        if low_op in ("<", "<=") or high_op in (">", ">="):
            raise self.fail("scales.interval_direction", tree)
        low, high = values
        return self.make(low, low_op != ">", high, high_op != "<", tree)

    def interval_chain(self, tree: Tree[Token]) -> Interval:
        first, op1, op2, second = _subtrees(tree)
        return self.chain(_qty(first), _cmp(op1), _cmp(op2), _qty(second), tree)

    def interval_pair(self, tree: Tree[Token]) -> Interval:
        first, op, second = _subtrees(tree)
        relation = _cmp(op)
        return self.chain(_qty(first), relation, relation, _qty(second), tree)

    def interval_point(self, tree: Tree[Token]) -> Interval:
        value = _qty(_subtrees(tree)[0])
        return self.make(value, True, value, True, tree)

    def chain(self, a: float, op1: str, op2: str, b: float, tree: Tree[Token]) -> Interval:
        if op1 in ("<", "<=") and op2 in ("<", "<="):
            return self.make(a, op1 == "<=", b, op2 == "<=", tree)
        if op1 in (">", ">=") and op2 in (">", ">="):
            return self.make(b, op2 == ">=", a, op1 == ">=", tree)
        raise self.fail("scales.interval_direction", tree)

    def make(
        self,
        lower: float | None,
        lower_closed: bool,
        upper: float | None,
        upper_closed: bool,
        tree: Tree[Token],
    ) -> Interval:
        if _is_empty(lower, lower_closed, upper, upper_closed):
            raise self.fail("scales.interval_empty_text", tree)
        return Interval(lower, lower_closed, upper, upper_closed)


def _flip(op: str) -> str:
    return {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]


def _caret(text: str, column: int) -> str:
    line = text.splitlines()[0] if text.strip() else text
    return f"{line}\n{' ' * max(column - 1, 0)}^"


def parse_interval(text: str) -> Interval:
    """Read one band's interval; raises :class:`ScaleError` (with ``column``) on bad text."""
    source = text.strip()
    if not source:
        raise ScaleError("scales.interval_blank", text=text, column=1, line=1, caret="")
    try:
        tree = lark_parser().parse(source, start="interval")
    except UnexpectedInput as exc:
        column = int(getattr(exc, "column", 0) or 0)
        token = getattr(exc, "token", None)
        at_end = isinstance(token, Token) and token.type == "$END"
        if isinstance(exc, UnexpectedEOF) or at_end or column <= 0:
            column = len(source) + 1
        raise ScaleError(
            "scales.interval_syntax",
            text=source,
            column=column,
            line=1,
            caret=_caret(source, column),
        ) from None
    return _Reader(source).read(tree)
