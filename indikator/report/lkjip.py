"""The Pengukuran Kinerja table of an LKjIP: rows grouped by Sasaran Strategis, and its sheet.

:func:`lkjip_rows` turns a results frame (:mod:`indikator.compute.pipeline`) into the rows an
LKjIP prints, and :func:`groups` into Sasaran Strategis groups with their average capaian.  The
sasaran of a row is, in this order: the row's ``sasaran`` column (cells merged over several
indicators are carried down by the table reader), the last heading row above it ("Sasaran 1:
…"), the catalogue indicator's context (``sasaran`` column filled by the caller), else none (one
group without a title).  Extra columns the caller may add to the results and that are shown
when present: ``sasaran``, ``predikat_tertulis`` and ``audit_predikat`` (the printed predikat and
its audit), ``realisasi_lalu``/``tahun_lalu`` (previous year), ``target_akhir``/``tahun_akhir``
(end of the Renstra).

:func:`write_pengukuran_sheet` writes the sheet into an openpyxl workbook: a title, the period,
a two-level header (No, Sasaran Strategis, Indikator Kinerja, Satuan, Target, Realisasi,
Capaian (%), Predikat/Kategori, Skala, Metode, Keterangan), one row per indicator with the
sasaran cell merged over its indicators, an "average capaian" row per sasaran; landscape, fit to
one page wide, header rows repeated on every printed page, panes frozen below the header.  Each
Kategori cell names its scale in the Skala column, and says when the scale rates the realisasi
itself (IKM, AKIP) rather than the capaian.  Methods are in words
(:func:`indikator.report.words.method_phrase`).  It does not compute anything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from indikator.core.i18n import t
from indikator.report.bandstyle import ScaleView, rated_quantity, resolve_scales
from indikator.report.narrative import category_text, format_number, is_missing, records
from indikator.report.words import audit_word, method_phrase

__all__ = ["LkjipRow", "SasaranGroup", "groups", "lkjip_rows", "write_pengukuran_sheet"]


@dataclass
class LkjipRow:
    """One indicator row of the Pengukuran Kinerja table (values as the results hold them)."""

    sasaran: str
    indikator: str
    satuan: str
    target: Any
    realisasi: Any
    capaian: float
    kategori: str
    kategori_label: str
    skala: str
    skala_rates: str | None
    metode: str
    keterangan: list[str] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)

    @property
    def category(self) -> str:
        """``ST – Sangat Tinggi`` style text of the category (code and label)."""
        text = category_text(self.kategori, self.kategori_label)
        if self.kategori and self.kategori_label and text == self.kategori_label:
            return f"{self.kategori} – {self.kategori_label}"
        return text


@dataclass
class SasaranGroup:
    """The indicators of one Sasaran Strategis and their average capaian (None without any)."""

    sasaran: str
    rows: list[LkjipRow]
    average: float | None


def _text(value: object) -> str:
    return "" if is_missing(value) else str(value).strip()


def _number(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number


def _is_heading(row: Mapping[str, Any]) -> bool:
    return (is_missing(row.get("target")) and is_missing(row.get("realisasi"))
            and not math.isfinite(_number(row.get("capaian"))))


def _remarks(row: Mapping[str, Any], lang: str) -> list[str]:
    out: list[str] = []
    printed = row.get("capaian_tertulis")
    if not is_missing(printed) and not is_missing(row.get("audit")):
        out.append(t("lkjip.remark_capaian", lang, printed=_shown(printed, lang),
                     verdict=audit_word(row.get("audit"), lang)))
    printed_rating = row.get("predikat_tertulis")
    if not is_missing(printed_rating) and not is_missing(row.get("audit_predikat")):
        out.append(t("lkjip.remark_predikat", lang, printed=_text(printed_rating),
                     verdict=audit_word(row.get("audit_predikat"), lang)))
    if not math.isfinite(_number(row.get("capaian"))) and not is_missing(row.get("pesan")):
        out.append(_text(row.get("pesan")))
    return out


def _shown(value: object, lang: str) -> str:
    number = _number(value)
    return format_number(number, 2, lang) if math.isfinite(number) else _text(value)


def lkjip_rows(
    results: object,
    *,
    scales: Mapping[str, object] | Iterable[object] | None = None,
    lang: str = "id",
) -> list[LkjipRow]:
    """The indicator rows of *results* in input order, heading rows turned into sasaran."""
    rows = records(results)
    views = resolve_scales((r.get("skala") for r in rows), scales)
    out: list[LkjipRow] = []
    heading = ""
    for row in rows:
        if _is_heading(row):
            heading = _text(row.get("indikator"))
            continue
        sasaran = _text(row.get("sasaran")) or heading
        skala = _text(row.get("skala"))
        view: ScaleView | None = views.get(skala) if skala else None
        out.append(LkjipRow(
            sasaran=sasaran, indikator=_text(row.get("indikator")),
            satuan=_text(row.get("satuan")), target=row.get("target"),
            realisasi=row.get("realisasi"), capaian=_number(row.get("capaian")),
            kategori=_text(row.get("kategori")), kategori_label=_text(row.get("kategori_label")),
            skala=skala, skala_rates=rated_quantity(view, row.get("kategori")),
            metode=method_phrase(row.get("metode"), lang), keterangan=_remarks(row, lang),
            row=row))
    return out


def groups(rows: list[LkjipRow]) -> list[SasaranGroup]:
    """Consecutive rows of the same sasaran, each group with its average capaian."""
    out: list[SasaranGroup] = []
    for row in rows:
        if out and out[-1].sasaran == row.sasaran:
            out[-1].rows.append(row)
        else:
            out.append(SasaranGroup(row.sasaran, [row], None))
    for group in out:
        values = [r.capaian for r in group.rows if math.isfinite(r.capaian)]
        group.average = sum(values) / len(values) if values else None
    return out


def _value(value: object) -> Any:
    """A target/realisasi cell: a number stays a number; anything else its text."""
    number = _number(value)
    if not isinstance(value, str) and math.isfinite(number):
        return number
    return _text(value) or None


_HEADERS = ("no", "sasaran", "indicator", "unit", "target", "actual", "achievement",
            "category", "scale", "method", "remarks")
_WIDTHS = (5, 26, 34, 11, 10, 10, 10, 18, 22, 28, 34)


def _scale_text(row: LkjipRow, lang: str) -> str:
    if not row.skala:
        return ""
    key = "lkjip.scale_rates_value" if row.skala_rates == "realisasi" else "lkjip.scale_rates"
    return t(key, lang, scale=row.skala)


def _height(values: list[Any]) -> float:
    """A row height (points) that shows every wrapped cell whole (about 1.15 characters per
    unit of column width, 13 points a line)."""
    lines = 1
    for value, width in zip(values, _WIDTHS, strict=True):
        text = "" if value is None else str(value)
        lines = max(lines, math.ceil(len(text) / max(width * 1.15 - 1, 1)))
    return 13.0 * lines + 3


def write_pengukuran_sheet(
    workbook: Any,
    results: object,
    *,
    title: str,
    subtitle: str = "",
    scales: Mapping[str, object] | Iterable[object] | None = None,
    average_scale: str | None = "capaian",
    lang: str = "id",
    index: int = 0,
) -> Any:
    """Add the Pengukuran Kinerja sheet to the openpyxl *workbook* (see the module docstring).
    *average_scale* (a scale name) rates each sasaran's average capaian."""
    sheet = workbook.create_sheet(t("lkjip.sheet", lang), index)
    _write_title(sheet, title, subtitle)
    header_row = 4
    _write_headers(sheet, header_row, lang)
    row_at = header_row + 2
    number = 0
    for group in groups(lkjip_rows(results, scales=scales, lang=lang)):
        first = row_at
        for item in group.rows:
            number += 1
            _write_indicator_row(sheet, row_at, number, group.sasaran, item, lang)
            row_at += 1
        if len(group.rows) > 1:  # the sasaran is written once for all its indicators
            sheet.merge_cells(start_row=first, start_column=2, end_row=row_at - 1, end_column=2)
        _write_average_row(sheet, row_at, group, average_scale, lang)
        row_at += 1
    _set_print_layout(sheet, header_row)
    return sheet


