"""The DuckDB engine of ``indikator compute``: plain rows in SQL, every other row in numpy.

:func:`compute_duckdb` reads a CSV/TSV or Parquet realisation table with DuckDB and returns a
:class:`DuckResult` whose rows (columns :data:`indikator.compute.pipeline.RESULT_COLUMNS`,
one per input row, in input order) are the numpy engine's, value for value, message for
message.  It gets there by routing:

* a **plain row** — ASCII cells only, an indicator name, target and realisasi that are plain
  numbers SQL reads exactly as :mod:`indikator.documents.numbers` does (``12``, ``-3``,
  ``12,5``, ``0.25``: digits with at most one separator not followed by exactly three digits,
  ≤ 15 digits), no printed capaian, an ``arah`` cell that is empty or a known word, an
  interval scale, no total-row word — is computed in SQL with the compiled capaian method and
  scale (:mod:`indikator.sql.capaian`, :mod:`indikator.sql.scale`);
* every **other row** (``3.460``, ``1.800.085,25``, ``80 – 90``, ``#DIV/0!``, ``-``,
  categories, headings, printed capaian to audit …) is written to a small table and computed
  by :func:`indikator.compute.pipeline.compute` itself.  The decimal convention of a column is
  decided over the whole column (``3.460`` depends on the other cells), so the plain cells'
  evidence (a decimal comma, a decimal point) is added to that table as marker rows that are
  dropped afterwards: both engines decide the same way.

Whole files go to the numpy engine when a structural feature is not handled here (a header
not on the first line or with unnamed columns, blank lines, an empty ``indikator`` cell
continuing the one above, years that are not whole numbers, XLSX input): the answer is then
the numpy engine's by construction.  :data:`AUTO_BYTES` is the size above which ``--engine
auto`` picks DuckDB (``benchmarks/bench_sql_engine.py`` measured the break-even).

It does not write workbooks or JSON itself (the CLI does, from :meth:`DuckResult.computation`);
CSV and Parquet are written by DuckDB (:meth:`DuckResult.write`).
"""

from __future__ import annotations

import dataclasses
import mmap
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlglot import exp

from indikator.core.atomic import atomic_path
from indikator.core.i18n import t
from indikator.report.csvsafe import FORMULA_TRIGGERS, PLAIN_NUMBER
from indikator.sql.build import col
from indikator.sql.capaian import compile_capaian
from indikator.sql.scale import compile_scale, scale_input

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from indikator.catalog.loader import Catalog
    from indikator.compute.pipeline import Computation
    from indikator.scales.scale import Scale

__all__ = ["AUTO_BYTES", "DuckResult", "choose_engine", "compute_duckdb"]

SUMMARY_KEYS: Final = ("rows", "computed", "rated", "ok", "mismatch", "not_checkable",
                       "with_message")
""":func:`indikator.compute.pipeline.summary_counts`, in the order of :data:`SUMMARY_SQL`."""
SUMMARY_SQL: Final = (
    "count(*), count(capaian), count(kategori), count(*) FILTER (WHERE audit = 'ok'), "
    "count(*) FILTER (WHERE audit = 'mismatch'), count(*) FILTER (WHERE audit = "
    "'not-checkable'), count(pesan)")

AUTO_BYTES: Final = 4_000_000
"""``--engine auto`` uses DuckDB for CSV/Parquet files larger than this (about 8·10^4 rows of a
five-column table).  Measured with ``benchmarks/bench_sql_engine.py`` (same run, loaded 2-core
machine): 10^5 rows (5 MB) numpy 6.2 s, DuckDB 4.2 s; 10^6 rows numpy 29.3 s, DuckDB 20.7 s.
Below a few MB both take about a second, most of it imports, and the numpy engine is the
reference path."""

_TEXT_SUFFIXES: Final = (".csv", ".tsv", ".txt")
_HEAD_LINES: Final = 40
_HEADERISH: Final = re.compile(r"[\d\s().=x×*/:%+\-]*|(?:tahun\s+|th\.?\s*)?(?:19|20)\d\d",
                               re.IGNORECASE)


