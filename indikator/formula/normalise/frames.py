"""Verbal frames and prose around a formula.

``perbandingan antara A dengan B``, ``Pembilang: A. Penyebut: B``, leading prose
(``… adalah …``), trailing prose, connectives (``kemudian``), the indicator's name left of
``=`` and a leading ``Persentase``.  Each function is one step of
:data:`indikator.formula.normalise.STEPS`, run on a :class:`Draft`.
"""

from __future__ import annotations

import re

from indikator.formula.normalise.draft import Draft, _contains_any, _depth_zero, _subst, fold
from indikator.formula.normalise.words import (
    _LEAD_WORDS,
    _PLACEHOLDER,
    OPERATOR_WORDS,
    QUANTITY_WORDS,
    _first_word,
    _unquote_name,
)
from indikator.formula.operators import ALL_VERBS, FRAME_WORDS, VERB_STEMS, alternation

_LEAD = re.compile(
    r"\b(?:adalah|yaitu|yakni|ialah|merupakan|didefinisikan\s+sebagai|diperoleh\s+(?:dari|dengan"
    r"(?:\s+cara)?)(?:\s+menghitung)?|dihitung\s+(?:dengan|dari|berdasarkan)(?:\s+(?:menggunakan|rumus|formula|cara))*"
    r"|dengan\s+rumus|sebagai\s+berikut)\b\s*:?",
    re.IGNORECASE,
)
_STRONG_LEAD = re.compile(r"dihitung|diperoleh|didefinisikan|dengan\s+rumus|sebagai", re.I)
_FIRST_OPERATOR = re.compile(r"[/×÷*]|\s[xX]\s|\b(?:" + OPERATOR_WORDS + r")\b", re.IGNORECASE)


def strip_leading_prose(draft: Draft) -> None:
    """Prose before the formula ("AKI adalah …", "… diperoleh dari …", "… yaitu …") is
    dropped: the text after the last such marker before the first operator is kept."""
    if not _contains_any(draft.lower, _LEAD_WORDS):
        return
    masked = draft.masked
    operator = _FIRST_OPERATOR.search(masked)
    last = None
    for match in _LEAD.finditer(masked, 0, operator.start() if operator else len(masked)):
        if operator or _STRONG_LEAD.match(match.group(0)):
            last = match
    if last is None:
        return
    draft.keep(last.end(), len(draft.text))


_PERCENT_WORD = re.compile(r"^\s*(?:persentase|prosentase|presentase)\s+(?=\S)", re.IGNORECASE)


def _operand_end(masked: str, start: int) -> int:
    stop = re.compile(
        r"(?:,\s*+|(?<!\s)\s++)?\b(?:dikali(?:kan)?|dinyatakan|kemudian|lalu|selanjutnya)\b"
        r"|\s[xX×]\s*\d|[,;]\s|$",
        re.IGNORECASE,
    )
    match = stop.search(masked, start)
    return match.start() if match else len(masked)


def _separator(masked: str, start: int, words: str) -> re.Match[str] | None:
    found = list(re.finditer(r"\s(?:" + words + r")\s+", masked[start:], re.IGNORECASE))
    if not found:
        return None
    for match in found:
        if _first_word(masked[start + match.end() :]) in QUANTITY_WORDS:
            return re.compile(r"\s(?:" + words + r")\s+", re.IGNORECASE).match(
                masked, start + match.start()
            )
    return re.compile(r"\s(?:" + words + r")\s+", re.IGNORECASE).match(
        masked, start + found[0].start()
    )


_FRAME = re.compile(
    r"(?P<lead>\bmembagi\s+|\bperbandingan\s+(?:antara\s+)?"
    r"|^\s*(?:persentase|prosentase|presentase|rasio|proporsi)\s+(?:antara\s+)?(?=.*\sterhadap\s))",
    re.IGNORECASE,
)


