"""The strategies of indikator.verification.strategies generate what they promise, and the package
imports (and refuses verify politely) without hypothesis."""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indikator
from indikator.catalog.loader import dump, load_catalog
from indikator.documents.numbers import read_number
from indikator.formula.evaluator import evaluate
from indikator.verification.plan import plan_of
from indikator.verification.strategies import (
    STYLES,
    catalogs,
    falsify,
    formula_data,
    indicators,
    indonesian_numbers,
    plan_values,
    realisation_rows,
    variable_names,
    written_formulas,
)

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(written_formulas())
def test_written_formulas_parse_to_their_ast(written: object) -> None:
    from indikator.verification.strategies import WrittenFormula

    assert isinstance(written, WrittenFormula)
    assert indikator.parse(written.text).expr == written.expr, written.text


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(STYLES), st.data())
def test_every_style_is_drawn_and_parses(style: str, data: st.DataObject) -> None:
    written = data.draw(written_formulas([style]))  # type: ignore[list-item]
    assert written.style == style
    assert indikator.parse(written.text).kind == "ratio"


@SETTINGS
@given(variable_names())
def test_a_variable_name_is_one_variable(name: str) -> None:
    assert indikator.parse(name).variables == (name,)


def test_names_include_slashes_and_brackets() -> None:
    assert "/" in falsify(variable_names(), lambda n: "/" in n)  # type: ignore[operator]
    assert falsify(variable_names(), lambda n: "(" in n and ")" in n) is not None
    assert falsify(variable_names(), lambda n: "[" in n) is not None


COVERAGE = "Jumlah Dokumen yang dilaksanakan / Jumlah Dokumen yang direncanakan x 100%"
INVERTED = "Jumlah Dokumen yang direncanakan / Jumlah Dokumen yang dilaksanakan x 100%"


@SETTINGS
@given(formula_data(COVERAGE, rows=4, valid=True))
def test_valid_data_keeps_the_part_within_the_whole(data: dict[str, np.ndarray]) -> None:
    part = data["Jumlah Dokumen yang dilaksanakan"]
    whole = data["Jumlah Dokumen yang direncanakan"]
    assert part.shape == whole.shape == (4,)
    assert np.all(whole > 0) and np.all(part >= 0) and np.all(part <= whole)
    value = evaluate(indikator.parse(COVERAGE), data)
    assert np.all((value >= 0) & (value <= 100))


@SETTINGS
@given(formula_data(INVERTED, valid=True))
def test_valid_data_follows_the_words_not_the_position(data: dict[str, float]) -> None:
    # inverted formula: the achieved side (dilaksanakan) is below; it is still the part
    assert 0 < data["Jumlah Dokumen yang dilaksanakan"] <= data["Jumlah Dokumen yang direncanakan"]


@SETTINGS
@given(formula_data("$\\frac{\\text{Jumlah Ketersediaan Dokumen}}{\\text{Total Ketersediaan "
                    "Dokumen}} \\times 100$", valid=True))
def test_one_quantity_gets_one_value(data: dict[str, float]) -> None:
    assert data["Jumlah Ketersediaan Dokumen"] == data["Total Ketersediaan Dokumen"] > 0


def test_raw_data_has_zeros_and_nan_and_arrays() -> None:
    raw = formula_data("A / B", rows=3)
    assert falsify(raw, lambda d: bool(np.isnan(d["A"]).any())) is not None
    assert falsify(raw, lambda d: bool((d["B"] == 0).any())) is not None
    example = falsify(raw, lambda d: True)
    assert example is not None and example["A"].shape == (3,)


@SETTINGS
@given(st.data())
def test_plan_values_are_valid(data: st.DataObject) -> None:
    plan = plan_of("(Jumlah desa yang dilayani + Jumlah kelurahan yang dilayani) / "
                   "(Jumlah seluruh desa + Jumlah seluruh kelurahan) x 100%")
    values = data.draw(plan_values(plan))
    assert plan.valid(values)
    assert all(v >= 0 for v in values)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(catalogs(max_size=4))
def test_catalogues_load_back(catalog: object) -> None:
    from indikator.catalog.loader import Catalog

    assert isinstance(catalog, Catalog)
    with tempfile.TemporaryDirectory() as folder:
        path = dump(catalog, Path(folder) / "katalog.toml")
        loaded = load_catalog(path)
    assert list(loaded) == list(catalog)
    for code in catalog:
        assert loaded[code].formula == catalog[code].formula
        assert loaded[code].arah == catalog[code].arah
        assert indikator.parse(loaded[code].formula).kind == "ratio"


@SETTINGS
@given(indicators())
def test_indicators_are_valid_definitions(indicator: object) -> None:
    from indikator.catalog.loader import Indicator

    assert isinstance(indicator, Indicator)
    assert indicator.arah in ("naik", "turun") and indicator.code
    assert indicator.parsed.ratio is not None


@SETTINGS
@given(indonesian_numbers())
def test_indonesian_numbers_read_back(pair: tuple[str, float]) -> None:
    text, value = pair
    assert read_number(text).value == value, text


def test_indonesian_numbers_use_dot_thousands_and_comma_decimals() -> None:
    found = falsify(indonesian_numbers(percent=False),
                    lambda p: "." in p[0] and "," in p[0])
    assert found is not None and found[1] >= 1000
    whole, decimals = found[0].split(",")
    assert whole.count(".") >= 1 and decimals.isdigit()


@SETTINGS
@given(realisation_rows(["Persentase A", "Indeks B"]))
def test_realisation_rows(row: dict[str, str]) -> None:
    assert set(row) == {"indikator", "tahun", "satuan", "target", "realisasi", "arah"}
    assert row["indikator"] in ("Persentase A", "Indeks B")
    assert math.isfinite(read_number(row["target"]).value)  # type: ignore[arg-type]


def test_falsify_is_reproducible_and_returns_none_when_nothing_fails() -> None:
    strategy = st.lists(st.integers(min_value=0, max_value=1000), min_size=1)
    first = falsify(strategy, lambda xs: sum(xs) > 1500)
    assert first == falsify(strategy, lambda xs: sum(xs) > 1500)
    assert first is not None and sum(first) > 1500
    assert falsify(st.integers(min_value=0, max_value=9), lambda n: n > 9) is None


_NO_HYPOTHESIS = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "hypothesis" or name.startswith("hypothesis."):
            raise ModuleNotFoundError("No module named 'hypothesis'", name="hypothesis")
sys.meta_path.insert(0, Block())
import indikator
from indikator.verification.properties import verify, VerifyError
from indikator.cli.app import main
f = indikator.parse("A / B x 100%")
assert indikator.lint(f) is not None
try:
    verify(f)
except VerifyError as error:
    print("refused:", error.message("en"))
assert "hypothesis" not in sys.modules
print("exit", main(["verify", "--lang", "en", sys.argv[1]]))
"""


def test_the_package_works_without_hypothesis(tmp_path: Path) -> None:
    formulas = tmp_path / "rumus.txt"
    formulas.write_text("A / B x 100%\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _NO_HYPOTHESIS, str(formulas)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "refused: Verification needs the hypothesis package" in done.stdout
    assert "exit 1" in done.stdout
    assert "hypothesis" in done.stderr and "Traceback" not in done.stderr
