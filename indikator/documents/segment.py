"""Extracted document text cut into table blocks, and each block's header read.

A block starts at a ``Tabel N.N`` heading (or is a run of tab-separated rows before the first
heading) and ends at the next heading, a ``BAB`` heading or prose; :func:`find_header` takes
the header rows at its top, :func:`table_kind` tells formula / programme / headline tables
apart, :func:`drop_repeats` removes what page breaks leave inside a table.  Rows are not read
here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from indikator.documents.cells import SMALL_INT, clean_cell, is_header_row, without_spaces, year_of
from indikator.documents.results import Table

# "Tabel 6.3", "TABEL 6.3.", "Tabel 6. 3", "Tabel VI.3", "Tabel VI. 3" (number normalised)
_HEADING = re.compile(
    r"^[\s*#_]*tabel\s+(\d+(?:\s?\.\s?\d+)*|[IVXLC]{1,6}(?:\s?\.\s?\d+)+)(?![\w])\.?",
    re.IGNORECASE,
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# a chapter heading ("BAB VII", "BAB 7"): a table never runs on across it
_CHAPTER = re.compile(r"^[\s*#_]*bab\s+(?:[ivxlc]{1,6}|\d{1,2})\b", re.IGNORECASE)
# a page mark printed between the rows of a table split over pages ("- 87 -", "Halaman 54",
# "Lanjutan Tabel 6.3")
_PAGE_MARK = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:halaman|hal\.?|page)\s*\d{1,4}(?:\s+(?:dari|of)\s+\d{1,4})?"
    r"|\(?lanjutan(?:\s+tabel\s+[\dIVXLC. ]{1,12})?\)?)$",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------------------------
# blocks


@dataclass
class Block:
    number: str | None
    title_lines: list[tuple[int, str]]
    rows: list[tuple[int, list[str]]]  # (line, raw cells) of tab-separated or text lines
    start: int
    end: int


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def split_blocks(lines: Sequence[str]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    pending: list[tuple[int, list[str]]] = []  # tab rows before the first heading
    for index, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        match = None if "\t" in text else _HEADING.match(text.replace("*", "").strip())
        if match:
            if current is not None:
                blocks.append(current)
            _flush_pending(blocks, pending)
            pending = []
            current = Block(_table_number(match.group(1)), [(index, clean_cell(text))], [],
                             index, index)
            continue
        chapter = "\t" not in text and bool(_CHAPTER.match(text))
        if _MARKDOWN_HEADING.match(text) or chapter:
            if current is not None:
                blocks.append(current)
                current = None
            if chapter:
                _flush_pending(blocks, pending)
                pending = []
            continue
        if current is None:
            if "\t" in text:
                pending.append((index, text.split("\t")))
            elif pending and text.strip():
                _flush_pending(blocks, pending)
                pending = []
            continue
        if "\t" in text:
            current.rows.append((index, text.split("\t")))
            current.end = index
        elif text.strip():
            if not current.rows:
                current.title_lines.append((index, clean_cell(text)))
                current.end = index
            elif len(text) > 200:  # prose after the table: the table has ended
                blocks.append(current)
                current = None
            else:
                current.rows.append((index, [text]))
                current.end = index
    if current is not None:
        blocks.append(current)
    _flush_pending(blocks, pending)
    blocks.sort(key=lambda b: b.start)
    return blocks


def _table_number(text: str) -> str:
    """``6.3`` from ``6. 3``, ``VI.3`` or ``VI. 3`` (a Roman chapter number made Arabic)."""
    parts = without_spaces(text).split(".")
    head = parts[0].lower()
    if head and not head.isdigit():
        values = [_ROMAN[c] for c in head]
        total = sum(-v if k + 1 < len(values) and v < values[k + 1] else v
                    for k, v in enumerate(values))
        parts[0] = str(total)
    return ".".join(parts)


def _flush_pending(blocks: list[Block], pending: list[tuple[int, list[str]]]) -> None:
    if len(pending) >= 3:
        blocks.append(Block(None, [], list(pending), pending[0][0], pending[-1][0]))


# --------------------------------------------------------------------------------------------
# header model


@dataclass
class Header:
    rows: list[tuple[int, list[str]]]
    columns: dict[int, str]  # column index (0-based) -> joined lower-case header text
    first: dict[int, str]  # forward-filled labels of the first header row

    def find(self, pattern: str, *, first_only: bool = False) -> int | None:
        regex = re.compile(pattern, re.IGNORECASE)
        source = self.first if first_only else self.columns
        for index in sorted(source):
            if regex.search(source[index]):
                return index
        return None

    def text(self) -> str:
        return " ".join(self.columns[i] for i in sorted(self.columns))


def find_header(rows: Sequence[tuple[int, list[str]]]) -> tuple[Header, int]:
    """The header rows at the top of *rows* and how many rows they take."""
    count = 0
    for _, cells in rows[:8]:
        texts = [clean_cell(c) for c in cells]
        if not any(texts):
            count += 1
            continue
        if is_header_row(texts):
            count += 1
        else:
            break
    columns: dict[int, str] = {}
    first: dict[int, str] = {}
    for position, (_, cells) in enumerate(rows[:count]):
        last = ""
        for index, cell in enumerate(cells):
            text = clean_cell(cell)
            if text:
                columns[index] = (columns.get(index, "") + " " + text.lower()).strip()
            if position == 0:
                last = text.lower() or last
                first[index] = last
    return Header(list(rows[:count]), columns, first), count


def years_row(header: Header) -> dict[int, int]:
    """Column index → year of the header row with the most years."""
    best: dict[int, int] = {}
    for _, cells in header.rows:
        found = {i: y for i, c in enumerate(cells) if (y := year_of(c)) is not None}
        if len(found) > len(best):
            best = found
    return best


# a baseline column ("Kondisi awal", "Tahun dasar"): its year is the one before the plan
BASELINE = re.compile(r"\bawal\b|tahun dasar|\bbaseline\b", re.IGNORECASE)

# a formula column named by its method ("Cara Pengukuran", "Metode Penghitungan")
METHOD_WORDS = r"(?:cara|metode|teknik) (?:perhitungan|penghitungan|pengukuran|menghitung)"


def table_kind(header: Header) -> str:
    text = header.text()
    if re.search(r"rumus|formula|definisi operasional|" + METHOD_WORDS, text):
        return "formula"
    if re.search(r"\brp\b|pendanaan|pagu|anggaran", text) and re.search(r"target", text):
        return "programme"
    if re.search(r"indikator", text) and re.search(r"(?:19|20)\d\d", text):
        return "headline"
    return "unknown"


def _row_key(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(text.lower() for text in (clean_cell(c) for c in cells) if text)


def drop_repeats(
    table: Table, header: Header, body: Sequence[tuple[int, list[str]]]
) -> list[tuple[int, list[str]]]:
    """The body without the lines a page break leaves inside a table: the header printed
    again (any of its rows, or the row of column numbers ``1 2 3 …``) and page marks
    (``- 87 -``, ``Halaman 54``).  Those cells are counted as read; they are not data."""
    header_keys = {key for _, cells in header.rows if len(key := _row_key(cells)) >= 2}
    kept: list[tuple[int, list[str]]] = []
    for line, cells in body:
        key = _row_key(cells)
        numbers = [int(c) for c in key if SMALL_INT.match(c)]
        numbering = len(key) >= 3 and len(numbers) == len(key) and all(
            b == a + 1 for a, b in pairwise(numbers))
        if key and (key in header_keys or numbering
                    or (len(key) == 1 and len(cells) == 1 and _PAGE_MARK.match(key[0]))):
            table.cells_read += len(key)
            continue
        kept.append((line, cells))
    return kept
