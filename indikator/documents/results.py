"""What the document readers return: tables, their rows, read cells and unread cells.

Plain data classes with their JSON shape; no reading or judging happens here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from indikator.core.errors import IndikatorError
from indikator.core.i18n import Message

if TYPE_CHECKING:
    from indikator.documents.numbers import Quantity

__all__ = ["FormulaRow", "HeadlineRow", "ProgrammeRow", "Reading", "Table", "Unread"]

@dataclass(frozen=True)
class Unread:
    """A cell that could not be read: where it is, what it says, and why (a message key)."""

    line: int
    column: int | str
    text: str
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)
    error: IndikatorError | None = field(default=None, compare=False)

    def message(self, lang: str | None = None) -> str:
        """The reason in *lang*; a number reader's error is rendered in the same language."""
        detail = {} if self.error is None else {"detail": self.error}
        return Message(self.reason, {**self.params, **detail}).render(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "reason": self.message(lang),
        }


@dataclass(frozen=True)
class Reading:
    """A value cell that was read: its place, its text and the quantity it holds."""

    line: int
    column: int
    text: str
    quantity: Quantity

    @property
    def value(self) -> float | None:
        """The number (for ranges: None; for categories: None)."""
        if self.quantity.kind == "number" and self.quantity.value is not None:
            return float(self.quantity.value)
        return None

    def to_json(self) -> Any:
        """A number when the cell is a plain number, else the text as written."""
        value = self.value
        return value if value is not None else self.text


@dataclass
class FormulaRow:
    """One indicator of a formula table (Tabel 6.3)."""

    indicator: str
    unit: str
    formula: str
    explanation: str
    context: tuple[str, ...]
    line: int
    lines: list[int] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # other columns (e.g. sumber data)


@dataclass
class ProgrammeRow:
    """One indicator of a programme table (Tabel 6.1 / 6.2) with yearly targets and budgets."""

    indicator: str
    line: int
    code: str = ""
    programme: str = ""
    unit: str = ""
    baseline: Reading | None = None
    targets: dict[int, Reading] = field(default_factory=dict)
    budgets: dict[int, Reading] = field(default_factory=dict)
    end_target: Reading | None = None
    end_budget: Reading | None = None
    end_before_target: Reading | None = None
    end_before_budget: Reading | None = None
    responsible: str = ""
    context: tuple[str, ...] = ()
    lines: list[int] = field(default_factory=list)


@dataclass
class HeadlineRow:
    """One indicator of a headline table (Tabel 7.1): actual and target per year."""

    indicator: str
    line: int
    values: dict[int, Reading] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)  # year -> "actual" | "target"
    end_before: Reading | None = None
    end_after: Reading | None = None
    responsible: str = ""
    context: tuple[str, ...] = ()
    unit: str = ""
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    """One table found in a document, with what was read and what was not."""

    number: str | None
    kind: str  # "formula" | "programme" | "headline" | "unknown"
    title: str
    start_line: int
    end_line: int
    rows: list[Any] = field(default_factory=list)
    cells_read: int = 0
    unread: list[Unread] = field(default_factory=list)
    totals: dict[str, Reading] = field(default_factory=dict)
    continued: bool = False
    inferred: list[Any] = field(default_factory=list)  # Messages: what the reader guessed

    @property
    def indicators(self) -> int:
        return len(self.rows)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "table": self.number,
            "kind": self.kind,
            "title": self.title,
            "lines": [self.start_line, self.end_line],
            "continued": self.continued,
            "indicators": self.indicators,
            "cells_read": self.cells_read,
            "cells_unread": [u.to_json(lang) for u in self.unread],
            "inferred": [m.render(lang) for m in self.inferred],
        }
