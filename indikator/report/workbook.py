"""The Excel workbook evaluators paste into an LKjIP.

:func:`write_workbook` writes, with openpyxl in streaming (write-only) mode:

- **Pengukuran Kinerja** (*Performance Measurement*): No, Indikator, Satuan, Tahun, Target,
  Realisasi, Capaian (%), Kategori, Metode, Audit, Keterangan; one row per result row, in input
  order.  Numbers are stored as numbers, never as text, with ``#,##0.00``-style formats (target
  and realisation with the decimals the source prints: ``61,00`` stays ``61,00``; Excel
  draws them with a decimal comma and a thousands dot on computers set to Indonesian, and with a
  decimal point elsewhere: the format is the same, the display follows the reader's locale).
  The Capaian and Kategori cells are filled by the category's position on its scale (best green …
  worst red; not rated grey, see :mod:`indikator.report.bandstyle`); frozen header and first two
  columns, autofilter, column widths fitted to the content.
- **Temuan Lint** (*Lint Findings*): the linter's findings, severity coloured.
- **Sel Tak Terbaca** (*Unread Cells*): every cell the table reader could not read, with its
  location and the reason.
- **Narasi** (*Narrative*): the sentence of :mod:`indikator.report.narrative` per row (optional).
- **Catatan** (*Notes*): counts, how numbers and colours are to be read, the capaian methods
  used and the rating scales used with their source and bands.

Inputs are plain: *results* is the table of ``indikator compute`` (a pandas DataFrame or rows as
mappings, columns as in ``docs/capaian.md``; missing columns are left empty); *findings* and
*unread* are iterables of mappings or objects with the named fields (or DataFrames).  Text that
starts with ``=`` is written as text, never as a formula.

This module computes nothing: capaian, categories and audits come in with the results.
"""

from __future__ import annotations

import io
import math
import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from indikator.core.atomic import check_not_input, write_bytes
from indikator.core.errors import IndikatorError
from indikator.core.i18n import normalise_lang, t
from indikator.documents.units import is_percent
from indikator.report.bandstyle import NOT_RATED_COLOUR, ScaleView, resolve_scales
from indikator.report.narrative import (
    audit_sentence,
    category_text,
    format_year,
    is_missing,
    records,
    sentence,
)

__all__ = ["EXCEL_MAX_ROWS", "NUMBER_FORMAT", "write_workbook"]

#: Number format of capaian; Excel shows 90,00 on Indonesian systems and 90.00 elsewhere.
NUMBER_FORMAT: Final = "#,##0.00"
#: Rows an Excel sheet can hold (including the header row).
EXCEL_MAX_ROWS: Final = 1_048_576
_MAX_CELL_TEXT: Final = 32_767
_HEADER_FILL: Final = "1F4E78"
_SEVERITY_FILL: Final = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
_AUDIT_KEYS: Final = {
    "ok": "report.audit_ok",
    "mismatch": "report.audit_mismatch",
    "not-checkable": "report.audit_not_checkable",
    "not_checkable": "report.audit_not_checkable",
}


@dataclass(frozen=True)
class _Column:
    key: str  # catalogue key of the header
    width_min: int
    width_max: int
    wrap: bool = False


_RESULT_COLUMNS: Final = (
    _Column("report.col_no", 5, 7),
    _Column("report.col_indicator", 30, 60, wrap=True),
    _Column("report.col_unit", 8, 16),
    _Column("report.col_year", 7, 8),
    _Column("report.col_target", 10, 18),
    _Column("report.col_actual", 10, 18),
    _Column("report.col_achievement", 12, 14),
    _Column("report.col_category", 12, 28),
    _Column("report.col_method", 9, 16),
    _Column("report.col_audit", 9, 22),
    _Column("report.col_remarks", 20, 70, wrap=True),
)
_FINDING_COLUMNS: Final = (
    _Column("report.col_no", 5, 7),
    _Column("report.col_indicator", 30, 60, wrap=True),
    _Column("report.col_line", 7, 9),
    _Column("report.col_code", 8, 10),
    _Column("report.col_rule", 10, 22),
    _Column("report.col_severity", 10, 12),
    _Column("report.col_message", 30, 80, wrap=True),
    _Column("report.col_fix", 20, 60, wrap=True),
)
_UNREAD_COLUMNS: Final = (
    _Column("report.col_no", 5, 7),
    _Column("report.col_table", 8, 24),
    _Column("report.col_line", 7, 9),
    _Column("report.col_column", 8, 16),
    _Column("report.col_text", 16, 50, wrap=True),
    _Column("report.col_reason", 24, 70, wrap=True),
)
_NARRATIVE_COLUMNS: Final = (
    _Column("report.col_no", 5, 7),
    _Column("report.col_indicator", 30, 60, wrap=True),
    _Column("report.col_year", 7, 8),
    _Column("report.col_sentence", 40, 110, wrap=True),
)


