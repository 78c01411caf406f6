"""Where scale files are found: the caller's paths, ``$INDIKATOR_SCALES``, the shipped
``definitions/scales``; first match of a name wins.

Lists files only (no TOML is read here), so that light readers (the category labels of
:mod:`indikator.scales.labels`) need neither numpy nor validation.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from indikator.core.resources import data_dir

__all__ = ["ENV_VAR", "scale_paths"]

ENV_VAR: Final = "INDIKATOR_SCALES"


def scale_paths(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """Where scales are looked up, first match wins: *paths*, ``$INDIKATOR_SCALES``, built-ins."""
    found: list[Path] = [Path(p) for p in paths or ()]
    env = os.environ.get(ENV_VAR, "")
    found += [Path(p) for p in env.split(os.pathsep) if p.strip()]
    found.append(data_dir("definitions") / "scales")
    return found


def _scale_files(paths: Sequence[str | Path] | None) -> dict[str, Path]:
    """Scale name (file stem) → file, earlier search paths shadowing later ones."""
    files: dict[str, Path] = {}
    for place in scale_paths(paths):
        if place.is_file():
            files.setdefault(place.stem, place)
        elif place.is_dir():
            for file in sorted(place.glob("*.toml")):
                files.setdefault(file.stem, file)
    return files
