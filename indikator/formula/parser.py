"""Parse formula text into a :class:`~indikator.formula.model.Formula`: ``parse(text)``.

Text first goes through the named steps of :mod:`indikator.formula.normalise` (name, definitions,
worked examples, stacked fractions, verbal frames, name-internal marks), then through the
``formula`` start rule of the grammar, parsed by a cached LALR parser whose transformer
builds :mod:`indikator.formula.nodes` with spans into the text as written.  A small driver runs
Lark's own tables and lexers for speed; a text whose token (or end) the table rejects raises
the exception Lark would raise there, and any other text it does not accept goes through
``Lark.parse``, so errors are Lark's.

Every failure is a :class:`~indikator.core.errors.FormulaSyntaxError` with ``line``, ``column``
(1-based, in the text as written), the offending line with a caret under the place, and what
was expected, in Bahasa Indonesia or English.  Nothing else escapes :func:`parse`, whatever the
input.  This module does not evaluate, analyse or print formulas.
"""

from __future__ import annotations

import math
import re
import threading
from functools import cache
from typing import Any, cast

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    VisitError,
)

from indikator.core.errors import FormulaSyntaxError
from indikator.core.i18n import t
from indikator.formula.depth import depth_of
from indikator.formula.grammar import build_parser
from indikator.formula.lalr import Driver, Rejected, driver_for
from indikator.formula.model import Formula
from indikator.formula.names import display_name, looks_garbled
from indikator.formula.nodes import (
    BinaryOperator,
    BinOp,
    Call,
    Neg,
    Node,
    Number,
    Span,
    Variable,
    walk,
)
from indikator.formula.normalise import MARKS, Draft, normalise
from indikator.formula.operators import FUNCTION_ALIASES

__all__ = ["FUNCTION_ALIASES", "MAX_DEPTH", "parse", "parse_number"]

MAX_DEPTH = 120
"""Deepest nesting of operators accepted (deeper input is refused with a syntax error)."""

MAX_LENGTH = 100_000
"""Longest text accepted, in characters."""


_OPERATORS: dict[str, BinaryOperator] = {
    "F_PLUS": "+",
    "F_MINUS": "-",
    "F_TIMES": "*",
    "F_DIV": "/",
    "F_POW": "^",
}

_LEFTOVER_BAR = re.compile(r"(?:^|(?<=\s))[-_—–]{3,}(?=\s|$)")
_NUMBER_SPACES = re.compile(r"[ \u00a0\u202f]")
_THOUSANDS_DOT = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")
_MARK_TABLE = str.maketrans(MARKS)
_SUBSCRIPT = re.compile(r"_\{\s*([^{}]*?)\s*\}")


def _subscripts(text: str) -> str:
    """``PJN_{bs}`` → ``PJN_bs``."""
    return _SUBSCRIPT.sub(r"_\1", text) if "_{" in text else text


def parse_number(text: str) -> float:
    """The value of a number as the grammar lexes it (``100.000`` = 100000, ``0,376``,
    ``0.111``, ``20 000``, ``2,297E+09``)."""
    if text.isdecimal():  # the common case: digits only
        return float(text)
    compact = _NUMBER_SPACES.sub("", text)
    if _THOUSANDS_DOT.match(compact) or (" " in text or "\u00a0" in text or "\u202f" in text):
        compact = compact.replace(".", "")
    return float(compact.replace(",", "."))


class _Name:
    """A name being assembled from tokens: its character range in the normalised text."""

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end


class _State(threading.local):
    """The text being parsed in this thread (the inline transformer reads it)."""

    draft: Draft
    ranges: dict[int, tuple[int, int]]
    chains: dict[int, tuple[Node, int]]
    """Depth of each operator node built so far (a lower bound: other nodes count as 1); the
    node is kept with it, so an id reused by a later object is never mistaken for it."""

    def __init__(self) -> None:  # per thread: a reduction may run before parse() sets them
        self.ranges, self.chains = {}, {}


