"""Realisation CSV files: pandas' C reader as the fast path, the csv module for ragged files,
and the same cells, rows and unread reports either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.documents import files, realisation
from indikator.documents.realisation import read_realisation

FIXTURES = Path(__file__).parents[1] / "fixtures" / "tables"


def _summary(table: realisation.RealisationTable) -> tuple[object, ...]:
    return (
        table.columns,
        list(table.rows),
        {name: list(table.frame[name]) for name in table.columns},
        [(u.line, u.column, u.text, u.reason) for u in table.unread],
        table.cells_read,
        table.ignored_columns,
    )


@pytest.mark.parametrize("name", ["realisasi.csv", "realisasi-title.csv"])
def test_fast_and_slow_readers_agree_on_the_fixtures(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _summary(read_realisation(FIXTURES / name))

    def refuse(*args: object) -> object:
        import pandas as pd

        raise pd.errors.ParserError("forced")

    monkeypatch.setattr(files, "_read_csv_fast", refuse)
    assert _summary(read_realisation(FIXTURES / name)) == fast


def test_a_record_wider_further_down_falls_back_and_reports_the_cell(tmp_path: Path) -> None:
    lines = ["indikator;target;realisasi"] + [f"Indikator {i};10;{i % 10},5" for i in range(99)]
    lines[90] += ";lepas"  # file row 91: a fourth cell under no header, after the sniffed lines
    path = tmp_path / "r.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_realisation(path)
    assert len(table) == 99 and table.rows[-1] == 100
    assert [(u.line, u.column, u.text, u.reason) for u in table.unread] == [
        (91, 4, "lepas", "tables.no_column_header")]


def test_short_title_line_blank_lines_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(
        "\ufeffTabel 3.1 Capaian\r\n"
        " Indikator ; Target ;Realisasi\r\n"
        "Persentase A ; 61,00 ;\" 57,12 \"\r\n"
        "\r\n"
        "   ;  ;   \r\n"
        "Persentase B;80 – 90;   \r\n".encode()
    )
    table = read_realisation(path)
    assert list(table.rows) == [3, 6]  # blank and space-only rows are not data
    assert list(table.frame["indikator"]) == ["Persentase A", "Persentase B"]
    assert list(table.frame["target"]) == ["61,00", "80 – 90"]
    assert list(table.readings["realisasi"].values[:1]) == [57.12]
    assert [(u.line, u.column, u.text, u.reason) for u in table.unread] == [
        (1, 1, "Tabel 3.1 Capaian", "tables.above_header"),
        (6, "realisasi", "", "tables.empty_cell"),
    ]
    assert table.cells_read == 5  # 2 names, 2 targets, 1 realisation


def test_quoted_separators_and_newlines_stay_in_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('indikator,target,realisasi\n"Indeks, gabungan\nbaru","1,5",2\n',
                    encoding="utf-8")
    table = read_realisation(path)
    assert list(table.frame["indikator"]) == ["Indeks, gabungan\nbaru"]
    assert list(table.readings["target"].values) == [1.5]
    assert not table.unread


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        ("indikator;target\nA;1,5\n", None, ";"),
        ("indikator,target\nA,1\n", None, ","),
        ("indikator\ttarget\nA\t1,5\n", None, "\t"),
        ("indikator,rumus\nA,A/B\n", "tabel.tsv", "\t"),
    ],
)
def test_one_separator_rule_serves_every_reader(text: str, path: str | None, expected: str) -> None:
    from indikator.documents.files import sniff_delimiter

    assert sniff_delimiter(text, path) == expected
