"""The :class:`Draft` every normalisation step edits, and the record of what each step changed.

A draft keeps, for each character of the current text, the offset of the source character it
came from (``origin``), so that syntax errors and node spans point into the text the user
wrote.  Every edit goes through :meth:`Draft.replace`, :meth:`Draft.keep`, :meth:`Draft.blank` or
:meth:`Draft.rebuild`, and each records a :class:`~indikator.formula.rewrite.Rewrite` (which
step, where in the source, what was there, what it became) in :attr:`Draft.rewrites`.  Text
inside double quotes and ``\\text{…}`` is masked (:attr:`Draft.masked`) so steps do not look
inside names.  This module edits and records; it decides nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from indikator.formula.normalise.words import MARKS
from indikator.formula.rewrite import Rewrite

_MARK_TABLE = str.maketrans(MARKS)
_CONTENT = re.compile(r"[^\W\d_]{2,}|\d")
"""What makes cut-off text worth keeping (a word or a number), not layout (``---- x``)."""
_EXAMPLE_STEPS = frozenset({"split_assignment", "split_sentences"})
_QUANTITY_WORD = re.compile(r"\b(?:jumlah|jml|total|banyaknya|realisasi|target)\b", re.IGNORECASE)
"""Text these steps set apart as a worked example or restatement is a guess when it names a
quantity (``… atau kelompok sosial j i = x 100 = 5.400 … Jumlah PMKS …``): the reader may have
cut a side of the formula off, so the rewrite is recorded as uncertain (a warning)."""

_WORD_CONTEXT = 60
"""At most this many letters and digits on each side of a split word are shown in its rewrite
(``Bx100`` → ``B x 100``): a longer run is not a word anyone wrote, and reading all of it for
each split (``Bx100Bx100…``) would make the recording quadratic."""


@dataclass
class Draft:
    """Text being normalised, with the source offset of every character (``origin``)."""

    source: str
    text: str = ""
    origin: list[int] = field(default_factory=list)
    name: str | None = None
    definitions: dict[str, str] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    rewrites: list[Rewrite] = field(default_factory=list)
    step: str = ""
    """The step now running (the runner sets it; rewrites are recorded under it)."""
    moving: bool = False
    """The running step moves what it takes out of the text into the name, the definitions
    or the examples (so what :meth:`keep` cuts off is ``move``, not ``drop``)."""
    _masked: tuple[str, str, tuple[tuple[int, int], ...]] | None = field(
        default=None, repr=False, compare=False
    )
    _lower: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text and not self.origin:
            self.text = self.source
            self.origin = list(range(len(self.source) + 1))

    # -- recording ----------------------------------------------------------------------
    def _source_range(self, start: int, end: int) -> tuple[int, int]:
        origin = self.origin
        begin = origin[min(start, len(origin) - 1)]
        if end <= start:
            return begin, begin
        finish = origin[min(end - 1, len(origin) - 1)] + 1
        return begin, max(begin, finish)

    def record(
        self, kind: str, start: int, end: int, after: str = "", certain: bool = True
    ) -> None:
        """Record that ``text[start:end]`` (current offsets) became *after*.  The range is
        narrowed to its non-blank part, so text an earlier step blanked is not recorded twice."""
        segment = self.text[start:end]
        stripped = segment.strip()
        if stripped:
            start += len(segment) - len(segment.lstrip())
            end = start + len(stripped)
        begin, finish = self._source_range(start, end)
        before = self.source[begin:finish]
        if kind in ("drop", "move") and not before.strip():
            return
        if kind == "drop" and self.moving and _CONTENT.search(before):
            kind = "move"
        self.rewrites.append(
            Rewrite(self.step, kind, begin, finish, before, after.translate(_MARK_TABLE), certain)
        )

    def _splits_word(self, start: int, end: int, new: str) -> bool:
        """Does replacing ``text[start:end]`` by *new* put a space inside a word (``Bx100`` →
        ``B x 100``)?"""
        text = self.text
        left = start > 0 and text[start - 1].isalnum() and new[:1].isspace()
        right = end < len(text) and text[end].isalnum() and new[-1:].isspace()
        return left or right

    def _record_edit(self, start: int, end: int, new: str) -> None:
        old = self.text[start:end]
        if old.strip() == new.strip():
            if old != new and self._splits_word(start, end, new):
                text = self.text
                begin, finish = start, end
                first, last = max(0, start - _WORD_CONTEXT), min(len(text), end + _WORD_CONTEXT)
                while begin > first and text[begin - 1].isalnum():
                    begin -= 1
                while finish < last and text[finish].isalnum():
                    finish += 1
                after = self.text[begin:start] + new + self.text[end:finish]
                self.record("replace", begin, finish, " ".join(after.split()))
            return
        if not new.strip():
            self.record("drop", start, end)
        elif new and all(char in MARKS for char in new.strip()):
            self.record("mark", start, end, new.strip())
        elif not old.strip():
            begin = self.origin[min(start, len(self.origin) - 1)]
            self.rewrites.append(Rewrite(self.step, "insert", begin, begin, "", new.strip()))
        else:
            self.record("replace", start, end, new)

    # -- editing ------------------------------------------------------------------------
    def replace(self, edits: Iterable[tuple[int, int, str]]) -> None:
        """Apply non-overlapping edits ``(start, end, new)`` given in current-text offsets."""
        ordered = sorted(edits)
        if not ordered:
            return
        parts: list[str] = []
        origin: list[int] = []
        position = 0
        for start, end, new in ordered:
            if start < position:
                continue  # overlapping edit: keep the first
            parts.append(self.text[position:start])
            origin.extend(self.origin[position:start])
            self._record_edit(start, end, new)
            parts.append(new)
            if len(new) == end - start:
                origin.extend(self.origin[start:end])
            else:
                origin.extend([self.origin[start]] * len(new))
            position = end
        parts.append(self.text[position:])
        origin.extend(self.origin[position:])
        self.text = "".join(parts)
        self.origin = origin

    def rebuild(self, pieces: Iterable[tuple[int, int] | str]) -> None:
        """New text from slices ``(start, end)`` of the current text and literal strings."""
        parts: list[str] = []
        origin: list[int] = []
        anchor = self.origin[0]
        pieces = list(pieces)
        self._record_rebuild(pieces)
        for piece in pieces:
            if isinstance(piece, str):
                parts.append(piece)
                origin.extend([anchor] * len(piece))
            else:
                start, end = piece
                parts.append(self.text[start:end])
                origin.extend(self.origin[start:end])
                anchor = self.origin[end] if end < len(self.origin) else anchor
        end_origin = self.origin[-1]
        self.text = "".join(parts)
        self.origin = [*origin, end_origin]

    def _record_rebuild(self, pieces: list[tuple[int, int] | str]) -> None:
        kept = sorted(piece for piece in pieces if not isinstance(piece, str))
        position = 0
        for start, end in [*kept, (len(self.text), len(self.text))]:
            if start > position and self.text[position:start].strip():
                self.record("drop", position, start)
            position = max(position, end)
        # a literal is placed after the slice before it, or before the first slice
        anchor = self.origin[kept[0][0]] if kept else self.origin[0]
        for piece in pieces:
            if not isinstance(piece, str):
                anchor = self.origin[min(piece[1], len(self.origin) - 1)]
            elif piece.strip():
                inserted = Rewrite(self.step, "insert", anchor, anchor, "", piece.strip())
                self.rewrites.append(inserted)

    def keep(self, start: int, end: int) -> None:
        """Keep only ``text[start:end]``."""
        if start > 0:
            self.record("drop", 0, start)
        if end < len(self.text):
            tail = self.text[end:]
            guessed = self.step in _EXAMPLE_STEPS and _QUANTITY_WORD.search(tail) is not None
            self.record("drop", end, len(self.text), certain=not guessed)
        cached = self._masked
        self.origin = [*self.origin[start:end], self.origin[end]]
        text = self.text[start:end]
        if cached is not None and cached[0] is self.text:
            spans = cached[2]
            if not any(s < start < e or s < end < e for s, e in spans):
                # no protected region is cut: the mask of the slice is the slice of the mask
                inside = tuple((s - start, e - start) for s, e in spans if start <= s and e <= end)
                self._masked = (text, cached[1][start:end], inside)
        self.text = text

    def blank(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Replace ``text[start:end]`` by spaces for each range, none of which may touch a
        protected region (ranges found in :attr:`masked` outside quotes and ``\\text{}``
        qualify); the origin map and the mask stay valid."""
        masked = self.masked
        cached = self._masked
        assert cached is not None
        texts: list[str] = []
        masks: list[str] = []
        position = 0
        for start, end in sorted(ranges):
            start = max(start, position)  # overlapping ranges blank their union
            if end > start:
                self.record("drop", start, end)
            texts.extend((self.text[position:start], " " * (end - start)))
            masks.extend((masked[position:start], " " * (end - start)))
            position = max(position, end)
        texts.append(self.text[position:])
        masks.append(masked[position:])
        self.text = "".join(texts)
        self._masked = (self.text, "".join(masks), cached[2])

    @property
    def lower(self) -> str:
        """The text case-folded (cached), for cheap "does this step apply" checks."""
        cached = self._lower
        if cached is not None and cached[0] is self.text:
            return cached[1]
        lower = self.text.lower()
        self._lower = (self.text, lower)
        return lower

    @property
    def masked(self) -> str:
        """The text with the inside of every double-quoted string and ``\\text{…}`` replaced
        by ``q`` (same length), for steps that must not look inside names."""
        cached = self._masked
        if cached is not None and cached[0] is self.text:
            return cached[1]
        masked, spans = _mask_text(self.text)
        self._masked = (self.text, masked, spans)
        return masked


