"""``indikator lint``: check formulas for inversions, tautologies, ×100 and unit mistakes.

Two forms (``shared/DESIGN.md``)::

    indikator lint [--json] --formula TEXT [--name INDICATOR] [--unit SATUAN]
    indikator lint [--json] FILE…        Tabel 6.3 as TSV, CSV, or catalogue TOML files

Table files need a formula column (``rumus`` / ``formula``) and may have ``indikator`` (name),
``satuan`` (unit) and a source-line column (``seed_line`` / ``source_line`` / ``baris``);
column names are case-insensitive.  Catalogue files are read as ``[[indicator]]`` tables
(``name``, ``satuan``, ``formula``, ``source_line``) without the catalogue's own validation, so
a formula that does not parse is reported as a finding, not as a refused file.

JSON: ``{"findings": [...]}`` for ``--formula``; for files one object per formula with its
file, line (in the file), source line (in the document, when given), name, unit, formula and
findings, plus a summary.  Exit status 1 when any finding has severity error.
This module only reads inputs and formats; the rules are :mod:`indikator.linter.rules`.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import tomllib
from dataclasses import dataclass
from typing import Any

from indikator.cli.commands.base import EXIT_OK, EXIT_REJECTED, Context, read_text_file
from indikator.core.errors import InputFileError, TableError
from indikator.core.i18n import t

_FORMULA_COLUMNS = ("rumus", "formula", "rumus/formula", "rumus perhitungan", "formulasi")
_NAME_COLUMNS = ("indikator", "indicator", "name", "nama", "nama indikator", "indikator kinerja")
_UNIT_COLUMNS = ("satuan", "unit")
_LINE_COLUMNS = ("seed_line", "source_line", "baris", "line")


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``lint`` subcommand."""
    parser = subparsers.add_parser(
        "lint", parents=parents, help=t("lint.help"), description=t("lint.help")
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help=t("lint.help_files"))
    parser.add_argument("--formula", metavar="TEXT", help=t("lint.help_formula"))
    parser.add_argument("--name", metavar="INDICATOR", help=t("lint.help_name"))
    parser.add_argument("--unit", metavar="SATUAN", help=t("lint.help_unit"))
    parser.set_defaults(handler=run)


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


def _read(path: str) -> list[Entry]:
    lowered = path.lower()
    table = lowered.endswith((".tsv", ".csv", ".txt")) or path == "-"
    if not table and not lowered.endswith(".toml") and os.path.isfile(path):
        raise InputFileError("lint.unsupported_file", path=path)  # before reading a workbook
    text = read_text_file(path)
    if not text.strip():
        raise InputFileError("cli.empty_file", path=path)
    if lowered.endswith(".toml"):
        return read_catalogue(path, text)
    if table:
        return read_table(path, text)
    raise InputFileError("lint.unsupported_file", path=path)


def _text_line(ctx: Context, prefix: str, finding: Any) -> str:
    severity = ctx.t(f"lint.severity_{finding.severity}")
    line = f"{prefix}{severity} {finding.code} [{finding.rule}]: {finding.message(ctx.lang)}"
    if finding.fix:
        line += f"\n    {ctx.t('lint.fix_label')}: {finding.fix}"
    return line


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Lint --formula TEXT or the formulas of FILE…; exit 1 on any error finding."""
    from indikator.linter.rules import lint

    if args.formula is None and not args.files:
        raise InputFileError("lint.no_input")
    entries: list[Entry] = []
    if args.formula is not None:
        text = args.formula
        if text == "-":
            import sys

            text = sys.stdin.read()
        entries.append(Entry("--formula", None, None, args.name, args.unit, text))
    for path in args.files:
        entries.extend(_read(path))
    results: list[dict[str, Any]] = []
    counts = {"error": 0, "warning": 0, "info": 0}
    for entry in entries:
        findings = lint(entry.formula, entry.name, entry.unit)
        for finding in findings:
            counts[finding.severity] += 1
        results.append({"entry": entry, "findings": findings})
    status = EXIT_REJECTED if counts["error"] else EXIT_OK
    single = args.formula is not None and not args.files
    if ctx.json:
        if single:
            ctx.emit({"findings": [f.to_json(ctx.lang) for f in results[0]["findings"]]})
            return status
        payload = []
        for result in results:
            entry = result["entry"]
            findings = []
            for finding in result["findings"]:
                data = finding.to_json(ctx.lang)
                data["line"] = entry.line
                data["source_line"] = entry.source_line
                findings.append(data)
            payload.append({
                "file": entry.file, "line": entry.line, "source_line": entry.source_line,
                "indikator": entry.name, "satuan": entry.unit, "rumus": entry.formula,
                "findings": findings,
            })
        ctx.emit({"results": payload, "summary": {"formulas": len(results),
                                                  "errors": counts["error"],
                                                  "warnings": counts["warning"],
                                                  "infos": counts["info"]}})
        return status
    for result in results:
        entry = result["entry"]
        if single:
            prefix = ""
        else:
            where = f"{entry.file}:{entry.line}" if entry.line is not None else entry.file
            if entry.source_line is not None:
                where += f" ({ctx.t('lint.source_line_label')} {entry.source_line})"
            prefix = f"{where}: "
        for finding in result["findings"]:
            ctx.echo(_text_line(ctx, prefix, finding))
        if single and not result["findings"]:
            ctx.echo(ctx.t("lint.no_findings", source="--formula"))
    ctx.echo(ctx.t("lint.summary", formulas=len(results), errors=counts["error"],
                   warnings=counts["warning"], infos=counts["info"]))
    return status
