"""``compute --engine duckdb`` gives the numpy engine's results, cell for cell, byte for byte
in the CSV and JSON it writes — on tricky cells, random tables, Parquet input and files the
engine hands to numpy whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from frames import same_results
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.cli.app import main
from indikator.compute.pipeline import compute
from indikator.documents.realisation import read_realisation
from indikator.sql.engine import AUTO_BYTES, choose_engine, compute_duckdb

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TRICKY = FIXTURES / "sql" / "tricky.csv"




def _both(path: Path, **options: object) -> tuple[object, object]:
    duck = compute_duckdb(path, **options)  # type: ignore[arg-type]
    numpy = compute(read_realisation(path), **options)  # type: ignore[arg-type]
    return duck, numpy


def test_tricky_cells_give_the_numpy_answer() -> None:
    duck, numpy = _both(TRICKY)
    same_results(duck.computation().results, numpy.results)  # type: ignore[attr-defined]
    assert duck.rows_sql >= 5 and duck.rows_numpy >= 8  # type: ignore[attr-defined]
    assert [(u.line, u.column) for u in duck.unread] == [  # type: ignore[attr-defined]
        (u.line, u.column) for u in numpy.unread]  # type: ignore[attr-defined]


@pytest.mark.parametrize("cell", ["3.460", "1.800.085,25", "80 – 90", "#DIV/0!", "-"])
def test_each_tricky_cell_alone(tmp_path: Path, cell: str) -> None:
    """A column whose plain cells say comma is decimal: ``3.460`` is then 3460, in both."""
    path = tmp_path / "t.csv"
    path.write_text("indikator;target;realisasi\nA;10,5;9,25\n"
                    f"B;{cell};2\nC;{cell};{cell}\nD;12;{cell}\n", encoding="utf-8")
    duck, numpy = _both(path)
    same_results(duck.computation().results, numpy.results)  # type: ignore[attr-defined]


@pytest.mark.parametrize("out", ["csv", "json"])
def test_cli_writes_the_same_bytes(tmp_path: Path, out: str) -> None:
    for engine in ("numpy", "duckdb"):
        assert main(["compute", "--engine", engine, "--out", str(tmp_path / f"{engine}.{out}"),
                     str(TRICKY)]) == 0
    assert (tmp_path / f"duckdb.{out}").read_bytes() == (tmp_path / f"numpy.{out}").read_bytes()


def test_parquet_input_reads_like_its_csv(tmp_path: Path) -> None:
    frame = pd.read_csv(TRICKY, sep=";", dtype=str, keep_default_na=False)
    parquet = tmp_path / "t.parquet"
    import duckdb

    with duckdb.connect() as connection:
        connection.register("frame", frame)
        connection.execute("COPY frame TO ? (FORMAT parquet)", [str(parquet)]).fetchall()
    duck = compute_duckdb(parquet).computation().results
    numpy = compute(read_realisation(TRICKY)).results
    same_results(duck, numpy)


def test_files_the_engine_hands_to_numpy(tmp_path: Path) -> None:
    text = TRICKY.read_text(encoding="utf-8")
    cases = {
        "title.csv": "Tabel 7.1 Capaian\n" + text,
        "blank.csv": text.replace("\nZ;2022", "\n\nZ;2022"),
        "merged.csv": text.replace("\nZ;2023", "\n;2023"),
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        duck, numpy = _both(path)
        assert duck.fallback is not None, name  # type: ignore[attr-defined]
        same_results(duck.computation().results, numpy.results)  # type: ignore[attr-defined]


def test_auto_engine_by_size(tmp_path: Path) -> None:
    small = tmp_path / "s.csv"
    small.write_text("indikator;target;realisasi\nA;1;1\n", encoding="utf-8")
    assert choose_engine(small, "auto") == "numpy"
    big = tmp_path / "b.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("indikator;target;realisasi\n")
        line = "Persentase capaian indikator kinerja utama;100;95,5\n"
        handle.write(line * (AUTO_BYTES // len(line) + 1))
    assert choose_engine(big, "auto") == "duckdb"
    assert choose_engine(tmp_path / "x.xlsx", "duckdb") == "duckdb"


CELLS = ("100", "95,5", "0", "-3", "12,345", "3.460", "1.800.085,25", "80 – 90", "#DIV/0!",
         "-", "", "7,25", "0,5", "1234,5678", "100%", "BB", "< 20", "12.5", "1.5", "60",
         "1,5 jt", "2 Miliar", "4.500.000", "85,5*", "+2,5")
NAMES = ("Persentase dokumen", "Angka kematian bayi", "Nilai AKIP", "Cakupan layanan",
         "Indeks kepuasan", "Rata-rata capaian", "Jumlah PAD", "Rasio gini")
ARAH = ("naik", "turun", "", "menurun", "Positif", "x")
SKALA = ("", "akip", "capaian", "ikm-2017", "opini-bpk", "tidak-ada")
SATUAN = ("%", "persen", "", "Nilai", "Rp")

rows = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(("2021", "2022", ""))
                          , st.sampled_from(SATUAN), st.sampled_from(ARAH),
                          st.sampled_from(CELLS), st.sampled_from(CELLS),
                          st.sampled_from(SKALA)), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(data=rows, with_capaian=st.booleans(), printed=st.sampled_from(("", "95,5", "#DIV/0!")))
def test_random_tables_agree(tmp_path: Path, data: list[tuple[str, ...]], with_capaian: bool,
                             printed: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    header = ["indikator", "tahun", "satuan", "arah", "target", "realisasi", "skala"]
    writer.writerow(header + (["capaian"] if with_capaian else []))
    for row in data:
        writer.writerow(list(row) + ([printed] if with_capaian else []))
    path = tmp_path / "random.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        numpy = compute(read_realisation(path))
    except Exception:  # a table the reader refuses is refused by both
        with pytest.raises(Exception):  # noqa: B017
            compute_duckdb(path)
        return
    duck = compute_duckdb(path)
    same_results(duck.computation().results, numpy.results)


def test_comparison_targets_get_the_numpy_commands_practice(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``≤ 10`` against 11,5 is 85 % (comparison-lower) with either engine, same bytes."""
    path = tmp_path / "c.csv"
    path.write_text("indikator;target;realisasi\nPrevalensi stunting;≤ 10;11,5\nIKM;80;84\n",
                    encoding="utf-8")
    for engine in ("numpy", "duckdb"):
        assert main(["compute", "--engine", engine, "--out", str(tmp_path / f"{engine}.csv"),
                     str(path)]) == 0
    capsys.readouterr()
    assert (tmp_path / "duckdb.csv").read_bytes() == (tmp_path / "numpy.csv").read_bytes()
    assert "comparison-lower" in (tmp_path / "duckdb.csv").read_text(encoding="utf-8")
    for engine in ("numpy", "duckdb"):  # --tanpa-perbandingan: met / not met only, in both
        assert main(["compute", "--engine", engine, "--tanpa-perbandingan", "--out",
                     str(tmp_path / f"plain-{engine}.csv"), str(path)]) == 0
    capsys.readouterr()
    plain = (tmp_path / "plain-duckdb.csv").read_bytes()
    assert plain == (tmp_path / "plain-numpy.csv").read_bytes()
    assert b"comparison-lower" not in plain