def verbal_ratio(draft: Draft) -> None:
    """ "perbandingan (antara) A dengan/terhadap B", "membagi A dengan B" → ``(A) / (B)``;
    "persentase A terhadap B" (also prosentase, presentase) → ``(A) / (B) × 100 %``."""
    if not _contains_any(draft.lower, FRAME_WORDS):
        return
    masked = draft.masked
    frame = _FRAME.search(masked)
    if not frame:
        return
    lead = frame.group("lead").casefold()
    words = (
        "terhadap"
        if lead.lstrip().startswith(("pers", "pros", "pres", "ras", "prop"))
        else ("dengan|terhadap|dan")
    )
    separator = _separator(masked, frame.end(), words)
    if separator is None:
        return
    end = _operand_end(masked, separator.end())
    # "persentase A terhadap B" with nothing after B: the word states the factor, so a
    # person reads A / B × 100 % (an explicit "x 100%", "dikali 100" … after B wins)
    percent = lead.lstrip().startswith(("pers", "pros", "pres")) and not masked[end:].strip(
        " .;,\n"
    )
    draft.rebuild(
        [
            (0, frame.start()),
            "(",
            (frame.end(), separator.start()),
            ") / (",
            (separator.end(), end),
            ") × 100 % " if percent else ") ",
            (end, len(draft.text)),
        ]
    )


# Patterns searched over the whole text take the blanks before their word only from the start
# of the run (``(?:[.;,]\s*+|(?<!\s)\s++)?``) and possessively: ``[.;,]?\s*\bword`` would
# rescan a long run of blanks from each of its positions (quadratic; issue 12).  The matches
# are the same (tests/formula/test_linear_patterns.py).
_PEMBILANG = re.compile(r"\bpembilang\b(?:\s*\([^()]*\))?\s*[:=]\s*", re.IGNORECASE)
_PENYEBUT = re.compile(
    r"(?:[.;,]\s*+|(?<!\s)\s++)?\bpenyebut\b(?:\s*\([^()]*\))?\s*[:=]\s*", re.IGNORECASE
)


_AFTER_PENYEBUT = re.compile(
    r"(?:(?:[.;,]|(?<!\s))(?:^\s*+|[^\S\n]*+\n\s*+|(?<=[.;])\s\s*+)|^|(?<=[.;]\s))"
    r"(?P<label>(?:ukuran\s*/\s*)?konstanta|ukuran|satuan"
    r"|sumber\s+data|keterangan|catatan|definisi(?:\s+operasional)?|interpretasi"
    r"|frekuensi(?:\s+pengukuran)?)\b[^:\n]{0,20}:",
    re.IGNORECASE | re.MULTILINE,
)


def split_numerator_denominator(draft: Draft) -> None:
    """``Pembilang (Numerator): A. Penyebut (Denominator): B.`` → ``(A) / (B)``.  A labelled
    line after the denominator (``Konstanta: 100``, ``Ukuran: Persentase (%)``, ``Sumber data:
    …``) ends it; a constant or a percentage named there becomes the factor (as
    "dinyatakan dalam persen" does)."""
    if "pembilang" not in draft.lower:
        return
    masked = draft.masked
    head = _PEMBILANG.search(masked)
    if not head:
        return
    middle = _PENYEBUT.search(masked, head.end())
    if not middle:
        return
    end = len(masked.rstrip(" .;\n"))
    factor = ""
    after = _AFTER_PENYEBUT.search(masked, middle.end())
    if after and after.start() > middle.end():
        tail = masked[after.end() :]
        if after.group("label").casefold().startswith(("konstanta", "ukuran", "satuan")):
            number = re.match(r"\s*(\d[\d.,]*(?:\s*%)?)", tail)
            if number:
                factor = " × " + number.group(1)
            elif re.match(r"\s*(?:persen|persentase|prosentase|presentase|%|\(\s*%)", tail,
                          re.IGNORECASE):
                factor = " × 100 %"
        end = len(masked[: after.start()].rstrip(" .;,\n"))
    if middle.start() <= head.end() or end <= middle.end():
        return
    draft.rebuild(["(", (head.end(), middle.start()), ") / (", (middle.end(), end), ")", factor])


