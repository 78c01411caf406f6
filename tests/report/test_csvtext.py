"""The block writer (report.csvtext via csvsafe.write_csv) writes the same bytes as the cell-by-cell
writer it replaced: pandas ``to_csv`` after ``neutralise`` of every text cell, with the floats of
``target`` / ``realisasi`` given a decimal comma first (issue 11's write phase)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.report import csvtext
from indikator.report.csvsafe import neutralise, write_csv

MIXED = ("target", "realisasi")


def _old_comma(value: Any) -> Any:
    if isinstance(value, float):
        return repr(float(value)).replace(".", ",") if value == value else None
    return value


def _old_writer(frame: pd.DataFrame, path: Path, columns: list[str] | None = None) -> bytes:
    """The writer before the block writer, kept here as the reference."""
    frame = frame[columns or list(frame.columns)].copy()
    for name in MIXED:
        if name in frame and frame[name].dtype == object:
            frame[name] = frame[name].map(_old_comma)
    safe = frame.copy()
    for name in safe.columns:
        column = safe[name]
        if column.dtype == object or str(column.dtype) in ("string", "str"):
            safe[name] = column.map(neutralise).astype(object)
    safe.columns = [neutralise(str(name)) for name in safe.columns]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        safe.to_csv(handle, sep=";", decimal=",", index=False)
    return path.read_bytes()


TRICKY_FLOATS = [float("nan"), -0.0, 0.0, 1e20, -1e20, 1e16, 9999999999999998.0, 1e-5, 5e-324,
                 -2.5, 61.25, 61.0, 100.0, 1 / 3, float("inf"), float("-inf"), 0.1 + 0.2,
                 -1.5e-05, 123456789.125, 2.0**53]
TRICKY_TEXTS = [None, "", "=1+1", "+62 812", "-5,2", "-5.2", "-x", "@SUM(1)", "\t=1", "\r=1",
                "＝1", "a;b", 'say "hi"', "two\nlines", "cr\rhere", "  spaced  ", "naik",
                "Indikator kinerja nomor 1", "-", "'quoted", "100 %", "ñandú", "-1,5E-05",
                "=HYPERLINK(\"x\";\"y\")"]


def _tricky_frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    floats = np.array(TRICKY_FLOATS)[rng.integers(0, len(TRICKY_FLOATS), rows)]
    texts = np.array(TRICKY_TEXTS, dtype=object)[rng.integers(0, len(TRICKY_TEXTS), rows)]
    mixed = np.where(rng.random(rows) < 0.5, floats.astype(object), texts).astype(object)
    mixed[rng.random(rows) < 0.05] = np.float64(7.25)  # numpy floats among them
    ints = pd.array(rng.integers(-3, 2030, rows), dtype="Int64")
    ints[rng.random(rows) < 0.2] = pd.NA
    met = pd.array(rng.random(rows) < 0.5, dtype="boolean")
    met[rng.random(rows) < 0.3] = pd.NA
    odd = np.array([3, 2.5, True, None, "x", float("nan"), -0.0, -7], dtype=object)
    return pd.DataFrame({
        "indikator": texts,
        "tahun": ints,
        "target": mixed,
        "realisasi": mixed[::-1].copy(),
        "capaian": floats,
        "kategori": pd.array(texts, dtype="str").astype(object),
        "baris": np.arange(2, rows + 2),
        "tercapai": met,
        "ok": rng.random(rows) < 0.5,
        "selisih_tingkat": np.full(rows, np.nan),
        "lain": odd[rng.integers(0, odd.size, rows)],
        "=rumus": np.round(rng.uniform(-200, 200, rows), 2),
        "teks": pd.array(texts, dtype="string"),
    })


def _new_writer(frame: pd.DataFrame, path: Path, columns: list[str] | None = None) -> bytes:
    write_csv(frame, path, mixed=MIXED, columns=columns)
    return path.read_bytes()


def test_block_writer_matches_cell_by_cell_writer(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(csvtext, "BLOCK", 97)  # several blocks, a short last one
    frame = _tricky_frame(1000)
    assert csvtext.supported(frame, ",", list(frame.columns))
    expected = _old_writer(frame, tmp_path / "old.csv")
    assert _new_writer(frame, tmp_path / "new.csv") == expected
    assert b"'=1+1" in expected and b";-5,2;" in expected and b"'-inf" in expected


def test_chosen_columns_and_empty_frame(tmp_path: Path) -> None:
    frame = _tricky_frame(50)
    chosen = ["capaian", "indikator", "target"]
    assert (_new_writer(frame, tmp_path / "new.csv", chosen)
            == _old_writer(frame, tmp_path / "old.csv", chosen))
    empty = frame.iloc[:0]
    assert _new_writer(empty, tmp_path / "e1.csv") == _old_writer(empty, tmp_path / "e2.csv")


def test_one_column_and_unknown_dtypes_go_to_pandas(tmp_path: Path) -> None:
    frame = pd.DataFrame({"pesan": [None, "=x", "a"],
                          "when": pd.to_datetime(["2024-01-01", None, "2024-02-03"]),
                          "k": pd.Categorical(["a", "b", "a"])})
    assert not csvtext.supported(frame, ",", list(frame.columns))
    assert (_new_writer(frame, tmp_path / "n.csv", ["pesan"])
            == _old_writer(frame, tmp_path / "o.csv", ["pesan"]))
    assert _new_writer(frame, tmp_path / "n2.csv") == _old_writer(frame, tmp_path / "o2.csv")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=30),
       st.lists(st.text(max_size=6) | st.none(), min_size=1, max_size=30))
def test_any_floats_and_texts(tmp_path_factory: Any, numbers: list[float],
                              words: list[str | None]) -> None:
    rows = max(len(numbers), len(words))
    numbers = (numbers * rows)[:rows]
    words = (words * rows)[:rows]
    mixed = [n if i % 2 else w for i, (n, w) in enumerate(zip(numbers, words, strict=True))]
    frame = pd.DataFrame({"capaian": np.array(numbers, dtype=np.float64),
                          "pesan": np.array(words, dtype=object),
                          "target": np.array(mixed, dtype=object)})
    folder = tmp_path_factory.mktemp("csv")
    assert _new_writer(frame, folder / "n.csv") == _old_writer(frame, folder / "o.csv")
