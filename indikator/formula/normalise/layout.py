"""Layout recovery: what PDF extraction and table cells did to a formula's shape.

Odd spaces, ``$…$`` delimiters, a stacked fraction flattened into lines, empty slots of a
template, several sentences in one cell, a one-line fraction written as two names around
``x 100``, and worked values interleaved with names.  Each function is one step of
:data:`indikator.formula.normalise.STEPS`, run on a :class:`Draft`; none guesses an operator that
is not written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indikator.formula.normalise.draft import Draft, _depth_zero, _subst, fold
from indikator.formula.normalise.words import (
    _INLINE_QUICK,
    _PLACEHOLDER,
    _WORD_OPERATOR,
    OPERATOR_WORDS,
    QUANTITY_WORDS,
    _first_word,
    _is_phrase,
)

# ---------------------------------------------------------------------------------- steps
_ODD_SPACE = re.compile(r"[^\S \n]|[\u200b\ufeff]")
_ODD_SPACE_QUICK = re.compile(
    "[\t\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
"""The characters :data:`_ODD_SPACE` matches, listed (a listed class is searched much faster
than ``[^\\S …]``; tests/test_parser_normalise.py checks that the two agree)."""


def fold_odd_spaces(draft: Draft) -> None:
    """Tabs, carriage returns, no-break, zero-width and other Unicode spaces → plain spaces
    (same length; line and paragraph separators become line breaks)."""
    if _ODD_SPACE_QUICK.search(draft.text):
        _subst(
            draft,
            _ODD_SPACE,
            lambda m: "\n" if m.group(0) in "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e" else " ",
        )


def strip_math_delimiters(draft: Draft) -> None:
    """``$…$``, ``$$…$$`` and LaTeX spacing commands (``\\,``, ``\\quad``) → spaces."""
    if "$" not in draft.text and "\\" not in draft.text:
        return
    masked = draft.masked
    blanks = []
    dollar = masked.find("$")
    while dollar >= 0:
        blanks.append((dollar, dollar + 1))
        dollar = masked.find("$", dollar + 1)
    if "\\" in masked:
        blanks.extend((m.start(), m.end()) for m in _MATH_SPACING.finditer(masked))
    if blanks:  # same length: the origin map is unchanged
        draft.blank(blanks)


_MATH_SPACING = re.compile(
    r"\\[,;:! ]|\\q?quad\b|\\displaystyle\b|\\textstyle\b|\\limits\b|\\left\s*\.|\\right\s*\."
)


_BAR = re.compile(r"^\s*(?:(?P<label>[^=\n]*?)\s*=\s*)?(?P<rule>[-_=—–.…]{3,})?\s*"
                  r"(?:(?P<times>[xX×*])\s*(?P<factor>\d[\d.,]*\s*%?|[^\W\d]\w{0,3}))?"
                  r"\s*(?:[-_—–…]{3,})?\s*$")  # fmt: skip
_NAMED_LINE = re.compile(r"^\s*+(?P<name>[^=\n]{1,80}?)\s*=\s*(?P<rest>\S.*)$")
_LONE_TIMES = re.compile(r"^\s*[xX×*]\s*(?P<factor>\d[\d.,]*\s*%?)\s*$")
_TRAILING_TIMES = re.compile(
    r"^(?P<body>.*\S)\s+(?P<times>[xX×*])\s*(?P<factor>\d[\d.,]*\s*%?)\s*$"
)


def _is_bar(line: str) -> re.Match[str] | None:
    match = _BAR.match(line)
    if match and (match.group("rule") or match.group("times")):
        return match
    return None


def _split_stack(lines: list[str]) -> int:
    """Index of the first denominator line when numerator and denominator are stacked without a
    bar (each may span several lines; a quantity word starts a new operand)."""
    starts = [i for i, line in enumerate(lines) if _first_word(line) in QUANTITY_WORDS]
    if len(starts) >= 2:
        return starts[1]
    return (len(lines) + 1) // 2


_WRAPPED = re.compile(r"(?<=\s[xX×*])[ ]*\n\s*(?=\d)|(?<=\d)[ ]*\n\s*(?=%[ ]*(?:\n|$))")


def join_wrapped_operators(draft: Draft) -> None:
    """A line that ends with ``x``/``×`` continues on the next (``… X\\n100`` → ``… X 100``),
    and a ``%`` alone on the line after a number belongs to it (``×\\n100\\n%``)."""
    if "\n" in draft.text:
        _subst(draft, _WRAPPED, lambda m: " " * len(m.group(0)))


def unflatten_stacked_fraction(draft: Draft) -> None:
    """A fraction that PDF extraction flattened into lines becomes ``(num) / (den) × factor``.

    Recognised layouts: numerator lines, a bar line (``-----``, ``____``, ``= x 100%``,
    ``Cakupan = x 100%``, ``X 100%``, optionally a label), denominator lines; or a numerator
    line ending in ``x 100%`` followed by the denominator line(s); or the bar first
    (``I = X k``) followed by numerator and denominator lines.  Lines before a line that is
    only ``NAME =`` give the indicator name."""
    if "\n" not in draft.text or _PLACEHOLDER.search(draft.text):
        return
    lines = _nonblank_lines(draft.masked)
    if len(lines) < 3 and not (len(lines) == 2 and _TRAILING_TIMES.match(lines[0][1])):
        return
    name_parts, lines = _split_name_lines(lines)
    stack = _read_stack(lines)
    if stack is None:
        return
    if stack.numerator and not name_parts:
        name_parts, stack.numerator = _name_on_numerator(stack.numerator)
    if not stack.factor and len(stack.denominator) > 1:
        stack.factor, stack.denominator = _factor_below(stack.denominator)
    if not stack.numerator or not stack.denominator:
        return
    if any(_is_bar(line) for _, line in stack.denominator):
        return
    if name_parts:
        draft.name = fold(" ".join(name_parts).rstrip().rstrip("="))
    elif stack.label.strip() and re.search(r"[^\W\d]", stack.label) and "=" in stack.bar_line:
        draft.name = fold(stack.label)
    draft.rebuild(_fraction_pieces(stack))


_Line = tuple[int, str]
"""A line of the masked text with the offset where it starts."""


@dataclass
class _Stack:
    """The operands of a flattened fraction as found in its lines, before the name and a factor
    on its own line are taken off them.  *bar_line* is the bar's text ("" without a bar): the
    bar's label names the indicator only when the bar has an ``=``."""

    numerator: list[_Line]
    denominator: list[_Line]
    factor: str | None = None
    label: str = ""
    bar_line: str = ""