@pytest.mark.parametrize("option", [["--batas-atas", "100"], ["--batas-bawah", "0"],
                                    ["--periode", "TW III"], ["--sheet", "1"]])
def test_options_the_duckdb_engine_does_not_apply_are_refused_or_left_to_numpy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str]) -> None:
    path = tmp_path / "t.csv"
    path.write_text("indikator;target;realisasi\nA;100;130\n", encoding="utf-8")
    assert main(["compute", "--lang", "en", "--engine", "duckdb", *option, str(path)]) == 1
    assert f"does not apply {option[0]}" in capsys.readouterr().err
    if option[0] == "--batas-atas":  # auto: the numpy engine, which applies it
        assert main(["compute", "--json", "--engine", "auto", *option, str(path)]) == 0
        rows = json.loads(capsys.readouterr().out)["result"]["rows"]
        assert [(r["achievement"], r["method"]) for r in rows] == [(100.0, "higher;cap=100")]


def test_a_file_numpy_computes_whole_is_computed_as_the_numpy_command_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A header the engine does not stream (Sasaran, Predikat) sends the file to numpy whole:
    with the command's extras (sasaran, printed predikat) and practice, the same bytes."""
    path = tmp_path / "p.csv"
    path.write_text("Sasaran;Indikator;Target;Realisasi;Capaian;Predikat\n"
                    "Meningkatnya X;IKM;80;84;105;Sangat Tinggi\n;Stunting;≤ 10;11,5;85;Tinggi\n",
                    encoding="utf-8")
    for engine in ("numpy", "duckdb"):
        assert main(["compute", "--engine", engine, "--out", str(tmp_path / f"{engine}.csv"),
                     str(path)]) == 0
    capsys.readouterr()
    written = (tmp_path / "duckdb.csv").read_text(encoding="utf-8")
    assert written == (tmp_path / "numpy.csv").read_text(encoding="utf-8")
    assert "sasaran" in written.splitlines()[0] and "comparison-lower" in written
