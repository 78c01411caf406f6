"""Token-level disambiguation: characters that look like operators but belong to a name.

``3 x imunisasi DPT`` (a count, not a product), ``SD/ Sederajat`` (one name), commas inside a
phrase, operator verbs inside relative clauses, capaian words joined by a hyphen, coefficients
glued to symbols (``2T``), ``x100`` glued to its factor, a lost minus between two period-indexed
names, and summation bounds.  Name-internal characters are replaced by private-use marks
(:data:`~indikator.formula.normalise.words.MARKS`) the grammar reads as name characters; the
parser restores them.  Each function is one step of :data:`indikator.formula.normalise.STEPS`.
"""

from __future__ import annotations

import re

from indikator.formula.normalise.draft import Draft, _contains_any, _subst
from indikator.formula.normalise.words import (
    NAME_AMPERSAND,
    NAME_COMMA,
    NAME_D,
    NAME_D_UPPER,
    NAME_MINUS,
    NAME_PERCENT,
    NAME_SLASH,
    NAME_X,
    NAME_X_UPPER,
    OPERATOR_WORDS,
    QUANTITY_WORDS,
    UNITS,
)
from indikator.formula.operators import VERB_STEMS, WITH_WORDS, alternation

_LOST_MINUS = re.compile(r"\(\s*t\s*\+\s*1\s*\)(?P<gap>\s+)(?P<stem>[^\W\d]\w*+)\s*\(\s*t\s*\)")
"""``(t+1) PDRB (t)``: the tail of a lost minus.  The same name must end right before the
``(t+1)``; :func:`_lost_minus_start` checks that by reading backwards (a pattern that began at
the name would rescan every run of letters from each of its letters)."""


def _lost_minus_start(text: str, match: re.Match[str]) -> int | None:
    """Start of the name before *match*'s ``(t+1)`` when it ends with the name after it (blanks
    between allowed): ``PDRB`` in ``PDRB (t+1) PDRB (t)``; else ``None``."""
    stem = match.group("stem")
    end = _skip_blanks_back(text, match.start())
    start = end - len(stem)
    return start if start >= 0 and text[start:end] == stem else None


def restore_lost_minus(draft: Draft) -> None:
    """``PDRB (t+1) PDRB (t)`` (a growth formula whose minus sign extraction lost) gets its
    minus back: ``PDRB (t+1) - PDRB (t)``."""
    if not re.search(r"\(\s*t\s*\+", draft.text):
        return
    masked = draft.masked
    edits = []
    for match in _LOST_MINUS.finditer(masked):
        start = _lost_minus_start(masked, match)
        if start is not None:
            edits.append((start, match.end(), masked[start : match.start("gap")] + " - "
                          + masked[match.end("gap") : match.end()]))
    draft.replace(edits)


_CAPAIAN_WORDS = r"(?:realisasi|rencana|target|capaian)"
CAPAIAN_HYPHEN = re.compile(
    r"\b(" + _CAPAIAN_WORDS + r")-(" + _CAPAIAN_WORDS + r")\b", re.IGNORECASE
)


_CAPAIAN_QUICK = re.compile(_CAPAIAN_WORDS + "-", re.IGNORECASE)


def split_capaian_hyphen(draft: Draft) -> None:
    """``(Realisasi-Rencana)``: a hyphen between two capaian words is a minus."""
    if "-" in draft.text and _CAPAIAN_QUICK.search(draft.text):
        _subst(draft, CAPAIAN_HYPHEN, lambda m: m.group(1) + " - " + m.group(2))


GLUED_TIMES = re.compile(r"(?<!\d)[xX×](?=(?:10+|1(?:\.000)+)(?![\d.,]?\d))")


_SUM_BOUNDS = re.compile(
    r"(?P<sigma>\\sum|Σ|∑|Ʃ)\s*(?:\\limits\s*)?(?:_\s*\{[^{}]*\}|_\s*\w+|\s*\[[^\[\]=]*=[^\[\]]*\])?"
    r"\s*(?:\^\s*\{[^{}]*\}|\^\s*\w+)?"
)


