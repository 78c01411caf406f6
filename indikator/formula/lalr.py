"""A fast LALR driver over a Lark parser's own tables: the one module that reads Lark internals.

``Lark.parse`` sets up a parser state, a lexer thread and line counting for every call, which on
a formula of ten tokens costs more than the parse itself.  :class:`Driver` runs the same LALR
table, the same per-state (contextual) lexers and the same inline-transformer callbacks in one
tight loop.  It reads these Lark internals, and nothing else in the package does:
``lark.parser.parser.parser.parse_table`` / ``.callbacks``, ``lark.parser.lexer.lexers``
(``scanner._mres``, ``ignore_types``, ``callback``), ``ExpandSingleChild`` and ``Shift``.
:func:`driver_for` returns ``None`` when a Lark version keeps them elsewhere, and callers then
use ``Lark.parse`` alone.  ``tests/formula/test_lalr.py`` checks, on every fixture, that the
driver gives the same nodes, spans and failures as ``Lark.parse``; a Lark upgrade that changes
the internals breaks that test and this file only.

The driver does not report errors itself.  When the LALR table rejects a token (or the end of
the text), :meth:`Driver.read` returns a :class:`Rejected` that makes the very exception
``Lark.parse`` raises there (the token and the terminals the state expects, computed as Lark
computes them), so a long text that fails at its end is not read twice.  When no terminal
matches a character (Lark's contextual lexer then makes a subtler report), it returns
``None`` and the caller runs ``Lark.parse`` to raise Lark's own error.  It does not build
trees or know the grammar's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from lark import Lark, Token
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

__all__ = ["Driver", "Rejected", "driver_for"]


@dataclass(frozen=True)
class Rejected:
    """The LALR table rejected *token* (``None``: the end of the text, after *last*) in a state
    that accepts the terminals *expected*."""

    token: Token | None
    expected: set[str]
    last: Token | None = None

    def error(self) -> UnexpectedToken:
        """The exception ``Lark.parse`` raises for this rejection (same token, same set)."""
        token = self.token
        if token is None:  # Lark's end token borrows the position of the last token
            token = (Token.new_borrow_pos("$END", "", self.last) if self.last
                     else Token("$END", "", 0, 1, 1))
        return UnexpectedToken(token, self.expected)  # type: ignore[no-untyped-call]


class Driver:
    """Lark's own LALR table, per-state (contextual) lexers and node-building callbacks, run
    by one tight loop: the same reading of the same grammar, without the per-parse set-up
    and per-token bookkeeping (line counting, lexer threads) of ``Lark.parse``, which cost
    more than the parse itself on formulas of ten tokens.

    It only knows success: whenever a character or a token is not accepted it returns
    ``None``, and :func:`parse` runs ``Lark.parse`` on the text to raise Lark's own
    exception (so errors, and what they expect, are exactly Lark's)."""

    def __init__(self, lark: Lark, start: str = "formula") -> None:
        frontend: Any = lark.parser
        table = frontend.parser.parser.parse_table
        callbacks = frontend.parser.parser.callbacks
        self.states: dict[int, dict[str, Any]] = table.states
        self.start: int = table.start_states[start]
        self.end: int = table.end_states[start]
        # state → terminal or rule name → (next state, None, 0) to shift, or
        # (-1, callback, size, rule name) to reduce by a rule of `size` symbols; the
        # callback is None for a `?rule` with one symbol (Lark's ExpandSingleChild would
        # return that one child unchanged)
        self.actions: dict[int, dict[str, tuple[Any, ...]]] = {}
        for state, row in table.states.items():
            self.actions[state] = {
                kind: (
                    (argument, callbacks.get(kind), 0)
                    if what is Shift
                    else self._reduce(argument, callbacks[argument])
                )
                for kind, (what, argument) in row.items()
            }
        # per state: the regexes, ignored terminals and terminal callbacks of Lark's
        # contextual lexer, taken when a state is first reached (Lark compiles a state's
        # regexes on first use; compiling all of them would slow down a fresh process)
        self.lexers: dict[int, tuple[list[re.Pattern[str]], frozenset[str], dict[str, Any]]] = {}
        self.state_lexers: dict[int, Any] = frontend.lexer.lexers
        # The only ignored terminal is WS, and no other terminal of the formula rules starts
        # with a blank (tests/test_parser.py checks this): blanks are skipped without trying
        # every terminal of the state first.
        (ignored,) = lark.lexer_conf.ignore
        self.blank = re.compile(lark.get_terminal(ignored).pattern.to_regexp())

    def _lexer(self, state: int) -> tuple[list[re.Pattern[str]], frozenset[str], dict[str, Any]]:
        lexer = self.state_lexers[state]
        scanner = lexer.scanner  # built on first use; builds lexer.callback too
        self.lexers[state] = (scanner._mres, lexer.ignore_types, lexer.callback)
        return self.lexers[state]

    @staticmethod
    def _reduce(rule: Any, callback: Any) -> tuple[Any, ...]:
        size = len(rule.expansion)
        if size == 1 and type(callback) is ExpandSingleChild:
            callback = None
        return (-1, callback, size, rule.origin.name)

    def _rejected(self, state: int, token: Token | None, last: Token | None) -> Rejected:
        # the set Lark's parser state builds when a token has no action (same keys, same order)
        expected = {s for s in self.states[state] if s.isupper()}
        return Rejected(token, expected, last)

    def read(self, text: str) -> tuple[Any, int] | Rejected | None:
        """The transformed value of *text* and the number of tokens read; a :class:`Rejected`
        when the table rejects a token or the end; ``None`` when no terminal matches a
        character."""
        actions, lexers, final = self.actions, self.lexers, self.end
        last: Token | None = None
        state_stack = [self.start]
        value_stack: list[Any] = []
        position, length = 0, len(text)
        blank = self.blank.match
        tokens = 0
        while True:
            if position < length:
                skipped = blank(text, position)
                if skipped:
                    position = skipped.end()
                    continue
                state = state_stack[-1]
                patterns, ignore, token_callbacks = lexers.get(state) or self._lexer(state)
                for pattern in patterns:
                    match = pattern.match(text, position)
                    if match:
                        break
                else:
                    return None
                kind = cast(str, match.lastgroup)
                end = match.end()
                if kind in ignore:
                    position = end
                    continue
                token = Token(kind, match.group(0), position, None, None, None, None, end)
                tokens += 1
                if kind in token_callbacks:
                    token = token_callbacks[kind](token)
                    kind = token.type
                position = end
            else:
                token, kind = None, "$END"
            while True:  # reduce as long as the table says so, then shift
                action = actions[state_stack[-1]].get(kind)
                if action is None:
                    return self._rejected(state_stack[-1], token, last)
                target, callback, size = action[0], action[1], action[2]
                if target >= 0:
                    state_stack.append(target)
                    value_stack.append(token if callback is None else callback(token))
                    last = token
                    break
                if callback is None:  # the one value stays, only the state changes
                    del state_stack[-1]
                elif size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                    value_stack.append(callback(children))
                else:
                    value_stack.append(callback([]))
                state_stack.append(actions[state_stack[-1]][action[3]][0])
                if token is None and state_stack[-1] == final:
                    return value_stack[-1], tokens


def driver_for(lark: Lark, start: str = "formula") -> Driver | None:
    """A :class:`Driver` over *lark*'s tables for the *start* rule, or ``None`` if this Lark
    version keeps its tables elsewhere."""
    try:
        return Driver(lark, start)
    except (AttributeError, KeyError, TypeError, ValueError):  # pragma: no cover - other Larks
        return None