_STATE = _State()


def _chain_depth(node: Node) -> int:
    known = _STATE.chains.get(id(node))
    return known[1] if known is not None and known[0] is node else 1


@v_args(inline=True)
class _ToNodes(Transformer[Token, Any]):
    """Reductions → nodes, called by the LALR parser as it reduces (no tree is built, no
    recursion); spans are mapped back to the text as written."""

    @property
    def draft(self) -> Draft:
        return _STATE.draft

    @property
    def ranges(self) -> dict[int, tuple[int, int]]:
        return _STATE.ranges

    # -- helpers ------------------------------------------------------------------------
    def _span(self, start: int, end: int) -> Span:
        origin = _STATE.draft.origin
        last = len(origin) - 1
        begin = origin[start if start < last else last]
        if end <= start:
            return Span(begin, begin)
        finish = origin[end - 1] + 1 if end - 1 <= last else origin[last]
        return Span(begin, finish if finish > begin else begin)

    def _range(self, item: Any) -> tuple[int, int]:
        kind = type(item)
        if kind is Token:
            return item.start_pos or 0, item.end_pos or 0
        if kind is _Name:
            return item.start, item.end
        return _STATE.ranges.get(id(item), (0, 0))

    def _node(self, item: Any) -> Node:
        if type(item) is _Name:
            raw = _STATE.draft.text[item.start : item.end]
            name = display_name(_subscripts(raw.translate(_MARK_TABLE)))
            return self._mark(Variable(name=name, span=self._span(item.start, item.end)), item)
        assert isinstance(item, Node)
        return item

    def _mark(self, node: Node, *items: Any) -> Node:
        start, end = self._range(items[0])
        if len(items) > 1:
            end = self._range(items[-1])[1]
        if node.span is None:
            object.__setattr__(node, "span", self._span(start, end))
        _STATE.ranges[id(node)] = (start, end)
        return node

    def _binop(self, op: BinaryOperator, left: Any, right: Any) -> Node:
        built = BinOp(op, self._node(left), self._node(right))
        # a chain of operators deeper than the limit is refused as soon as it is: a text of
        # 10^5 characters of "a - b - c …" would otherwise build 10^4 nodes only to be refused
        depth = 1 + max(_chain_depth(built.left), _chain_depth(built.right))
        if depth > MAX_DEPTH:  # a run of operators (brackets deeper than this are refused first)
            raise _error(_STATE.draft, "parse.too_many_operations", self._range(right)[0],
                         limit=MAX_DEPTH)
        _STATE.chains[id(built)] = (built, depth)
        return self._mark(built, left, right)

    # -- rules --------------------------------------------------------------------------
    def formula(self, expr: Any) -> Node:
        return self._node(expr)

    def f_add(self, left: Any, _op: Token, right: Any) -> Node:
        return self._binop("+", left, right)

    def f_sub(self, left: Any, _op: Token, right: Any) -> Node:
        return self._binop("-", left, right)

    def f_mul(self, left: Any, _op: Token, right: Any) -> Node:
        return self._binop("*", left, right)

    def f_div(self, left: Any, _op: Token, right: Any) -> Node:
        return self._binop("/", left, right)

    def f_implicit(self, left: Any, right: Any) -> Node:
        return self._binop("*", left, right)

    def f_pow(self, left: Any, _op: Token, right: Any) -> Node:
        return self._binop("^", left, right)

    def f_neg(self, op: Token, operand: Any) -> Node:
        return self._mark(Neg(self._node(operand)), op, operand)

    def f_pos(self, op: Token, operand: Any) -> Node:
        return self._mark(self._node(operand), op, operand)

    def f_sigma(self, op: Token, operand: Any) -> Node:
        inner = self._node(operand)
        if isinstance(inner, BinOp) and inner.op == "/":
            # "Σ A / B": the sum runs over the numerator
            total = self._mark(Call("sum", (inner.left,)), op, inner.left)
            return self._mark(BinOp("/", total, inner.right), op, operand)
        return self._mark(Call("sum", (inner,)), op, operand)

    def f_sqrt(self, op: Token, operand: Any) -> Node:
        return self._mark(Call("sqrt", (self._node(operand),)), op, operand)

    def f_in_percent(self, expr: Any, op: Token) -> Node:
        hundred = self._mark(Number(100.0, percent=True), op)
        return self._mark(BinOp("*", self._node(expr), hundred), expr, op)

    def f_frac(self, op: Token, numerator: Any, denominator: Any) -> Node:
        node = BinOp("/", self._node(numerator), self._node(denominator))
        return self._mark(node, op, numerator, denominator)

    def f_group(self, open_: Token, expr: Any, close: Token) -> Node:
        node = self._node(expr)
        self.ranges[id(node)] = (self._range(open_)[0], self._range(close)[1])
        return node

    def f_call(self, func: Token, open_: Token, *rest: Any) -> Node:
        args = tuple(self._node(item) for item in rest[:-1] if not isinstance(item, Token))
        canonical = FUNCTION_ALIASES[str(func).casefold()]
        return self._mark(Call(canonical, args), func, rest[-1])

    def f_number(self, token: Token) -> Node:
        return self._mark(Number(self._value(token)), token)

    def f_percent(self, token: Token, percent: Token) -> Node:
        return self._mark(Number(self._value(token), percent=True), token, percent)

    def f_hundred_percent(self, token: Token) -> Node:
        return self._mark(Number(100.0, percent=True), token)

    def _value(self, token: Token) -> float:
        value = parse_number(str(token))
        if not math.isfinite(value):
            start, _ = self._range(token)
            raise _error(self.draft, "parse.number_too_large", start, found=str(token))
        return value

    def f_quoted(self, token: Token) -> Node:
        text = str(token)[1:-1]
        name = display_name(re.sub(r"\\(.)", r"\1", text))
        start, end = self._range(token)
        if not name:
            raise _error(self.draft, "parse.empty_name", start)
        return self._mark(Variable(name=name, span=self._span(start, end)), token)

    def f_text(self, token: Token) -> Node:
        raw = str(token).translate(_MARK_TABLE)
        close = raw.index("}")
        inner = raw[raw.index("{") + 1 : close]
        name = display_name(_subscripts(inner + raw[close + 1 :]))
        start, end = token.start_pos or 0, token.end_pos or 0
        if not inner.strip():
            raise _error(self.draft, "parse.empty_name", start)
        return self._mark(Variable(name=name, span=self._span(start, end)), token)

    def f_name(self, first: Any, piece: Any = None) -> _Name:
        start, end = self._range(first)
        if piece is not None:
            end = self._range(piece)[1]
        return _Name(start, end)

    def f_name_bracket(self, open_: Token, *rest: Any) -> _Name:
        return _Name(self._range(open_)[0], self._range(rest[-1])[1])


