"""The streaming path of ``compute --engine duckdb``: a file whose rows look alike is written
in one guarded pass; a row past the sample that differs (a number only the reader decides, a
space around a cell, a new direction word, a message, a formula-like name) makes the engine
check the file and write it again — the bytes and the summary are the numpy engine's either
way."""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.cli.app import main
from indikator.sql.engine import compute_duckdb
from indikator.sql.stream import SAMPLE_ROWS

ROWS = SAMPLE_ROWS + 500


def _table(path: Path, tail: str) -> Path:
    lines = ["indikator;tahun;arah;target;realisasi"]
    for i in range(ROWS):
        arah = "turun" if i % 5 == 0 else "naik"
        lines.append(f"Indikator nomor {i % 300};{2019 + i % 5};{arah};{1 + i % 97},{i % 100:02d};"
                     f"{i % 120},{(i * 7) % 100:02d}")
    lines.append(tail)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _same_output(tmp_path: Path, table: Path, capsys: pytest.CaptureFixture[str],
                 *options: str) -> None:
    printed = {}
    for engine in ("numpy", "duckdb"):
        out = tmp_path / f"{engine}.csv"
        assert main(["compute", "--engine", engine, *options, "--out", str(out),
                     str(table)]) == 0
        printed[engine] = capsys.readouterr().out.replace(str(out), "OUT")
    assert (tmp_path / "duckdb.csv").read_bytes() == (tmp_path / "numpy.csv").read_bytes()
    assert printed["duckdb"] == printed["numpy"]


@pytest.mark.parametrize("tail", [
    "Indikator nomor 7;2021;naik;12,5;11,25",  # like the others: the guarded pass holds
    "Indikator nomor 7;2021;naik;3.460;2.000",  # decided by the reader, from the column
    "Indikator nomor 7;2021;naik; 12,5 ;11",  # spaces around a cell
    "Indikator nomor 7;2021;menurun;12,5;11",  # a direction word the sample did not have
    "Indikator nomor 7;2021;naik;0;11",  # target 0: a message and no capaian
    "=HYPERLINK(1);2021;naik;12,5;11",  # formula-like name, neutralised
    "Jumlah;;;100;90",  # a total row
    "Indikator nomor 7;2031;naik;12,5;11",  # a year the sample did not have
    "Indikator nomor 7\x1c;2021;naik;12,5;11",  # a control character Python's strip removes
    "Indikator\x0bnomor 7;2021;naik;12,5;11",  # a control character inside a name
    "Indikator nomor 7;2021;naik\x1f;12,5;11",  # … after a direction word
])
def test_rows_past_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              tail: str) -> None:
    _same_output(tmp_path, _table(tmp_path / "t.csv", tail), capsys)


def test_chosen_columns_and_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;3.460;2.000")
    _same_output(tmp_path, table, capsys, "--columns", "indikator,baris,target,capaian")
    out = tmp_path / "d.parquet"
    assert main(["compute", "--engine", "duckdb", "--out", str(out), str(table)]) == 0
    import duckdb

    with duckdb.connect() as connection:
        rows = connection.execute("SELECT count(*), max(baris) FROM read_parquet(?)",
                                  [str(out)]).fetchall()[0]
    assert rows == (ROWS + 1, ROWS + 2)


def test_plain_file_is_streamed(tmp_path: Path) -> None:
    """No table of the rows: the results are a query over the file, summary from the write."""
    result = compute_duckdb(_table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;1;1"))
    assert result.plan is not None and result.counts is None
    assert result.write(tmp_path / "o.csv")
    assert result.summary()["rows"] == ROWS + 1 and result.plan is None
    assert "read_csv" in result.relation


def test_a_row_unlike_the_sample_sends_the_file_the_general_way(tmp_path: Path) -> None:
    result = compute_duckdb(_table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;3.460;1"))
    assert result.plan is not None  # the sample saw nothing unusual
    assert result.write(tmp_path / "o.csv")
    assert result.plan is None and result.rows_numpy == 1 and result.relation == "hasil"