def choose_engine(path: Path, engine: str) -> str:
    """``numpy`` or ``duckdb`` for *engine* ``numpy``/``duckdb``/``auto`` and the input file."""
    if engine != "auto":
        return engine
    suffix = path.suffix.lower()
    if suffix not in (*_TEXT_SUFFIXES, ".parquet"):
        return "numpy"
    return "duckdb" if path.stat().st_size > AUTO_BYTES else "numpy"


@dataclass
class DuckResult:
    """Results held in DuckDB table ``hasil`` (or a numpy :class:`Computation` when the file
    went to the numpy engine)."""

    connection: duckdb.DuckDBPyConnection | None
    unread: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    lang: str | None = None
    fallback: Computation | None = None
    rows_sql: int = 0
    rows_numpy: int = 0
    has_year: bool = True
    relation: str = "hasil"
    """The results in SQL: table ``hasil``, or a query over the file (the streaming path of
    :mod:`indikator.sql.stream`, computed again by each statement that reads it)."""
    counts: dict[str, int] | None = None
    """:meth:`summary` when already counted (the streaming path counts in its check scan)."""
    safe: frozenset[str] = frozenset()
    """Text columns known to hold no formula-like cell (not neutralised again when written)."""

    def computation(self) -> Computation:
        """The results as a :class:`Computation` (a pandas frame, as the numpy engine gives)."""
        from indikator.compute.pipeline import RESULT_COLUMNS, Computation

        if self.fallback is not None:
            return self.fallback
        assert self.connection is not None
        frame = self.connection.execute(f"SELECT * FROM {self.relation} ORDER BY baris").df()
        frame = _numpy_types(frame, self.has_year)
        return Computation(frame[list(RESULT_COLUMNS)], self.unread, self.timings, self.lang)

    def summary(self) -> dict[str, int]:
        """:func:`indikator.compute.pipeline.summary_counts`, counted in SQL."""
        if self.counts is not None:
            return dict(self.counts)
        if self.fallback is not None or self.connection is None:
            from indikator.compute.pipeline import summary_counts

            return summary_counts(self.computation().results)
        row = self.connection.execute(f"SELECT {SUMMARY_SQL} FROM {self.relation}").fetchall()[0]
        return {key: int(value) for key, value in zip(SUMMARY_KEYS, row, strict=True)}

    def write(self, out: Path, columns: list[str] | None = None) -> bool:
        """Write ``.csv`` (as the numpy engine: ``;``, decimal comma, BOM) or ``.parquet``
        with DuckDB, all result columns or *columns*; False for other formats (the caller
        writes them)."""
        suffix = out.suffix.lower()
        if self.fallback is not None or self.connection is None or suffix not in (
                ".csv", ".parquet"):
            return False
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(out) as temp:  # the old file stays whole until the new one is
            if suffix == ".parquet":
                _run(self.connection, f"COPY (SELECT {_parquet_columns(columns)} FROM "
                     f"{self.relation}) TO ? (FORMAT parquet)", [str(temp)])
                return True
            # the byte order mark the numpy writer puts first (utf-8-sig) is the start of the
            # first column's name: DuckDB writes the file in one pass, no copy
            _run(self.connection, f"COPY ({_csv_select(columns, self.relation, self.safe)}) "
                 "TO ? (HEADER true, DELIMITER ';', COMMENT '')", [str(temp)])
        return True


def _run(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
         ) -> None:
    """Execute a statement and consume its result (DuckDB wants that before the next one)."""
    connection.execute(sql, params or []).fetchall()


def _parquet_columns(columns: list[str] | None) -> str:
    from indikator.compute.pipeline import RESULT_COLUMNS

    parts = []
    for name in columns or RESULT_COLUMNS:
        quoted = exp.to_identifier(name, quoted=True).sql("duckdb")
        if name in ("target", "realisasi"):  # numbers as text where the cell was text
            parts.append(f"coalesce(CAST({name}_num AS VARCHAR), {name}_text) AS {quoted}")
        else:
            parts.append(quoted)
    return ", ".join(parts)