def strip_sum_bounds(draft: Draft) -> None:
    """Summation bounds are dropped: ``\\sum_{i=1}^{n} x_i`` and ``Σ[j=1, ni] …`` → ``Σ …``
    (the sum runs over the data of the variable, whatever the bounds say)."""
    if not _contains_any(draft.text, ("\\sum", "Σ", "∑", "Ʃ")):
        return
    text, edits = draft.text, []
    for match in _SUM_BOUNDS.finditer(draft.masked):
        start, sigma_end, end = match.start(), match.end("sigma"), match.end()
        if end == sigma_end:  # a bare sigma: nothing to blank (the mask keeps sigmas as is)
            continue
        new = match.group("sigma") + " " * (end - sigma_end)
        if text[start:end] != new:
            edits.append((start, end, new))
    draft.replace(edits)


_KALI = re.compile(r"(?<=\s)kali(?=\s*(?:\d|seratus\b))", re.IGNORECASE)


def times_word(draft: Draft) -> None:
    """``… kali 100%``: the bare word *kali* before a number multiplies (``dikali`` is in the
    grammar; *kali* alone is also a word, "3 kali kunjungan", so only before a number)."""
    if "kali" in draft.lower:
        _subst(draft, _KALI, lambda m: "×   ")


def separate_glued_times(draft: Draft) -> None:
    """``A/Bx100%`` → ``A/B x 100%`` (an ``x`` glued to a power of ten)."""
    if re.search(r"[xX×]10", draft.text):
        _subst(draft, GLUED_TIMES, lambda m: " " + m.group(0) + " ")


_COEFFICIENT = re.compile(
    r"(?<![\d.,])(?P<number>\d+(?:[.,]\d+)?)(?![eE][+-]?\d)(?P<gap>[ ]*)"
    r"(?P<symbol>[^\W\d_][^\W_]{0,2})"
    r"(?![\w\ue000-\ue0ff{'’])"
)
_COEFFICIENT_QUICK = re.compile(r"\d[ ]*[^\W\d_]")
_OPERATOR_SIGN = (
    r"(?:(?<![\d.,])[-−–—]|[+*/×÷:^=]|\\(?:times|cdot|div)(?![a-zA-Z])"
    r"|(?<![\w\ue000-\ue0ff])[xX]"
    r"|\b" + alternation(VERB_STEMS) + r"\w*(?:\s+" + alternation(WITH_WORDS) + r"\.?)?)"
)
_SIGN_CHARS = frozenset("+*/×÷:^=")
_MINUS_CHARS = frozenset("-−–—")
_LATEX_OPERATORS = frozenset({"times", "cdot", "div"})
_NOT_BEFORE_OPEN = frozenset(".'’\"%")


def _is_name_char(char: str) -> bool:
    return char.isalnum() or char == "_" or "\ue000" <= char <= "\ue0ff"


def _word_before(text: str, end: int) -> tuple[str, int]:
    """The run of name characters ending at *end*, and where it starts."""
    start = end
    while start > 0 and _is_name_char(text[start - 1]):
        start -= 1
    return text[start:end], start


