"""One loader for the word lists in ``definitions/vocabulary/``: ``vocabulary("units")``.

Each list is one TOML file (``definitions/vocabulary/<name>.toml``), read once and cached; the
modules that need a list ask for it here instead of keeping their own copy, so a word added to the
file reaches every reader.  This module only loads; what the words mean is up to the caller.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from indikator.core.resources import data_dir


@cache
def vocabulary(name: str) -> dict[str, Any]:
    """The parsed TOML of ``definitions/vocabulary/<name>.toml`` (cached; do not mutate)."""
    path = data_dir("definitions") / "vocabulary" / f"{name}.toml"
    with path.open("rb") as handle:
        return tomllib.load(handle)


def available() -> list[str]:
    """The names of the shipped word lists."""
    return sorted(p.stem for p in (data_dir("definitions") / "vocabulary").glob("*.toml"))
