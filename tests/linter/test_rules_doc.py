"""docs/lint-rules.md lists every code the linter emits, with its rule name and severities."""

from __future__ import annotations

import re
from pathlib import Path

from indikator.linter.codes import CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "lint-rules.md"


def test_the_rules_document_matches_the_code_table() -> None:
    row = re.compile(r"^\| (IND\d{3}) \| ([a-z0-9-]+) \| ([a-z, ]+) \|", re.M)
    documented = {
        code: (rule, tuple(s.strip() for s in severities.split(",")))
        for code, rule, severities in row.findall(DOC.read_text("utf-8"))
    }
    expected = {entry.code: (entry.rule, entry.severities) for entry in CODES}
    assert documented == expected