def _csv_select(columns: list[str] | None = None, relation: str = "hasil",
                safe: frozenset[str] = frozenset()) -> str:
    """The results as text the way ``write_results`` formats them for CSV (floats as Python's
    repr with a decimal comma, booleans True/False, missing values empty), text cells
    neutralised by the rule of :mod:`indikator.report.csvsafe` (but those of the *safe*
    columns, known to need none); the first column's name starts with the UTF-8 byte order
    mark."""
    from indikator.compute.pipeline import RESULT_COLUMNS

    floats = {"capaian", "capaian_tertulis", "selisih_tingkat"}
    parts = []
    for index, name in enumerate(columns or RESULT_COLUMNS):
        quoted = exp.to_identifier(("\ufeff" if index == 0 else "") + name,
                                   quoted=True).sql("duckdb")
        source = exp.to_identifier(name, quoted=True).sql("duckdb")
        if name in ("target", "realisasi"):  # safe: numbers only (no text cell)
            text = f"replace(CAST({name}_num AS VARCHAR), '.', ',')"
            if name not in safe:
                text = _neutralised(f"coalesce({text}, {name}_text)")
            parts.append(f"{text} AS {quoted}")
        elif name in floats:
            parts.append(f"replace(CAST({source} AS VARCHAR), '.', ',') AS {quoted}")
        elif name == "tercapai":
            parts.append(f"CASE WHEN {source} THEN 'True' WHEN NOT {source} THEN 'False' END"
                         f" AS {quoted}")
        elif name in safe:
            parts.append(f"CAST({source} AS VARCHAR) AS {quoted}")
        else:
            parts.append(f"{_neutralised(f'CAST({source} AS VARCHAR)')} AS {quoted}")
    return f"SELECT {', '.join(parts)} FROM {relation}"  # in file order: see compute_duckdb


def _neutralised(text: str) -> str:
    """SQL for *text* with :func:`indikator.report.csvsafe.neutralise` applied: a cell a
    spreadsheet could run as a formula gets a leading quote; plain numbers stay as they are."""
    triggers = ", ".join(exp.Literal.string(c).sql("duckdb") for c in sorted(FORMULA_TRIGGERS))
    number = exp.Literal.string(PLAIN_NUMBER.pattern).sql("duckdb")
    quote = exp.Literal.string("'").sql("duckdb")
    return (f"CASE WHEN left({text}, 1) IN ({triggers}) AND NOT regexp_full_match({text}, "
            f"{number}) THEN {quote} || {text} ELSE {text} END")


def _nones(values: Any, mask: Any) -> Any:
    """An object copy of *values* with None where *mask* holds."""
    out = values.astype(object).copy()
    out[mask] = None
    return out


def _numpy_types(frame: pd.DataFrame, has_year: bool) -> pd.DataFrame:
    """Columns built as the numpy engine builds them (object arrays with None given to the
    DataFrame constructor, so pandas infers the same dtypes), Int64 and boolean columns."""
    import numpy as np
    import pandas as pd

    from indikator.compute.pipeline import RESULT_COLUMNS

    columns: dict[str, Any] = {}
    for name in ("target", "realisasi"):
        number = frame[f"{name}_num"].to_numpy(dtype=np.float64, na_value=np.nan)
        text = frame[f"{name}_text"].astype(object).to_numpy()
        shown = np.where(np.isnan(number), text, number.astype(object))
        columns[name] = _nones(shown, pd.isna(shown))
    for name in RESULT_COLUMNS:
        if name in columns:
            continue
        series = frame[name]
        if name == "tahun" and not has_year:  # no year column: None, as numpy gives
            columns[name] = np.full(len(frame), None, dtype=object)
        elif name in ("tahun", "desimal_target", "desimal_realisasi"):
            columns[name] = series.astype("Int64").array
        elif name == "baris":
            columns[name] = series.to_numpy(dtype=np.int64)
        elif name == "tercapai":
            columns[name] = series.astype("boolean").array
        elif name in ("capaian", "capaian_tertulis", "selisih_tingkat"):
            columns[name] = series.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            values = series.astype(object).to_numpy()
            columns[name] = _nones(values, pd.isna(values))
    return pd.DataFrame(columns, columns=list(RESULT_COLUMNS))


# --------------------------------------------------------------------------- the file


