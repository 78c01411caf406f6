"""Indonesian numbers and quantities as planning documents print them.

One reader for every cell the project sees: ``1.800.085.250``, ``918,4 84,00 0`` (a PDF's stray
spaces inside a number), ``1.800,085,250`` (mixed thousands marks), ``5,36``, ``3.4600``,
``2,297E+09``, ``100%``, ``12 Bulan (67 Kelurahan)``, ``Rp 1.234.567,89``, ``80 – 90``,
``7-8 bulan``, ``< 20 %``, ``≥ 95``, ``1:32``, ``(1.234)``, ``-``, ``#DIV/0!``, ``BB``,
``Sangat Tinggi``.  :func:`read_number` reads one cell into a :class:`Quantity`;
:func:`~indikator.documents.number_column.read_column` /
:func:`~indikator.documents.number_column.read_series` read a whole column, vectorised, and
decide the column's decimal convention.

Rules (each tested in ``tests/documents/test_numbers*.py``):

* Spaces between digits and separators are PDF artefacts and are dropped: ``10 0%`` is 100 %,
  ``2019 2020`` is 20192020 (cells hold one number, or a range written with a dash).  Except
  after a lone last separator: a space breaking more than four digits there (``362,328 328``,
  the seed's ``362,328,328`` with a thousands mark lost at a line wrap) is refused
  (``lost_separator``), never read as a six-digit decimal; ``95,8 3`` is 95,83.
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
  printed with spaces collapsed.  A trailing parenthesis is a note (``12 Bulan (67 Kelurahan)``),
  and so is a trailing footnote mark (``85,5*``, ``85,5 **)`` → note ``**)``).  A leading ``+``
  is a sign (``+2,5 %``, growth).
* Categories are the codes, aliases and labels of the rating scales that can be loaded — the
  shipped ones (AKIP grades, capaian, IKM, LPPD and IDM labels, BPK opinions …) and the user's
  own (``$INDIKATOR_SCALES``), see :func:`indikator.scales.labels.categories` — plus any the
  caller passes.

It does not: convert units or multipliers (``Juta``, ``Miliar``), turn percentages into
fractions, read free text (``35 titik dan 1 kegiatan`` is unread), or guess.  Importing this
module does not import pandas or numpy; the column functions import them when called.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from indikator.core.errors import NumberFormatError
from indikator.core.i18n import t
from indikator.documents.units import canonical_unit

if TYPE_CHECKING:
    pass

__all__ = [
    "KINDS",
    "DecimalDecision",
    "Quantity",
    "SeparatorDecision",
    "decide",
    "printed_decimals",
    "read_number",
    "read_numbers",
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


RATIO_UNIT: Final = "rasio"

# Roles of one printed number.
_INT, _THOUSANDS, _DECIMAL, _AMBIGUOUS = 0, 1, 2, 3
_MISSING_DASH: Final = re.compile(r"[-–—‒―](?:\s?[-–—‒―])*")
_EXCEL_ERROR: Final = re.compile(r"#(?:DIV/0!|VALUE!|N/A|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)")
_NOT_AVAILABLE: Final = {"n/a", "na", "n.a", "n.a.", "nan", "none", "null"}
_TAG: Final = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
_WS: Final = re.compile(r"\s+")

# A printed number: optional sign, digits with separators and stray spaces, optional exponent.
_NUM: Final = r"(?:[-–—+]\s*)?(?:\d(?:[\d.,\s]*\d)?|[.,]\d+)(?:\s*[eE]\s*[-+]?\s*\d+)?"
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


def _split_fraction(num: str) -> bool:
    """Whether the digits after the last separator of printed *num* are broken by a space and
    are more than four: ``362,328 328`` is the PDF's ``362,328,328`` with a thousands mark lost
    at a line wrap (or two numbers), not 362.328328.  A short decimal broken by a stray space
    (``95,8 3``, ``3.46 00``) reads as printed."""
    fraction = re.split(r"[.,]", num)[-1].strip()
    return " " in fraction and sum(c.isdigit() for c in fraction) > 4


def _classify(num: str, text: str) -> _Num:
    """Classify one printed number (``_NUM`` match) by its separators; see the module rules."""
    s = re.sub(r"\s+", "", num)
    negative = s[:1] in "-–—" and s != ""
    if negative or s[:1] == "+":
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
    if count == 1 and _split_fraction(num):
        raise _bad("lost_separator", text)
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
    return canonical_unit(unit)


def _category(text: str, extra: frozenset[str]) -> str | None:
    """The canonical category *text* names: a code, alias or label of a scale that can be
    loaded (:func:`indikator.scales.labels.categories`: grades in capitals only, words in any
    case), or one of *extra* (the caller's)."""
    from indikator.scales.labels import GRADE, categories

    label = categories().find(text)
    if label is not None:
        return label
    for added in extra:
        if added == text or (not GRADE.fullmatch(added) and added.lower() == text.lower()):
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


def _footnote(s: str) -> tuple[str, str] | None:
    """(body, mark) of a cell ending in a footnote mark (``*``, ``**``, ``*)``, ``**)``), else
    None.  Scanned from the right without a regex: a run of asterisks costs linear time."""
    core = s[:-1] if s.endswith(")") else s
    body = core.rstrip("*")
    if body == core or not body.strip():
        return None
    return body.rstrip(), s[len(body):]


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
    footnote = _footnote(s)
    if footnote is not None:  # "85,5*", "85,5 **)": a footnote mark, kept as the note
        s, note = footnote
    accounting = _ACCOUNTING_RE.fullmatch(s)
    if accounting is None:
        noted = _NOTE_RE.fullmatch(s)
        if noted is not None:
            inner = noted.group("note").strip() or None
            s, note = noted.group("body"), (f"{inner} {note}" if inner and note else inner or note)
    label = _category(s, categories)
    if label is not None:
        return _Cell("category", category=label, note=note)
    if accounting is not None:
        num = _classify(accounting.group("num"), text)
        negated = _Num(True, num.digits, num.frac_len, num.sep, num.role, None, num.evidence)
        return _Cell("number", (negated,), unit="Rp" if accounting.group("cur") else None,
                     note=note)
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
    module docstring).  *categories* adds labels to those of the scales.  Raises
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


def read_numbers(
    texts: Sequence[str], *, categories: Iterable[str] = ()
) -> tuple[list[Quantity | NumberFormatError], DecimalDecision]:
    """Read a few cells together, as one column (each other's evidence for ``3.460``), without
    pandas: for the values of one command line, not for a table (see
    :func:`~indikator.documents.number_column.read_column`).  Returns each cell's quantity or
    error, and the decision."""
    extra = frozenset(categories)
    cells: list[_Cell | NumberFormatError] = []
    votes = [0, 0, 0, 0]
    for text in texts:
        try:
            cell = _parse_cell(text, extra)
        except NumberFormatError as problem:
            cells.append(problem)
            continue
        cells.append(cell)
        votes = [a + b for a, b in zip(votes, cell.evidence, strict=True)]
    ambiguous = sum(1 for c in cells if isinstance(c, _Cell) and c.ambiguous_marks)
    decision = decide(votes, ambiguous_cells=ambiguous)
    out: list[Quantity | NumberFormatError] = []
    for text, parsed in zip(texts, cells, strict=True):
        if isinstance(parsed, NumberFormatError):
            out.append(parsed)
            continue
        try:
            out.append(_finish(parsed, text, decision.dot.role, decision.comma.role))
        except NumberFormatError as problem:
            out.append(problem)
    return out, decision


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
