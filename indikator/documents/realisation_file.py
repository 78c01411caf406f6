"""A realisation table file made ready for :func:`indikator.documents.realisation.read_realisation`:
the sheet chosen, the period chosen, and the columns it does not compute with kept aside.

:func:`prepare` loads every sheet (:mod:`indikator.documents.sheets`), picks the table's sheet (or
``--sheet``), finds the header row, and reads the value columns' periods
(:mod:`indikator.documents.periods`), with the period labels of a row just above or below the
header (``2022`` merged over ``Target``, ``Realisasi``, ``Capaian``) added to those headers. When
the header holds value columns of several periods or years, the columns of the chosen period are
renamed to the plain ``Target``, ``Realisasi``, ``Capaian`` the table reader expects, and every
other value column is renamed so that the reader lists it among the ignored columns (``"(tidak
dipakai) Realisasi TW I"``) — never read as the target or the realisasi. An ambiguous table without
``periode`` is refused with the list of period columns
(:func:`indikator.documents.periods.choose`).

:meth:`PreparedTable.extras` gives, for the rows the reader kept, the columns the LKjIP report
shows beside the computed ones: ``sasaran`` (a cell merged over several indicators carried down),
``realisasi_lalu``/``tahun_lalu`` (previous year), ``target_akhir``/``tahun_akhir`` (end of the
Renstra) and ``predikat_tertulis`` (the printed predikat).  Every choice is in
:attr:`PreparedTable.notes`.  This module reads headers and moves no value between columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.i18n import Message
from indikator.documents.periods import PeriodChoice, PeriodColumn, choose, classify
from indikator.documents.sheets import Sheet, load_sheets, pick_sheet

__all__ = ["PreparedTable", "prepare"]

_SASARAN = re.compile(r"^\s*sasaran(\s+strategis)?(\s+\w+)?\s*$", re.IGNORECASE)
_UNUSED = {"id": "(tidak dipakai)"}
_HEADER_SEARCH = 20


@dataclass
class PreparedTable:
    """The chosen sheet's cells (header renamed for the chosen period) and what was chosen."""

    path: str
    sheet: Sheet
    frame: Any  # pandas.DataFrame of str, header cells renamed
    header_row: int  # 0-based
    choice: PeriodChoice | None
    sasaran_column: int | None = None
    notes: list[Message] = field(default_factory=list)

    def extras(self, rows: Any) -> Any:
        """The extra columns for the 1-based file *rows* the table reader kept (a DataFrame)."""
        import pandas as pd

        out = pd.DataFrame(index=range(len(rows)))
        choice = self.choice
        if self.sasaran_column is None and (choice is None or (
                choice.previous is None and choice.renstra_end is None
                and choice.predikat is None)):
            return out  # no extra column: no per-row work
        raw = self.sheet.frame
        index = [int(r) - 1 for r in rows]

        def column(position: int | None) -> list[Any]:
            if position is None:
                return [None] * len(index)
            return [_blank(raw.iat[i, position]) if 0 <= i < len(raw) else None for i in index]

        if self.sasaran_column is not None:
            out["sasaran"] = _carry_down(raw, self.sasaran_column, self.header_row, index)
        if choice is not None:
            for name, chosen, year_name in (("realisasi_lalu", choice.previous, "tahun_lalu"),
                                            ("target_akhir", choice.renstra_end, "tahun_akhir")):
                if chosen is not None:
                    out[name] = column(chosen.position)
                    out[year_name] = chosen.year
            if choice.predikat is not None:
                out["predikat_tertulis"] = column(choice.predikat.position)
        return out


def _blank(value: object) -> Any:
    text = "" if value is None else str(value).strip()
    return text or None


def _carry_down(raw: Any, position: int, header_row: int, index: list[int]) -> list[Any]:
    """The sasaran of each row: its own cell, else the nearest filled cell above it (a cell
    merged over the rows of its indicators leaves the rows below it empty)."""
    carried: list[Any] = []
    last: Any = None
    values = {}
    for row in range(header_row + 1, len(raw)):
        text = _blank(raw.iat[row, position])
        if text is not None:
            last = text
        values[row] = last
    for row in index:
        carried.append(values.get(row))
    return carried


def _header_row(frame: Any) -> int:
    """The first row naming a target and a realisation column (0 when none does)."""
    for row in range(min(len(frame), _HEADER_SEARCH)):
        cells = [str(v) for v in frame.iloc[row].tolist()]
        fields = {c.field for h in cells if h and (c := classify(h)) is not None}
        if {"target", "realisasi"} <= fields:
            return row
    return 0