@dataclass
class _Layout:
    """Where the fields are in the file: column position of each recognised field."""

    delimiter: str
    header: str  # the first line as written
    positions: dict[str, int]
    width: int


def _layout(path: Path) -> _Layout | None:
    """The header of a CSV whose first line names every column, or None (numpy engine)."""
    import csv
    import io

    from indikator.documents.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, header_field
    from indikator.documents.files import sniff_delimiter

    with path.open("rb") as handle:
        head_bytes = handle.read(1 << 16)
    try:
        head = head_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lines = head.splitlines()[:_HEAD_LINES]
    if not lines:
        return None
    delimiter = sniff_delimiter(head, path)
    names = next(csv.reader(io.StringIO(lines[0]), delimiter=delimiter))
    fields = [header_field(name) for name in names]
    positions: dict[str, int] = {}
    for index, (found, year) in enumerate(fields):
        if found is None or year is not None or found in positions:
            return None
        positions[found] = index
    if not all(c in positions for c in REQUIRED_COLUMNS):
        return None
    if not all(name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) for name in positions):
        return None
    if len(lines) > 1:  # column numbers "(1);(2)" or years under the header: a 2-row header
        below = next(csv.reader(io.StringIO(lines[1]), delimiter=delimiter), [])
        filled = [c.strip() for c in below if c.strip()]
        if filled and all(_HEADERISH.fullmatch(c) for c in filled):
            return None
    return _Layout(delimiter, lines[0], positions, len(names))


def _has_blank_records(path: Path, delimiter: str) -> bool:
    """An empty line inside the file (the numpy reader keeps it as a row number, DuckDB skips
    it), or a control character other than tab, CR and LF (Python's strip removes some that
    DuckDB's trim keeps); lines of separators only are rows with an empty indikator, see
    ``_structure_ok``."""
    if path.stat().st_size == 0:
        return True
    pattern = re.compile(b"\n\r?\n|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        return pattern.search(m) is not None


def _load(connection: duckdb.DuckDBPyConnection, path: Path, layout: _Layout) -> None:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(layout.width)) + "}"
    _run(connection,
        "CREATE TABLE raw AS SELECT * FROM read_csv(?, delim = ?, header = false, skip = 1, "
        f"quote = '\"', escape = '\"', auto_detect = false, columns = {columns}, "
        "null_padding = true, strict_mode = false)",
        [str(path), layout.delimiter],
    )


def _cell(layout: _Layout, name: str) -> str:
    """The trimmed text of field *name* ('' when the file has no such column)."""
    if name not in layout.positions:
        return "''"
    return f"trim(coalesce(c{layout.positions[name]}, ''))"


_PLAIN: Final = (r"-?(?:[0-9]+|[0-9]+[.,](?:[0-9]{1,2}|[0-9]{4,})|0[0-9]*[.,][0-9]{3}"
                 r"|[1-9][0-9]{3,}[.,][0-9]{3})")


_TOTAL_ROW: Final = (r"(?:jumlah|total|rata[\s-]*rata|rerata|nilai rata[\s-]*rata)"
                     r"(?:\s+(?:capaian|kinerja|iku|keseluruhan|akhir|sasaran|program|\(%\)|%))*"
                     r"\s*:?")
""":data:`indikator.documents.realisation._TOTAL_ROW` (a total row is a heading, numpy's job)."""


def _number_sql(name: str) -> tuple[str, str, str]:
    """(is plain, value, decimals printed) of the trimmed cell ``<name>_t``, the plain forms
    only: digits with at most one separator that cannot be a thousands mark (not followed by
    exactly three digits after a 1–3 digit head not starting with 0), at most 15 digits.  The
    value is DuckDB's correctly rounded reading of the decimal, as the numpy reader's integer
    / 10^k is."""
    text = f"\"{name}_t\""
    separated = f"(contains({text}, ',') OR contains({text}, '.'))"
    digits = (f"(length({text}) - CAST(starts_with({text}, '-') AS INTEGER) "
              f"- CAST({separated} AS INTEGER))")
    plain = f"(regexp_full_match({text}, '{_PLAIN}') AND {digits} <= 15)"
    frac = (f"(CASE WHEN {separated} THEN length({text}) - greatest(strpos({text}, ','), "
            f"strpos({text}, '.')) ELSE 0 END)")
    value = f"(CASE WHEN \"{name}_plain\" THEN CAST(replace({text}, ',', '.') AS DOUBLE) END)"
    return plain, value, frac


