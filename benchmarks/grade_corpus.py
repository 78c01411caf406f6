"""Grade the formula reader on the two real corpora kept in the repository.

Run: ``.venv/bin/python benchmarks/grade_corpus.py [--verbose]``.

Corpora (``tests/fixtures/corpus/``):

* ``formulas-dev.jsonl`` (70 real cells) graded against ``expected.tsv`` — a person's reading
  of each row: ``ratio`` rows give numerator / denominator / factor, ``xfail-ratio`` rows give
  the reading a person makes that the reader may still refuse, ``error`` rows must be refused,
  ``kind:…`` rows give the kind.  A ``ratio_ok`` row that a person reads as a ratio but whose
  text lost every operator (expected ``kind:single``) counts as *right* only if the parse or
  the linter says something (a warning or error finding), since a person reads a ratio there.
* ``formulas-real-2.jsonl`` (23 real cells) graded against the person's ``numerator``,
  ``denominator`` and ``factor`` (``…`` in a reading stands for a long clause).

Every row ends in one of three outcomes:

* ``right``   — the reading matches the person's (or the row should be refused and is);
* ``refused`` — a ``FormulaSyntaxError`` (acceptable when located and true), or a parse that
  differs from the person's reading but carries a warning/error finding naming the doubt;
* ``misread`` — a parse that differs from the person's reading with no warning at all: the
  defect this tool must never have.

The script prints the counts per corpus and, with ``--verbose``, every row that is not right.
It is a measurement, not a test (the tests check each row in ``tests/formula``).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
sys.path.insert(0, str(ROOT))

import indikator  # noqa: E402
from indikator.core.errors import FormulaSyntaxError  # noqa: E402
from indikator.formula.nodes import Variable  # noqa: E402
from indikator.formula.printer import to_text  # noqa: E402


def _words(text: str) -> str:
    text = text.casefold().replace("–", "-").replace("—", "-")
    return " ".join(re.findall(r"[^\W_]+|[-+()/]", text))


def _side(node: Any) -> str:
    return node.name if isinstance(node, Variable) else to_text(node)


def matches(found: str, wanted: str) -> bool:
    """*found* reads as *wanted*; ``…`` in *wanted* stands for any clause."""
    wanted_parts = [_words(part) for part in wanted.split("…")]
    found_words = _words(found)
    if len(wanted_parts) == 1:
        return found_words == wanted_parts[0]
    pattern = ".*".join(re.escape(part) for part in wanted_parts)
    return re.fullmatch(pattern, found_words) is not None


def _warned(formula: Any, name: str | None, unit: str | None) -> bool:
    findings = indikator.lint(formula, name=name or None, unit=unit or None)
    own = getattr(formula, "warnings", ())
    return bool(own) or any(f.severity in ("warning", "error") for f in findings)


def grade_ratio(text: str, numerator: str, denominator: str, factor: float,
                name: str | None, unit: str | None) -> tuple[str, str]:
    try:
        formula = indikator.parse(text)
    except FormulaSyntaxError as error:
        return "refused", error.message("en").split("\n")[0]
    ratio = formula.ratio
    if ratio is not None and matches(_side(ratio.numerator), numerator) and matches(
        _side(ratio.denominator), denominator
    ) and abs(ratio.factor - factor) < 1e-9:
        return "right", ""
    got = (
        f"{_side(ratio.numerator)!r} / {_side(ratio.denominator)!r} x {ratio.factor:g}"
        if ratio is not None
        else f"{formula.kind}: {to_text(formula)[:120]!r}"
    )
    return ("refused" if _warned(formula, name, unit) else "misread"), got


def grade_dev() -> list[tuple[str, str, str]]:
    rows = {
        json.loads(line)["id"]: json.loads(line)
        for line in (CORPUS / "formulas-dev.jsonl").read_text("utf-8").splitlines()
    }
    expected = list(csv.DictReader((CORPUS / "expected.tsv").open(encoding="utf-8"),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))
    results = []
    for row in expected:
        item = rows[int(row["id"])]
        text, expect = item["formula"], row["expect"]
        name, unit = item.get("indikator"), item.get("satuan")
        if expect in ("ratio", "xfail-ratio"):
            outcome, detail = grade_ratio(text, row["numerator"].replace('"', ""),
                                          row["denominator"].replace('"', ""),
                                          float(row["factor"]), name, unit)
        elif expect == "error":
            try:
                indikator.parse(text)
                outcome, detail = "misread", "parsed, should be refused"
            except FormulaSyntaxError:
                outcome, detail = "right", ""
        elif expect.startswith("kind:") or expect == "ratio-times-symbol":
            try:
                formula = indikator.parse(text)
            except FormulaSyntaxError as error:
                results.append((row["id"], "refused", error.message("en").split("\n")[0]))
                continue
            kind = expect.split(":", 1)[1] if ":" in expect else "ratio"
            person_reads_ratio = item["label"] == "ratio_ok" and kind == "single"
            if person_reads_ratio:
                outcome = "refused" if _warned(formula, name, unit) else "misread"
                detail = f"single, person reads a ratio: {to_text(formula)[:80]!r}"
            elif kind == "ratio" or formula.kind == kind:
                outcome, detail = "right", ""
            else:
                outcome, detail = "misread", f"kind {formula.kind}, expected {kind}"
        else:
            outcome, detail = "misread", f"unknown expectation {expect}"
        results.append((row["id"], outcome, detail))
    return results


def grade_real2() -> list[tuple[str, str, str]]:
    results = []
    for line in (CORPUS / "formulas-real-2.jsonl").read_text("utf-8").splitlines():
        item = json.loads(line)
        outcome, detail = grade_ratio(item["formula"], item["numerator"], item["denominator"],
                                      float(item["factor"]), item.get("indikator"),
                                      item.get("satuan"))
        results.append((item["id"], outcome, detail))
    return results


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--verbose", action="store_true")
    args = options.parse_args()
    for label, results in (("formulas-dev", grade_dev()), ("formulas-real-2", grade_real2())):
        counts = {key: sum(1 for _, o, _ in results if o == key)
                  for key in ("right", "refused", "misread")}
        print(f"{label:16} n={len(results):3}  right={counts['right']:3}  "
              f"refused={counts['refused']:3}  misread={counts['misread']:3}")
        if args.verbose:
            for row_id, outcome, detail in results:
                if outcome != "right":
                    print(f"    {row_id:>5} {outcome:8} {detail[:150]}")


if __name__ == "__main__":
    main()