_TEXT_REGION = r"(?<=\\)(?:text|mathrm|textrm|textit|mathit|mbox|operatorname)\s*\{[^{}]*\}"
_PROTECTED = re.compile(r'"(?:[^"\\\n]|\\.)*+(?P<closed>")?|' + _TEXT_REGION)
"""A double-quoted string (possessive: an unclosed quote runs to the end of its line once, so
a line of many unclosed quotes is scanned once, not once per quote) or a ``\\text{…}``."""
_TEXT_ONLY = re.compile(_TEXT_REGION)


def _regions(text: str) -> list[tuple[int, int, bool]]:
    """The protected regions ``(start, end, quoted)`` of *text*, left to right, in one pass."""
    found: list[tuple[int, int, bool]] = []
    position = 0
    while True:
        match = _PROTECTED.search(text, position)
        if match is None:
            return found
        start, end = match.span()
        if text[start] != '"':
            found.append((start, end, False))
        elif match.group("closed"):
            found.append((start, end, True))
        else:  # an unclosed quote protects nothing; a \text{} on its line still counts
            for inner in _TEXT_ONLY.finditer(text, start + 1):
                if inner.start() >= end:
                    break
                found.append((inner.start(), inner.end(), False))
                end = max(end, inner.end())
        position = max(end, start + 1)


