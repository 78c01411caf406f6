"""The document importer on hostile Tabel 6.3 cells (issue 12 class 2): reading grows about
linearly with the cell.

A cell of repeated ``persentase`` in the formula column took 6.4 s at 10^5 characters (the
formula-wording pattern ``persentase.*dari`` rescanned the line from every ``persentase``);
100 000 characters of ``<`` searched the header words through every data cell.  Each shape is
read at 5 000 and 50 000 characters; the larger read must take under 5 s of CPU and less than
40 times the smaller one (floored at 5 ms; linear is about 10, the quadratic case was 97:
0.017 s → 1.6 s).
"""

from __future__ import annotations

import time

import pytest

import indikator

HEADER = "Tabel 6.3 Rumusan indikator\nNo\tIndikator\tSatuan\tRumus\tPenjelasan\n"

ROWS = {
    "formula cell of persentase": lambda cell: f"1\tPersentase A\tPersen\t{cell}\tket\n",
    "every cell": lambda cell: f"1\t{cell}\tPersen\t{cell}\t{cell}\n",
    "name cell": lambda cell: f"1\t{cell}\tPersen\tA / B x 100\tket\n",
}
UNITS = ["persentase ", "persentase dari ", "<", "terhadap ", "Tabel 6.3 "]


def _seconds(text: str) -> float:
    start = time.process_time()
    indikator.read_document(text)
    return time.process_time() - start


@pytest.mark.parametrize("row", sorted(ROWS))
@pytest.mark.parametrize("unit", UNITS)
def test_a_hostile_tabel_6_3_cell_is_read_in_linear_time(row: str, unit: str) -> None:
    def text(size: int) -> str:
        return HEADER + ROWS[row]((unit * (size // len(unit) + 1))[:size])

    small, large = text(5_000), text(50_000)
    t_small = max(min(_seconds(small) for _ in range(3)), 0.005)
    t_large = min(_seconds(large) for _ in range(2))
    assert t_large < 5.0, f"{t_large:.2f} s at 5 × 10^4 characters"
    assert t_large / t_small < 40, f"{t_small * 1e3:.1f} ms → {t_large * 1e3:.1f} ms"


def test_formula_wording_is_still_recognised() -> None:
    from indikator.documents.cells import has_formula_wording

    assert has_formula_wording("Persentase jumlah X dari jumlah Y")
    assert has_formula_wording("Perbandingan A terhadap B")
    assert not has_formula_wording("Persentase\ndari")  # as before: one line
    assert not has_formula_wording("Jumlah dokumen")