class _Styles:
    """The few style objects of the workbook, created once (openpyxl is imported lazily)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="BFBFBF")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
        self.header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.top = Alignment(vertical="top")
        self.bold = Font(bold=True)
        self.title = Font(bold=True, size=13)
        self.alert = Font(bold=True, color="C00000")
        self._fills: dict[str, Any] = {}
        self.templates: dict[tuple[Any, ...], Any] = {}
        self._pattern_fill = PatternFill

    def fill(self, colour: str) -> Any:
        """A solid fill of *colour* (``RRGGBB``), shared between cells."""
        if colour not in self._fills:
            self._fills[colour] = self._pattern_fill("solid", fgColor=colour)
        return self._fills[colour]


def _text(value: object) -> str:
    """A cell's text: missing → empty; control characters Excel refuses removed; length capped."""
    if is_missing(value):
        return ""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text: str = ILLEGAL_CHARACTERS_RE.sub("", str(value).strip())
    return text[:_MAX_CELL_TEXT]


def _number(value: object) -> float | int | None:
    """*value* as a Python number if it is one (numpy scalars included), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None




def _same_unit(a: str | None, b: object) -> bool:
    left = (a or "").strip().casefold()
    right = "" if is_missing(b) else str(b).strip().casefold()
    if is_percent(left) and is_percent(right):
        return True
    return left == right


def _as_number(value: object, unit: object) -> object:
    """A target/actual cell as a number when it is one, so that Excel can compute with it.

    Text as documents print it (``1.800.085.250``, ``101,51``, ``15 Nagari`` in a Nagari row) is
    read with :func:`indikator.documents.numbers.read_number`; it stays text when it is not a single
    number (``80 – 90``, ``BB``, ``< 20 %``), when it could be read two ways (``3.460``), when
    it is a ratio (``1:32``) or when its unit is not the row's satuan.
    """
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if not isinstance(value, str) or not value.strip():
        return value
    from indikator.documents.numbers import read_number

    try:
        quantity = read_number(value)
    except (ValueError, TypeError):
        return value
    if quantity.kind != "number" or quantity.ambiguous or quantity.value is None:
        return value
    if quantity.unit is not None and (
        quantity.unit == "rasio" or not _same_unit(quantity.unit, unit)
    ):
        return value
    return float(quantity.value)


def _natural_format(value: float | int) -> str:
    """``#,##0`` for whole numbers, else ``#,##0.00`` … ``#,##0.0000`` as the value needs."""
    if float(value) == int(value):
        return "#,##0"
    for decimals in (2, 3, 4):
        if round(float(value), decimals) == float(value):
            return "#,##0." + "0" * decimals
    return "#,##0.0000"


_MAX_DECIMALS: Final = 6


def _decimal_format(decimals: int) -> str:
    """``#,##0`` with *decimals* places (at most six)."""
    places = min(max(decimals, 0), _MAX_DECIMALS)
    return "#,##0." + "0" * places if places else "#,##0"


def _value_format(written: object, shown: object, decimals: object) -> str | None:
    """The number format of a target/realisation cell: as many decimals as the source prints
    (*decimals*, the results' ``desimal_*`` column, else counted in the *written* text:
    ``61,00`` → ``#,##0.00``), else as the value needs (:func:`_natural_format`)."""
    number = _number(shown)
    if number is None:
        return None
    places = _number(decimals)
    if places is None and isinstance(written, str):
        from indikator.documents.numbers import printed_decimals

        places = printed_decimals(written, float(number))
    if places is not None:
        return _decimal_format(int(places))
    return _natural_format(number)