def drop_leading_percent_word(draft: Draft) -> None:
    """``Prosentase jumlah penduduk … dibagi …``: the leading word naming the result is not
    part of the numerator."""
    if not (draft.lower.lstrip().startswith(("pers", "pros", "pres"))):
        return
    match = _PERCENT_WORD.match(draft.masked)
    if match and _FIRST_OPERATOR.search(draft.masked, match.end()):
        draft.keep(match.end(), len(draft.text))


_STEMS = alternation(VERB_STEMS)[3:-1]
_TIME_BEFORE_LALU = "".join(
    rf"(?<!{word}\s)" for word in ("tahun", "bulan", "minggu", "periode", "semester", "triwulan",
                                   "hari", "waktu")
)
""""tahun lalu" is "last year", not the connective "lalu" (then): a time word before it keeps
it in the name (one fixed-width lookbehind per time word)."""
_CONNECTIVE = re.compile(
    r"(?:[,;]\s*+|(?<!\s)\s++)?\b(?:(?:dan\s+|yang\s+)?(?:kemudian|" + _TIME_BEFORE_LALU + r"lalu"
    r"|selanjutnya|setelah\s+itu)(?:\s+hasilnya)?"
    r"|(?:dan\s+)?hasilnya)\b(?=\s*(?:" + _STEMS + r"|[xX×*]\s))"
    r"|[,;](?=\s*(?:" + _STEMS + r"|dinyatakan\b))",
    re.IGNORECASE,
)
_CONNECTIVE_WORDS = ("kemudian", "lalu", "selanjutnya", "setelah", "hasilnya")
_CONNECTIVE_QUICK = re.compile(r"[,;]\s*di")
_TRAILING = re.compile(
    r"(?:(?<!\s)\s++)?\(\s*(?:persen|%)\s*\)\s*+$"
    r"|(?<!\s)\s++untuk\s+(?:mendapatkan|memperoleh|menghasilkan|menyatakan)\b.*$"
    r"|(?<![\s.;,])[\s.;,]++$",
    re.IGNORECASE | re.DOTALL,
)


def drop_connectives(draft: Draft) -> None:
    """ ", kemudian (hasilnya) dikalikan …" → " dikalikan …"; trailing "untuk mendapatkan
    persentasenya." and final punctuation are dropped."""
    lower = draft.lower
    if _contains_any(lower, _CONNECTIVE_WORDS) or (
        ("," in lower or ";" in lower) and _CONNECTIVE_QUICK.search(lower)
    ):
        _subst(draft, _CONNECTIVE, lambda m: " " * len(m.group(0)))
    strip_trailing_prose(draft)


def strip_trailing_prose(draft: Draft) -> None:
    """Trailing "untuk mendapatkan persentasenya.", "(persen)" and final punctuation are
    dropped."""
    if "untuk" in draft.lower or ")" in draft.text[-3:]:
        match = _TRAILING.search(draft.masked)
        if match:
            draft.keep(0, match.start())
    stripped = len(draft.text.rstrip(" .;,\n"))
    if stripped < len(draft.text):
        draft.keep(0, stripped)


_NAME_BREAKING = alternation([*ALL_VERBS, "membagi"])[3:-1] + r"|\s[xX×]\s|×|÷"
"""Operators that make the text left of ``=`` a formula rather than a name ("terhadap" and
"perbandingan" also occur in names: "Kontribusi PAD terhadap pendapatan daerah = …")."""
_STRONG_OPERATOR = re.compile(r"[/×÷:*]|\s[xX]\s|\bdibagi\b|\\frac", re.IGNORECASE)
_TOP_EQUALS = re.compile(r"=|\bsama\s+dengan\b", re.IGNORECASE)
_NUMERIC_ONLY = re.compile(r"^[\s\d.,%()×xX*/:+\-−–=]*$")
_NAME_LIKE = re.compile(r"^\s*[^=]{1,120}$")