def _cells_sql(layout: _Layout, source: str) -> str:
    """The ``cells`` relation over *source* (columns ``c0``… and ``rowid``): rowid ``r``, the
    trimmed fields, plain flags and values of the numbers, and ``clean``: ASCII without control
    characters (so trim = Python's strip, lower = casefold) and not a total row."""
    cells = [f"coalesce(c{i}, '')" for i in range(layout.width)]
    joined = "concat(" + ", ".join(cells) + ")"
    total = " OR ".join(f"regexp_full_match(lower(trim({c})), '{_TOTAL_ROW}')" for c in cells)
    # ASCII (so trim = Python's strip, lower = casefold); control characters other than
    # tab/CR/LF were refused for the whole file (_has_blank_records); no line break or tab
    # inside a cell; a total-row word only then checked cell by cell
    clean = (f"strlen(j) = length(j) AND NOT (contains(j, chr(10)) OR contains(j, chr(13)) "
             "OR contains(j, chr(9))) AND NOT (CASE WHEN regexp_matches(j, "
             f"'(?i)jumlah|total|rata') THEN ({total}) ELSE false END)")
    inner = [f"{_cell(layout, n)} AS \"{n}\"" for n in ("indikator", "tahun", "satuan",
                                                          "arah", "skala")]
    inner += [f"{_cell(layout, 'capaian')} AS capaian_cell", "rowid AS r",
              f"{clean} AS clean"]
    inner += [f"{_cell(layout, n)} AS \"{n}_t\"" for n in ("target", "realisasi")]
    kept = ["indikator", "tahun", "satuan", "arah", "skala", "capaian_cell", "r", "clean"]
    middle = [*kept, "target_t", "realisasi_t"] + [
        f"{_number_sql(n)[0]} AS \"{n}_plain\"" for n in ("target", "realisasi")]
    outer = [*kept, "target_plain", "realisasi_plain"]
    for name in ("target", "realisasi"):
        _, value, frac = _number_sql(name)
        outer += [f"{value} AS \"{name}_v\"", f"{frac} AS \"{name}_d\"",
                  f"contains(\"{name}_t\", ',') AS \"{name}_comma\""]
    rows = f"(SELECT *, {joined} AS j FROM {source})"
    return (f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(middle)} FROM (SELECT "
            f"{', '.join(inner)} FROM {rows}))")


def _classify(connection: duckdb.DuckDBPyConnection, layout: _Layout) -> None:
    """Table ``cells`` (:func:`_cells_sql`) of table ``raw``."""
    _run(connection, f"CREATE TABLE cells AS {_cells_sql(layout, '(SELECT *, rowid FROM raw)')}")


def _structure_ok(connection: duckdb.DuckDBPyConnection, layout: _Layout) -> bool:
    """No empty indikator cell (merged cells continue the name above: numpy's job) and years
    that are whole numbers where given."""
    empty = connection.execute(
        "SELECT count(*) FILTER (WHERE indikator = ''), "
        "count(*) FILTER (WHERE tahun <> '' AND NOT regexp_full_match(tahun, '[0-9]{1,9}')) "
        "FROM cells").fetchall()[0]
    assert empty is not None
    return int(empty[0]) == 0 and int(empty[1]) == 0


# --------------------------------------------------------------------------- lookups


def _guess_text(word: str, lang: str | None) -> str:
    """The message of a direction guessed from *word* of the name ("" for no guess)."""
    return t("compute.direction_guessed", lang, word=word) if word else ""


