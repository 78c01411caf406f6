"""The aligner of programme-table rows: cells (in order) to the header's column slots.

A small dynamic programme that keeps the cells' order, prefers each cell's own column (trying
whole-row shifts) and only puts a cell where its shape fits.  Knows nothing of what the slots
mean beyond the fit table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indikator.documents.cells import (
    NAME_STARTERS,
    looks_like_code,
    looks_like_money,
    looks_like_quantity,
    looks_like_unit,
)

TEXT_CELL, CODE_CELL, MONEY_CELL, QTY_CELL, UNIT_CELL = "text", "code", "money", "qty", "unit"


@dataclass(frozen=True)
class Slot:
    name: str  # urusan, tujuan, sasaran, kode, program, indikator, satuan, baseline,
    # target, rp, end_target, end_rp, unit_kerja
    position: int
    year: int | None = None


def cell_type(text: str) -> str:
    if looks_like_code(text):
        return CODE_CELL
    if looks_like_money(text):
        return MONEY_CELL
    if looks_like_quantity(text):
        return QTY_CELL
    if looks_like_unit(text):
        return UNIT_CELL
    return TEXT_CELL


_INF = 10_000.0
_SKIP_CELL = 9.0
_SKIP_CODE = 30.0  # a code is almost never noise: shift the row rather than drop it

# cost of putting a cell of a type into a slot (missing = not allowed)
_FIT: dict[str, dict[str, float]] = {
    "urusan": {TEXT_CELL: 0, UNIT_CELL: 0.5},
    "tujuan": {TEXT_CELL: 0, UNIT_CELL: 0.5},
    "sasaran": {TEXT_CELL: 0, UNIT_CELL: 0.5},
    "kode": {CODE_CELL: 0},
    # one part of a code spread over several columns ("01 | 2,09 | 02"): a small number too
    "kode_part": {CODE_CELL: 0, QTY_CELL: 0.5},
    "program": {TEXT_CELL: 0, UNIT_CELL: 0.5, CODE_CELL: 3},
    "indikator": {TEXT_CELL: 0, UNIT_CELL: 3, QTY_CELL: 5},
    "satuan": {UNIT_CELL: 0, TEXT_CELL: 1.5, QTY_CELL: 2.5},
    "baseline": {QTY_CELL: 0, UNIT_CELL: 2.5, TEXT_CELL: 1.5, MONEY_CELL: 3},
    "target": {QTY_CELL: 0, UNIT_CELL: 2.5, TEXT_CELL: 1.5, MONEY_CELL: 4},
    "end_target": {QTY_CELL: 0, UNIT_CELL: 2.5, TEXT_CELL: 1.5, MONEY_CELL: 4},
    "end_before_target": {QTY_CELL: 0, UNIT_CELL: 2.5, TEXT_CELL: 1.5, MONEY_CELL: 4},
    "end_before_rp": {MONEY_CELL: 0, QTY_CELL: 2},
    "rp": {MONEY_CELL: 0, QTY_CELL: 2},
    "end_rp": {MONEY_CELL: 0, QTY_CELL: 2},
    "unit_kerja": {TEXT_CELL: 0, UNIT_CELL: 0.5},
}


def align(cells: Sequence[tuple[int, str, str]], slots: Sequence[Slot]) -> list[int | None]:
    """Order-preserving assignment of cells (position, text, type) to slots, or None.

    Cost: distance between the cell's column and the slot's, plus how badly the cell's shape
    fits the slot; a cell left out costs :data:`_SKIP_CELL`.  Whole rows shifted left or right
    (a common extraction fault) are tried as offsets of up to three columns.  Dynamic
    programme over (cells, slots), O(offsets × cells × slots).
    """
    return align_cost(cells, slots)[1]


def align_cost(
    cells: Sequence[tuple[int, str, str]], slots: Sequence[Slot]
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
    cells: Sequence[tuple[int, str, str]], slots: Sequence[Slot], offset: int
) -> tuple[float, list[int | None]]:
    n, m = len(cells), len(slots)
    cost = [[_INF] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, int | None]]] = [[(0, 0, None)] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        cost[0][j] = 0.0
    for i in range(1, n + 1):
        pos, _, kind = cells[i - 1]
        skip_cost = _SKIP_CODE if kind == CODE_CELL else _SKIP_CELL
        cost[i][0] = cost[i - 1][0] + skip_cost
        move[i][0] = (i - 1, 0, None)
        for j in range(1, m + 1):
            best = cost[i][j - 1]
            step: tuple[int, int, int | None] = (i, j - 1, None)
            skip = cost[i - 1][j] + skip_cost
            if skip < best:
                best, step = skip, (i - 1, j, None)
            fit = _FIT[slots[j - 1].name].get(kind)
            if fit is not None and kind == TEXT_CELL and slots[j - 1].name == "satuan" \
                    and NAME_STARTERS.match(cells[i - 1][1]):
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
