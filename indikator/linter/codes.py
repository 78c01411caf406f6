"""The linter's rule codes as data: code → rule name, rule function, severities.

Each :class:`~indikator.linter.rules.Finding` carries one of these codes; the table is what the
tests, the README and tools read (instead of scraping the rules' source).  A rule function may
emit several codes (``tautology``: IND010 and IND011); a code belongs to one function only.
This module holds data; the rules themselves are in :mod:`indikator.linter.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleCode:
    """One stable finding code: its rule name (as in ``Finding.rule``), the rule function
    that emits it, and the severities it may have."""

    code: str
    rule: str
    function: str
    severities: tuple[str, ...]


CODES: tuple[RuleCode, ...] = (
    RuleCode("IND001", "empty", "empty", ("warning",)),
    RuleCode("IND002", "syntax", "syntax", ("error",)),
    RuleCode("IND003", "constant", "constant", ("warning",)),
    RuleCode("IND004", "uncertain-reading", "uncertain_reading", ("warning",)),
    RuleCode("IND005", "lost-operator", "lost_operator", ("warning",)),
    RuleCode("IND010", "tautology", "tautology", ("error", "warning")),
    RuleCode("IND011", "tautology", "tautology", ("error",)),
    RuleCode("IND020", "inverted", "inverted", ("error", "warning")),
    RuleCode("IND030", "x100-in-denominator", "x100_in_denominator", ("error",)),
    RuleCode("IND031", "x100-twice", "x100_twice", ("error",)),
    RuleCode("IND032", "x100-missing", "x100_missing", ("warning",)),
    RuleCode("IND040", "unit-mismatch", "unit_mismatch", ("error",)),
    RuleCode("IND041", "unit-mismatch", "unit_mismatch", ("error",)),
    RuleCode("IND042", "unit-mismatch", "unit_mismatch", ("warning",)),
    RuleCode("IND050", "name-mismatch", "name_mismatch", ("warning",)),
    RuleCode("IND051", "name-mismatch", "name_mismatch", ("info",)),
    RuleCode("IND060", "target-denominator", "target_denominator", ("info",)),
)
"""Every code the linter emits, in report order."""

BY_CODE: dict[str, RuleCode] = {entry.code: entry for entry in CODES}
"""Code → its entry."""
