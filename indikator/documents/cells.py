"""Cells of extracted document text: cleaning, shape classifiers and reading their numbers.

``clean_cell`` removes markup; ``looks_like_code / money / formula / unit / quantity`` tell what
a cell holds; :func:`is_header_row` recognises header rows; numbers go through
:mod:`indikator.documents.numbers` (the one number reader).  Nothing here knows which table a
cell belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from indikator.core.errors import IndikatorError, NumberFormatError
from indikator.documents.results import Unread
from indikator.documents.units import table_unit_words

if TYPE_CHECKING:
    from indikator.documents.numbers import Quantity

_TAG = re.compile(r"<[^<>]{0,40}>")
SPACE = re.compile(r"\s+")


_CODE = re.compile(r"^\d{1,2}(?:\s*\.\s*\d{1,3})+\s*\.?$")
_MONEY_GROUPS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$")
_EXP = re.compile(r"^\d+(?:[.,]\d+)?[eE][+]?(\d+)$")
SMALL_INT = re.compile(r"^\d{1,3}$")
_STARTS_QTY = re.compile(r"^(?:[-+±]?\s?\(?\d|[<>≤≥=]\s*\d|[<>≤≥=])")
_FORMULA_HINT = re.compile(
    r"\\frac|\$|[/×÷∑Ʃ]|\s[xX*:]\s|\bx\s*100|\bdibagi\b|\bdikali|=|\bpembilang\b|\bpenyebut\b",
    re.IGNORECASE,
)
_WEAK_WORDS = re.compile(r"\bperbandingan\b|\bterhadap\b", re.IGNORECASE)
_PERSENTASE = re.compile(r"\bpersentase\b", re.IGNORECASE)
_DARI = re.compile(r"\bdari\b", re.IGNORECASE)


def has_formula_wording(text: str) -> bool:
    """Formula wording without an operator: ``perbandingan``, ``terhadap``, or ``persentase``
    followed by ``dari`` on the same line.  Searched word by word, in linear time (the single
    pattern ``persentase.*dari`` rescanned the rest of the line from every ``persentase``:
    6 s for a 10^5-character cell of repeated ``persentase``)."""
    if _WEAK_WORDS.search(text):
        return True
    for line in text.split("\n"):
        found = _PERSENTASE.search(line)
        if found is not None and _DARI.search(line, found.end()):
            return True
    return False
UNIT_WORDS = table_unit_words()  # a satuan cell ("Persen", "Dokumen"): units.toml [table]
_HEADER_WORDS = re.compile(
    r"urusan|tujuan|sasaran|kode|\brek\b|program|kegiatan|indikator|satuan|kinerja|tahun|dasar|"
    r"target|\brp\b|kondisi|akhir|awal|renstra|rpjmd|unit|penanggung|penggung|pernanggung|"
    r"jawab|\bno\b|capaian|setiap|sebelum|setelah|rumus|formula|penjelasan|keterangan|"
    r"definisi|pendanaan|kerangka|realisasi|tahunan|\bsub\b|perangkat daerah|^pd$|"
    r"operasional|perhitungan|pengukuran|\bsumber\b|^data$",
    re.IGNORECASE,
)
TOTAL = re.compile(r"^(?:total|jumlah total|jumlah kerangka|total kerangka)\b", re.IGNORECASE)
_CATEGORY_WORDS = re.compile(
    r"^(?:sangat\s+)?(?:tinggi|rendah|sedang|baik|buruk|kurang|cukup|memuaskan)$|^[A-D]{1,2}$|"
    r"^(?:WTP|WDP|TW|TMP)$",
    re.IGNORECASE,
)


def clean_cell(text: str) -> str:
    """A cell without markup (``<b>``, ``**``) and with runs of whitespace folded."""
    text = _TAG.sub("", text).replace("**", "")
    return SPACE.sub(" ", text).strip()


def without_spaces(text: str) -> str:
    return text.replace(" ", "")


def looks_like_code(text: str) -> bool:
    """A programme/kegiatan code such as ``4.01.01.2.08.02`` (possibly broken by spaces)."""
    compact = without_spaces(text)
    if not _CODE.match(compact):
        return False
    return not _MONEY_GROUPS.match(compact)


def looks_like_money(text: str) -> bool:
    """An amount of Rupiah: digit groups of three (``850.0 00.00 0``), or ``2,297E+09``."""
    compact = without_spaces(text)
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


NAME_STARTERS = re.compile(
    r"^(?:angka|jumlah|nilai|indeks|rasio|persentase|prosentase|presentase|tingkat|capaian|"
    r"rata-rata|cakupan|laju|pertumbuhan)\s+\S",
    re.IGNORECASE,
)


def looks_like_unit(text: str) -> bool:
    """A satuan: a known unit word (``Persen``, ``Dokumen``, ``Juta Rp``) or another word or
    two; not the start of an indicator name (``Angka Kemiskinan``, ``Jumlah Dokumen``)."""
    words = text.split()
    if not words or len(words) > 3 or NAME_STARTERS.match(text):
        return False
    return bool(UNIT_WORDS.match(text)) or (len(words) <= 2 and not looks_like_formula(text))


def looks_like_quantity(text: str) -> bool:
    """A target-like cell: starts with a number or sign (``12 Bulan``, ``100%``), a dash, or
    a category word (``BB``, ``Sangat Tinggi``)."""
    return text in {"-", "–", "—"} or bool(_STARTS_QTY.match(text)) or bool(
        _CATEGORY_WORDS.match(text)
    )


HEADER_CELL_MAX = 300
"""Longest cell counted as a header label.  Real labels are short ("Penanggung Jawab /
Perangkat Daerah", wrapped over a few lines); searching the header-word alternation through a
100 000-character data cell costs a tenth of a second per cell, for nothing."""


def is_header_row(texts: Sequence[str]) -> bool:
    """A header row: mostly header words and years (``INDIKATOR``, ``Target``, ``2021``), or
    the row of column numbers (``1 2 3 … 21``, increasing) that many tables print under it."""
    cells = [c for c in texts if c]
    if not cells or any(looks_like_money(c) for c in cells):
        return False
    if len(cells) == 1 and len(cells[0].split()) > 3 and not cells[0].endswith("/"):
        return False  # a group label ("Sasaran: meningkatnya …"), not a wrapped header cell
    words = sum(1 for c in cells if len(c) <= HEADER_CELL_MAX
                and (_HEADER_WORDS.search(c) or year_of(c) is not None))
    numbers = [int(c) for c in cells if SMALL_INT.match(c)]
    # column numbers go up, mostly by one; a data row's numbers ("1 … 45 50 55") do not
    steps = [b - a for a, b in pairwise(numbers)]
    numbering = len(numbers) >= 3 and all(d > 0 for d in steps) and 2 * steps.count(1) >= len(
        steps)
    good = words + (len(numbers) if numbering else 0)
    return good >= max(1, (len(cells) * 3 + 4) // 5)


_YEAR_IN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def year_of(cell: str) -> int | None:
    """The year a header cell names: ``2021``, ``Tahun 2021``, ``2021*)``, ``Th. 2021``."""
    text = clean_cell(cell)
    if not text or len(text.split()) > 4:
        return None
    found = _YEAR_IN.findall(text) or _YEAR_IN.findall(without_spaces(text))
    return int(found[0]) if len(set(found)) == 1 else None


NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}|[ivxlc]{1,5}|[a-z])[.)]?$", re.IGNORECASE)
CONNECTOR_END = re.compile(r"(?:\b(?:dan|yang|atau|di|ke|dari|pada|untuk|dengan)|[,/\-(])$",
                            re.IGNORECASE)


def push_context(context: list[str], text: str) -> list[str]:
    """Keep the three most recent tujuan/sasaran/program texts, newest last."""
    if context and context[-1] == text:
        return context
    return [*context, text][-3:]


# --------------------------------------------------------------------------------------------
# programme tables (Tabel 6.1 / 6.2)

TEXT_CELL, CODE_CELL, MONEY_CELL, QTY_CELL, UNIT_CELL = "text", "code", "money", "qty", "unit"


def read_cell(text: str) -> Quantity:
    from indikator.documents.numbers import read_number

    return read_number(text)


def unread_number(
    line: int, column: int | str, text: str, error: IndikatorError, field_name: str | None = None
) -> Unread:
    if field_name is None:
        return Unread(line, column, text, "tables.unreadable_number", {}, error)
    return Unread(line, column, text, "tables.unreadable_in", {"field": field_name}, error)


def read_cells(texts: Sequence[str]) -> list[Quantity | NumberFormatError]:
    """Read cells that belong together (one indicator's yearly values), so the number reader
    settles ambiguous separators (``3.4600``) from the others; per-cell results."""
    from indikator.documents.number_column import read_column

    reading = read_column(list(texts))
    return _per_cell(reading, texts)


def _per_cell(reading: Any, texts: Sequence[str]) -> list[Quantity | NumberFormatError]:
    """The rows of a :class:`~.documents.number_column.ColumnReading` as quantities or errors (for
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