def _mask_text(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """*text* with the inside of its protected regions replaced by ``q``, and the regions
    (a ``\\text{…}`` region includes its backslash)."""
    if '"' not in text and "\\" not in text:
        return text, ()
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for start, end, quoted in _regions(text):
        if quoted:
            head = start + 1
            spans.append((start, end))
        else:
            head = text.index("{", start) + 1
            spans.append((start - 1, end))
        pieces.append(text[position:head])
        pieces.append("q" * (end - 1 - head))
        position = end - 1
    pieces.append(text[position:])
    return "".join(pieces), tuple(spans)


_SPACE = re.compile(r"\s+")


def _contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Does *text* contain one of *words*?  (The cheap test most steps start with.)"""
    for word in words:  # noqa: SIM110 - twice as fast as any() over a generator
        if word in text:
            return True
    return False


def fold(text: str) -> str:
    """Runs of whitespace → one space, stripped."""
    return _SPACE.sub(" ", text).strip()


def _subst(draft: Draft, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> bool:
    edits = [(m.start(), m.end(), repl(m)) for m in pattern.finditer(draft.masked)]
    edits = [edit for edit in edits if draft.text[edit[0] : edit[1]] != edit[2]]
    draft.replace(edits)
    return bool(edits)


_BRACKET = re.compile(r"[()\[\]{}]")


def _depth_zero(text: str) -> list[bool]:
    """For each character: is it outside every bracket?  (A closing bracket counts as
    inside; one without an opening bracket as outside.)"""
    depth = 0
    flags: list[bool] = []
    position = 0
    for match in _BRACKET.finditer(text):
        index = match.start()
        flags.extend([depth == 0] * (index - position))
        if text[index] in "([{":
            depth += 1
            flags.append(False)
        elif depth:
            depth -= 1
            flags.append(False)
        else:
            flags.append(True)
        position = index + 1
    flags.extend([depth == 0] * (len(text) - position))
    return flags
