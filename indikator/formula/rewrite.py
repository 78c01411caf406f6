"""What the normaliser changed between the text as written and the text the grammar read.

A :class:`Rewrite` says which step changed what, where in the source, and into what.  Rewrites
are data only: :mod:`indikator.formula.normalise` makes them,
:class:`~indikator.formula.model.Formula` keeps them (``Formula.rewrites``), ``indikator parse
--json`` prints them, and the linter warns about those that reinterpret words (see
:attr:`Rewrite.certain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indikator.core.i18n import t

KINDS = ("drop", "move", "replace", "insert", "mark")
"""``drop``: text removed from the formula and kept nowhere else (only punctuation, spacing,
labels and delimiters are dropped without a warning); ``move``: text taken out of the formula
into the name, the legend (definitions) or the worked examples; ``replace``: text read as
something else (``dibagi`` → ``/``); ``insert``: characters the step added (brackets, an
operator restored); ``mark``: a character kept in a name instead of read as an operator."""


@dataclass(frozen=True, slots=True)
class Rewrite:
    """One change a normalisation step made.  ``start``/``end`` are offsets into the source
    text (as written); ``before`` is the source text there, ``after`` what the grammar read
    instead (``""`` when it was dropped or moved out).  ``certain`` is False when the step
    reinterpreted a word by a guess that deserves a warning."""

    step: str
    kind: str
    start: int
    end: int
    before: str
    after: str
    certain: bool = True

    def reason(self, lang: str | None = None) -> str:
        """Why the step made this change, in *lang*."""
        return t(f"rewrite.{self.step}", lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The rewrite as ``parse --json`` prints it."""
        return {
            "step": self.step,
            "kind": self.kind,
            "span": [self.start, self.end],
            "before": self.before,
            "after": self.after,
            "certain": self.certain,
            "reason": self.reason(lang),
        }