def _skip_blanks_back(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _is_verb(word: str) -> bool:
    lower = word.casefold()
    return any(lower.startswith(stem) for stem in VERB_STEMS)


def _operator_before(text: str, position: int) -> bool:
    """Does the token before *position* (blanks skipped) open an operand: the start, an
    operator sign, a lone ``x``, a ``\\times``, an operator verb (``dibagi dengan``) or an
    opening bracket that is not a name's (``Luas Panen (Ha)`` is a name's)?  Reads tokens
    backwards from *position*, so the cost does not grow with the text before."""
    end = _skip_blanks_back(text, position)
    if end == 0:
        return True
    char = text[end - 1]
    if char in _SIGN_CHARS:
        return True
    if char in _MINUS_CHARS:
        return end < 2 or not (text[end - 2].isdigit() or text[end - 2] in ".,")
    if char in "([{":
        inner = _skip_blanks_back(text, end - 1)
        if inner == 0:
            return True
        previous = text[inner - 1]
        if previous.isalpha():
            word, start = _word_before(text, inner)
            return start > 0 and text[start - 1] == "\\" and word.isascii() and word.isalpha()
        return not (_is_name_char(previous) or previous.isspace() or previous in _NOT_BEFORE_OPEN)
    if char == ".":  # "dg." after a verb
        end -= 1
        char = text[end - 1] if end else ""
    if not _is_name_char(char):
        return False
    word, start = _word_before(text, end)
    if word in ("x", "X"):
        return start == 0 or not _is_name_char(text[start - 1])
    if word in _LATEX_OPERATORS and start > 0 and text[start - 1] == "\\":
        return True
    if _is_verb(word):
        return True
    if word.casefold() in WITH_WORDS:
        previous, _ = _word_before(text, _skip_blanks_back(text, start))
        return _is_verb(previous)
    return False


_AFTER_COEFFICIENT = re.compile(
    r"\s*(?:$|" + _OPERATOR_SIGN + r"|[)\]}]|\\right(?![a-zA-Z]))", re.IGNORECASE
)
NOT_SYMBOLS: frozenset[str] = UNITS | {
    "x", "dan", "di", "ke", "dr", "yg", "dg", "dgn", "per", "sd", "th", "thn", "kali", "pd", "kh",
}  # fmt: skip
"""Short words that a number before them does not multiply (``x``, units, particles)."""


def split_coefficients(draft: Draft) -> None:
    """``(2T − R)/T``, ``2 T − R``: a number glued to or followed by a short symbol (up to
    three letters or digits, starting with a letter) is a coefficient, ``2 × T``, when the
    number follows the start, an operator or an opening bracket that is not a name's
    (``Luas Panen (Ha)``) and the symbol is followed by an operator, a closing bracket or the
    end.  Inside names nothing changes: ``TPS 3R yang beroperasi``, ``usia 15th ke atas``,
    ``jaringan 4G``, ``Jumlah 2 Unit Roda 2``, ``1x imunisasi``, ``Kelas 1-3 SD``."""
    masked = draft.masked
    if not _COEFFICIENT_QUICK.search(masked):
        return
    edits = []
    for match in _COEFFICIENT.finditer(masked):
        if match.group("symbol").casefold() in NOT_SYMBOLS:
            continue
        if not _operator_before(masked, match.start()):
            continue
        if not _AFTER_COEFFICIENT.match(masked, match.end()):
            continue
        edits.append((match.start("gap"), match.end("gap"), " × "))
    if edits:
        draft.replace(edits)


_SPACED_RANGE = re.compile(
    r"(?<=[^\W\d_]\s)(?P<low>\d+(?:,\d+)?)(?P<gap>\s*[-–]\s*)(?P<high>\d+(?:,\d+)?)"
    r"(?=\s+[^\W\d_])"
)


def join_spaced_ranges(draft: Draft) -> None:
    """``usia 10 - 18 tahun``: a number range written with spaces between a word and a word is
    part of the name (a quantity never ends in a bare number before a minus), so the spaces
    around its dash go: ``usia 10-18 tahun`` (variable keys ignore those spaces anyway)."""
    if not ("-" in draft.text or "–" in draft.text):
        return
    edits = []
    for match in _SPACED_RANGE.finditer(draft.masked):
        gap = match.group("gap")
        if gap.strip() != gap:
            edits.append((match.start("gap"), match.end("gap"), gap.strip()))
    draft.replace(edits)


_COMPARED_PERCENT = re.compile(
    r"(?:[<>≤≥]=?|\b(?:minimal|maksimal|min\.?|maks\.?|kurang\s+dari|lebih\s+dari))\s*"
    r"\d+(?:[.,]\d+)?\s*(?P<percent>%)(?=\s*[^\W\d_])",
    re.IGNORECASE,
)
_COMPARED_MINUS = re.compile(
    r"(?:[<>≤≥]=?|\b(?:dari|hingga|sampai|minimal|maksimal))\s*(?P<minus>-)(?=\d)",
    re.IGNORECASE,
)


_AMPERSAND = re.compile(r"(?<=[\w)])\s*(?P<amp>&)\s*(?=[\w(])")


def mark_name_comparisons(draft: Draft) -> None:
    """A threshold inside a name keeps its signs: ``HbA1c <7% minimal 1 kali``, ``standar
    minimal ≥ 60% di wilayah``, ``kurang dari -2 Standar Deviasi``; so does an ``&`` between
    words (``kuliner & kriya``).  A ``%`` after a compared
    number that is followed by more words, and a ``-`` glued to a number after a comparison,
    get the marks :data:`NAME_PERCENT` / :data:`NAME_MINUS`; the grammar then reads words."""
    text = draft.text
    if "%" not in text and "-" not in text and "&" not in text:
        return
    masked = draft.masked
    edits = [(m.start("amp"), m.end("amp"), NAME_AMPERSAND) for m in _AMPERSAND.finditer(masked)]
    edits += [(m.start("percent"), m.end("percent"), NAME_PERCENT)
             for m in _COMPARED_PERCENT.finditer(masked)]
    edits += [(m.start("minus"), m.end("minus"), NAME_MINUS)
              for m in _COMPARED_MINUS.finditer(masked)]
    draft.replace(edits)


_X = re.compile(r"[xX](?<![\w\ue000-\ue0ff][xX])(?![\w\ue000-\ue0ff])")
"""A lone x (not inside a word); the letter comes first so that the search skips fast."""


_AT_END = re.compile(r"\s*(?:$|[/)\]}=+\-−–*×÷:;]|\\right|dibagi|dikali)")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")


def _is_mark(char: str) -> bool:
    return "\ue000" <= char <= "\ue0ff"


def _counted_before(text: str, position: int) -> bool:
    """Does the text before *position* end with a word (or a comma), blanks and a count
    (``imunisasi, 3 ``)?  Read backwards, token by token."""
    end = _skip_blanks_back(text, position)
    start = end
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if start == end:
        return False
    gap = _skip_blanks_back(text, start)
    if gap == start or gap == 0:
        return False
    char = text[gap - 1]
    return (char.isalpha() or char == "_" or _is_mark(char) or char == ",")


def _word_before_x(text: str, position: int) -> bool:
    """Does the text before *position* end with a word (that is not a lone ``x``) and blanks
    (``Indikator X``)?"""
    end = _skip_blanks_back(text, position)
    if end == position or end == 0:
        return False
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"
                         or _is_mark(text[start - 1])):
        start -= 1
    run = text[start:end]
    if not any(char.isalpha() or char == "_" for char in run):
        return False
    lone_x = run in ("x", "X") and (start == 0 or text[start - 1].isspace()
                                     or text[start - 1] == "(")
    return not lone_x


