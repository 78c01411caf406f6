"""Find and read the tables of planning documents in extracted text.

* **Extracted document text** (a Renstra PDF turned into text: one table row a line, cells
  separated by tabs, ragged columns, ``<b>`` tags, numbers broken by stray spaces).
  :func:`read_document` finds every ``Tabel N.N`` heading, recognises the table by its header
  (not by its number, which differs between documents) and reads it:

  - *formula tables* (Tabel 6.3 "Rumusan dan definisi operasional indikator"): indikator,
    satuan, rumus, penjelasan and the tujuan/sasaran/program context column;
  - *programme tables* (Tabel 6.1 / 6.2): code, programme/kegiatan, indicator, satuan,
    baseline, target and Rp per year, end-of-period target and Rp, unit kerja;
  - *headline tables* (Tabel 7.1): indicator, baseline, actual and target per year,
    end-of-period before/after revision.

  Rows of extracted tables are ragged (cells shift left or right by a column or more), so:

  - a formula row is anchored on its formula cell (the cell with ``\\frac``, ``x 100``,
    ``dibagi`` …; ``/`` alone counts less, since it occurs in names such as ``KDH/WKDH``) and
    the other columns are read at the header's offsets from it; lines that carry on a cell
    (a wrapped name, a stacked fraction flattened into three lines) are joined to it;
  - a programme row is *aligned* to the header's columns by a small dynamic programme that
    keeps the cells' order, prefers each cell's own column (trying whole-row shifts) and only
    puts a cell where its shape fits (Rupiah into an Rp column, a code into the code column);
    an end-of-period pair that slid into the last year is recognised by its Rp being the sum
    of the years';
  - a headline row is placed by its indicator name, the text cell nearest the header's
    indicator column; years are actual or target by the group label printed above them.

  Tab-separated blocks before the first heading (a table continued from an earlier page) are
  read with the schema of the document's programme table they fit best.

  Headings are written many ways (``TABEL 6.3``, ``Tabel 6. 3``, ``Tabel VI.3``,
  ``Tabel 6.3.``; the number is normalised to ``6.3``); a ``BAB`` heading ends a table.  A
  numbered block without a header (``Tabel 6.3 (Lanjutan)``) is read with the header of the
  same table printed earlier.  What a page break leaves inside a table — the header rows
  printed again, the row of column numbers, page marks such as ``- 87 -``, ``Halaman 54`` or
  ``Lanjutan Tabel 6.3`` — is counted as read and kept out of the data.  Formula tables find
  the formula cell by its operator, else at the header's own rumus column (a formula in
  words, the numerator line of a stacked fraction), else from the satuan cell.

Every non-empty cell is either read or reported in ``unread`` with its line (or row), column
and reason; nothing is dropped silently.  For extracted tables ``cells_read + len(unread)``
equals the number of non-empty cells of the table (headers and titles included).

Numbers are read by :mod:`indikator.documents.numbers` (one reader for the whole project); the
readers (:mod:`~indikator.documents.formula_table`, :mod:`~indikator.documents.programme_table`,
:mod:`~indikator.documents.headline_table`) only decide which cell belongs to which column.
It does not judge formulas (the linter does) nor compute anything.
"""

from __future__ import annotations

from pathlib import Path

from indikator.documents.cells import clean_cell
from indikator.documents.files import read_text_file
from indikator.documents.formula_table import formula_layout, read_formula_table
from indikator.documents.headline_table import read_headline_table
from indikator.documents.programme_table import (
    ProgrammeSchema,
    best_schema,
    programme_schema,
    read_programme_table,
)
from indikator.documents.results import Table, Unread
from indikator.documents.segment import (
    Block,
    Header,
    drop_repeats,
    find_header,
    split_blocks,
    table_kind,
)

__all__ = ["read_document", "read_document_file"]

def read_document(text: str) -> list[Table]:
    """Every table found in extracted document *text*, in document order."""
    lines = text.splitlines()
    tables: list[Table] = []
    blocks = split_blocks(lines)
    schemas: list[ProgrammeSchema] = []
    headers: dict[str, Header] = {}  # table number → its (first) header
    for block in blocks:
        if block.number is None:
            continue
        header, count = find_header(block.rows)
        if count and table_kind(header) != "unknown":
            headers.setdefault(block.number, header)
        if table_kind(header) == "programme":
            schema = programme_schema(header)
            if schema not in schemas:
                schemas.append(schema)
    for block in blocks:
        fallback = best_schema(block, schemas) if block.number is None else None
        earlier = headers.get(block.number) if block.number is not None else None
        tables.append(_read_block(block, fallback, earlier))
    return tables


def read_document_file(path: str | Path) -> list[Table]:
    """:func:`read_document` on a UTF-8 text file."""
    return read_document(read_text_file(path))


def _read_block(
    block: Block, fallback: ProgrammeSchema | None, earlier: Header | None = None
) -> Table:
    """Read one block.  A numbered block without a header of its own ("Tabel 6.3
    (Lanjutan)" on the next page) is read with the header of the same table number printed
    earlier in the document (*earlier*), and marked ``continued``."""
    title = " ".join(text for _, text in block.title_lines)
    table = Table(block.number, "unknown", title, block.start, block.end)
    table.cells_read += sum(1 for _, text in block.title_lines if text)
    if block.number is None:
        header, count = find_header(block.rows)
        if count == 0 and fallback is not None:
            table.kind = "programme"
            table.continued = True
            read_programme_table(table, drop_repeats(table, header, block.rows), fallback)
            return table
    else:
        header, count = find_header(block.rows)
        if count == 0 and earlier is not None:
            header = earlier
            table.continued = True
    table.cells_read += sum(1 for _, cells in block.rows[:count] for c in cells if clean_cell(c))
    body = drop_repeats(table, header, block.rows[count:])
    kind = table_kind(header)
    table.kind = kind
    if kind == "formula":
        read_formula_table(table, body, formula_layout(header))
    elif kind == "programme":
        read_programme_table(table, body, programme_schema(header))
    elif kind == "headline":
        read_headline_table(table, header, body)
    else:
        for line, cells in body:
            for col, cell in enumerate(cells, start=1):
                text = clean_cell(cell)
                if text:
                    table.unread.append(Unread(line, col, text, "tables.unknown_table"))
    return table