def _box() -> Any:
    """The thin grey border every table cell gets."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="808080")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_title(sheet: Any, title: str, subtitle: str) -> None:
    """The title (and subtitle, if any) centred over the table's width in rows 1 and 2."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(_HEADERS))
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].alignment = Alignment(horizontal="center")
    if subtitle:
        sheet["A2"] = subtitle
        sheet.merge_cells(f"A2:{last}2")
        sheet["A2"].alignment = Alignment(horizontal="center")


def _write_headers(sheet: Any, header_row: int, lang: str) -> None:
    """The column headers, the row of column numbers under them, and the column widths."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    box = _box()
    for column, (name, width) in enumerate(zip(_HEADERS, _WIDTHS, strict=True), start=1):
        cell = sheet.cell(header_row, column, t(f"lkjip.col_{name}", lang))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = box
        sheet.row_dimensions[header_row].height = 30
        sheet.cell(header_row + 1, column, column).alignment = Alignment(horizontal="center")
        sheet.cell(header_row + 1, column).border = box
        sheet.column_dimensions[get_column_letter(column)].width = width


def _write_indicator_row(
    sheet: Any, row_at: int, number: int, sasaran: str, item: LkjipRow, lang: str
) -> None:
    """One indicator's row, wrapped and boxed, tall enough for its longest text."""
    from openpyxl.styles import Alignment

    box = _box()
    wrap = Alignment(wrap_text=True, vertical="top")
    values = [number, sasaran, item.indikator, item.satuan, _value(item.target),
              _value(item.realisasi),
              item.capaian if math.isfinite(item.capaian) else None,
              item.category, _scale_text(item, lang), item.metode,
              "; ".join(item.keterangan)]
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row_at, column, value)
        cell.alignment = wrap
        cell.border = box
    sheet.cell(row_at, 7).number_format = "0.00"
    sheet.row_dimensions[row_at].height = _height(values)


def _write_average_row(
    sheet: Any, row_at: int, group: SasaranGroup, average_scale: str | None, lang: str
) -> None:
    """The sasaran's average capaian under its indicators, rated on *average_scale*."""
    from openpyxl.styles import Font, PatternFill

    box = _box()
    label = t("lkjip.average", lang)
    sheet.cell(row_at, 3, label).font = Font(bold=True, italic=True)
    if group.average is not None:
        average = sheet.cell(row_at, 7, group.average)
        average.number_format = "0.00"
        average.font = Font(bold=True)
        if average_scale:
            from indikator.scales.rating import rate

            rating = rate(group.average, average_scale)
            if rating.code:
                sheet.cell(row_at, 8, f"{rating.code} – {rating.label}")
                sheet.cell(row_at, 9, t("lkjip.scale_rates", lang, scale=average_scale))
    for column in range(1, len(_HEADERS) + 1):
        sheet.cell(row_at, column).border = box
        sheet.cell(row_at, column).fill = PatternFill("solid", fgColor="F2F2F2")


def _set_print_layout(sheet: Any, header_row: int) -> None:
    """Frozen headers, headers repeated on every page, A4 landscape one page wide."""
    sheet.freeze_panes = sheet.cell(header_row + 2, 4)
    sheet.print_title_rows = f"{header_row}:{header_row + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
