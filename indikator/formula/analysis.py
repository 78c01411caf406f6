"""Structural facts about a formula: its kind, ratio parts, constant factors, percent marking.

The linter and the ``parse`` command ask the same questions of every formula: what kind of
formula is this, which quantity is divided by which, by what constant is the quotient scaled,
does the result read as a percentage?  This module answers them from the AST alone, in pure
Python (no numpy, no pandas), so parsing and linting stay cheap.

Kinds (:func:`kind_of`), checked in this order; constant factors around the whole formula are
looked through first (``A × 100 %`` is still *single*, ``1/3 (X + Y + Z)`` still a *sum*):

``constant``
    no variable at all: ``100``, ``1/3``, ``0``.
``growth``
    relative change of one quantity against another, ``(X_t − X_{t−1}) / X_{t−1} × 100 %``,
    also written ``(X_t / X_{t−1} − 1) × 100``; the subtracted quantity is the denominator.
``ratio``
    one quantity over another, scaled by a constant: ``A / B × 100 %``, ``A × 100 / B``,
    ``(A / B) × 100``, ``100 × A / B``, ``A / (100 × B)`` (factor 0.01, which the linter flags).
``difference``
    ``A − B`` (also ``100 − A``).
``sum``
    ``A + B + C``, ``Σ A``, ``sum(A, B)``, ``mean(A, B)`` (an averaged sum).
``product``
    two or more non-constant factors: ``A × B``, ``0,376 × IKA × IKB``.
``single``
    one quantity, perhaps scaled: ``Capaian Hasil Evaluasi``, ``A × 100 %``, ``A / 100``.
``expression``
    anything else: ``sqrt(A)``, ``min(A, B)``, ``A ^ 2``, ``100 / B``.

Constant arithmetic follows the evaluator's policy (:mod:`indikator.formula.evaluator`): division by
zero gives NaN, overflow gives ±inf; nothing raises.  This module does not judge meaning
(which side is "achieved" or "planned"): that is the linter's lexicon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from indikator.formula.depth import check_depth
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable, walk

KINDS: tuple[str, ...] = (
    "ratio",
    "growth",
    "difference",
    "sum",
    "product",
    "single",
    "constant",
    "expression",
)
"""Every value :func:`kind_of` can return."""


@dataclass(frozen=True, slots=True)
class Ratio:
    """``factor × numerator / denominator`` with the constant factors pulled out of both sides.

    For ``A / B × 100 %`` numerator is ``A``, denominator ``B``, factor 100; for
    ``A / (100 × B)`` the factor is 0.01.
    """

    numerator: Node
    denominator: Node
    factor: float


@dataclass(frozen=True, slots=True)
class Growth:
    """``factor × (current − previous) / previous``: a relative change."""

    current: Node
    previous: Node
    factor: float


# ---------------------------------------------------------------------------- constants


def is_constant(node: Node) -> bool:
    """True when *node* contains no variable (its value does not depend on data).  Iterative,
    so it needs no depth check."""
    return not any(isinstance(n, Variable) for n in walk(node))


def _div(left: float, right: float) -> float:
    if right == 0.0:  # finite / 0 → NaN; ±inf / 0 → ±inf (IEEE), as the evaluator does
        if math.isfinite(left):
            return math.nan
        return left if math.copysign(1.0, right) > 0 else -left
    return left / right


def _pow(left: float, right: float) -> float:
    if left == 0.0 and right < 0.0:
        return math.nan
    try:
        result = left**right
    except ZeroDivisionError:  # 0 ** negative
        return math.nan
    except OverflowError:
        odd = float(right).is_integer() and int(right) % 2 == 1
        return -math.inf if left < 0 and odd else math.inf
    if isinstance(result, complex):  # negative base, fractional exponent
        return math.nan
    return float(result)


def _call(func: str, args: list[float]) -> float:
    if func == "sum":
        return sum(args)
    if func == "mean":
        return sum(args) / len(args) if args else math.nan
    if func in ("min", "max"):
        if not args or any(math.isnan(a) for a in args):
            return math.nan
        return min(args) if func == "min" else max(args)
    if func == "abs" and len(args) == 1:
        return abs(args[0])
    if func == "sqrt" and len(args) == 1:
        return math.sqrt(args[0]) if args[0] >= 0 else math.nan
    return math.nan


def _constant_value(node: Node) -> float | None:
    """The value of a constant *node* (NaN for ``x / 0``), or ``None`` if it has variables."""
    if isinstance(node, Number):
        return float(node.value)
    if isinstance(node, Variable):
        return None
    if isinstance(node, Neg):
        inner = _constant_value(node.operand)
        return None if inner is None else -inner
    if isinstance(node, BinOp):
        left = _constant_value(node.left)
        right = _constant_value(node.right)
        if left is None or right is None:
            return None
        try:
            if node.op == "+":
                return left + right
            if node.op == "-":
                return left - right
            if node.op == "*":
                return left * right
            if node.op == "/":
                return _div(left, right)
            return _pow(left, right)
        except OverflowError:  # pragma: no cover - float ops saturate to inf instead
            return math.inf
    if isinstance(node, Call):
        values = [_constant_value(arg) for arg in node.args]
        if any(v is None for v in values):
            return None
        return _call(node.func, [v for v in values if v is not None])
    return None


def _fold_constants(node: Node) -> Node:
    """*node* with every constant subtree replaced by one :class:`Number` (span kept).

    The folded number keeps the percent mark when the subtree carried one (``100 %``).
    """
    value = _constant_value(node)
    if value is not None:
        if isinstance(node, Number):
            return node
        return Number(value, percent=_percent(node), span=node.span)
    if isinstance(node, BinOp):
        left, right = _fold_constants(node.left), _fold_constants(node.right)
        return BinOp(node.op, left, right, span=node.span)
    if isinstance(node, Neg):
        return Neg(_fold_constants(node.operand), span=node.span)
    if isinstance(node, Call):
        return Call(node.func, tuple(_fold_constants(a) for a in node.args), span=node.span)
    return node


# ----------------------------------------------------------------------- structure helpers


def _multiply(left: Node | None, right: Node | None) -> Node | None:
    """The product of two constant-free cores, keeping a quotient on top when there is one."""
    if left is None:
        return right
    if right is None:
        return left
    left_div = isinstance(left, BinOp) and left.op == "/"
    right_div = isinstance(right, BinOp) and right.op == "/"
    if isinstance(left, BinOp) and isinstance(right, BinOp) and left_div and right_div:
        return BinOp("/", BinOp("*", left.left, right.left), BinOp("*", left.right, right.right))
    if isinstance(left, BinOp) and left_div:
        return BinOp("/", BinOp("*", left.left, right), left.right)
    if isinstance(right, BinOp) and right_div:
        return BinOp("/", BinOp("*", left, right.left), right.right)
    return BinOp("*", left, right)


def _split_factor(node: Node) -> tuple[float, Node | None]:
    """``(factor, core)`` with ``node == factor × core``; constant factors pulled out of
    products, quotients and negations at the top.  ``core`` is ``None`` for a constant.

    ``A × 100 / B`` → ``(100, A / B)``; ``A / (100 × B)`` → ``(0.01, A / B)``;
    ``100 / B`` → ``(100, 1 / B)``.  A core that is the node itself keeps its span.
    """
    value = _constant_value(node)
    if value is not None:
        return value, None
    if isinstance(node, Neg):
        factor, core = _split_factor(node.operand)
        return -factor, core
    if isinstance(node, BinOp) and node.op == "*":
        left_factor, left_core = _split_factor(node.left)
        right_factor, right_core = _split_factor(node.right)
        if left_core is node.left and right_core is node.right:
            return 1.0, node
        return left_factor * right_factor, _multiply(left_core, right_core)
    if isinstance(node, BinOp) and node.op == "/":
        left_factor, left_core = _split_factor(node.left)
        right_factor, right_core = _split_factor(node.right)
        factor = _div(left_factor, right_factor)
        if right_core is None:
            return factor, left_core
        if left_core is node.left and right_core is node.right:
            return 1.0, node
        numerator = left_core if left_core is not None else Number(1.0)
        return factor, BinOp("/", numerator, right_core)
    return 1.0, node


def _factors(node: Node) -> tuple[Node, ...]:
    """The operands of a chain of multiplications, left to right (``(A × B) × C`` → A, B, C);
    a node that is not a product is its own single factor.  Division is not looked through."""
    if isinstance(node, BinOp) and node.op == "*":
        return _factors(node.left) + _factors(node.right)
    return (node,)


def _terms(node: Node) -> tuple[tuple[int, Node], ...]:
    """The signed summands of a chain of ``+`` and ``−``: ``A − B + C`` → (+1, A), (−1, B),
    (+1, C).  Unary minus flips the sign; anything else is one term."""
    if isinstance(node, BinOp) and node.op in ("+", "-"):
        right = _terms(node.right)
        if node.op == "-":
            right = tuple((-sign, term) for sign, term in right)
        return _terms(node.left) + right
    if isinstance(node, Neg):
        return tuple((-sign, term) for sign, term in _terms(node.operand))
    return ((1, node),)


def variables(node: Node) -> tuple[Variable, ...]:
    """The variables of *node*, first occurrence first, one per normalised key."""
    seen: dict[str, Variable] = {}
    for item in walk(node):
        if isinstance(item, Variable) and item.key not in seen:
            seen[item.key] = item
    return tuple(seen.values())


def _percent(node: Node) -> bool:
    """True when the result is marked as a percentage: a ``100 %`` (or any number written
    with ``%``) multiplies the result, e.g. ``A / B × 100 %``, ``(A − B) / B × 100 %``.

    A percent mark only inside a denominator (``A / (100 % × B)``) does not count.
    """
    if isinstance(node, Number):
        return node.percent
    if isinstance(node, Neg):
        return _percent(node.operand)
    if isinstance(node, BinOp):
        if node.op == "/":
            return _percent(node.left)
        if node.op == "^":
            return False
        return _percent(node.left) or _percent(node.right)
    if isinstance(node, Call) and node.func in ("sum", "mean", "min", "max", "abs"):
        return any(_percent(arg) for arg in node.args)
    return False


# -------------------------------------------------------------------------- ratio, growth


def _ratio_of(node: Node) -> Ratio | None:
    """The ratio in *node*, looking through constant factors anywhere in the product:
    ``A×100/B``, ``(A/B)×100``, ``100×A/B``, ``A/B×100%`` (factor 100), ``A/(100×B)``
    (factor 0.01).  ``None`` when the formula is not one non-constant quantity over another.
    """
    factor, core = _split_factor(node)
    if not (isinstance(core, BinOp) and core.op == "/"):
        return None
    numerator_factor, numerator = _split_factor(core.left)
    denominator_factor, denominator = _split_factor(core.right)
    if numerator is None or denominator is None:
        return None
    return Ratio(numerator, denominator, factor * _div(numerator_factor, denominator_factor))


def _growth_of(node: Node) -> Growth | None:
    """The relative change in *node*: ``(X_t − X_{t−1}) / X_{t−1} × k`` or
    ``(X_t / X_{t−1} − 1) × k``; ``None`` otherwise."""
    ratio = _ratio_of(node)
    if ratio is not None:
        summands = _terms(ratio.numerator)
        if (
            len(summands) == 2
            and summands[0][0] == 1
            and summands[1][0] == -1
            and summands[1][1] == ratio.denominator
            and not is_constant(summands[0][1])
        ):
            return Growth(summands[0][1], ratio.denominator, ratio.factor)
        return None
    factor, core = _split_factor(node)
    if core is None:
        return None
    summands = _terms(core)
    if len(summands) != 2 or summands[0][0] != 1 or summands[1][0] != -1:
        return None
    if _constant_value(summands[1][1]) != 1.0:
        return None
    inner = _ratio_of(summands[0][1])
    if inner is None or inner.factor != 1.0:
        return None
    return Growth(inner.numerator, inner.denominator, factor)


def _kind_of(node: Node) -> str:
    """The formula's kind, one of :data:`KINDS` (see the module docstring for examples)."""
    if is_constant(node):
        return "constant"
    if _growth_of(node) is not None:
        return "growth"
    if _ratio_of(node) is not None:
        return "ratio"
    _, core = _split_factor(node)
    if isinstance(core, Variable):
        return "single"
    if isinstance(core, BinOp):
        if core.op == "-":
            return "difference"
        if core.op == "+":
            return "sum"
        if core.op == "*":
            return "product"
    if isinstance(core, Call) and core.func in ("sum", "mean"):
        return "sum"
    return "expression"


