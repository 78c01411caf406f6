"""One-line dash-bar fractions: ``NUMERATOR ------ x 100 % [worked example] DENOMINATOR``.

PDF text and database exports of LPPD IKK tables flatten a stacked fraction onto one line: the
numerator, the bar as a run of dashes, underscores or dotted leaders, the factor, sometimes a
worked example (``1/1) x 100 %``, ``(247/201.835) x 100 % = 0,005``), then the denominator.
:func:`unflatten_dash_bar` reads that back as ``(NUMERATOR) / (DENOMINATOR) × 100 %`` and keeps
the worked example apart.  It reads the line as tokens (bar, factor, example, words) from left
to right, once; it never guesses an operator that is not written (the bar is written).
"""

from __future__ import annotations

import re

from indikator.formula.normalise.draft import Draft, fold

_BAR_RUN = re.compile(r"[-_—–]{4,}|[.…]{4,}|…{2,}|[.…]{2,}(?:\s+[.…]{2,})+")
_BAR_QUICK = re.compile(r"----|____|——|––|\.\.|…")
_BAR_TAIL = re.compile(r"[-_—–.…\s]*")
_FACTOR = re.compile(r"(?:[xX×*]\s*)?(?P<factor>\d+(?:[.,]000)*)\s*(?P<percent>%)?|(?P<bare>%)")
_EXAMPLE = re.compile(r"(?:[\d\s.,/()=%:+\-−–]|[xX×*](?=\s*[\d(]))*")
_LETTER = re.compile(r"[^\W\d_]")
_OPERATOR = re.compile(r"[/×÷*=]|\s[xX]\s|[-_—–]{4,}")


def unflatten_dash_bar(draft: Draft) -> None:
    """``A ------ x 100 % B`` (also with ``……`` leaders, a trailing worked example or only a
    ``%`` after the bar) → ``(A) / (B) × 100 %``; the worked example goes to the examples.
    Only a single line whose both sides hold words and no operator of their own."""
    if not _BAR_QUICK.search(draft.text):
        return
    text = draft.masked
    bar = _BAR_RUN.search(text)
    if bar is None or "\n" in text.strip():
        return
    head = text[: bar.start()]
    if not _LETTER.search(head) or _OPERATOR.search(head):
        return
    position = _BAR_TAIL.match(text, bar.end()).end()  # type: ignore[union-attr]
    factor = _FACTOR.match(text, position)
    factor_span: tuple[int, int] | None = None
    if factor and (factor.group("percent") or factor.group("bare") or text[position] in "xX×*"):
        factor_span = factor.span()
        position = factor.end()
    example = _EXAMPLE.match(text, position)
    example_end = example.end() if example else position
    while example_end > position and text[example_end - 1] not in " )%":
        example_end -= 1  # do not eat the first letters' neighbours
    tail = text[example_end:]
    first_letter = _LETTER.search(tail)
    if first_letter is None or tail[: first_letter.start()].strip():
        return
    den_start = example_end + first_letter.start()
    den_end = len(text.rstrip())
    if _OPERATOR.search(text[den_start:den_end]):
        return
    worked = fold(draft.text[position:den_start])
    if re.search(r"\d", worked):
        draft.examples.append(worked)
    num_start = len(head) - len(head.lstrip())
    num_end = len(head.rstrip())
    pieces: list[tuple[int, int] | str] = [
        "(", (num_start, num_end), ") / (", (den_start, den_end), ")"
    ]
    if factor_span is not None:
        if factor is not None and factor.group("bare"):
            pieces.append(" × 100 %")
        else:
            pieces += [" × ", (factor.start("factor"), factor_span[1])]  # type: ignore[union-attr]
    draft.rebuild(pieces)


_TABLE_MARKS = re.compile(
    r"^[ \t]*\|+|\|+[ \t]*$|(?<=[\w\s])\*+\)(?=\s|$)", re.MULTILINE
)


def strip_table_marks(draft: Draft) -> None:
    """Table borders (``|`` at the start or end of a line) and footnote marks (``*)``,
    ``**)``) after a word are layout, not formula: they become spaces."""
    if "|" not in draft.text and "*)" not in draft.text:
        return
    blanks = [m.span() for m in _TABLE_MARKS.finditer(draft.masked)]
    if blanks:
        draft.blank(blanks)