def _nonblank_lines(masked: str) -> list[_Line]:
    """The non-blank lines of *masked*, each with its offset (the rebuild maps back by offset)."""
    raw_lines = masked.split("\n")
    starts = []
    offset = 0
    for line in raw_lines:
        starts.append(offset)
        offset += len(line) + 1
    return [(s, line) for s, line in zip(starts, raw_lines, strict=True) if line.strip()]


def _split_name_lines(lines: list[_Line]) -> tuple[list[str], list[_Line]]:
    """The lines up to one ending in ``=`` (not a bar) name the indicator; the rest follow."""
    for index, (_, line) in enumerate(lines):
        if line.rstrip().endswith("=") and not _is_bar(line):
            return [text for _, text in lines[: index + 1]], lines[index + 1 :]
    return [], lines


def _read_stack(lines: list[_Line]) -> _Stack | None:
    """Numerator and denominator around a bar line, around an inner line ending in ``x 100%``,
    or after a first line ending in ``x 100%``; ``None`` when the lines are none of these."""
    bar_index = next((i for i, (_, line) in enumerate(lines) if _is_bar(line)), None)
    if bar_index is not None:
        return _stack_around_bar(lines, bar_index)
    for index, (_, line) in enumerate(lines[1:-1], start=1):
        trailing = _TRAILING_TIMES.match(line)
        if trailing:
            # "2 Pertumbuhan Ekonomi % x 100%": a label interleaved on the bar line
            return _Stack(lines[:index], lines[index + 1 :], trailing.group("factor"))
    first = _TRAILING_TIMES.match(lines[0][1])
    if not first or len(lines) < 2:
        return None
    start = lines[0][0]
    return _Stack([(start, first.group("body"))], lines[1:], first.group("factor"))


