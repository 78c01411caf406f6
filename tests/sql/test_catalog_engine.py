"""``compute --engine duckdb --catalog`` gives the numpy engine's results: rows whose direction
and scale come from the catalogue (found by code or by name, case and spacing folded), rows
whose own ``arah``/``skala`` cells overrule it, names the catalogue does not know (a direction
guessed from the name) — on the streaming path (every row plain) and on the general path
(a row that is not: an ambiguous number, a printed capaian to audit, a catalogue scale SQL does
not rate), each proved taken."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from frames import same_results
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.catalog.loader import Catalog, load_catalog
from indikator.cli.app import main
from indikator.compute.pipeline import compute
from indikator.documents.realisation import read_realisation
from indikator.sql.engine import DuckResult, compute_duckdb

CATALOG = """\
[[indicator]]
code = 'aki'
name = 'Angka Kematian Ibu'
satuan = 'per 100.000'
formula = 'Angka Kematian Ibu'
arah = 'turun'
aggregation = 'last'

[[indicator]]
code = 'ikm'
name = 'Indeks Kepuasan Masyarakat'
satuan = 'Indeks'
formula = 'Indeks Kepuasan Masyarakat'
arah = 'naik'
aggregation = 'last'
scale = 'ikm-2017'

[[indicator]]
code = 'pad'
name = 'Pendapatan Asli Daerah'
satuan = 'Rp'
formula = 'Pendapatan Asli Daerah'
arah = 'turun'
aggregation = 'sum'
scale = 'capaian-baik'

