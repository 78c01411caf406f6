"""The formula AST: small frozen dataclasses, one per construct, and :func:`walk`.

A node's ``span`` (start, end character offsets into the text that was parsed) is kept for
messages but excluded from equality and hashing, so two parses of the same formula written
differently compare equal.  A :class:`Variable` compares by its normalised key
(:func:`indikator.formula.names.name_key`), so "Jumlah  OPD yang di rencanakan" and
"jumlah OPD yang direncanakan" are the same variable.

This module defines data only: parsing is in :mod:`indikator.formula.parser`, printing in
:mod:`indikator.formula.printer`, evaluation in :mod:`indikator.formula.evaluator`, structure in
:mod:`indikator.formula.analysis`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from indikator.formula.names import name_key

BinaryOperator = Literal["+", "-", "*", "/", "^"]
FUNCTIONS: tuple[str, ...] = ("sum", "mean", "min", "max", "abs", "sqrt")
"""Canonical names of the allow-listed functions (aliases such as jumlah, rata-rata, akar
are mapped to these by the parser)."""


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` in the parsed text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Node:
    """Base of every AST node."""

    span: Span | None = field(default=None, compare=False, repr=False, kw_only=True)

    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True, slots=True)
class Number(Node):
    """A numeric literal.  ``percent`` marks ``100 %`` / ``\\%``: the factor still multiplies
    by its value (documents mean ``A/B × 100 %`` as "A/B expressed in percent"), and the
    result is marked as a percentage."""

    value: float
    percent: bool = False


@dataclass(frozen=True, slots=True)
class Variable(Node):
    """A quantity named by a free-text phrase or a symbol, as written (whitespace folded)."""

    name: str = field(compare=False)
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", name_key(self.name))


@dataclass(frozen=True, slots=True)
class BinOp(Node):
    """``left op right`` for + - * / ^ (``×``, ``x``, ``:``, ``÷``, words … map to these)."""

    op: BinaryOperator
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Neg(Node):
    """Unary minus."""

    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True)
class Call(Node):
    """An allow-listed function applied to arguments (``sum`` also stands for ``\\sum``/Σ)."""

    func: str
    args: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.args


def walk(node: Node) -> Iterator[Node]:
    """Every node below and including *node*, parents before children, left to right."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children()))
