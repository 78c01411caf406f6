"""Headline tables (Tabel 7.1): indicator, baseline, actual and target per year, end of period.

A row is placed by its indicator name (the text cell nearest the header's indicator column);
years are actual or target by the group label printed above them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from indikator.core.errors import NumberFormatError
from indikator.documents.cells import (
    CONNECTOR_END,
    SMALL_INT,
    UNIT_WORDS,
    clean_cell,
    looks_like_quantity,
    push_context,
    read_cells,
    unread_number,
    year_of,
)
from indikator.documents.results import HeadlineRow, Reading, Table, Unread
from indikator.documents.segment import BASELINE, Header, years_row


def _headline_years(header: Header) -> dict[int, int]:
    """Column → year for a headline table: the header row with the most years, plus years
    printed in other header rows (``Kondisi Awal 2020`` above a row of target years), plus
    a baseline column without a year (``Kondisi Awal`` just before the first year: the year
    before it)."""
    years_at = years_row(header)
    if not years_at:
        return years_at
    for _, cells in header.rows:
        for i, c in enumerate(cells):
            year = year_of(c)
            if year is not None and i not in years_at and year not in years_at.values():
                years_at[i] = year
    first = min(years_at)
    baseline = header.find(r"\bawal\b|tahun dasar|\bbaseline\b")
    if baseline is not None and baseline < first and baseline not in years_at:
        earliest = min(years_at.values())
        if earliest - 1 not in years_at.values():
            years_at[baseline] = earliest - 1
    return dict(sorted(years_at.items()))


def _year_kinds(header: Header, years_at: Mapping[int, int], title: str = ""
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
            if near and year_of(near) is None and re.search(
                    r"target|capaian|realisasi|kondisi|awal|rencana", near):
                label = near
                break
        if label:
            kinds[year] = "target" if re.search(r"target|rencana", label) else "actual"
        elif only_targets and not BASELINE.search(header.columns.get(index, "")):
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
        if i < first_value + 2 and not looks_like_quantity(c) and not SMALL_INT.match(c)
        and not (unit_col is not None and UNIT_WORDS.match(c) and len(c.split()) <= 2)
    ]
    if not candidates:
        return None
    if indicator_col is None:
        return candidates[-1]
    return min(candidates, key=lambda i: (abs(i - indicator_col), -i))


def read_headline_table(
    table: Table, header: Header, body: Sequence[tuple[int, list[str]]]
) -> None:
    """Read the rows of a headline table: group labels, wrapped names, and per indicator row
    its context, satuan, yearly values, end of period, unit kerja and other columns."""
    years_at = _headline_years(header)
    if not years_at:  # a header that only mentions years in long text: nothing to map
        for line, raw in body:
            for col, cell in enumerate(raw, start=1):
                if clean_cell(cell):
                    table.unread.append(Unread(line, col, clean_cell(cell), "tables.no_years",
                                               {"line": table.start_line}))
        return
    layout = _HeadlineLayout.of(header, years_at, table.title)
    group: list[str] = []
    for line, raw in body:
        cells = [clean_cell(c) for c in raw]
        filled = [(i, c) for i, c in enumerate(cells) if c]
        if not filled:
            continue
        if len(filled) == 1 and not looks_like_quantity(filled[0][1]) \
                and not SMALL_INT.match(filled[0][1]) and filled[0][0] < layout.first_value:
            text = filled[0][1]
            last = table.rows[-1] if table.rows else None
            if last is not None and (text[:1].islower() or CONNECTOR_END.search(last.indicator)):
                last.indicator = f"{last.indicator} {text}"  # a wrapped indicator name
            else:
                group = push_context(group, text)  # a group label ("Fokus …", a sasaran)
            table.cells_read += 1
            continue
        name_index = _headline_name(filled, layout.indicator, layout.unit, layout.first_value)
        if name_index is None:
            for i, c in filled:
                table.unread.append(Unread(line, i + 1, c, "tables.no_indicator"))
            continue
        table.rows.append(_headline_row(table, layout, line, cells, filled, name_index, group))


@dataclass(frozen=True)
class _HeadlineLayout:
    """The header's columns of a headline table (0-based; rows may be shifted from them)."""

    header: Header
    years_at: Mapping[int, int]  # column → year
    kinds: Mapping[int, str]  # year → "actual" | "target"
    before: int | None  # end of period before / after the revision
    after: int | None
    indicator: int | None
    unit: int | None
    responsible: int | None

    @property
    def first_value(self) -> int:
        return min(self.years_at)

    @classmethod
    def of(cls, header: Header, years_at: Mapping[int, int], title: str) -> _HeadlineLayout:
        before = header.find(r"sebelum")
        after = header.find(r"setelah")
        if before is None and after is None:
            # one end-of-period column ("Kondisi kinerja pada akhir periode")
            end = header.find(r"akhir")
            after = end if end is not None and end not in years_at else None
        return cls(header, years_at, _year_kinds(header, years_at, title), before, after,
                   header.find(r"indikator"), header.find(r"satuan"),
                   header.find(r"jawab|penanggung|pernanggung"))


