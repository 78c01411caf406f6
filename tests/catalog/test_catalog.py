"""indikator.catalog.loader: loading, validation (every problem at once), writing, the shipped
catalogue of the seed's Tabel 6.3 and 7.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.catalog.importer import single_formula, slug
from indikator.catalog.loader import Catalog, Indicator, dump, load_catalog, to_toml
from indikator.core.errors import CatalogError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "catalog"
SHIPPED = ROOT / "definitions" / "renstra" / "kota-serang-setda-2018-2023"
SEED = ROOT / "examples" / "kota-serang" / "renstra-setda-2018-2023.txt"


def test_broken_catalogue_lists_every_problem_with_file_and_entry() -> None:
    with pytest.raises(CatalogError) as info:
        load_catalog(FIXTURES / "broken")
    problems = info.value.problems  # type: ignore[attr-defined]
    where = [(Path(p.file).name, p.entry, p.field_name, p.key) for p in problems]
    assert where == [
        ("a.toml", "#2 (bad-formula)", "arah", "catalog.bad_choice"),
        ("a.toml", "#2 (bad-formula)", "formula", "catalog.bad_formula"),
        ("a.toml", "#3 (bad-scale)", "aggregation", "catalog.bad_choice"),
        ("a.toml", "#3 (bad-scale)", "scale", "catalog.bad_scale"),
        ("a.toml", "#4 (missing)", "arah", "catalog.missing_field"),
        ("a.toml", "#4 (missing)", "actual.tahun", "catalog.expected_year"),
        ("b.toml", "#1 (ok-1)", "code", "catalog.duplicate_code"),
        ("b.toml", "#1 (ok-1)", "source_line", "catalog.expected_line"),
    ]
    english = info.value.message("en")
    assert english.startswith("Invalid indicator catalogue (8 problems)")
    assert "a.toml: indicator #2 (bad-formula): arah: unknown value 'keatas'" in english
    assert "choices: naik, turun" in english
    assert "scale 'tidak-ada' cannot be loaded" in english
    assert "Unexpected" in english  # the parser's message, in the same language
    indonesian = info.value.message("id")
    assert "isian wajib tidak ada" in indonesian


def test_toml_syntax_error_names_the_file() -> None:
    with pytest.raises(CatalogError) as info:
        load_catalog(FIXTURES / "syntax.toml")
    (problem,) = info.value.problems  # type: ignore[attr-defined]
    assert problem.key == "catalog.toml_syntax" and problem.file.endswith("syntax.toml")


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as info:
        load_catalog([tmp_path / "nope", tmp_path])
    keys = [p.key for p in info.value.problems]  # type: ignore[attr-defined]
    assert keys == ["catalog.not_found", "catalog.no_files"]


def test_good_catalogue_and_round_trip(tmp_path: Path) -> None:
    catalog = load_catalog(FIXTURES / "good.toml")
    poverty = catalog["angka-kemiskinan"]
    assert poverty.direction == "lower" and poverty.aggregation == "last"
    assert poverty.actual == {2020: 5.36, 2021: 5.16}
    assert poverty.values() == {2020: ("actual", 5.36), 2021: ("actual", 5.16),
                                2022: ("target", 5.06), 2023: ("target", 4.96)}
    assert poverty.parsed.kind == "ratio"
    assert catalog["opini-bpk"].actual == {2021: "WTP"}
    assert catalog.find("angka  kemiskinan") is poverty
    written = dump(catalog, tmp_path / "copy.toml", {"name": "copy"})
    again = load_catalog(written)
    assert dict(again) == dict(catalog)


def test_to_toml_quotes_backslashes_and_quotes() -> None:
    indicator = Indicator(
        code="x", name="It's \"odd\"", satuan="%", formula="$\\frac{\\text{A}}{\\text{B}}$",
        arah="naik", aggregation="last", explanation="baris\nkedua",
    )
    text = to_toml([indicator])
    assert "formula = '$\\frac{\\text{A}}{\\text{B}}$'" in text
    import tomllib

    entry = tomllib.loads(text)["indicator"][0]
    assert entry["name"] == "It's \"odd\"" and entry["explanation"] == "baris\nkedua"
    assert entry["formula"] == indicator.formula


def test_slug_and_single_formula() -> None:
    assert slug("Indeks Kepuasan Masyarakat ( IKM)") == "indeks-kepuasan-masyarakat-ikm"
    assert single_formula("Nilai Evaluasi AKIP") == "Nilai Evaluasi AKIP"
    text = single_formula("Jumlah jenis dokumen PK, RKA) yang tersusun")
    from indikator.formula.parser import parse

    assert parse(text).kind == "single"


def test_shipped_catalogue_of_the_seed() -> None:
    catalog = load_catalog(SHIPPED)
    assert isinstance(catalog, Catalog)
    t63 = [i for i in catalog.values() if i.table == "6.3"]
    t71 = [i for i in catalog.values() if i.table == "7.1"]
    assert len(t63) == 29 and len(t71) == 4
    assert {i.scale for i in t71} == {"indeks-rb", "ikm-2017", "lppd-2019", "akip"}
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    for indicator in catalog.values():
        assert indicator.source_line is not None
        assert indicator.name in seed_lines[indicator.source_line - 1], indicator.code
        if indicator.table == "6.3":
            assert indicator.formula in seed_lines[indicator.source_line - 1]


def test_shipped_tabel_71_values_and_rating() -> None:
    from indikator.scales.rating import rate

    akip = load_catalog(SHIPPED)["nilai-evaluasi-akip"]
    assert akip.actual == {2018: 52.31, 2019: 54.64, 2020: 55.33}
    assert akip.target == {2021: 61.0, 2022: 62.0, 2023: 63.0}
    assert akip.end_of_period == {"before": "BB", "after": 63.0}
    assert rate(akip.actual[2018], akip.scale).code == "CC"
    assert rate(akip.end_of_period["after"], akip.scale).code == "B"  # beside the printed BB
    lppd = load_catalog(SHIPPED)["nilai-lppd-kota"]
    assert lppd.target[2023] == 3.46
    assert lppd.actual[2018] == 3.2346


def test_shipped_catalogue_is_what_the_importer_writes(tmp_path: Path) -> None:
    from indikator.cli.app import main

    assert main(["import", "--json", "--out", str(tmp_path), str(SEED)]) == 0
    for name in ("tabel-6.3.toml", "tabel-7.1.toml"):
        fresh = load_catalog(tmp_path / name)
        shipped = load_catalog(SHIPPED / name)
        assert dict(fresh) == dict(shipped), name