class _Sheet:
    """A write-only sheet with a styled header, fitted widths, frozen panes and an autofilter."""

    def __init__(
        self,
        workbook: Any,
        title: str,
        columns: Sequence[_Column],
        body: list[list[Any]],
        styles: _Styles,
        lang: str,
        *,
        freeze: str = "A2",
    ) -> None:
        from openpyxl.utils import get_column_letter

        self.sheet = workbook.create_sheet(title=title[:31])
        self.styles = styles
        headers = [t(column.key, lang) for column in columns]
        # widths and filters must be set before the first row is streamed
        for index, column in enumerate(columns):
            longest = max(
                [len(headers[index])]
                + [len(_display(row[index])) for row in body if index < len(row)]
            )
            width = min(max(longest + 2, column.width_min), column.width_max)
            self.sheet.column_dimensions[get_column_letter(index + 1)].width = width
        self.sheet.freeze_panes = freeze
        last = get_column_letter(len(columns))
        self.sheet.auto_filter.ref = f"A1:{last}{max(len(body), 1) + 1}"
        self.columns = columns
        self.sheet.append([self.cell(h, header=True) for h in headers])

    def cell(self, value: object, **options: Any) -> Any:
        """A streamed cell of this sheet (see :func:`_make_cell`)."""
        return _make_cell(self.sheet, self.styles, value, **options)

    def append_body(self, body: Iterable[list[Any]]) -> None:
        """Stream plain rows, wrapping the columns marked so."""
        for row in body:
            self.sheet.append(
                [
                    self.cell(value, wrap=column.wrap)
                    for value, column in zip(row, self.columns, strict=False)
                ]
            )


def _make_cell(
    sheet: Any,
    styles: _Styles,
    value: object,
    *,
    header: bool = False,
    number_format: str | None = None,
    fill: str | None = None,
    wrap: bool = False,
    font: Any = None,
) -> Any:
    """A streamed cell holding *value*: numbers as numbers, text as text (never a formula)."""
    from openpyxl.cell import WriteOnlyCell

    number = _number(value)
    cell = WriteOnlyCell(sheet, value=number if number is not None else (_text(value) or None))
    if number is None and isinstance(cell.value, str):
        cell.data_type = "s"  # "=…" stays text, not a formula
    key = (header, number_format if number is not None else None, fill, wrap, id(font))
    template = styles.templates.get(key)
    if template is not None:
        # setting styles attribute by attribute hashes every style object again (90 % of the
        # time on large sheets); the combination's style indices are computed once instead
        cell._style = copy(template)
        return cell
    if number is not None and number_format is not None:
        cell.number_format = number_format
    cell.border = styles.border
    if header:
        cell.font = styles.header_font
        cell.fill = styles.header_fill
        cell.alignment = styles.header_alignment
    else:
        cell.alignment = styles.wrap if wrap else styles.top
        if fill is not None:
            cell.fill = styles.fill(fill)
        if font is not None:
            cell.font = font
    styles.templates[key] = copy(cell._style)
    return cell


def _display(value: object) -> str:
    number = _number(value)
    if number is not None:
        return f"{number:,.2f}" if isinstance(number, float) else str(number)
    return "" if is_missing(value) else str(value)


def _field(item: object, *names: str) -> Any:
    """The first present field *names* of a mapping or object (``None`` if none)."""
    for name in names:
        if isinstance(item, Mapping):
            if name in item and not is_missing(item[name]):
                return item[name]
        else:
            value = getattr(item, name, None)
            if value is not None and not is_missing(value):
                return value
    return None


def _message(item: object, lang: str, *names: str) -> Any:
    """The human text of a finding or unread cell: its ``message(lang)`` method when it has one
    (``tables.Unread`` keeps a message key in ``reason``), else the first field of *names*."""
    method = None if isinstance(item, Mapping) else getattr(item, "message", None)
    if callable(method):
        try:
            return method(lang)
        except TypeError:
            return method()
    return _field(item, *names)


def _items(source: object) -> list[Any]:
    """Items of *source*: a DataFrame's rows as dicts, or the iterable as given."""
    if source is None:
        return []
    if callable(getattr(source, "to_dict", None)) and not isinstance(source, Mapping):
        return records(source)
    return list(source)  # type: ignore[call-overload, no-any-return]


