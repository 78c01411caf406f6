"""The public formula entry points that accept text as well as parsed formulas.

:func:`evaluate` and :func:`evaluate_detailed` read text with :func:`indikator.formula.parser.parse`
and hand the :class:`~indikator.formula.model.Formula` to :mod:`indikator.formula.evaluator`,
which works on parsed formulas and nodes only.  Keeping the text door here, above the parser,
lets data flow one way (nodes → evaluator → model → parser → api).  This module adds no
behaviour of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from indikator.formula import evaluator
from indikator.formula.model import Formula
from indikator.formula.nodes import Node
from indikator.formula.parser import parse

__all__ = ["evaluate", "evaluate_detailed"]


def _parsed(target: Formula | Node | str) -> Formula | Node:
    return parse(target) if isinstance(target, str) else target


def evaluate(
    formula_or_node: Formula | Node | str,
    data: Any = None,
    /,
    *,
    definitions: Mapping[str, str] | None = None,
    **values: Any,
) -> Any:
    """:func:`indikator.formula.evaluator.evaluate` of a formula, a node, or formula text.

    >>> evaluate("(2 × T − R) / T × 100", T=80, R=60)
    125.0
    """
    return evaluator.evaluate(_parsed(formula_or_node), data, definitions=definitions, **values)


def evaluate_detailed(
    formula_or_node: Formula | Node | str,
    data: Any = None,
    /,
    *,
    definitions: Mapping[str, str] | None = None,
    **values: Any,
) -> evaluator.Evaluation:
    """:func:`indikator.formula.evaluator.evaluate_detailed` of a formula, node, or text."""
    return evaluator.evaluate_detailed(
        _parsed(formula_or_node), data, definitions=definitions, **values
    )