def _stack_around_bar(lines: list[_Line], bar_index: int) -> _Stack:
    """Operands split at the bar; a bar first (``I = X k``) has both operands below it."""
    bar = _is_bar(lines[bar_index][1])
    assert bar is not None
    if bar_index == 0:
        rest = lines[1:]
        cut = _split_stack([line for _, line in rest])
        numerator, denominator = rest[:cut], rest[cut:]
    else:
        numerator, denominator = lines[:bar_index], lines[bar_index + 1 :]
    return _Stack(numerator, denominator, bar.group("factor"), bar.group("label") or "",
                  lines[bar_index][1])


def _name_on_numerator(numerator: list[_Line]) -> tuple[list[str], list[_Line]]:
    """"APK = Jumlah siswa …" / "------ x 100%" / "Jumlah penduduk …": the name sits on the
    numerator's first line; it is taken off when it reads as a short phrase."""
    start, line = numerator[0]
    named = _NAMED_LINE.match(line)
    if named and _is_phrase(named.group("name")) and len(named.group("name").split()) <= 8:
        rest = (start + named.start("rest"), named.group("rest"))
        return [named.group("name")], [rest, *numerator[1:]]
    return [], numerator


def _factor_below(denominator: list[_Line]) -> tuple[str | None, list[_Line]]:
    """"x 100%" on a line of its own below the denominator is the factor, not an operand."""
    last = _LONE_TIMES.match(denominator[-1][1])
    if last:
        return last.group("factor"), denominator[:-1]
    return None, denominator


def _fraction_pieces(stack: _Stack) -> list[tuple[int, int] | str]:
    """``(num) / (den) × factor`` as pieces for :meth:`Draft.rebuild`: the operands' lines are
    kept as spans of the original text (joined by a space), the rest is new text."""
    pieces: list[tuple[int, int] | str] = ["("]
    for index, (start, line) in enumerate(stack.numerator):
        pieces.extend([(start, start + len(line)), " " if index + 1 < len(stack.numerator) else ""])
    pieces.append(") / (")
    for index, (start, line) in enumerate(stack.denominator):
        pieces.extend(
            [(start, start + len(line)), " " if index + 1 < len(stack.denominator) else ""]
        )
    pieces.append(")")
    if stack.factor:
        pieces.append(" × " + stack.factor.strip())
    return pieces


_EMPTY_SLOT = re.compile(r"=\s*(?=[xX×]\s*\d)|\s=\s*$")
_LINE_END_SLOT = re.compile(r"\s=[ \t]*$", re.MULTILINE)
_BAR_LINE = re.compile(r"^\s*[-_—–]{3,}", re.MULTILINE)


def drop_empty_slots(draft: Draft) -> None:
    """Empty result slots of a template (``A = x 100 % B =``, and ``A =`` / ``----`` /
    ``B =`` around a bar line) are dropped."""
    if "=" not in draft.text:
        return
    if "\n" in draft.text and _BAR_LINE.search(draft.masked):
        _subst(draft, _LINE_END_SLOT, lambda m: " " * len(m.group(0)))
    _subst(draft, _EMPTY_SLOT, lambda m: " " * len(m.group(0)))


_SENTENCE = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=\d%)|(?<=.\)))\.\s+(?=[A-Z])")
_SENTENCE_QUICK = re.compile(r"\.\s+[A-Z]")
_ANY_OPERATOR = re.compile(r"[/×÷*:=]|\s[xX]\s|" + OPERATOR_WORDS, re.IGNORECASE)


