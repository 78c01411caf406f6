"""Read and write TOML safely: a nesting limit before parsing, strings any text survives.

:func:`load_toml` reads a TOML file with :mod:`tomllib` after checking, in one linear scan,
that arrays and inline tables are nested at most :data:`MAX_NESTING` deep: ``tomllib`` parses
nesting by recursion, so ``[[[[…]]]]`` 1000 deep raises ``RecursionError`` (an internal error
for the user) instead of a located message.  The scan knows TOML's strings (basic, literal,
multi-line) and comments, so brackets inside them do not count.  A file nested too deep raises
:class:`TomlTooDeep` with the line and column of the bracket that went over the limit.

:func:`toml_string` writes a TOML string any Python text survives (control characters such as
the form feed ``\\f`` of PDF text escaped; lone surrogates, which UTF-8 cannot hold, written as
U+FFFD); :func:`toml_comment` makes one comment line of any text.

It does not validate the content (the catalogue and scale loaders do) nor write whole files.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Final

__all__ = ["MAX_NESTING", "TomlTooDeep", "check_nesting", "load_toml", "toml_comment",
           "toml_string"]

#: Deepest nesting of arrays / inline tables accepted (real catalogues use 3).
MAX_NESTING: Final = 32


class TomlTooDeep(ValueError):
    """Arrays or inline tables nested deeper than :data:`MAX_NESTING` (1-based position)."""

    def __init__(self, line: int, column: int, limit: int = MAX_NESTING) -> None:
        self.line, self.column, self.limit = line, column, limit
        super().__init__(f"nested deeper than {limit} levels at line {line}, column {column}")


_SCAN: Final = re.compile(r'"""|\'\'\'|"|\'|#|[\[{]|[\]}]|\n')
_END_BASIC: Final = re.compile(r'(?:[^"\\\n]|\\.)*"')
_END_MULTI_BASIC: Final = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)


def check_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """Raise :class:`TomlTooDeep` when *text* nests arrays or inline tables deeper than
    *limit*; linear in ``len(text)``.  Unterminated strings end the scan (tomllib reports
    them)."""
    depth = 0
    line = 1
    line_start = 0
    pos = 0
    n = len(text)
    while pos < n:
        match = _SCAN.search(text, pos)
        if match is None:
            return
        token, pos = match.group(), match.end()
        if token == "\n":
            line, line_start = line + 1, pos
        elif token in "[{":
            depth += 1
            if depth > limit:
                raise TomlTooDeep(line, match.start() - line_start + 1, limit)
        elif token in "]}":
            depth = max(0, depth - 1)
        elif token == "#":
            end = text.find("\n", pos)
            pos = n if end < 0 else end
        else:
            end_pos = _string_end(text, token, pos)
            if end_pos < 0:
                return
            newlines = text.count("\n", pos, end_pos)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", pos, end_pos) + 1
            pos = end_pos


def _string_end(text: str, quote: str, pos: int) -> int:
    """Position after the string that starts with *quote* just before *pos*; -1 if open."""
    if quote == "'":
        end = text.find("'", pos)
        newline = text.find("\n", pos)
        return -1 if end < 0 or (0 <= newline < end) else end + 1
    if quote == "'''":
        end = text.find("'''", pos)
        return -1 if end < 0 else end + 3
    found = _END_BASIC.match(text, pos) if quote == '"' else _END_MULTI_BASIC.match(text, pos)
    return -1 if found is None else found.end()


def load_toml(path: str | Path) -> dict[str, Any]:
    """The TOML file at *path* parsed; raises :class:`TomlTooDeep`,
    :class:`tomllib.TOMLDecodeError`, :class:`UnicodeDecodeError` or :class:`OSError`."""
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8")
    check_nesting(text)
    return tomllib.loads(text)


_CONTROL: Final = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")
_ESCAPES: Final = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
                   '"': '\\"', "\\": "\\\\"}
_NEEDS_ESCAPE: Final = re.compile(r'[\x00-\x1f\x7f"\\]')


def toml_string(text: str) -> str:
    """*text* as a TOML string: a literal ``'…'`` when it can be one, else a basic string with
    every control character escaped (``\\f``, ``\\u0000`` …)."""
    text = _SURROGATE.sub("\ufffd", text)
    if "'" not in text and not _CONTROL.search(text):
        return f"'{text}'"
    escaped = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"),
                                text)
    return f'"{escaped}"'


def toml_comment(text: str) -> str:
    """One ``#`` comment line showing *text* (control characters as ``\\uXXXX``)."""
    clean = _SURROGATE.sub("\ufffd", text)
    shown = re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", clean)
    return f"# {shown}".rstrip()