def _headline_row(
    table: Table, layout: _HeadlineLayout, line: int, cells: Sequence[str],
    filled: Sequence[tuple[int, str]], name_index: int, group: Sequence[str],
) -> HeadlineRow:
    """One indicator row, its cells placed relative to the name's shift from the header."""
    shift = name_index - layout.indicator if layout.indicator is not None else 0
    row = HeadlineRow(cells[name_index], line)
    used = {name_index}
    table.cells_read += 1
    # cells left of the name are context, except those in a value column (read below)
    value_at = {c + shift for c in layout.years_at} | {
        c + shift for c in (layout.before, layout.after) if c is not None}
    before_name = [(i, c) for i, c in filled if i < name_index and i not in value_at]
    context = [c for _, c in before_name if not SMALL_INT.match(c)]
    table.cells_read += len(before_name)
    used.update(i for i, _ in before_name)
    row.context = tuple(dict.fromkeys([*group, *context]))
    unit = _cell_at(cells, layout.unit, shift, used)
    if unit is not None:
        row.unit = unit
        table.cells_read += 1
    _headline_values(table, layout, row, line, cells, shift, used)
    responsible = _cell_at(cells, layout.responsible, shift, used)
    if responsible is not None:
        row.responsible = responsible
        table.cells_read += 1
    for i, c in filled:
        if i in used:
            continue
        label = layout.header.columns.get(i - shift, "")
        if label and i - shift not in layout.years_at and not looks_like_quantity(c):
            row.notes[label] = c  # a column such as "Keterangan" or "Sumber data"
            table.cells_read += 1
        else:
            table.unread.append(Unread(line, i + 1, c, "tables.misplaced_cell"))
    return row


def _cell_at(cells: Sequence[str], column: int | None, shift: int, used: set[int]) -> str | None:
    """The filled, not yet used cell at the header's *column* shifted by *shift* (marked used)."""
    if column is None or not 0 <= column + shift < len(cells):
        return None
    text = cells[column + shift]
    if not text or column + shift in used:
        return None
    used.add(column + shift)
    return text


def _headline_values(
    table: Table, layout: _HeadlineLayout, row: HeadlineRow, line: int, cells: Sequence[str],
    shift: int, used: set[int],
) -> None:
    """The yearly values and the end-of-period pair, read as one series (so the number reader
    settles ambiguous separators from the row's other cells)."""
    value_cols = sorted(layout.years_at)
    series_cols = [c + shift for c in value_cols]
    texts = [cells[c] if 0 <= c < len(cells) else "" for c in series_cols]
    extra_cols = [(c, label) for c, label in ((layout.before, "sebelum"),
                                              (layout.after, "setelah")) if c is not None]
    for col, _ in extra_cols:
        series_cols.append(col + shift)
        texts.append(cells[col + shift] if 0 <= col + shift < len(cells) else "")
    present = [k for k, text in enumerate(texts) if text and series_cols[k] not in used]
    results = read_cells([texts[k] for k in present])
    for k, result in zip(present, results, strict=True):
        col = series_cols[k]
        used.add(col)
        if isinstance(result, NumberFormatError):
            table.unread.append(unread_number(line, col + 1, texts[k], result))
            continue
        reading = Reading(line, col + 1, texts[k], result)
        table.cells_read += 1
        if k < len(value_cols):
            year = layout.years_at[value_cols[k]]
            row.values[year] = reading
            row.kinds[year] = layout.kinds[year]
        elif extra_cols[k - len(value_cols)][1] == "sebelum":
            row.end_before = reading
        else:
            row.end_after = reading
