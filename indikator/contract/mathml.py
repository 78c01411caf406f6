"""A formula as presentation MathML: a real fraction bar, names as text, numbers as documents
print them (decimal comma).

Used for the ``mathml`` field of a ``parse`` result, which the web page of ``indikator serve``
shows as is (browsers render MathML natively: no script, no CDN).  Brackets appear where
precedence needs them, as in :func:`indikator.formula.printer.to_text`.  This module only
formats; it never parses or evaluates.
"""

from __future__ import annotations

from html import escape
from typing import Any

from indikator.formula.depth import check_depth
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_ATOM = 5
_NAMESPACE = "http://www.w3.org/1998/Math/MathML"
_OPERATOR = {"+": "+", "-": "−", "*": "×"}


def _number(node: Number) -> str:
    value = node.value
    text = str(int(value)) if value == int(value) and abs(value) < 1e15 else f"{value:.10g}"
    shown = f"<mn>{escape(text.replace('.', ','))}</mn>"
    return shown + "<mo>%</mo>" if node.percent else shown


def _precedence(node: Node) -> int:
    if isinstance(node, BinOp):
        return _PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return 3
    return _ATOM


def _wrapped(node: Node, needed: int) -> str:
    inner = _render(node)
    if _precedence(node) < needed:
        return f"<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>"
    return inner


def _render(node: Node) -> str:
    if isinstance(node, Number):
        return _number(node)
    if isinstance(node, Variable):
        return f"<mtext>{escape(node.name)}</mtext>"
    if isinstance(node, Neg):
        return f"<mrow><mo>−</mo>{_wrapped(node.operand, 3)}</mrow>"
    if isinstance(node, Call):
        args = "<mo>;</mo>".join(_render(arg) for arg in node.args)
        return f"<mrow><mi>{escape(node.func)}</mi><mo>(</mo>{args}<mo>)</mo></mrow>"
    if isinstance(node, BinOp):
        if node.op == "/":
            top, bottom = _render(node.left), _render(node.right)
            return f"<mfrac><mrow>{top}</mrow><mrow>{bottom}</mrow></mfrac>"
        if node.op == "^":
            return f"<msup>{_wrapped(node.left, _ATOM)}<mrow>{_render(node.right)}</mrow></msup>"
        level = _PRECEDENCE[node.op]
        right_level = level + 1 if node.op in "-" else level
        left = _wrapped(node.left, level)
        right = _wrapped(node.right, right_level)
        return f"<mrow>{left}<mo>{_OPERATOR[node.op]}</mo>{right}</mrow>"
    return f"<mtext>{escape(str(node))}</mtext>"


def to_mathml(formula: Any) -> str:
    """``<math display="block">…</math>`` for a :class:`~indikator.formula.model.Formula`
    (a tree deeper than the depth limit raises
    :class:`~indikator.core.errors.FormulaDepthError`)."""
    check_depth(formula, "mathml")
    body = _render(formula.expr)
    if formula.name:
        body = f"<mtext>{escape(formula.name)}</mtext><mo>=</mo>{body}"
    return f'<math xmlns="{_NAMESPACE}" display="block"><mrow>{body}</mrow></math>'
