"""The fast LALR driver (:mod:`indikator.formula.lalr`) reads exactly what ``Lark.parse`` reads:
same nodes, same spans, same failures, on every formula text in the fixtures.  A Lark upgrade
that moves the internals the driver uses breaks this test (and that one module) first."""

from __future__ import annotations

from typing import Any

import pytest
from fixture_texts import fixture_texts
from lark.exceptions import LarkError, UnexpectedInput

from indikator.core.errors import FormulaSyntaxError
from indikator.formula import parser
from indikator.formula.lalr import Rejected, driver_for
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
        done = driver.read(draft.text)
    except FormulaSyntaxError:
        return None
    return done[0] if isinstance(done, tuple) else None


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


#: Texts the table rejects at a token or at the end, besides the fixtures' failures.
BROKEN = ("A / / B", "(A", "A )", "× 100", "A + ", "jumlah(A,", "A ^ ^ B", "∑" * 40,
          "+" * 40, "√ " * 30, "(tidak dipakai)" * 5, "A B (C", "1 2 3", ")(", "A / (B x")


def _rejection(text: str, fast: bool) -> tuple[Any, ...] | None:
    """What the parse of *text* raises: the exception's token and expected set and the
    message the user sees, from the driver's :class:`Rejected` (*fast*) or from ``Lark.parse``;
    ``None`` when the driver does not reject the text at a token."""
    draft = normalise(text)
    parser._STATE.draft, parser._STATE.ranges = draft, {}
    driver = driver_for(parser.formula_parser())
    assert driver is not None
    try:
        if fast:
            done = driver.read(draft.text)
            if not isinstance(done, Rejected):
                return None
            raise done.error()
        parser.formula_parser().parse(draft.text)
    except UnexpectedInput as exc:
        token = getattr(exc, "token", None)
        error = parser._syntax_error(draft, exc)
        return (type(exc).__name__, getattr(token, "type", None), str(token),
                getattr(token, "start_pos", None), sorted(getattr(exc, "expected", ())),
                error.key, str(error))
    except FormulaSyntaxError:
        return None
    raise AssertionError(f"{text!r} parsed")


def test_rejections_raise_what_lark_raises() -> None:
    """A text the table rejects is not read a second time by ``Lark.parse``: the driver's
    :class:`Rejected` raises the same exception, so the user sees the same message."""
    compared = 0
    for text in (*BROKEN, *TEXTS):
        fast = _rejection(text, fast=True)
        if fast is None:
            continue
        assert fast == _rejection(text, fast=False), text
        compared += 1
    assert compared >= 10
