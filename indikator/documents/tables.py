"""Find and read the tables of planning documents and realisation tables.

Two kinds of input:

* **Extracted document text** (a Renstra PDF turned into text: one table row a line, cells
  separated by tabs, ragged columns, ``<b>`` tags, numbers broken by stray spaces).
  :func:`read_document` finds every ``Tabel N.N`` heading, recognises the table by its header
  (not by its number, which differs between documents) and reads it:

  - *formula tables* (Tabel 6.3 "Rumusan dan definisi operasional indikator"): indikator,
    satuan, rumus, penjelasan and the tujuan/sasaran/program context column;
  - *programme tables* (Tabel 6.1 / 6.2): code, programme/kegiatan, indicator, satuan,
    baseline, target and Rp per year, end-of-period target and Rp, unit kerja;
  - *headline tables* (Tabel 7.1): indicator, baseline, actual and target per year,
    end-of-period before/after revision.

  Rows of extracted tables are ragged (cells shift left or right by a column or more), so:

  - a formula row is anchored on its formula cell (the cell with ``\\frac``, ``x 100``,
    ``dibagi`` …; ``/`` alone counts less, since it occurs in names such as ``KDH/WKDH``) and
    the other columns are read at the header's offsets from it; lines that carry on a cell
    (a wrapped name, a stacked fraction flattened into three lines) are joined to it;
  - a programme row is *aligned* to the header's columns by a small dynamic programme that
    keeps the cells' order, prefers each cell's own column (trying whole-row shifts) and only
    puts a cell where its shape fits (Rupiah into an Rp column, a code into the code column);
    an end-of-period pair that slid into the last year is recognised by its Rp being the sum
    of the years';
  - a headline row is placed by its indicator name, the text cell nearest the header's
    indicator column; years are actual or target by the group label printed above them.

  Tab-separated blocks before the first heading (a table continued from an earlier page) are
  read with the schema of the document's programme table they fit best.

  Headings are written many ways (``TABEL 6.3``, ``Tabel 6. 3``, ``Tabel VI.3``,
  ``Tabel 6.3.``; the number is normalised to ``6.3``); a ``BAB`` heading ends a table.  A
  numbered block without a header (``Tabel 6.3 (Lanjutan)``) is read with the header of the
  same table printed earlier.  What a page break leaves inside a table — the header rows
  printed again, the row of column numbers, page marks such as ``- 87 -``, ``Halaman 54`` or
  ``Lanjutan Tabel 6.3`` — is counted as read and kept out of the data.  Formula tables find
  the formula cell by its operator, else at the header's own rumus column (a formula in
  words, the numerator line of a stacked fraction), else from the satuan cell.

* **Realisation tables** (CSV or XLSX): columns named in Indonesian, matched with the
  synonyms published LKjIP / e-SAKIP tables use ("Indikator Kinerja Utama", "Target 2023",
  "% Capaian", "Polaritas" …; see :func:`header_field`) — ``indikator``, ``target``,
  ``realisasi`` required; ``tahun``, ``satuan``, ``arah``, ``skala``, ``capaian`` optional;
  title lines, two-row headers, column-number rows, sub-header and total rows and merged
  cells handled.  See :func:`read_realisation`.

Every non-empty cell is either read or reported in ``unread`` with its line (or row), column
and reason; nothing is dropped silently.  For extracted tables ``cells_read + len(unread)``
equals the number of non-empty cells of the table (headers and titles included).

Numbers are read by :mod:`indikator.documents.numbers` (one reader for the whole project); this
module
only decides which cell belongs to which column.  It does not judge formulas (the linter does)
nor compute anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indikator.core.errors import IndikatorError, InputFileError, NumberFormatError, TableError
from indikator.core.i18n import Message

if TYPE_CHECKING:
    from indikator.documents.numbers import Quantity

__all__ = [
    "FormulaRow",
    "HeadlineRow",
    "ProgrammeRow",
    "Reading",
    "RealisationTable",
    "Table",
    "Unread",
    "read_document",
    "read_document_file",
    "read_realisation",
]

# --------------------------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class Unread:
    """A cell that could not be read: where it is, what it says, and why (a message key)."""

    line: int
    column: int | str
    text: str
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)
    error: IndikatorError | None = field(default=None, compare=False)

    def message(self, lang: str | None = None) -> str:
        """The reason in *lang*; a number reader's error is rendered in the same language."""
        detail = {} if self.error is None else {"detail": self.error}
        return Message(self.reason, {**self.params, **detail}).render(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "reason": self.message(lang),
        }


@dataclass(frozen=True)
class Reading:
    """A value cell that was read: its place, its text and the quantity it holds."""

    line: int
    column: int
    text: str
    quantity: Quantity

    @property
    def value(self) -> float | None:
        """The number (for ranges: None; for categories: None)."""
        if self.quantity.kind == "number" and self.quantity.value is not None:
            return float(self.quantity.value)
        return None

    def to_json(self) -> Any:
        """A number when the cell is a plain number, else the text as written."""
        value = self.value
        return value if value is not None else self.text


@dataclass
class FormulaRow:
    """One indicator of a formula table (Tabel 6.3)."""

    indicator: str
    unit: str
    formula: str
    explanation: str
    context: tuple[str, ...]
    line: int
    lines: list[int] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # other columns (e.g. sumber data)


@dataclass
class ProgrammeRow:
    """One indicator of a programme table (Tabel 6.1 / 6.2) with yearly targets and budgets."""

    indicator: str
    line: int
    code: str = ""
    programme: str = ""
    unit: str = ""
    baseline: Reading | None = None
    targets: dict[int, Reading] = field(default_factory=dict)
    budgets: dict[int, Reading] = field(default_factory=dict)
    end_target: Reading | None = None
    end_budget: Reading | None = None
    end_before_target: Reading | None = None
    end_before_budget: Reading | None = None
    responsible: str = ""
    context: tuple[str, ...] = ()
    lines: list[int] = field(default_factory=list)


@dataclass
class HeadlineRow:
    """One indicator of a headline table (Tabel 7.1): actual and target per year."""

    indicator: str
    line: int
    values: dict[int, Reading] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)  # year -> "actual" | "target"
    end_before: Reading | None = None
    end_after: Reading | None = None
    responsible: str = ""
    context: tuple[str, ...] = ()
    unit: str = ""
    notes: dict[str, str] = field(default_factory=dict)


Row = FormulaRow | ProgrammeRow | HeadlineRow


@dataclass
class Table:
    """One table found in a document, with what was read and what was not."""

    number: str | None
    kind: str  # "formula" | "programme" | "headline" | "unknown"
    title: str
    start_line: int
    end_line: int
    rows: list[Any] = field(default_factory=list)
    cells_read: int = 0
    unread: list[Unread] = field(default_factory=list)
    totals: dict[str, Reading] = field(default_factory=dict)
    continued: bool = False

    @property
    def indicators(self) -> int:
        return len(self.rows)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "table": self.number,
            "kind": self.kind,
            "title": self.title,
            "lines": [self.start_line, self.end_line],
            "continued": self.continued,
            "indicators": self.indicators,
            "cells_read": self.cells_read,
            "cells_unread": [u.to_json(lang) for u in self.unread],
        }


# --------------------------------------------------------------------------------------------
# cleaning and cell shapes

_TAG = re.compile(r"<[^>]{0,40}>")
_SPACE = re.compile(r"\s+")
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
_CODE = re.compile(r"^\d{1,2}(?:\s*\.\s*\d{1,3})+\s*\.?$")
_MONEY_GROUPS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$")
_EXP = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?(\d+)$")
_INT = re.compile(r"^\d{1,3}$")
_STARTS_QTY = re.compile(r"^(?:[-+±]?\s?\(?\d|[<>≤≥=]\s*\d|[<>≤≥=])")
_FORMULA_HINT = re.compile(
    r"\\frac|\$|[/×÷∑Ʃ]|\s[xX*:]\s|\bx\s*100|\bdibagi\b|\bdikali|=|\bpembilang\b|\bpenyebut\b",
    re.IGNORECASE,
)
_FORMULA_WEAK = re.compile(r"\bperbandingan\b|\bterhadap\b|\bpersentase\b.*\bdari\b", re.IGNORECASE)
_UNIT_WORDS = re.compile(
    r"^(?:%|persen|persentase|prosentase|presentase|kategori|dokumen|dok|indeks|nilai|poin|"
    r"predikat|unit|bulan|orang|kegiatan|keg|kgt|rp|rupiah|juta rp|opd|paket|kasus|titik|"
    r"laporan|buku|stel|peserta|kali|hari|tahun|skor|rasio|angka|level|jumlah)(?!\w)",
    re.IGNORECASE,
)
_HEADER_WORDS = re.compile(
    r"urusan|tujuan|sasaran|kode|\brek\b|program|kegiatan|indikator|satuan|kinerja|tahun|dasar|"
    r"target|\brp\b|kondisi|akhir|awal|renstra|rpjmd|unit|penanggung|penggung|pernanggung|"
    r"jawab|\bno\b|capaian|setiap|sebelum|setelah|rumus|formula|penjelasan|keterangan|"
    r"definisi|pendanaan|kerangka|realisasi|tahunan|\bsub\b|perangkat daerah|^pd$|"
    r"operasional|perhitungan|pengukuran|\bsumber\b|^data$",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"^(?:total|jumlah total|jumlah kerangka|total kerangka)\b", re.IGNORECASE)
_CATEGORY_WORDS = re.compile(
    r"^(?:sangat\s+)?(?:tinggi|rendah|sedang|baik|buruk|kurang|cukup|memuaskan)$|^[A-D]{1,2}$|"
    r"^(?:WTP|WDP|TW|TMP)$",
    re.IGNORECASE,
)


def clean_cell(text: str) -> str:
    """A cell without markup (``<b>``, ``**``) and with runs of whitespace folded."""
    text = _TAG.sub("", text).replace("**", "")
    return _SPACE.sub(" ", text).strip()


def _compact(text: str) -> str:
    return text.replace(" ", "")


def looks_like_code(text: str) -> bool:
    """A programme/kegiatan code such as ``4.01.01.2.08.02`` (possibly broken by spaces)."""
    compact = _compact(text)
    if not _CODE.match(compact):
        return False
    return not _MONEY_GROUPS.match(compact)


