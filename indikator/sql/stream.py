"""The streaming path of the DuckDB engine: a CSV whose rows are all plain, computed and
written by one DuckDB pipeline, never stored.

For a file whose every row is *plain* (:mod:`indikator.sql.engine`: numbers SQL reads exactly as
:mod:`indikator.documents.numbers` does, directions and units known, interval scales, no
printed capaian, no total row), :func:`stream` returns the results as a SQL relation:
``read_csv`` → projections.  DuckDB evaluates it again for each statement that reads it (the
CSV or Parquet write, :meth:`~indikator.sql.engine.DuckResult.computation`), in file order: no
join, no sort, no table of all rows — the look-ups are inlined as ``CASE`` expressions.

Steps:

1. **sample**: the distinct arah, skala and satuan cells of the first :data:`SAMPLE_ROWS` rows,
   and the names that need a look-up (rows with no direction, or every name when a catalogue is
   given), decided in Python once each, as the numpy engine does;
2. **check**: one scan of the whole file with those look-ups counts the rows that are not plain,
   the structural problems (empty names, years that are not whole numbers), the values the
   sample did not have, and the summary (:data:`indikator.sql.rowsql.SUMMARY_SQL`); missed
   values are looked up and the scan run again (at most twice);
3. the caller's write is the last scan.

It returns None — the caller then takes the general path (tables, numpy for the rows that are
not plain) — when a row is not plain, the structure is not, or more than :data:`MAX_VALUES`
distinct values (or names with a catalogue entry or a guessed direction) would have to be
inlined: a ``CASE`` over thousands of values per row is slower than the general path's joins.
It does not read XLSX, and does not decide ambiguous numbers (``3.460``): such rows are not
plain.  Numbers with thousands dots that read one way only (``1.800.085,25``, ``1.800.085``)
are plain here (:func:`indikator.sql.rowsql.number_sql` with *grouped*): with every row
plain, no cell of the file is ambiguous, so the column's evidence decides nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from indikator.core.i18n import t
from indikator.report.csvsafe import is_formula_like
from indikator.sql.lookups import NameInfo, look_up
from indikator.sql.results import DuckResult, run
from indikator.sql.rowsql import (
    MISSED,
    SUMMARY_KEYS,
    SUMMARY_SQL,
    Layout,
    cells_sql,
    formula_start,
    literal,
    plain_flag,
    plain_sql,
    resolved_columns,
    usable_scales,
    value_clean,
)

if TYPE_CHECKING:
    from pathlib import Path

    import duckdb

    from indikator.catalog.loader import Catalog
    from indikator.scales.scale import Scale

__all__ = ["MAX_VALUES", "MISSED", "SAMPLE_ROWS", "StreamPlan", "stream"]

SAMPLE_ROWS: Final = 10_000
MAX_VALUES: Final = 200
"""Most distinct arah / skala / satuan values, and names with a look-up result, inlined."""

_ALWAYS_SAFE: Final = frozenset({
    "target", "realisasi", "tahun", "metode", "audit", "baris", "arah", "jenis_target",
    "alasan", "galat_audit", "desimal_target", "desimal_realisasi"})
"""Columns of plain rows that never hold a formula-like text: numbers, digits, codes."""


@dataclass
class _Lookups:
    """What Python decided for each distinct value seen so far
    (:func:`indikator.sql.lookups.look_up`), and the skala and tahun values seen."""

    catalog: Catalog | None
    lang: str | None
    dirs: dict[str, str] = field(default_factory=dict)
    percent: dict[str, bool] = field(default_factory=dict)
    skala: set[str] = field(default_factory=set)
    names: dict[str, NameInfo] = field(default_factory=dict)
    years: set[str] = field(default_factory=set)

    def clean(self) -> bool:
        """Every value seen passes ``clean`` and every year is whole (guardable rows)."""
        values = [*self.dirs, *self.percent, *self.skala, *self.years]
        return (all(value_clean(v) for v in values)
                and all(re.fullmatch(r"[0-9]{1,9}", y) for y in self.years - {""}))

    def add(self, arah: list[Any], satuan: list[Any], skala: list[Any],
            names: list[Any]) -> None:
        found = look_up(arah, satuan, names, catalog=self.catalog, lang=self.lang)
        self.dirs.update(found.dirs)
        self.percent.update(found.percent)
        self.skala.update(str(value) for value in skala)
        self.names.update(found.names)

    def interesting(self) -> dict[str, NameInfo]:
        """The names with a catalogue arah or scale, or a guessed direction."""
        return {name: info for name, info in self.names.items() if any(info)}

    def too_many(self) -> bool:
        return max(len(self.dirs), len(self.percent), len(self.skala), len(self.years),
                   len(self.interesting())) > MAX_VALUES


def _case(column: str, mapping: dict[str, str], default: str) -> str:
    if not mapping:
        return default
    whens = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"CASE {column} {whens} ELSE {default} END"


def _in(column: str, values: Any) -> str:
    listed = sorted(str(v) for v in values)
    return f"{column} IN ({', '.join(literal(v) for v in listed)})" if listed else "false"


def source_sql(path: Path, layout: Layout, numbered: bool = True) -> str:
    """The data rows of the CSV at *path* as columns ``c0``… (text) and ``rowid`` (0-based;
    NULL unless *numbered*: the window that numbers the rows makes the scan single-threaded,
    so a write that does not show ``baris`` goes without it)."""
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(layout.width)) + "}"
    rowid = "row_number() OVER () - 1" if numbered else "CAST(NULL AS BIGINT)"
    return (f"(SELECT *, {rowid} AS rowid FROM read_csv({literal(str(path))}, "
            f"delim = {literal(layout.delimiter)}, header = false, skip = 1, quote = '\"', "
            f"escape = '\"', auto_detect = false, columns = {columns}, null_padding = true, "
            "strict_mode = false))")


def _routed(cells: str, lookups: _Lookups, usable: dict[str, Scale],
            default_scale: str) -> tuple[str, str]:
    """(the routed relation over *cells* with the look-ups inlined, the direction SQL)."""
    interesting = lookups.interesting()
    direction = _case("arah", lookups.dirs, "NULL")
    resolved = resolved_columns(
        direction,
        _case("indikator", {n: i[0] for n, i in interesting.items() if i[0]}, "''"),
        _case("indikator", {n: i[1] for n, i in interesting.items() if i[1]}, "''"),
        _case("indikator", {n: i[2] for n, i in interesting.items() if i[2]}, "''"),
        _in("satuan", [v for v, p in lookups.percent.items() if p]), default_scale)
    return (f"(SELECT *, {plain_flag(usable)} FROM (SELECT c.*, {resolved} FROM ({cells}) c))",
            direction)


_CHECKS: Final = (
    "empty_names", "bad_years", "not_plain", "arah", "satuan", "skala", "names", "risky",
    *SUMMARY_KEYS)


@dataclass
class StreamPlan:
    """The streaming path of one file: its look-ups, and how to check or guard the rows."""

    connection: duckdb.DuckDBPyConnection
    cells: str
    fast_cells: tuple[str, str]
    """:attr:`cells` untrimmed, for the guarded relation (its guard refuses every cell a
    trim would change: :func:`~indikator.sql.rowsql.cells_sql`): with row numbers, and
    without (for a write that does not show ``baris``)."""
    lookups: _Lookups
    default_scale: str
    controls: Callable[[], bool]
    """Whether the file holds a control character (the check path needs it to hold none)."""
    usable: dict[str, Scale] = field(default_factory=dict)
    memo: dict[Any, str] = field(default_factory=dict)
    speculation: dict[str, bool] | None = None
    """From the sample: every row computed / rated / with a message (True) or none (False)."""

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.usable = usable_scales(self.lookups.skala,
                                    {i[1] for i in self.lookups.names.values()},
                                    self.default_scale)

    def _checked(self, cells: str) -> tuple[str, str]:
        """(results with the check columns, results) over *cells*."""
        routed, direction = _routed(cells, self.lookups, self.usable, self.default_scale)
        need_name = ("true" if self.lookups.catalog is not None
                     else f"coalesce({direction}, '') = ''")
        extra = (", plain AS ok_plain, arah AS arah_cell, skala AS skala_cell, satuan AS "
                 f"satuan_cell, tahun AS tahun_cell, {need_name} AS need_name")
        lang = self.lookups.lang
        return (plain_sql(self.usable, lang, routed, "", extra, self.memo),
                plain_sql(self.usable, lang, routed, "", "", self.memo))

    def check(self, cells: str | None = None) -> tuple[dict[str, Any], str]:
        """One scan of *cells* (the file): counts, missed values, summary; and the results."""
        checked, relation = self._checked(cells or self.cells)
        known = self.lookups
        names = "true"
        if known.names:  # every name looked up (with a catalogue, every name of the file):
            # a table, not a list of literals (10^5 names inlined cost 15 s a scan)
            run(self.connection, "CREATE OR REPLACE TEMP TABLE stream_names AS SELECT "
                                 "unnest(?::VARCHAR[]) AS name", [list(known.names)])
            names = "indikator NOT IN (SELECT name FROM stream_names)"
        row = self.connection.execute(
            "SELECT count(*) FILTER (WHERE indikator = ''), count(*) FILTER (WHERE tahun_cell "
            "<> '' AND NOT regexp_full_match(tahun_cell, '[0-9]{1,9}')), count(*) FILTER "
            "(WHERE NOT ok_plain), "
            f"list(DISTINCT arah_cell) FILTER (WHERE NOT {_in('arah_cell', known.dirs)}), "
            f"list(DISTINCT satuan_cell) FILTER (WHERE NOT {_in('satuan_cell', known.percent)}), "
            f"list(DISTINCT skala_cell) FILTER (WHERE NOT {_in('skala_cell', known.skala)}), "
            f"list(DISTINCT indikator) FILTER (WHERE need_name AND {names}), "
            f"coalesce(bool_or({formula_start('indikator')}), false), "
            f"{SUMMARY_SQL} FROM ({checked})").fetchall()[0]
        return dict(zip(_CHECKS, row, strict=True)), relation

    def results(self) -> str:
        """The results relation over the file (no check)."""
        return f"({self._checked(self.cells)[1]})"

    def guarded(self, numbered: bool = True) -> str:
        """The results relation that raises :data:`MISSED` on any row unlike the sample's;
        ``baris`` is NULL unless *numbered*."""
        checked, _ = self._checked(self.fast_cells[0 if numbered else 1])
        assert self.speculation is not None
        known = self.lookups
        # any computed row can have a message (a capaian of 1000 % or more), so pesan is
        # always guarded
        guards = [("capaian", self.speculation["computed"]),
                  ("kategori", self.speculation["rated"]),
                  ("pesan", self.speculation["with_message"])]
        summary = " OR ".join(f"{column} IS {'' if every else 'NOT '}NULL"
                              for column, every in guards)
        missed = (
            "NOT ok_plain OR indikator = '' OR need_name OR "
            f"NOT {_in('tahun_cell', known.years)} OR NOT {_in('arah_cell', known.dirs)} OR "
            f"NOT {_in('satuan_cell', known.percent)} OR NOT {_in('skala_cell', known.skala)} "
            f"OR {formula_start('indikator')} OR {summary}")
        return (f"(SELECT * FROM ({checked}) WHERE CASE WHEN {missed} THEN "
                f"error({literal(MISSED)}) ELSE true END)")

    def counts(self, rows: int) -> dict[str, int]:
        """The summary of *rows* rows that all passed :meth:`guarded`."""
        assert self.speculation is not None
        found = {key: 0 for key in SUMMARY_KEYS}
        found["rows"] = rows
        for key in ("computed", "rated", "with_message"):
            found[key] = rows if self.speculation[key] else 0
        return found

    def settle(self) -> tuple[dict[str, int], str, frozenset[str]] | None:
        """Look up what the sample missed and check the whole file: (summary, results relation,
        safe columns), or None when a row is not plain."""
        if self.controls():
            return None
        # The second check never misses a value: the first lists every arah / satuan / skala
        # cell of the file not yet known, and every name of a row whose direction is unknown
        # or blank (NULL or '': a superset of the rows still needing a name once the arah
        # cells are known); values round-trip through literal() and compare bytewise.  The
        # third round is a bound, not a path (no input reaches it).
        for _ in range(3):
            if self.lookups.too_many():
                return None
            found, relation = self.check()
            missed = [list(found[key] or []) for key in ("arah", "satuan", "skala", "names")]
            if not any(missed):
                break
            self.lookups.add(*missed)
            self.refresh()
        else:
            return None
        if found["empty_names"] or found["bad_years"] or found["not_plain"]:
            return None
        counts = {key: int(found[key]) for key in SUMMARY_KEYS}
        return counts, f"({relation})", _safe_columns(self.lookups, self.usable,
                                                      bool(found["risky"]))


def _safe_columns(lookups: _Lookups, usable: dict[str, Scale], risky: bool) -> frozenset[str]:
    """The text columns whose every possible value is known here and not formula-like."""
    from indikator.capaian.codes import REASONS
    from indikator.compute.names import RESULT_COLUMNS

    lang = lookups.lang
    safe = set(_ALWAYS_SAFE)
    if not risky:
        safe.add("indikator")
    if not any(is_formula_like(v) for v in lookups.percent):
        safe.add("satuan")
    if not any(is_formula_like(name) for name in usable):
        safe.add("skala")
    bands = [b for scale in usable.values() for b in scale.bands]
    if not any(is_formula_like(b.code) for b in bands):
        safe.add("kategori")
    if not any(is_formula_like(b.label) for b in bands):
        safe.add("kategori_label")
    messages = [t(f"achievement.reason_{code.replace('-', '_')}", lang) for code in REASONS]
    messages += [t("compute.coverage_over_100", lang), t("compute.capaian_implausible", lang)]
    messages += [info[2] for info in lookups.interesting().values()]
    if not any(is_formula_like(m) for m in messages):
        safe.add("pesan")
    return frozenset(safe & set(RESULT_COLUMNS))


def stream(connection: duckdb.DuckDBPyConnection, path: Path, layout: Layout, *,
           catalog: Catalog | None, lang: str | None, default_scale: str,
           timings: dict[str, float], general: Callable[[], DuckResult],
           controls: Callable[[], bool]) -> DuckResult | None:
    """The results of the CSV at *path* as a streamed relation, or None (module doc).

    When the sample's rows are all plain and alike (all or none computed, rated, with a
    message; no name to look up), nothing more is read here: the write runs the guarded
    relation and, should a row differ, checks the file then (:meth:`DuckResult.write`) —
    *general* gives the general path's result if the file turns out not to be plain."""
    start = time.perf_counter()
    cells = cells_sql(layout, source_sql(path, layout), grouped=True)
    lookups = _Lookups(catalog, lang)
    sample_cells = f"SELECT * FROM ({cells}) LIMIT {SAMPLE_ROWS}"
    need = "true" if catalog is not None else "arah = ''"
    sample = connection.execute(
        f"SELECT list(DISTINCT arah), list(DISTINCT satuan), list(DISTINCT skala), "
        f"list(DISTINCT indikator) FILTER (WHERE {need}), list(DISTINCT tahun) "
        f"FROM ({sample_cells})").fetchall()[0]
    lookups.add(*[list(values or []) for values in sample[:4]])
    lookups.years.update(str(y) for y in sample[4] or [])
    if lookups.too_many():
        return None
    fast_cells = (cells_sql(layout, source_sql(path, layout), trimmed=False, grouped=True),
                  cells_sql(layout, source_sql(path, layout, False), trimmed=False,
                            grouped=True))
    plan = StreamPlan(connection, cells, fast_cells, lookups, default_scale, controls)
    found, relation = plan.check(sample_cells)
    rows = int(found["rows"])
    alike = {key: int(found[key]) in (0, rows) for key in ("computed", "rated", "with_message")}
    has_year = "tahun" in layout.positions
    if (rows and catalog is None and not lookups.names and all(alike.values()) and lookups.clean()
            and not (found["empty_names"] or found["bad_years"] or found["not_plain"]
                     or found["risky"])):
        plan.speculation = {key: int(found[key]) == rows
                            for key in ("computed", "rated", "with_message")}
        timings["read"] = time.perf_counter() - start
        return DuckResult(connection, [], timings, lang, None, 0, 0, has_year,
                          relation=plan.results(), safe=_safe_columns(lookups, plan.usable,
                                                                       False),
                          plan=plan, general=general)
    settled = plan.settle()
    timings["read"] = time.perf_counter() - start
    if settled is None:
        return None
    counts, relation, safe = settled
    return DuckResult(connection, [], timings, lang, None, counts["rows"], 0, has_year,
                      relation=relation, counts=counts, safe=safe)
