"""Programme tables (Tabel 6.1 / 6.2): code, programme, indicator, satuan, baseline, target
and Rp per year, end of period, unit kerja.

Each row is aligned to the header's slots (:mod:`indikator.documents.align`); an end-of-period
pair that slid into the last year is recognised by its Rp being the sum of the years'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from indikator.core.errors import NumberFormatError
from indikator.core.i18n import Message
from indikator.documents.align import (
    CODE_CELL,
    MONEY_CELL,
    QTY_CELL,
    Slot,
    align,
    align_cost,
    cell_type,
)
from indikator.documents.cells import (
    TOTAL,
    clean_cell,
    looks_like_money,
    push_context,
    read_cell,
    unread_number,
)
from indikator.documents.results import ProgrammeRow, Reading, Table, Unread
from indikator.documents.segment import BASELINE, Block, Header, years_row

MONEY_SLOTS = ("rp", "end_rp", "end_before_rp")
TEXT_SLOTS = ("urusan", "tujuan", "sasaran", "kode", "program", "indikator")


@dataclass(frozen=True)
class ProgrammeSchema:
    slots: tuple[Slot, ...]
    years: tuple[int, ...]
    scaled_money: bool = False  # Rp printed in thousands or millions ("Rp (juta)")
    notes: tuple[Message, ...] = ()  # what was inferred from the header (years, code columns)


_RELATIVE_YEAR = re.compile(r"\b(?:tahun|th|thn)\s*(?:ke)?\s*[-–]?\s*([1-9])\b",
                            re.IGNORECASE)


def _plan_without_years(header: Header) -> tuple[list[int], list[Message]]:
    """Planning years when the header prints none: ``Tahun-1 … Tahun-5`` counted from the
    baseline year when one is printed (``Kondisi Awal 2018`` → Tahun-1 = 2019), else the
    years are the positions 1, 2, 3 … (no calendar year is invented); without such labels, one
    year per ``Target`` column before the end of period.  Always said (a note)."""
    relative = sorted({int(m.group(1)) for text in header.first.values()
                       for m in _RELATIVE_YEAR.finditer(text)})
    baseline_year = None
    for text in header.columns.values():
        if BASELINE.search(text):
            found = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
            if found:
                baseline_year = int(found.group(1))
    if not relative:
        count = sum(1 for text in header.columns.values()
                    if re.search(r"\btarget\b", text) and not re.search(r"akhir", text))
        if count == 0:
            return [], [Message("tables.no_plan_years")]
        relative = list(range(1, count + 1))
    if baseline_year is not None:
        plan = [baseline_year + k for k in relative]
        return plan, [Message("tables.relative_years", {
            "first": plan[0], "last": plan[-1], "baseline": baseline_year,
            "count": len(plan)})]
    return relative, [Message("tables.years_unknown", {"count": len(relative)})]


def _code_columns(header: Header, kode: int | None) -> list[int]:
    """The columns of a ``Kode`` header cell that spans several columns: it and the columns
    right of it that have no header text of their own."""
    if kode is None:
        return []
    columns = [kode]
    nxt = kode + 1
    while nxt not in header.columns and nxt < kode + 4 and any(
            len(cells) > nxt for _, cells in header.rows):
        columns.append(nxt)
        nxt += 1
    return columns


def programme_schema(header: Header) -> ProgrammeSchema:
    # the planning years: the longest run of consecutive years in the header's year row
    # (the baseline year sits in another header row, or is not printed at all)
    # a year under a baseline label ("Data capaian pada tahun awal", "Tahun dasar") is the
    # baseline's, even when printed in the same row as the planning years
    years = sorted({year for col, year in years_row(header).items()
                    if not BASELINE.search(header.columns.get(col, ""))})
    plan: list[int] = []
    run: list[int] = []
    for year in years:
        run = [*run, year] if run and year == run[-1] + 1 else [year]
        if len(run) > len(plan):
            plan = run
    notes: list[Message] = []
    if not plan:
        plan, notes = _plan_without_years(header)
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
    slots: list[Slot] = []
    for name in ("urusan", "tujuan", "sasaran", "kode", "program", "indikator", "satuan"):
        pos = positions[name]
        slots.append(Slot(name, pos if pos is not None else defaults[name]))
    code_parts = _code_columns(header, positions["kode"])
    if len(code_parts) > 1:  # "Kode" printed over several columns: each holds one part
        slots = [s for s in slots if s.name != "kode"]
        slots.extend(Slot("kode_part", c) for c in code_parts)
        notes.append(Message("tables.code_columns", {"count": len(code_parts)}))
    base = satuan + 1
    slots.append(Slot("baseline", base, min(plan) - 1))
    for k, year in enumerate(plan):
        slots.append(Slot("target", base + 1 + 2 * k, year))
        slots.append(Slot("rp", base + 2 + 2 * k, year))
    end = base + 1 + 2 * len(plan)
    if header.find(r"sebelum") is not None and header.find(r"setelah") is not None:
        # end of period before and after the Renstra's revision, as in Tabel 7.1
        slots.append(Slot("end_before_target", end))
        slots.append(Slot("end_before_rp", end + 1))
        end += 2
    slots.append(Slot("end_target", end))
    slots.append(Slot("end_rp", end + 1))
    slots.append(Slot("unit_kerja", end + 2))
    slots.sort(key=lambda s: s.position)
    scaled = bool(re.search(
        r"\b(?:ribu|ribuan|juta|jutaan|miliar|milyar)\b|\(\s*000\s*\)|\brp\.?\s*\(?000\b",
        header.text()))
    return ProgrammeSchema(tuple(slots), tuple(plan), scaled, tuple(notes))


def read_programme_table(
    table: Table, body: Sequence[tuple[int, list[str]]], schema: ProgrammeSchema
) -> None:
    """Read the rows of a programme table: each row aligned to the schema's slots; wrapped text
    joined to the row above; total rows read as totals."""
    table.inferred.extend(n for n in schema.notes if n not in table.inferred)
    state = _Programme(table, schema)
    for line, raw in body:
        cells = [(i, clean_cell(c)) for i, c in enumerate(raw)]
        filled = [(i, c, cell_type(c)) for i, c in cells if c]
        if not filled:
            continue
        if TOTAL.match(filled[0][1]):
            _read_total(table, line, filled)
            continue
        has_values = any(k in (MONEY_CELL, QTY_CELL, CODE_CELL) for _, _, k in filled)
        if not has_values and state.last is not None and len(filled) <= 3:
            state.continue_row(line, filled)  # text that continues the previous row
            continue
        state.read_row(line, filled)


class _Programme:
    """What a programme table carries from row to row: the context (urusan, tujuan, sasaran),
    the current programme and code, and the last indicator row."""

    def __init__(self, table: Table, schema: ProgrammeSchema) -> None:
        self.table, self.schema = table, schema
        self.context: list[str] = []
        self.last: ProgrammeRow | None = None
        self.programme = ""
        self.code = ""

    def continue_row(self, line: int, filled: Sequence[tuple[int, str, str]]) -> None:
        """A wrapped cell: its text goes to the field of the slot it aligns with."""
        last = self.last
        assert last is not None
        assigned = align(filled, self.schema.slots)
        for (_pos, text, _), slot_index in zip(filled, assigned, strict=True):
            name = self.schema.slots[slot_index].name if slot_index is not None else "indikator"
            if name == "program" and last.programme:
                last.programme = f"{last.programme} {text}"
            elif name in ("urusan", "tujuan", "sasaran"):
                self.context = push_context(self.context, text)
            elif name == "unit_kerja":
                last.responsible = f"{last.responsible} {text}".strip()
            else:
                last.indicator = f"{last.indicator} {text}"
            self.table.cells_read += 1
        last.lines.append(line)

    def read_row(self, line: int, filled: Sequence[tuple[int, str, str]]) -> None:
        table, slots = self.table, self.schema.slots
        assigned = align(filled, slots)
        by_slot: dict[int, tuple[int, str]] = {}
        for (pos, text, _), slot_index in zip(filled, assigned, strict=True):
            if slot_index is None:
                table.unread.append(Unread(line, pos + 1, text, "tables.misplaced_cell"))
            else:
                by_slot[slot_index] = (pos, text)
        names = {slots[s].name: s for s in by_slot}
        if "indikator" not in names:
            # a row shifted left: its last text cell before the values is the indicator
            for key in ("program", "sasaran", "tujuan", "urusan"):
                if key in names and any(slots[s].name not in TEXT_SLOTS for s in by_slot):
                    names["indikator"] = names.pop(key)
                    break
        self._take_context(names, by_slot)
        if "indikator" not in names:
            for slot_index, (pos, text) in by_slot.items():
                if slots[slot_index].name in ("urusan", "tujuan", "sasaran", "kode", "kode_part",
                                              "program"):
                    continue
                table.unread.append(Unread(line, pos + 1, text, "tables.no_indicator"))
            return
        row = ProgrammeRow(by_slot[names["indikator"]][1], line, code=self.code,
                           programme=self.programme, context=tuple(self.context), lines=[line])
        table.cells_read += 1
        for slot_index, (pos, text) in sorted(by_slot.items()):
            _read_slot(table, self.schema, row, slots[slot_index], line, pos, text)
        _move_total_to_end(row)
        table.rows.append(row)
        self.last = row

    def _take_context(self, names: dict[str, int], by_slot: dict[int, tuple[int, str]]) -> None:
        """Context, code and programme cells of a row: remembered for the rows below."""
        for key in ("urusan", "tujuan", "sasaran"):
            if key in names:
                self.context = push_context(self.context, by_slot[names[key]][1])
                self.table.cells_read += 1
        if "kode" in names:
            self.code = by_slot[names["kode"]][1].replace(" ", "")
            self.table.cells_read += 1
        parts = [text for s, (_, text) in sorted(by_slot.items())
                 if self.schema.slots[s].name == "kode_part"]
        if parts:  # "01 | 2,09" → 01.2.09: a spreadsheet shows "2.09" with a decimal comma
            self.code = ".".join(p.replace(" ", "").replace(",", ".") for p in parts)
            self.table.cells_read += len(parts)
        if "program" in names:
            self.programme = by_slot[names["program"]][1]
            self.table.cells_read += 1


def _read_slot(
    table: Table, schema: ProgrammeSchema, row: ProgrammeRow, slot: Slot, line: int, pos: int,
    text: str,
) -> None:
    """One cell of an indicator row into its field: satuan, unit kerja, or a value (a number
    in a target column, an amount of Rupiah in an Rp column; anything else reported)."""
    if slot.name in ("urusan", "tujuan", "sasaran", "kode", "kode_part", "program",
                     "indikator"):
        return
    if slot.name == "satuan":
        row.unit = text
        table.cells_read += 1
        return
    if slot.name == "unit_kerja":
        row.responsible = text
        table.cells_read += 1
        return
    try:
        quantity = read_cell(text)
    except NumberFormatError as exc:
        table.unread.append(unread_number(line, pos + 1, text, exc, _field_label(slot)))
        return
    reading = Reading(line, pos + 1, text, quantity)
    is_money = slot.name in MONEY_SLOTS
    if not is_money and looks_like_money(text):
        # an amount of Rupiah where a target belongs: a shifted row, not a target
        table.unread.append(Unread(line, pos + 1, text, "tables.money_in_target",
                                   {"field": _field_label(slot)}))
        return
    if is_money and (
        quantity.kind not in ("number", "missing")
        or (quantity.unit or "Rp") not in ("Rp", "rp")
        # a bare small number among amounts of Rupiah: a target in the wrong column
        or (not schema.scaled_money and quantity.kind == "number"
            and 0 < abs(quantity.value or 0) < 1000)
    ):
        table.unread.append(Unread(line, pos + 1, text, "tables.expected_money",
                                   {"field": _field_label(slot)}))
        return
    table.cells_read += 1
    _store(row, slot, reading)


def _store(row: ProgrammeRow, slot: Slot, reading: Reading) -> None:
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


def _field_label(slot: Slot) -> str:
    """The column as the document names it (``Target 2021``, ``Rp 2022``, ``Rp akhir``)."""
    label = _FIELD_LABELS.get(slot.name, slot.name)
    if slot.year is not None and slot.name in ("target", "rp"):
        return f"{label} {slot.year}"
    return label


def _read_total(table: Table, line: int, filled: Sequence[tuple[int, str, str]]) -> None:
    table.cells_read += 1
    for index, (pos, text, _) in enumerate(filled[1:], start=1):
        try:
            quantity = read_cell(text)
        except NumberFormatError as exc:
            table.unread.append(unread_number(line, pos + 1, text, exc, "total"))
            continue
        table.totals[f"{line}:{index}"] = Reading(line, pos + 1, text, quantity)
        table.cells_read += 1


def best_schema(block: Block, schemas: Sequence[ProgrammeSchema]) -> ProgrammeSchema | None:
    """For rows without a heading (a table continued from an earlier page): the programme
    schema of this document that its first rows fit best."""
    best: tuple[float, ProgrammeSchema] | None = None
    for schema in schemas:
        total = 0.0
        for _, raw in block.rows[:40]:
            cells = [(i, c, cell_type(c)) for i, c in ((i, clean_cell(r)) for i, r in
                                                        enumerate(raw)) if c]
            if cells:
                total += align_cost(cells, schema.slots)[0]
        if best is None or total < best[0]:
            best = (total, schema)
    return best[1] if best else None
