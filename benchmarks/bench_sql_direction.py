"""Benchmark: ``achievement()`` with a direction per row against ``np.where`` of the two
fixed-direction calls (issue 11: goal ≤ 1.5×).

Run: ``.venv/bin/python benchmarks/bench_sql_direction.py [ROWS] [REPEATS] [--floor]`` (default
10^6, 5).

The baseline is always ``np.where(lower, achievement(R, T, "lower"), achievement(R, T,
"higher"))`` with ``lower`` a mask computed beforehand (not timed).  The per-row side gets the
direction as a user holds it, 20 % ``turun`` and 80 % ``naik``:

- words from a CSV file, as ``pandas.read_csv`` returns them: a ``str`` Series (pandas 3), and
  its ``.to_numpy()`` (an object array whose cells share one ``str`` object per distinct
  word in each chunk of rows the reader parses), and its ``.tolist()`` (a Python list);
- a boolean mask (True = lower is better), numpy and as a bool Series;
- a pandas categorical: ``Categorical`` and a ``category`` Series;
- numpy fixed-width text (``<U5``);
- an object array of a million distinct ``str`` objects (``np.where(...).astype(object)``),
  also as an object Series and as a ``str`` Series built from it;
- last, a CSV column of seven spellings (naik 60 %, turun 20 %, "Naik " 10 %, TURUN 5 %,
  "semakin rendah semakin baik" 5 %, a few "???" and "Positif (+)") with a missing cell every
  997 rows, as ``pd.read_csv`` returns it; the baseline's ``lower`` is its lower rows, and
  the unknown rows (missing, "???") are set to NaN outside the timing for the check.

``--floor`` (after ROWS and REPEATS) then times what bounds the unshared forms: one ``==``
pass over the distinct objects, the one-pass alternatives tried (``pd.factorize``,
``astype(StringDType)``, ``astype("U")``), reading only the rows left after a first pass
(gathered, or by ``np.equal(..., where=)``), one ``==`` pass over the fixed-width text, a list
made an object array (``np.fromiter``), and a sum over 64 bytes a row (memory bandwidth).

Each line: best CPU time (``time.process_time``) of the per-row call and of the baseline,
measured alternately, and their ratio.  Every form is first checked to give the baseline bit
for bit (NaN where equal).  Not run by the test suite.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from indikator.capaian.methods import achievement


def _best(repeats: int, first: Callable[[], object], second: Callable[[], object]
          ) -> tuple[float, float]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        for store, function in ((a, first), (b, second)):
            start = time.process_time()
            function()
            store.append(time.process_time() - start)
    return min(a), min(b)


def _forms(direction: np.ndarray, lower: np.ndarray) -> dict[str, Any]:
    """The direction column in each form measured (see the module docstring)."""
    text = io.StringIO()
    pd.DataFrame({"arah": direction}).to_csv(text, index=False)
    text.seek(0)
    csv = pd.read_csv(text)["arah"]
    return {
        "words from read_csv, str Series": csv,
        "words from read_csv, .to_numpy()": csv.to_numpy(),
        "words from read_csv, .tolist()": csv.tolist(),
        "boolean mask": lower,
        "bool Series": pd.Series(lower),
        "pandas Categorical": pd.Categorical(direction),
        "category Series": pd.Series(direction, dtype="category"),
        "numpy fixed-width text": direction.astype(str),
        "object array, a distinct str per row": direction,
        "object Series, a distinct str per row": pd.Series(direction, dtype=object),
        "str Series, a distinct str per row": pd.Series(direction, dtype="str"),
    }


def _identical(got: Any, want: np.ndarray) -> None:
    got = np.asarray(got, dtype=float)
    nan = np.isnan(want)
    assert np.array_equal(np.isnan(got), nan)
    assert np.array_equal(got[~nan].view(np.uint64), want[~nan].view(np.uint64))


def main(rows: int = 1_000_000, repeats: int = 5) -> None:
    rng = np.random.default_rng(11)
    target = np.round(rng.uniform(1, 100, rows), 2)
    actual = np.round(target * rng.uniform(0.5, 1.3, rows), 2)
    direction = np.where(rng.random(rows) < 0.2, "turun", "naik").astype(object)
    lower = direction == "turun"

    def two_calls() -> Any:
        return np.where(lower, achievement(actual, target, "lower"),
                        achievement(actual, target, "higher"))

    forms = _forms(direction, lower)
    for form in forms.values():
        _identical(achievement(actual, target, form), two_calls())
    for label, form in forms.items():
        _report(rows, label, _best(repeats, partial(achievement, actual, target, form),
                                   two_calls))
    _mixed(rng, actual, target, repeats)


def _report(rows: int, label: str, times: tuple[float, float]) -> None:
    ours, theirs = times
    print(f"{rows:,} rows, direction per row as {label}: {ours:.4f} s, np.where of two "
          f"calls {theirs:.4f} s, ratio {ours / theirs:.2f} (goal ≤ 1.5)")


def _mixed(rng: np.random.Generator, actual: np.ndarray, target: np.ndarray,
           repeats: int) -> None:
    """The seven-spelling CSV column (see the module docstring)."""
    rows = actual.size
    words = np.array(["naik", "turun", "Naik ", "TURUN", "semakin rendah semakin baik", "???",
                      "Positif (+)"], dtype=object)
    cells = words[rng.choice(7, rows, p=[0.6, 0.2, 0.1, 0.05, 0.0499, 0.00005, 0.00005])]
    cells[::997] = None
    text = io.StringIO()
    pd.DataFrame({"arah": cells}).to_csv(text, index=False)
    text.seek(0)
    column = pd.read_csv(text)["arah"]
    lower = np.isin(cells, ["turun", "TURUN", "semakin rendah semakin baik"])
    unknown = np.isin(cells, ["???"]) | (cells == None)  # noqa: E711 (object cells)

    def two_calls() -> Any:
        return np.where(lower, achievement(actual, target, "lower"),
                        achievement(actual, target, "higher"))

    want = two_calls()
    want[unknown] = np.nan
    _identical(achievement(actual, target, column), want)
    _report(rows, "words from read_csv, seven spellings and missing cells",
            _best(repeats, lambda: achievement(actual, target, column), two_calls))


def floor(rows: int = 1_000_000, repeats: int = 5) -> None:
    """Best CPU times of the operations that bound the unshared forms (module docstring)."""
    rng = np.random.default_rng(11)
    direction = np.where(rng.random(rows) < 0.2, "turun", "naik").astype(object)
    first = direction == "naik"
    left = np.flatnonzero(~first)
    fixed = direction.astype(str)
    words = direction.tolist()
    wide = np.ones(rows * 8)  # 64 bytes a row, the size of a short str object

    def masked() -> object:
        out = np.zeros(rows, dtype=bool)
        return np.equal(direction, "turun", out=out, where=~first)

    steps: dict[str, Callable[[], object]] = {
        'one pass values == "naik"': lambda: direction == "naik",
        "pd.factorize(values)": lambda: pd.factorize(direction),
        'values.astype("U")': lambda: direction.astype("U"),
        "rows left: values[left] == word": lambda: direction[left] == "turun",
        "rows left: np.equal(..., where=)": masked,
        'fixed-width text, one pass == "naik"': lambda: fixed == "naik",
        "list to object array (np.fromiter)":
            lambda: np.fromiter(words, dtype=object, count=rows),
        "sum over 64 bytes a row": wide.sum,
    }
    if hasattr(np, "dtypes") and hasattr(np.dtypes, "StringDType"):
        steps["values.astype(StringDType)"] = lambda: direction.astype(np.dtypes.StringDType())
    for label, step in steps.items():
        best, _ = _best(repeats, step, lambda: None)
        print(f"{rows:,} rows, {label}: {best * 1000:.1f} ms")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:] if a != "--floor"]
    main(*args)
    if "--floor" in sys.argv:
        floor(*args)