def _lookups(connection: duckdb.DuckDBPyConnection, catalog: Catalog | None,
             default_scale: str, lang: str | None) -> dict[str, Scale]:
    """Tables ``dirs`` (arah cell → naik/turun/''/unknown), ``names`` (indicator → the
    catalogue's arah and scale, lower-is-better by its name) and ``scales`` (effective scale
    name → usable in SQL); one Python call per distinct value, as the numpy engine does."""
    from indikator.compute.match import _direction_cell, _guess
    from indikator.core.errors import IndikatorError
    from indikator.scales.loading import load_scale

    arah = [r[0] for r in connection.execute("SELECT DISTINCT arah FROM cells").fetchall()]
    _run(connection, "CREATE TABLE dirs AS SELECT unnest(?::VARCHAR[]) AS text, "
                     "unnest(?::VARCHAR[]) AS dir", [arah, [_direction_cell(a) for a in arah]])
    from indikator.documents.units import is_percent

    units = [r[0] for r in connection.execute("SELECT DISTINCT satuan FROM cells").fetchall()]
    _run(connection, "CREATE TABLE units AS SELECT unnest(?::VARCHAR[]) AS text, "
                     "unnest(?::BOOLEAN[]) AS percent", [units, [bool(is_percent(u))
                                                                  for u in units]])
    names = [r[0] for r in connection.execute("SELECT DISTINCT indikator FROM cells").fetchall()]
    entries = [catalog.find(str(n)) if catalog is not None and n else None for n in names]
    _run(connection,
         "CREATE TABLE names AS SELECT unnest(?::VARCHAR[]) AS name, "
         "unnest(?::VARCHAR[]) AS cat_arah, unnest(?::VARCHAR[]) AS cat_scale, "
         "unnest(?::VARCHAR[]) AS guess_text",
         [names, [(e.arah or "") if e is not None else "" for e in entries],
          [(e.scale or "") if e is not None else "" for e in entries],
          [_guess_text(_guess(n), lang) for n in names]])
    resolved = _resolved_columns("d.dir", "n.cat_arah", "n.cat_scale", "n.guess_text",
                                 "u.percent", default_scale)
    _run(connection,
        f"CREATE VIEW resolved AS SELECT c.*, {resolved} "
        "FROM cells c LEFT JOIN dirs d ON c.arah = d.text LEFT JOIN names n "
        "ON c.indikator = n.name LEFT JOIN units u ON c.satuan = u.text")
    skala = [r[0] for r in connection.execute("SELECT DISTINCT skala FROM cells").fetchall()]
    usable: dict[str, Scale] = {}
    catalog_scales = [r[0] for r in connection.execute("SELECT DISTINCT cat_scale FROM names"
                                                        ).fetchall()]
    for name in {*skala, *catalog_scales, default_scale} - {""}:
        try:
            scale = load_scale(str(name))
        except IndikatorError:
            continue
        if scale.kind == "interval":
            usable[str(name)] = scale
    _run(connection, f"CREATE VIEW routed AS SELECT *, {_plain_flag(usable)} FROM resolved")
    return usable


def _resolved_columns(direction: str, cat_arah: str, cat_scale: str, guess: str,
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
            f"ELSE {_literal(default_scale)} END AS skala_final, "
            f"coalesce({percent}, false) AS satuan_percent")


def _plain_flag(usable: dict[str, Scale]) -> str:
    """Column ``plain`` of a resolved row (module doc)."""
    known = ("skala_final IN (" + ", ".join(_literal(name) for name in sorted(usable)) + ")"
             if usable else "false")
    return ("(clean AND indikator <> '' AND target_plain AND realisasi_plain AND "
            f"capaian_cell = '' AND arah_ok AND {known}) AS plain")


# --------------------------------------------------------------------------- plain rows in SQL


def _literal(text: str) -> str:
    return exp.Literal.string(text).sql("duckdb")