def mark_name_x(draft: Draft) -> None:
    """An ``x`` that is part of a name gets the mark :data:`NAME_X`: a counted dose inside a
    phrase (``mendapat 1x imunisasi``, ``, 3 x imunisasi DPT``) and a variable named X
    (``Σ Indikator X / Nilai Maksimum X``).  ``0,376 x IKA`` and ``A x 100%`` stay products.
    The neighbours of each ``x`` are read as tokens, backwards and forwards from it."""
    if not ("x" in draft.text or "X" in draft.text):
        return
    masked = draft.masked
    if "x" not in masked and "X" not in masked:
        return
    edits = []
    for match in _X.finditer(masked):
        start, end = match.span()
        if _counted_before(masked, start) and _LOWER_WORD_NEXT.match(masked, end):
            edits.append((start, end, _x_mark(match.group(0))))
            continue
        if _AT_END.match(masked, end) and _word_before_x(masked, start):
            edits.append((start, end, _x_mark(match.group(0))))
    draft.replace(edits)


_OPERATOR_VERBS = VERB_STEMS
_RELATIVE_VERB = re.compile(
    r"\b(?:yang|yg|telah|sudah|belum|akan|tidak|dapat)\s+(?P<verb>d)(?=(?:ibagi|ikali|itambah"
    r"|ikurang|ibanding)\w*)",
    re.IGNORECASE,
)


def mark_relative_verbs(draft: Draft) -> None:
    """An operator verb inside a relative clause is a word of the name, not an operator:
    ``Jumlah sampah yang dikurangi melalui 3R``, ``anggaran yang ditambahkan``.  Its first
    letter gets the mark :data:`NAME_D` so that the grammar reads a word."""
    lower = draft.lower
    if not _contains_any(lower, _OPERATOR_VERBS) or not _contains_any(
        lower, ("yang", "yg", "telah", "sudah", "akan")
    ):
        return
    masked = draft.masked
    edits = [
        (m.start("verb"), m.end("verb"), NAME_D if m.group("verb") == "d" else NAME_D_UPPER)
        for m in _RELATIVE_VERB.finditer(masked)
    ]
    draft.replace(edits)


def _x_mark(char: str) -> str:
    return NAME_X if char == "x" else NAME_X_UPPER


