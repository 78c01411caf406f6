"""What the DuckDB engine decides in Python, once per distinct value, before SQL computes the
rows: an ``arah`` cell's direction, whether a ``satuan`` is a percent, and for an indicator
name the catalogue entry's arah and scale and the message of a direction guessed from the name
— the numpy engine's own per-value functions (:func:`~indikator.compute.names.direction_cell`,
:func:`~indikator.documents.units.is_percent`,
:meth:`~indikator.catalog.loader.Catalog.find`,
:func:`~indikator.compute.names.guessed_word`), called here for both of its paths: the general
path puts the answers in tables (:func:`indikator.sql.engine._lookups`), the streaming path
inlines them as ``CASE`` expressions (:class:`indikator.sql.stream._Lookups`).

It builds no SQL and runs no query; it imports neither numpy nor pandas (the streaming path
runs without them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from indikator.core.i18n import t

if TYPE_CHECKING:
    from indikator.catalog.loader import Catalog

__all__ = ["LookedUp", "NameInfo", "guess_text", "look_up"]

NameInfo = tuple[str, str, str]
"""Of an indicator name: the catalogue's arah, its scale, the guessed-direction message (each
"" when none)."""


def guess_text(word: str, lang: str | None) -> str:
    """The message of a direction guessed from *word* of the name ("" for no guess)."""
    return t("compute.direction_guessed", lang, word=word) if word else ""


@dataclass
class LookedUp:
    """The decisions by value (keys: the cells as text)."""

    dirs: dict[str, str] = field(default_factory=dict)
    """arah cell → ``naik`` / ``turun``, "" when blank, else the cell folded (not a
    direction: such a row is not plain)."""
    percent: dict[str, bool] = field(default_factory=dict)
    """satuan cell → a percent unit."""
    names: dict[str, NameInfo] = field(default_factory=dict)
    """indicator name → :data:`NameInfo`."""


def look_up(arah: Iterable[Any] = (), satuan: Iterable[Any] = (), names: Iterable[Any] = (),
            *, catalog: Catalog | None, lang: str | None) -> LookedUp:
    """The decisions for the distinct *arah* and *satuan* cells and indicator *names*."""
    from indikator.compute.names import direction_cell, guessed_word
    from indikator.documents.units import is_percent

    found = LookedUp()
    for value in arah:
        found.dirs[str(value)] = direction_cell(value)
    for value in satuan:
        found.percent[str(value)] = bool(is_percent(value))
    for value in names:
        entry = catalog.find(str(value)) if catalog is not None and value else None
        found.names[str(value)] = ((entry.arah or "") if entry is not None else "",
                                   (entry.scale or "") if entry is not None else "",
                                   guess_text(guessed_word(value), lang))
    return found
