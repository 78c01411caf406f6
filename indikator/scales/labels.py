"""The category words of the scales that can be loaded: every band's code, aliases and label
("BB", "WTP-PP", "Wajar Tanpa Pengecualian", "Buruk"), for readers of printed cells.

Read straight from the TOML files found by :mod:`indikator.scales.paths` (the shipped scales and
the user's own, ``$INDIKATOR_SCALES``), without building or validating the scales, so the number
reader stays free of numpy and pandas.  Cached per search path; a file that cannot be read is
skipped here (loading it as a scale reports why).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from indikator.scales.paths import ENV_VAR, _scale_files

__all__ = ["Categories", "categories"]

#: a code written in capitals ("BB", "WTP-PP"): matched as written only ("bb" is not a grade)
GRADE: Final = re.compile(r"[A-Z]{1,3}(?:-[A-Z]{1,3})?")
_PARENTHESIS: Final = re.compile(r"^(?P<head>[^()]*\S)\s*\((?P<inner>[^()]+)\)$")


@dataclass(frozen=True)
class Categories:
    """Grades (matched as written) and words (matched in any case → canonical spelling)."""

    grades: frozenset[str]
    words: Mapping[str, str]

    def find(self, text: str) -> str | None:
        """The canonical category *text* names, or None."""
        if text in self.grades:
            return text
        return self.words.get(text.casefold())

    def all(self) -> list[str]:
        """Every category in its canonical spelling, sorted."""
        return sorted(self.grades | set(self.words.values()))


def categories(paths: Sequence[str | Path] | None = None) -> Categories:
    """The category words of every scale on the search path (*paths*, ``$INDIKATOR_SCALES``,
    the shipped scales).  Labels keep their spelling ("Sangat Tinggi"); a label with a
    parenthesis ("Cukup (Memadai)") also gives its two parts."""
    key = tuple(str(p) for p in paths or ())
    return _categories(key, os.environ.get(ENV_VAR, ""))


@cache
def _categories(paths: tuple[str, ...], env: str) -> Categories:
    del env  # part of the cache key only
    grades: set[str] = set()
    labels: list[str] = []
    others: list[str] = []
    for file in _scale_files(list(paths) or None).values():
        for band in _bands(file):
            for code in (band.get("code"), *band.get("aliases", ())):
                if isinstance(code, str) and code.strip():
                    (grades.add(code) if GRADE.fullmatch(code) else others.append(code))
            label = band.get("label")
            if isinstance(label, str) and label.strip():
                labels.append(label)
                parts = _PARENTHESIS.match(label)
                if parts is not None:
                    labels += [parts.group("head"), parts.group("inner").strip()]
    words: dict[str, str] = {}
    for word in (*labels, *others):  # a label's spelling wins over a code's ("Mandiri")
        spelled = " ".join(word.split())
        words.setdefault(spelled.casefold(), spelled)
    return Categories(frozenset(grades), words)


def _bands(file: Path) -> list[dict[str, Any]]:
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    bands = data.get("bands", [])
    return [b for b in bands if isinstance(b, dict)] if isinstance(bands, list) else []