# ------------------------------------------------------------------------ public, guarded
# The recursive helpers above assume a tree within the depth limit; the public functions
# check it once (:func:`indikator.formula.depth.check_depth`), so a formula built by hand
# thousands of levels deep is refused with a message instead of a RecursionError.


def constant_value(node: Node) -> float | None:
    """The value of a constant *node* (NaN for ``x / 0``), or ``None`` if it has variables."""
    check_depth(node, "analyse")
    return _constant_value(node)


def fold_constants(node: Node) -> Node:
    """*node* with every constant subtree replaced by one :class:`Number` (span kept)."""
    check_depth(node, "analyse")
    return _fold_constants(node)


def split_factor(node: Node) -> tuple[float, Node | None]:
    """``(factor, core)`` with ``node == factor × core`` (see :func:`_split_factor`)."""
    check_depth(node, "analyse")
    return _split_factor(node)


def factors(node: Node) -> tuple[Node, ...]:
    """The operands of a chain of multiplications, left to right (``(A × B) × C`` → A, B, C)."""
    check_depth(node, "analyse")
    return _factors(node)


def terms(node: Node) -> tuple[tuple[int, Node], ...]:
    """The signed summands of a chain of ``+`` and ``−`` (``A − B + C`` → +A, −B, +C)."""
    check_depth(node, "analyse")
    return _terms(node)


def percent(node: Node) -> bool:
    """True when the result is marked as a percentage (see :func:`_percent`)."""
    check_depth(node, "analyse")
    return _percent(node)


def ratio_of(node: Node) -> Ratio | None:
    """The ratio in *node* looking through constant factors (see :func:`_ratio_of`)."""
    check_depth(node, "analyse")
    return _ratio_of(node)


def growth_of(node: Node) -> Growth | None:
    """The relative change in *node* (see :func:`_growth_of`); ``None`` otherwise."""
    check_depth(node, "analyse")
    return _growth_of(node)


def kind_of(node: Node) -> str:
    """The formula's kind, one of :data:`KINDS` (see the module docstring for examples)."""
    check_depth(node, "analyse")
    return _kind_of(node)