def split_assignment(draft: Draft) -> None:
    """``NAME = expression = example …``: the name goes to :attr:`Draft.name`, parts after a
    second ``=`` (or ``sama dengan``) are worked examples.  A part after the expression that
    holds only numbers is an example too; ``… atau A/B X 100% = 100`` restates the formula."""
    masked = draft.masked
    if "=" not in masked and "sama" not in draft.lower:
        return
    top = _depth_zero(masked)
    marks = [m for m in _TOP_EQUALS.finditer(masked) if top[m.start()]]
    if not marks:
        return
    segments = []
    position = 0
    for mark in marks:
        segments.append((position, mark.start()))
        position = mark.end()
    segments.append((position, len(masked)))
    texts = [masked[s:e] for s, e in segments]
    first_is_name = (
        marks[0].group(0) == "="
        and texts[0].strip()
        and len(texts[0].split()) <= 12
        and not re.search(_NAME_BREAKING, texts[0], re.IGNORECASE)
        and (
            not re.search(r"\b(?:terhadap|perbandingan)\b", texts[0], re.IGNORECASE)
            or bool(_STRONG_OPERATOR.search(" ".join(texts[1:2])))
        )
        and not _NUMERIC_ONLY.match(texts[0])
        and re.search(r"[^\W\d_]", texts[0])
        and not _PLACEHOLDER.search(texts[0])
        and any(t.strip() for t in texts[1:])
    )
    body = 1 if first_is_name else 0
    if first_is_name:
        start, end = segments[0]
        draft.name = _unquote_name(fold(draft.text[start:end]))
    # the body is the first non-empty segment from `body` on
    while body < len(segments) - 1 and not texts[body].strip():
        body += 1
    start, end = segments[body]
    # within the body: "… atau A/B X 100%" restates the formula
    alternative = re.search(r"(?<!\s)\s++atau\s++(?=\S)", masked[start:end], re.IGNORECASE)
    if alternative and body + 1 < len(segments):
        examples_from = start + alternative.start()
        draft.examples.append(fold(draft.text[start + alternative.end() :]))
        end = examples_from
    elif body + 1 < len(segments):
        draft.examples.append(fold(draft.text[segments[body][1] :]))
    draft.keep(start, end)


_VERBAL_OPERATOR = re.compile(r"\s[xX×]\s|\b(?:" + OPERATOR_WORDS + r")\b", re.IGNORECASE)
_RATE_PER = re.compile(
    r"^(?P<x>(?:[^/×÷*=]|(?<=\w)/(?=\w))*?[^\s/×÷*=])\s+(?:pada\s+)?(?:setiap|per)\s+"
    r"(?P<n>[1-9]\d{0,2}(?:\.\d{3})+|10+)\s+(?P<y>[^\W\d][^/×÷*=]*?)\s*\.?\s*$",
    re.IGNORECASE,
)


def rate_per_frame(draft: Draft) -> None:
    """``jumlah kasus dengue … pada setiap 100.000 penduduk`` → ``(jumlah kasus dengue …) /
    (penduduk) × 100000``: "X per (setiap) N Y" is the rate X / Y × N, the way incidence and
    density indicators are defined.  Only when nothing else in the text is an operator."""
    lower = draft.lower
    if "setiap" not in lower and " per " not in lower:
        return
    match = _RATE_PER.match(draft.masked)
    if match is None or _VERBAL_OPERATOR.search(match.group("x")):
        return
    draft.rebuild(
        ["(", match.span("x"), ") / (", match.span("y"), ") × ", match.span("n")]
    )


_FORM_LEAD = re.compile(
    r"(?:^|(?<=\bdibagi\s)|(?<=\bdengan\s)|(?<=/\s)|(?<=/))\s*"
    r"(?!dengan\b)(?P<lead>[^\W\d][^/×÷*=()\n]{0,60}?\s+dalam\s+bentuk\s+)(?=jumlah\b)",
    re.IGNORECASE,
)


def drop_form_lead(draft: Draft) -> None:
    """``Hasil pengawasan dalam bentuk jumlah sampel …``: "A dalam bentuk jumlah B" (A in the
    form of the number of B) counts B, so the lead-in up to ``dalam bentuk`` is dropped from
    the operand it opens."""
    if "dalam bentuk" not in draft.lower:
        return
    edits = [(m.start("lead"), m.end("lead"), " " * len(m.group("lead")))
             for m in _FORM_LEAD.finditer(draft.masked)]
    draft.replace(edits)
