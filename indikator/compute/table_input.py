"""The pipeline's input: a realisation table or a DataFrame of raw cells, as numpy columns with
the value columns read (:mod:`indikator.documents.numbers`).

Finds the columns of a DataFrame and reads its numbers; computes nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from indikator.compute.arrays import BoolArray, ObjectArray, _blank, _strings

if TYPE_CHECKING:
    import pandas as pd

    from indikator.documents.realisation import RealisationTable

@dataclass
class _Input:
    """The table's columns as numpy arrays, with its value columns read."""

    n: int
    text: dict[str, ObjectArray]  # raw cells of the recognised columns
    readings: dict[str, Any]  # name -> number_column.ColumnReading
    rows: NDArray[np.int64]  # 1-based row of each data row in the file
    unread: list[Any]
    headings: BoolArray  # title / sub-header / total rows: kept, not computed
    heading_text: ObjectArray
    filled: BoolArray  # indikator taken from the row above (a merged cell)
    evidence: dict[str, Any] = field(default_factory=dict)  # evidence.SiblingChoice by column


def _from_table(table: RealisationTable) -> _Input:
    frame = table.frame
    text = {name: frame[name].to_numpy(dtype=object) for name in frame.columns}
    n = len(frame)
    headings = (np.zeros(n, dtype=bool) if table.headings is None
                else np.asarray(table.headings, dtype=bool))
    heading_text = (np.full(n, "", dtype=object) if table.heading_text is None
                    else np.asarray(table.heading_text, dtype=object))
    filled = (np.zeros(n, dtype=bool) if table.filled is None
              else np.asarray(table.filled, dtype=bool))
    return _Input(n, text, dict(table.readings), np.asarray(table.rows, dtype=np.int64),
                  list(table.unread), headings, heading_text, filled, dict(table.evidence))


def _from_frame(frame: pd.DataFrame, timings: dict[str, float]) -> _Input:
    """A DataFrame of raw cells: find the columns, read the value columns."""
    from indikator.core.errors import TableError
    from indikator.documents.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, canonical_column
    from indikator.documents.evidence import apply_sibling_evidence
    from indikator.documents.number_column import read_series
    from indikator.documents.results import Unread

    names = {canonical_column(c): c for c in reversed(list(frame.columns))}
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise TableError("tables.missing_columns", path="<DataFrame>", missing=", ".join(missing),
                         found=", ".join(str(c) for c in frame.columns) or "-")
    start = time.perf_counter()
    n = len(frame)
    rows = np.arange(2, n + 2, dtype=np.int64)  # as in a file whose row 1 is the header
    text: dict[str, ObjectArray] = {}
    readings: dict[str, Any] = {}
    unread: list[Any] = []
    for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
        if name not in names:
            continue
        column = frame[names[name]].reset_index(drop=True)
        text[name] = column.to_numpy(dtype=object)
        if name in ("target", "realisasi", "capaian"):
            readings[name] = read_series(column)
    evidence = apply_sibling_evidence(
        {name: frame[names[name]].reset_index(drop=True) for name in readings}, readings)
    for name, reading in readings.items():
        for cell in reading.unread:
            unread.append(Unread(int(rows[cell.position]), name, cell.text,
                                 "tables.unreadable_number", {}, cell.error))
    unread.sort(key=lambda u: (u.line, str(u.column)))
    timings["numbers"] = time.perf_counter() - start
    headings = _blank(text["target"]) & _blank(text["realisasi"])
    heading_text = np.where(headings, _strings(text["indikator"]), "").astype(object)
    return _Input(n, text, readings, rows, unread, headings, heading_text,
                  np.zeros(n, dtype=bool), evidence)
