"""Period columns of realisation tables: what each one means, and which ones to compute with.

Monitoring sheets carry one value column per period: ``Realisasi TW I … TW IV``,
``Realisasi s.d. TW IV`` (cumulative), ``Target Tahunan 2024``, ``Target TW III``,
``Realisasi 2022`` (an earlier year), ``Target Akhir Renstra 2026``, ``Kondisi Awal 2021``,
``Capaian TW III``, ``Predikat``.  :func:`classify` reads one header cell into a
:class:`PeriodColumn` (field, period, quarter or semester number, year); :func:`choose` picks the
target, realisasi, printed capaian and printed predikat columns for the period the user asks for
(``--periode``), and the comparison columns (previous year's realisasi, Renstra end target).

Rules (never a silent pick):

* with one realisation period in the table, that period is used (unambiguous);
* with several (``TW I`` … ``TW IV`` and ``s.d. TW IV``), the user must say which: without
  ``periode`` :class:`~indikator.core.errors.TableError` ``periods.ambiguous`` lists every period
  column found, with its meaning;
* two target or two realisation columns of the same period and year (``Target`` twice under
  year cells merged above them that were not read, ``Target Renstra 2023`` beside
  ``Target PK 2023``) are refused (``periods.twins``), listing both: the first is never taken
  for the user;
* the target of a period is the target column of the same period; for the whole year (annual,
  ``s.d. TW IV``, ``s.d. Semester II``) the annual target (``Target Tahunan 2024``,
  ``Target 2024``, ``Target``); a quarter without its own target is refused
  (``periods.no_target``), never compared with the annual target;
* a printed capaian or predikat column without a period is taken to be that of the whole year
  when the chosen period is the whole year, or when the table has one period only; otherwise it
  is not audited, and that is said (a note);
* in a table of several years (``Target 2022`` … ``Realisasi 2023``) the latest target year is
  computed unless ``periode`` names another of its years; realisasi columns of years before
  the computed year are the previous years (the latest one is the comparison);
  ``Akhir Renstra`` / ``Akhir Periode`` / ``Kondisi Akhir`` targets are the end of the Renstra;
  ``Kondisi Awal`` / ``Baseline`` the start.  They are read, never computed with.

Every choice that is an inference is in :attr:`PeriodChoice.notes`.  This module reads header
texts only; it does not read values (``tables`` and ``numbers`` do).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from indikator.core.errors import TableError
from indikator.core.i18n import Message

__all__ = ["PeriodChoice", "PeriodColumn", "choose", "classify", "parse_periode"]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_CUMULATIVE = re.compile(r"\b(?:s\s*/?\s*d|sd|sampai\s+dengan|hingga|kumulatif)\b")
_QUARTER = re.compile(r"\b(?:tw|triwulan|trw|q)\s*[-.]?\s*(iv|iii|ii|i|[1-4])\b")
_SEMESTER = re.compile(r"\b(?:semester|smt|sem)\s*[-.]?\s*(ii|i|[12])\b")
_END = re.compile(r"\bakhir\s+(?:renstra|periode|rpjmd|tahun\s+renstra)|\bkondisi\s+akhir"
                  r"|\btarget\s+akhir\b")
_START = re.compile(r"\bkondisi\s+awal|\bbaseline|\bdata\s+dasar|\btahun\s+dasar")
_FIELDS = (
    ("predikat", re.compile(r"\b(?:predikat|kategori|kriteria|status\s+capaian)\b")),
    ("capaian", re.compile(r"\bcapaian\b|^%$|^\(%\)$")),
    ("realisasi", re.compile(r"\brealisasi\b|\bkondisi\b|\bcapaian\s+kinerja\b")),
    ("target", re.compile(r"\btarget\b|\brencana\b|\bsasaran\s+kinerja\b")),
)
#: periods that cover the whole year
WHOLE_YEAR = frozenset({"tahunan", "sd_tw4", "sd_semester2"})


@dataclass(frozen=True)
class PeriodColumn:
    """One value column: its position, header text, field and period.

    ``period`` is ``tahunan`` (annual or no period written), ``tw`` / ``sd_tw`` (a quarter, or
    cumulative to it: ``number`` 1–4), ``semester`` / ``sd_semester`` (``number`` 1–2),
    ``akhir_renstra`` or ``awal``; ``year`` is the year written, if any."""

    position: int
    header: str
    field: str
    period: str
    number: int | None = None
    year: int | None = None

    @property
    def key(self) -> str:
        """``tw3``, ``sd_tw4``, ``semester1``, ``tahunan``, ``akhir_renstra``, ``awal``."""
        return self.period + ("" if self.number is None else str(self.number))

    def meaning(self, lang: str | None = None) -> str:
        """What the column holds, in words (``realisasi s.d. triwulan IV 2024``)."""
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}.get(self.number or 0, "")
        period = Message(f"periods.period_{self.period}", {"n": roman}).render(lang)
        field_name = Message(f"periods.field_{self.field}").render(lang)
        year = "" if self.year is None else f" {self.year}"
        return f"{field_name} {period}{year}".replace("  ", " ").strip()


def classify(header: str, position: int = 0) -> PeriodColumn | None:
    """The value column a header cell names, or None (indikator, satuan, … or unknown)."""
    text = re.sub(r"\s+", " ", str(header)).strip().casefold()
    text = text.replace("s.d.", "sd ").replace("s/d", "sd ").replace("s.d", "sd ")
    text = re.sub(r"\s+", " ", text)
    if not text:
        return None
    years = _YEAR.findall(text)
    year = int(years[-1]) if years else None
    if _START.search(text):  # "Kondisi Awal 2021", "Baseline": what was, not a target
        return PeriodColumn(position, str(header), "realisasi", "awal", None, year)
    field_name = next((name for name, pattern in _FIELDS if pattern.search(text)), None)
    if _END.search(text):  # "Target Akhir Renstra", "Kondisi Akhir": the end target
        if field_name in (None, "target", "realisasi") and "realisasi" not in text:
            field_name = "target"
        return PeriodColumn(position, str(header), field_name or "target", "akhir_renstra",
                            None, year)
    if field_name is None:
        return None
    if field_name == "realisasi" and "realisasi" not in text:
        return None  # "Kondisi …" alone is no realisation column
    cumulative = bool(_CUMULATIVE.search(text))
    quarter = _QUARTER.search(text)
    semester = _SEMESTER.search(text)
    if quarter:
        return PeriodColumn(position, str(header), field_name, "sd_tw" if cumulative else "tw",
                            _ROMAN[quarter.group(1)], year)
    if semester:
        return PeriodColumn(position, str(header), field_name,
                            "sd_semester" if cumulative else "semester",
                            _ROMAN[semester.group(1)], year)
    return PeriodColumn(position, str(header), field_name, "tahunan", None, year)


def parse_periode(text: str) -> tuple[str, int | None]:
    """The period key (``tw3``, ``sd_tw4``, ``tahunan`` …) and year a ``--periode`` value
    names: ``"TW III"``, ``tw3``, ``"s.d. TW IV"``, ``sd-tw4``, ``tahunan``, ``2024``,
    ``"s.d. TW IV 2024"``.  Raises ``periods.bad_periode`` for anything else."""
    raw = str(text).strip()
    cleaned = re.sub(r"[-_]", " ", raw.casefold())
    cleaned = re.sub(r"(tw|triwulan|semester)(?=[1-4])", r"\1 ", cleaned)
    year_only = _YEAR.fullmatch(cleaned.strip())
    if year_only:
        return "tahunan", int(year_only.group(1))
    if cleaned.strip() in ("tahunan", "tahun", "annual", "year", "setahun"):
        return "tahunan", None
    found = classify("realisasi " + cleaned)
    if found is None or (found.period == "tahunan" and found.year is None):
        raise TableError("periods.bad_periode", periode=raw)
    return found.key, found.year


@dataclass
class PeriodChoice:
    """The columns chosen for one period (positions into the header) and why."""

    period: str
    target: PeriodColumn
    realisasi: PeriodColumn
    capaian: PeriodColumn | None = None
    predikat: PeriodColumn | None = None
    previous: PeriodColumn | None = None
    renstra_end: PeriodColumn | None = None
    year: int | None = None
    columns: list[PeriodColumn] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    def label(self, lang: str | None = None) -> str:
        return self.realisasi.meaning(lang)


class _Listing:
    """The period columns found, rendered late: «header» = meaning; … (with *where*, each
    column's place too: two columns may carry the same header)."""

    def __init__(self, columns: Sequence[PeriodColumn], where: bool = False) -> None:
        self.columns = list(columns)
        self.where = where

    def render(self, lang: str | None = None) -> str:
        if not self.columns:
            return "-"
        return "; ".join(
            f"«{c.header}»"
            + (f" ({Message('periods.column_at', {'n': c.position + 1}).render(lang)})"
               if self.where else "")
            + f" = {c.meaning(lang)}" for c in self.columns)


def _listing_message(columns: Sequence[PeriodColumn], where: bool = False) -> _Listing:
    return _Listing(columns, where)


class _Meaning:
    """A column's meaning rendered late, in the message's language."""

    def __init__(self, column: PeriodColumn) -> None:
        self.column = column

    def render(self, lang: str | None = None) -> str:
        return self.column.meaning(lang)


def _same_period(column: PeriodColumn, key: str) -> bool:
    if column.key == key:
        return True
    if key.startswith("sd_tw") and column.period == "tw" and key.endswith("1"):
        return column.number == 1  # s.d. TW I is TW I
    return key in WHOLE_YEAR and column.key in WHOLE_YEAR


def choose(headers: Sequence[str], periode: str | None = None, path: str = "") -> PeriodChoice:
    """The columns to compute with (see the module docstring).  *headers* are the header texts
    in column order; raises :class:`TableError` when the period is ambiguous or missing."""
    columns = [c for i, h in enumerate(headers) if h and (c := classify(h, i)) is not None]
    targets = [c for c in columns if c.field == "target" and c.period not in ("akhir_renstra",)]
    actuals = [c for c in columns if c.field == "realisasi" and c.period != "awal"]
    target_years = {c.year for c in targets if c.year is not None}
    this_year = max(target_years) if target_years else None
    asked = parse_periode(periode)[1] if periode is not None else None
    if asked is not None and asked in target_years:  # an earlier year of a multi-year table
        this_year = asked
    previous = [c for c in actuals if c.year is not None and this_year is not None
                and c.year < this_year and c.period == "tahunan"]
    current = [c for c in actuals if c not in previous and c.period != "akhir_renstra"
               and (c.year is None or this_year is None or c.year <= this_year)]
    notes: list[Message] = []
    keys = list(dict.fromkeys(c.key for c in current))
    if periode is None:
        if len(keys) != 1:
            raise TableError("periods.ambiguous", path=path,
                             columns=_listing_message(columns))
        key = keys[0]
    else:
        key, asked_year = parse_periode(periode)
        if asked_year is not None and this_year is not None and asked_year != this_year:
            raise TableError("periods.no_period", path=path, periode=periode,
                             columns=_listing_message(columns))
    realisasi = next((c for c in current if c.key == key), None)
    if realisasi is None and key in WHOLE_YEAR:
        realisasi = next((c for c in current if c.key in WHOLE_YEAR), None)
    if realisasi is None:
        raise TableError("periods.no_period", path=path, periode=periode or key,
                         columns=_listing_message(columns))
    year = realisasi.year or this_year

    def same_year_first(found: list[PeriodColumn]) -> PeriodColumn | None:
        dated = [c for c in found if c.year is not None and c.year == year]
        pool = dated or found
        return pool[0] if pool else None

    target = same_year_first([c for c in targets if c.key == key])
    if target is None and (key in WHOLE_YEAR or len(keys) == 1):
        target = same_year_first([c for c in targets if c.key in WHOLE_YEAR])
    if target is None and len(targets) == 1 and len(keys) == 1:
        target = targets[0]
    if target is None:
        raise TableError("periods.no_target", path=path, column=realisasi.header,
                         columns=_listing_message(columns))
    for chosen, pool in ((realisasi, current), (target, targets)):
        twins = [c for c in pool if c.key == chosen.key and c.year == chosen.year]
        if len(twins) > 1:  # two columns of one period: which one the table means is unknown
            raise TableError("periods.twins", path=path,
                             columns=_listing_message(twins, where=True))
    whole = key in WHOLE_YEAR or realisasi.key in WHOLE_YEAR
    choice = PeriodChoice(key, target, realisasi, year=this_year or realisasi.year,
                          columns=columns, notes=notes)
    for name in ("capaian", "predikat"):
        printed = [c for c in columns if c.field == name]
        exact = [c for c in printed if _same_period(c, realisasi.key) and c.period != "tahunan"]
        bare = [c for c in printed if c.period == "tahunan" and c.year in (None, year)]
        bare.sort(key=lambda c: c.year is None)  # the same year's column first
        if exact:
            setattr(choice, name, exact[0])
        elif bare and (whole or len(keys) == 1):
            setattr(choice, name, bare[0])
            if len(keys) > 1:
                notes.append(Message("periods.printed_assumed",
                                     {"header": bare[0].header, "period": _Meaning(realisasi)}))
        elif bare:
            notes.append(Message("periods.printed_not_audited",
                                 {"header": bare[0].header, "period": _Meaning(realisasi)}))
    if previous:
        choice.previous = max(previous, key=lambda c: c.year or 0)
    ends = [c for c in columns if c.period == "akhir_renstra" and c.field == "target"]
    if ends:
        choice.renstra_end = ends[0]
    notes.insert(0, Message("periods.chosen", {
        "realisasi": realisasi.header, "target": target.header,
        "capaian": choice.capaian.header if choice.capaian else "-"}))
    return choice