# ---------------------------------------------------------------------------------- errors
_EXPECTED_GROUPS: dict[str, str] = {
    "F_WORD": "parse.expect_name",
    "F_QUOTED": "parse.expect_name",
    "F_TEXT": "parse.expect_name",
    "F_NUMBER": "parse.expect_number",
    "F_HUNDRED_PERCENT": "parse.expect_number",
    "F_OPEN": "parse.expect_open",
    "F_FRAC": "parse.expect_open",
    "F_FUNC": "parse.expect_open",
    "F_CLOSE": "parse.expect_close",
    "F_PLUS": "parse.expect_operator",
    "F_MINUS": "parse.expect_operator",
    "F_TIMES": "parse.expect_operator",
    "F_DIV": "parse.expect_operator",
    "F_POW": "parse.expect_operator",
    "F_PERCENT": "parse.expect_percent",
    "F_ARGSEP": "parse.expect_separator",
    "$END": "parse.expect_end",
}


def _expected(names: Any, lang: str | None) -> str:
    keys: list[str] = []
    for name in sorted(str(n) for n in names or ()):
        key = _EXPECTED_GROUPS.get(name)
        if key and key not in keys:
            keys.append(key)
    order = list(dict.fromkeys(_EXPECTED_GROUPS.values()))
    keys.sort(key=order.index)
    return ", ".join(t(key, lang) for key in keys) or t("parse.expect_nothing", lang)