[[indicator]]
code = 'tpt'
name = 'Angka Pengangguran Terbuka'
satuan = '%'
formula = 'Angka Pengangguran Terbuka'
arah = 'naik'
aggregation = 'last'
scale = 'akip'
"""
"""Four entries: a lower-is-better one with no scale (its name would guess ``turun`` too), one
with an interval scale of values, one ``turun`` that no name guess would give (revenue), one
whose ``naik`` overrules the ``turun`` its name would give (``pengangguran``)."""

ORDINAL_ENTRY = """
[[indicator]]
code = 'opini'
name = 'Opini BPK atas Laporan Keuangan'
satuan = 'Predikat'
formula = 'Opini BPK atas Laporan Keuangan'
arah = 'naik'
aggregation = 'last'
scale = 'opini-bpk'
"""
"""An entry whose scale is ordinal: SQL does not rate it, the row goes through numpy."""

HEADER = "indikator;tahun;satuan;arah;target;realisasi;skala"
PLAIN_ROWS = [
    # direction and scale from the catalogue, found by name, by code, by folded name
    "Angka Kematian Ibu;2021;per 100.000;;120;95",
    "aki;2022;per 100.000;;110;130",
    "angka  kematian   IBU;2023;per 100.000;;100;100",
    "Indeks Kepuasan Masyarakat;2021;Indeks;;80;77,5",
    "ikm;2022;Indeks;;80;88,25",
    "Pendapatan Asli Daerah;2021;Rp;;1500;1200",
    "pad;2022;Rp;;1500;1800",
    "Angka Pengangguran Terbuka;2021;%;;6,5;7",
    "tpt;2022;%;;6,5;5,25",
    # the file and the catalogue disagree: the row's own cells win
    "Angka Kematian Ibu;2024;per 100.000;naik;100;120",
    "Indeks Kepuasan Masyarakat;2023;Indeks;menurun;80;70",
    "Indeks Kepuasan Masyarakat;2024;Indeks;;80;70;capaian",
    "Pendapatan Asli Daerah;2023;Rp;naik;1500;1600;akip",
    "Angka Pengangguran Terbuka;2023;%;turun;6,5;7;ikm-2017",
    # names the catalogue does not know: a direction guessed from the name, or naik
    "Angka kematian bayi;2021;per 1.000;;12;10",
    "Persentase layanan tepat waktu;2021;%;;90;95",
    "Cakupan imunisasi;2021;%;naik;95;101",
]


def _catalog(tmp_path: Path, *extra: str) -> Path:
    folder = tmp_path / "katalog"
    folder.mkdir(exist_ok=True)
    (folder / "indikator.toml").write_text(CATALOG + "".join(extra), encoding="utf-8")
    return folder


def _table(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "realisasi.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path




def _agree(path: Path, catalog: Catalog, lang: str | None = None) -> tuple[DuckResult,
                                                                           pd.DataFrame]:
    """The DuckDB result (its path still to be inspected) and the numpy results, found equal:
    every column and the summary."""
    duck = compute_duckdb(path, catalog=catalog, lang=lang)
    numpy = compute(read_realisation(path), catalog=catalog, lang=lang)
    same_results(duck.computation().results, numpy.results)
    from indikator.compute.pipeline import summary_counts

    assert duck.summary() == summary_counts(numpy.results)
    return duck, numpy.results


def _cli_bytes_agree(tmp_path: Path, table: Path, catalog: Path) -> None:
    """The CSV and JSON the CLI writes, and what it prints, are the same bytes."""
    for suffix in ("csv", "json"):
        for engine in ("numpy", "duckdb"):
            out = tmp_path / f"{engine}.{suffix}"
            assert main(["compute", "--engine", engine, "--catalog", str(catalog),
                         "--out", str(out), str(table)]) == 0
        assert (tmp_path / f"duckdb.{suffix}").read_bytes() == (
            tmp_path / f"numpy.{suffix}").read_bytes(), suffix


def _streamed(result: DuckResult) -> bool:
    """The streaming path: the results are a query over the file, checked, no table, no row
    through numpy."""
    return (result.fallback is None and result.plan is None and result.counts is not None
            and "read_csv" in result.relation and result.rows_numpy == 0)


def _general(result: DuckResult) -> bool:
    """The general path: table ``hasil``, some rows through numpy, the rest in SQL."""
    return (result.fallback is None and result.relation == "hasil" and result.rows_numpy > 0
            and result.rows_sql > 0)


@pytest.mark.parametrize("lang", [None, "en"])
def test_catalogue_on_the_streaming_path(tmp_path: Path, lang: str | None) -> None:
    rows = [row if row.count(";") == 6 else row + ";" for row in PLAIN_ROWS]
    table, catalog = _table(tmp_path, rows), _catalog(tmp_path)
    duck, numpy = _agree(table, load_catalog(catalog), lang)
    assert _streamed(duck), (duck.relation, duck.rows_numpy)
    _check_the_catalogue_was_used(numpy)
    if lang is None:
        _cli_bytes_agree(tmp_path, table, catalog)


def _check_the_catalogue_was_used(results: pd.DataFrame) -> None:
    """The numpy results (equal to DuckDB's) show each case the file was built for."""
    by = {(r.indikator, r.tahun): r for r in results.itertuples()}
    assert by[("Angka Kematian Ibu", 2021)].arah == "turun"  # the catalogue's
    assert by[("aki", 2022)].arah == "turun"  # by code
    assert by[("angka  kematian   IBU", 2023)].arah == "turun"  # by folded name
    assert by[("Indeks Kepuasan Masyarakat", 2021)].skala == "ikm-2017"
    assert by[("Pendapatan Asli Daerah", 2021)].arah == "turun"
    assert by[("Pendapatan Asli Daerah", 2021)].skala == "capaian-baik"
    tpt = by[("Angka Pengangguran Terbuka", 2021)]
    assert tpt.arah == "naik" and tpt.skala == "akip" and not isinstance(tpt.pesan, str)  # no guess
    assert by[("Angka Kematian Ibu", 2024)].arah == "naik"  # the file's
    assert by[("Indeks Kepuasan Masyarakat", 2023)].arah == "turun"
    assert by[("Indeks Kepuasan Masyarakat", 2024)].skala == "capaian"
    assert by[("Pendapatan Asli Daerah", 2023)].skala == "akip"
    assert by[("Angka Pengangguran Terbuka", 2023)].skala == "ikm-2017"
    bayi = by[("Angka kematian bayi", 2021)]
    assert bayi.arah == "turun" and "kematian" in str(bayi.pesan)  # guessed, with its message
    assert by[("Persentase layanan tepat waktu", 2021)].skala == "capaian"  # the default
    assert isinstance(by[("Cakupan imunisasi", 2021)].pesan, str)  # a coverage over 100 %


@pytest.mark.parametrize("odd", [
    "Angka Kematian Ibu;2025;per 100.000;;3.460;2.000;",  # ambiguous: the column decides
    "Opini BPK atas Laporan Keuangan;2021;Predikat;;80;90;",  # an ordinal catalogue scale
    "Indeks Kepuasan Masyarakat;2025;Indeks;;80;BB;",  # a category where a number is due
])
def test_catalogue_on_the_general_path(tmp_path: Path, odd: str) -> None:
    rows = [row if row.count(";") == 6 else row + ";" for row in PLAIN_ROWS]
    table = _table(tmp_path, [*rows, odd])
    catalog = _catalog(tmp_path, ORDINAL_ENTRY)
    loaded = load_catalog(catalog)
    duck, numpy = _agree(table, loaded)
    assert _general(duck), (duck.relation, duck.rows_numpy, duck.fallback is not None)
    _check_the_catalogue_was_used(numpy)
    _cli_bytes_agree(tmp_path, table, catalog)


def test_catalogue_with_printed_capaian_to_audit(tmp_path: Path) -> None:
    """A capaian column: printed values audited (ok / mismatch) on rows whose direction the
    catalogue gives — the audit must compute with the catalogue's ``turun``."""
    header = HEADER + ";capaian"
    rows = [row if row.count(";") == 6 else row + ";" for row in PLAIN_ROWS]
    rows = [row + ";" for row in rows]
    rows[0] = "Angka Kematian Ibu;2021;per 100.000;;120;95;;120"  # 2 - 95/120 = 120,8 %
    rows[5] = "Pendapatan Asli Daerah;2021;Rp;;1500;1200;;80"  # turun: 120 %, a mismatch
    rows[7] = "Angka Pengangguran Terbuka;2021;%;;6,5;7;;107,69"  # naik, by the catalogue
    table = _table(tmp_path, rows, header)
    catalog = _catalog(tmp_path)
    duck, numpy = _agree(table, load_catalog(catalog))
    assert _general(duck)
    audits = dict(zip(numpy["indikator"] + "/" + numpy["tahun"].astype(str), numpy["audit"],
                      strict=True))
    assert audits["Angka Kematian Ibu/2021"] == "ok"
    assert audits["Pendapatan Asli Daerah/2021"] == "mismatch"
    assert audits["Angka Pengangguran Terbuka/2021"] == "ok"
    _cli_bytes_agree(tmp_path, table, catalog)



_NAMES = ("Angka Kematian Ibu", "aki", "ANGKA KEMATIAN  IBU", "Indeks Kepuasan Masyarakat", "ikm",
          "Pendapatan Asli Daerah", "Angka Pengangguran Terbuka", "tpt", "Angka kematian bayi",
          "Opini BPK atas Laporan Keuangan", "Cakupan layanan", " pad ")
_ARAH = ("", "", "naik", "turun", "menurun", "x")
_SKALA = ("", "", "akip", "capaian", "ikm-2017", "opini-bpk")
_CELLS = ("100", "95,5", "0", "12,5", "3.460", "1.800.085,25", "-", "", "BB", "7,25")


@settings(max_examples=30, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(("2021", "2022")),
                               st.sampled_from(("%", "", "Indeks")), st.sampled_from(_ARAH),
                               st.sampled_from(_CELLS), st.sampled_from(_CELLS),
                               st.sampled_from(_SKALA)), min_size=1, max_size=10))
def test_random_tables_with_a_catalogue_agree(tmp_path: Path,
                                              data: list[tuple[str, ...]]) -> None:
    table = _table(tmp_path, [";".join(row) for row in data])
    catalog = load_catalog(_catalog(tmp_path, ORDINAL_ENTRY))
    try:
        numpy = compute(read_realisation(table), catalog=catalog)
    except Exception:  # a table the reader refuses is refused by both
        with pytest.raises(Exception):  # noqa: B017
            compute_duckdb(table, catalog=catalog)
        return
    duck = compute_duckdb(table, catalog=catalog)
    same_results(duck.computation().results, numpy.results)
