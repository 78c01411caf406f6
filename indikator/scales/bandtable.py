"""Band tables as documents print them ("≥ 90  AA  Istimewa", "1. 80 - 90 : Baik"), read into
bands: :func:`parse_band_table`.

Finds the interval of each line and the code and label around it; validates nothing (a
:class:`~indikator.scales.scale.Scale` built from the bands does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indikator.core.errors import ScaleError
from indikator.scales.intervals import Interval, parse_interval
from indikator.scales.scale import Band

__all__ = ["parse_band_table"]

_BULLET = re.compile(r"^\s*(?:[-•*▪◦·]|\d+[.)])\s+")
_ROW_NUMBER = re.compile(r"^\d+[.)]?$")
_SEPARATORS = " \t:=→|;,–-"
_STARTS = re.compile(r"^[\d<>≤≥⩽⩾=(\[]")


_ROW_PREFIX = re.compile(r"^\s*\d+[.)]?\s+")


def _row_numbers(bodies: Sequence[str]) -> bool:
    """Whether the lines start with a row number column 1, 2, 3 … (at least two rows)."""
    if len(bodies) < 2:
        return False
    for expected, body in enumerate(bodies, start=1):
        match = _ROW_PREFIX.match(body)
        if match is None or int(match.group().strip().rstrip(".)")) != expected:
            return False
    return True


#: Longest line searched for an interval: a band row is a code, an interval and a label; a
#: longer line is not one (it is reported as skipped) and would cost a parse per word.
MAX_LINE = 400


def _find_interval(line: str) -> tuple[int, int, Interval] | None:
    """The longest span of *line* (at word boundaries) that reads as an interval; spans
    without a digit or an infinity are not tried."""
    if len(line) > MAX_LINE:
        return None
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    numeric = [0]
    for start, end in words:
        piece = line[start:end]
        has = any(ch.isdigit() for ch in piece) or "∞" in piece or "inf" in piece.lower()
        numeric.append(numeric[-1] + int(has))
    best: tuple[int, int, Interval] | None = None
    for i, (start, _) in enumerate(words):
        if not _STARTS.match(line[start : start + 1]):  # one character: no O(n²) copies
            continue
        for j in range(min(len(words) - 1, i + 8), i - 1, -1):
            end = words[j][1]
            if best is not None and end - start <= best[1] - best[0]:
                break
            if numeric[j + 1] == numeric[i]:
                break  # no number in words i..j, nor in any shorter span from i
            if "\t" in line[start:end]:
                continue  # an interval never spans two table cells
            try:
                interval = parse_interval(line[start:end])
            except ScaleError:
                continue
            best = (start, end, interval)
            break
    return best


def parse_band_table(text: str) -> tuple[list[Band], list[tuple[int, str]]]:
    """Bands from a table as documents print it, and the (line number, text) of skipped lines.

    Each line holds an optional bullet or row number, an optional code, the interval, and the
    label (``- AA > 90 - 100 : Sangat Memuaskan``, ``1 91 % ≤ 100 % Sangat Baik``,
    ``> 85 s.d. 100 = Memuaskan``); a line without an interval is reported as skipped.  The
    interval is the longest span that reads as one; it never crosses a tab (table cell), and a
    first column numbering the rows 1, 2, 3 … is dropped first (a lone "5 ≤ 50 %" line stays
    ambiguous: it reads as [5, 50]).
    """
    bands: list[Band] = []
    skipped: list[tuple[int, str]] = []
    rows: list[tuple[int, str, tuple[int, int, Interval]]] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line:
            continue
        bullet = re.match(r"^[-•*▪◦·]\s+", line)
        body = line[bullet.end() :] if bullet else line
        found = _find_interval(body)
        if found is None:
            skipped.append((number, line))
            continue
        rows.append((number, body, found))
    row_numbers = _row_numbers([body for _, body, _ in rows])
    for _number, body, found in rows:
        if row_numbers:
            body = _ROW_PREFIX.sub("", body, count=1)
            found = _find_interval(body) or found
        start, end, interval = found
        before = body[:start].strip(_SEPARATORS).split()
        if before and _ROW_NUMBER.match(before[0]):
            before = before[1:]
        after = body[end:].strip(_SEPARATORS)
        code = label = ""
        if len(before) == 1 and after:
            code, label = before[0], after
        elif before and not after:
            label = " ".join(before)
        elif before:
            code, label = before[0], " ".join([*before[1:], after]).strip()
        else:
            label = after
        if not code:
            code = label or body[start:end].strip()
        bands.append(
            Band(code=code, label=label or code, interval=interval, printed=body[start:end].strip())
        )
    return bands, skipped
