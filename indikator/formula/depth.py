"""The one nesting limit of formula trees, checked before any recursive walk.

The printer, the analysis, the linter rules, the evaluator, the SQL compiler and the MathML
writer walk a formula recursively.  A formula read by :func:`indikator.parse` is at most
``parser.MAX_DEPTH`` (120) levels deep, but a library caller can build a
:class:`~indikator.formula.model.Formula` (or a bare node) by hand, thousands of levels deep,
and a recursive walk of it would exhaust the interpreter's stack (``RecursionError``, an
internal error).  :func:`check_depth` walks the tree iteratively once and refuses a tree
deeper than :data:`MAX_DEPTH` with a translated, located :class:`FormulaDepthError`: the real
depth, the limit, and the node where the limit is crossed (its operator or function, and its
character offset when the node came from text).

Every public function that takes a formula calls :func:`check_depth` first (one mechanism;
see ``tests/formula/test_deep_formulas.py``).  This module only measures; it never prints or
evaluates a formula.
"""

from __future__ import annotations

from typing import Any

from indikator.core.errors import FormulaDepthError, IndikatorError
from indikator.core.i18n import Message
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable

__all__ = ["MAX_DEPTH", "check_depth", "depth_of"]

MAX_DEPTH = 200
"""Deepest nesting any walk accepts (the parser accepts at most 120).  Recursive walks use a
few interpreter frames per level; 200 levels stay well inside Python's default limit of 1000
even when the caller is itself deep in the stack."""


def depth_of(node: Node, limit: int = MAX_DEPTH) -> tuple[int, Node | None]:
    """The depth of the tree under *node* (a leaf is 1) and a node at level *limit* + 1, the
    first level over the limit (``None`` when the tree is within it): an operator or function
    there when there is one, else a leaf.  Iterative: any depth, one pass."""
    deepest, inner, leaf = 0, None, None
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        if level > deepest:
            deepest = level
        children = current.children()
        if level == limit + 1:
            if children and inner is None:
                inner = current
            elif leaf is None:
                leaf = current
        stack.extend((child, level + 1) for child in children)
    return deepest, inner if inner is not None else leaf


def _node_label(node: Node) -> Message:
    if isinstance(node, BinOp):
        return Message("formula.depth_operator", {"op": node.op})
    if isinstance(node, Neg):
        return Message("formula.depth_minus", {})
    if isinstance(node, Call):
        return Message("formula.depth_function", {"name": node.func})
    if isinstance(node, Variable):
        return Message("formula.depth_variable", {"name": node.name[:60]})
    if isinstance(node, Number):
        return Message("formula.depth_number", {"value": node.value})
    return Message("formula.depth_leaf", {"node": type(node).__name__})


def check_depth(
    formula_or_node: Any,
    action: str = "process",
    *,
    error: type[IndikatorError] = FormulaDepthError,
    limit: int = MAX_DEPTH,
) -> None:
    """Refuse a formula (or node) nested deeper than :data:`MAX_DEPTH`.

    *action* names what was refused (a key of ``formula.action_*``: ``print``, ``lint``,
    ``evaluate``, ``analyse``, ``sql``, ``mathml``, ``verify``, ``process``).  *error* is the
    class raised (the evaluator raises its :class:`~indikator.core.errors.EvaluationError`;
    the others :class:`~indikator.core.errors.FormulaDepthError`); the message is the same.
    *limit* is lower for a walk that needs more stack per level (the SQL compiler: sqlglot
    nests several expressions per formula node).  Cost: one iterative walk of the tree.
    """
    node = getattr(formula_or_node, "expr", formula_or_node)
    if not isinstance(node, Node) or not node.children():
        return
    deepest, crossing = depth_of(node, limit)
    if crossing is None:
        return
    span = crossing.span
    raise error(
        "formula.too_deep",
        depth=deepest,
        limit=limit,
        level=limit + 1,
        node=_node_label(crossing),
        offset="" if span is None else Message("formula.depth_offset", {"start": span.start}),
        action=Message(f"formula.action_{action}", {}),
    )
