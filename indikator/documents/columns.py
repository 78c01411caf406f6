"""The columns of a realisation table: which field a header cell names, and which column of
each field is read.

:func:`header_field` matches the synonyms published LKjIP / e-SAKIP tables use ("Indikator
Kinerja Utama", "Target 2023", "% Capaian", "Polaritas" …); :func:`direction_word` reads an
``arah`` cell.  Reads no files and no values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indikator.capaian.direction import direction_names, header_words
from indikator.capaian.direction import direction_word as _direction_word
from indikator.documents.cells import SPACE

REQUIRED_COLUMNS: tuple[str, ...] = ("indikator", "target", "realisasi")
OPTIONAL_COLUMNS: tuple[str, ...] = ("tahun", "satuan", "arah", "skala", "capaian", "kode")
VALUE_COLUMNS: tuple[str, ...] = ("target", "realisasi", "capaian")


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
BUDGET_WORDS = frozenset({"anggaran", "pagu", "keuangan", "rp", "rupiah", "dana", "biaya"})
"""Header words of budget columns ("Realisasi Anggaran", "Target Keuangan (Rp)"): the money
beside an indicator, never its target or realisasi (:mod:`indikator.documents.periods` too)."""
_NOT_THIS_TABLE = BUDGET_WORDS | {"akhir", "renstra", "rpjmd", "rpjm", "menengah"}
_REALISED_PERIOD = frozenset({"s", "d", "sd", "sampai", "dengan", "triwulan", "tw", "semester",
                              "i", "ii", "iii", "iv", "bulan", "desember", "kumulatif"})
_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HEADER_PUNCT = re.compile(r"[^\w%]+")


def header_field(name: object) -> tuple[str | None, int | None]:
    """The realisation-table field a header cell names (``None`` if none) and the year written
    in it (``"Target 2023"`` → ``("target", 2023)``); the rules are in the table above."""
    raw = SPACE.sub(" ", str(name)).strip().casefold()
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
    if bag & header_words() and "kebijakan" not in bag:
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
    found = _direction_word(text)
    if found is None:
        return None
    higher, lower = direction_names()
    return lower if found else higher


def canonical_column(name: object) -> str:
    """A column name folded for matching: the field it names (:func:`header_field`), else
    the name in lower case with single spaces."""
    key = SPACE.sub(" ", str(name)).strip().casefold()
    found, _ = header_field(key)
    return found or key


def header_fields(texts: Sequence[str]) -> list[tuple[str | None, int | None]]:
    return [header_field(c) for c in texts]


def two_row_header(upper: Sequence[str], lower: Sequence[str]) -> list[str]:
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


def choose_columns(
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
