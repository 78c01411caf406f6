"""The normaliser's patterns made linear for issue 12 (class 2) match exactly where their
plain readings match.

Each reference below is the pattern as first written: easy to read, but a search rescans a
run of blanks (or letters) from every position of the run, which is quadratic on hostile
input.  The package's patterns let a match start only where a run starts (a lookbehind) and
take runs possessively; these laws check, on texts made of the material the patterns look
for, that both find the same matches (same spans, same groups), searched from the start and
for the two searched from a position, from the positions their caller searches from (after
blanks a previous pattern consumed).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.formula import names
from indikator.formula.normalise import frames, layout, legends, marks
from indikator.formula.operators import VERB_STEMS, alternation

_STEMS = alternation(VERB_STEMS)[3:-1]
_FLAGS = re.IGNORECASE

REFERENCES: dict[str, tuple[re.Pattern[str], re.Pattern[str], list[str]]] = {
    "_PUNCT_SPACE": (
        re.compile(r"\s*([/\-–—.,:;()\[\]{}%])\s*"),
        names._PUNCT_SPACE,
        [" ", "\n", "/", "-", ".", ",", "(", ")", "%", "a"],
    ),
    "_BULLET": (
        re.compile(r"\s*(?:[-•·*–]|\d{1,2}[.)])\s*$"),
        legends._BULLET,
        [" ", "\n", "-", "•", "1", "12", ".", ")", "a"],
    ),
    "_TRAILING": (
        re.compile(
            r"\s*\(\s*(?:persen|%)\s*\)\s*$|\s+untuk\s+(?:mendapatkan|memperoleh|menghasilkan"
            r"|menyatakan)\b.*$|[\s.;,]+$",
            _FLAGS | re.DOTALL,
        ),
        frames._TRAILING,
        [" ", "\n", ".", ";", ",", "(", ")", "persen", "%", "untuk", "mendapatkan", "a"],
    ),
    "_CONNECTIVE": (
        re.compile(
            r"[,;]?\s*\b(?:(?:dan\s+|yang\s+)?(?:kemudian|" + frames._TIME_BEFORE_LALU
            + r"lalu|selanjutnya|setelah\s+itu)(?:\s+hasilnya)?|(?:dan\s+)?hasilnya)\b"
            r"(?=\s*(?:" + _STEMS + r"|[xX×*]\s))|[,;](?=\s*(?:" + _STEMS + r"|dinyatakan\b))",
            _FLAGS,
        ),
        frames._CONNECTIVE,
        [" ", "\n", ",", ";", "dan", "kemudian", "lalu", "tahun", "hasilnya", "dikalikan",
         "dibagi", "x", "dinyatakan", "setelah", "itu", "a"],
    ),
    "_PENYEBUT": (
        re.compile(r"[.;,]?\s*\bpenyebut\b(?:\s*\([^()]*\))?\s*[:=]\s*", _FLAGS),
        frames._PENYEBUT,
        [" ", "\n", ".", ",", ":", "=", "penyebut", "Penyebut", "(x)", "a"],
    ),
    "_AFTER_PENYEBUT": (
        re.compile(
            r"[.;,]?\s*(?:^|\n|(?<=[.;]\s))\s*(?P<label>(?:ukuran\s*/\s*)?konstanta|ukuran"
            r"|satuan|sumber\s+data|keterangan|catatan|definisi(?:\s+operasional)?"
            r"|interpretasi|frekuensi(?:\s+pengukuran)?)\b[^:\n]{0,20}:",
            _FLAGS | re.MULTILINE,
        ),
        frames._AFTER_PENYEBUT,
        [" ", "\n", "\t", ".", ",", ";", ":", "konstanta", "ukuran", "/", "satuan", "a"],
    ),
}


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=14).map("".join)


def _found(pattern: re.Pattern[str], text: str, position: int = 0) -> list[object]:
    return [(m.span(), m.groupdict(), m.groups()) for m in pattern.finditer(text, position)]


_SEARCHED_FROM_A_POSITION = frozenset({"_PENYEBUT", "_AFTER_PENYEBUT"})


def _positions(name: str, text: str) -> list[int]:
    """Where the caller searches from: the start; for the two searched after an earlier match
    (which took the blanks after it), also every character that is not a blank."""
    if name not in _SEARCHED_FROM_A_POSITION:
        return [0]
    return [p for p in range(len(text) + 1) if p == 0 or p == len(text) or not text[p].isspace()]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_linear_patterns_match_where_their_references_match(data: st.DataObject) -> None:
    for name, (reference, linear, pieces) in REFERENCES.items():
        text = data.draw(_texts(pieces), label=name)
        for position in _positions(name, text):
            assert _found(linear, text, position) == _found(reference, text, position), name


_EXAMPLE_REFERENCE = re.compile(
    r"^\s*(?:[^=\n]{1,40}=)?[\d\s.,%()×xX*/:+\-−–=]*\d[\d\s.,%()×xX*/:+\-−–=]*$"
)
_NAMED_REFERENCE = re.compile(r"^\s*(?P<name>[^=\n]{1,80}?)\s*=\s*(?P<rest>\S.*)$")


@settings(max_examples=400, deadline=None)
@given(_texts([" ", "\n", "=", "1", "x", "/", ".", "%", "(", "a", "ab"]))
def test_anchored_patterns_read_what_their_references_read(text: str) -> None:
    assert bool(legends._EXAMPLE_LINE.match(text)) == bool(_EXAMPLE_REFERENCE.match(text))
    named, reference = layout._NAMED_LINE.match(text), _NAMED_REFERENCE.match(text)
    if reference is not None and not reference.group("name").strip():
        # a "name" of blanks only (the line starts with "="): no longer a match; the one
        # caller never took such a name (it must read as a phrase)
        assert named is None
    else:
        assert (named and named.groupdict()) == (reference and reference.groupdict())


_LOST_MINUS_REFERENCE = re.compile(
    r"(?P<stem>[^\W\d][\w]*)\s*\(\s*t\s*\+\s*1\s*\)(?P<gap>\s+)(?P=stem)\s*\(\s*t\s*\)"
)


def _lost_minus_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    for match in marks._LOST_MINUS.finditer(text):
        start = marks._lost_minus_start(text, match)
        if start is not None:
            edits.append((start, match.end(), text[start : match.start("gap")] + " - "
                          + text[match.end("gap") : match.end()]))
    return edits


@settings(max_examples=600, deadline=None)
@given(_texts(["P", "Q", "PQ", "1", "_", " ", "(t+1) ", "( t + 1 )", "(t)", "P (t+1) P (t)",
               "QP(t+1)  P(t) ", "(t+1)\tPQ (t)"]))
def test_lost_minus_found_where_the_reference_finds_it(text: str) -> None:
    expected = [
        (m.start(), m.end(), m.group(0)[: m.start("gap") - m.start()] + " - "
         + m.group(0)[m.end("gap") - m.start() :])
        for m in _LOST_MINUS_REFERENCE.finditer(text)
    ]
    assert _lost_minus_edits(text) == expected
