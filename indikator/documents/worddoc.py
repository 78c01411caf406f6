"""Word documents (``.docx``) as the extracted text that
:func:`indikator.documents.textdoc.read_document` reads: paragraphs one a line, each table row
one line of tab-separated cells.

Read with python-docx, from the document's XML in body order:

* a paragraph is its text; a Word equation in it (``m:oMath``) is read structurally by
  :func:`indikator.documents.omml.math_text`, so a Word fraction is ``\\frac{…}{…}`` exactly;
* a table row is its cells in grid order: a cell merged across columns (``w:gridSpan``) gives
  its text in its first column and empty cells in the others, a cell continuing a vertical merge
  (``w:vMerge`` without ``restart``) is empty, and ``w:gridBefore`` / ``w:gridAfter`` give empty
  cells — so every value stays in the column of the header above it; a cell's paragraphs are
  joined by spaces (a tab inside a cell becomes a space);
* a table nested in a cell gives its text to that cell.

It does not recognise tables (that is :mod:`indikator.documents.textdoc`' job) nor read legacy
``.doc`` files (the caller says to save them as ``.docx``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from indikator.core.errors import InputFileError
from indikator.documents.omml import W_NS, is_math, math_text

__all__ = ["docx_lines", "docx_text"]

_W = "{" + W_NS + "}"
_SPACE = re.compile(r"\s+")


def _val(element: Any, name: str) -> str | None:
    found = element.find(_W + name)
    if found is None:
        return None
    value = found.get(_W + "val")
    return "" if value is None else str(value)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text, equations included, on one line."""
    parts: list[str] = []
    for node in paragraph.iter():
        if is_math(node):
            if not any(is_math(parent) for parent in node.iterancestors()):
                parts.append(" " + math_text(node) + " ")
        elif node.tag == _W + "t":
            if not any(is_math(parent) for parent in node.iterancestors()):
                parts.append(str(node.text or ""))
        elif node.tag in (_W + "tab", _W + "br", _W + "cr"):
            parts.append(" ")
    return _SPACE.sub(" ", "".join(parts)).strip()


def _cell_text(cell: Any) -> str:
    texts = [_paragraph_text(p) for p in cell.iter(_W + "p")
             if not any(a.tag == _W + "p" for a in p.iterancestors())]
    return _SPACE.sub(" ", " ".join(t for t in texts if t)).strip()


def _row_cells(row: Any) -> list[str]:
    """The cells of a ``w:tr`` in grid order (merged cells spread as empty cells)."""
    cells: list[str] = []
    properties = row.find(_W + "trPr")
    before = _val(properties, "gridBefore") if properties is not None else None
    cells.extend([""] * int(before or 0))
    for cell in row.findall(_W + "tc"):
        cell_properties = cell.find(_W + "tcPr")
        span = 1
        continued = False
        if cell_properties is not None:
            span = int(_val(cell_properties, "gridSpan") or 1)
            merge = _val(cell_properties, "vMerge")
            continued = merge is not None and merge != "restart"
        cells.append("" if continued else _cell_text(cell))
        cells.extend([""] * (span - 1))
    after = _val(properties, "gridAfter") if properties is not None else None
    cells.extend([""] * int(after or 0))
    return cells


def docx_lines(path: str | Path) -> list[str]:
    """The lines of the Word document at *path* (see the module docstring)."""
    import zipfile

    from docx import Document

    file = Path(path)
    if not file.exists():
        raise InputFileError("common.file_not_found", path=str(file))
    try:
        document = Document(str(file))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputFileError("documents.not_docx", path=str(file)) from exc
    lines: list[str] = []
    for block in document.element.body:
        if block.tag == _W + "p":
            lines.append(_paragraph_text(block))
        elif block.tag == _W + "tbl":
            for row in block.iter(_W + "tr"):
                if any(a.tag == _W + "tc" for a in row.iterancestors()):
                    continue  # a nested table's rows are in its cell's text
                lines.append("\t".join(_row_cells(row)))
            lines.append("")
    return lines


def docx_text(path: str | Path) -> str:
    """:func:`docx_lines` joined by newlines."""
    return "\n".join(docx_lines(path)) + "\n"