_SLASH = re.compile(r"/")


def mark_name_slash(draft: Draft) -> None:
    """A ``/`` inside a phrase (``SD/ Sederajat``, ``di Kab/Kota``, ``Perda/Perwal yang
    diusulkan``, ``Ton/Ha``) gets the mark :data:`NAME_SLASH`.  A ``/`` with spaces on both
    sides, between symbols (``JRTAP/JRT``), or before a quantity word (``…/Jumlah guru``)
    stays a division."""
    # twice: "SMA/SMK/MA" — the second slash is a name's once the first one is marked
    for _ in range(2):
        if not _mark_name_slashes(draft):
            return


_PHRASE_NEXT = re.compile(r"\s+[^\W\d]")
_OPERATOR_NEXT = re.compile(r"\s+(?:" + OPERATOR_WORDS + r"|[xX])\b", re.IGNORECASE)
_RIGHT_TOKEN = re.compile(r"\s*([^\W_][\w\-\ue000-\ue0ff]*)")


def _left_token(text: str, end: int) -> int | None:
    """Start of the token that ends at *end* (``Perda`` in ``Perda/``): the run of word
    characters, ``-``, ``.`` and marks before *end*, from its first letter or digit."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-."
                         or _is_mark(text[start - 1])):
        start -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return start if start < end else None


def _phrase_word_before(text: str, end: int) -> bool:
    """Does a word (starting with a letter) and blanks end at *end*?"""
    blank = _skip_blanks_back(text, end)
    if blank == end or blank == 0:
        return False
    start = blank
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
        start -= 1
    return any(char.isalpha() or char == "_" for char in text[start:blank])


def _mark_name_slashes(draft: Draft) -> bool:
    masked = draft.masked
    if "/" not in masked:
        return False
    edits = []
    for match in _SLASH.finditer(masked):
        start = match.start()
        spaced_after = masked[start + 1 : start + 2] in (" ", "\n")
        if start > 0 and masked[start - 1] in " \n" and spaced_after:
            continue
        left_start = _left_token(masked, start)
        right = _RIGHT_TOKEN.match(masked, start + 1)
        if left_start is None or right is None:
            continue
        left_word, right_word = masked[left_start:start], right.group(1)
        if (
            right_word.casefold() in QUANTITY_WORDS
            or left_word[0].isdigit()
            or right_word[0].isdigit()
        ):
            continue
        if left_word.casefold() in UNITS and right_word.casefold() in UNITS:
            edits.append((start, start + 1, NAME_SLASH))
            continue
        phrase_before = _phrase_word_before(masked, left_start) or masked[:left_start].endswith(
            NAME_SLASH
        )
        phrase_after = bool(_PHRASE_NEXT.match(masked, right.end())) and not _OPERATOR_NEXT.match(
            masked, right.end()
        )
        if phrase_before or phrase_after or masked.startswith("/", right.end()):
            edits.append((start, start + 1, NAME_SLASH))
    draft.replace(edits)
    return bool(edits)


_FUNC_OPEN = re.compile(
    r"(?:sum|jumlah|mean|rata-rata|rerata|average|min|max|abs|sqrt|akar)\s*$", re.IGNORECASE
)


def mark_phrase_commas(draft: Draft) -> None:
    """A comma between words of a phrase (``hepatitis B, 1 x imunisasi BCG``) gets the mark
    :data:`NAME_COMMA`; commas that separate function arguments stay."""
    masked = draft.masked
    if ", " not in masked and ",\n" not in masked:
        return
    edits = []
    stack: list[bool] = []
    for index, char in enumerate(masked):
        if char in "([{":
            stack.append(bool(_FUNC_OPEN.search(masked[max(0, index - 20) : index])))
        elif char in ")]}" and stack:
            stack.pop()
        elif char == "," and index + 1 < len(masked) and masked[index + 1].isspace():
            if stack and stack[-1]:
                continue
            if re.match(r"\s*(?:" + OPERATOR_WORDS + r")\b", masked[index + 1 :], re.IGNORECASE):
                edits.append((index, index + 1, " "))
            elif index and (masked[index - 1].isalnum() or masked[index - 1] in ")%."):
                edits.append((index, index + 1, NAME_COMMA))
    draft.replace(edits)