class LocatedSyntaxError(FormulaSyntaxError):
    """A syntax error that renders its caret context and expectations in any language."""

    def message(self, lang: str | None = None) -> str:
        params = dict(self.params)
        if "expected_terms" in params:
            params["expected"] = _expected(params["expected_terms"], lang)
        text = t(self.key, lang, **params)
        context = params.get("context")
        if context:
            return f"{text}\n{context}"
        return text

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        data = super().to_json(lang)
        data["message"] = data["message"].split("\n", 1)[0]
        if "context" in self.params:
            data["context"] = self.params["context"]
        if "expected_terms" in self.params:
            data["expected"] = _expected(self.params["expected_terms"], lang).split(", ")
        return data


def _locate(source: str, offset: int) -> tuple[int, int, str]:
    offset = max(0, min(offset, len(source)))
    line = source.count("\n", 0, offset) + 1
    line_start = source.rfind("\n", 0, offset) + 1
    line_end = source.find("\n", offset)
    if line_end < 0:
        line_end = len(source)
    column = offset - line_start + 1
    text = source[line_start:line_end]
    shown_start = max(0, column - 1 - 60)
    shown = text[shown_start : shown_start + 120]
    caret = " " * (column - 1 - shown_start) + "^"
    return line, column, f"  {shown}\n  {caret}"


def _error(draft: Draft, key: str, position: int, **params: Any) -> FormulaSyntaxError:
    origin = draft.origin
    offset = origin[max(0, min(position, len(origin) - 1))] if origin else 0
    line, column, context = _locate(draft.source, offset)
    return LocatedSyntaxError(key, line=line, column=column, context=context, **params)


def _describe(token: Any) -> str:
    if isinstance(token, Token):
        if token.type == "$END":
            return "<akhir/end>"
        return repr(str(token).translate(_MARK_TABLE))
    return repr(str(token))


def _written(draft: Draft, position: int, token: str) -> bool:
    """Is *token*, at *position* of the normalised text, what the user wrote there?"""
    origin = draft.origin
    if not origin:
        return True
    offset = origin[max(0, min(position, len(origin) - 1))]
    written = draft.source[offset : offset + len(token)]
    return written.translate(_MARK_TABLE) == token.translate(_MARK_TABLE) or token.strip() == ""


def _syntax_error(draft: Draft, error: UnexpectedInput) -> FormulaSyntaxError:
    if isinstance(error, UnexpectedCharacters):
        position = int(error.pos_in_stream or 0)
        char = draft.text[position] if position < len(draft.text) else ""
        return _error(
            draft,
            "parse.unexpected_character",
            position,
            found=repr(char.translate(_MARK_TABLE)),
            expected_terms=sorted(error.allowed or ()),
        )
    if isinstance(error, UnexpectedEOF):
        return _error(
            draft, "parse.unexpected_end", len(draft.text), expected_terms=list(error.expected)
        )
    token = getattr(error, "token", None)
    expected = getattr(error, "expected", None) or ()
    if isinstance(token, Token) and token.type == "$END":
        return _error(draft, "parse.unexpected_end", len(draft.text), expected_terms=list(expected))
    position = int(getattr(token, "start_pos", 0) or 0)
    if isinstance(token, Token) and not _written(draft, position, str(token)):
        # the token was inserted by a layout step (a bracket around a stacked side): name the
        # place, not a character the user never wrote
        return _error(draft, "parse.unreadable_layout", position)
    return _error(
        draft,
        "parse.unexpected_token",
        position,
        found=_describe(token),
        expected_terms=sorted(str(e) for e in expected),
    )


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(0, depth - 1)
    return deepest


