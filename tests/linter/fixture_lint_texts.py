"""Every (formula, indicator name, satuan) triple in the fixtures, for tests that must hold on
all of them (lint cases, correct ratios, held-out formulas, the seed, both real corpora)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _tsv(path: Path) -> list[tuple[str, str | None, str | None]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith(("formula\t", "text\t")):
            continue
        cells = [*line.split("\t"), "", ""]
        rows.append((cells[0].replace("\\n", "\n"), cells[1] or None, cells[2] or None))
    return rows


def lint_fixture_rows() -> list[tuple[str, str | None, str | None]]:
    """All triples, in file order."""
    rows = _tsv(FIXTURES / "lint" / "cases.tsv") + _tsv(FIXTURES / "lint" / "correct-ratios.tsv")
    rows += _tsv(FIXTURES / "heldout" / "formulas.tsv")
    with (FIXTURES / "seed-tabel-6.3-expected.tsv").open(encoding="utf-8") as handle:
        rows += [(r["rumus"], r["indikator"], r["satuan"])
                 for r in csv.DictReader(handle, delimiter="\t")]
    for name in ("formulas-dev.jsonl", "formulas-real-2.jsonl"):
        for line in (FIXTURES / "corpus" / name).read_text("utf-8").splitlines():
            item = json.loads(line)
            rows.append((item["formula"], item.get("indikator"), item.get("satuan")))
    return rows
