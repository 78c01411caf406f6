"""Labels, legends and worked examples: what surrounds a formula but is not part of it.

``Rumus:`` labels are dropped; ``Keterangan: PP = Jumlah pengangguran`` legends (before or after
the formula, on lines or inline) become :attr:`Draft.definitions`; lines that only compute with
numbers become :attr:`Draft.examples`.  Each function is one step of
:data:`indikator.formula.normalise.STEPS`.  Nothing is lost: what leaves the formula text is kept
on the draft and recorded as a rewrite.
"""

from __future__ import annotations

import re

from indikator.formula.normalise.draft import Draft, _contains_any, _depth_zero, fold
from indikator.formula.normalise.words import _OPERATOR_CHARS, _is_phrase

_LABEL = re.compile(
    r"^\s*(?:rumus(?:an)?|formula(?:si)?|cara|metode|definisi\s+operasional|perhitungan)"
    r"(?:\s+(?:perhitungan|penghitungan|pengukuran|menghitung|mengukur|pengukurannya))?"
    r"\s*[:=]",
    re.IGNORECASE,
)
_DEF_WORDS = ("keterangan", "dimana", "di mana", "where", "catatan", "ket.")


def strip_label(draft: Draft) -> None:
    """A leading ``Rumus:`` / ``Formula:`` / ``Formulasi perhitungan :`` / ``Cara menghitung:``
    / ``Cara Pengukuran :`` / ``Definisi Operasional:`` label is dropped."""
    if not (draft.lower.lstrip().startswith(
        ("rumus", "formula", "cara", "metode", "definisi", "perhitungan")
    )):
        return
    match = _LABEL.match(draft.masked)
    if match:
        draft.replace([(0, match.end(), " " * match.end())])


_EXAMPLE_LINE = re.compile(
    r"^\s*+(?:[^=\n]{1,40}=)?[\s.,%()×xX*/:+\-−–=]*+\d[\d\s.,%()×xX*/:+\-−–=]*+$"
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
            "=" in line and re.search(r"[\d)]\s*[/:×xX*÷+\-]\s*[\d(]", line)
        )
        if computes and _EXAMPLE_LINE.match(line) and masked[:offset].strip():
            rest = draft.text[offset:]
            draft.examples.extend(fold(x) for x in rest.split("\n") if x.strip())
            draft.keep(0, offset - 1)
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


_BULLET = re.compile(r"(?:(?<!\s)\s++)?(?:[-•·*–]|\d{1,2}[.)])\s*+$")


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
        return
