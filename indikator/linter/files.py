"""The formulas of a lint input: a Tabel 6.3 as TSV/CSV text, or a catalogue's TOML text.

Table files need a formula column (``rumus`` / ``formula``) and may have ``indikator`` (name),
``satuan`` (unit) and a source-line column (``seed_line`` / ``source_line`` / ``baris``);
column names are case-insensitive.  Catalogue files are read as ``[[indicator]]`` tables
(``name``, ``satuan``, ``formula``, ``source_line``) without the catalogue's own validation, so
a formula that does not parse is reported as a finding, not as a refused file.

Every function takes the file's *text* and a *label* naming it in messages: this module opens
no file (the CLI reads files, the HTTP server reads uploads) and lints nothing
(:mod:`indikator.linter.rules`).
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from typing import Any

from indikator.core.errors import InputFileError, TableError

TABLE_SUFFIXES = (".tsv", ".csv", ".txt")
CATALOGUE_SUFFIXES = (".toml",)


_FORMULA_COLUMNS = ("rumus", "formula", "rumus/formula", "rumus perhitungan", "formulasi")
_NAME_COLUMNS = ("indikator", "indicator", "name", "nama", "nama indikator", "indikator kinerja")
_UNIT_COLUMNS = ("satuan", "unit")
_LINE_COLUMNS = ("seed_line", "source_line", "baris", "line")


@dataclass(frozen=True)
class Entry:
    """One formula to lint and where it came from."""

    file: str
    line: int | None
    source_line: int | None
    name: str | None
    unit: str | None
    formula: str


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().casefold() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def read_table(path: str, text: str) -> list[Entry]:
    """The formulas of a TSV/CSV table, each with its line number in the file."""
    from indikator.documents.files import sniff_delimiter

    delimiter = sniff_delimiter(text, path)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _table_entries(path, reader)
    except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
        key = "lint.cell_too_long" if "field limit" in str(exc) else "lint.bad_table"
        raise TableError(
            key, path=path, line=reader.line_num, limit=csv.field_size_limit(), detail=str(exc)
        ) from exc


def _table_entries(path: str, reader: Any) -> list[Entry]:
    try:
        header = next(reader)
    except StopIteration:
        return []
    formula_at = _column(header, _FORMULA_COLUMNS)
    if formula_at is None:
        raise TableError("lint.bad_columns", path=path, columns=", ".join(header))
    name_at, unit_at = _column(header, _NAME_COLUMNS), _column(header, _UNIT_COLUMNS)
    line_at = _column(header, _LINE_COLUMNS)
    entries: list[Entry] = []
    start = reader.line_num + 1
    for row in reader:
        if not any(cell.strip() for cell in row):
            start = reader.line_num + 1
            continue

        def cell(index: int | None, row: list[str] = row) -> str | None:
            return row[index] if index is not None and index < len(row) else None

        entries.append(
            Entry(path, start, _int(cell(line_at)), cell(name_at), cell(unit_at),
                  cell(formula_at) or "")
        )
        start = reader.line_num + 1
    return entries


def read_catalogue(path: str, text: str) -> list[Entry]:
    """The formulas of a catalogue TOML file (``[[indicator]]`` tables), raw."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TableError("lint.bad_toml", path=path, detail=str(exc)) from exc
    headers = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().replace(" ", "") == "[[indicator]]"
    ]
    entries: list[Entry] = []
    items = data.get("indicator", [])
    if not isinstance(items, list):
        return entries
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        line = headers[position] if position < len(headers) else None
        formula = item.get("formula", "")
        entries.append(
            Entry(path, line, _int(item.get("source_line")),
                  str(item.get("name") or "") or None, str(item.get("satuan") or "") or None,
                  formula if isinstance(formula, str) else str(formula))
        )
    return entries


def read_formulas(label: str, text: str) -> list[Entry]:
    """The formulas of a table (``.tsv``/``.csv``/``.txt`` or ``-``) or catalogue (``.toml``)
    named *label*; an empty text or another kind of file is refused."""
    lowered = label.lower()
    if not text.strip():
        raise InputFileError("cli.empty_file", path=label)
    if lowered.endswith(CATALOGUE_SUFFIXES):
        return read_catalogue(label, text)
    if lowered.endswith(TABLE_SUFFIXES) or label == "-":
        return read_table(label, text)
    raise InputFileError("lint.unsupported_file", path=label)