@cache
def _driver() -> Driver | None:
    """The fast driver over :func:`formula_parser` (``None`` on a Lark it cannot read)."""
    return driver_for(formula_parser())


@cache
def formula_parser() -> Lark:
    """The cached LALR parser of the ``formula`` start rule with the node-building transformer
    applied inline (as the parser reduces).  It is built from the same grammar file as
    :func:`indikator.grammar.lark_parser`; the inline transformer and no position
    propagation make a parse about three times faster than building a tree first."""
    return build_parser("formula", transformer=_ToNodes(), propagate_positions=False)


def parse(text: str) -> Formula:
    """Parse formula *text* as documents write it; raise :class:`FormulaSyntaxError` if the
    grammar cannot read it."""
    if not isinstance(text, str):
        raise FormulaSyntaxError("parse.not_text", line=1, column=1, type=type(text).__name__)
    if len(text) > MAX_LENGTH:
        raise FormulaSyntaxError("parse.too_long", line=1, column=1, limit=MAX_LENGTH)
    try:
        draft = normalise(text)
    except Exception as exc:  # defensive: a step must not fail; never show its internals
        raise FormulaSyntaxError("parse.unreadable", line=1, column=1) from exc
    if not draft.text.strip():
        key = "parse.only_example" if draft.examples or draft.definitions else "parse.empty"
        raise _error(draft, key, 0)
    leftover_bar = _LEFTOVER_BAR.search(draft.masked)
    if leftover_bar:  # a fraction bar no layout step could read: refuse, never guess
        raise _error(draft, "parse.unread_bar", leftover_bar.start())
    openers = draft.text.count("(") + draft.text.count("[") + draft.text.count("{")
    if openers > MAX_DEPTH // 2 and _bracket_depth(draft.text) > MAX_DEPTH // 2:
        raise _error(draft, "parse.too_deep", 0, limit=MAX_DEPTH // 2)
    try:
        _STATE.draft = draft
        _STATE.ranges, _STATE.chains = {}, {}
        driver = _driver()
        done = driver.read(draft.text) if driver else None
        if isinstance(done, Rejected):  # Lark's own exception, without reading the text again
            raise done.error()
        if done is None:  # not readable: Lark's own parse raises the error
            _STATE.ranges, _STATE.chains = {}, {}
            expr, tokens = cast(Node, formula_parser().parse(draft.text)), MAX_DEPTH
        else:
            expr, tokens = cast(Node, done[0]), done[1]
    except UnexpectedInput as exc:
        raise _syntax_error(draft, exc) from None
    except FormulaSyntaxError:
        raise
    except VisitError as exc:
        if isinstance(exc.orig_exc, FormulaSyntaxError):
            raise exc.orig_exc from None
        raise _error(draft, "parse.unreadable", 0) from exc
    except (LarkError, RecursionError) as exc:
        raise _error(draft, "parse.unreadable", 0) from exc
    # every node on a path from the root owns at least one token of its own (an operator,
    # a function, a leaf), so fewer tokens than MAX_DEPTH cannot nest too deep
    if tokens >= MAX_DEPTH and depth_of(expr, MAX_DEPTH)[0] > MAX_DEPTH:
        raise _error(draft, "parse.too_deep", 0, limit=MAX_DEPTH)
    for node in walk(expr):
        if not isinstance(node, Variable) or node.name.count(" ") < 4:
            continue  # a garbled name has at least five words
        quoted = node.span is not None and text[node.span.start : node.span.start + 1] == '"'
        if not quoted and looks_garbled(node.name):
            start = node.span.start if node.span else 0
            line, column, context = _locate(text, start)
            raise LocatedSyntaxError(
                "parse.garbled", line=line, column=column, context=context, name=node.name
            )
    return Formula(
        expr=expr,
        name=display_name(draft.name) if draft.name else None,
        definitions=draft.definitions,
        examples=tuple(draft.examples),
        source=text,
        rewrites=tuple(draft.rewrites),
    )
