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
  ``denominator`` and ``factor`` (``…`` in a reading stands for a long clause; see
  :func:`matches` for how elisions and the person's own abbreviations are compared).

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
    return " ".join(re.findall(r"[^\W_]+|[-+/]", text))


def _side(node: Any) -> str:
    return node.name if isinstance(node, Variable) else to_text(node)


def matches(found: str, wanted: str, source: str = "") -> bool:
    """*found* reads as *wanted*.  ``…`` (or ``...``) in *wanted* stands for an elided clause;
    words of *wanted* that do not occur in the *source* text at all are the person's own
    abbreviations (``DM`` for "diabetes melitus") and are not required.  Otherwise every word
    of *wanted* occurs in *found* in order and *found* starts with the same word: the reading
    may keep qualifiers the person left out (``jumlah kasus dengue di Kabupaten/Kota selama
    satu tahun`` for ``jumlah kasus dengue``), never start elsewhere or miss a word."""
    wanted = wanted.replace("...", "…")
    found_words = _words(found).split()
    source_words = set(_words(source).split()) if source else None
    parts = [_words(part).split() for part in wanted.split("…")]
    if len(parts) == 1 and source_words is None:
        return found_words == parts[0]
    want = [w for part in parts for w in part if source_words is None or w in source_words]
    if not want or not found_words:
        return not want and not found_words
    if parts[0] and found_words[0] != want[0]:
        return False
    position = 0
    for word in want:
        try:
            position = found_words.index(word, position) + 1
        except ValueError:
            return False
    return True


def _warned(formula: Any, name: str | None, unit: str | None) -> bool:
    findings = indikator.lint(formula, name=name or None, unit=unit or None)
    own = getattr(formula, "warnings", ())
    return bool(own) or any(f.severity in ("warning", "error") for f in findings)


def grade_ratio(text: str, numerator: str, denominator: str, factor: float,
                name: str | None, unit: str | None, lenient: bool = False) -> tuple[str, str]:
    try:
        formula = indikator.parse(text)
    except FormulaSyntaxError as error:
        return "refused", error.message("en").split("\n")[0]
    ratio = formula.ratio
    source = text if lenient else ""
    if ratio is not None and matches(_side(ratio.numerator), numerator, source) and matches(
        _side(ratio.denominator), denominator, source
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
                                      item.get("satuan"), lenient=True)
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
