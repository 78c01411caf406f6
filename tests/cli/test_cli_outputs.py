"""What the commands write (issue 12 classes 3, 4, 5, 6): never over an input, atomically, no
live formula in CSV, and one clear message (no traceback) when the output cannot be written."""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from indikator.cli.app import main
from indikator.report.csvsafe import is_formula_like

TABLE = (
    "indikator;target;realisasi;catatan pengguna\n"
    "Indeks Kepuasan;80;85;kolom milik pengguna\n"
    "Persentase capaian;90;99;jangan hilang\n"
)


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "relative"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_compute_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    how: str, suffix: str,
) -> None:
    table = tmp_path / f"table{suffix}"
    if suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in csv.reader(TABLE.splitlines(), delimiter=";"):
            book.active.append(row)
        book.save(table)
    else:
        table.write_text(TABLE, encoding="utf-8")
    before = table.read_bytes()
    monkeypatch.chdir(tmp_path)
    out = {"same": str(table), "relative": f"./{table.name}"}.get(how, str(tmp_path / f"o{suffix}"))
    if how == "symlink":
        Path(out).symlink_to(table)
    elif how == "hardlink":
        os.link(table, out)
    code, _, err = _run(capsys, ["--lang", "en", "compute", str(table), "--out", out])
    assert code == 1
    assert "Refusing to write" in err and "Traceback" not in err
    assert table.read_bytes() == before


def test_compute_refuses_to_overwrite_its_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(TABLE, encoding="utf-8")
    catalog = tmp_path / "c.json"
    catalog.write_text("{}", encoding="utf-8")
    code, _, _err = _run(capsys, ["compute", str(table), "--catalog", str(catalog),
                                 "--out", str(catalog)])
    assert code == 1 and catalog.read_text(encoding="utf-8") == "{}"


def test_import_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(TABLE, encoding="utf-8")
    link = tmp_path / "t.toml"
    link.symlink_to(table)  # import --out DIR writes DIR/t.toml: the input through a link
    code, _, err = _run(capsys, ["--lang", "en", "import", str(table), "--out", str(tmp_path)])
    assert code == 1 and "Refusing to write" in err
    assert table.read_text(encoding="utf-8") == TABLE


@pytest.mark.parametrize("engine", ["numpy", "duckdb"])
def test_compute_csv_has_no_live_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "indikator;satuan;target;realisasi\n"
        '"=HYPERLINK(""http://x/"",""klik"")";%;80;85\n'
        "+1+1;@SUM(1);90;99\n"
        "\"-2+3+cmd|' /C calc'!A0\";%;-2,5;-1\n",
        encoding="utf-8",
    )
    out = tmp_path / "hasil.csv"
    code, _, err = _run(capsys, ["compute", "--engine", engine, str(table), "--out", str(out)])
    assert code == 0, err
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if is_formula_like(c)]
    assert "'=HYPERLINK(\"http://x/\",\"klik\")" in cells
    header = rows[0]
    assert rows[3][header.index("target")] == "-2,5"  # a number stays a number


def _compute_limited(tmp_path: Path, out: Path, limit: int) -> subprocess.CompletedProcess[str]:
    table = tmp_path / "t.csv"
    table.write_text(TABLE * 1 + "".join(f"Indikator {i};{i};{i + 1};x\n" for i in range(200)),
                     encoding="utf-8")

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "indikator", "--lang", "en", "compute", str(table), "--out",
         str(out)],
        capture_output=True, text=True, preexec_fn=cap, timeout=120,
        env={**os.environ, "INDIKATOR_DEBUG": ""},
    )


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
@pytest.mark.parametrize("limit", [200, 4000, 9000])
def test_file_size_limit_gives_one_message_and_keeps_the_old_file(
    tmp_path: Path, suffix: str, limit: int
) -> None:
    out = tmp_path / f"hasil{suffix}"
    out.write_bytes(b"GOOD OLD FILE")
    done = _compute_limited(tmp_path, out, limit)
    assert done.returncode == 1, done
    assert done.stderr.startswith("error: Cannot write"), done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert out.read_bytes() == b"GOOD OLD FILE"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["t.csv", out.name])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_output_path_that_is_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    table = tmp_path / "t.csv"
    table.write_text(TABLE, encoding="utf-8")
    folder = tmp_path / f"out{suffix}"
    (folder / "inside").mkdir(parents=True)
    code, _, err = _run(capsys, ["--lang", "en", "compute", str(table), "--out", str(folder)])
    assert code == 1
    assert "is a folder" in err and "Traceback" not in err and "Exception" not in err
    assert (folder / "inside").is_dir()
