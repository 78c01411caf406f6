"""Analysis through the parser: the kinds fixture and the seed's Tabel 6.3."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indikator.formula.analysis import percent

parser = pytest.importorskip("indikator.formula.parser")
FIXTURES = Path(__file__).parents[1] / "fixtures"


def _cases() -> list[list[str]]:
    lines = (FIXTURES / "analysis" / "kinds.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("text", "kind", "numerator", "denominator", "factor", "pct"), _cases())
def test_kinds_fixture(
    text: str, kind: str, numerator: str, denominator: str, factor: str, pct: str
) -> None:
    formula = parser.parse(text)
    assert formula.kind == kind
    assert percent(formula.expr) is (pct == "yes")
    if numerator == "-":
        return
    ratio = formula.ratio
    assert ratio is not None
    assert ratio.numerator == parser.parse(numerator).expr
    assert ratio.denominator == parser.parse(denominator).expr
    assert ratio.factor == pytest.approx(float(factor))


def test_seed_table_6_3_ratios() -> None:
    with (FIXTURES / "seed-tabel-6.3-expected.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) >= 28
    for row in rows:
        formula = parser.parse(row["rumus"])
        if row["seed_line"] == "157":
            assert formula.kind == "single"
            continue
        assert formula.kind == "ratio", row["seed_line"]
        ratio = formula.ratio
        assert ratio is not None
        expected = 0.01 if row["seed_line"] == "201" else 100.0
        assert ratio.factor == pytest.approx(expected), row["seed_line"]
        written = ratio.numerator, ratio.denominator
        assert all(getattr(side, "name", "").split()[0] in ("Jumlah", "Total") for side in written)