def looks_like_money(text: str) -> bool:
    """An amount of Rupiah: digit groups of three (``850.0 00.00 0``), or ``2,297E+09``."""
    compact = _compact(text)
    if compact.lower().startswith("rp"):
        compact = compact[2:].lstrip(".")
    exp = _EXP.match(compact)
    if exp:
        return int(exp.group(1)) >= 5
    if _MONEY_GROUPS.match(compact):
        digits = re.sub(r"[.,]\d{1,2}$", "", compact)
        return len(re.sub(r"\D", "", digits)) >= 5
    return False


def looks_like_formula(text: str) -> bool:
    """Text that carries an operator or formula wording (``/``, ``\\frac``, ``x 100``)."""
    return bool(_FORMULA_HINT.search(text))


_NAME_STARTERS = re.compile(
    r"^(?:angka|jumlah|nilai|indeks|rasio|persentase|prosentase|presentase|tingkat|capaian|"
    r"rata-rata|cakupan|laju|pertumbuhan)\s+\S",
    re.IGNORECASE,
)


def looks_like_unit(text: str) -> bool:
    """A satuan: a known unit word (``Persen``, ``Dokumen``, ``Juta Rp``) or another word or
    two; not the start of an indicator name (``Angka Kemiskinan``, ``Jumlah Dokumen``)."""
    words = text.split()
    if not words or len(words) > 3 or _NAME_STARTERS.match(text):
        return False
    return bool(_UNIT_WORDS.match(text)) or (len(words) <= 2 and not looks_like_formula(text))


def looks_like_quantity(text: str) -> bool:
    """A target-like cell: starts with a number or sign (``12 Bulan``, ``100%``), a dash, or
    a category word (``BB``, ``Sangat Tinggi``)."""
    return text in {"-", "–", "—"} or bool(_STARTS_QTY.match(text)) or bool(
        _CATEGORY_WORDS.match(text)
    )


