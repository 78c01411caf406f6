"""Formula tables (Tabel 6.3): indikator, satuan, rumus, penjelasan and context per row.

A row is anchored on its formula cell and the other columns are read at the header's offsets
from it; lines that carry on a cell are joined to it.  Does not judge the formulas.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from indikator.documents.cells import (
    CONNECTOR_END,
    NUMBERING,
    UNIT_WORDS,
    clean_cell,
    has_formula_wording,
    looks_like_formula,
    looks_like_unit,
    push_context,
)
from indikator.documents.results import FormulaRow, Table, Unread
from indikator.documents.segment import METHOD_WORDS, Header


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


def formula_layout(header: Header) -> _FormulaLayout:
    rumus = header.find(r"rumus|formula|" + METHOD_WORDS)
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


def read_formula_table(table: Table, body: Sequence[tuple[int, list[str]]], layout: _FormulaLayout
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
                and all(NUMBERING.match(c) or last_cols.get(i) in ("explanation", "note")
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
                context = push_context(context, filled[0][1])
                table.cells_read += 1
                continue
            # an indicator without satuan and formula: context cells are read, the indicator
            # is reported so that no row disappears
            *ctx, (col, name) = filled
            for _, text in ctx:
                if not NUMBERING.match(text):
                    context = push_context(context, text)
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
            if cells[i] and not NUMBERING.match(cells[i]):
                context = push_context(context, cells[i])
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
    if not cells[f] or not cells[i] or NUMBERING.match(cells[i]) or cells[i][:1].islower():
        return None
    if layout.unit is not None and _is_unit_word(cells[f]):
        # a satuan where the formula belongs: the row is shifted, unless the header's satuan
        # cell holds a satuan too
        u = f + layout.unit
        if not (0 <= u < len(cells) and _is_unit_word(cells[u])):
            return None
    return f


def _is_unit_word(text: str) -> bool:
    return bool(UNIT_WORDS.match(text)) and len(text.split()) <= 2


def _formula_by_unit(cells: Sequence[str], layout: _FormulaLayout) -> int | None:
    """Without an operator anywhere, the formula column from the satuan cell (a short unit
    word) and the layout; the Tabel 6.3 order also allows right alignment."""
    if layout.unit is not None:
        for i, c in enumerate(cells):
            if c and UNIT_WORDS.match(c) and len(c.split()) <= 2:
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
            text[:1].islower() or CONNECTOR_END.search(last.indicator)
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
        if cells[i] and has_formula_wording(cells[i]):
            return i
    return None