def split_sentences(draft: Draft) -> None:
    """Prose in several sentences: sentences before the formula without any operator are
    dropped; a later sentence that restates it (``Persentase … = (A/B) * 100%``) is kept as
    an example.  Anything else is left whole (the parser then says what is wrong)."""
    masked = draft.masked
    if ". " not in masked or not _SENTENCE_QUICK.search(masked):
        return
    top = _depth_zero(masked)
    cuts = [m for m in _SENTENCE.finditer(masked) if top[m.start()]]
    if not cuts:
        return
    bounds = [0, *[m.end() for m in cuts]]
    ends = [*[m.start() for m in cuts], len(masked)]
    sentences = list(zip(bounds, ends, strict=True))
    with_operator = [i for i, (s, e) in enumerate(sentences) if _ANY_OPERATOR.search(masked[s:e])]
    if not with_operator:
        return
    first = with_operator[0]
    later = sentences[first + 1 :]
    if any("=" not in masked[s:e] for s, e in later if _ANY_OPERATOR.search(masked[s:e])):
        return
    draft.examples.extend(fold(draft.text[s:e]) for s, e in later)
    start, end = sentences[first]
    draft.keep(start, end)


_NO_OPERATOR = r"(?:[^/×÷*=]|(?<=\w)/(?=\s?\w))"
_INLINE_FRACTION = re.compile(
    r"^(?P<num>" + _NO_OPERATOR + r"*?[^\s/×÷*=])\s*[xX×]\s*(?P<factor>100(?:\.000)?\s*%?)\s+"
    r"(?P<den>[^\W\d]" + _NO_OPERATOR + r"*)$"
)


def unflatten_inline_fraction(draft: Draft) -> None:
    """``A x100% B`` (a stacked fraction flattened onto one line, the factor between the
    numerator and the denominator) → ``(A) / (B) × 100 %``."""
    if not (_INLINE_QUICK.search(draft.text)):
        return
    masked = draft.masked
    match = _INLINE_FRACTION.match(masked.strip())
    if not match or _WORD_OPERATOR.search(match.group("num") + " " + match.group("den")):
        return
    offset = len(masked) - len(masked.lstrip())
    draft.rebuild(
        ["(", (offset + match.start("num"), offset + match.end("num")), ") / (",
         (offset + match.start("den"), offset + match.end("den")), ") × ",
         (offset + match.start("factor"), offset + match.end("factor"))]
    )  # fmt: skip


_WORKED_STACK = re.compile(
    r"^\s*(?P<label>[^\d=]*?)\s*(?P<na>\d[\d.,]*)\s+(?P<num>[^\W\d][^=×÷*/]*?)\s*[xX×]\s*"
    r"(?P<factor>100(?:\.000)?(?:\s*%)?)\s*=\s*(?P<result>\d[\d.,]*\s*%?)\s+(?P<nb>\d[\d.,]*)"
    r"\s+(?P<den>[^\W\d][^=×÷*/]*?)\s*$"
)


def unflatten_worked_stack(draft: Draft) -> None:
    """``LABEL 36.743 Penduduk yang sekolah x 100 = 92,22 39.834 Penduduk usia sekolah``: a
    stacked fraction printed with its values beside the names (LPPD tables) → the formula
    ``(num) / (den) × 100`` and the worked example ``36.743 / 39.834 × 100 = 92,22``."""
    if "=" not in draft.text:
        return
    match = _WORKED_STACK.match(draft.masked)
    if not match:
        return
    if match.group("label").strip() and draft.name is None:
        draft.name = fold(match.group("label"))
    draft.examples.append(
        f"{match.group('na')} / {match.group('nb')} × {match.group('factor')} "
        f"= {match.group('result')}"
    )
    draft.rebuild(
        ["(", (match.start("num"), match.end("num")), ") / (",
         (match.start("den"), match.end("den")), ") × ",
         (match.start("factor"), match.end("factor"))]
    )  # fmt: skip
