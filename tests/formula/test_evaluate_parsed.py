"""Evaluation of parsed formulas: the public ``Formula.evaluate`` path, seed formulas, text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import indikator
from indikator.formula.api import evaluate, evaluate_detailed

SEED_189 = (
    r"$\frac{\text{Jumlah Dokumen Pelaksanaan Pemerintaha Umum yang di rencanakan}}"
    r"{\text{Total Dokumen Pelaksanaan Pemerintahan yang di realisasi}} \times 100$"
)
SEED_201 = (
    r"$\frac{\text{Jumlah Dokumen Pelaksanaan Kebijakan Perekonomian yang akan dilaksanakan}}"
    r"{100 \times \text{Total Dokumen Kebijakan Perekonomian yang di dihasilkan}}$"
)


def test_formula_evaluate_over_dataframe_columns_written_differently() -> None:
    formula = indikator.parse(SEED_189)
    frame = pd.DataFrame(
        {
            "jumlah dokumen pelaksanaan pemerintaha umum yang direncanakan": [4, 5, 0],
            "Total Dokumen Pelaksanaan Pemerintahan yang direalisasi": [5, 5, 0],
        },
        index=pd.Index([2022, 2023, 2024], name="tahun"),
    )
    result = formula.evaluate(frame)
    assert result.index.equals(frame.index)
    assert result.tolist()[:2] == [80.0, 100.0]
    assert np.isnan(result[2024])


def test_x100_in_the_denominator_is_evaluated_as_written() -> None:
    formula = indikator.parse(SEED_201)
    assert formula.ratio is not None and formula.ratio.factor == pytest.approx(0.01)
    names = formula.variables
    assert formula.evaluate({names[0]: 8, names[1]: 10}) == pytest.approx(0.008)


def test_symbols_from_keterangan_take_values_by_phrase() -> None:
    formula = indikator.parse(
        "TPT = PP/PAK x 100% Keterangan: PP = Jumlah pengangguran, PAK = Jumlah angkatan kerja"
    )
    by_phrase = {"Jumlah pengangguran": [5, 7], "Jumlah angkatan kerja": [50, 0]}
    detail = evaluate_detailed(formula, by_phrase)
    np.testing.assert_array_equal(detail.values, [10.0, np.nan])
    assert detail.reasons.tolist() == [None, "division-by-zero"]


def test_text_is_parsed_first() -> None:
    assert evaluate("(2 × T − R) / T × 100", T=80, R=60) == 125.0
    assert evaluate("rata-rata(A, B, C)", A=1, B=2, C=6) == 3.0
    assert evaluate("1/3 (IS + IEK + IL)", IS=3, IEK=3, IL=3) == pytest.approx(3.0)
