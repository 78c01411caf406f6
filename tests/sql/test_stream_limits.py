"""The streaming path inlines its look-ups as ``CASE`` expressions, at most
:data:`~indikator.sql.stream.MAX_VALUES` distinct values each: a file with one more distinct
arah, satuan or year, or one more name with a look-up result (a guessed direction, a catalogue
entry), is computed by the general path instead — with the numpy engine's results either way.
Files of few rows and many distinct values; the wide rows either in the sample or past it (after
:data:`~indikator.sql.stream.SAMPLE_ROWS` rows alike, where the check of the whole file finds
them)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from frames import same_results

from indikator.catalog.loader import Catalog, load_catalog
from indikator.compute.pipeline import compute, summary_counts
from indikator.documents.realisation import read_realisation
from indikator.sql.engine import DuckResult, compute_duckdb
from indikator.sql.stream import MAX_VALUES, SAMPLE_ROWS

HEADER = "indikator;tahun;satuan;arah;target;realisasi"
BASE = {"indikator": "Indikator tetap", "tahun": "2020", "satuan": "%", "arah": "naik"}
"""The cells of the rows alike (before the wide ones when these come past the sample)."""


def _arah(i: int) -> str:
    """The *i*-th spelling of a direction word: ``naik`` first, then ``meningkat`` in each
    of its 512 mixes of upper and lower case (all read as naik)."""
    if i == 0:
        return "naik"
    word = "meningkat"
    return "".join(c.upper() if (i >> k) & 1 else c for k, c in enumerate(word))


def _wide_cells(kind: str, i: int) -> dict[str, str]:
    """Row *i* of the wide rows: the field of *kind* takes its *i*-th distinct value (the 0-th
    is :data:`BASE`'s), the others are :data:`BASE`'s."""
    cells = dict(BASE)
    if kind == "satuan":
        cells["satuan"] = "%" if i == 0 else f"satuan {i}"
    elif kind == "tahun":
        cells["tahun"] = str(2020 + i)
    elif kind == "arah":
        cells["arah"] = _arah(i)
    elif kind == "guessed":  # no arah: the direction is guessed from the name
        cells["indikator"], cells["arah"] = f"Angka kematian kelompok {i}", ""
    elif kind == "catalogue":  # no arah: the catalogue's
        cells["indikator"], cells["arah"] = f"Indikator katalog {i}", ""
    return cells


def _file(tmp_path: Path, kind: str, distinct: int, past: bool) -> tuple[Path, Catalog | None]:
    lines = [HEADER]
    if past:
        lines += [f"{BASE['indikator']};{BASE['tahun']};{BASE['satuan']};{BASE['arah']};"
                  f"{10 + i % 7};{9 + i % 5},5" for i in range(SAMPLE_ROWS)]
    for i in range(distinct):
        cells = _wide_cells(kind, i)
        lines.append(f"{cells['indikator']};{cells['tahun']};{cells['satuan']};"
                     f"{cells['arah']};{20 + i % 9};{15 + i % 11},25")
    path = tmp_path / f"{kind}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = None
    if kind == "catalogue":
        entries = [f"[[indicator]]\ncode = 'k{i}'\nname = 'Indikator katalog {i}'\n"
                   f"satuan = '%'\nformula = 'Indikator katalog {i}'\narah = 'turun'\n"
                   "aggregation = 'last'\n" for i in range(distinct)]
        toml = tmp_path / "katalog.toml"
        toml.write_text("\n".join(entries), encoding="utf-8")
        catalog = load_catalog(toml)
    return path, catalog




def _path_taken(result: DuckResult) -> str:
    """``stream``, ``general`` (tables) or ``numpy`` (the whole file), once settled."""
    assert result.plan is None  # settled: computation() has run
    if result.fallback is not None:
        return "numpy"
    return "general" if result.relation == "hasil" else "stream"


@pytest.mark.parametrize("past", [False, True], ids=["in-sample", "past-sample"])
@pytest.mark.parametrize("kind", ["satuan", "tahun", "arah", "guessed", "catalogue"])
@pytest.mark.parametrize("distinct", [MAX_VALUES, MAX_VALUES + 1], ids=["at-limit", "over"])
def test_too_many_values_take_the_general_path(tmp_path: Path, kind: str, distinct: int,
                                               past: bool) -> None:
    path, catalog = _file(tmp_path, kind, distinct, past)
    duck = compute_duckdb(path, catalog=catalog)
    # past the sample, a file with no catalogue is first taken as plain and alike (a guarded
    # pass is planned); the check of the whole file then meets the wide rows
    if past:
        assert (duck.plan is not None) == (catalog is None)
    numpy = compute(read_realisation(path), catalog=catalog)
    same_results(duck.computation().results, numpy.results)
    assert duck.summary() == summary_counts(numpy.results)
    expected = "stream" if distinct <= MAX_VALUES else "general"
    if kind == "tahun" and past:  # years are inlined only in the sample's guard: the
        expected = "stream"  # checked relation reads them as they are, whatever their number
    assert _path_taken(duck) == expected
    assert duck.rows_numpy == 0  # every row plain: the general path computes them in SQL
    column = {"guessed": "indikator", "catalogue": "indikator"}.get(kind, kind)
    cells = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False).tail(distinct)
    assert cells[column].nunique() == distinct  # the file is as wide as meant
    if kind in ("guessed", "catalogue"):  # every wide row used its look-up
        wide = numpy.results.tail(distinct)
        assert (wide["arah"] == "turun").all()
        assert wide["pesan"].notna().all() == (kind == "guessed")