def _severity(value: object, lang: str) -> tuple[str, str | None]:
    value = getattr(value, "value", value)  # an Enum member
    key = str(value or "").strip().lower()
    if key in _SEVERITY_FILL:
        return t(f"report.severity_{key}", lang), _SEVERITY_FILL[key]
    return key, None


def _audit_text(value: object, lang: str) -> str:
    key = _AUDIT_KEYS.get(str(value or "").strip().lower())
    return t(key, lang) if key else _text(value)


def _remarks(row: Mapping[str, Any], lang: str) -> str:
    """Keterangan: the row's message, and the printed capaian when the audit was not ok."""
    parts = []
    message = _text(row.get("pesan"))
    if message:
        parts.append(message if message.endswith((".", "!", "?")) else message + ".")
    note = audit_sentence(row, lang)
    if note:
        parts.append(note)
    return " ".join(parts)


def _result_rows(
    rows: list[dict[str, Any]], views: Mapping[str, ScaleView | None], lang: str
) -> tuple[list[list[Any]], list[str | None], list[tuple[str | None, str | None]]]:
    """The body of the results sheet, each row's fill and its target/realisation formats."""
    body: list[list[Any]] = []
    colours: list[str | None] = []
    formats: list[tuple[str | None, str | None]] = []
    for number, row in enumerate(rows, start=1):
        code, label = row.get("kategori"), row.get("kategori_label")
        scale_name = "" if is_missing(row.get("skala")) else str(row.get("skala")).strip()
        view = views.get(scale_name)
        if is_missing(code):
            colours.append(NOT_RATED_COLOUR)
            if is_missing(label):
                label = None
        else:
            colours.append(view.colour(code) if view is not None else None)
            band = view.band(code) if view is not None else None
            if is_missing(label) and band is not None:
                label = band.label
        year = row.get("tahun")
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year.strip())
        year_value = _number(year)
        target = _as_number(row.get("target"), row.get("satuan"))
        actual = _as_number(row.get("realisasi"), row.get("satuan"))
        formats.append((
            _value_format(row.get("target"), target, row.get("desimal_target")),
            _value_format(row.get("realisasi"), actual, row.get("desimal_realisasi")),
        ))
        body.append(
            [
                number,
                row.get("indikator"),
                row.get("satuan"),
                int(year_value) if year_value is not None and year_value == int(year_value)
                else format_year(year),
                target,
                actual,
                _as_number(row.get("capaian"), "%"),
                category_text(code, label) or (
                    t("report.not_rated", lang) if is_missing(code) else ""
                ),
                row.get("metode"),
                _audit_text(row.get("audit"), lang),
                _remarks(row, lang),
            ]
        )
    return body, colours, formats


def _write_results(
    workbook: Any,
    rows: list[dict[str, Any]],
    views: Mapping[str, ScaleView | None],
    styles: _Styles,
    lang: str,
) -> None:
    body, colours, formats = _result_rows(rows, views, lang)
    sheet = _Sheet(
        workbook, t("report.sheet_results", lang), _RESULT_COLUMNS, body, styles, lang,
        freeze="C2",
    )
    for values, colour, row, value_formats in zip(body, colours, rows, formats, strict=True):
        cells = []
        for index, (value, column) in enumerate(zip(values, _RESULT_COLUMNS, strict=True)):
            number = _number(value)
            number_format: str | None = None
            fill = None
            font = None
            if index == 3:
                number_format = "0"  # a year has no thousands separator
            elif index in (4, 5) and number is not None:
                number_format = value_formats[index - 4]
            elif index == 6:
                number_format = NUMBER_FORMAT
                fill = colour
            elif index == 7:
                fill = colour
            elif index == 9 and str(row.get("audit") or "").strip().lower() == "mismatch":
                font = styles.alert
            cells.append(
                sheet.cell(
                    value, number_format=number_format, fill=fill, wrap=column.wrap, font=font
                )
            )
        sheet.sheet.append(cells)