def _rename(frame: Any, row: int, choice: PeriodChoice) -> list[str]:
    """Rename the header cells of *row* for *choice*; return the renamed originals."""
    from indikator.documents.columns import header_field

    year = f" {choice.year}" if choice.year is not None else ""  # kept: it fills ``tahun``
    chosen: dict[int, str] = {choice.target.position: f"Target{year}",
                              choice.realisasi.position: f"Realisasi{year}"}
    if choice.capaian is not None:
        chosen[choice.capaian.position] = f"Capaian{year}"
    unused: list[str] = []
    for column in choice.columns:
        original = str(frame.iat[row, column.position])
        if column.position in chosen:
            frame.iat[row, column.position] = chosen[column.position]
            continue
        label = f"{_UNUSED['id']} {original}"
        if header_field(label)[0] is not None:
            label = f"keterangan {label}"
        frame.iat[row, column.position] = label
        unused.append(original)
    return unused


def _period_label(text: str | None) -> bool:
    """Whether a cell next to the header is a period label (``2023``, ``Tahun 2023``,
    ``Triwulan I``, ``s.d. TW IV``, ``Semester II``) and nothing else."""
    if text is None or classify(text) is not None:
        return False  # empty, or a field of its own ("Realisasi 2023")
    read = classify(f"realisasi {text}")
    if read is None or (read.year is None and read.period == "tahunan"):
        return False
    rest = re.sub(r"(?i)tahun|triwulan|trw|tw|semester|smt|s\.?\s*d\.?|s/d|sd|[ivx]+|\d+|[\s.\-]",
                  "", text)
    return rest == ""


def _with_period_row(frame: Any, row: int, headers: list[str]) -> list[str]:
    """*headers* with the period labels of the row just above the header, else just below it,
    written after the value headers they stand over or under (``2022`` merged over
    ``Target``, ``Realisasi``, ``Capaian`` → ``Target 2022`` …).  A label above is a merged
    cell, read in its first column and carried right until the next label; a label below
    stands under its own column.  Only a row whose every filled cell is a period label counts;
    value headers that name their own year or period keep it."""
    for other in (row - 1, row + 1):
        if not 0 <= other < len(frame):
            continue
        cells = ["" if _blank(v) is None else str(v).strip() for v in frame.iloc[other].tolist()]
        if not any(cells) or not all(_period_label(text) for text in cells if text):
            continue
        out, label = list(headers), ""
        for position, header in enumerate(headers):
            label = cells[position] or (label if other < row else "")
            column = classify(header, position) if header else None
            if label and column is not None and column.year is None \
                    and column.period == "tahunan":
                out[position] = f"{header.strip()} {label}"
        return out
    return headers


def _needs_choice(columns: list[PeriodColumn]) -> bool:
    values = [c for c in columns if c.field in ("target", "realisasi", "capaian")]
    return len(values) != len({c.field for c in values}) or any(
        c.period not in ("tahunan",) for c in values)


def prepare(path: str | Path, sheet: str | None = None,
            periode: str | None = None) -> PreparedTable:
    """Load *path* and prepare its table (see the module docstring)."""
    sheets = load_sheets(path)
    chosen, notes = pick_sheet(sheets, sheet)
    frame = chosen.frame  # copied below before a header cell is renamed
    row = _header_row(frame)
    headers = [str(v) for v in frame.iloc[row].tolist()] if len(frame) else []
    merged = _with_period_row(frame, row, headers)
    if merged != headers:  # the reader sees the headers with their periods
        frame = frame.copy()
        for position, (before, after) in enumerate(zip(headers, merged, strict=True)):
            if before != after:
                frame.iat[row, position] = after
        notes.append(Message("periods.from_other_row", {}))
        headers = merged
    columns = [c for i, h in enumerate(headers) if h and (c := classify(h, i)) is not None]
    choice: PeriodChoice | None = None
    if columns and (_needs_choice(columns) or periode is not None):
        choice = choose(headers, periode, str(path))
        frame = frame.copy()
        _rename(frame, row, choice)
        notes.extend(choice.notes)
    sasaran = next((i for i, h in enumerate(headers) if _SASARAN.match(h)), None)
    return PreparedTable(str(path), chosen, frame, row, choice, sasaran, notes)


@dataclass
class ReadTable:
    """A realisation table read from a prepared file, its extras and the notes."""

    table: Any  # indikator.documents.realisation.RealisationTable
    prepared: PreparedTable
    extras: Any  # pandas.DataFrame, one row per table row

    @property
    def notes(self) -> list[Message]:
        return self.prepared.notes


def read_table(path: str | Path, sheet: str | None = None,
               periode: str | None = None) -> ReadTable:
    """:func:`prepare` the file, then read it with
    :func:`indikator.documents.realisation.read_realisation` (the prepared cells handed over as a
    frame, so row numbers stay those of the sheet)."""
    from indikator.documents.realisation import read_realisation

    prepared = prepare(path, sheet, periode)
    table = read_realisation(path, frame=prepared.frame)
    if table.ignored_columns:  # never dropped silently: "Realisasi Keuangan (Rp)" and the like
        prepared.notes.append(Message("periods.ignored_columns", {
            "columns": ", ".join(f"«{name}»" for name in table.ignored_columns)}))
    extras = prepared.extras(table.rows)
    prepared.frame = prepared.sheet.frame = None  # every cell of the sheet: read, not kept
    return ReadTable(table, prepared, extras)
