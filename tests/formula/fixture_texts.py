"""Every formula text in the fixtures (grammar forms, round trips, lint cases, correct ratios,
held-out formulas, the seed's Tabel 6.3 and both real corpora), for tests that must hold on all
of them.  Reads files only; judges nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _tsv_column(path: Path, column: int) -> list[str]:
    texts = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > column and cells[column] not in ("formula", "text"):
            texts.append(cells[column].replace("\\n", "\n"))
    return texts


def fixture_texts() -> list[str]:
    """All formula texts, de-duplicated, in file order."""
    texts: list[str] = []
    texts += _tsv_column(FIXTURES / "grammar" / "forms.tsv", 0)
    texts += _tsv_column(FIXTURES / "grammar" / "forms.tsv", 1)
    texts += _tsv_column(FIXTURES / "roundtrip" / "canonical.txt", 0)
    texts += _tsv_column(FIXTURES / "lint" / "cases.tsv", 0)
    texts += _tsv_column(FIXTURES / "lint" / "correct-ratios.tsv", 0)
    texts += _tsv_column(FIXTURES / "heldout" / "formulas.tsv", 0)
    with (FIXTURES / "seed-tabel-6.3-expected.tsv").open(encoding="utf-8") as handle:
        texts += [row["rumus"] for row in csv.DictReader(handle, delimiter="\t")]
    for name in ("formulas-dev.jsonl", "formulas-real-2.jsonl"):
        for line in (FIXTURES / "corpus" / name).read_text("utf-8").splitlines():
            texts.append(json.loads(line)["formula"])
    return list(dict.fromkeys(texts))
