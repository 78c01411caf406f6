"""Named pre-parse steps: turn formula text as documents print it into what the grammar reads.

The grammar (``grammar/indikator.lark``) reads one expression.  Documents wrap that expression
in things no context-free grammar should try to express: a ``Rumus:`` label, ``$…$``, the
indicator's name left of ``=``, ``Keterangan:`` symbol definitions, worked examples
(``= 61,4035%``), a second restatement of the formula, leading prose ("… adalah …"), verbal
frames ("perbandingan antara A dengan B", "Pembilang: A. Penyebut: B"), stacked fractions that
PDF extraction flattened into lines, and characters that belong to a name although they look
like operators (``SD/ Sederajat``, ``3 x imunisasi DPT``).  Each of these is one small named
function below, run in the order of :data:`STEPS`; each can be tested alone.

What this module does not do: it never guesses operators that are not written (a fraction bar
lost without trace stays lost), never evaluates anything, and never raises: text it cannot
improve passes through unchanged, and the parser reports what is wrong with it.

Every step edits a :class:`Draft`, which keeps, for each character of the current text, the
offset of the source character it came from, so that syntax errors and node spans point into
the text the user wrote.  Text inside double quotes (the canonical form of names that contain
operator characters) is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Private-use characters that mark name-internal characters for the grammar.
NAME_SLASH = "\ue02f"
NAME_X = "\ue078"
NAME_COMMA = "\ue02c"
NAME_X_UPPER = "\ue058"
NAME_D = "\ue064"
NAME_D_UPPER = "\ue044"
MARKS: dict[str, str] = {
    NAME_SLASH: "/", NAME_X: "x", NAME_X_UPPER: "X", NAME_COMMA: ",", NAME_D: "d",
    NAME_D_UPPER: "D",
}
"""Mark → the character it stands for (the parser restores them in names)."""

QUANTITY_WORDS: frozenset[str] = frozenset(
    {
        "jumlah", "jml", "jm", "jmlh", "total", "banyaknya", "banyak", "luas", "nilai",
        "realisasi", "target", "rencana", "angka", "seluruh", "capaian", "anggaran", "pagu",
        "rata-rata", "populasi", "penduduk",
    }
)  # fmt: skip
"""Words that start the name of a quantity: a ``/`` before one of them is a division."""

UNITS: frozenset[str] = frozenset(
    {"ton", "ha", "kg", "km", "km2", "m", "m2", "m3", "jiwa", "orang", "kk", "rt", "unit", "liter"}
)
"""Units: ``Ton/Ha`` between two of them is one name (a unit), not a division."""

OPERATOR_WORDS = (
    r"dibagi|dikali(?:kan)?|ditambah(?:kan)?|dikurang(?:i|kan)|dibanding(?:kan)?|membagi"
    r"|perbandingan|terhadap"
)


@dataclass
class Draft:
    """Text being normalised, with the source offset of every character (``origin``)."""

    source: str
    text: str = ""
    origin: list[int] = field(default_factory=list)
    name: str | None = None
    definitions: dict[str, str] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    _masked: tuple[str, str, tuple[tuple[int, int], ...]] | None = field(
        default=None, repr=False, compare=False
    )
    _lower: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text and not self.origin:
            self.text = self.source
            self.origin = list(range(len(self.source) + 1))

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

    def keep(self, start: int, end: int) -> None:
        """Keep only ``text[start:end]``."""
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


_PROTECTED = re.compile(
    r'"(?:[^"\\\n]|\\.)*"'
    r"|(?<=\\)(?:text|mathrm|textrm|textit|mathit|mbox|operatorname)\s*\{[^{}]*\}"
)


def _mask_text(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """*text* with the inside of its protected regions replaced by ``q``, and the regions
    (a ``\\text{…}`` region includes its backslash)."""
    if '"' not in text and "\\" not in text:
        return text, ()
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        start, end = match.span()
        if text[start] == '"':
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


_LABEL = re.compile(
    r"^\s*(?:rumus(?:an)?(?:\s+perhitungan)?|formula(?:si)?|cara\s+(?:perhitungan|pengukuran|menghitung)"
    r"|metode\s+perhitungan)\s*[:=]",
    re.IGNORECASE,
)


_INLINE_QUICK = re.compile(r"[xX×]\s?100")
_LEAD_WORDS = ("adalah", "yaitu", "yakni", "ialah", "merupakan", "didefinisikan", "diperoleh",
               "dihitung", "rumus", "berikut")  # fmt: skip
_DEF_WORDS = ("keterangan", "dimana", "di mana", "where", "catatan", "ket.")


def strip_label(draft: Draft) -> None:
    """A leading ``Rumus:`` / ``Formula:`` / ``Cara perhitungan:`` label is dropped."""
    if not (draft.lower.lstrip().startswith(("rumus", "formula", "cara", "metode"))):
        return
    match = _LABEL.match(draft.masked)
    if match:
        draft.replace([(0, match.end(), " " * match.end())])


_EXAMPLE_LINE = re.compile(
    r"^\s*(?:[^=\n]{1,40}=)?[\d\s.,%()×xX*/:+\-−–=]*\d[\d\s.,%()×xX*/:+\-−–=]*$"
)


def split_example_lines(draft: Draft) -> None:
    """Lines after the first that only compute with numbers (``TPAK = 140/228 x 100% =
    61,4035%``, ``= 2720``) are worked examples."""
    if "\n" not in draft.text:
        return
    masked = draft.masked
    lines = masked.split("\n")
    offset = len(lines[0]) + 1
    for line in lines[1:]:
        computes = re.match(r"\s*=\s*\d", line) or (
            "=" in line and re.search(r"\d\s*[/:×xX*÷]\s*\d", line)
        )
        if computes and _EXAMPLE_LINE.match(line) and masked[:offset].strip():
            rest = draft.text[offset:]
            draft.examples.extend(fold(x) for x in rest.split("\n") if x.strip())
            draft.keep(0, offset - 1)
            draft.applied.append("split_example_lines")
            return
        offset += len(line) + 1


_SYMBOL = r"[^\W\d][\w'\-]{0,24}(?:_\{\w+\})?"
_DEF_MARKER = re.compile(
    r"(?:^|(?<=[\s.;,)]))(?:keterangan|ket\.|dimana|di\s+mana|where|catatan)\s*(?::|(?=\s*\n)|(?=\s+"
    + _SYMBOL
    + r"\s*[=:]))",
    re.IGNORECASE,
)
_DEF_ENTRY = re.compile(r"(?:^|(?<=[\s;,]))(" + _SYMBOL + r")\s*[=:]\s*")
_INLINE_DEF = re.compile(
    r"(?:(?<=\s)|(?<=\)))(" + _SYMBOL + r")\s*=\s*(?=[^\W\d])(?![xX×](?:\s|\d))"
)
_OPERATOR_CHARS = re.compile(r"[/×÷*+=]|\s[xX]\s|\s[xX](?=\d)|" + OPERATOR_WORDS, re.IGNORECASE)


def _is_phrase(text: str) -> bool:
    """Words, not a formula: starts with a word other than a lone x, has no operator."""
    return (
        bool(re.match(r"\s*[^\W\d]", text))
        and not re.match(r"\s*[xX×](?:\s|\d|$)", text)
        and not _OPERATOR_CHARS.search(text)
    )


_BULLET = re.compile(r"\s*(?:[-•·*–]|\d{1,2}[.)])\s*$")


def _parse_definitions(text: str) -> dict[str, str]:
    entries = list(_DEF_ENTRY.finditer(text))
    found: dict[str, str] = {}
    for index, match in enumerate(entries):
        end = entries[index + 1].start() if index + 1 < len(entries) else len(text)
        phrase = _BULLET.sub("", fold(text[match.end() : end])).strip(" ;,.")
        if phrase:
            found.setdefault(fold(match.group(1)), phrase)
    return found


_DEF_QUICK = re.compile(r"keterangan|dimana|di\s+mana|where|catatan|ket\.", re.IGNORECASE)


_LEADING_DEF = re.compile(r"^\s*(?P<symbol>[^\W\d][\w'\-]{0,9})\s*[=:]\s*(?P<phrase>\S.*?)\s*$")


def split_leading_definitions(draft: Draft) -> None:
    """Symbol definitions written BEFORE the formula, one per line (``A = Jumlah keluarga …``
    / ``B = Jumlah keluarga …`` / ``Rumus = A / B x 100%``) → :attr:`Draft.definitions`;
    the formula line(s) are kept.  Only when the formula uses a defined symbol."""
    if "\n" not in draft.text or ("=" not in draft.text and ":" not in draft.text):
        return
    masked = draft.masked
    lines = masked.split("\n")
    found: dict[str, str] = {}
    offset = 0
    for index, line in enumerate(lines):
        match = _LEADING_DEF.match(line)
        if not line.strip():
            offset += len(line) + 1
            continue
        if match is None or not _is_phrase(match.group("phrase")) or index == len(lines) - 1:
            break
        if match.group("symbol").casefold() in _LABEL_WORDS:
            break
        phrase = draft.text[offset + match.start("phrase") : offset + match.end("phrase")]
        found.setdefault(match.group("symbol"), fold(phrase).strip(" ;,."))
        offset += len(line) + 1
    if len(found) < 2 or offset >= len(masked):
        return
    rest = masked[offset:]
    if not _OPERATOR_CHARS.search(rest):
        return
    used = [s for s in found if re.search(r"(?<![\w])" + re.escape(s) + r"(?![\w])", rest)]
    if len(used) < 2:
        return
    draft.definitions.update(found)
    draft.keep(offset, len(draft.text))
    draft.applied.append("split_leading_definitions")


_LABEL_WORDS = frozenset({"rumus", "formula", "cara", "metode", "keterangan", "catatan"})


def split_definitions(draft: Draft) -> None:
    """``Keterangan: PP = Jumlah pengangguran …`` (also ``Dimana:``, ``di mana``, and
    ``SYM = phrase`` entries right after the formula) → :attr:`Draft.definitions`."""
    if not ("=" in draft.text or ":" in draft.text or _contains_any(draft.lower, _DEF_WORDS)):
        return
    masked = draft.masked
    if "=" not in masked and ":" not in masked and not _DEF_QUICK.search(masked):
        return
    marker = _DEF_MARKER.search(masked)
    if marker and marker.start() > 0:
        found = _parse_definitions(draft.text[marker.end() :])
        if found:
            draft.definitions.update(found)
            draft.keep(0, marker.start())
            draft.applied.append("split_definitions")
            return
    # entries on their own lines after the first line: "xij = nilai ekspor"
    lines = masked.split("\n")
    if len(lines) > 1:
        offset = len(lines[0]) + 1
        for line in lines[1:]:
            match = re.match(r"\s*(" + _SYMBOL + r")\s*[=:]\s*(\S.*)$", line)
            if match and _is_phrase(match.group(2)):
                rest = draft.text[offset:]
                found = _parse_definitions(rest)
                if found and all(_is_phrase(v) for v in found.values()):
                    draft.definitions.update(found)
                    draft.keep(0, offset)
                    draft.applied.append("split_definitions")
                    return
                break
            offset += len(line) + 1
    # inline: "PAMP = (JRTAP/JRT) x 100% PAMP = Persentase … JRTAP = Jumlah …"
    if "=" not in masked:
        return
    top = _depth_zero(masked)
    for match in _INLINE_DEF.finditer(masked):
        if not top[match.start()]:
            continue
        before = masked[: match.start()]
        if "=" not in before and not _OPERATOR_CHARS.search(before):
            continue
        if not _OPERATOR_CHARS.search(before.split("=", 1)[-1]):
            continue
        found = _parse_definitions(draft.text[match.start() :])
        if found and all(not re.search(r"[/×÷*]", v) for v in found.values()):
            draft.definitions.update(found)
            draft.keep(0, match.start())
            draft.applied.append("split_definitions")
        return


_BAR = re.compile(r"^\s*(?:(?P<label>[^=\n]*?)\s*=\s*)?(?P<rule>[-_=—–.…]{3,})?\s*"
                  r"(?:(?P<times>[xX×*])\s*(?P<factor>\d[\d.,]*\s*%?|[^\W\d]\w{0,3}))?"
                  r"\s*(?:[-_—–…]{3,})?\s*$")  # fmt: skip
_NAMED_LINE = re.compile(r"^\s*(?P<name>[^=\n]{1,80}?)\s*=\s*(?P<rest>\S.*)$")
_LONE_TIMES = re.compile(r"^\s*[xX×*]\s*(?P<factor>\d[\d.,]*\s*%?)\s*$")
_TRAILING_TIMES = re.compile(
    r"^(?P<body>.*\S)\s+(?P<times>[xX×*])\s*(?P<factor>\d[\d.,]*\s*%?)\s*$"
)


_PLACEHOLDER = re.compile(r"\?{2,}|…|\.{4,}")


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


def _first_word(text: str) -> str:
    match = re.match(r"\s*\(?\s*([^\W\d][\w-]*)", text)
    return match.group(1).casefold() if match else ""


def join_wrapped_operators(draft: Draft) -> None:
    """A line that ends with ``x``/``×`` continues on the next: ``… X\\n100`` → ``… X 100``."""
    if "\n" in draft.text:
        _subst(draft, re.compile(r"(?<=\s[xX×*])[ ]*\n\s*(?=\d)"), lambda m: " " * len(m.group(0)))


def unflatten_stacked_fraction(draft: Draft) -> None:
    """A fraction that PDF extraction flattened into lines becomes ``(num) / (den) × factor``.

    Recognised layouts: numerator lines, a bar line (``-----``, ``____``, ``= x 100%``,
    ``Cakupan = x 100%``, ``X 100%``, optionally a label), denominator lines; or a numerator
    line ending in ``x 100%`` followed by the denominator line(s); or the bar first
    (``I = X k``) followed by numerator and denominator lines.  Lines before a line that is
    only ``NAME =`` give the indicator name."""
    if "\n" not in draft.text or _PLACEHOLDER.search(draft.text):
        return
    masked = draft.masked
    raw_lines = masked.split("\n")
    starts = []
    offset = 0
    for line in raw_lines:
        starts.append(offset)
        offset += len(line) + 1
    lines = [(s, line) for s, line in zip(starts, raw_lines, strict=True) if line.strip()]
    if len(lines) < 3 and not (len(lines) == 2 and _TRAILING_TIMES.match(lines[0][1])):
        return
    # lines up to a line ending in "=" name the indicator
    name_parts: list[str] = []
    for index, (_, line) in enumerate(lines):
        if line.rstrip().endswith("=") and not _is_bar(line):
            name_parts = [text for _, text in lines[: index + 1]]
            lines = lines[index + 1 :]
            break
    bar_index = None
    for index, (_, line) in enumerate(lines):
        if _is_bar(line):
            bar_index = index
            break
    junk_bar = None
    if bar_index is None:
        for index, (_, line) in enumerate(lines[1:-1], start=1):
            if _TRAILING_TIMES.match(line):
                junk_bar = index
                break
    numerator: list[tuple[int, str]]
    denominator: list[tuple[int, str]]
    factor: str | None = None
    label = ""
    if bar_index is not None:
        bar = _is_bar(lines[bar_index][1])
        assert bar is not None
        label = bar.group("label") or ""
        factor = bar.group("factor")
        if bar_index == 0:
            rest = lines[1:]
            cut = _split_stack([line for _, line in rest])
            numerator, denominator = rest[:cut], rest[cut:]
        else:
            numerator, denominator = lines[:bar_index], lines[bar_index + 1 :]
    elif junk_bar is not None:
        # "2 Pertumbuhan Ekonomi % x 100%": a label interleaved on the bar line
        trailing = _TRAILING_TIMES.match(lines[junk_bar][1])
        assert trailing is not None
        factor = trailing.group("factor")
        numerator, denominator = lines[:junk_bar], lines[junk_bar + 1 :]
    else:
        first = _TRAILING_TIMES.match(lines[0][1])
        if not first or len(lines) < 2:
            return
        start = lines[0][0]
        factor = first.group("factor")
        numerator = [(start, first.group("body"))]
        denominator = lines[1:]
    if numerator and not name_parts:
        # "APK = Jumlah siswa …" / "------ x 100%" / "Jumlah penduduk …": the name sits on
        # the numerator's first line
        start, line = numerator[0]
        named = _NAMED_LINE.match(line)
        if named and _is_phrase(named.group("name")) and len(named.group("name").split()) <= 8:
            name_parts = [named.group("name")]
            numerator = [(start + named.start("rest"), named.group("rest")), *numerator[1:]]
    if not factor and len(denominator) > 1:
        # "x 100%" on a line of its own below the denominator
        last = _LONE_TIMES.match(denominator[-1][1])
        if last:
            factor = last.group("factor")
            denominator = denominator[:-1]
    if not numerator or not denominator:
        return
    if any(_is_bar(line) for _, line in denominator):
        return
    if name_parts:
        draft.name = fold(" ".join(name_parts).rstrip().rstrip("="))
    elif label.strip() and re.search(r"[^\W\d]", label) and "=" in lines[bar_index or 0][1]:
        draft.name = fold(label)
    pieces: list[tuple[int, int] | str] = ["("]
    for index, (start, line) in enumerate(numerator):
        pieces.extend([(start, start + len(line)), " " if index + 1 < len(numerator) else ""])
    pieces.append(") / (")
    for index, (start, line) in enumerate(denominator):
        pieces.extend([(start, start + len(line)), " " if index + 1 < len(denominator) else ""])
    pieces.append(")")
    if factor:
        pieces.append(" × " + factor.strip())
    draft.rebuild(pieces)
    draft.applied.append("unflatten_stacked_fraction")


_EMPTY_SLOT = re.compile(r"=\s*(?=[xX×]\s*\d)|\s=\s*$")


def drop_empty_slots(draft: Draft) -> None:
    """Empty result slots of a template (``A = x 100 % B =``) are dropped."""
    if "=" in draft.text:
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
    draft.applied.append("split_sentences")


_LEAD = re.compile(
    r"\b(?:adalah|yaitu|yakni|ialah|merupakan|didefinisikan\s+sebagai|diperoleh\s+(?:dari|dengan"
    r"(?:\s+cara)?)(?:\s+menghitung)?|dihitung\s+(?:dengan|dari|berdasarkan)(?:\s+(?:menggunakan|rumus|formula|cara))*"
    r"|dengan\s+rumus|sebagai\s+berikut)\b\s*:?",
    re.IGNORECASE,
)
_WORD_OPERATOR = re.compile(r"\s[xX×]\s|\b(?:" + OPERATOR_WORDS + r")\b", re.IGNORECASE)
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
    draft.applied.append("strip_leading_prose")


_PERCENT_WORD = re.compile(r"^\s*(?:persentase|prosentase|presentase)\s+(?=\S)", re.IGNORECASE)


def _operand_end(masked: str, start: int) -> int:
    stop = re.compile(
        r",?\s*\b(?:dikali(?:kan)?|dinyatakan|kemudian|lalu|selanjutnya)\b|\s[xX×]\s*\d|[,;]\s|$",
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
    if not _contains_any(draft.lower, ("membagi", "perbandingan", "terhadap")):
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
    draft.applied.append("verbal_ratio")


_PEMBILANG = re.compile(r"\bpembilang\b(?:\s*\([^()]*\))?\s*[:=]\s*", re.IGNORECASE)
_PENYEBUT = re.compile(r"[.;,]?\s*\bpenyebut\b(?:\s*\([^()]*\))?\s*[:=]\s*", re.IGNORECASE)


_AFTER_PENYEBUT = re.compile(
    r"[.;,]?\s*(?:^|\n|(?<=[.;]\s))\s*(?P<label>(?:ukuran\s*/\s*)?konstanta|ukuran|satuan"
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
    draft.applied.append("split_numerator_denominator")


def drop_leading_percent_word(draft: Draft) -> None:
    """``Prosentase jumlah penduduk … dibagi …``: the leading word naming the result is not
    part of the numerator."""
    if not (draft.lower.lstrip().startswith(("pers", "pros", "pres"))):
        return
    match = _PERCENT_WORD.match(draft.masked)
    if match and _FIRST_OPERATOR.search(draft.masked, match.end()):
        draft.keep(match.end(), len(draft.text))


_CONNECTIVE = re.compile(
    r"[,;]?\s*\b(?:(?:dan\s+|yang\s+)?(?:kemudian|lalu|selanjutnya|setelah\s+itu)(?:\s+hasilnya)?"
    r"|(?:dan\s+)?hasilnya)\b(?=\s*(?:dikali|dibagi|ditambah|dikurang|[xX×*]\s))"
    r"|[,;](?=\s*(?:dikali|dibagi|ditambah|dikurang))",
    re.IGNORECASE,
)
_CONNECTIVE_WORDS = ("kemudian", "lalu", "selanjutnya", "setelah", "hasilnya")
_CONNECTIVE_QUICK = re.compile(r"[,;]\s*di")
_TRAILING = re.compile(
    r"\s*\(\s*(?:persen|%)\s*\)\s*$|\s+untuk\s+(?:mendapatkan|memperoleh|menghasilkan|menyatakan)\b.*$|[\s.;,]+$",
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


_NAME_BREAKING = (
    r"dibagi|dikali(?:kan)?|ditambah(?:kan)?|dikurang(?:i|kan)|dibanding(?:kan)?|membagi"
    r"|\s[xX×]\s|×|÷"
)
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
    alternative = re.search(r"\s+atau\s+(?=\S)", masked[start:end], re.IGNORECASE)
    if alternative and body + 1 < len(segments):
        examples_from = start + alternative.start()
        draft.examples.append(fold(draft.text[start + alternative.end() :]))
        end = examples_from
    elif body + 1 < len(segments):
        draft.examples.append(fold(draft.text[segments[body][1] :]))
    draft.keep(start, end)
    draft.applied.append("split_assignment")


def _unquote_name(name: str) -> str:
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        return name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return name


_NO_OPERATOR = r"(?:[^/×÷*=]|(?<=\w)/(?=\s?\w))"
_INLINE_FRACTION = re.compile(
    r"^(?P<num>" + _NO_OPERATOR + r"+?)\s*[xX×]\s*(?P<factor>100(?:\.000)?\s*%?)\s+"
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
    draft.applied.append("unflatten_inline_fraction")


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
    draft.applied.append("unflatten_worked_stack")


_LOST_MINUS = re.compile(
    r"(?P<stem>[^\W\d][\w]*)\s*\(\s*t\s*\+\s*1\s*\)(?P<gap>\s+)(?P=stem)\s*\(\s*t\s*\)"
)


def restore_lost_minus(draft: Draft) -> None:
    """``PDRB (t+1) PDRB (t)`` (a growth formula whose minus sign extraction lost) gets its
    minus back: ``PDRB (t+1) - PDRB (t)``."""
    if re.search(r"\(\s*t\s*\+", draft.text):
        _subst(
            draft,
            _LOST_MINUS,
            lambda m: (
                m.group(0)[: m.start("gap") - m.start()]
                + " - "
                + m.group(0)[m.end("gap") - m.start() :]
            ),
        )


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
    _subst(
        draft,
        _SUM_BOUNDS,
        lambda m: m.group("sigma") + " " * (len(m.group(0)) - len(m.group("sigma"))),
    )


_KALI = re.compile(r"(?<=\s)kali(?=\s*\d)", re.IGNORECASE)


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
    r"(?P<number>\d+(?:[.,]\d+)?)(?![eE][+-]?\d)(?P<gap>[ ]*)(?P<symbol>[^\W\d_][^\W_]{0,2})"
    r"(?![\w\ue000-\ue0ff{'’])"
)
_COEFFICIENT_QUICK = re.compile(r"\d[ ]*[^\W\d_]")
_OPERATOR_SIGN = (
    r"(?:(?<![\d.,])[-−–—]|[+*/×÷:^=]|\\(?:times|cdot|div)(?![a-zA-Z])"
    r"|(?<![\w\ue000-\ue0ff])[xX]"
    r"|\b(?:dibagi|dikali|ditambah|dikurang|dibanding)\w*(?:\s+(?:dengan|dgn|dg)\.?)?)"
)
_BEFORE_COEFFICIENT = re.compile(
    r"(?:^|" + _OPERATOR_SIGN + r"|(?:^|[^\w\s\ue000-\ue0ff.'’\"%]|\\[a-zA-Z]+)\s*[(\[{])\s*$",
    re.IGNORECASE,
)
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
        if not _BEFORE_COEFFICIENT.search(masked, 0, match.start()):
            continue
        if not _AFTER_COEFFICIENT.match(masked, match.end()):
            continue
        edits.append((match.start("gap"), match.end("gap"), " × "))
    if edits:
        draft.replace(edits)
        draft.applied.append("split_coefficients")


_X = re.compile(r"[xX](?<![\w\ue000-\ue0ff][xX])(?![\w\ue000-\ue0ff])")
"""A lone x (not inside a word); the letter comes first so that the search skips fast."""
_COUNTED = re.compile(r"(?:[^\W\d]|[\ue000-\ue0ff,])\s+\d+\s*$")
_WORD_END = re.compile(r"[^\W\d][\w.\ue000-\ue0ff]*\s+$")


def mark_name_x(draft: Draft) -> None:
    """An ``x`` that is part of a name gets the mark :data:`NAME_X`: a counted dose inside a
    phrase (``mendapat 1x imunisasi``, ``, 3 x imunisasi DPT``) and a variable named X
    (``Σ Indikator X / Nilai Maksimum X``).  ``0,376 x IKA`` and ``A x 100%`` stay products."""
    if not ("x" in draft.text or "X" in draft.text):
        return
    masked = draft.masked
    if "x" not in masked and "X" not in masked:
        return
    edits = []
    for match in _X.finditer(masked):
        before = masked[max(0, match.start() - _WINDOW) : match.start()]
        after = masked[match.end() : match.end() + _WINDOW]
        counted = _COUNTED.search(before)
        if counted and re.match(r"\s+[a-z]", after):
            edits.append((match.start(), match.end(), _x_mark(match.group(0))))
            continue
        at_end = re.match(r"\s*(?:$|[/)\]}=+\-−–*×÷:;]|\\right|dibagi|dikali)", after)
        word_before = _WORD_END.search(before)
        if at_end and word_before and not re.search(r"(?:^|[\s(])[xX]\s+$", before):
            edits.append((match.start(), match.end(), _x_mark(match.group(0))))
    draft.replace(edits)


_WINDOW = 120
"""How far (characters) the name-mark steps look around a character."""

_OPERATOR_VERBS = ("dibagi", "dikali", "ditambah", "dikurang", "dibanding")
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
_TOKEN_LEFT = re.compile(r"([^\W_][\w\-.\ue000-\ue0ff]*)$")
_TOKEN_RIGHT = re.compile(r"^\s*([^\W_][\w\-\ue000-\ue0ff]*)")


def mark_name_slash(draft: Draft) -> None:
    """A ``/`` inside a phrase (``SD/ Sederajat``, ``di Kab/Kota``, ``Perda/Perwal yang
    diusulkan``, ``Ton/Ha``) gets the mark :data:`NAME_SLASH`.  A ``/`` with spaces on both
    sides, between symbols (``JRTAP/JRT``), or before a quantity word (``…/Jumlah guru``)
    stays a division."""
    # twice: "SMA/SMK/MA" — the second slash is a name's once the first one is marked
    for _ in range(2):
        if not _mark_name_slashes(draft):
            return


def _mark_name_slashes(draft: Draft) -> bool:
    masked = draft.masked
    if "/" not in masked:
        return False
    edits = []
    for match in _SLASH.finditer(masked):
        start = match.start()
        before = masked[max(0, start - _WINDOW) : start]
        after = masked[start + 1 : start + 1 + _WINDOW]
        if before.endswith((" ", "\n")) and after.startswith((" ", "\n")):
            continue
        left = _TOKEN_LEFT.search(before)
        right = _TOKEN_RIGHT.match(after)
        if not left or not right:
            continue
        left_word, right_word = left.group(1), right.group(1)
        if (
            right_word.casefold() in QUANTITY_WORDS
            or left_word[0].isdigit()
            or right_word[0].isdigit()
        ):
            continue
        if left_word.casefold() in UNITS and right_word.casefold() in UNITS:
            edits.append((start, start + 1, NAME_SLASH))
            continue
        head = before[: left.start()]
        phrase_before = bool(re.search(r"[^\W\d][\w.]*\s+$", head)) or head.endswith(NAME_SLASH)
        tail = after[right.end() :]
        phrase_after = bool(re.match(r"\s+[^\W\d]", tail)) and not re.match(
            r"\s+(?:" + OPERATOR_WORDS + r"|[xX])\b", tail, re.IGNORECASE
        )
        if phrase_before or phrase_after or tail.startswith("/"):
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


STEPS: tuple[Callable[[Draft], None], ...] = (
    fold_odd_spaces,
    strip_math_delimiters,
    split_leading_definitions,
    strip_label,
    mark_relative_verbs,
    unflatten_worked_stack,
    split_example_lines,
    split_definitions,
    join_wrapped_operators,
    unflatten_stacked_fraction,
    drop_empty_slots,
    split_sentences,
    strip_trailing_prose,
    split_numerator_denominator,
    strip_leading_prose,
    split_assignment,
    verbal_ratio,
    drop_leading_percent_word,
    drop_connectives,
    unflatten_inline_fraction,
    restore_lost_minus,
    split_capaian_hyphen,
    strip_sum_bounds,
    times_word,
    separate_glued_times,
    split_coefficients,
    mark_name_x,
    mark_name_slash,
    mark_phrase_commas,
)
"""The steps, in the order they run."""

_PLAIN = re.compile(r"^[\w\s.,()+\-*/^%{}\\×'’\"]*$")


def normalise(text: str) -> Draft:
    """Run every step of :data:`STEPS` over *text*; the draft holds the result."""
    draft = Draft(text)
    for step in STEPS:
        step(draft)
    return draft