def _write_findings(workbook: Any, findings: list[Any], styles: _Styles, lang: str) -> None:
    body = []
    fills: list[str | None] = []
    for number, finding in enumerate(findings, start=1):
        severity, fill = _severity(_field(finding, "severity", "tingkat"), lang)
        body.append(
            [
                number,
                _field(finding, "indikator", "indicator", "name"),
                _field(finding, "line", "baris", "row"),
                _field(finding, "code", "kode"),
                _field(finding, "rule", "aturan"),
                severity,
                _message(finding, lang, "message", "pesan"),
                _field(finding, "fix", "perbaikan"),
            ]
        )
        fills.append(fill)
    if not body:
        body = [["", t("report.no_findings", lang), "", "", "", "", "", ""]]
        fills = [None]
    sheet = _Sheet(
        workbook, t("report.sheet_findings", lang), _FINDING_COLUMNS, body, styles, lang,
        freeze="C2",
    )
    for values, fill in zip(body, fills, strict=True):
        sheet.sheet.append(
            [
                sheet.cell(value, wrap=column.wrap, fill=fill if index == 5 else None)
                for index, (value, column) in enumerate(zip(values, _FINDING_COLUMNS, strict=True))
            ]
        )


def _write_unread(workbook: Any, unread: list[Any], styles: _Styles, lang: str) -> None:
    # results.Unread has line/column; number_column.UnreadCell has the row's label in ``row``
    body = [
        [
            number,
            _field(cell, "table", "tabel", "path", "source"),
            _field(cell, "line", "row", "baris"),
            _field(cell, "column", "kolom", "col"),
            _field(cell, "text", "teks", "value"),
            _message(cell, lang, "reason", "alasan", "message"),
        ]
        for number, cell in enumerate(unread, start=1)
    ]
    if not body:
        body = [["", t("report.no_unread", lang), "", "", "", ""]]
    sheet = _Sheet(workbook, t("report.sheet_unread", lang), _UNREAD_COLUMNS, body, styles, lang)
    sheet.append_body(body)


def _write_narrative(
    workbook: Any,
    rows: list[dict[str, Any]],
    views: Mapping[str, ScaleView | None],
    styles: _Styles,
    lang: str,
) -> None:
    body = [
        [
            number,
            row.get("indikator"),
            format_year(row.get("tahun")),
            sentence(row, lang, scale=views.get(str(row.get("skala") or "").strip())),
        ]
        for number, row in enumerate(rows, start=1)
    ]
    sheet = _Sheet(
        workbook, t("report.sheet_narrative", lang), _NARRATIVE_COLUMNS, body, styles, lang,
        freeze="C2",
    )
    sheet.append_body(body)


def _interval(band: Any, lang: str) -> str:
    from indikator.report.narrative import format_number

    def show(x: float) -> str:
        return format_number(x, 0 if x == int(x) else 2, lang)

    lower, upper = band.lower, band.upper
    if lower is None and upper is None:
        return ""
    if lower is None:
        return ("≤ " if band.upper_closed else "< ") + show(upper)
    if upper is None:
        return ("≥ " if band.lower_closed else "> ") + show(lower)
    separator = "; " if lang == "id" else ", "
    return (
        ("[" if band.lower_closed else "(")
        + show(lower)
        + separator
        + show(upper)
        + ("]" if band.upper_closed else ")")
    )


def _method_description(name: str, lang: str) -> str:
    """The achievement engine's citable sentence for a ``metode`` code, if it knows the code."""
    from indikator.capaian.rows import describe_method

    try:
        text = describe_method(name, lang)
    except (LookupError, ValueError, TypeError):
        return t("report.notes_method_unknown", lang)
    return str(text)


def _write_notes(
    workbook: Any,
    rows: list[dict[str, Any]],
    views: Mapping[str, ScaleView | None],
    counts: Mapping[str, int],
    styles: _Styles,
    lang: str,
) -> None:
    from indikator import __version__

    sheet = workbook.create_sheet(title=t("report.sheet_notes", lang)[:31])
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 100

    def write(a: object = "", b: object = "", *, font: Any = None, fill: str | None = None) -> None:
        sheet.append(
            [
                _make_cell(sheet, styles, a, font=font, fill=fill),
                _make_cell(sheet, styles, b, wrap=True),
            ]
        )

    write(t("report.notes_title", lang), font=styles.title)
    write(t("report.notes_generated", lang, version=__version__))
    write(t("report.notes_counts", lang, **counts))
    write(t("report.notes_numbers", lang))
    write(t("report.notes_colours", lang))
    write()
    write(t("report.notes_methods", lang), font=styles.bold)
    methods = dict.fromkeys(
        str(row.get("metode")).strip() for row in rows if not is_missing(row.get("metode"))
    )
    for method in methods:
        write(method, _method_description(method, lang))
    write()
    write(t("report.notes_scales", lang), font=styles.bold)
    for name, view in views.items():
        if view is None:
            write(name, t("report.notes_scale_unknown", lang, name=name))
            continue
        write(t("report.notes_scale_heading", lang, name=name, title=view.title or name),
              font=styles.bold)
        if view.source:
            write("", t("report.notes_scale_source", lang, source=view.source,
                        confidence=t(f"scales.confidence_{view.confidence}", lang)
                        if view.confidence in ("confirmed", "unconfirmed") else "-"))
        for band in view.bands:
            write(band.caption, _interval(band, lang), fill=band.colour)
    write(t("report.not_rated", lang), fill=NOT_RATED_COLOUR)


