"""Indonesian numbers and quantities as planning documents print them.

One reader for every cell the project sees: ``1.800.085.250``, ``918,4 84,00 0`` (a PDF's stray
spaces inside a number), ``1.800,085,250`` (mixed thousands marks), ``5,36``, ``3.4600``,
``2,297E+09``, ``100%``, ``12 Bulan (67 Kelurahan)``, ``Rp 1.234.567,89``, ``80 – 90``,
``7-8 bulan``, ``< 20 %``, ``≥ 95``, ``1:32``, ``(1.234)``, ``-``, ``#DIV/0!``, ``BB``,
``Sangat Tinggi``.  :func:`read_number` reads one cell into a :class:`Quantity`;
:func:`read_column` / :func:`read_series` read a whole column, vectorised, and decide the
column's decimal convention.

Rules (each tested in ``tests/test_numbers*.py``):

* Spaces between digits and separators are PDF artefacts and are dropped: ``10 0%`` is 100 %,
  ``2019 2020`` is 20192020 (cells hold one number, or a range written with a dash).
* Thousands groups have three digits; the first group one to three digits, not starting with 0.
  A separator occurring twice or more is a thousands mark (``1.800,085,250`` → 1800085250).
  The last separator, occurring once, is the decimal mark when the group after it is not three
  digits long (``5,36``, ``3.4600``, ``1.234.567,89``) or the part before it cannot be a
  thousands group (``0.500``, ``1234.567``).  A mantissa with an exponent (``2,297E+09``) has a
  decimal mark.  Anything else is a :class:`~indikator.core.errors.NumberFormatError`.
* **Ambiguity.** ``3.460`` (one separator followed by exactly three digits) is either 3460 or
  3,46.  It is decided per separator mark, in this order: (1) ``decimal=`` given by the caller;
  (2) *direct evidence*: the other cells of the column (or of the cell, for
  :func:`read_number`) that use the same mark unambiguously — only as decimal → decimal, only as
  thousands → thousands, as both → **conflict**: the ambiguous cells are reported unread, never
  guessed; (3) *indirect evidence*: the other mark is used unambiguously as the decimal mark →
  this one is the thousands mark, and vice versa; (4) otherwise the Indonesian convention (dot
  thousands, comma decimal).  The column reading reports the decision and the votes
  (:class:`DecimalDecision`).  An explicit ``decimal=`` only settles ambiguous cells: a cell that
  can be read one way only (``5,36`` in a dot-decimal column) is read that way, since the seed's
  Tabel 7.1 mixes ``56,23`` and ``59.14`` in one row.
* Percent cells keep the printed number (``100%`` → value 100, unit ``"%"``).  ``Rp`` is a unit.
  ``1:32`` is a ratio: kind ``"number"``, value 1/32, unit ``"rasio"``.  Known unit words are
  canonicalised (``dokumen``, ``Doku men``, ``Dok`` → ``Dokumen``); other units are kept as
  printed with spaces collapsed.  A trailing parenthesis is a note (``12 Bulan (67 Kelurahan)``).
* Categories are the labels of the rating scales in ``shared/DOMAIN.md`` (AKIP grades, capaian,
  IKM, LPPD and IDM labels, BPK opinions) plus any the caller passes.

It does not: convert units or multipliers (``Juta``, ``Miliar``), turn percentages into
fractions, read free text (``35 titik dan 1 kegiatan`` is unread), or guess.  Importing this
module does not import pandas or numpy; the column functions import them when called.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from indikator.core.errors import NumberFormatError
from indikator.core.i18n import t
from indikator.core.shapes import is_na

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "CATEGORIES",
    "KINDS",
    "ColumnReading",
    "DecimalDecision",
    "Quantity",
    "SeparatorDecision",
    "UnreadCell",
    "decide",
    "printed_decimals",
    "read_column",
    "read_number",
    "read_series",
]

Kind = Literal["number", "range", "comparison", "category", "missing"]
KINDS: Final = ("number", "range", "comparison", "category", "missing", "unread")
OPS: Final = ("<", "<=", ">", ">=")
Role = Literal["decimal", "thousands", "undecided"]
Rule = Literal["explicit", "direct", "indirect", "default", "conflict"]


# --------------------------------------------------------------------------- the result type


@dataclass(frozen=True, slots=True)
class Quantity:
    """One cell read: a number, a range, a comparison, a category, or a missing value.

    ``value`` is the number (for a comparison its bound; for a range ``None``); ``low``/``high``
    are a range's ends; ``op`` is a comparison's operator (``<``, ``<=``, ``>``, ``>=``);
    ``unit`` the unit as canonicalised (``%``, ``Bulan``, ``Rp``, ``rasio``…); ``category`` a
    known label; ``reason`` why a value is missing (``-``, ``#DIV/0!``, ``blank``…); ``note`` a
    trailing parenthesis; ``ambiguous`` whether the cell alone could be read two ways (its
    reading then came from ``decimal=`` or the column's convention).
    """

    kind: Kind
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    op: str | None = None
    unit: str | None = None
    category: str | None = None
    reason: str | None = None
    note: str | None = None
    ambiguous: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The quantity as JSON-ready fields (all of them, ``None`` where absent)."""
        return {
            "kind": self.kind,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "op": self.op,
            "unit": self.unit,
            "category": self.category,
            "reason": self.reason,
            "note": self.note,
            "ambiguous": self.ambiguous,
            "text": self.text,
        }


# --------------------------------------------------------------------------- vocabulary

#: Rating-scale labels read as categories (canonical spelling).  Grades are matched in upper
#: case only ("bb" is not a grade); word labels case-insensitively.
CATEGORIES: Final[tuple[str, ...]] = (
    "AA", "A", "BB", "B", "CC", "C", "D",
    "WTP", "WTP-PP", "WTP-DPP", "WDP", "TW", "TMP",
    "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah",
    "Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang", "Butuh Perbaikan",
    "Sangat Memuaskan", "Memuaskan", "Memadai", "Tidak Baik", "Kurang Baik",
    "Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri",
)  # fmt: skip

_GRADE_RE: Final = re.compile(r"[A-Z]{1,3}(?:-[A-Z]{1,3})?")

#: Unit words canonicalised; keys are lower case without spaces (so a PDF's ``Doku men`` is
#: found).  Abbreviations listed map to their word only where that is unambiguous.
_UNITS: Final[dict[str, str]] = {
    "%": "%", "persen": "%", "rp": "Rp", "rp.": "Rp", "idr": "Rp",
    "dokumen": "Dokumen", "dok": "Dokumen", "dok.": "Dokumen",
    "bulan": "Bulan", "bln": "Bulan", "tahun": "Tahun", "thn": "Tahun", "hari": "Hari",
    "unit": "Unit", "orang": "Orang", "org": "Orang", "jiwa": "Jiwa",
    "kegiatan": "Kegiatan", "keg": "Kegiatan", "kgt": "Kegiatan", "subkegiatan": "Sub Kegiatan",
    "buku": "Buku", "paket": "Paket", "pkt": "Paket", "rakor": "Rakor", "titik": "Titik",
    "kasus": "Kasus", "opd": "OPD", "peserta": "Peserta", "laporan": "Laporan", "kali": "Kali",
    "kelurahan": "Kelurahan", "kecamatan": "Kecamatan", "desa": "Desa", "nagari": "Nagari",
    "lembaga": "Lembaga", "poin": "Poin", "indeks": "Indeks", "nilai": "Nilai",
    "kategori": "Kategori", "ha": "Ha", "km": "Km", "ton": "Ton", "stel": "Stel",
    "aplikasi": "Aplikasi", "sekolah": "Sekolah", "rumah": "Rumah", "kk": "KK",
    "lokasi": "Lokasi", "gedung": "Gedung", "produkhukum": "Produk Hukum",
}  # fmt: skip

RATIO_UNIT: Final = "rasio"

# Roles of one printed number.
_INT, _THOUSANDS, _DECIMAL, _AMBIGUOUS = 0, 1, 2, 3
_MISSING_DASH: Final = re.compile(r"[-–—‒―]+(?:\s*[-–—‒―]+)*")
_EXCEL_ERROR: Final = re.compile(r"#(?:DIV/0!|VALUE!|N/A|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)")
_NOT_AVAILABLE: Final = {"n/a", "na", "n.a", "n.a.", "nan", "none", "null"}
_TAG: Final = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
_WS: Final = re.compile(r"\s+")

# A printed number: optional sign, digits with separators and stray spaces, optional exponent.
_NUM: Final = r"(?:[-–—]\s*)?(?:\d(?:[\d.,\s]*\d)?|[.,]\d+)(?:\s*[eE]\s*[-+]?\s*\d+)?"
_UNIT: Final = r"%|‰|[^\W\d_][^\d()<>=≤≥:]*?"
_QTY: Final = rf"(?P<cur>Rp\.?|IDR)?\s*(?P<num>{_NUM})\s*(?:,-|\.-)?\s*(?P<unit>{_UNIT})?"
_QTY_RE: Final = re.compile(_QTY)
_ACCOUNTING_RE: Final = re.compile(r"\(\s*(?P<cur>Rp\.?)?\s*(?P<num>\d[\d.,\s]*)\)")
_NOTE_RE: Final = re.compile(r"(?P<body>.*?\S)\s*\((?P<note>[^()]*)\)?")
_RANGE_SEP: Final = r"-|–|—|~|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga"
_RANGE_RE: Final = re.compile(
    rf"(?P<a>{_NUM})\s*(?P<ua>{_UNIT})??\s*(?:{_RANGE_SEP})\s*(?P<b>{_NUM})\s*(?P<ub>{_UNIT})?",
    re.IGNORECASE,
)
_RATIO_RE: Final = re.compile(r"(?P<a>\d[\d.,]*)\s*:\s*(?P<b>\d[\d.,]*)")
_OP_SYMBOLS: Final = {
    "<=": "<=", "=<": "<=", "≤": "<=", "⩽": "<=", ">=": ">=", "=>": ">=", "≥": ">=", "⩾": ">=",
    "<": "<", ">": ">",
}  # fmt: skip
_OP_WORDS: Final = {
    "minimal": ">=", "min": ">=", "min.": ">=", "paling sedikit": ">=", "sekurang-kurangnya": ">=",
    "maksimal": "<=", "maks": "<=", "maks.": "<=", "max": "<=", "max.": "<=",
    "paling banyak": "<=", "lebih dari": ">", "di atas": ">", "kurang dari": "<", "di bawah": "<",
}  # fmt: skip
_OP_RE: Final = re.compile(
    r"(?P<op><=|=<|>=|=>|≤|≥|⩽|⩾|<|>)\s*(?P<rest>.+)|"
    r"(?P<word>minimal|min\.?|paling sedikit|sekurang-kurangnya|maksimal|maks\.?|max\.?|"
    r"paling banyak|lebih dari|di atas|kurang dari|di bawah)(?:\s+|(?=\d))(?P<wrest>.+)",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- one printed number


@dataclass(frozen=True, slots=True)
class _Num:
    """A printed number before the column's convention is applied."""

    negative: bool
    digits: str  # all digits, separators removed
    frac_len: int  # digits after the last separator
    sep: str  # the last separator ("." / ",") or ""
    role: int  # _INT, _THOUSANDS, _DECIMAL, _AMBIGUOUS
    exponent: int | None = None
    # unambiguous uses: (dot decimal, dot thousands, comma decimal, comma thousands)
    evidence: tuple[bool, bool, bool, bool] = (False, False, False, False)


def _evidence(decimal: str = "", thousands: Iterable[str] = ()) -> tuple[bool, bool, bool, bool]:
    marks = set(thousands)
    return (decimal == ".", "." in marks, decimal == ",", "," in marks)


def _bad(key: str, text: str, **params: Any) -> NumberFormatError:
    return NumberFormatError(f"numbers.{key}", text=text, reason=key, **params)


def _classify(num: str, text: str) -> _Num:
    """Classify one printed number (``_NUM`` match) by its separators; see the module rules."""
    s = re.sub(r"\s+", "", num)
    negative = s[:1] in "-–—" and s != ""
    if negative:
        s = s[1:]
    exponent: int | None = None
    exp_match = re.search(r"[eE]([-+]?\d+)$", s)
    if exp_match:
        exponent = int(exp_match.group(1))
        s = s[: exp_match.start()]
    groups = re.split(r"[.,]", s)
    seps = re.findall(r"[.,]", s)
    if not seps:
        return _Num(negative, s, 0, "", _INT, exponent)
    last, frac = seps[-1], groups[-1]
    if any(g == "" for g in groups[1:]) or (groups[0] == "" and len(seps) > 1):
        raise _bad("bad_grouping", text)
    digits = "".join(groups)
    if exponent is not None or groups[0] == "":
        if len(seps) > 1:
            raise _bad("bad_grouping", text)
        return _Num(negative, digits, len(frac), last, _DECIMAL, exponent, _evidence(last))
    head = groups[0]
    head_ok = 1 <= len(head) <= 3 and head[0] != "0"
    mid3 = all(len(g) == 3 for g in groups[1:-1])
    count = seps.count(last)
    others = {m for m in seps if m != last}
    if count >= 2:
        if head_ok and mid3 and len(frac) == 3:
            return _Num(negative, digits, 3, last, _THOUSANDS, None, _evidence("", set(seps)))
        raise _bad("bad_grouping", text)
    if len(seps) >= 2:
        if not (head_ok and mid3):
            raise _bad("bad_grouping", text)
        if len(frac) != 3:
            return _Num(negative, digits, len(frac), last, _DECIMAL, None, _evidence(last, others))
        return _Num(negative, digits, 3, last, _AMBIGUOUS, None, _evidence("", others))
    if len(frac) == 3 and head_ok:
        return _Num(negative, digits, 3, last, _AMBIGUOUS)
    return _Num(negative, digits, len(frac), last, _DECIMAL, None, _evidence(last))


def _num_value(num: _Num, dot: Role, comma: Role) -> float | None:
    """The value of *num* under the separator roles; ``None`` if its reading is undecided."""
    role = num.role
    if role == _AMBIGUOUS:
        mark_role = dot if num.sep == "." else comma
        if mark_role == "undecided":
            return None
        role = _DECIMAL if mark_role == "decimal" else _THOUSANDS
    if role == _DECIMAL:
        cut = len(num.digits) - num.frac_len
        literal = f"{num.digits[:cut] or '0'}.{num.digits[cut:]}"
    else:
        literal = num.digits
    if num.exponent is not None:
        literal = f"{literal}e{num.exponent}"
    value = float(literal)
    if not math.isfinite(value):
        raise _bad("not_a_number", literal)
    return -value if num.negative else value


# --------------------------------------------------------------------------- one cell


@dataclass(frozen=True, slots=True)
class _Cell:
    """A cell parsed, numbers not yet valued (they may wait for the column's convention)."""

    kind: Kind
    nums: tuple[_Num, ...] = ()
    op: str | None = None
    unit: str | None = None
    category: str | None = None
    reason: str | None = None
    note: str | None = None
    ratio: bool = False

    @property
    def evidence(self) -> tuple[int, int, int, int]:
        votes = [0, 0, 0, 0]
        for num in self.nums:
            for i, used in enumerate(num.evidence):
                votes[i] = votes[i] or int(used)
        return (votes[0], votes[1], votes[2], votes[3])

    @property
    def ambiguous_marks(self) -> set[str]:
        return {num.sep for num in self.nums if num.role == _AMBIGUOUS}


def _normalise(text: str) -> str:
    if "<" in text:
        text = _TAG.sub(" ", text)
    return _WS.sub(" ", text.replace("−", "-")).strip()


def _unit(raw: str | None) -> str | None:
    if raw is None:
        return None
    unit = _WS.sub(" ", raw).strip()
    if not unit:
        return None
    return _UNITS.get(unit.replace(" ", "").lower(), unit)


_WORD_LABELS: Final = {
    label.lower(): label for label in CATEGORIES if not _GRADE_RE.fullmatch(label)
}


def _category(text: str, extra: frozenset[str]) -> str | None:
    """The canonical label *text* names: grades in capitals only, words in any case."""
    if text in CATEGORIES and _GRADE_RE.fullmatch(text):
        return text
    label = _WORD_LABELS.get(text.lower())
    if label is not None:
        return label
    for added in extra:
        if added == text or (not _GRADE_RE.fullmatch(added) and added.lower() == text.lower()):
            return added
    return None


def _quantity(body: str, text: str) -> tuple[_Num, str | None] | None:
    match = _QTY_RE.fullmatch(body)
    if match is None:
        return None
    unit = _unit(match.group("unit"))
    if match.group("cur"):
        if unit is not None:
            return None
        unit = "Rp"
    num = _classify(match.group("num"), text)
    if unit == "Rp" and num.role == _AMBIGUOUS:
        # Rupiah amounts have at most two decimals: "Rp 3.460" is three thousand rupiah.
        marks = {num.sep} | {m for m in ".," if num.evidence[1 if m == "." else 3]}
        thousands = _evidence("", marks)
        num = _Num(num.negative, num.digits, 3, num.sep, _THOUSANDS, None, thousands)
    return num, unit


def _parse_cell(text: str, categories: frozenset[str] = frozenset()) -> _Cell:
    """Parse one cell into a :class:`_Cell`; raises :class:`NumberFormatError`."""
    s = _normalise(text)
    if not s:
        return _Cell("missing", reason="blank")
    if _MISSING_DASH.fullmatch(s):
        return _Cell("missing", reason="-")
    if _EXCEL_ERROR.fullmatch(s.upper()):
        return _Cell("missing", reason=s.upper())
    if s.lower() in _NOT_AVAILABLE:
        return _Cell("missing", reason="n/a")
    note: str | None = None
    accounting = _ACCOUNTING_RE.fullmatch(s)
    if accounting is None:
        noted = _NOTE_RE.fullmatch(s)
        if noted is not None:
            s, note = noted.group("body"), (noted.group("note").strip() or None)
    label = _category(s, categories)
    if label is not None:
        return _Cell("category", category=label, note=note)
    if accounting is not None:
        num = _classify(accounting.group("num"), text)
        negated = _Num(True, num.digits, num.frac_len, num.sep, num.role, None, num.evidence)
        return _Cell("number", (negated,), unit="Rp" if accounting.group("cur") else None)
    compared = _OP_RE.fullmatch(s)
    if compared is not None:
        if compared.group("op"):
            op, rest = _OP_SYMBOLS[compared.group("op")], compared.group("rest")
        else:
            op, rest = _OP_WORDS[compared.group("word").lower()], compared.group("wrest")
        bound = _quantity(rest.strip(), text)
        if bound is None:
            raise _bad("not_a_number", text)
        return _Cell("comparison", (bound[0],), op=op, unit=bound[1], note=note)
    ratio = _RATIO_RE.fullmatch(s)
    if ratio is not None:
        a, b = _classify(ratio.group("a"), text), _classify(ratio.group("b"), text)
        return _Cell("number", (a, b), unit=RATIO_UNIT, note=note, ratio=True)
    single = _quantity(s, text)
    if single is not None:
        return _Cell("number", (single[0],), unit=single[1], note=note)
    ranged = _RANGE_RE.fullmatch(s)
    if ranged is not None:
        left, right = _unit(ranged.group("ua")), _unit(ranged.group("ub"))
        if left is not None and right is not None and left != right:
            raise _bad("range_units", text, left=left, right=right)
        low, high = _classify(ranged.group("a"), text), _classify(ranged.group("b"), text)
        return _Cell("range", (low, high), unit=left or right, note=note)
    raise _bad("not_a_number", text)


def _finish(cell: _Cell, text: str, dot: Role, comma: Role) -> Quantity:
    """Turn a parsed cell into a :class:`Quantity` under the separator roles."""
    values = [_num_value(num, dot, comma) for num in cell.nums]
    if any(v is None for v in values):
        mark = sorted(cell.ambiguous_marks)[0]
        raise _bad("ambiguous", text, mark=mark)
    numbers = [float(v) for v in values if v is not None]
    ambiguous = bool(cell.ambiguous_marks)
    unit, note = cell.unit, cell.note
    if cell.kind == "range":
        if numbers[0] > numbers[1]:
            raise _bad("range_reversed", text)
        return Quantity(
            "range", text, low=numbers[0], high=numbers[1], unit=unit, note=note,
            ambiguous=ambiguous,
        )  # fmt: skip
    if cell.kind == "comparison":
        return Quantity(
            "comparison", text, value=numbers[0], op=cell.op, unit=unit, note=note,
            ambiguous=ambiguous,
        )  # fmt: skip
    if cell.kind == "number":
        if cell.ratio and numbers[1] == 0:
            raise _bad("ratio_zero", text)
        number = numbers[0] / numbers[1] if cell.ratio else numbers[0]
        return Quantity("number", text, value=number, unit=unit, note=note, ambiguous=ambiguous)
    if cell.kind == "category":
        return Quantity("category", text=text, category=cell.category, note=cell.note)
    return Quantity("missing", text=text, reason=cell.reason)


# --------------------------------------------------------------------------- the decision


@dataclass(frozen=True, slots=True)
class SeparatorDecision:
    """How one mark (``.`` or ``,``) is read in ambiguous cells, and why."""

    mark: str
    role: Role
    rule: Rule
    decimal_votes: int
    thousands_votes: int

    def explain(self, lang: str | None = None) -> str:
        """One sentence in *lang* saying what was decided and why."""
        other = "," if self.mark == "." else "."
        role = t(f"numbers.role_{self.role}", lang) if self.role != "undecided" else ""
        other_role = "thousands" if self.role == "decimal" else "decimal"
        return t(
            f"numbers.decision_{self.rule}",
            lang,
            mark=self.mark,
            role=role,
            other=other,
            other_role=t(f"numbers.role_{other_role}", lang),
            votes=self.decimal_votes if self.role == "decimal" else self.thousands_votes,
            decimal_votes=self.decimal_votes,
            thousands_votes=self.thousands_votes,
        )


@dataclass(frozen=True, slots=True)
class DecimalDecision:
    """The column's reading of both marks, with the votes it was based on."""

    dot: SeparatorDecision
    comma: SeparatorDecision
    ambiguous_cells: int = 0

    def explain(self, lang: str | None = None) -> str:
        """Both decisions as sentences in *lang*."""
        return f"{self.dot.explain(lang)} {self.comma.explain(lang)}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "dot": {"role": self.dot.role, "rule": self.dot.rule,
                    "decimal_votes": self.dot.decimal_votes,
                    "thousands_votes": self.dot.thousands_votes},
            "comma": {"role": self.comma.role, "rule": self.comma.rule,
                      "decimal_votes": self.comma.decimal_votes,
                      "thousands_votes": self.comma.thousands_votes},
            "ambiguous_cells": self.ambiguous_cells,
        }  # fmt: skip


def _check_decimal(decimal: str | None) -> None:
    if decimal not in (None, ",", "."):
        raise NumberFormatError("numbers.bad_decimal_option", value=str(decimal))


def decide(
    votes: Sequence[int], *, decimal: str | None = None, ambiguous_cells: int = 0
) -> DecimalDecision:
    """Apply the ambiguity rule (module docstring) to evidence *votes*.

    *votes* = (dot as decimal, dot as thousands, comma as decimal, comma as thousands), each the
    number of cells that can only be read that way.
    """
    _check_decimal(decimal)
    dot_dec, dot_thou, comma_dec, comma_thou = (int(v) for v in votes)

    def one(mark: str, dec: int, thou: int, o_dec: int, o_thou: int) -> SeparatorDecision:
        role: Role
        rule: Rule
        if decimal is not None:
            role, rule = ("decimal" if decimal == mark else "thousands"), "explicit"
        elif dec and thou:
            role, rule = "undecided", "conflict"
        elif dec or thou:
            role, rule = ("decimal" if dec else "thousands"), "direct"
        elif bool(o_dec) != bool(o_thou):
            role, rule = ("thousands" if o_dec else "decimal"), "indirect"
        else:
            role, rule = ("thousands" if mark == "." else "decimal"), "default"
        return SeparatorDecision(mark, role, rule, dec, thou)

    return DecimalDecision(
        one(".", dot_dec, dot_thou, comma_dec, comma_thou),
        one(",", comma_dec, comma_thou, dot_dec, dot_thou),
        ambiguous_cells,
    )


# --------------------------------------------------------------------------- public: one cell


def read_number(
    text: str, *, decimal: str | None = None, categories: Iterable[str] = ()
) -> Quantity:
    """Read one cell as documents print it.

    *decimal* (``","`` or ``"."``) settles a cell that could be read two ways (``3.460``);
    without it the cell's own other numbers decide, then the Indonesian convention (see the
    module docstring).  *categories* adds labels to :data:`CATEGORIES`.  Raises
    :class:`~indikator.core.errors.NumberFormatError` (key ``numbers.*``, params ``text`` and
    ``reason``) for a cell that cannot be read.
    """
    _check_decimal(decimal)
    if not isinstance(text, str):
        raise _bad("not_a_number", repr(text))
    cell = _parse_cell(text, frozenset(categories))
    decision = decide(cell.evidence, decimal=decimal)
    return _finish(cell, text, decision.dot.role, decision.comma.role)


_PRINTED_NUMBER: Final = re.compile(r"\d[\d.,\s]*")
_LAST_GROUP: Final = re.compile(r"[.,](\d+)$")


def printed_decimals(text: str, value: float) -> int | None:
    """How many decimals *text* prints for *value*, the number read from it: 2 for ``61,00``
    and ``1.250.000,00``, 0 for ``61``, ``1.250`` (read as 1250) and ``12 Bulan``, 4 for
    ``0,6125``.  ``None`` when *text* holds no digits or its digits do not give *value*."""
    match = _PRINTED_NUMBER.search(text)
    if match is None or not math.isfinite(value):
        return None
    token = re.sub(r"\s+", "", match.group()).rstrip(".,")
    digits = re.sub(r"\D", "", token)
    last = _LAST_GROUP.search(token)
    if last is not None:
        places = len(last.group(1))
        if math.isclose(int(digits) / 10**places, abs(value), rel_tol=1e-12, abs_tol=1e-12):
            return places
    if math.isclose(int(digits), abs(value), rel_tol=1e-12):
        return 0
    return None


# --------------------------------------------------------------------------- public: columns


@dataclass(frozen=True, slots=True)
class UnreadCell:
    """A cell that could not be read: its row label, 0-based position, text and reason."""

    row: Any
    position: int
    text: str
    reason: str
    error: NumberFormatError = field(compare=False, repr=False)

    def message(self, lang: str | None = None) -> str:
        """The human message in *lang*."""
        return self.error.message(lang)


@dataclass(frozen=True, slots=True)
class ColumnReading:
    """A column read: one row per input cell, the unread cells, and the decimal decision.

    ``frame`` has the input's index and the columns ``kind`` (categorical: the :data:`KINDS`,
    ``"unread"`` for a cell that could not be read), ``value``, ``low``, ``high`` (float, NaN
    where absent), ``op``, ``unit``, ``category``, ``reason`` (for a missing cell its reason,
    for an unread one the error's reason), ``note`` (string columns, NA where absent) and
    ``ambiguous`` (bool; also true for a cell unread because its reading is ambiguous), and
    ``text`` (the cell as given).  :meth:`quantities` turns short columns back into
    :class:`Quantity` objects.
    """

    frame: pd.DataFrame
    unread: list[UnreadCell]
    decision: DecimalDecision

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def values(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The ``value`` column as a float array (NaN where there is none)."""
        return self.frame["value"].to_numpy(dtype="float64")

    def quantities(self) -> list[Quantity | NumberFormatError]:
        """Each row as a :class:`Quantity`, or the cell's error if it was not read.

        A Python loop over the rows: for short columns (one indicator's years), not for 10^6.
        """
        errors = {cell.position: cell.error for cell in self.unread}
        out: list[Quantity | NumberFormatError] = []
        for position, row in enumerate(self.frame.itertuples(index=False)):
            if position in errors:
                out.append(errors[position])
                continue
            out.append(
                Quantity(
                    row.kind,  # type: ignore[arg-type]
                    _text_of(row.text),
                    value=_float_or_none(row.value),
                    low=_float_or_none(row.low),
                    high=_float_or_none(row.high),
                    op=_str_or_none(row.op),
                    unit=_str_or_none(row.unit),
                    category=_str_or_none(row.category),
                    reason=_str_or_none(row.reason),
                    note=_str_or_none(row.note),
                    ambiguous=bool(row.ambiguous),
                )
            )
        return out


def _str_or_none(value: Any) -> str | None:
    return None if is_na(value) else str(value)


def _float_or_none(value: Any) -> float | None:
    return None if is_na(value) else float(value)


def _text_of(cell: Any) -> str:
    return "" if is_na(cell) else str(cell)


def read_column(
    cells: Iterable[Any] | pd.Series[Any],
    *,
    decimal: str | None = None,
    categories: Iterable[str] = (),
) -> ColumnReading:
    """Read a column of cells (any iterable of str / numbers / None, or a pandas Series).

    The column's decimal convention is decided from its unambiguous cells (module docstring);
    see :class:`ColumnReading` for the result.  Numbers (int/float) are taken as they are;
    ``None`` / NaN are missing with reason ``"blank"``.
    """
    import pandas as pd

    series = cells if isinstance(cells, pd.Series) else pd.Series(list(cells), dtype=object)
    return read_series(series, decimal=decimal, categories=categories)


_FAST_WIDTH: Final = 24
_CHUNK: Final = 1 << 15


def read_series(
    series: pd.Series[Any], *, decimal: str | None = None, categories: Iterable[str] = ()
) -> ColumnReading:
    """Vectorised :func:`read_column` for a pandas Series (10^6 cells: about 2 s of CPU when all
    distinct, 0.4 s for a column that repeats a few forms).

    Each distinct cell is read once (a repeated column costs its distinct values).  Plain
    numbers (sign, digits, separators, stray spaces, ``%``) are classified with numpy on a
    character matrix; every other distinct cell goes through :func:`read_number`'s parser.
    """
    import numpy as np
    import pandas as pd

    _check_decimal(decimal)
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return _read_numeric(series)
    extra = frozenset(categories)
    codes, uniques_index = pd.factorize(series, use_na_sentinel=True)
    uniques = np.asarray(uniques_index, dtype=object)
    n_unique = len(uniques)
    counts = np.bincount(codes[codes >= 0], minlength=n_unique)

    # Per distinct value: the fast matrix result or a parsed cell.
    kind = np.full(n_unique + 1, KINDS.index("missing"), dtype=np.int8)
    value = np.full(n_unique + 1, np.nan)
    low = np.full(n_unique + 1, np.nan)
    high = np.full(n_unique + 1, np.nan)
    op = np.full(n_unique + 1, -1, dtype=np.int8)
    unit = np.full(n_unique + 1, None, dtype=object)
    category = np.full(n_unique + 1, None, dtype=object)
    reason = np.full(n_unique + 1, None, dtype=object)
    note = np.full(n_unique + 1, None, dtype=object)
    ambiguous = np.zeros(n_unique + 1, dtype=bool)
    reason[n_unique] = "blank"  # the NA sentinel row
    votes = np.zeros(4, dtype=np.int64)

    slow: dict[int, _Cell] = {}
    errors: dict[int, NumberFormatError] = {}
    is_text = _text_mask(uniques)
    numeric = ~is_text
    if numeric.any():
        idx = np.flatnonzero(numeric)
        others = pd.Series(uniques[idx], dtype=object)
        blank = others.isna().to_numpy()
        num_values = pd.to_numeric(others, errors="coerce").to_numpy(dtype="float64")
        good = np.isfinite(num_values) & ~blank
        kind[idx[good]] = KINDS.index("number")
        value[idx[good]] = num_values[good]
        reason[idx[blank]] = "blank"
        for i in idx[~good & ~blank].tolist():
            errors[i] = _bad("not_a_number", str(uniques[i]))

    text_idx = np.flatnonzero(is_text)
    fast = _fast_numbers(uniques[text_idx])
    fast_idx = text_idx[fast.ok]
    amb_fast = fast.role == _AMBIGUOUS
    kind[fast_idx] = KINDS.index("number")
    unit[fast_idx[fast.pct]] = "%"
    ambiguous[fast_idx[amb_fast]] = True
    fast_counts = counts[fast_idx]
    for column, mask in enumerate(fast.evidence):
        votes[column] += int(fast_counts[mask].sum())

    for i in text_idx[~fast.ok].tolist():
        try:
            cell = _parse_cell(str(uniques[i]), extra)
        except NumberFormatError as problem:
            errors[i] = problem
            continue
        slow[i] = cell
        for column, used in enumerate(cell.evidence):
            votes[column] += used * int(counts[i])

    amb_cells = int(fast_counts[amb_fast].sum()) + sum(
        int(counts[i]) for i, c in slow.items() if c.ambiguous_marks
    )
    decision = decide(votes.tolist(), decimal=decimal, ambiguous_cells=amb_cells)
    dot_role, comma_role = decision.dot.role, decision.comma.role

    # Fast values under the decision.
    as_decimal = fast.role == _DECIMAL
    for mark, role in ((1, dot_role), (2, comma_role)):
        hit = amb_fast & (fast.sep == mark)
        if role == "decimal":
            as_decimal |= hit
        elif role == "undecided":
            for j in np.flatnonzero(hit).tolist():
                i = int(fast_idx[j])
                errors[i] = _bad("ambiguous", str(uniques[i]), mark="." if mark == 1 else ",")
    scale = np.where(as_decimal, _POW10[np.minimum(fast.frac_len, 15)], 1.0)
    fast_value = fast.intval / scale
    value[fast_idx] = np.where(fast.negative, -fast_value, fast_value)

    for i, cell in slow.items():
        try:
            q = _finish(cell, str(uniques[i]), dot_role, comma_role)
        except NumberFormatError as problem:
            errors[i] = problem
            continue
        kind[i] = KINDS.index(q.kind)
        value[i] = np.nan if q.value is None else q.value
        low[i] = np.nan if q.low is None else q.low
        high[i] = np.nan if q.high is None else q.high
        op[i] = -1 if q.op is None else OPS.index(q.op)
        unit[i], category[i], reason[i], note[i] = q.unit, q.category, q.reason, q.note
        ambiguous[i] = q.ambiguous

    for i, err in errors.items():
        kind[i] = KINDS.index("unread")
        value[i] = np.nan
        unit[i] = None
        reason[i] = str(err.params.get("reason", err.key))
        ambiguous[i] = reason[i] == "ambiguous"

    take = np.where(codes < 0, n_unique, codes)
    frame = pd.DataFrame(
        {
            "kind": pd.Categorical.from_codes(kind[take], categories=pd.Index(list(KINDS))),
            "value": value[take],
            "low": low[take],
            "high": high[take],
            "op": pd.Categorical.from_codes(op[take], categories=pd.Index(list(OPS))),
            "unit": unit[take],
            "category": category[take],
            "reason": reason[take],
            "note": note[take],
            "ambiguous": ambiguous[take],
            "text": series.to_numpy(dtype=object),
        },
        index=series.index,
    )
    unread: list[UnreadCell] = []
    if errors:
        bad = np.zeros(n_unique + 1, dtype=bool)
        bad[list(errors)] = True
        positions = np.flatnonzero(bad[take])
        labels = series.index[positions]
        for pos, label in zip(positions.tolist(), labels, strict=True):
            found = errors[int(codes[pos])]
            unread.append(
                UnreadCell(label, pos, str(uniques[codes[pos]]), str(found.params["reason"]), found)
            )
    return ColumnReading(frame, unread, decision)


def _read_numeric(series: pd.Series[Any]) -> ColumnReading:
    """A column that already holds numbers: values as they are, NaN/NA as missing "blank"."""
    import numpy as np
    import pandas as pd

    value = series.to_numpy(dtype="float64", na_value=np.nan)
    blank = np.isnan(value)
    unread = ~blank & ~np.isfinite(value)
    value = np.where(unread, np.nan, value)
    kind = np.where(blank, KINDS.index("missing"), KINDS.index("number")).astype(np.int8)
    kind[unread] = KINDS.index("unread")
    reason = np.full(len(value), None, dtype=object)
    reason[blank] = "blank"
    reason[unread] = "not_a_number"
    nothing = np.full(len(value), None, dtype=object)
    frame = pd.DataFrame(
        {
            "kind": pd.Categorical.from_codes(kind, categories=pd.Index(list(KINDS))),
            "value": value,
            "low": np.full(len(value), np.nan),
            "high": np.full(len(value), np.nan),
            "op": pd.Categorical.from_codes(
                np.full(len(value), -1, dtype=np.int8), categories=pd.Index(list(OPS))
            ),
            "unit": nothing,
            "category": nothing,
            "reason": reason,
            "note": nothing,
            "ambiguous": np.zeros(len(value), dtype=bool),
            "text": series.to_numpy(dtype=object),
        },
        index=series.index,
    )
    cells = []
    for pos in np.flatnonzero(unread).tolist():
        text = str(series.iloc[pos])
        error = _bad("not_a_number", text)
        cells.append(UnreadCell(series.index[pos], pos, text, "not_a_number", error))
    decision = decide((0, 0, 0, 0))
    return ColumnReading(frame, cells, decision)


def _text_mask(uniques: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Which distinct values are strings (the rest are numbers, NaN or None)."""
    import numpy as np
    import pandas as pd

    if len(uniques) == 0:
        return np.zeros(0, dtype=bool)
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        return np.ones(len(uniques), dtype=bool)
    return np.fromiter((isinstance(u, str) for u in uniques), dtype=bool, count=len(uniques))


# --------------------------------------------------------------------------- vectorised numbers


@dataclass(frozen=True, slots=True)
class _Fast:
    """Plain-number cells classified on a character matrix; other fields valid where ``ok``."""

    ok: np.ndarray[Any, np.dtype[np.bool_]]
    negative: np.ndarray[Any, np.dtype[np.bool_]]
    pct: np.ndarray[Any, np.dtype[np.bool_]]
    intval: np.ndarray[Any, np.dtype[np.float64]]
    frac_len: np.ndarray[Any, np.dtype[np.int64]]
    sep: np.ndarray[Any, np.dtype[np.int8]]  # 0 none, 1 dot, 2 comma
    role: np.ndarray[Any, np.dtype[np.int8]]
    evidence: tuple[np.ndarray[Any, np.dtype[np.bool_]], ...]


# Character classes of the fast path: digits are 0-9 (their value), then these.
_C_DOT, _C_COMMA, _C_MINUS, _C_PERCENT, _C_SPACE, _C_PAD, _C_OTHER = range(10, 17)


class _Classes:
    """Lazy 128-entry table from ASCII code to character class (numpy imported on use)."""

    def __getitem__(self, index: Any) -> Any:
        import numpy as np

        table = np.full(128, _C_OTHER, dtype=np.uint8)
        table[48:58] = np.arange(10)
        table[ord(".")], table[ord(",")] = _C_DOT, _C_COMMA
        table[ord("-")], table[ord("%")], table[ord(" ")] = _C_MINUS, _C_PERCENT, _C_SPACE
        return table[index]


_CLASSES: Final = _Classes()


class _Pow10:
    """Lazy table of powers of ten (numpy is imported on first use)."""

    def __getitem__(self, index: Any) -> Any:
        import numpy as np

        return (10.0 ** np.arange(16))[index]


_POW10: Final = _Pow10()


def _fast_numbers(strings: np.ndarray[Any, Any]) -> _Fast:
    """Classify the cells that are plain numbers (``[-] digits/separators/spaces [%]``).

    Cells longer than :data:`_FAST_WIDTH`, with more than 15 digits, or of any other shape
    get ``ok = False`` and go to the scalar parser.  The classification is the scalar one
    (:func:`_classify`), written on a matrix of code points; a test checks they agree.
    """
    import numpy as np

    n = len(strings)
    ok = np.zeros(n, dtype=bool)
    negative = np.zeros(n, dtype=bool)
    pct = np.zeros(n, dtype=bool)
    intval = np.zeros(n, dtype=np.float64)
    frac_len = np.zeros(n, dtype=np.int64)
    sep_out = np.zeros(n, dtype=np.int8)
    role = np.full(n, -1, dtype=np.int8)
    ev = tuple(np.zeros(n, dtype=bool) for _ in range(4))
    if n == 0:
        return _Fast(ok, negative, pct, intval, frac_len, sep_out, role, ev)
    lengths = np.strings.str_len(np.asarray(strings, dtype=np.dtypes.StringDType()))
    short = np.flatnonzero((lengths > 0) & (lengths <= _FAST_WIDTH))
    for start in range(0, len(short), _CHUNK):
        rows_idx = short[start : start + _CHUNK]
        m = len(rows_idx)
        width = int(lengths[rows_idx].max())
        arr = np.asarray(strings[rows_idx], dtype=f"<U{width}")
        points: Any = arr.view(np.uint32).reshape(m, width)
        # one class per character: 0-9 digits, then _C_* (non-ASCII other than "−" → other)
        ascii_points = np.where(points < 128, points, np.where(points == 0x2212, 45, 127))
        cls: Any = _CLASSES[ascii_points.astype(np.uint8)]
        cls[np.arange(width)[None, :] >= lengths[rows_idx][:, None]] = _C_PAD
        rows = np.arange(m)
        digit = cls < 10
        dot = cls == _C_DOT
        comma = cls == _C_COMMA
        minus = cls == _C_MINUS
        percent = cls == _C_PERCENT
        nonspace = cls < _C_SPACE
        good = ~(cls == _C_OTHER).any(axis=1)
        has = nonspace.any(axis=1)
        first = np.argmax(nonspace, axis=1)
        last = width - 1 - np.argmax(nonspace[:, ::-1], axis=1)
        n_minus = np.count_nonzero(minus, axis=1)
        n_pct = np.count_nonzero(percent, axis=1)
        good &= has & (n_minus <= 1) & (n_pct <= 1)
        good &= (n_minus == 0) | minus[rows, first]
        good &= (n_pct == 0) | percent[rows, last]
        sep = dot | comma
        body = nonspace & ~minus & ~percent
        b_first = np.argmax(body, axis=1)
        b_last = width - 1 - np.argmax(body[:, ::-1], axis=1)
        good &= body.any(axis=1) & digit[rows, b_first] & digit[rows, b_last]
        cd = np.cumsum(digit, axis=1, dtype=np.int8)
        n_digits = cd[:, -1]
        good &= (n_digits >= 1) & (n_digits <= 15)
        n_dot = np.count_nonzero(dot, axis=1)
        n_comma = np.count_nonzero(comma, axis=1)
        k = n_dot + n_comma
        last_sep = width - 1 - np.argmax(sep[:, ::-1], axis=1)
        last_is_dot = dot[rows, last_sep] & (k > 0)
        count_last = np.where(last_is_dot, n_dot, n_comma)
        head = np.where(sep, cd, 127).min(axis=1)
        tail = n_digits - cd[rows, last_sep]
        prev = np.maximum.accumulate(np.where(sep, cd, np.int8(-1)), axis=1)
        prev = np.concatenate([np.full((m, 1), -1, dtype=np.int8), prev[:, :-1]], axis=1)
        after_sep = sep & (prev >= 0)
        good &= ~(after_sep & (cd == prev)).any(axis=1)  # two separators in a row
        mid3 = ~(after_sep & (cd - prev != 3)).any(axis=1)
        first_digit = cls[rows, np.argmax(digit, axis=1)]
        head_ok = (head >= 1) & (head <= 3) & (first_digit != 0)

        r = np.full(m, -1, dtype=np.int8)
        r[k == 0] = _INT
        multi = (k > 0) & (count_last >= 2)
        r[multi & head_ok & mid3 & (tail == 3)] = _THOUSANDS
        single = (k > 0) & (count_last == 1)
        mixed = single & (k >= 2) & head_ok & mid3
        r[mixed & (tail != 3)] = _DECIMAL
        r[mixed & (tail == 3)] = _AMBIGUOUS
        lone = single & (k == 1)
        r[lone & (tail == 3) & head_ok] = _AMBIGUOUS
        r[lone & ~((tail == 3) & head_ok)] = _DECIMAL
        good = good & (r >= 0)

        total = np.zeros(m, dtype=np.int64)
        for j in range(width):  # Horner over the columns (a loop over ≤ 24 columns)
            column = cls[:, j]
            total = np.where(column < 10, total * 10 + column, total)
        other_present = np.where(last_is_dot, n_comma > 0, n_dot > 0)
        thousands_all = r == _THOUSANDS
        dec = r == _DECIMAL
        other_thousands = (r == _DECIMAL) | (r == _AMBIGUOUS)
        dot_thou = (thousands_all & (n_dot > 0)) | (other_thousands & ~last_is_dot & other_present)
        comma_thou = (thousands_all & (n_comma > 0)) | (
            other_thousands & last_is_dot & other_present
        )
        chunk_ev = (dec & last_is_dot, dot_thou, dec & ~last_is_dot, comma_thou)

        ok[rows_idx] = good
        negative[rows_idx] = n_minus > 0
        pct[rows_idx] = n_pct > 0
        intval[rows_idx] = total.astype(np.float64)
        frac_len[rows_idx] = np.where(k > 0, tail, 0)
        sep_out[rows_idx] = np.where(k == 0, 0, np.where(last_is_dot, 1, 2))
        role[rows_idx] = r
        for target, source in zip(ev, chunk_ev, strict=True):
            target[rows_idx] = source & good
    keep = np.flatnonzero(ok)
    return _Fast(
        ok,
        negative[keep],
        pct[keep],
        intval[keep],
        frac_len[keep],
        sep_out[keep],
        role[keep],
        tuple(e[keep] for e in ev),
    )
