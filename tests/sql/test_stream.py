"""The streaming path of ``compute --engine duckdb``: a file whose rows look alike is written
in one guarded pass; a row past the sample that differs (a number only the reader decides, a
space around a cell, a new direction word, a message, a formula-like name) makes the engine
check the file and write it again — the bytes and the summary are the numpy engine's either
way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.cli.app import main
from indikator.sql.engine import compute_duckdb
from indikator.sql.stream import SAMPLE_ROWS

ROWS = SAMPLE_ROWS + 500


def _table(path: Path, tail: str) -> Path:
    lines = ["indikator;tahun;arah;target;realisasi"]
    for i in range(ROWS):
        arah = "turun" if i % 5 == 0 else "naik"
        # targets from 20: every capaian under 1000 % (a larger one carries a message)
        lines.append(f"Indikator nomor {i % 300};{2019 + i % 5};{arah};{20 + i % 78},"
                     f"{i % 100:02d};{i % 120},{(i * 7) % 100:02d}")
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
    "Indikator nomor 7;2021;naik;1;50",  # 5000 %: a message the sample's rows did not have
    "=HYPERLINK(1);2021;naik;12,5;11",  # formula-like name, neutralised
    "Jumlah;;;100;90",  # a total row
    "Indikator nomor 7;2031;naik;12,5;11",  # a year the sample did not have
    "Indikator nomor 7\x1c;2021;naik;12,5;11",  # a control character Python's strip removes
    "Indikator\x0bnomor 7;2021;naik;12,5;11",  # a control character inside a name
    "Indikator nomor 7;2021;naik\x1f;12,5;11",  # … after a direction word
    # a space or other blank at an edge of each field in turn (the guarded pass reads the
    # cells untrimmed: it must refuse every one a trim would change)
    " Indikator nomor 7;2021;naik;12,5;11",
    "Indikator nomor 7 ;2021;naik;12,5;11",
    "\tIndikator nomor 7;2021;naik;12,5;11",
    "Indikator nomor 7\u00a0;2021;naik;12,5;11",
    "Indikator nomor 7;2021 ;naik;12,5;11",
    "Indikator nomor 7; 2021;naik;12,5;11",
    "Indikator nomor 7;2021; naik;12,5;11",
    "Indikator nomor 7;2021;naik ;12,5;11",
    "Indikator nomor 7;2021;naik;12,5; 11",
    "Indikator nomor 7;2021;naik;12,5;11 ",
    "Indikator nomor 7;2021;naik;12,5\t;11",
    "Indikator nomor é;2021;naik;12,5;11",  # not ASCII
])
@pytest.mark.parametrize("columns", ["", "indikator,tahun,arah,target,realisasi,capaian,kategori"])
def test_rows_past_the_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              tail: str, columns: str) -> None:
    """Every result column, and a choice without ``baris`` (its rows are not numbered)."""
    options = ("--columns", columns) if columns else ()
    _same_output(tmp_path, _table(tmp_path / "t.csv", tail), capsys, *options)


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


@pytest.mark.parametrize("tail", ["Indikator nomor 7;2021;naik;1;50",  # 5000 %: a message
                                  "Indikator nomor 7;2021;naik;0;11"])  # no capaian, a reason
def test_the_summary_of_a_guarded_write_counts_a_row_the_sample_did_not_foresee(
        tmp_path: Path, tail: str) -> None:
    from indikator.compute.pipeline import compute, summary_counts
    from indikator.documents.realisation import read_realisation

    table = _table(tmp_path / "t.csv", tail)
    result = compute_duckdb(table)
    assert result.plan is not None and result.plan.speculation == {
        "computed": True, "rated": True, "with_message": False}
    assert result.write(tmp_path / "o.csv")
    expected = summary_counts(compute(read_realisation(table)).results)
    assert result.summary() == {key: expected[key] for key in result.summary()}


def test_plain_file_is_streamed(tmp_path: Path) -> None:
    """No table of the rows: the results are a query over the file, summary from the write."""
    result = compute_duckdb(_table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;1;1"))
    assert result.plan is not None and result.counts is None
    assert result.write(tmp_path / "o.csv")
    assert result.summary()["rows"] == ROWS + 1 and result.plan is None
    assert "read_csv" in result.relation


def test_a_numbered_write_runs_on_one_thread_then_gives_them_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``baris`` is numbered by a window that serialises the scan: the write runs on one
    thread (less memory, no slower), the connection's threads are restored after it; a
    user's choice of threads is left alone."""
    from indikator.sql import results

    seen: list[str] = []
    original = results.DuckResult._copy

    def spy(self: results.DuckResult, *args: object, **kwargs: object) -> int:
        assert self.connection is not None
        seen.append(str(self.connection.execute("SELECT current_setting('threads')"
                                                ).fetchall()[0][0]))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(results.DuckResult, "_copy", spy)
    monkeypatch.delenv(results.THREADS_VARIABLE, raising=False)
    table = _table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;1;1")
    for columns, expected in ((None, "1"), (["indikator", "capaian"], None)):
        result = compute_duckdb(table)
        assert result.connection is not None
        before = str(result.connection.execute("SELECT current_setting('threads')"
                                               ).fetchall()[0][0])
        seen.clear()
        assert result.write(tmp_path / "o.csv", columns)
        assert seen[-1] == (expected or before)
        after = result.connection.execute("SELECT current_setting('threads')").fetchall()
        assert str(after[0][0]) == before
    # a row past the sample with a new direction word: the file is checked, then written
    # from the checked relation, whose rows are numbered too
    checked = _table(tmp_path / "c.csv", "Indikator nomor 7;2021;menurun;12,5;11")
    result = compute_duckdb(checked)
    seen.clear()
    assert result.write(tmp_path / "o.csv") and result.relation != "hasil"
    assert seen[-1] == "1"
    monkeypatch.setenv(results.THREADS_VARIABLE, "2")
    result = compute_duckdb(table)
    seen.clear()
    assert result.write(tmp_path / "o.csv")
    assert seen[-1] == "2"


