"""Numbers from hostile or ambiguous cells (issue 12 classes 1 and 8).

Class 1: the missing-value dash pattern nested a quantifier (``[-–]+(?:\\s*[-–]+)*``): 31
dashes and a letter took minutes.  Each reproducer runs in a subprocess with a timeout, since a
regex cannot be interrupted from Python.

Class 8: ``3.460`` is 3460 or 3,46.  The evidence of the call (the other values read with it)
and, for scales, the domain decide; where nothing decides, the cell is reported ambiguous with
both readings.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from indikator.documents.number_column import read_column
from indikator.documents.numbers import read_number


def _seconds(code: str, timeout: float = 20.0) -> float:
    """Run *code* (which prints a duration) in a fresh interpreter; a hang fails the test."""
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"took more than {timeout} s")
    assert done.returncode == 0, done.stderr
    return float(done.stdout.split()[-1])


@pytest.mark.parametrize("dash", ["-", "–", "—", "- "])
def test_many_dashes_then_a_letter_is_fast(dash: str) -> None:
    code = (
        "import time\nfrom indikator.documents.numbers import read_number\n"
        "from indikator.documents.number_column import read_column\n"
        f"text = {dash!r} * 5000 + 'x'\n"
        "read_column(['1'])\n"  # imports pandas before the clock starts
        "start = time.perf_counter()\n"
        "for cell in (text, text[-40:], text[-60:]):\n"
        "    try:\n        read_number(cell)\n    except ValueError:\n        pass\n"
        "read_column([text[-45:], text])\n"
        "print(time.perf_counter() - start)\n"
    )
    assert _seconds(code) < 1.0


def test_dashes_are_still_a_missing_value() -> None:
    for text in ("-", "--", "- -", "—", "– –", "---------"):
        assert read_number(text).kind == "missing"


def test_a_sibling_with_a_dot_decimal_decides() -> None:
    values = read_column(["3.460", "3.4312"]).values
    assert values.tolist() == [3.46, 3.4312]
