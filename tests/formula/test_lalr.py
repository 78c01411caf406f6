"""The fast LALR driver (:mod:`indikator.formula.lalr`) reads exactly what ``Lark.parse`` reads:
same nodes, same spans, same failures, on every formula text in the fixtures.  A Lark upgrade
that moves the internals the driver uses breaks this test (and that one module) first."""

from __future__ import annotations

from typing import Any

import pytest
from fixture_texts import fixture_texts
from lark.exceptions import LarkError

from indikator.core.errors import FormulaSyntaxError
from indikator.formula import parser
from indikator.formula.lalr import driver_for
from indikator.formula.nodes import Node, walk
from indikator.formula.normalise import normalise

TEXTS = fixture_texts()


def _spans(node: Node) -> list[Any]:
    return [(type(n).__name__, n.span) for n in walk(node)]


def _with_driver(text: str) -> Node | None:
    draft = normalise(text)
    parser._STATE.draft, parser._STATE.ranges = draft, {}
    driver = driver_for(parser.formula_parser())
    assert driver is not None, "this Lark keeps its tables where lalr.py cannot read them"
    try:
        done = driver.run(draft.text)
    except FormulaSyntaxError:
        return None
    return None if done is None else done[0]


def _with_lark(text: str) -> Node | None:
    draft = normalise(text)
    parser._STATE.draft, parser._STATE.ranges = draft, {}
    try:
        return parser.formula_parser().parse(draft.text)  # type: ignore[no-any-return]
    except (LarkError, FormulaSyntaxError):
        return None


def test_there_are_fixtures_to_compare() -> None:
    assert len(TEXTS) > 300


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_driver_reads_what_lark_reads(text: str) -> None:
    fast, reference = _with_driver(text), _with_lark(text)
    assert (fast is None) == (reference is None)
    if fast is not None and reference is not None:
        assert fast == reference
        assert _spans(fast) == _spans(reference)


def test_driver_failures_match_on_broken_inputs() -> None:
    for text in ("A / / B", "(A", "A )", "× 100", "A + ", "jumlah(A,", "A ^ ^ B"):
        assert _with_driver(text) is None and _with_lark(text) is None, text
