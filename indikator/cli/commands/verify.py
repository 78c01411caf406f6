"""``indikator verify``: property-test every formula of a catalogue or a formula file.

::

    indikator verify [--json] [--examples N] [--arah naik|turun] CATALOG|FORMULA-FILE…

Inputs: a catalogue (``*.toml`` file or a folder of them, loaded and validated with
:func:`indikator.catalog.loader.load_catalog`; name, satuan and arah of each indicator are used), a
TSV/CSV table with a formula column (``rumus``/``formula``, read like ``indikator lint``
does), or a text file with one formula per line (blank lines and ``#`` comments skipped).

Text output: one line per indicator and, for each failed property, the falsifying example.
JSON: the envelope of ``docs/contract.md``; ``result`` is ``{"indicators": [{"code", "name",
"formula", "plan", "properties": [{"name", "status", "example", "message"}]}], "summary":
{...}}`` and every failed property is also a finding of severity error (code ``VERIFY``, rule
the property's name, ``where.item`` the indicator's index).  Exit status 3 when any property
failed, 1 when the input was rejected, 0 otherwise.  The checks are
:mod:`indikator.verification.properties`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from indikator.cli.commands.base import EXIT_FINDINGS, EXIT_OK, Context, read_text_file
from indikator.core.errors import InputFileError
from indikator.core.i18n import t

_DEFAULT_EXAMPLES = 100
_NOT_FORMULA_FILES = (".xlsx", ".xlsm", ".xls", ".ods", ".pdf", ".docx", ".doc", ".png", ".jpg",
                      ".jpeg", ".gif", ".zip")


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``verify`` subcommand."""
    parser = subparsers.add_parser(
        "verify", parents=parents, help=t("verify.help"), description=t("verify.help")
    )
    parser.add_argument("files", nargs="*", metavar="CATALOG|FORMULA-FILE",
                        help=t("verify.help_files"))
    parser.add_argument("--examples", type=int, default=_DEFAULT_EXAMPLES, metavar="N",
                        help=t("verify.help_examples", default=_DEFAULT_EXAMPLES))
    parser.add_argument("--arah", "--direction", dest="direction", choices=("naik", "turun"),
                        default=None, help=t("verify.help_direction"))
    parser.set_defaults(handler=run, contract="verify")


def _items(path: str) -> list[dict[str, Any]]:
    """What to verify in *path*: ``{"target": Indicator | str, "code", "name", "unit"}``."""
    file = Path(path)
    if file.is_dir() or path.lower().endswith(".toml"):
        from indikator.catalog.loader import load_catalog

        if not file.exists():
            raise InputFileError("common.file_not_found", path=path)
        catalog = load_catalog(file)
        return [{"target": indicator, "code": indicator.code, "name": None, "unit": None}
                for indicator in catalog.values()]
    if file.suffix.lower() in _NOT_FORMULA_FILES:  # a workbook or image is not a formula list
        raise InputFileError("cli.unsupported_formula_file", path=path)
    text = read_text_file(path)
    first = text.split("\n", 1)[0].casefold()
    if any(word in first for word in ("rumus", "formula")) and ("\t" in first or "," in first
                                                                  or ";" in first):
        from indikator.linter.files import read_table

        return [
            {"target": entry.formula,
             "code": str(entry.source_line if entry.source_line is not None else entry.line),
             "name": entry.name, "unit": entry.unit}
            for entry in read_table(path, text)
        ]
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            items.append({"target": stripped, "code": str(number), "name": None, "unit": None})
    return items


def _status(ctx: Context, status: str) -> str:
    return ctx.t(f"verify.status_{status.replace('-', '_')}")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Verify every formula of the inputs; exit 3 when a property fails."""
    from indikator.verification.properties import verify

    if not args.files:
        raise InputFileError("verify.no_input")
    items: list[dict[str, Any]] = []
    for path in args.files:
        found = _items(path)
        if not found:
            raise InputFileError("verify.no_formulas", path=path)
        items.extend(found)
    reports = []
    for item in items:
        direction = None if not isinstance(item["target"], str) else args.direction
        report = verify(item["target"], direction=direction, name=item["name"],
                        unit=item["unit"], max_examples=max(1, args.examples))
        reports.append((item, report))
    failed = sum(1 for _, report in reports if not report.ok)
    if ctx.json:
        from indikator.contract.shapes import where

        indicators = []
        findings = []
        for index, (item, report) in enumerate(reports):
            data = report.to_json(ctx.lang)
            data["code"] = report.code or item["code"]
            indicators.append(data)
            place = where(index, indicator=report.name or data["code"])
            for result in report.failed:
                findings.append({"code": "VERIFY", "rule": result.name, "severity": "error",
                                 "message": f"{result.title(ctx.lang)}: {result.message(ctx.lang)}",
                                 "span": None, "fix": None, "confidence": 1.0, "where": place})
        return ctx.respond({"indicators": indicators,
                            "summary": {"indicators": len(reports), "failed": failed,
                                        "passed": len(reports) - failed}}, findings)
    for item, report in reports:
        code = report.code or item["code"]
        title = f"{code}: {report.name}" if report.name else f"{code}: {report.formula}"
        marks = ", ".join(f"{p.name} {_status(ctx, p.status)}" for p in report.properties
                          if p.status != "not-applicable")
        ctx.echo(f"{title}\n  {marks}")
        for result in report.failed:
            ctx.echo(f"  {_status(ctx, 'failed')} {result.title(ctx.lang)}: "
                     f"{result.message(ctx.lang)}")
    ctx.echo(ctx.t("verify.summary", indicators=len(reports), failed=failed,
                   passed=len(reports) - failed))
    return EXIT_FINDINGS if failed else EXIT_OK
