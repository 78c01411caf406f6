"""The evaluator's report from computed results: workbook, charts, narrative and Bab III DOCX.

:func:`write_lkjip_report` is the one call behind ``indikator report`` (and the demo).  From the
results of :func:`indikator.compute.pipeline.compute` (with the extra columns of
:mod:`indikator.report.lkjip` where the table had them) it writes into one folder:

* the workbook of :func:`indikator.report.bundle.write_report` with the **Pengukuran Kinerja**
  sheet (:func:`indikator.report.lkjip.write_pengukuran_sheet`) put first and opened first;
* the charts (``grafik/``);
* ``narasi.txt`` (``narrative.txt``): the LKjIP narrative of :mod:`indikator.report.story`,
  grouped by sasaran;
* ``bab-iii-capaian-kinerja.docx`` (``chapter-iii-performance.docx``): Bab III
  (:mod:`indikator.report.lkjipdoc`) with the table, the charts and the paragraphs.

A table with several years (one row per indicator and year) is reported for its latest year;
the year before gives each indicator's previous realisasi where the table has no
``realisasi_lalu`` column (listed in :attr:`LkjipReport.notes`).  It reads no file and computes no
capaian.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.atomic import atomic_path
from indikator.core.i18n import Message, normalise_lang, t

__all__ = ["LkjipReport", "latest_year", "write_lkjip_report"]

_DOCX = {"id": "bab-iii-capaian-kinerja.docx", "en": "chapter-iii-performance.docx"}


@dataclass
class LkjipReport:
    """Where the report went, and what was inferred while making it."""

    workbook: Path
    narrative: Path
    document: Path
    charts: list[Path] = field(default_factory=list)
    year: str = ""
    notes: list[Message] = field(default_factory=list)

    def all(self) -> list[Path]:
        return [self.workbook, self.narrative, self.document, *self.charts]


def _year_of(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number


def latest_year(results: Any) -> tuple[Any, str, list[Message]]:
    """The rows of the latest year (all rows when the table has one year or none), the year,
    and notes; earlier years fill ``realisasi_lalu``/``tahun_lalu`` where empty."""
    import pandas as pd

    frame = results.copy()
    years = frame["tahun"].map(_year_of) if "tahun" in frame else pd.Series(math.nan,
                                                                            index=frame.index)
    known = sorted({int(y) for y in years if math.isfinite(y)})
    if len(known) <= 1:
        return frame, (str(known[0]) if known else ""), []
    latest = known[-1]
    rows = frame[(years == latest) | years.isna()].copy()
    notes = [Message("lkjip_report.latest_year", {"year": latest,
                                                   "years": ", ".join(map(str, known))})]
    if "realisasi_lalu" not in rows:
        rows["realisasi_lalu"] = None
        rows["tahun_lalu"] = None
    earlier = frame[years < latest].assign(_year=years[years < latest])
    for index, row in rows.iterrows():
        if row.get("realisasi_lalu") is not None and not pd.isna(row.get("realisasi_lalu")):
            continue
        same = earlier[earlier["indikator"] == row["indikator"]]
        if len(same):
            last = same.sort_values("_year").iloc[-1]
            rows.at[index, "realisasi_lalu"] = last["realisasi"]
            rows.at[index, "tahun_lalu"] = int(last["_year"])
    return rows, str(latest), notes


def _add_sheet(path: Path, rows: Any, title: str, subtitle: str, lang: str,
               scales: Mapping[str, object] | list[object]) -> None:
    from openpyxl import load_workbook

    from indikator.report.lkjip import write_pengukuran_sheet

    book = load_workbook(path)
    taken = t("lkjip.sheet", lang)
    if taken in book.sheetnames:  # the per-row results sheet keeps its rows, under another name
        book[taken].title = t("lkjip.details_sheet", lang)
    write_pengukuran_sheet(book, rows, title=title, subtitle=subtitle, scales=scales, lang=lang,
                           index=0)
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet is book.worksheets[0]
    with atomic_path(path) as temp:  # the workbook is replaced whole, never left half-saved
        book.save(temp)


def _narrative(path: Path, rows: list[Any], lang: str) -> Path:
    from indikator.report.lkjip import groups
    from indikator.report.story import paragraphs

    texts = iter(paragraphs(rows, lang))
    parts: list[str] = []
    for number, group in enumerate(groups(rows), start=1):
        if group.sasaran:
            parts.append(t("bab3.sasaran_heading", lang, number=number, sasaran=group.sasaran))
        parts.extend(next(texts) for _ in group.rows)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def write_lkjip_report(
    out_dir: str | Path,
    results: Any,
    *,
    findings: object = None,
    unread: object = None,
    scales: Mapping[str, object] | Iterable[object] | None = None,
    lang: str | None = "id",
    source: str = "",
    period: str = "",
    charts: bool = True,
) -> LkjipReport:
    """Write the whole report of *results* into *out_dir* (see the module docstring)."""
    from indikator.report.bundle import write_report
    from indikator.report.lkjip import lkjip_rows
    from indikator.report.lkjipdoc import write_bab3

    language = normalise_lang(lang)
    given: Mapping[str, object] | list[object] = (
        scales if isinstance(scales, Mapping) else list(scales or ()))
    rows, year, notes = latest_year(results)
    files = write_report(out_dir, results, findings, unread, scales=given, lang=language,
                         charts=charts)
    title = (t("lkjip.title", language, year=year) if year
             else t("lkjip.title_no_year", language))
    subtitle = t("lkjip.subtitle", language, source=source or "-", period=period or "-")
    _add_sheet(files.workbook, rows, title, subtitle, language, given)
    items = lkjip_rows(rows, scales=given, lang=language)
    narrative = _narrative(files.narrative, items, language)
    overview = [p for p in files.charts if "ringkasan" in p.stem or "overview" in p.stem]
    pictures = [(p, t("lkjip_report.overview_caption", language)) for p in overview]
    document = write_bab3(Path(out_dir) / _DOCX[language], items, pictures, year=year,
                          period=period, lang=language)
    return LkjipReport(files.workbook, narrative, document, list(files.charts), year, notes)
