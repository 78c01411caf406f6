"""SQL text of the DuckDB engine's row pipeline (:mod:`indikator.sql.engine`,
:mod:`indikator.sql.stream`): the trimmed cells of a CSV row and its plain numbers
(:func:`cells_sql`), the look-ups' columns (:func:`resolved_columns`), the plain flag and the
results of plain rows (:func:`plain_sql`), the summary counts.

Each function returns SQL text over a relation the caller names; values from the data become
escaped literals (:func:`literal`).  It runs nothing: no connection, no file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from sqlglot import exp

from indikator.core.i18n import t
from indikator.report.csvsafe import FORMULA_TRIGGERS
from indikator.sql.build import col, string
from indikator.sql.capaian import compile_capaian
from indikator.sql.scale import compile_scale, scale_input

if TYPE_CHECKING:
    from indikator.scales.scale import Scale

__all__ = ["MISSED", "SUMMARY_KEYS", "SUMMARY_SQL", "Layout", "cells_sql", "formula_start",
           "literal", "number_sql", "plain_flag", "plain_sql", "resolved_columns",
           "usable_scales", "value_clean"]

MISSED: Final = "indikator-stream-missed"
"""The error a guarded streamed relation (:mod:`indikator.sql.stream`) raises on a row the
sample did not foresee."""
SUMMARY_KEYS: Final = ("rows", "computed", "rated", "ok", "mismatch", "not_checkable",
                       "with_message")
""":func:`indikator.compute.pipeline.summary_counts`, in the order of :data:`SUMMARY_SQL`."""
SUMMARY_SQL: Final = (
    "count(*), count(capaian), count(kategori), count(*) FILTER (WHERE audit = 'ok'), "
    "count(*) FILTER (WHERE audit = 'mismatch'), count(*) FILTER (WHERE audit = "
    "'not-checkable'), count(pesan)")

@dataclass
class Layout:
    """Where the fields are in the file: column position of each recognised field."""

    delimiter: str
    header: str  # the first line as written
    positions: dict[str, int]
    width: int


def field_sql(layout: Layout, name: str, trimmed: bool = True) -> str:
    """The trimmed (or *trimmed* False: as read) text of field *name* ('' when the file has
    no such column)."""
    if name not in layout.positions:
        return "''"
    text = f"coalesce(c{layout.positions[name]}, '')"
    return f"trim({text})" if trimmed else text


_PLAIN: Final = (r"-?(?:[0-9]+|[0-9]+[.,](?:[0-9]{1,2}|[0-9]{4,})|0[0-9]*[.,][0-9]{3}"
                 r"|[1-9][0-9]{3,}[.,][0-9]{3})")


_TOTAL_ROW: Final = (r"(?:jumlah|total|rata[\s-]*rata|rerata|nilai rata[\s-]*rata)"
                     r"(?:\s+(?:capaian|kinerja|iku|keseluruhan|akhir|sasaran|program|\(%\)|%))*"
                     r"\s*:?")
""":data:`indikator.documents.realisation._TOTAL_ROW` (a total row is a heading, numpy's job)."""


_GROUPED: Final = (r"-?[1-9][0-9]{0,2}(?:(?:\.[0-9]{3})+,(?:[0-9]{1,2}|[0-9]{4,})"
                   r"|(?:\.[0-9]{3}){2,})")
"""Numbers with thousands dots that :mod:`indikator.documents.numbers` reads one way only,
whatever the rest of the column says: dot groups then a decimal comma not followed by exactly
three digits (``1.800.085,25``, ``1.800,5``), or two or more dot groups (``1.800.085``)."""


def number_sql(name: str, grouped: bool = False) -> tuple[str, str, str]:
    """(is plain, value, decimals printed) of the trimmed cell ``<name>_t``, the plain forms
    only: digits with at most one separator that cannot be a thousands mark (not followed by
    exactly three digits after a 1–3 digit head not starting with 0), at most 15 digits.  The
    value is DuckDB's correctly rounded reading of the decimal, as the numpy reader's integer
    / 10^k is.

    *grouped*: the :data:`_GROUPED` forms are plain too, and "is plain" is a kind instead of a
    flag (0 not plain, 1 as above, 2 grouped; the value and decimals then read column
    ``<name>_kind``).  Their reading does not depend on the column (no ambiguous separator),
    so it is only right where no cell of the column is ambiguous either: the streaming path,
    whose rows are all plain."""
    text = f"\"{name}_t\""
    separated = f"(contains({text}, ',') OR contains({text}, '.'))"
    digits = (f"(strlen({text}) - CAST(starts_with({text}, '-') AS INTEGER) "
              f"- CAST({separated} AS INTEGER))")
    plain = f"(regexp_full_match({text}, '{_PLAIN}') AND {digits} <= 15)"
    frac = (f"(CASE WHEN {separated} THEN length({text}) - greatest(strpos({text}, ','), "
            f"strpos({text}, '.')) ELSE 0 END)")
    if not grouped:
        value = (f"(CASE WHEN \"{name}_plain\" THEN CAST(replace({text}, ',', '.') AS DOUBLE) "
                 "END)")
        return plain, value, frac
    kind = f"\"{name}_kind\""
    # WHEN conditions run on the rows the ones before left: the grouped pattern costs
    # nothing on files without thousands dots
    grouped_digits = (f"(strlen({text}) - CAST(starts_with({text}, '-') AS INTEGER) - "
                      f"(strlen({text}) - strlen(replace(replace({text}, '.', ''), ',', ''))))")
    plain = (f"(CASE WHEN {plain} THEN 1 WHEN contains({text}, '.') AND regexp_full_match("
             f"{text}, '{_GROUPED}') AND {grouped_digits} <= 15 THEN 2 ELSE 0 END)")
    value = (f"(CASE {kind} WHEN 1 THEN CAST(replace({text}, ',', '.') AS DOUBLE) WHEN 2 THEN "
             f"CAST(replace(replace({text}, '.', ''), ',', '.') AS DOUBLE) END)")
    # a comma is the decimal mark of both plain kinds; a dot only of kind 1 (one separator)
    frac = (f"(CASE WHEN contains({text}, ',') THEN length({text}) - strpos({text}, ',') "
            f"WHEN {kind} = 1 AND contains({text}, '.') THEN length({text}) - strpos({text}, '.') "
            "ELSE 0 END)")
    return plain, value, frac


def cells_sql(layout: Layout, source: str, trimmed: bool = True, grouped: bool = False) -> str:
    """The ``cells`` relation over *source* (columns ``c0``… and ``rowid``): rowid ``r``, the
    trimmed fields, plain flags and values of the numbers, and ``clean``: ASCII without control
    characters (so trim = Python's strip, lower = casefold) and not a total row.

    *trimmed* False: the fields as read (trimming costs a third of the reading); ``clean``
    then also refuses a free-text field that starts or ends with a space (:func:`_text_clean`)
    and the caller must refuse a row whose other fields are not exactly values it knows
    (trimmed, so an untrimmed cell with a space at an edge is never one of them; numbers
    with a space are never plain).  *grouped*: numbers with thousands dots read one way only
    are plain too (:func:`number_sql`)."""
    cells = [f"coalesce(c{i}, '')" for i in range(layout.width)]
    joined = "concat(" + ", ".join(cells) + ")"
    total = " OR ".join(f"regexp_full_match(lower(trim({c})), '{_TOTAL_ROW}')" for c in cells)
    # ASCII (so trim = Python's strip, lower = casefold); control characters other than
    # tab/CR/LF were refused for the whole file (engine._has_controls); no line break or tab
    # inside a cell; a total-row word only then checked cell by cell
    clean = (f"strlen(j) = length(j) AND NOT (contains(j, chr(10)) OR contains(j, chr(13)) "
             "OR contains(j, chr(9))) AND NOT (CASE WHEN regexp_matches(j, "
             f"'(?i)jumlah|total|rata') THEN ({total}) ELSE false END)")
    inner = [f"{field_sql(layout, n, trimmed)} AS \"{n}\"" for n in ("indikator", "tahun",
                                                                    "satuan", "arah", "skala")]
    inner += [f"{field_sql(layout, 'capaian', trimmed)} AS capaian_cell", "rowid AS r",
              f"{clean} AS clean"]
    inner += [f"{field_sql(layout, n, trimmed)} AS \"{n}_t\"" for n in ("target", "realisasi")]
    kept = ["indikator", "tahun", "satuan", "arah", "skala", "capaian_cell", "r", "clean"]
    if not trimmed:
        inner[inner.index(f"{clean} AS clean")] = f"{_text_clean(layout)} AS clean"
    flag = "kind" if grouped else "plain"
    # both cells plain and short, in one pattern over the pair: the common row costs one
    # match instead of two; the others are judged cell by cell
    pair = (f"(strlen(target_t) <= 15 AND strlen(realisasi_t) <= 15 AND regexp_full_match("
            f"target_t || ';' || realisasi_t, '{_PLAIN};{_PLAIN}'))")
    middle = [*kept, "target_t", "realisasi_t"] + [
        f"(CASE WHEN {pair} THEN {1 if grouped else 'true'} ELSE {number_sql(n, grouped)[0]} "
        f"END) AS \"{n}_{flag}\"" for n in ("target", "realisasi")]
    outer = [*kept] + [f"\"{n}_kind\" > 0 AS \"{n}_plain\"" if grouped else f"{n}_plain"
                       for n in ("target", "realisasi")]
    for name in ("target", "realisasi"):
        _, value, frac = number_sql(name, grouped)
        outer += [f"{value} AS \"{name}_v\"", f"{frac} AS \"{name}_d\"",
                  f"contains(\"{name}_t\", ',') AS \"{name}_comma\""]
    rows = f"(SELECT *, {joined} AS j FROM {source})"
    return (f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(middle)} FROM (SELECT "
            f"{', '.join(inner)} FROM {rows}))")


TEXT_FIELDS: Final = ("indikator", "kode")
"""The fields whose cells are free text; the others are numbers or few distinct values."""


_PRINTABLE: Final = r"(?:[!-~](?:[ -~]*[!-~])?)?"
"""Printable ASCII (no control character, tab and line breaks included) with no space at
either end: Python's strip and DuckDB's untrimmed text agree on it, lower = casefold."""


def _text_clean(layout: Layout) -> str:
    """``clean`` of untrimmed fields, judged on the free-text fields only: right when the
    caller has checked the other fields' values itself (numbers by their pattern,
    arah/satuan/skala/tahun value by value: see :func:`value_clean`).  One pattern per field
    (:data:`_PRINTABLE`: the file was not scanned for control characters) and the total-row
    words."""
    parts = []
    for name in TEXT_FIELDS:
        if name in layout.positions:
            text = field_sql(layout, name, False)
            parts.append(f"regexp_full_match({text}, '{_PRINTABLE}') AND NOT "
                         f"regexp_full_match({text}, '(?i){_TOTAL_ROW}')")
    return " AND ".join(parts) or "true"


def value_clean(value: str) -> bool:
    """A cell that ``clean`` would pass: ASCII, no control character (tab and line breaks
    included), not a total-row word."""
    import re

    return (value.isascii() and not any(ord(c) < 32 or ord(c) == 127 for c in value)
            and re.fullmatch(_TOTAL_ROW, value.strip().lower()) is None)


def resolved_columns(direction: str, cat_arah: str, cat_scale: str, guess: str,
                      percent: str, default_scale: str) -> str:
    """The columns the look-ups add to a ``cells`` row (given as SQL expressions of the row:
    *direction* of its arah cell, NULL when unknown; the catalogue's arah and scale and the
    guessed-direction message of its name, '' when none; *percent*: its unit is a percent)."""
    return (f"CASE WHEN coalesce({direction}, '') <> '' THEN {direction} "
            f"WHEN {cat_arah} <> '' THEN {cat_arah} "
            f"WHEN {guess} <> '' THEN 'turun' ELSE 'naik' END AS arah_final, "
            f"CASE WHEN coalesce({direction}, '') = '' AND {cat_arah} = '' THEN {guess} "
            "ELSE '' END AS guessed, "
            f"coalesce({direction}, '') IN ('', 'naik', 'turun') AS arah_ok, "
            f"CASE WHEN skala <> '' THEN skala WHEN {cat_scale} <> '' THEN {cat_scale} "
            f"ELSE {literal(default_scale)} END AS skala_final, "
            f"coalesce({percent}, false) AS satuan_percent")


def usable_scales(skala: Any, catalog_scales: Any, default_scale: str) -> dict[str, Scale]:
    """The scales named in the skala cells, by the catalogue or by default that load and are
    interval scales (rated in SQL) by name."""
    from indikator.core.errors import IndikatorError
    from indikator.scales.loading import load_scale

    usable: dict[str, Scale] = {}
    for name in sorted({*skala, *catalog_scales, default_scale} - {""}):
        try:
            scale = load_scale(str(name))
        except IndikatorError:
            continue
        if scale.kind == "interval":
            usable[str(name)] = scale
    return usable


def plain_flag(usable: dict[str, Scale]) -> str:
    """Column ``plain`` of a resolved row (module doc)."""
    known = ("skala_final IN (" + ", ".join(literal(name) for name in sorted(usable)) + ")"
             if usable else "false")
    return ("(clean AND indikator <> '' AND target_plain AND realisasi_plain AND "
            f"capaian_cell = '' AND arah_ok AND {known}) AS plain")


# --------------------------------------------------------------------------- plain rows in SQL


def literal(text: str) -> str:
    """*text* as an escaped DuckDB string literal."""
    return string(text).sql("duckdb")


def formula_start(text: str) -> str:
    """SQL: *text* starts with a character that makes a spreadsheet run it as a formula
    (:data:`indikator.report.csvsafe.FORMULA_TRIGGERS`)."""
    triggers = ", ".join(literal(c) for c in sorted(FORMULA_TRIGGERS))
    return f"left({text}, 1) IN ({triggers})"


_SOURCE: Final = "\x00source\x00"
_WHERE: Final = "\x00where\x00"
_EXTRA: Final = "\x00extra\x00"


def plain_sql(usable: dict[str, Scale], lang: str | None, source: str = "routed",
              where: str = "WHERE plain", extra: str = "",
              memo: dict[Any, str] | None = None) -> str:
    """The results of the plain rows of *source* (same columns as the numpy engine's, then
    *extra*, SQL of more columns of the rows).  *memo* keeps the compiled methods and scales
    between calls with the same scales (building them with sqlglot takes 50 ms)."""
    key = (tuple(usable), lang)
    template = memo.get(key) if memo is not None else None
    if template is None:
        template = _plain_template(usable, lang)
        if memo is not None:
            memo[key] = template
    return template.replace(_SOURCE, source).replace(_WHERE, where).replace(_EXTRA, extra)


def _plain_template(usable: dict[str, Scale], lang: str | None) -> str:
    """:func:`plain_sql` with markers for its source, where and extra."""
    from indikator.capaian.codes import REASONS

    capaian = compile_capaian("number", actual=col("realisasi_v"), target=col("target_v"),
                              direction=exp.EQ(this=col("arah_final"),
                                               expression=exp.Literal.string("turun")),
                              dialect="duckdb")
    stage1 = ("SELECT *, " + ", ".join(c.sql("duckdb") for c in capaian.columns())
              + f" FROM {_SOURCE} {_WHERE}")
    rated_input = " ".join(
        f"WHEN skala_final = {literal(name)} THEN "
        + scale_input(scale, col("realisasi_v" if scale.rates == "value" else "capaian"),
                      "duckdb").sql("duckdb")
        for name, scale in usable.items())
    stage2 = f"SELECT *, CASE {rated_input} END AS nilai_skala FROM ({stage1})" if usable else (
        f"SELECT *, CAST(NULL AS DOUBLE) AS nilai_skala FROM ({stage1})")
    compiled = {name: compile_scale(scale, col("nilai_skala"), "duckdb", rounded=True)
                for name, scale in usable.items()}

    def per_scale(field_name: str) -> str:
        if not compiled:
            return "NULL"
        whens = " ".join(f"WHEN skala_final = {literal(name)} THEN "
                         + getattr(c, field_name).sql("duckdb") for name, c in compiled.items())
        return f"CASE {whens} END"

    reason_text = " ".join(
        f"WHEN {literal(code)} THEN "
        + literal(t(f"achievement.reason_{code.replace('-', '_')}", lang))
        for code in REASONS)
    from indikator.compute.names import COVERAGE_WORDS, IMPLAUSIBLE_CAPAIAN

    coverage = " OR ".join(f"starts_with(lower(indikator), {literal(w)})"
                           for w in COVERAGE_WORDS)
    over = f"(satuan_percent AND ({coverage}) AND realisasi_v > 100.0)"
    implausible = f"abs(capaian) >= {IMPLAUSIBLE_CAPAIAN!r}"
    pesan = (f"NULLIF(concat_ws(' ', CASE alasan {reason_text} END, "
             f"CASE WHEN {implausible} THEN "
             f"{literal(t('compute.capaian_implausible', lang))} END, "
             f"CASE WHEN {over} THEN {literal(t('compute.coverage_over_100', lang))} END, "
             "NULLIF(guessed, '')), '')")
    return f"""SELECT indikator,
        CASE WHEN tahun = '' THEN NULL ELSE TRY_CAST(tahun AS BIGINT) END AS tahun,
        NULLIF(satuan, '') AS satuan, target_v AS target_num,
        CAST(NULL AS VARCHAR) AS target_text, realisasi_v AS realisasi_num,
        CAST(NULL AS VARCHAR) AS realisasi_text, capaian,
        {per_scale('code')} AS kategori, {per_scale('label')} AS kategori_label,
        skala_final AS skala, metode, CAST(NULL AS VARCHAR) AS audit,
        CAST(NULL AS DOUBLE) AS capaian_tertulis, {pesan} AS pesan,
        CAST(r + 2 AS BIGINT) AS baris, arah_final AS arah, 'number' AS jenis_target,
        tercapai, CAST(NULL AS DOUBLE) AS selisih_tingkat, alasan,
        CAST(NULL AS VARCHAR) AS galat_audit, CAST(target_d AS BIGINT) AS desimal_target,
        CAST(realisasi_d AS BIGINT) AS desimal_realisasi{_EXTRA}
        FROM ({stage2})"""


