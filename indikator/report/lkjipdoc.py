"""Bab III "Capaian Kinerja Organisasi" of an LKjIP as a Word document (python-docx).

:func:`write_bab3` writes, on landscape A4 pages:

* the chapter heading (BAB III, CAPAIAN KINERJA ORGANISASI);
* A. Pengukuran Kinerja — one introductory paragraph (how many indicators and sasaran, the
  average capaian) and Tabel 3.1, the Pengukuran Kinerja table of
  :mod:`indikator.report.lkjip` (sasaran cell merged over its indicators, an average row per
  sasaran, the header row repeated on every page, the scale of each category named);
* B. Grafik Capaian Kinerja — the chart pictures given (path, title), each with a numbered
  caption;
* C. Analisis Capaian Kinerja — per sasaran, one paragraph per indicator
  (:mod:`indikator.report.story`).

Every text is in the chosen language (locale ``bab3.*``).  It does not compute, rate or draw:
the rows, the paragraphs and the charts come from their own modules.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from indikator.core.atomic import atomic_path
from indikator.core.i18n import t
from indikator.report.lkjip import LkjipRow, SasaranGroup, groups
from indikator.report.narrative import format_number
from indikator.report.story import paragraphs, percent, quantity

__all__ = ["write_bab3"]

_COLUMNS = ("no", "sasaran", "indicator", "unit", "target", "actual", "achievement", "category",
            "scale", "remarks")
_WIDTHS_CM = (0.9, 3.6, 4.6, 1.8, 1.9, 1.9, 1.8, 2.8, 3.0, 4.4)


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{colour}"/>'))


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _set(cell: Any, text: str, *, bold: bool = False, italic: bool = False,
         align: str | None = None, size: float = 8) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _scale_cell(row: LkjipRow, lang: str) -> str:
    if not row.skala:
        return ""
    key = "lkjip.scale_rates_value" if row.skala_rates == "realisasi" else "lkjip.scale_rates"
    return t(key, lang, scale=row.skala)


def _table(document: Any, sasaran_groups: list[SasaranGroup], lang: str,
           average_scale: str | None) -> None:
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, _WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for cell, name in zip(table.rows[0].cells, _COLUMNS, strict=True):
        _set(cell, t(f"lkjip.col_{name}", lang), bold=True, align="center")
        _shade(cell, "D9E1F2")
    _repeat_header(table.rows[0])
    number = 0
    for group in sasaran_groups:
        first = len(table.rows)
        for item in group.rows:
            number += 1
            cells = table.add_row().cells
            texts = [str(number), group.sasaran if item is group.rows[0] else "",
                     item.indikator, item.satuan, quantity(item.target, "", lang),
                     quantity(item.realisasi, "", lang),
                     format_number(item.capaian, 2, lang) if math.isfinite(item.capaian)
                     else "–", item.category, _scale_cell(item, lang),
                     "; ".join(item.keterangan)]
            for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
                _set(cell, text, align="right" if index in (4, 5, 6) else None)
        if len(group.rows) > 1:
            top = table.rows[first].cells[1]
            top.merge(table.rows[len(table.rows) - 1].cells[1])
            _set(top, group.sasaran)
        cells = table.add_row().cells
        _set(cells[2], t("lkjip.average", lang), bold=True, italic=True)
        if group.average is not None:
            _set(cells[6], format_number(group.average, 2, lang), bold=True, align="right")
            if average_scale:
                from indikator.scales.rating import rate

                rating = rate(group.average, average_scale)
                if rating.code:
                    _set(cells[7], f"{rating.code} – {rating.label}")
                    _set(cells[8], t("lkjip.scale_rates", lang, scale=average_scale))
        for cell in cells:
            _shade(cell, "F2F2F2")
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS_CM, strict=True):
            cell.width = Cm(width)


def _count(key: str, n: int, lang: str) -> str:
    """*n* things with the right plural (``1 indicator``, ``2 indicators``)."""
    return t(key + ("_one" if n == 1 else ""), lang, n=n)


def _landscape(document: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    for side in ("top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)


def write_bab3(
    path: str | Path,
    rows: list[LkjipRow],
    charts: Sequence[tuple[Path, str]] = (),
    *,
    year: str = "",
    period: str = "",
    lang: str = "id",
    average_scale: str | None = "capaian",
) -> Path:
    """Write Bab III to *path* (``.docx``); return *path*."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    _landscape(document)
    for key in ("bab3.chapter", "bab3.chapter_title"):
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = heading.add_run(t(key, lang))
        run.bold = True
        run.font.size = Pt(14)
    sasaran_groups = groups(rows)
    values = [r.capaian for r in rows if math.isfinite(r.capaian)]
    document.add_heading(t("bab3.section_measurement", lang), level=2)
    titled = [g for g in sasaran_groups if g.sasaran]
    document.add_paragraph(t(
        "bab3.intro", lang, year=year or "-", period=period or "-",
        indicators=_count("bab3.indicators", len(rows), lang),
        objectives=_count("bab3.objectives", len(titled) or 1, lang),
        average=percent(sum(values) / len(values), lang) if values else "–"))
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.add_run(t("bab3.table_caption", lang, year=year or "")).bold = True
    _table(document, sasaran_groups, lang, average_scale)
    if charts:
        document.add_heading(t("bab3.section_charts", lang), level=2)
        for number, (chart, title) in enumerate(charts, start=1):
            document.add_picture(str(chart), width=Cm(15))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            label = document.add_paragraph(t("bab3.figure_caption", lang, number=number,
                                              title=title))
            label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading(t("bab3.section_analysis", lang), level=2)
    texts = iter(paragraphs(rows, lang))
    for index, group in enumerate(sasaran_groups, start=1):
        if group.sasaran:
            document.add_heading(t("bab3.sasaran_heading", lang, number=index,
                                   sasaran=group.sasaran), level=3)
        for _ in group.rows:
            paragraph = document.add_paragraph(next(texts))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as temp:  # a crash or a full disk leaves the old file or the new one
        document.save(str(temp))
    return out