def _plain_sql(usable: dict[str, Scale], lang: str | None, source: str = "routed",
               where: str = "WHERE plain", extra: str = "") -> str:
    """The results of the plain rows of *source* (same columns as the numpy engine's, then
    *extra*, SQL of more columns of the rows)."""
    from indikator.capaian.rows import REASONS

    capaian = compile_capaian("number", actual=col("realisasi_v"), target=col("target_v"),
                              direction=exp.EQ(this=col("arah_final"),
                                               expression=exp.Literal.string("turun")),
                              dialect="duckdb")
    stage1 = ("SELECT *, " + ", ".join(c.sql("duckdb") for c in capaian.columns())
              + f" FROM {source} {where}")
    rated_input = " ".join(
        f"WHEN skala_final = {_literal(name)} THEN "
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
        whens = " ".join(f"WHEN skala_final = {_literal(name)} THEN "
                         + getattr(c, field_name).sql("duckdb") for name, c in compiled.items())
        return f"CASE {whens} END"

    reason_text = " ".join(
        f"WHEN {_literal(code)} THEN "
        + _literal(t(f"achievement.reason_{code.replace('-', '_')}", lang))
        for code in REASONS)
    from indikator.compute.checks import _COVERAGE_WORDS

    coverage = " OR ".join(f"starts_with(lower(indikator), {_literal(w)})"
                           for w in _COVERAGE_WORDS)
    over = f"(satuan_percent AND ({coverage}) AND realisasi_v > 100.0)"
    pesan = (f"NULLIF(concat_ws(' ', CASE alasan {reason_text} END, "
             f"CASE WHEN {over} THEN {_literal(t('compute.coverage_over_100', lang))} END, "
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
        CAST(realisasi_d AS BIGINT) AS desimal_realisasi{extra}
        FROM ({stage2})"""


# --------------------------------------------------------------------------- other rows in numpy


def _markers(connection: duckdb.DuckDBPyConnection, layout: _Layout) -> list[list[str]]:
    """Two rows carrying the plain cells' decimal evidence (comma, point) per value column,
    so the numpy reader decides the column's convention as it would over the whole file."""
    row = connection.execute(
        "SELECT bool_or(target_plain AND target_d > 0 AND target_comma), "
        "bool_or(target_plain AND target_d > 0 AND NOT target_comma), "
        "bool_or(realisasi_plain AND realisasi_d > 0 AND realisasi_comma), "
        "bool_or(realisasi_plain AND realisasi_d > 0 AND NOT realisasi_comma) "
        "FROM routed WHERE plain").fetchall()[0]
    flags = [bool(v) for v in (row or (False,) * 4)]
    out = []
    for use_comma in (True, False):
        cells = [""] * layout.width
        cells[layout.positions["indikator"]] = "x"
        for offset, name in enumerate(("target", "realisasi")):
            present = flags[2 * offset + (0 if use_comma else 1)]
            cells[layout.positions[name]] = ("1,5" if use_comma else "1.5") if present else "1"
        out.append(cells)
    return out


def _numpy_rows(connection: duckdb.DuckDBPyConnection, path: Path, layout: _Layout,
                catalog: Catalog | None, lang: str | None) -> tuple[Any, list[Any], int]:
    """The numpy engine's results for the rows that are not plain: (frame, unread, count)."""
    import csv
    import io

    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    ids = [r[0] for r in connection.execute(
        "SELECT r FROM routed WHERE NOT plain ORDER BY r").fetchall()]
    if not ids:
        return None, [], 0
    with tempfile.TemporaryDirectory(prefix="indikator-") as folder:
        body = Path(folder) / "body.csv"
        columns = ", ".join(f"c{i}" for i in range(layout.width))
        _run(connection,
            f"COPY (SELECT {columns} FROM raw WHERE rowid IN (SELECT r FROM routed "
            "WHERE NOT plain) ORDER BY rowid) TO ? (HEADER false, DELIMITER ?, QUOTE '\"')",
            [str(body), layout.delimiter])
        sub = Path(folder) / f"rows{'.tsv' if layout.delimiter == chr(9) else '.csv'}"
        markers = io.StringIO()
        csv.writer(markers, delimiter=layout.delimiter, lineterminator="\n").writerows(
            _markers(connection, layout))
        with sub.open("w", encoding="utf-8") as handle:
            handle.write(layout.header + "\n")
            handle.write(body.read_text(encoding="utf-8"))
            handle.write(markers.getvalue())
        table = read_realisation(sub)
        result = compute(table, catalog=catalog, lang=lang)
    n = len(ids)
    line_of = {k + 2: int(original) + 2 for k, original in enumerate(ids)}
    frame = result.results.iloc[:n].copy()
    frame["baris"] = [line_of[int(b)] for b in frame["baris"]]
    unread = [dataclasses.replace(cell, line=line_of[cell.line]) for cell in result.unread
              if cell.line in line_of]
    return frame, unread, n


def _register_numpy(connection: duckdb.DuckDBPyConnection, frame: Any) -> None:
    """The numpy rows as table ``numpy_rows`` with the SQL rows' columns."""
    import numpy as np
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        if name in ("target", "realisasi"):
            values = frame[name].to_numpy(dtype=object)
            is_num = np.array([isinstance(v, float) for v in values], dtype=bool)
            out[f"{name}_num"] = np.where(is_num, values, np.nan).astype(np.float64)
            out[f"{name}_text"] = pd.Series(_nones(values, is_num), dtype=object,
                                            index=frame.index)
        else:
            out[name] = frame[name]
    connection.register("numpy_df", out)
    _run(connection, "CREATE TABLE numpy_rows AS SELECT * FROM numpy_df")


# --------------------------------------------------------------------------- entry point


def compute_duckdb(
    path: Path,
    *,
    catalog: Catalog | None = None,
    lang: str | None = None,
    default_scale: str = "capaian",
    progress: Callable[[str], None] | None = None,
) -> DuckResult:
    """Capaian, category and messages of every row of the table at *path* (module doc)."""
    import duckdb

    def phase(name: str) -> None:
        if progress is not None:
            progress(name)

    timings: dict[str, float] = {}
    start = time.perf_counter()
    phase("read")
    source = path
    holder = tempfile.TemporaryDirectory(prefix="indikator-")
    try:
        if path.suffix.lower() == ".parquet":
            source = Path(holder.name) / "input.csv"
            with duckdb.connect() as converter:
                _run(converter, "COPY (SELECT * FROM read_parquet(?)) TO ? "
                                  "(HEADER true, DELIMITER ';', COMMENT '')",
                     [str(path), str(source)])
        layout = _layout(source) if source.suffix.lower() in _TEXT_SUFFIXES else None
        if layout is None or _has_blank_records(source, layout.delimiter):
            return _fallback(source, catalog, lang, timings)
        connection = duckdb.connect()
        _run(connection, "SET enable_progress_bar = false")
        _load(connection, source, layout)
        timings["read"] = time.perf_counter() - start
        start = time.perf_counter()
        phase("numbers")
        _classify(connection, layout)
        if not _structure_ok(connection, layout):
            connection.close()
            return _fallback(source, catalog, lang, timings)
        usable = _lookups(connection, catalog, default_scale, lang)
        timings["numbers"] = time.perf_counter() - start
        start = time.perf_counter()
        phase("capaian")
        frame, unread, count = _numpy_rows(connection, source, layout, catalog, lang)
        plain = _plain_sql(usable, lang)
        if frame is not None:
            _register_numpy(connection, frame)
            _run(connection, f"CREATE TABLE hasil AS SELECT * FROM ({plain}) UNION ALL BY NAME "
                             "SELECT * FROM numpy_rows ORDER BY baris")
        else:  # joins do not keep file order: sort once here, the writes keep it
            _run(connection, f"CREATE TABLE hasil AS SELECT * FROM ({plain}) ORDER BY baris")
        for statement in ("DROP VIEW routed", "DROP VIEW resolved", "DROP TABLE cells",
                          "DROP TABLE raw"):  # free the input before the write
            _run(connection, statement)
        total = connection.execute("SELECT count(*) FROM hasil").fetchall()[0]
        timings["capaian"] = time.perf_counter() - start
    finally:
        holder.cleanup()
    rows_sql = int(total[0]) - count if total else 0
    return DuckResult(connection, unread, timings, lang, None, rows_sql, count,
                      "tahun" in layout.positions)


def _fallback(source: Path, catalog: Catalog | None, lang: str | None,
              timings: dict[str, float]) -> DuckResult:
    """The numpy engine for the whole file."""
    from indikator.compute.pipeline import compute
    from indikator.documents.realisation import read_realisation

    start = time.perf_counter()
    table = read_realisation(source)
    timings["read"] = time.perf_counter() - start
    result = compute(table, catalog=catalog, lang=lang)
    result.timings["read"] = timings["read"]
    return DuckResult(None, result.unread, result.timings, lang, result, 0, len(result))
