"""The logic of ``indikator demo``: the bundled Kota Serang example, end to end.

With the data shipped in the package (:func:`indikator.core.resources.data_path`, so it works
from an installed wheel too) :func:`build`:

1. imports the tables of the seed document, the revised Renstra 2018–2023 of the Sekretariat
   Daerah Kota Serang (``examples/kota-serang/renstra-setda-2018-2023.txt``), reporting the
   cells read and not read per table;
2. lints every formula of its Tabel 6.3;
3. rates the headline indicators of its Tabel 7.1 (Indeks RB, IKM, LPPD, Nilai AKIP) per year
   on their scales — e.g. Nilai Evaluasi AKIP 52,31 → CC — and points out where the Renstra's
   end target "BB" stands beside 63,00, which is B;
4. computes capaian, categories and the audit of the printed capaian on
   ``examples/kota-serang/realisasi-ilustratif.csv``, an ILLUSTRATIVE table (made up, see
   ``examples/kota-serang/README.md``), and says so in the output, the workbook and the summary;
5. writes to the output folder, with the same call as ``indikator report`` on a user's own table
   (:func:`indikator.report.lkjip_report.write_lkjip_report`), the workbook with its LKjIP
   Pengukuran Kinerja sheet (plus a first sheet saying the data are illustrative and a sheet of
   the Tabel 7.1 ratings), the PNG charts (capaian, and the Tabel 7.1 values over their bands),
   the narrative and Bab III as DOCX.

:func:`summary_text` writes the short summary (``summary.md``).  Each step is done by its own
module; this one arranges them.  Argument parsing and printing are the command's
(``indikator/cli/commands/demo.py``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from indikator.core.i18n import t

if TYPE_CHECKING:
    from indikator.catalog.loader import Indicator
    from indikator.compute.pipeline import Computation
    from indikator.documents.results import Table

__all__ = ["REALISATION", "SEED", "SUMMARY_FILE", "DemoRun", "Rated", "build", "cells_of",
           "summary_text"]

SEED: Final = "examples/kota-serang/renstra-setda-2018-2023.txt"
REALISATION: Final = "examples/kota-serang/realisasi-ilustratif.csv"
SUMMARY_FILE: Final = "summary.md"


def cells_of(tables: Iterable[Table]) -> tuple[int, int]:
    """Total cells read and unread over *tables*."""
    read = unread = 0
    for table in tables:
        read += table.cells_read
        unread += len(table.unread)
    return read, unread


@dataclass
class Rated:
    """One value of Tabel 7.1 rated on its scale."""

    indicator: str
    scale: str
    year: str
    kind: str  # "actual" | "target" | "end-before" | "end-after"
    value: float | str | None
    code: str | None
    label: str | None

    def to_json(self) -> dict[str, Any]:
        return {"indikator": self.indicator, "skala": self.scale, "tahun": self.year,
                "jenis": self.kind, "nilai": self.value, "kategori": self.code,
                "label": self.label}


@dataclass
class DemoRun:
    """Everything the demo found, for the summary, the JSON and the tests."""

    tables: list[Table] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    formulas: int = 0
    clean: int = 0
    ratings: list[Rated] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    headline: list[Indicator] = field(default_factory=list)
    computation: Computation | None = None
    files: list[Path] = field(default_factory=list)


def _path(relative: str) -> Path:
    from indikator.core.errors import InputFileError
    from indikator.core.resources import data_path

    try:
        path = data_path(relative)
    except FileNotFoundError as exc:
        raise InputFileError("demo.missing_example", path=relative) from exc
    if not path.exists():
        raise InputFileError("demo.missing_example", path=relative)
    return path


def build(out: Path, lang: str) -> DemoRun:
    """Run steps 1–5 and write the files into *out* (the summary is left to the caller)."""
    demo = DemoRun()
    _import(demo)
    _lint(demo, lang)
    _rate(demo)
    _compute(demo, lang)
    _write(demo, out, lang)
    return demo


# --------------------------------------------------------------------------- the steps


def _import(demo: DemoRun) -> None:
    from indikator.documents.textdoc import read_document_file

    demo.tables = read_document_file(_path(SEED))


def _lint(demo: DemoRun, lang: str) -> None:
    from indikator.linter.rules import lint

    for table in demo.tables:
        if table.kind != "formula":
            continue
        for row in table.rows:
            demo.formulas += 1
            findings = lint(row.formula, row.indicator, row.unit)
            if not findings:
                demo.clean += 1
            for finding in findings:
                demo.findings.append({
                    "indikator": row.indicator, "line": row.line, "table": table.number,
                    "code": finding.code, "rule": finding.rule, "severity": finding.severity,
                    "message": finding.message(lang), "fix": finding.fix,
                })


def _rate(demo: DemoRun) -> None:
    from indikator.catalog.importer import from_table
    from indikator.core.errors import IndikatorError
    from indikator.scales.loading import load_scale
    from indikator.scales.rating import rate

    seen: set[str] = set()
    codes: set[str] = set()
    for table in demo.tables:
        if table.kind != "headline":
            continue
        for indicator in from_table(table, codes=codes):
            if indicator.name in seen:  # Tabel 7.1 is printed twice in the seed
                continue
            seen.add(indicator.name)
            demo.headline.append(indicator)
            if not indicator.scale:
                continue
            try:
                scale = load_scale(indicator.scale)
            except IndikatorError:
                continue
            entries: list[tuple[str, str, Any]] = [
                (str(year), kind, value) for year, (kind, value) in indicator.values().items()
            ]
            for key in ("before", "after"):
                if key in indicator.end_of_period:
                    entries.append(("", f"end-{key}", indicator.end_of_period[key]))
            for year, kind, value in entries:
                code, label = _rating(scale, value, rate)
                demo.ratings.append(Rated(indicator.name, scale.name, year, kind, value, code,
                                          label))
            _conflict(demo, indicator, scale, rate)


def _rating(scale: Any, value: Any, rate: Any) -> tuple[str | None, str | None]:
    """Code and label of a number on *scale*, or of a category printed in its place."""
    from indikator.core.errors import IndikatorError

    if isinstance(value, int | float) and not isinstance(value, bool):
        if scale.kind != "interval" or not math.isfinite(float(value)):
            return None, None
        rating = rate(float(value), scale)
        return rating.code, rating.label
    if isinstance(value, str):
        try:
            band = scale.band(value)
        except (IndikatorError, KeyError):
            return None, None
        return band.code, band.label
    return None, None


def _conflict(demo: DemoRun, indicator: Indicator, scale: Any, rate: Any) -> None:
    """A category written as the end target beside a number that rates otherwise."""
    end = indicator.end_of_period
    words = [v for v in end.values() if isinstance(v, str)]
    numbers = [v for v in end.values() if isinstance(v, int | float) and not isinstance(v, bool)]
    if not words or not numbers or scale.kind != "interval":
        return
    code, _ = _rating(scale, words[0], rate)
    rated, label = _rating(scale, numbers[0], rate)
    if code is not None and rated is not None and code != rated:
        demo.conflicts.append({"indikator": indicator.name, "code": words[0], "value": numbers[0],
                               "rated": rated, "label": label, "scale": scale.name,
                               "unconfirmed": scale.confidence != "confirmed"})


def _compute(demo: DemoRun, lang: str) -> None:
    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    demo.computation = compute(read_realisation(_path(REALISATION)), lang=lang)


def _write(demo: DemoRun, out: Path, lang: str) -> None:
    from indikator.report.charts import chart_values
    from indikator.report.lkjip_report import write_lkjip_report

    assert demo.computation is not None
    unread: list[dict[str, Any]] = []
    for table in demo.tables:
        for cell in table.unread:
            name = f"Tabel {table.number}" if table.number else t("demo.table_untitled", lang)
            unread.append({"table": name, "line": cell.line,
                           "column": cell.column, "text": cell.text,
                           "reason": cell.message(lang)})
    for cell in demo.computation.unread:
        unread.append({"table": Path(REALISATION).name, "line": cell.line,
                       "column": cell.column, "text": cell.text, "reason": cell.message(lang)})
    # the same pipeline as `indikator report` on a user's own table
    files = write_lkjip_report(out, demo.computation.results, findings=demo.findings,
                               unread=unread, lang=lang, source=Path(REALISATION).name,
                               period=t("demo.period", lang))
    _annotate_workbook(files.workbook, demo, lang)
    demo.files.extend(files.all())
    chart_dir = files.charts[0].parent if files.charts else out / "grafik"
    for number, indicator in enumerate(demo.headline, start=1):
        if not indicator.scale:
            continue
        values = indicator.values()
        years = list(values)
        end = indicator.end_of_period
        end_target = next((v for v in end.values() if isinstance(v, str)), end.get("after"))
        path = chart_dir / f"tabel-7.1-{number:02d}-{indicator.code}.png"
        demo.files.append(chart_values(
            path, indicator.name, years, [values[y][1] for y in years], indicator.scale,
            kinds=[values[y][0] for y in years], end_target=end_target,
            unit=indicator.satuan or None, lang=lang,
        ))


def _annotate_workbook(path: Path, demo: DemoRun, lang: str) -> None:
    """Add the 'illustrative data' sheet first and a sheet of the Tabel 7.1 ratings."""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    book = load_workbook(path)
    note = book.create_sheet(t("demo.sheet_title", lang), 0)
    note["A1"] = t("demo.title", lang)
    note["A1"].font = Font(bold=True, size=14)
    note["A3"] = t("demo.illustrative", lang, file=Path(REALISATION).name)
    note["A3"].font = Font(bold=True, color="C00000")
    note["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    note.column_dimensions["A"].width = 110
    note.row_dimensions[3].height = 90
    sheet = book.create_sheet(t("demo.sheet_ratings", lang))
    sheet.append([t(f"demo.col_{name}", lang) for name in
                  ("indicator", "scale", "year", "kind", "value", "category", "label")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for rated in demo.ratings:
        sheet.append([rated.indicator, rated.scale, int(rated.year) if rated.year else None,
                      _kind_text(rated.kind, lang), rated.value, rated.code, rated.label])
        value_cell = sheet.cell(row=sheet.max_row, column=5)
        if isinstance(rated.value, int | float):
            value_cell.number_format = "#,##0.00##"
    for column, width in zip("ABCDEFG", (40, 12, 8, 30, 10, 10, 20), strict=True):
        sheet.column_dimensions[column].width = width
    book.active = 0
    from indikator.core.atomic import atomic_path

    with atomic_path(path) as temp:
        book.save(temp)


def _kind_text(kind: str, lang: str) -> str:
    if kind.startswith("end-"):
        return t(f"demo.end_{kind.removeprefix('end-')}", lang)
    return t(f"demo.kind_{kind}", lang)


# --------------------------------------------------------------------------- the summary


def _value_text(value: Any, lang: str) -> str:
    from indikator.report.narrative import format_number, natural_decimals

    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, max(2, natural_decimals(float(value))), lang)
    return str(value)


def summary_text(demo: DemoRun, out: Path, lang: str) -> str:
    """The short summary printed at the end and written to ``summary.md``."""
    from indikator.compute.pipeline import summary_counts

    lines = [f"# {t('demo.title', lang)}", "",
             f"**{t('demo.illustrative', lang, file=Path(REALISATION).name)}**", ""]
    lines += [f"## {t('demo.section_import', lang, file=Path(SEED).name)}", ""]
    for table in demo.tables:
        lines.append("- " + t("demo.import_line", lang,
                              table=table.number or t("demo.table_untitled", lang),
                              kind=table.kind, start=table.start_line, end=table.end_line,
                              indicators=table.indicators, read=table.cells_read,
                              unread=len(table.unread)))
    read, unread = cells_of(demo.tables)
    lines += ["", t("demo.import_total", lang, tables=len(demo.tables), read=read,
                    unread=unread), ""]

    severities = Counter(str(f["severity"]) for f in demo.findings)
    lines += [f"## {t('demo.section_lint', lang)}", "",
              t("demo.lint_total", lang, formulas=demo.formulas, errors=severities["error"],
                warnings=severities["warning"], infos=severities["info"], clean=demo.clean),
              ""]
    for rule, count in Counter(str(f["rule"]) for f in demo.findings).most_common():
        lines.append(t("demo.lint_rule", lang, rule=rule, count=count))
    example = next((f for f in demo.findings if f["rule"] == "inverted"),
                   demo.findings[0] if demo.findings else None)
    if example is not None:
        lines += ["", t("demo.lint_example", lang, line=example["line"],
                        indicator=example["indikator"], message=example["message"])]
    lines += ["", f"## {t('demo.section_rating', lang)}", ""]
    by_indicator: dict[str, list[Rated]] = {}
    for rated in demo.ratings:
        by_indicator.setdefault(rated.indicator, []).append(rated)
    for name, items in by_indicator.items():
        lines.append(t("demo.rating_indicator", lang, indicator=name, scale=items[0].scale))
        ends = {r.kind: r for r in items if r.kind.startswith("end-")}
        for rated in items:
            if rated.kind.startswith("end-"):
                continue
            key = "demo.rating_year" if rated.code else "demo.rating_not_rated"
            lines.append(t(key, lang, year=rated.year, kind=t(f"demo.kind_{rated.kind}", lang),
                           value=_value_text(rated.value, lang), code=rated.code,
                           label=rated.label))
        if ends:
            lines.append(t("demo.rating_end", lang,
                           before=_end_text(ends.get("end-before"), lang),
                           after=_end_text(ends.get("end-after"), lang)))
        for conflict in demo.conflicts:
            if conflict["indikator"] == name:
                text = t("demo.rating_end_conflict", lang, code=conflict["code"],
                         value=_value_text(conflict["value"], lang),
                         rated=conflict["rated"], label=conflict["label"],
                         scale=conflict["scale"])
                if conflict["unconfirmed"]:
                    text += " " + t("demo.rating_unconfirmed", lang, scale=conflict["scale"])
                lines.append(text)
    assert demo.computation is not None
    results = demo.computation.results
    counts = summary_counts(results)
    lines += ["", f"## {t('demo.section_compute', lang, file=Path(REALISATION).name)}", "",
              f"**{t('demo.illustrative', lang, file=Path(REALISATION).name)}**", "",
              t("demo.compute_total", lang, **counts), ""]
    for row in demo.computation.rows():
        if row.get("pesan"):
            lines.append(t("demo.compute_row", lang, indicator=row["indikator"],
                           year=row.get("tahun") or "", message=row["pesan"]))
    lines += ["", f"## {t('demo.section_files', lang, out=str(out))}", ""]
    for path in [*demo.files, out / SUMMARY_FILE]:
        lines.append(t("demo.file_line", lang, path=str(path)))
    return "\n".join(lines) + "\n"


def _end_text(rated: Rated | None, lang: str) -> str:
    if rated is None:
        return "-"
    text = _value_text(rated.value, lang)
    if rated.code and text != rated.code:
        return f"{text} ({rated.code})"
    return text
