"""Linter recall on swapped real ratios, and false ``inverted`` findings on the correct ones.

Run: ``.venv/bin/python benchmarks/lint_recall.py [--verbose]``.

Every row of the two real corpora (``tests/fixtures/corpus/``) that the reader reads as a
ratio ``A / B × k`` is linted as written (with its indicator name and satuan) — an ``inverted``
error there is a false alarm — and swapped, ``B / A × k`` (built with the printer, so the
swap is exactly the same quantities upside down) — an ``inverted`` finding there is a catch.
Prints the counts; a measurement, not a test (the tests pin the numbers in tests/linter).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import indikator  # noqa: E402
from indikator.core.errors import FormulaSyntaxError  # noqa: E402
from indikator.formula.nodes import BinOp, Number  # noqa: E402
from indikator.formula.printer import to_text  # noqa: E402


def rows() -> list[dict[str, Any]]:
    found = []
    for name in ("formulas-dev.jsonl", "formulas-real-2.jsonl"):
        for line in (ROOT / "tests" / "fixtures" / "corpus" / name).read_text("utf-8").splitlines():
            found.append(json.loads(line))
    return found


def measure(verbose: bool = False) -> dict[str, int]:
    counts = {"ratios": 0, "false_inverted_errors": 0, "false_inverted_warnings": 0,
              "swaps_caught_error": 0, "swaps_caught_any": 0}
    for row in rows():
        try:
            formula = indikator.parse(row["formula"])
        except FormulaSyntaxError:
            continue
        ratio = formula.ratio
        if ratio is None:
            continue
        name, unit = row.get("indikator") or None, row.get("satuan") or None
        counts["ratios"] += 1
        as_written = [f for f in indikator.lint(formula, name, unit) if f.rule == "inverted"]
        counts["false_inverted_errors"] += any(f.severity == "error" for f in as_written)
        counts["false_inverted_warnings"] += any(f.severity == "warning" for f in as_written)
        swapped = BinOp("/", ratio.denominator, ratio.numerator)
        if ratio.factor != 1:
            swapped = BinOp("*", swapped, Number(ratio.factor, percent=ratio.factor == 100))
        text = to_text(swapped)
        caught = [f for f in indikator.lint(text, name, unit) if f.rule == "inverted"]
        counts["swaps_caught_error"] += any(f.severity == "error" for f in caught)
        counts["swaps_caught_any"] += bool(caught)
        if verbose and not caught:
            print(f"  missed {row['id']}: {name!r}: {text[:110]!r}")
        if verbose and as_written:
            print(f"  FALSE  {row['id']}: {name!r}: {to_text(formula)[:110]!r}")
    return counts


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--verbose", action="store_true")
    counts = measure(options.parse_args().verbose)
    print(f"ratios read right-side-up: {counts['ratios']}")
    print(f"swaps caught (inverted, any severity): {counts['swaps_caught_any']}/{counts['ratios']}"
          f"  (as an error: {counts['swaps_caught_error']})")
    print(f"false inverted on the correct ones: errors {counts['false_inverted_errors']}, "
          f"warnings {counts['false_inverted_warnings']}")


if __name__ == "__main__":
    main()