def write_workbook(
    path: str | Path,
    results: object,
    findings: object = None,
    unread: object = None,
    *,
    scales: Mapping[str, object] | Iterable[object] | None = None,
    lang: str | None = "id",
    narrative: bool = True,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write the LKjIP workbook to *path* and return it (see the module docstring).

    The file is written atomically and never over one of *inputs*
    (:mod:`indikator.core.atomic`).

    *scales* gives the scale objects (``indikator.scales.scale.Scale`` or mappings, by name) used to
    colour categories; scales named in the results' ``skala`` column and not given are loaded
    with ``indikator.scales.loading.load_scale`` when available, otherwise their categories stay
    uncoloured and the Catatan sheet says so.  ``lang="en"`` writes English sheet titles,
    headers and texts.  Raises :class:`~indikator.core.errors.IndikatorError` when the results do
    not fit in one Excel sheet.
    """
    from openpyxl import Workbook

    language = normalise_lang(lang)
    rows = records(results)
    if len(rows) + 1 > EXCEL_MAX_ROWS:
        raise IndikatorError("report.too_many_rows", rows=len(rows), limit=EXCEL_MAX_ROWS - 1)
    finding_items = _items(findings)
    unread_items = _items(unread)
    views = resolve_scales((row.get("skala") for row in rows), scales)
    counts = {
        "rows": len(rows),
        "rated": sum(not is_missing(row.get("kategori")) for row in rows),
        "not_rated": sum(is_missing(row.get("kategori")) for row in rows),
        "mismatch": sum(str(row.get("audit") or "").lower() == "mismatch" for row in rows),
        "findings": len(finding_items),
        "unread": len(unread_items),
    }

    target = Path(path)
    check_not_input(target, inputs)
    workbook = Workbook(write_only=True)
    buffer = io.BytesIO()  # the zip is built in memory; only complete bytes reach the disk
    try:
        styles = _Styles()
        _write_results(workbook, rows, views, styles, language)
        _write_findings(workbook, finding_items, styles, language)
        _write_unread(workbook, unread_items, styles, language)
        if narrative:
            _write_narrative(workbook, rows, views, styles, language)
        _write_notes(workbook, rows, views, counts, styles, language)
        workbook.save(buffer)
    except BaseException as exc:
        _discard(workbook)
        raise _as_os_error(exc, target) from exc
    target.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(target, buffer.getvalue(), inputs=inputs)


def _as_os_error(exc: BaseException, target: Path) -> BaseException:
    """A write-only workbook streams each sheet through a temporary file; where lxml is
    installed, a full disk or a file-size limit there surfaces as lxml's ``SerialisationError``
    (``IO_EFBIG``, ``IO_ENOSPC`` …), not as an :class:`OSError`.  Give it back as the
    :class:`OSError` the callers turn into a "cannot write" message for *target*."""
    import errno

    code = str(exc)
    if type(exc).__name__ == "SerialisationError" and code.startswith("IO_"):
        number = getattr(errno, code[3:], errno.EIO)
        return OSError(number, os.strerror(number), str(target))
    return exc


def _discard(workbook: Any) -> None:
    """Close the streams of a write-only workbook whose save failed (a full disk, a file-size
    limit), so the garbage collector does not print "Exception ignored … Traceback" later."""
    import contextlib

    for sheet in getattr(workbook, "_sheets", ()):
        streams = (getattr(sheet, "_rows", None),
                   getattr(getattr(sheet, "_writer", None), "xf", None))
        for stream in streams:
            close = getattr(stream, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()
