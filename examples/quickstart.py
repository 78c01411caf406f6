"""Quick start: parse a formula from a Tabel 6.3, lint it, evaluate it, rate a capaian.

Run with ``python examples/quickstart.py``.  Uses only the public API of :mod:`indikator`.
"""

from __future__ import annotations

import numpy as np

import indikator

# A formula as the Kota Serang Renstra prints it (seed line 188): proposed over enacted.
TEXT = (
    r"\frac{\text{Jumlah Perda/Perwal yang diusulkan}}"
    r"{\text{Total Perda/Perwal yang di syahkan}} \times 100"
)

formula = indikator.parse(TEXT)
print("kind:", formula.kind)
print("canonical:", formula.to_text())
assert formula.ratio is not None
print("factor:", formula.ratio.factor)

NAME = "Persentase Perda, Perwal yang disahkan"
for finding in indikator.lint(formula, name=NAME, unit="Persen"):
    print(f"[{finding.severity}] {finding.rule}: {finding.message('en')}")
    if finding.fix:
        print("    fix:", finding.fix)

# Vectorised evaluation: one value per row, NaN (with a reason) where the denominator is 0.
values = formula.evaluate(
    {
        "Jumlah Perda/Perwal yang diusulkan": np.array([12.0, 10.0, 8.0]),
        "Total Perda/Perwal yang disyahkan": np.array([10.0, 10.0, 0.0]),
    }
)
print("values:", values)

# Capaian: lower is better (PermenPANRB 8/2021), then the AKIP grade of a score.
print("capaian:", indikator.achievement(4.88, 32, direction="lower"))
print("AKIP 80,68 →", indikator.rate(80.68, scale="akip").code)
