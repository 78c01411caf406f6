"""Locate the data that ships with indikator: ``grammar/``, ``definitions/``, ``examples/``.

In a built wheel they sit inside the package at ``indikator/_data/`` (hatch ``force-include``);
in a source checkout or editable install they sit at the top of the repository.  This module
only resolves paths; it reads nothing.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir(name: str) -> Path:
    """The directory *name* ("grammar", "definitions", "examples") wherever it is installed."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"indikator data directory {name!r} is not installed")


def data_path(relative: str) -> Path:
    """A file below one of the data directories, e.g. ``grammar/indikator.lark``."""
    top, _, rest = relative.partition("/")
    return data_dir(top) / rest