def test_a_row_unlike_the_sample_sends_the_file_the_general_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """… scanning the file for control characters once, and closing the streamed file's
    connection when the general path takes over."""
    import duckdb

    from indikator.sql import engine

    scans: list[Path] = []
    original = engine._has_controls
    monkeypatch.setattr(engine, "_has_controls", lambda p: scans.append(p) or original(p))
    result = compute_duckdb(_table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;3.460;1"))
    assert result.plan is not None  # the sample saw nothing unusual
    streamed = result.connection
    assert streamed is not None
    assert result.write(tmp_path / "o.csv")
    assert result.plan is None and result.rows_numpy == 1 and result.relation == "hasil"
    assert len(scans) == 1
    with pytest.raises(duckdb.ConnectionException):
        streamed.execute("SELECT 1")


# --------------------------------------------------------------------------- thousands dots


def _grouped_table(path: Path, every: int, cells: list[tuple[str, str]]) -> Path:
    """:func:`_table` with the target and realisasi of every *every*-th row (and the last
    rows) taken in turn from *cells*; *every* 0: only the last rows."""
    lines = ["indikator;tahun;arah;target;realisasi"]
    for i in range(ROWS):
        arah = "turun" if i % 5 == 0 else "naik"
        target, actual = f"{20 + i % 78},{i % 100:02d}", f"{i % 120},{(i * 7) % 100:02d}"
        if every and i % every == 0:
            target, actual = cells[(i // every) % len(cells)]
        lines.append(f"Indikator nomor {i % 300};{2019 + i % 5};{arah};{target};{actual}")
    lines += [f"Indikator nomor 7;2021;naik;{t};{r}" for t, r in cells]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GROUPED = [("1.800.085,25", "1.750.000"), ("1.800,5", "2.000.000,0001"),
           ("-1.234.567,89", "1.000.000"), ("999.999.999.999.999", "12.345.678,9"),
           ("1.000.000", "0")]


@pytest.mark.parametrize("every", [0, 7])
def test_thousands_dots_read_one_way_are_streamed(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  every: int) -> None:
    """``1.800.085,25`` and ``1.800.085`` past the sample (and in it): the numpy bytes, in one
    streamed pass."""
    table = _grouped_table(tmp_path / "t.csv", every, GROUPED)
    _same_output(tmp_path, table, capsys)
    _same_output(tmp_path, table, capsys, "--columns", "target,realisasi,capaian,"
                 "desimal_target,desimal_realisasi,pesan")
    result = compute_duckdb(table)
    if not every:  # the sample is alike: a single guarded pass
        assert result.plan is not None and result.counts is None
    assert result.write(tmp_path / "o.csv")
    assert result.rows_numpy == 0 and "read_csv" in result.relation
    assert result.summary()["rows"] == ROWS + len(GROUPED)


@pytest.mark.parametrize("cells", [
    [("1.800.085,25", "3.460")],  # one dot group: the column decides
    [("1.800.085,250", "12")],  # three digits after the comma: the column decides
    [("1.000.000.000.000.000", "12")],  # 16 digits
    [("1.800,085,25", "12")],  # mixed marks
    [("1,800,085", "12")],  # comma groups
    [("01.800.085", "12"), ("1.800.08", "1")],  # not thousands groups
])
def test_other_dotted_numbers_leave_the_stream(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               cells: list[tuple[str, str]]) -> None:
    table = _grouped_table(tmp_path / "t.csv", 0, [*GROUPED, *cells])
    _same_output(tmp_path, table, capsys)
    result = compute_duckdb(table)
    assert result.write(tmp_path / "o.csv")
    assert result.relation == "hasil" or result.fallback is not None


_NUMBER_TEXT = st.lists(st.sampled_from("0123456789.,-"), min_size=1, max_size=22).map("".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.one_of(_NUMBER_TEXT, st.sampled_from(
    [t for pair in GROUPED for t in pair] + ["1.800.085,250", "3.460", "0.5"])), min_size=1,
    max_size=40))
def test_grouped_numbers_read_as_the_reader_does(texts: list[str]) -> None:
    """A cell the streaming path's number SQL takes as plain reads as the reference reader
    reads it whatever the column's evidence (no ``decimal=``, either mark, among cells that
    say the opposite), with the decimals it prints."""
    import duckdb

    from indikator.documents.numbers import printed_decimals, read_number, read_numbers
    from indikator.sql.rowsql import number_sql

    plain, value, frac = number_sql("target", grouped=True)
    with duckdb.connect() as connection:
        rows = connection.execute(
            f"SELECT target_t, target_kind, {value}, {frac} FROM (SELECT *, {plain} AS "
            "target_kind FROM (SELECT unnest(?::VARCHAR[]) AS target_t))", [texts]).fetchall()
    for text, kind, number, places in rows:
        if not kind:
            continue
        readings = {read_number(text, decimal=d).value for d in (None, ",", ".")}
        for others in (["3,460", "1,5"], ["3.460", "1.5"], ["1,000,000"], ["1.000.000,5"]):
            readings.add(read_numbers([text, *others])[0][0].value)  # type: ignore[union-attr]
        assert readings == {number}, text
        assert printed_decimals(text, number) == places, text


def test_the_streaming_path_imports_neither_numpy_nor_pandas(tmp_path: Path) -> None:
    """Importing numpy costs 0.2 s of the engine's start, pandas more: a plain file is read,
    computed, rated and written without either (the modules it needs keep it so)."""
    import subprocess
    import sys

    table = _table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;12,5;11")
    code = ("import sys; from pathlib import Path; "
            "from indikator.sql.engine import compute_duckdb; "
            f"r = compute_duckdb(Path({str(table)!r})); "
            f"assert r.write(Path({str(tmp_path / 'o.csv')!r})) and r.summary()['rows']; "
            "assert 'numpy' not in sys.modules and 'pandas' not in sys.modules, "
            "sorted(m for m in sys.modules if m.split('.')[0] in ('numpy', 'pandas'))[:3]")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _numpy(path: Path) -> object:
    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    return compute(read_realisation(path))


@pytest.mark.parametrize("tail", [
    "Indikator nomor 7;2021;naik;12,5,3;1",  # an unread cell: the general path, numpy rows
    "Indikator nomor 7\x1c;2021;naik;12,5;11",  # a control character: numpy, the whole file
])
def test_a_streamed_file_found_not_plain_becomes_the_general_result_whole(
        tmp_path: Path, tail: str) -> None:
    """Every field of the result is the general path's once settled: its rows, the cells it
    could not read, its counts, the numpy result it fell back to — and nothing streamed is
    left (no plan to guard a write, no general path to run again)."""
    from indikator.compute.pipeline import summary_counts

    table = _table(tmp_path / "t.csv", tail)
    result = compute_duckdb(table)
    assert result.plan is not None  # the sample saw nothing unusual
    numpy = _numpy(table)
    frame = result.computation().results
    assert frame.equals(numpy.results)  # type: ignore[attr-defined]
    assert [(u.line, u.column) for u in result.unread] == [
        (u.line, u.column) for u in numpy.unread]  # type: ignore[attr-defined]
    assert result.summary() == summary_counts(numpy.results)  # type: ignore[attr-defined]
    assert result.plan is None and result.general is None
    if "\x1c" in tail:
        assert result.fallback is not None and result.connection is None
        assert result.rows_numpy == ROWS + 1
    else:
        assert result.fallback is None and result.relation == "hasil"
        assert (result.rows_sql, result.rows_numpy) == (ROWS, 1)
        assert result.unread


def test_a_streamed_parquet_file_found_not_plain(tmp_path: Path) -> None:
    """Parquet input is converted to a CSV the streamed result keeps; a row past the sample
    that is not plain sends it the general way, which reads that CSV again."""
    import duckdb

    table = _table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;3.460;2.000")
    parquet = tmp_path / "t.parquet"
    with duckdb.connect() as connection:
        connection.execute("COPY (SELECT * FROM read_csv(?, delim = ';', header = true, "
                           "all_varchar = true)) TO ? (FORMAT parquet)",
                           [str(table), str(parquet)]).fetchall()
    result = compute_duckdb(parquet)
    assert result.plan is not None and result.keep is not None
    assert result.write(tmp_path / "duck.csv")
    assert result.relation == "hasil" and result.rows_numpy == 1
    assert main(["compute", "--engine", "numpy", "--out", str(tmp_path / "numpy.csv"),
                 str(table)]) == 0
    assert (tmp_path / "duck.csv").read_bytes() == (tmp_path / "numpy.csv").read_bytes()


@pytest.mark.parametrize("columns", ["", "indikator,capaian"])
def test_a_byte_that_is_not_utf8_past_the_head(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               columns: str) -> None:
    """A Windows-1252 ``é`` far past the first 64 KB: numpy reads the file as Windows-1252 (and
    says so); the DuckDB engine gave an internal error (its reader stopped at the byte)."""
    table = _table(tmp_path / "t.csv", "Indikator nomor 7;2021;naik;12,5;11")
    with table.open("ab") as handle:
        handle.write("Indikator caf\u00e9;2021;naik;12,5;11\n".encode("cp1252"))
    options = ("--columns", columns) if columns else ()
    _same_output(tmp_path, table, capsys, *options)
    assert compute_duckdb(table).fallback is not None


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=40) | st.text(max_size=20).map(lambda s: s.encode()),
       chunk=st.integers(1, 9))