def _is_header_row(texts: Sequence[str]) -> bool:
    """A header row: mostly header words and years (``INDIKATOR``, ``Target``, ``2021``), or
    the row of column numbers (``1 2 3 … 21``, increasing) that many tables print under it."""
    cells = [c for c in texts if c]
    if not cells or any(looks_like_money(c) for c in cells):
        return False
    if len(cells) == 1 and len(cells[0].split()) > 3 and not cells[0].endswith("/"):
        return False  # a group label ("Sasaran: meningkatnya …"), not a wrapped header cell
    words = sum(1 for c in cells if _HEADER_WORDS.search(c) or _year_of(c) is not None)
    numbers = [int(c) for c in cells if _INT.match(c)]
    # column numbers go up, mostly by one; a data row's numbers ("1 … 45 50 55") do not
    steps = [b - a for a, b in pairwise(numbers)]
    numbering = len(numbers) >= 3 and all(d > 0 for d in steps) and 2 * steps.count(1) >= len(
        steps)
    good = words + (len(numbers) if numbering else 0)
    return good >= max(1, (len(cells) * 3 + 4) // 5)


# --------------------------------------------------------------------------------------------
# reading numbers (through indikator.documents.numbers)


def _read(text: str) -> Quantity:
    from indikator.documents.numbers import read_number

    return read_number(text)


def _unread_number(
    line: int, column: int | str, text: str, error: IndikatorError, field_name: str | None = None
) -> Unread:
    if field_name is None:
        return Unread(line, column, text, "tables.unreadable_number", {}, error)
    return Unread(line, column, text, "tables.unreadable_in", {"field": field_name}, error)


def _read_series(texts: Sequence[str]) -> list[Quantity | NumberFormatError]:
    """Read cells that belong together (one indicator's yearly values), so the number reader
    settles ambiguous separators (``3.4600``) from the others; per-cell results."""
    from indikator.documents.numbers import read_column

    reading = read_column(list(texts))
    return _per_cell(reading, texts)


def _per_cell(reading: Any, texts: Sequence[str]) -> list[Quantity | NumberFormatError]:
    """The rows of a :class:`indikator.documents.numbers.ColumnReading` as quantities or errors (for
    short series only: this is a Python loop)."""
    from indikator.documents.numbers import Quantity

    errors = {cell.position: cell.error for cell in reading.unread}
    frame = reading.frame
    out: list[Quantity | NumberFormatError] = []
    for position, text in enumerate(texts):
        if position in errors:
            out.append(errors[position])
            continue
        row = frame.iloc[position]

        def num(name: str, row: Any = row) -> float | None:
            value = row[name]
            return None if value is None or value != value else float(value)

        def obj(name: str, row: Any = row) -> Any:
            value = row[name]
            return None if value is None or (isinstance(value, float) and value != value) else value

        out.append(
            Quantity(
                kind=str(row["kind"]),  # type: ignore[arg-type]
                text=text,
                value=num("value"),
                low=num("low"),
                high=num("high"),
                op=obj("op"),
                unit=obj("unit"),
                category=obj("category"),
                reason=obj("reason"),
                note=obj("note"),
                ambiguous=bool(row["ambiguous"]),
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# blocks


@dataclass
class _Block:
    number: str | None
    title_lines: list[tuple[int, str]]
    rows: list[tuple[int, list[str]]]  # (line, raw cells) of tab-separated or text lines
    start: int
    end: int


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def _split_blocks(lines: Sequence[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    pending: list[tuple[int, list[str]]] = []  # tab rows before the first heading
    for index, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        match = None if "\t" in text else _HEADING.match(text.replace("*", "").strip())
        if match:
            if current is not None:
                blocks.append(current)
            _flush_pending(blocks, pending)
            pending = []
            current = _Block(_table_number(match.group(1)), [(index, clean_cell(text))], [],
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
    parts = _compact(text).split(".")
    head = parts[0].lower()
    if head and not head.isdigit():
        values = [_ROMAN[c] for c in head]
        total = sum(-v if k + 1 < len(values) and v < values[k + 1] else v
                    for k, v in enumerate(values))
        parts[0] = str(total)
    return ".".join(parts)


def _flush_pending(blocks: list[_Block], pending: list[tuple[int, list[str]]]) -> None:
    if len(pending) >= 3:
        blocks.append(_Block(None, [], list(pending), pending[0][0], pending[-1][0]))


# --------------------------------------------------------------------------------------------
# header model


@dataclass
class _Header:
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


def _header(rows: Sequence[tuple[int, list[str]]]) -> tuple[_Header, int]:
    """The header rows at the top of *rows* and how many rows they take."""
    count = 0
    for _, cells in rows[:8]:
        texts = [clean_cell(c) for c in cells]
        if not any(texts):
            count += 1
            continue
        if _is_header_row(texts):
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
    return _Header(list(rows[:count]), columns, first), count


_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _year_of(cell: str) -> int | None:
    """The year a header cell names: ``2021``, ``Tahun 2021``, ``2021*)``, ``Th. 2021``."""
    text = clean_cell(cell)
    if not text or len(text.split()) > 4:
        return None
    found = _YEAR_IN.findall(text) or _YEAR_IN.findall(_compact(text))
    return int(found[0]) if len(set(found)) == 1 else None


def _years_row(header: _Header) -> dict[int, int]:
    """Column index → year of the header row with the most years."""
    best: dict[int, int] = {}
    for _, cells in header.rows:
        found = {i: y for i, c in enumerate(cells) if (y := _year_of(c)) is not None}
        if len(found) > len(best):
            best = found
    return best


# --------------------------------------------------------------------------------------------
# the document


def read_document(text: str) -> list[Table]:
    """Every table found in extracted document *text*, in document order."""
    lines = text.splitlines()
    tables: list[Table] = []
    blocks = _split_blocks(lines)
    schemas: list[_ProgrammeSchema] = []
    headers: dict[str, _Header] = {}  # table number → its (first) header
    for block in blocks:
        if block.number is None:
            continue
        header, count = _header(block.rows)
        if count and _kind(header) != "unknown":
            headers.setdefault(block.number, header)
        if _kind(header) == "programme":
            schema = _programme_schema(header)
            if schema not in schemas:
                schemas.append(schema)
    for block in blocks:
        fallback = _best_schema(block, schemas) if block.number is None else None
        earlier = headers.get(block.number) if block.number is not None else None
        tables.append(_read_block(block, fallback, earlier))
    return tables


def _best_schema(block: _Block, schemas: Sequence[_ProgrammeSchema]) -> _ProgrammeSchema | None:
    """For rows without a heading (a table continued from an earlier page): the programme
    schema of this document that its first rows fit best."""
    best: tuple[float, _ProgrammeSchema] | None = None
    for schema in schemas:
        total = 0.0
        for _, raw in block.rows[:40]:
            cells = [(i, c, _cell_type(c)) for i, c in ((i, clean_cell(r)) for i, r in
                                                        enumerate(raw)) if c]
            if cells:
                total += _align_cost(cells, schema.slots)[0]
        if best is None or total < best[0]:
            best = (total, schema)
    return best[1] if best else None


def read_document_file(path: str | Path) -> list[Table]:
    """:func:`read_document` on a UTF-8 text file."""
    from indikator.cli.commands.base import read_text_file

    return read_document(read_text_file(path))


# a formula column named by its method ("Cara Pengukuran", "Metode Penghitungan")
_METHOD_WORDS = r"(?:cara|metode|teknik) (?:perhitungan|penghitungan|pengukuran|menghitung)"


def _kind(header: _Header) -> str:
    text = header.text()
    if re.search(r"rumus|formula|definisi operasional|" + _METHOD_WORDS, text):
        return "formula"
    if re.search(r"\brp\b|pendanaan|pagu|anggaran", text) and re.search(r"target", text):
        return "programme"
    if re.search(r"indikator", text) and re.search(r"(?:19|20)\d\d", text):
        return "headline"
    return "unknown"


def _read_block(
    block: _Block, fallback: _ProgrammeSchema | None, earlier: _Header | None = None
) -> Table:
    """Read one block.  A numbered block without a header of its own ("Tabel 6.3
    (Lanjutan)" on the next page) is read with the header of the same table number printed
    earlier in the document (*earlier*), and marked ``continued``."""
    title = " ".join(text for _, text in block.title_lines)
    table = Table(block.number, "unknown", title, block.start, block.end)
    table.cells_read += sum(1 for _, text in block.title_lines if text)
    if block.number is None:
        header, count = _header(block.rows)
        if count == 0 and fallback is not None:
            table.kind = "programme"
            table.continued = True
            _read_programme(table, _drop_repeats(table, header, block.rows), fallback)
            return table
    else:
        header, count = _header(block.rows)
        if count == 0 and earlier is not None:
            header = earlier
            table.continued = True
    table.cells_read += sum(1 for _, cells in block.rows[:count] for c in cells if clean_cell(c))
    body = _drop_repeats(table, header, block.rows[count:])
    kind = _kind(header)
    table.kind = kind
    if kind == "formula":
        _read_formula(table, body, _formula_layout(header))
    elif kind == "programme":
        _read_programme(table, body, _programme_schema(header))
    elif kind == "headline":
        _read_headline(table, header, body)
    else:
        for line, cells in body:
            for col, cell in enumerate(cells, start=1):
                text = clean_cell(cell)
                if text:
                    table.unread.append(Unread(line, col, text, "tables.unknown_table"))
    return table


def _row_key(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(text.lower() for text in (clean_cell(c) for c in cells) if text)


def _drop_repeats(
    table: Table, header: _Header, body: Sequence[tuple[int, list[str]]]
) -> list[tuple[int, list[str]]]:
    """The body without the lines a page break leaves inside a table: the header printed
    again (any of its rows, or the row of column numbers ``1 2 3 …``) and page marks
    (``- 87 -``, ``Halaman 54``).  Those cells are counted as read; they are not data."""
    header_keys = {key for _, cells in header.rows if len(key := _row_key(cells)) >= 2}
    kept: list[tuple[int, list[str]]] = []
    for line, cells in body:
        key = _row_key(cells)
        numbers = [int(c) for c in key if _INT.match(c)]
        numbering = len(key) >= 3 and len(numbers) == len(key) and all(
            b == a + 1 for a, b in pairwise(numbers))
        if key and (key in header_keys or numbering
                    or (len(key) == 1 and len(cells) == 1 and _PAGE_MARK.match(key[0]))):
            table.cells_read += len(key)
            continue
        kept.append((line, cells))
    return kept


# --------------------------------------------------------------------------------------------
# formula tables (Tabel 6.3)


@dataclass(frozen=True)
class _FormulaLayout:
    """Where the columns of a formula table sit relative to the formula column.

    The default is the Tabel 6.3 order (indikator, satuan, rumus, penjelasan); a header that
    names its columns in another order (``Indikator | Definisi | Rumus | Satuan | Sumber``)
    gives other offsets.  Rows are ragged, so positions are taken relative to the row's own
    formula cell, never absolute."""

    indicator: int = -2
    unit: int | None = -1
    explanation: int | None = 1
    labels: Mapping[int, str] = field(default_factory=dict)  # offset → header label
    formula_col: int | None = None  # the header's own columns (absolute), for rows that
    indicator_col: int | None = None  # sit where the header says

    @property
    def default(self) -> bool:
        return (self.indicator, self.unit, self.explanation) == (-2, -1, 1)


def _formula_layout(header: _Header) -> _FormulaLayout:
    rumus = header.find(r"rumus|formula|" + _METHOD_WORDS)
    indicator = header.find(r"indikator")
    if rumus is None or indicator is None or indicator >= rumus:
        return _FormulaLayout()
    unit = header.find(r"satuan")
    explanation = header.find(r"penjelasan|keterangan|definisi|uraian")
    labels = {
        col - rumus: label
        for col, label in header.columns.items()
        if col not in (rumus, indicator, unit, explanation) and col > indicator
    }
    return _FormulaLayout(
        indicator - rumus,
        None if unit is None else unit - rumus,
        None if explanation is None else explanation - rumus,
        labels,
        rumus,
        indicator,
    )


_NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[ivxlc]{1,5}|[a-z])[.)]?$", re.IGNORECASE)
_CONNECTOR_END = re.compile(r"(?:\b(?:dan|yang|atau|di|ke|dari|pada|untuk|dengan)|[,/\-(])$",
                            re.IGNORECASE)


def _read_formula(table: Table, body: Sequence[tuple[int, list[str]]], layout: _FormulaLayout
                  ) -> None:
    context: list[str] = []
    last: FormulaRow | None = None
    last_cols: dict[int, str] = {}  # column → field of the previous indicator row
    for line, raw in body:
        cells = [clean_cell(c) for c in raw]
        while cells and not cells[-1]:
            cells.pop()
        filled = [(i, c) for i, c in enumerate(cells) if c]
        if not filled:
            continue
        f_index = _formula_index(cells)
        if f_index is None:
            f_index = _formula_by_header(cells, layout)
        if f_index is None:
            f_index = _formula_by_unit(cells, layout)
        if f_index is not None and last is not None and last_cols.get(f_index) == "formula" \
                and all(_NUMBERING.match(c) or last_cols.get(i) in ("explanation", "note")
                        for i, c in enumerate(cells[:f_index]) if c):
            # the formula goes on below (a stacked fraction flattened into lines), maybe
            # beside the wrapped text of the definition column
            _continue_row(last, last_cols, filled, line)
            table.cells_read += len(filled)
            continue
        if f_index is None:
            if last is not None and _is_continuation(filled, last, last_cols):
                _continue_row(last, last_cols, filled, line)
                table.cells_read += len(filled)
                continue
            if len(filled) == 1:
                context = _push_context(context, filled[0][1])
                table.cells_read += 1
                continue
            # an indicator without satuan and formula: context cells are read, the indicator
            # is reported so that no row disappears
            *ctx, (col, name) = filled
            for _, text in ctx:
                if not _NUMBERING.match(text):
                    context = _push_context(context, text)
            table.cells_read += len(ctx)
            table.unread.append(Unread(line, col + 1, name, "tables.no_formula"))
            continue
        row, cols = _formula_row(cells, f_index, layout, line)
        if row is None:
            table.unread.append(Unread(line, f_index + 1, cells[f_index], "tables.no_indicator"))
            table.cells_read += len(filled) - 1
            continue
        indicator_index = min(c for c, name in cols.items() if name == "indicator")
        for i in range(indicator_index):
            if cells[i] and not _NUMBERING.match(cells[i]):
                context = _push_context(context, cells[i])
        row.context = tuple(context)
        last, last_cols = row, cols
        table.rows.append(row)
        table.cells_read += len(filled)


def _formula_by_header(cells: Sequence[str], layout: _FormulaLayout) -> int | None:
    """Without an operator anywhere (a formula in words, or the numerator line of a stacked
    fraction), the header's rumus column — when the row starts a new indicator where the
    header says (a name in the indicator column, the rumus cell filled)."""
    f, i = layout.formula_col, layout.indicator_col
    if f is None or i is None or f >= len(cells) or i >= len(cells):
        return None
    if not cells[f] or not cells[i] or _NUMBERING.match(cells[i]) or cells[i][:1].islower():
        return None
    if layout.unit is not None and _is_unit_word(cells[f]):
        # a satuan where the formula belongs: the row is shifted, unless the header's satuan
        # cell holds a satuan too
        u = f + layout.unit
        if not (0 <= u < len(cells) and _is_unit_word(cells[u])):
            return None
    return f


def _is_unit_word(text: str) -> bool:
    return bool(_UNIT_WORDS.match(text)) and len(text.split()) <= 2


def _formula_by_unit(cells: Sequence[str], layout: _FormulaLayout) -> int | None:
    """Without an operator anywhere, the formula column from the satuan cell (a short unit
    word) and the layout; the Tabel 6.3 order also allows right alignment."""
    if layout.unit is not None:
        for i, c in enumerate(cells):
            if c and _UNIT_WORDS.match(c) and len(c.split()) <= 2:
                f = i - layout.unit
                if 0 < f < len(cells) and cells[f] and f + layout.indicator >= 0 \
                        and cells[f + layout.indicator]:
                    return f
    if layout.default and len(cells) >= 4 and looks_like_unit(cells[-3]) and cells[-2]:
        return len(cells) - 2  # right-aligned: indikator, satuan, rumus, penjelasan
    return None


def _formula_row(
    cells: Sequence[str], f: int, layout: _FormulaLayout, line: int
) -> tuple[FormulaRow | None, dict[int, str]]:
    cols: dict[int, str] = {f: "formula"}
    unit = ""
    unit_index = None if layout.unit is None else f + layout.unit
    if unit_index is not None and 0 <= unit_index < len(cells):
        unit = cells[unit_index]
        cols[unit_index] = "unit"
    indicator_index = f + layout.indicator
    if unit and not looks_like_unit(unit) and (
        indicator_index < 0 or not cells[indicator_index]
    ) and unit_index is not None and unit_index < f:
        # the satuan cell is missing and the indicator sits in its place
        indicator_index, unit = unit_index, ""
        del cols[unit_index]
    while indicator_index >= 0 and (indicator_index >= len(cells) or not cells[indicator_index]
                                    or indicator_index in cols):
        indicator_index -= 1
    if indicator_index < 0:
        return None, cols
    cols[indicator_index] = "indicator"
    explanation: list[str] = []
    notes: dict[str, str] = {}
    for j in range(f + 1, len(cells)):
        if not cells[j] or j in cols:
            continue
        offset = j - f
        if layout.explanation is not None and offset == layout.explanation:
            cols[j] = "explanation"
            explanation.append(cells[j])
        elif offset in layout.labels:
            cols[j] = "note"
            notes[layout.labels[offset]] = cells[j]
        else:
            cols[j] = "explanation"
            explanation.append(cells[j])
    for j in range(indicator_index + 1, f):  # between indicator and formula (e.g. definisi)
        if cells[j] and j not in cols:
            offset = j - f
            if layout.explanation is not None and offset == layout.explanation:
                cols[j] = "explanation"
                explanation.insert(0, cells[j])
            else:
                cols[j] = "note"
                notes[layout.labels.get(offset, f"kolom {j + 1}")] = cells[j]
    row = FormulaRow(cells[indicator_index], unit, cells[f], " ".join(explanation), (), line,
                     [line], notes)
    return row, cols


def _is_continuation(
    filled: Sequence[tuple[int, str]], last: FormulaRow, last_cols: Mapping[int, str]
) -> bool:
    """A line that carries on the previous row: its cells sit in that row's formula or
    explanation columns, or in its indicator/satuan column starting in lower case (or after
    a name that ended on a connector such as "dan", "yang", ",")."""
    if len(filled) > 3:
        return False
    for col, text in filled:
        field_name = last_cols.get(col)
        if field_name in ("formula", "explanation", "note"):
            continue
        if field_name in ("indicator", "unit") and (
            text[:1].islower() or _CONNECTOR_END.search(last.indicator)
        ):
            continue
        if field_name is None and text[:1].islower() and len(filled) == 1:
            continue
        return False
    return True


def _continue_row(
    row: FormulaRow, cols: Mapping[int, str], filled: Sequence[tuple[int, str]], line: int
) -> None:
    for col, text in filled:
        field_name = cols.get(col, "explanation")
        if field_name == "formula":
            row.formula = f"{row.formula}\n{text}"
        elif field_name == "indicator":
            row.indicator = f"{row.indicator} {text}"
        elif field_name == "unit":
            row.unit = f"{row.unit} {text}".strip()
        else:
            row.explanation = f"{row.explanation} {text}".strip()
    row.lines.append(line)


_STRONG = re.compile(r"\\frac|\$|\bx\s*100|[×÷∑Ʃ]|\bdibagi\b|\bdikali|=|\bpembilang\b",
                     re.IGNORECASE)


def _formula_score(text: str) -> int:
    """How surely a cell is a formula: 2 for LaTeX, ``x 100``, ``×``, ``dibagi``; 1 for a
    bare operator (``/`` also occurs inside names such as ``KDH/WKDH``); 0 otherwise."""
    if _STRONG.search(text):
        return 2
    return 1 if looks_like_formula(text) else 0


def _formula_index(cells: Sequence[str]) -> int | None:
    """The column of the formula: the rightmost cell with an operator (``/``, ``\\frac``,
    ``x 100``), else the rightmost with formula wording (``perbandingan``, ``terhadap``)
    that is not the last cell (the last one is usually the explanation)."""
    best, best_score = None, 0
    for i in range(1, len(cells)):
        score = _formula_score(cells[i]) if cells[i] else 0
        if score >= best_score and score > 0:
            best, best_score = i, score
    if best is not None:
        return best
    for i in range(len(cells) - 2, 0, -1):
        if cells[i] and _FORMULA_WEAK.search(cells[i]):
            return i
    return None


def _push_context(context: list[str], text: str) -> list[str]:
    """Keep the three most recent tujuan/sasaran/program texts, newest last."""
    if context and context[-1] == text:
        return context
    return [*context, text][-3:]


# --------------------------------------------------------------------------------------------
# programme tables (Tabel 6.1 / 6.2)

_TEXT, _CODE_T, _MONEY, _QTY, _UNIT_T = "text", "code", "money", "qty", "unit"


@dataclass(frozen=True)
class _Slot:
    name: str  # urusan, tujuan, sasaran, kode, program, indikator, satuan, baseline,
    # target, rp, end_target, end_rp, unit_kerja
    position: int
    year: int | None = None


@dataclass(frozen=True)
class _ProgrammeSchema:
    slots: tuple[_Slot, ...]
    years: tuple[int, ...]
    scaled_money: bool = False  # Rp printed in thousands or millions ("Rp (juta)")


def _programme_schema(header: _Header) -> _ProgrammeSchema:
    # the planning years: the longest run of consecutive years in the header's year row
    # (the baseline year sits in another header row, or is not printed at all)
    # a year under a baseline label ("Data capaian pada tahun awal", "Tahun dasar") is the
    # baseline's, even when printed in the same row as the planning years
    years = sorted({year for col, year in _years_row(header).items()
                    if not _BASELINE.search(header.columns.get(col, ""))})
    plan: list[int] = []
    run: list[int] = []
    for year in years:
        run = [*run, year] if run and year == run[-1] + 1 else [year]
        if len(run) > len(plan):
            plan = run
    if not plan:
        plan = list(range(2019, 2024))
    positions = {
        "urusan": header.find(r"^urusan", first_only=True),
        "tujuan": header.find(r"^tujuan", first_only=True),
        "sasaran": header.find(r"^sasaran", first_only=True),
        "kode": header.find(r"kode"),
        "program": header.find(r"^program", first_only=True),
        "indikator": header.find(r"indikator"),
        "satuan": header.find(r"satuan"),
    }
    satuan = positions["satuan"] if positions["satuan"] is not None else 6
    defaults = {"urusan": satuan - 6, "tujuan": satuan - 5, "sasaran": satuan - 4,
                "kode": satuan - 3, "program": satuan - 2, "indikator": satuan - 1,
                "satuan": satuan}
    slots: list[_Slot] = []
    for name in ("urusan", "tujuan", "sasaran", "kode", "program", "indikator", "satuan"):
        pos = positions[name]
        slots.append(_Slot(name, pos if pos is not None else defaults[name]))
    base = satuan + 1
    slots.append(_Slot("baseline", base, min(plan) - 1))
    for k, year in enumerate(plan):
        slots.append(_Slot("target", base + 1 + 2 * k, year))
        slots.append(_Slot("rp", base + 2 + 2 * k, year))
    end = base + 1 + 2 * len(plan)
    if header.find(r"sebelum") is not None and header.find(r"setelah") is not None:
        # end of period before and after the Renstra's revision, as in Tabel 7.1
        slots.append(_Slot("end_before_target", end))
        slots.append(_Slot("end_before_rp", end + 1))
        end += 2
    slots.append(_Slot("end_target", end))
    slots.append(_Slot("end_rp", end + 1))
    slots.append(_Slot("unit_kerja", end + 2))
    slots.sort(key=lambda s: s.position)
    scaled = bool(re.search(
        r"\b(?:ribu|ribuan|juta|jutaan|miliar|milyar)\b|\(\s*000\s*\)|\brp\.?\s*\(?000\b",
        header.text()))
    return _ProgrammeSchema(tuple(slots), tuple(plan), scaled)


def _cell_type(text: str) -> str:
    if looks_like_code(text):
        return _CODE_T
    if looks_like_money(text):
        return _MONEY
    if looks_like_quantity(text):
        return _QTY
    if looks_like_unit(text):
        return _UNIT_T
    return _TEXT


_INF = 10_000.0
_SKIP_CELL = 9.0
_SKIP_CODE = 30.0  # a code is almost never noise: shift the row rather than drop it
_MONEY_SLOTS = ("rp", "end_rp", "end_before_rp")
_TEXT_SLOTS = ("urusan", "tujuan", "sasaran", "kode", "program", "indikator")

# cost of putting a cell of a type into a slot (missing = not allowed)
_FIT: dict[str, dict[str, float]] = {
    "urusan": {_TEXT: 0, _UNIT_T: 0.5},
    "tujuan": {_TEXT: 0, _UNIT_T: 0.5},
    "sasaran": {_TEXT: 0, _UNIT_T: 0.5},
    "kode": {_CODE_T: 0},
    "program": {_TEXT: 0, _UNIT_T: 0.5, _CODE_T: 3},
    "indikator": {_TEXT: 0, _UNIT_T: 3, _QTY: 5},
    "satuan": {_UNIT_T: 0, _TEXT: 1.5, _QTY: 2.5},
    "baseline": {_QTY: 0, _UNIT_T: 2.5, _TEXT: 1.5, _MONEY: 3},
    "target": {_QTY: 0, _UNIT_T: 2.5, _TEXT: 1.5, _MONEY: 4},
    "end_target": {_QTY: 0, _UNIT_T: 2.5, _TEXT: 1.5, _MONEY: 4},
    "end_before_target": {_QTY: 0, _UNIT_T: 2.5, _TEXT: 1.5, _MONEY: 4},
    "end_before_rp": {_MONEY: 0, _QTY: 2},
    "rp": {_MONEY: 0, _QTY: 2},
    "end_rp": {_MONEY: 0, _QTY: 2},
    "unit_kerja": {_TEXT: 0, _UNIT_T: 0.5},
}


def _align(cells: Sequence[tuple[int, str, str]], slots: Sequence[_Slot]) -> list[int | None]:
    """Order-preserving assignment of cells (position, text, type) to slots, or None.

    Cost: distance between the cell's column and the slot's, plus how badly the cell's shape
    fits the slot; a cell left out costs :data:`_SKIP_CELL`.  Whole rows shifted left or right
    (a common extraction fault) are tried as offsets of up to three columns.  Dynamic
    programme over (cells, slots), O(offsets × cells × slots).
    """
    return _align_cost(cells, slots)[1]


def _align_cost(
    cells: Sequence[tuple[int, str, str]], slots: Sequence[_Slot]
) -> tuple[float, list[int | None]]:
    best: tuple[float, list[int | None]] | None = None
    for offset in (0, -1, 1, -2, 2, -3, 3):
        cost, result = _align_at(cells, slots, offset)
        cost += 0.5 * abs(offset)
        if best is None or cost < best[0] - 1e-9:
            best = (cost, result)
    assert best is not None
    return best


def _align_at(
    cells: Sequence[tuple[int, str, str]], slots: Sequence[_Slot], offset: int
) -> tuple[float, list[int | None]]:
    n, m = len(cells), len(slots)
    cost = [[_INF] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, int | None]]] = [[(0, 0, None)] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        cost[0][j] = 0.0
    for i in range(1, n + 1):
        pos, _, kind = cells[i - 1]
        skip_cost = _SKIP_CODE if kind == _CODE_T else _SKIP_CELL
        cost[i][0] = cost[i - 1][0] + skip_cost
        move[i][0] = (i - 1, 0, None)
        for j in range(1, m + 1):
            best = cost[i][j - 1]
            step: tuple[int, int, int | None] = (i, j - 1, None)
            skip = cost[i - 1][j] + skip_cost
            if skip < best:
                best, step = skip, (i - 1, j, None)
            fit = _FIT[slots[j - 1].name].get(kind)
            if fit is not None and kind == _TEXT and slots[j - 1].name == "satuan" \
                    and _NAME_STARTERS.match(cells[i - 1][1]):
                fit += 3.0  # "Jumlah forum …" is an indicator name, not a satuan
            if fit is not None:
                distance = abs(pos - slots[j - 1].position - offset)
                match = cost[i - 1][j - 1] + fit + distance
                if match < best:
                    best, step = match, (i - 1, j - 1, j - 1)
            cost[i][j] = best
            move[i][j] = step
    result: list[int | None] = [None] * n
    i, j = n, m
    while i > 0:
        pi, pj, slot = move[i][j]
        if slot is not None:
            result[i - 1] = slot
        i, j = pi, pj
    return cost[n][m], result


def _read_programme(
    table: Table, body: Sequence[tuple[int, list[str]]], schema: _ProgrammeSchema
) -> None:
    context: list[str] = []
    last: ProgrammeRow | None = None
    programme = ""
    code = ""
    for line, raw in body:
        cells = [(i, clean_cell(c)) for i, c in enumerate(raw)]
        filled = [(i, c, _cell_type(c)) for i, c in cells if c]
        if not filled:
            continue
        first_text = filled[0][1]
        if _TOTAL.match(first_text):
            _read_total(table, line, filled)
            continue
        has_values = any(k in (_MONEY, _QTY, _CODE_T) for _, _, k in filled)
        if not has_values and last is not None and len(filled) <= 3:
            # text that continues the previous row (a wrapped cell)
            assigned = _align(filled, schema.slots)
            for (_pos, text, _), slot_index in zip(filled, assigned, strict=True):
                name = schema.slots[slot_index].name if slot_index is not None else "indikator"
                if name == "program" and last.programme:
                    last.programme = f"{last.programme} {text}"
                elif name in ("urusan", "tujuan", "sasaran"):
                    context = _push_context(context, text)
                elif name == "unit_kerja":
                    last.responsible = f"{last.responsible} {text}".strip()
                else:
                    last.indicator = f"{last.indicator} {text}"
                table.cells_read += 1
            last.lines.append(line)
            continue
        assigned = _align(filled, schema.slots)
        by_slot: dict[int, tuple[int, str]] = {}
        for (pos, text, _), slot_index in zip(filled, assigned, strict=True):
            if slot_index is None:
                table.unread.append(Unread(line, pos + 1, text, "tables.misplaced_cell"))
            else:
                by_slot[slot_index] = (pos, text)
        names = {schema.slots[s].name: s for s in by_slot}
        if "indikator" not in names:
            # a row shifted left: its last text cell before the values is the indicator
            for key in ("program", "sasaran", "tujuan", "urusan"):
                if key in names and any(
                    schema.slots[s].name not in _TEXT_SLOTS for s in by_slot
                ):
                    names["indikator"] = names.pop(key)
                    break
        for key in ("urusan", "tujuan", "sasaran"):
            if key in names:
                context = _push_context(context, by_slot[names[key]][1])
                table.cells_read += 1
        if "kode" in names:
            code = by_slot[names["kode"]][1].replace(" ", "")
            table.cells_read += 1
        if "program" in names:
            programme = by_slot[names["program"]][1]
            table.cells_read += 1
        if "indikator" not in names:
            for slot_index, (pos, text) in by_slot.items():
                if schema.slots[slot_index].name in (
                    "urusan", "tujuan", "sasaran", "kode", "program"
                ):
                    continue
                table.unread.append(Unread(line, pos + 1, text, "tables.no_indicator"))
            continue
        row = ProgrammeRow(by_slot[names["indikator"]][1], line, code=code,
                           programme=programme, context=tuple(context), lines=[line])
        table.cells_read += 1
        for slot_index, (pos, text) in sorted(by_slot.items()):
            slot = schema.slots[slot_index]
            if slot.name in ("urusan", "tujuan", "sasaran", "kode", "program", "indikator"):
                continue
            if slot.name == "satuan":
                row.unit = text
                table.cells_read += 1
                continue
            if slot.name == "unit_kerja":
                row.responsible = text
                table.cells_read += 1
                continue
            try:
                quantity = _read(text)
            except NumberFormatError as exc:
                table.unread.append(_unread_number(line, pos + 1, text, exc, _field_label(slot)))
                continue
            reading = Reading(line, pos + 1, text, quantity)
            is_money = slot.name in _MONEY_SLOTS
            if not is_money and looks_like_money(text):
                # an amount of Rupiah where a target belongs: a shifted row, not a target
                table.unread.append(Unread(line, pos + 1, text, "tables.money_in_target",
                                           {"field": _field_label(slot)}))
                continue
            if is_money and (
                quantity.kind not in ("number", "missing")
                or (quantity.unit or "Rp") not in ("Rp", "rp")
                # a bare small number among amounts of Rupiah: a target in the wrong column
                or (not schema.scaled_money and quantity.kind == "number"
                    and 0 < abs(quantity.value or 0) < 1000)
            ):
                table.unread.append(Unread(line, pos + 1, text, "tables.expected_money",
                                           {"field": _field_label(slot)}))
                continue
            table.cells_read += 1
            if slot.name == "baseline":
                row.baseline = reading
            elif slot.name == "target" and slot.year is not None:
                row.targets[slot.year] = reading
            elif slot.name == "rp" and slot.year is not None:
                row.budgets[slot.year] = reading
            elif slot.name == "end_target":
                row.end_target = reading
            elif slot.name == "end_rp":
                row.end_budget = reading
            elif slot.name == "end_before_target":
                row.end_before_target = reading
            elif slot.name == "end_before_rp":
                row.end_before_budget = reading
        _move_total_to_end(row)
        table.rows.append(row)
        last = row


_FIELD_LABELS = {
    "target": "Target", "rp": "Rp", "baseline": "kinerja tahun dasar",
    "end_target": "Target akhir", "end_rp": "Rp akhir",
    "end_before_target": "Target akhir (sebelum)", "end_before_rp": "Rp akhir (sebelum)",
}


def _move_total_to_end(row: ProgrammeRow) -> None:
    """A row whose end-of-period pair slid into the last filled year (trailing empty cells
    lost in extraction): when the end columns are empty and the last year's Rp equals the sum
    of the earlier years' Rp (within 0,5 %), that pair is the end of period."""
    if row.end_budget is not None or row.end_target is not None or len(row.budgets) < 3:
        return
    years = sorted(row.budgets)
    last_year = years[-1]
    earlier = [row.budgets[y].value for y in years[:-1]]
    total = row.budgets[last_year].value
    if total is None or any(v is None for v in earlier):
        return
    expected = sum(v for v in earlier if v is not None)
    if expected > 0 and abs(total - expected) <= 0.005 * expected:
        row.end_budget = row.budgets.pop(last_year)
        if last_year in row.targets:
            row.end_target = row.targets.pop(last_year)


def _field_label(slot: _Slot) -> str:
    """The column as the document names it (``Target 2021``, ``Rp 2022``, ``Rp akhir``)."""
    label = _FIELD_LABELS.get(slot.name, slot.name)
    if slot.year is not None and slot.name in ("target", "rp"):
        return f"{label} {slot.year}"
    return label


def _read_total(table: Table, line: int, filled: Sequence[tuple[int, str, str]]) -> None:
    table.cells_read += 1
    for index, (pos, text, _) in enumerate(filled[1:], start=1):
        try:
            quantity = _read(text)
        except NumberFormatError as exc:
            table.unread.append(_unread_number(line, pos + 1, text, exc, "total"))
            continue
        table.totals[f"{line}:{index}"] = Reading(line, pos + 1, text, quantity)
        table.cells_read += 1


# --------------------------------------------------------------------------------------------
# headline tables (Tabel 7.1)


_BASELINE = re.compile(r"\bawal\b|tahun dasar|\bbaseline\b", re.IGNORECASE)


def _headline_years(header: _Header) -> dict[int, int]:
    """Column → year for a headline table: the header row with the most years, plus years
    printed in other header rows (``Kondisi Awal 2020`` above a row of target years), plus
    a baseline column without a year (``Kondisi Awal`` just before the first year: the year
    before it)."""
    years_at = _years_row(header)
    if not years_at:
        return years_at
    for _, cells in header.rows:
        for i, c in enumerate(cells):
            year = _year_of(c)
            if year is not None and i not in years_at and year not in years_at.values():
                years_at[i] = year
    first = min(years_at)
    baseline = header.find(r"\bawal\b|tahun dasar|\bbaseline\b")
    if baseline is not None and baseline < first and baseline not in years_at:
        earliest = min(years_at.values())
        if earliest - 1 not in years_at.values():
            years_at[baseline] = earliest - 1
    return dict(sorted(years_at.items()))


def _year_kinds(header: _Header, years_at: Mapping[int, int], title: str = ""
                ) -> dict[int, str]:
    """Year → "actual" or "target", from the group label printed above each year column
    (``Capaian/Realisasi …`` or ``Kondisi awal`` → actual, ``Target …`` → target): in each
    header row, the first filled cell at or left of the year's column, unless that is a year
    itself (the row of years).  Years without such a label: targets when the header speaks
    only of targets (or, when it speaks of neither, the table's title does: "Target Kinerja
    …"), else actual; a baseline column (``Kondisi awal``) is always actual."""
    text = header.text()
    if re.search(r"realisasi|capaian", text):
        only_targets = False
    elif "target" in text:
        only_targets = True
    else:
        only_targets = bool(re.search(r"\btarget\b", title, re.IGNORECASE))
    kinds: dict[int, str] = {}
    for index, year in years_at.items():
        label = ""
        for _, cells in header.rows:
            texts = [clean_cell(c).lower() for c in cells[: index + 1]]
            near = next((x for x in reversed(texts) if x), "")
            if near and _year_of(near) is None and re.search(
                    r"target|capaian|realisasi|kondisi|awal|rencana", near):
                label = near
                break
        if label:
            kinds[year] = "target" if re.search(r"target|rencana", label) else "actual"
        elif only_targets and not _BASELINE.search(header.columns.get(index, "")):
            kinds[year] = "target"
        else:
            kinds[year] = "actual"
    return kinds


def _headline_name(
    filled: Sequence[tuple[int, str]], indicator_col: int | None, unit_col: int | None,
    first_value: int,
) -> int | None:
    """The column of a headline row's indicator name: the text cell nearest the header's
    indicator column (rows may be shifted), never a number, a category or — when the table
    has a satuan column — a unit word."""
    candidates = [
        i for i, c in filled
        if i < first_value + 2 and not looks_like_quantity(c) and not _INT.match(c)
        and not (unit_col is not None and _UNIT_WORDS.match(c) and len(c.split()) <= 2)
    ]
    if not candidates:
        return None
    if indicator_col is None:
        return candidates[-1]
    return min(candidates, key=lambda i: (abs(i - indicator_col), -i))


def _read_headline(table: Table, header: _Header, body: Sequence[tuple[int, list[str]]]) -> None:
    years_at = _headline_years(header)
    if not years_at:  # a header that only mentions years in long text: nothing to map
        for line, raw in body:
            for col, cell in enumerate(raw, start=1):
                if clean_cell(cell):
                    table.unread.append(Unread(line, col, clean_cell(cell), "tables.no_years",
                                               {"line": table.start_line}))
        return
    kinds = _year_kinds(header, years_at, table.title)
    before = header.find(r"sebelum")
    after = header.find(r"setelah")
    if before is None and after is None:
        # one end-of-period column ("Kondisi kinerja pada akhir periode")
        end = header.find(r"akhir")
        after = end if end is not None and end not in years_at else None
    indicator_col = header.find(r"indikator")
    unit_col = header.find(r"satuan")
    responsible = header.find(r"jawab|penanggung|pernanggung")
    first_value = min(years_at)
    group: list[str] = []
    for line, raw in body:
        cells = [clean_cell(c) for c in raw]
        filled = [(i, c) for i, c in enumerate(cells) if c]
        if not filled:
            continue
        if len(filled) == 1 and not looks_like_quantity(filled[0][1]) \
                and not _INT.match(filled[0][1]) and filled[0][0] < first_value:
            text = filled[0][1]
            last = table.rows[-1] if table.rows else None
            if last is not None and (text[:1].islower() or _CONNECTOR_END.search(last.indicator)):
                last.indicator = f"{last.indicator} {text}"  # a wrapped indicator name
            else:
                group = _push_context(group, text)  # a group label ("Fokus …", a sasaran)
            table.cells_read += 1
            continue
        name_index = _headline_name(filled, indicator_col, unit_col, first_value)
        if name_index is None:
            for i, c in filled:
                table.unread.append(Unread(line, i + 1, c, "tables.no_indicator"))
            continue
        shift = name_index - indicator_col if indicator_col is not None else 0
        row = HeadlineRow(cells[name_index], line)
        used = {name_index}
        table.cells_read += 1
        # cells left of the name are context, except those in a value column (read below)
        value_at = {c + shift for c in years_at} | {
            c + shift for c in (before, after) if c is not None}
        before_name = [(i, c) for i, c in filled if i < name_index and i not in value_at]
        context = [c for _, c in before_name if not _INT.match(c)]
        table.cells_read += len(before_name)
        used.update(i for i, _ in before_name)
        row.context = tuple(dict.fromkeys([*group, *context]))
        if unit_col is not None and 0 <= unit_col + shift < len(cells):
            unit_text = cells[unit_col + shift]
            if unit_text and unit_col + shift not in used:
                row.unit = unit_text
                used.add(unit_col + shift)
                table.cells_read += 1
        value_cols = sorted(years_at)
        series_cols = [c + shift for c in value_cols]
        texts = [cells[c] if 0 <= c < len(cells) else "" for c in series_cols]
        extra_cols = [(c, label) for c, label in ((before, "sebelum"), (after, "setelah"))
                      if c is not None]
        for col, _ in extra_cols:
            series_cols.append(col + shift)
            texts.append(cells[col + shift] if 0 <= col + shift < len(cells) else "")
        present = [k for k, text in enumerate(texts) if text and series_cols[k] not in used]
        results = _read_series([texts[k] for k in present])
        for k, result in zip(present, results, strict=True):
            col = series_cols[k]
            used.add(col)
            if isinstance(result, NumberFormatError):
                table.unread.append(_unread_number(line, col + 1, texts[k], result))
                continue
            reading = Reading(line, col + 1, texts[k], result)
            table.cells_read += 1
            if k < len(value_cols):
                year = years_at[value_cols[k]]
                row.values[year] = reading
                row.kinds[year] = kinds[year]
            elif extra_cols[k - len(value_cols)][1] == "sebelum":
                row.end_before = reading
            else:
                row.end_after = reading
        if responsible is not None and 0 <= responsible + shift < len(cells):
            text = cells[responsible + shift]
            if text and responsible + shift not in used:
                row.responsible = text
                used.add(responsible + shift)
                table.cells_read += 1
        for i, c in filled:
            if i in used:
                continue
            label = header.columns.get(i - shift, "")
            if label and i - shift not in years_at and not looks_like_quantity(c):
                row.notes[label] = c  # a column such as "Keterangan" or "Sumber data"
                table.cells_read += 1
            else:
                table.unread.append(Unread(line, i + 1, c, "tables.misplaced_cell"))
        table.rows.append(row)


# --------------------------------------------------------------------------------------------
# realisation tables (CSV / XLSX)

REQUIRED_COLUMNS: tuple[str, ...] = ("indikator", "target", "realisasi")
OPTIONAL_COLUMNS: tuple[str, ...] = ("tahun", "satuan", "arah", "skala", "capaian", "kode")
VALUE_COLUMNS: tuple[str, ...] = ("target", "realisasi", "capaian")
DIRECTIONS: tuple[str, ...] = ("naik", "turun")

# Column names as published tables write them.  A header cell is folded (case, punctuation,
# "%", years and filler words removed, see :func:`header_field`) and then matched by its words:
#
# ======== ==================================================================================
# field    header cells recognised (examples)
# ======== ==================================================================================
# indikator  Indikator, Indikator Kinerja, Indikator Kinerja Utama, IKU, Indikator Sasaran,
#            Nama Indikator, Uraian Indikator
# target     Target, Target 2023, Target Kinerja, Target PK, Rencana, Rencana Tingkat Capaian
# realisasi  Realisasi, Realisasi 2023, Realisasi Kinerja, Realisasi s.d. Triwulan IV
# capaian    Capaian, Capaian (%), % Capaian, Persentase Capaian, Capaian Kinerja 2023,
#            Tingkat Capaian, Capaian terhadap Target, "%" alone
# satuan     Satuan, Sat., Satuan Indikator
# arah       Arah, Polaritas, Sifat, Sifat Indikator, Arah Indikator
# tahun      Tahun, Periode, Th.
# skala      Skala;  kode: Kode, Kode Indikator
# ======== ==================================================================================
#
# Not recognised, on purpose (they are other figures of the same row): anything about the
# budget (Anggaran, Pagu, Keuangan, Rp) and the end of the plan period (Target Akhir Renstra,
# RPJMD, Jangka Menengah, Kondisi Akhir).  A year in the name ("Target 2023") is kept: when
# several years are present the latest year with both a target and a realisasi column is
# read, its capaian column with it, and the year fills ``tahun`` if the table has no such
# column.  A header split over two rows ("Tahun 2023" merged above "Target | Realisasi") is
# read as one.
_HEADER_FILLER = frozenset({
    "tahun", "th", "thn", "persentase", "prosentase", "presentase", "persen", "tingkat",
    "kinerja", "iku", "pk", "utama", "perjanjian", "nilai", "yang", "dicapai", "rencana",
})
_NOT_THIS_TABLE = frozenset({
    "anggaran", "pagu", "keuangan", "rp", "rupiah", "akhir", "renstra", "rpjmd", "rpjm",
    "menengah", "dana", "biaya",
})
_REALISED_PERIOD = frozenset({"s", "d", "sd", "sampai", "dengan", "triwulan", "tw", "semester",
                              "i", "ii", "iii", "iv", "bulan", "desember", "kumulatif"})
_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HEADER_PUNCT = re.compile(r"[^\w%]+")
_ALIASES = {  # kept for callers that fold names themselves
    "indikator kinerja": "indikator",
    "nama indikator": "indikator",
    "realisasi kinerja": "realisasi",
    "capaian (%)": "capaian",
    "capaian %": "capaian",
    "capaian kinerja": "capaian",
    "capaian kinerja (%)": "capaian",
}


def header_field(name: object) -> tuple[str | None, int | None]:
    """The realisation-table field a header cell names (``None`` if none) and the year written
    in it (``"Target 2023"`` → ``("target", 2023)``); the rules are in the table above."""
    raw = _SPACE.sub(" ", str(name)).strip().casefold()
    if not raw:
        return None, None
    years = _YEAR_WORD.findall(raw)
    year = int(years[-1]) if years else None
    folded = _YEAR_WORD.sub(" ", raw)
    if folded.strip() in ("%", "(%)"):
        return "capaian", year
    words = [w for w in _HEADER_PUNCT.sub(" ", folded.replace("%", " % ")).split() if w]
    bag = set(words)
    if not bag or bag & _NOT_THIS_TABLE:
        return None, year
    if "kode" in bag and bag <= {"kode", "indikator", "no"}:
        return "kode", year
    if bag == {"rencana", "tingkat", "capaian"}:  # "Rencana Tingkat Capaian": the target
        return "target", year
    if "capaian" in bag and not bag & {"kategori", "predikat", "keterangan", "status"}:
        return "capaian", year
    core = bag - _HEADER_FILLER - {"%"}
    if "realisasi" in core and core - _REALISED_PERIOD <= {"realisasi"}:
        return "realisasi", year
    if ("target" in core and core <= {"target"}) or words == ["rencana"]:
        return "target", year
    if bag & {"arah", "polaritas", "polarisasi", "sifat"} and "kebijakan" not in bag:
        return "arah", year
    if bag == {"iku"} or bag == {"uraian"}:
        return "indikator", year
    if "indikator" in bag and not bag & {"satuan", "target", "realisasi", "formula", "rumus",
                                         "definisi", "penjelasan", "sumber", "arah"}:
        return "indikator", year
    if "satuan" in bag or core == {"sat"}:
        return "satuan", year
    if bag <= {"tahun", "th", "thn", "periode"}:
        return "tahun", year
    if core == {"skala"}:
        return "skala", year
    return None, year


def direction_word(text: object) -> str | None:
    """``naik`` / ``turun`` for the ways tables write an indicator's polarity, else None.

    Recognised (case and punctuation insensitive): naik, meningkat, positif, maximize,
    maksimal, higher, "+", "↑", "semakin tinggi/besar semakin baik" → ``naik``; turun,
    menurun, negatif, minimize, minimal, lower, "↓", "semakin rendah/kecil semakin baik" →
    ``turun``.  "-" (nothing written) and words such as "stabil" are not a direction.
    """
    from indikator.capaian.methods import direction_word as word_of

    found = word_of(text)
    if found is None:
        return None
    return "turun" if found else "naik"


@dataclass
class RealisationTable:
    """A realisation table read column by column (vectorised).

    ``frame`` holds the recognised columns as written (strings, ``""`` for empty cells), one
    row per data row of the file, in file order; ``rows`` the 1-based row numbers in the file
    (header = its own row).  ``readings`` maps each value column present (``target``,
    ``realisasi``, ``capaian``) to its :class:`indikator.documents.numbers.ColumnReading`.
    ``unread``
    lists every cell that was not read (row, column name, text, reason); ``ignored_columns``
    the columns of the file this reader does not use (kept out, and said so).
    """

    path: str
    columns: list[str]
    frame: Any  # pandas.DataFrame
    rows: Any  # numpy int array
    readings: dict[str, Any]
    unread: list[Unread] = field(default_factory=list)
    cells_read: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    headings: Any = None  # numpy bool array: title / sub-header / total rows
    heading_text: Any = None  # numpy object array: the text shown for each heading row
    filled: Any = None  # numpy bool array: indikator taken from the row above (merged cell)

    def __len__(self) -> int:
        return len(self.frame)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "table": "realisasi",
            "kind": "realisation",
            "title": Path(self.path).name,
            "indicators": len(self),
            "cells_read": self.cells_read,
            "cells_unread": [u.to_json(lang) for u in self.unread],
            "ignored_columns": self.ignored_columns,
        }


def canonical_column(name: object) -> str:
    """A column name folded for matching: the field it names (:func:`header_field`), else
    the name in lower case with single spaces."""
    key = _SPACE.sub(" ", str(name)).strip().casefold()
    found, _ = header_field(key)
    return found or _ALIASES.get(key, key)


def _load_frame(path: Path) -> Any:
    """The cells of the file as a frame of strings (not yet stripped), one row per record."""
    import zipfile

    import pandas as pd

    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            return _read_xlsx(path)
        except IsADirectoryError as exc:
            raise InputFileError("cli.is_directory", path=str(path)) from exc
        except zipfile.BadZipFile as exc:  # an .xlsx is a zip archive; this one is not
            raise InputFileError("cli.not_xlsx", path=str(path)) from exc
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise InputFileError("common.file_unreadable", path=str(path), detail=str(exc)) from exc
    if suffix not in (".csv", ".tsv", ".txt"):
        raise TableError("tables.unsupported_file", path=str(path))
    from indikator.cli.commands.base import read_text_file

    text = read_text_file(path)
    delimiter, width = _sniff(text)
    try:
        return _read_csv_fast(text, delimiter, width)
    except pd.errors.ParserError:  # a record wider than the first lines: the slow reader
        return _read_csv_slow(text, delimiter)


_SNIFF_LINES = 64


def sniff_delimiter(text: str, path: str | Path | None = None) -> str:
    """The separator of a delimited text table: tab for a ``.tsv`` file or when the first
    4 KiB hold a tab, else ``;`` or ``,`` whichever is more frequent there."""
    sample = text[:4096]
    if (path is not None and str(path).lower().endswith(".tsv")) or "\t" in sample:
        return "\t"
    return ";" if sample.count(";") > sample.count(",") else ","


def _sniff(text: str) -> tuple[str, int]:
    """The separator (:func:`sniff_delimiter`) and the widest record among the first lines
    (so a short title line above the header does not fix the width)."""
    import csv
    import io

    delimiter = sniff_delimiter(text)
    head = "\n".join(text[: 1 << 16].splitlines()[:_SNIFF_LINES])
    width = max((len(r) for r in csv.reader(io.StringIO(head), delimiter=delimiter)), default=0)
    return delimiter, width


def _read_csv_fast(text: str, delimiter: str, width: int) -> Any:
    """pandas' C reader: every cell as written (strings), blank lines kept as empty rows so that
    row numbers are the file's; raises ``ParserError`` for a record wider than *width*."""
    import io

    import pandas as pd

    if width == 0:
        return pd.DataFrame()
    return pd.read_csv(
        io.StringIO(text), sep=delimiter, header=None, names=list(range(width)),
        index_col=False, dtype=str, na_filter=False, keep_default_na=False,
        skip_blank_lines=False, engine="c",
    )


def _read_csv_slow(text: str, delimiter: str) -> Any:
    """The ``csv`` module, for ragged files the C reader rejects: short records padded."""
    import csv
    import io

    import pandas as pd

    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


_PERCENT_FORMAT = re.compile(r"0(?:\.(0+))?\s*%")


def _read_xlsx(path: Path) -> Any:
    """The first sheet's cells as strings, as Excel shows them where it matters: a number
    with a percent format (``0.00%``) is the percentage it displays (``1.0534`` →
    ``"105.34%"``), so a capaian column computed in Excel reads as printed."""
    import pandas as pd
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        records: list[list[str]] = []
        for row in sheet.iter_rows():
            out: list[str] = []
            for cell in row:
                value = getattr(cell, "value", None)
                fmt = str(getattr(cell, "number_format", "") or "")
                if (isinstance(value, (int, float)) and not isinstance(value, bool)
                        and "%" in fmt):
                    match = _PERCENT_FORMAT.search(fmt)
                    places = len(match.group(1) or "") if match else 2
                    out.append(f"{float(value) * 100:.{places}f}%")
                else:
                    out.append(_cell_str(value))
            records.append(out)
    finally:
        workbook.close()
    width = max((len(r) for r in records), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in records], dtype=object)


def _cell_str(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value).strip()


def _strip_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _stripped_columns(raw: Any) -> tuple[list[Any], list[Any]]:
    """Each column of *raw* as an object array of stripped strings, and its mask of empty
    cells.  Strips each distinct value once (``pd.factorize``), not each cell."""
    import numpy as np
    import pandas as pd

    texts: list[Any] = []
    empties: list[Any] = []
    for position in range(raw.shape[1]):
        codes, uniques = pd.factorize(raw.iloc[:, position], use_na_sentinel=False)
        stripped = np.array([_strip_text(u) for u in uniques], dtype=object)
        texts.append(stripped[codes])
        empties.append((stripped == "")[codes])
    return texts, empties


_HEADER_SEARCH = 15  # filled rows searched for the header
#: a column-number cell under a header: "1", "(2)", "(9)=(8)/(6)x100%"
_COLUMN_NUMBER = re.compile(r"\(?\d{1,2}\)?\.?(?:\s*[=x×*/:%+-]\s*(?:\(?\d{1,3}\)?)?%?)*")
_YEAR_CELL = re.compile(r"(?:tahun\s+|th\.?\s*)?(?:19|20)\d\d", re.IGNORECASE)
_TOTAL_ROW = re.compile(
    r"(?:jumlah|total|rata[\s-]*rata|rerata|nilai rata[\s-]*rata)"
    r"(?:\s+(?:capaian|kinerja|iku|keseluruhan|akhir|sasaran|program|\(%\)|%))*\s*:?"
)


def _by_distinct(values: Any, function: Any) -> Any:
    """*function* of each distinct value of the object array *values*, spread over its rows."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    mapped = np.array([function(str(u)) for u in uniques], dtype=object)
    return mapped[codes] if len(uniques) else np.zeros(len(values), dtype=object)


def _header_fields(texts: Sequence[str]) -> list[tuple[str | None, int | None]]:
    return [header_field(c) for c in texts]


def _two_row_header(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
    """A header written over two rows read as one: each lower cell prefixed by the upper cell
    above it, or, under a blank upper cell, by the nearest upper cell to its left (a cell
    merged across columns, such as "Tahun 2023" over "Target | Realisasi | Capaian")."""
    out: list[str] = []
    spanning = ""
    for top, bottom in zip(upper, lower, strict=True):
        if top:
            spanning = top
            out.append(f"{top} {bottom}".strip())
        elif bottom:
            out.append(f"{spanning} {bottom}".strip())
        else:
            spanning = ""
            out.append("")
    return out


def _choose_columns(
    fields: Sequence[tuple[str | None, int | None]]
) -> tuple[dict[str, int], int | None]:
    """Column position of each field, and the year read when the header names years.

    Value columns (target, realisasi, capaian) may appear once per year ("Realisasi 2022 |
    Target 2023 | Realisasi 2023 | Capaian 2023"): the latest year with both a target and a
    realisasi column is read (else the columns without a year); other fields take their first
    column."""
    by_field: dict[str, list[tuple[int, int | None]]] = {}
    for position, (name, year) in enumerate(fields):
        if name is not None:
            by_field.setdefault(name, []).append((position, year))
    chosen: dict[str, int] = {}
    year_read: int | None = None
    target_years = {y for _, y in by_field.get("target", [])}
    actual_years = {y for _, y in by_field.get("realisasi", [])}
    common = sorted(y for y in target_years & actual_years if y is not None)
    if common and (None not in target_years or None not in actual_years):
        year_read = common[-1]
    for name, places in by_field.items():
        if name in VALUE_COLUMNS and year_read is not None:
            exact = [p for p, y in places if y == year_read]
            bare = [p for p, y in places if y is None]
            pick = exact or bare
            if pick:
                chosen[name] = pick[0]
            continue
        if name in VALUE_COLUMNS:
            bare = [p for p, y in places if y is None]
            chosen[name] = (bare or [places[-1][0]])[0]
            continue
        chosen[name] = places[0][0]
    if year_read is None:  # "Target 2023 | Realisasi | Capaian": the one year written
        written = {year for name, year in (fields[p] for p in chosen.values())
                   if name in VALUE_COLUMNS and year is not None}
        if len(written) == 1:
            year_read = written.pop()
    return chosen, year_read


def read_realisation(path: str | Path) -> RealisationTable:
    """Read a realisation table (CSV, TSV or XLSX; the first sheet) and every value cell in it.

    Column names are matched by :func:`header_field` (case, spacing and punctuation
    insensitive, with the synonyms published tables use: "Indikator Kinerja Utama",
    "Target 2023", "% Capaian", "Polaritas" …): ``indikator``, ``target``, ``realisasi``
    required; ``tahun``, ``satuan``, ``arah``, ``skala``, ``capaian``, ``kode`` optional.  The
    header is the first row (of the first filled ones) naming the required columns, alone or
    together with the row below it (a two-row header).  Raises :class:`TableError` naming
    every missing required column and the columns found.

    Rows, all kept in file order:

    * *heading rows* — title, sub-header ("Sasaran 1: …") and total ("Rata-rata") rows, i.e.
      rows whose target and realisasi cells are both empty — are marked in ``headings`` with
      their text in ``heading_text``; they are not data and their empty cells are not
      reported;
    * an empty ``indikator`` cell under a filled one (a cell merged over the rows of one
      indicator, e.g. one row per year) takes the name above it, and its empty ``satuan``
      and ``arah`` cells the ones above them; such rows are marked in ``filled``;
    * ``arah`` cells are read by :func:`direction_word` (naik / turun, positif / negatif,
      maximize / minimize, "semakin tinggi semakin baik" …) and stored as naik / turun.

    Value cells go through :func:`indikator.documents.numbers.read_column` (one decimal convention
    per
    column); unreadable or empty required cells, unknown ``arah`` values and cells outside
    any titled column are reported in ``unread``.  Cells above the header (a title line) are
    reported too.

    CSV files are read by pandas' C reader (the separator sniffed from the first lines); files
    whose records are wider further down than in the first lines fall back to the ``csv``
    module.  Cells are stripped once per distinct value.
    """
    import numpy as np
    import pandas as pd

    from indikator.documents.numbers import read_column

    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    raw = _load_frame(file)
    if raw.empty:
        raise TableError("tables.empty_table", path=str(file))
    cells, empties = _stripped_columns(raw)
    width = len(cells)
    body_mask = ~np.logical_and.reduce(empties)
    filled_rows = np.flatnonzero(body_mask)
    if len(filled_rows) == 0:
        raise TableError("tables.empty_table", path=str(file))

    def row_texts(row: int) -> list[str]:
        return [str(column[row]) for column in cells]

    # the header: the first row (of the first filled ones) naming the required columns, alone
    # or with the row below it, so that title lines above a table do not hide it
    header_at = int(filled_rows[0])
    header_rows = 1
    fields = _header_fields(row_texts(header_at))
    found_header = False
    for index, candidate in enumerate(filled_rows[:_HEADER_SEARCH].tolist()):
        single = _header_fields(row_texts(candidate))
        if all(any(f == c for f, _ in single) for c in REQUIRED_COLUMNS):
            header_at, header_rows, fields, found_header = candidate, 1, single, True
            break
        if index + 1 < len(filled_rows) and filled_rows[index + 1] == candidate + 1:
            double = _header_fields(_two_row_header(row_texts(candidate),
                                                    row_texts(candidate + 1)))
            if all(any(f == c for f, _ in double) for c in REQUIRED_COLUMNS):
                header_at, header_rows, fields, found_header = candidate, 2, double, True
                break
    header = [f or "" for f, _ in fields]
    if not found_header:
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        found = [f or canonical_column(c) for (f, _), c in zip(fields, row_texts(header_at),
                                                              strict=True)]
        raise TableError(
            "tables.missing_columns",
            path=str(file),
            missing=", ".join(missing),
            found=", ".join(h for h in found if h) or "-",
        )
    # rows right under the header that belong to it: column numbers "(1) | (2) | …", or the
    # years under a "Target | Realisasi" row ("2022 | 2023 | 2022 | 2023")
    for _ in range(2):
        below = header_at + header_rows
        if below >= len(body_mask) or not body_mask[below]:
            break
        texts_below = row_texts(below)
        filled_below = [c for c in texts_below if c]
        if filled_below and all(_COLUMN_NUMBER.fullmatch(c) for c in filled_below):
            header_rows += 1
            continue
        if header_rows == 1 and filled_below and all(_YEAR_CELL.fullmatch(c)
                                                     for c in filled_below):
            joined = _header_fields(_two_row_header(row_texts(header_at), texts_below))
            if all(any(f == c for f, _ in joined) for c in REQUIRED_COLUMNS):
                header_rows, fields = 2, joined
                continue
        break
    header = [f or "" for f, _ in fields]
    positions, year_read = _choose_columns(fields)
    wanted = [c for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS if c in positions]
    last_header = header_at + header_rows - 1
    titles = [row_texts(r) for r in range(header_at, last_header + 1)]
    header_names = [" ".join(t[i] for t in titles if t[i]).strip() for i in range(width)]
    table_title_cells: list[Unread] = []
    for above in range(header_at):  # title lines above the header: not data, say so
        for where in range(width):
            if not empties[where][above]:
                table_title_cells.append(
                    Unread(above + 1, where + 1, str(cells[where][above]), "tables.above_header")
                )
    body_mask[: last_header + 1] = False
    body_index = np.flatnonzero(body_mask)
    whole = len(body_index) == len(body_mask) - last_header - 1  # no blank rows to skip

    def body_of(column: Any) -> Any:
        return column[last_header + 1:] if whole else column[body_index]

    rows = body_index + 1  # 1-based row numbers in the file
    n = len(body_index)
    columns_out: dict[str, Any] = {name: body_of(cells[positions[name]]).copy() for name in wanted}
    empty_of = {name: body_of(empties[positions[name]]).copy() for name in wanted}
    if "tahun" not in positions and year_read is not None:  # "Target 2023": the year is 2023
        wanted.append("tahun")
        columns_out["tahun"] = np.full(n, str(year_read), dtype=object)
        empty_of["tahun"] = np.zeros(n, dtype=bool)
        positions["tahun"] = -1

    # heading rows: neither a target nor a realisation (titles, sub-headers, totals), or a
    # total row ("Jumlah", "Rata-rata Capaian") whatever it holds
    headings = empty_of["target"] & empty_of["realisasi"]
    for column in cells:
        headings |= _by_distinct(body_of(column),
                                 lambda v: bool(_TOTAL_ROW.fullmatch(v.casefold()))).astype(bool)
    heading_text = np.where(headings, columns_out["indikator"], "").astype(object)
    if headings.any():  # no name in the indikator column: the row's first text, column-wise
        for column in cells:
            need = headings & (heading_text == "")
            if not need.any():
                break
            here = body_of(column)
            numbering = _by_distinct(
                here, lambda v: bool(re.fullmatch(r"[\d.\s]*", v))).astype(bool)
            take = need & ~numbering
            heading_text[take] = here[take]

    # merged cells: an empty indikator under a filled one continues that indicator
    filled = np.zeros(n, dtype=bool)
    names_now = columns_out["indikator"]
    gap = empty_of["indikator"] & ~headings
    if gap.any():
        series = pd.Series(np.where(empty_of["indikator"], None, names_now), dtype=object)
        series[headings] = ""  # a heading ends the indicator above it
        carried = series.ffill().fillna("").to_numpy(dtype=object)
        filled = gap & (carried != "")
        names_now[filled] = carried[filled]
        empty_of["indikator"] = empty_of["indikator"] & ~filled
        for name in ("satuan", "arah"):
            if name not in columns_out:
                continue
            column = columns_out[name]
            run = pd.Series(np.where(empty_of[name], None, column), dtype=object)
            run[~filled & empty_of[name]] = ""  # only rows that continue an indicator inherit
            inherited = run.ffill().fillna("").to_numpy(dtype=object)
            take = filled & empty_of[name] & (inherited != "")
            column[take] = inherited[take]
            empty_of[name] = empty_of[name] & ~take

    frame = pd.DataFrame(
        {name: pd.array(columns_out[name], dtype="str") for name in wanted},
        index=pd.RangeIndex(n),
    )
    table = RealisationTable(str(file), wanted, frame, rows, {})
    table.headings = headings
    table.heading_text = heading_text
    table.filled = filled
    table.unread.extend(table_title_cells)
    table.ignored_columns = [canonical_column(h) for i, h in enumerate(header_names)
                             if h and i not in positions.values()]
    # cells under no header at all
    for col in range(width):
        if header_names[col]:
            continue
        texts_here = body_of(cells[col])
        for r in np.flatnonzero(~body_of(empties[col]) & ~headings):
            table.unread.append(Unread(int(rows[r]), col + 1, str(texts_here[int(r)]),
                                       "tables.no_column_header"))
    for name in wanted:
        texts = frame[name]
        empty = empty_of[name]
        if name in VALUE_COLUMNS:
            reading = read_column(texts)
            table.readings[name] = reading
            kinds = reading.frame["kind"].astype(str).to_numpy()
            table.cells_read += int(np.count_nonzero((kinds != "unread") & ~empty))
            for cell in reading.unread:
                table.unread.append(
                    _unread_number(int(rows[cell.position]), name, cell.text, cell.error)
                )
        else:
            table.cells_read += int(np.count_nonzero(~empty))
            if name == "arah":
                codes, uniques = pd.factorize(texts, use_na_sentinel=False)
                words = [direction_word(str(u)) for u in uniques]
                known = np.array([w is not None for w in words], dtype=bool)
                canonical = np.array([w or str(u) for w, u in zip(words, uniques, strict=True)],
                                     dtype=object)
                frame["arah"] = pd.array(canonical[codes], dtype="str")
                bad = (~empty) & ~known[codes]
                for r in np.flatnonzero(bad):
                    table.cells_read -= 1
                    table.unread.append(Unread(int(rows[r]), name, str(texts.iat[int(r)]),
                                               "tables.bad_direction"))
        if name in ("indikator", "target", "realisasi"):
            for r in np.flatnonzero(empty & ~headings):
                table.unread.append(Unread(int(rows[r]), name, "", "tables.empty_cell"))
    table.unread.sort(key=lambda u: (u.line, str(u.column)))
    return table


def cells_of(tables: Iterable[Table]) -> tuple[int, int]:
    """Total cells read and unread over *tables*."""
    read = unread = 0
    for table in tables:
        read += table.cells_read
        unread += len(table.unread)
    return read, unread
