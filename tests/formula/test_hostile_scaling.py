"""Hostile shapes (issue 12, class 2 and the 500-deep Formula of class 13): parsing and linting
grow about linearly with the input, and a hand-built deep formula is refused clearly.

Each shape is tried at 10^3 and 10^4 characters.  The guard is generous: the 10^4 call must
finish under 5 s and take less than 60 times the 10^3 call (floored at 20 ms; linear is about
10, the quadratic behaviour these reproduce was 60–120 and took 1–10 s at 10^4).  Timings are
guards against blow-ups, not benchmarks.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

import indikator
from indikator.core.errors import EvaluationError, IndikatorError
from indikator.formula.model import Formula
from indikator.formula.nodes import BinOp, Number, Variable


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: unit * max(1, size // len(unit))


SHAPES: dict[str, Callable[[int], str]] = {
    "digits then exponent": lambda size: "1" * size + "E+99",
    "glued coefficients": _repeat("2T "),
    "times hundred": _repeat("a x 100 "),
    "name, spaces, x 100": lambda size: "Jumlah A" + " " * size + "x 100",
    "rupiah amounts": _repeat("Rp 1.000.000,00 "),
    "escaped quotes": _repeat('\\"'),
    "open quote, escaped quotes": lambda size: '"' + '\\"' * (size // 2),
    "persentase": _repeat("persentase "),
    "name slashes": _repeat("SD/ "),
    "phrase commas": _repeat("a, "),
    "counted doses": _repeat("3 x imunisasi "),
    "operator verbs": _repeat("A dibagi "),
    "period names": _repeat("PDRB (t) "),
    "dash bars": _repeat("A ---- x 100 % B "),
    "lines": _repeat("A\n"),
    "assignments": _repeat("A = "),
    "x100 glued to names": _repeat("Bx100"),
}


def _seconds(call: Callable[[], object]) -> float:
    # CPU time of this process: the guard measures the work, not how busy the machine is.
    start = time.process_time()
    with contextlib.suppress(IndikatorError):
        call()
    return time.process_time() - start


def _grows_linearly(call: Callable[[str], object], make: Callable[[int], str]) -> None:
    small, large = make(1_000), make(10_000)
    t_small = max(min(_seconds(lambda: call(small)) for _ in range(3)), 0.020)
    t_large = min(_seconds(lambda: call(large)) for _ in range(2))
    assert t_large < 5.0, f"{t_large:.2f} s at 10^4 characters"
    assert t_large / t_small < 60, f"{t_small * 1e3:.1f} ms → {t_large * 1e3:.1f} ms"


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_parse_grows_linearly(shape: str) -> None:
    _grows_linearly(indikator.parse, SHAPES[shape])


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_lint_grows_linearly(shape: str) -> None:
    _grows_linearly(lambda text: indikator.lint(text, "Persentase A", "%"), SHAPES[shape])


@pytest.mark.parametrize(
    "name",
    [
        _repeat("x"),
        _repeat("persentase "),
        _repeat("Persentase dokumen yang dilaksanakan "),
        _repeat("a b "),
    ],
    ids=["letters", "persentase", "phrase", "short words"],
)
def test_a_huge_indicator_name_is_linted_in_linear_time(name: Callable[[int], str]) -> None:
    formula = "Jumlah dokumen yang direncanakan / Jumlah dokumen yang dilaksanakan x 100%"
    _grows_linearly(lambda text: indikator.lint(formula, text, "%"), name)


def test_a_deep_formula_built_by_a_library_caller_is_refused_clearly() -> None:
    expr: BinOp | Variable = Variable("A")
    for _ in range(500):
        expr = BinOp("+", expr, Number(1.0))
    formula = Formula(expr)
    for call in (lambda: formula.evaluate(A=1), lambda: indikator.evaluate(formula, A=1)):
        with pytest.raises(EvaluationError) as info:
            call()
        assert "200" in info.value.message("en") and "tingkat" in info.value.message("id")
    shallow = Variable("A")
    for _ in range(150):
        shallow = BinOp("+", shallow, Number(1.0))  # type: ignore[assignment]
    assert Formula(shallow).evaluate(A=1) == 151.0