def test_utf8_is_judged_across_chunks(data: bytes, chunk: int) -> None:
    """Chunks are checked as ASCII first and decoded only when not: a character split across
    chunks, or cut at the end, is judged as a whole-file decode judges it."""
    import tempfile

    from indikator.sql import engine

    try:
        data.decode("utf-8")
        expected = True
    except UnicodeDecodeError:
        expected = False
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_bytes(b"x" + data)  # never empty (mmap refuses an empty file)
        original = engine._CHUNK
        engine._CHUNK = chunk
        try:
            assert engine._is_utf8(path) == expected
        finally:
            engine._CHUNK = original


@pytest.mark.parametrize("out", ["csv", "json"])
def test_a_windows_1252_file_reads_as_numpy_reads_it(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    out: str) -> None:
    """A CSV saved by Excel on Windows, ``é`` in its first line: numpy reads it as Windows-1252
    and says so; the DuckDB engine refused it (its whole-file fallback read UTF-8 only)."""
    table = tmp_path / "t.csv"
    table.write_bytes("indikator;target;realisasi\nAkses air minum layak (caf\u00e9);80;75,5\n"
                      "Angka kematian bayi;12;10\n".encode("cp1252"))
    printed = {}
    for engine in ("numpy", "duckdb"):
        target = tmp_path / f"{engine}.{out}"
        assert main(["compute", "--engine", engine, "--out", str(target), str(table)]) == 0
        printed[engine] = capsys.readouterr().out.replace(str(target), "OUT")
    assert (tmp_path / f"duckdb.{out}").read_bytes() == (tmp_path / f"numpy.{out}").read_bytes()
    assert printed["duckdb"] == printed["numpy"]
    assert "1252" in printed["duckdb"]
    for engine in ("numpy", "duckdb"):  # the JSON report carries the note too
        assert main(["--json", "compute", "--engine", engine, str(table)]) == 0
        printed[engine] = capsys.readouterr().out
    assert printed["duckdb"] == printed["numpy"] and "1252" in printed["duckdb"]
