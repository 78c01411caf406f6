"""Exception hierarchy: one root, one subclass per phase, each also a builtin.

Every error carries a message key into the catalogue (:mod:`indikator.core.i18n`) and its
parameters, so the same error can be shown in Bahasa Indonesia or English; ``str(error)`` uses
the default language.  Errors that point at a place carry ``line``/``column`` (1-based) or a
cell location.  This module defines types only; it never prints.
"""

from __future__ import annotations

from typing import Any

from indikator.core.i18n import Message


class IndikatorError(Exception):
    """Root of all errors raised for bad input.  Catch this to catch them all."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        """The human message in *lang* ("id" or "en"); parameters that are messages or errors
        (:class:`indikator.core.i18n.Message`) are rendered in the same language."""
        return Message(self.key, self.params).render(lang)

    def render(self, lang: str | None = None) -> str:
        """Same as :meth:`message`: lets an error be a parameter of a :class:`Message`."""
        return self.message(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The error as the CLI's JSON ``error`` object."""
        data: dict[str, Any] = {"message": self.message(lang), "code": self.key}
        for field in ("line", "column", "path", "cell"):
            if field in self.params and self.params[field] is not None:
                data[field] = self.params[field]
        return data

    def __str__(self) -> str:
        return self.message()


class InputFileError(IndikatorError, OSError):
    """A file that does not exist, cannot be read, or is not text."""


class FormulaSyntaxError(IndikatorError, ValueError):
    """Formula text the grammar cannot read.  Has ``line``, ``column``, ``expected``."""

    @property
    def line(self) -> int:
        return int(self.params.get("line", 1))

    @property
    def column(self) -> int:
        return int(self.params.get("column", 1))


class FormulaDepthError(IndikatorError, ValueError):
    """A formula (usually built by hand) nested deeper than the walks accept; the message says
    how deep, the limit, and where the limit is crossed."""


class EvaluationError(IndikatorError, ValueError):
    """A formula that cannot be evaluated with the data given (unknown or missing names)."""


class ScaleError(IndikatorError, ValueError):
    """A rating scale that is malformed (overlaps, gaps, bad intervals) or unknown."""


class NumberFormatError(IndikatorError, ValueError):
    """A cell that is not a number, quantity, range, comparison or category we can read."""


class CatalogError(IndikatorError, ValueError):
    """An indicator catalogue with problems; ``problems`` lists every one of them."""


class TableError(IndikatorError, ValueError):
    """A table (CSV, XLSX, extracted document) that cannot be read as the expected table."""


class AchievementError(IndikatorError, ValueError):
    """An achievement (capaian) request that cannot be honoured: unknown direction or method."""
