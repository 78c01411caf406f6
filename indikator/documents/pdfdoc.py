"""PDF documents as the extracted text :func:`indikator.documents.textdoc.read_document` reads,
using the page geometry.

The library is **pdfplumber** (on pdfminer.six, both pure Python and maintained): it gives every
character, line and rectangle with its position, and finds a table's cells from its ruling
lines.  pypdfium2 renders and extracts text well but does not expose the vector rules a table
border or a fraction bar is drawn with, which is exactly what is needed here.

What is read, page by page, in reading order (top to bottom):

* **tables** (pdfplumber's ruling-line finder): each row one line of tab-separated cells in
  grid order; a cell spanning several columns gives its text in its first column and empty cells
  in the others, so a value stays under its header and cannot slide into the next column;
* **stacked fractions** inside a cell: a short horizontal rule (a thin rectangle or line drawn
  inside the cell, not its border) with text right above and right below it is read as
  ``\\frac{numerator}{denominator}``; text beside the rule (``× 100%``) stays before or after
  it.  A fraction nested inside a numerator is read as the outer one's text;
* **other text** (headings such as ``Tabel 6.3``, titles, prose): one line per text line.

A page with no characters (a scanned page: only a picture) is listed in
:attr:`PdfText.pages_without_text`; a PDF in which no page has text is refused with the message
"no text layer; OCR it first" (:class:`~indikator.core.errors.InputFileError`
``documents.pdf_no_text``).  Tables drawn without ruling lines are read as text lines
(their cells separated by spaces, not tabs) and then not recognised as tables: the caller sees
"no tables found" rather than cells in guessed columns.

This module does not recognise which table is which (``tables`` does), nor run OCR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.errors import InputFileError

__all__ = ["PdfText", "pdf_text"]

_SPACE = re.compile(r"\s+")
_RULE_HEIGHT = 1.5  # a fraction bar is thinner than this (points)
_RULE_MIN_WIDTH = 8.0


@dataclass
class PdfText:
    """The lines of a PDF (see the module docstring) and the pages that had no text layer."""

    lines: list[str]
    pages: int
    pages_without_text: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _join(chars: list[dict[str, Any]]) -> str:
    """Characters on one or more text lines as text: lines top to bottom joined by spaces."""
    if not chars:
        return ""
    from pdfplumber.utils.text import extract_text

    text = extract_text(chars, x_tolerance=1.5, y_tolerance=3)
    return _SPACE.sub(" ", str(text)).strip()


def _rules(objects: list[dict[str, Any]], bbox: tuple[float, float, float, float]
           ) -> list[dict[str, Any]]:
    """Horizontal rules drawn inside *bbox* (not on its border): candidate fraction bars."""
    x0, top, x1, bottom = bbox
    found = []
    for obj in objects:
        height = float(obj["bottom"]) - float(obj["top"])
        width = float(obj["x1"]) - float(obj["x0"])
        if height > _RULE_HEIGHT or width < _RULE_MIN_WIDTH:
            continue
        if (float(obj["x0"]) < x0 + 1 or float(obj["x1"]) > x1 - 1
                or float(obj["top"]) < top + 2 or float(obj["bottom"]) > bottom - 2):
            continue
        found.append(obj)
    found.sort(key=lambda o: (float(o["top"]), float(o["x0"])))
    return found


def _centre_x(char: dict[str, Any]) -> float:
    return (float(char["x0"]) + float(char["x1"])) / 2


def _fraction(chars: list[dict[str, Any]], rule: dict[str, Any]
              ) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]] | None:
    """``\\frac{…}{…}`` for the text right above and right below *rule*, with the characters
    used, and the characters beside the rule (same height band); None without both parts."""
    left, right = float(rule["x0"]) - 1, float(rule["x1"]) + 1
    bar_top, bar_bottom = float(rule["top"]), float(rule["bottom"])
    above, below, beside = [], [], []
    for char in chars:
        size = float(char["bottom"]) - float(char["top"])
        inside = left <= _centre_x(char) <= right
        if inside and bar_top - 1.6 * size <= float(char["bottom"]) <= bar_top + 1:
            above.append(char)
        elif inside and bar_bottom - 1 <= float(char["top"]) <= bar_bottom + 1.6 * size:
            below.append(char)
        elif (not inside and float(char["top"]) < bar_top + size
              and float(char["bottom"]) > bar_bottom - size):
            beside.append(char)
    if not above or not below:
        return None
    text = f"\\frac{{{_join(above)}}}{{{_join(below)}}}"
    return text, above + below, beside


def _cell_text(chars: list[dict[str, Any]], objects: list[dict[str, Any]],
               bbox: tuple[float, float, float, float]) -> str:
    """The text of one table cell, stacked fractions read as ``\\frac``."""
    x0, top, x1, bottom = bbox
    inside = [c for c in chars
              if x0 <= _centre_x(c) <= x1
              and top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom]
    pieces: list[tuple[float, float, str]] = []  # (top, x0, text) of the cell's parts
    used: set[int] = set()
    for rule in _rules(objects, bbox):
        fraction = _fraction([c for c in inside if id(c) not in used], rule)
        if fraction is None:
            continue
        text, parts, beside = fraction
        used.update(id(c) for c in parts)
        before = [c for c in beside if id(c) not in used and _centre_x(c) < float(rule["x0"])]
        after = [c for c in beside if id(c) not in used and _centre_x(c) > float(rule["x1"])]
        used.update(id(c) for c in before + after)
        line = " ".join(t for t in (_join(before), text, _join(after)) if t)
        pieces.append((float(rule["top"]), float(rule["x0"]), line))
    rest = [c for c in inside if id(c) not in used]
    if rest:  # text lines above, between or below the fractions, in reading order
        rows: dict[int, list[dict[str, Any]]] = {}
        for char in rest:
            rows.setdefault(round(float(char["top"]) / 3), []).append(char)
        for key in sorted(rows):
            row = rows[key]
            pieces.append((float(row[0]["top"]), min(float(c["x0"]) for c in row), _join(row)))
    pieces.sort()
    return _SPACE.sub(" ", " ".join(text for _, _, text in pieces)).strip()


def _page_lines(page: Any) -> list[tuple[float, str]]:
    """(top, line) for the tables and the text lines of one page."""
    tables = page.find_tables()
    chars = list(page.chars)
    objects = list(page.rects) + list(page.lines)
    out: list[tuple[float, str]] = []
    boxes = []
    for table in tables:
        boxes.append(table.bbox)
        for row in table.rows:
            cells = ["" if bbox is None else _cell_text(chars, objects, bbox)
                     for bbox in row.cells]
            row_top = min((b[1] for b in row.cells if b is not None), default=table.bbox[1])
            out.append((float(row_top), "\t".join(cells)))
        out.append((float(table.bbox[3]) - 0.01, ""))

    def outside(obj: dict[str, Any]) -> bool:
        middle_x = (float(obj["x0"]) + float(obj["x1"])) / 2
        middle_y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return not any(b[0] <= middle_x <= b[2] and b[1] <= middle_y <= b[3] for b in boxes)

    for line in page.filter(outside).extract_text_lines(return_chars=False):
        text = _SPACE.sub(" ", str(line["text"])).strip()
        if text:
            out.append((float(line["top"]), text))
    out.sort(key=lambda item: item[0])
    return out


def pdf_text(path: str | Path) -> PdfText:
    """Read the PDF at *path* (see the module docstring)."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    try:
        document = pdfplumber.open(str(file))
    except (PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise InputFileError("documents.not_pdf", path=str(file), detail=str(exc)) from exc
    except Exception as exc:  # pdfminer raises its own types for damaged files
        raise InputFileError("documents.not_pdf", path=str(file), detail=str(exc)) from exc
    lines: list[str] = []
    empty: list[int] = []
    with document:
        pages = len(document.pages)
        for number, page in enumerate(document.pages, start=1):
            if not page.chars:
                empty.append(number)
                continue
            lines.extend(text for _, text in _page_lines(page))
            page.flush_cache()
    if pages == 0 or len(empty) == pages:
        raise InputFileError("documents.pdf_no_text", path=str(file),
                             pages=", ".join(map(str, empty)) or "-")
    return PdfText(lines, pages, empty)
