"""The capaian engine for realisation tables: one results row per input row, vectorised.

:func:`compute` takes a realisation table — a
:class:`~indikator.documents.realisation.RealisationTable` (what
:func:`~indikator.documents.realisation.read_realisation` returns for a CSV/TSV/XLSX file) or a
pandas DataFrame of raw cells with the columns of ``shared/DESIGN.md`` (``indikator``, ``target``,
``realisasi``; optional ``tahun``, ``satuan``, ``arah``, ``skala``, ``capaian``, names
case-insensitive) — and returns a :class:`Computation` whose ``results`` DataFrame has exactly
one row per input row, in input order, never dropped or reordered:

``indikator, tahun, satuan, target, realisasi, capaian, kategori, kategori_label, skala,
metode, audit, capaian_tertulis, pesan`` and, for tools, ``baris`` (row in the file), ``arah``,
``jenis_target``, ``tercapai``, ``selisih_tingkat``, ``alasan``, ``galat_audit`` and
``desimal_target`` / ``desimal_realisasi`` (the decimals the cell prints, ``61,00`` → 2, for
the workbook's number formats; NA where the cell is not a number written as text).

Per row:

* **capaian** by the kind of the target cell (:mod:`indikator.documents.numbers`): a number with the
  row's ``arah`` (naik → R/T×100, turun → (2T−R)/T×100), a range, a comparison (met / not met
  only) or a category on the row's scale (met / not met and levels apart) — all through
  :func:`indikator.capaian.targets.achievement_targets`, each kind at once, each scale at once;
* **arah**: the row's cell (naik / turun and the other ways tables write it, see
  :func:`~.documents.columns.direction_word`), else the catalogue's indicator, else ``turun``
  where the indicator's name clearly says lower is better ("Angka Kematian …", "Rasio Gini";
  said in ``pesan``), else ``naik`` (the regulation's normal case); an unrecognised word
  leaves capaian empty with a message;
* **heading rows** (titles, "Sasaran 1: …" sub-headers, "Rata-rata"/"Jumlah" rows; see
  :func:`indikator.documents.realisation.read_realisation`) stay in place with capaian, kategori and
  audit
  empty and the message "baris judul/subjudul …, tidak dihitung";
* a categorical target whose code the default scale does not know ("BB", "WTP") is read on
  the first shipped scale of :data:`CATEGORY_SCALES` that knows it (said in ``pesan``);
* **kategori** on the row's ``skala``, else the catalogue's scale, else the default
  ``capaian`` scale: a scale that rates the indicator's own value (AKIP, IKM, LPPD) rates the
  realisation; a scale of capaian rates the capaian; a categorical realisation ("B") is its
  own category;
* **audit** of the printed ``capaian`` column (:func:`indikator.capaian.audit.audit`, tolerant of
  the document's rounding): ``ok``, ``mismatch`` (with the kind of error of ``shared/DOMAIN.md``
  §6 where it is recognised: target/realisasi inverted, × 100 twice, the opposite direction's
  formula …) or ``not-checkable`` (``#DIV/0!``, ``-``, or a capaian that cannot be recomputed);
  ``None`` where nothing was printed.  Also flagged in ``pesan``: an Excel error printed into
  the table, target and realisation cells in different units, a percentage of coverage above
  100;
* cells that could not be read are listed in ``unread`` with their row and column; their rows
  stay, with capaian empty and a message saying which cell was not read.

What it does not do: read files (:mod:`indikator.documents.realisation`), parse numbers
(:mod:`indikator.documents.numbers`), define capaian rules (:mod:`indikator.capaian.methods`) or
scales
(:mod:`indikator.scales.scale`), or write reports (:mod:`indikator.report.workbook`).  Everything
per row
is numpy over whole columns; Python loops run over distinct values (scales, message kinds),
never over rows.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.core.i18n import t

if TYPE_CHECKING:
    import pandas as pd

    from indikator.catalog.loader import Catalog
    from indikator.documents.realisation import RealisationTable
    from indikator.scales.scale import Scale

__all__ = [
    "DEFAULT_SCALE",
    "PHASES",
    "RESULT_COLUMNS",
    "Computation",
    "compute",
    "summary_counts",
]

ObjectArray = NDArray[np.object_]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

DEFAULT_SCALE: Final = "capaian"
"""The scale used for rows whose table and catalogue name none."""

PHASES: Final = ("read", "numbers", "capaian", "rating", "audit")
"""Phases reported to a progress callback and timed in :attr:`Computation.timings`."""

RESULT_COLUMNS: Final = (
    "indikator", "tahun", "satuan", "target", "realisasi", "capaian", "kategori",
    "kategori_label", "skala", "metode", "audit", "capaian_tertulis", "pesan",
    "baris", "arah", "jenis_target", "tercapai", "selisih_tingkat", "alasan", "galat_audit",
    "desimal_target", "desimal_realisasi",
)  # fmt: skip
"""Columns of :attr:`Computation.results`, in order (the first thirteen are the contract's)."""

_COVERAGE_WORDS: Final = ("persentase", "presentase", "prosentase", "cakupan", "proporsi")
_PERCENT_UNITS: Final = frozenset({"%", "persen", "prosen", "percent"})

Progress = Callable[[str], None]


@dataclass
class Computation:
    """What :func:`compute` returns.

    ``results``: the results DataFrame (:data:`RESULT_COLUMNS`), one row per input row in
    input order; ``unread``: every cell of the input that could not be read (objects with
    ``line``, ``column``, ``text`` and ``message(lang)``); ``timings``: seconds per phase
    (:data:`PHASES`; ``read`` is filled by callers that read a file).
    """

    results: pd.DataFrame
    unread: list[Any] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    lang: str | None = None

    def __len__(self) -> int:
        return len(self.results)

    def rows(self) -> list[dict[str, Any]]:
        """The results as JSON-ready dicts (NaN → None, numpy scalars → Python)."""
        frame = self.results
        columns = {name: _jsonable_column(frame[name]) for name in frame.columns}
        names = list(columns)
        return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(),
                                                                         strict=True)]

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """``{"rows": [...], "unread": [...]}`` as the CLI prints it."""
        language = self.lang if lang is None else lang
        return {
            "rows": self.rows(),
            "unread": [_unread_json(cell, language) for cell in self.unread],
        }


def _jsonable_column(series: pd.Series[Any]) -> list[Any]:
    values = series.to_numpy(dtype=object)
    out: list[Any] = values.tolist()
    if series.dtype.kind == "f":
        return [v if v == v else None for v in out]
    return [None if _missing_scalar(v) else (v.item() if hasattr(v, "item") else v) for v in out]


def _missing_scalar(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def _unread_json(cell: Any, lang: str | None) -> dict[str, Any]:
    to_json = getattr(cell, "to_json", None)
    if callable(to_json):
        data: dict[str, Any] = to_json(lang)
        return data
    return {"line": getattr(cell, "line", None), "column": getattr(cell, "column", None),
            "text": getattr(cell, "text", None), "reason": str(getattr(cell, "reason", ""))}


# --------------------------------------------------------------------------- the input


@dataclass
class _Input:
    """The table's columns as numpy arrays, with its value columns read."""

    n: int
    text: dict[str, ObjectArray]  # raw cells of the recognised columns
    readings: dict[str, Any]  # name -> numbers.ColumnReading
    rows: NDArray[np.int64]  # 1-based row of each data row in the file
    unread: list[Any]
    headings: BoolArray  # title / sub-header / total rows: kept, not computed
    heading_text: ObjectArray
    filled: BoolArray  # indikator taken from the row above (a merged cell)


def _from_table(table: RealisationTable) -> _Input:
    frame = table.frame
    text = {name: frame[name].to_numpy(dtype=object) for name in frame.columns}
    n = len(frame)
    headings = (np.zeros(n, dtype=bool) if table.headings is None
                else np.asarray(table.headings, dtype=bool))
    heading_text = (np.full(n, "", dtype=object) if table.heading_text is None
                    else np.asarray(table.heading_text, dtype=object))
    filled = (np.zeros(n, dtype=bool) if table.filled is None
              else np.asarray(table.filled, dtype=bool))
    return _Input(n, text, dict(table.readings), np.asarray(table.rows, dtype=np.int64),
                  list(table.unread), headings, heading_text, filled)


def _from_frame(frame: pd.DataFrame, timings: dict[str, float]) -> _Input:
    """A DataFrame of raw cells: find the columns, read the value columns."""
    from indikator.core.errors import TableError
    from indikator.documents.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, canonical_column
    from indikator.documents.numbers import read_series
    from indikator.documents.results import Unread

    names = {canonical_column(c): c for c in reversed(list(frame.columns))}
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise TableError("tables.missing_columns", path="<DataFrame>", missing=", ".join(missing),
                         found=", ".join(str(c) for c in frame.columns) or "-")
    start = time.perf_counter()
    n = len(frame)
    rows = np.arange(2, n + 2, dtype=np.int64)  # as in a file whose row 1 is the header
    text: dict[str, ObjectArray] = {}
    readings: dict[str, Any] = {}
    unread: list[Any] = []
    for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS):
        if name not in names:
            continue
        column = frame[names[name]].reset_index(drop=True)
        text[name] = column.to_numpy(dtype=object)
        if name in ("target", "realisasi", "capaian"):
            reading = read_series(column)
            readings[name] = reading
            for cell in reading.unread:
                unread.append(Unread(int(rows[cell.position]), name, cell.text,
                                     "tables.unreadable_number", {}, cell.error))
    unread.sort(key=lambda u: (u.line, str(u.column)))
    timings["numbers"] = time.perf_counter() - start
    headings = _blank(text["target"]) & _blank(text["realisasi"])
    heading_text = np.where(headings, _strings(text["indikator"]), "").astype(object)
    return _Input(n, text, readings, rows, unread, headings, heading_text,
                  np.zeros(n, dtype=bool))


# --------------------------------------------------------------------------- small helpers


def _blank(values: ObjectArray) -> BoolArray:
    """Cells that are None, NaN or only whitespace (one check per distinct value)."""
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    empty = np.array([str(u).strip() == "" for u in uniques] + [True], dtype=bool)
    result: BoolArray = empty[np.where(codes < 0, len(uniques), codes)]
    return result


def _strings(values: ObjectArray) -> ObjectArray:
    """Cells as stripped strings ("" for blanks), computed once per distinct value."""
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    table = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    result: ObjectArray = table[np.where(codes < 0, len(uniques), codes)]
    return result


def _by_value(values: ObjectArray, function: Callable[[Any], Any]) -> ObjectArray:
    """*function* applied once per distinct value of *values*, spread back over the rows."""
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        mapped[i] = function(u)
    if (codes < 0).any():
        mapped[len(uniques)] = function(None)
    result: ObjectArray = mapped[np.where(codes < 0, len(uniques), codes)]
    return result


def _append(pesan: ObjectArray, parts: ObjectArray) -> None:
    """Append the non-empty *parts* to *pesan* in place, sentences separated by a space."""
    has = parts != ""
    if not has.any():
        return
    first = has & (pesan == "")
    later = has & ~first
    pesan[first] = parts[first]
    pesan[later] = pesan[later] + " " + parts[later]


def _messages(keys: ObjectArray, render: Callable[[str], str]) -> ObjectArray:
    """One rendered message per distinct non-empty key (hash-factorised, not sorted)."""
    import pandas as pd

    out = np.full(keys.shape, "", dtype=object)
    present = np.flatnonzero(keys != "")
    if present.size == 0:
        return out
    codes, words = pd.factorize(pd.Series(keys[present], dtype=object))
    rendered = np.array([render(str(w)) for w in words], dtype=object)
    out[present] = rendered[codes]
    return out


_SLOT: Final = re.compile("\x00(\\d+)\x00")


def _format_rows(
    key: str, lang: str | None, rows: NDArray[np.intp], n: int, **columns: ObjectArray
) -> ObjectArray:
    """The message *key* for each of *rows* with per-row parameters (arrays of strings over
    *rows*), built by concatenating columns, not by formatting row by row."""
    names = list(columns)
    template = t(key, lang, **{name: f"\x00{i}\x00" for i, name in enumerate(names)})
    pieces = _SLOT.split(template)
    out = np.full(n, "", dtype=object)
    if rows.size == 0:
        return out
    built = np.full(rows.size, pieces[0], dtype=object)
    for index in range(1, len(pieces), 2):
        built = built + columns[names[int(pieces[index])]].astype(object) + pieces[index + 1]
    out[rows] = built
    return out


def _format_numbers(values: FloatArray, lang: str | None) -> ObjectArray:
    """Numbers with two decimals as :func:`indikator.report.narrative.format_number` writes them,
    vectorised for the common case (|x| < 1000); larger ones once per distinct value."""
    from indikator.report.narrative import format_number

    out = np.full(values.shape, "", dtype=object)
    finite = np.isfinite(values)
    cents = np.round(np.abs(np.where(finite, values, 0.0)) * 100.0)
    small = finite & (cents < 100_000)
    if small.any():
        c = cents[small].astype(np.int64)
        whole = (c // 100).astype(str).astype(object)
        frac = np.char.zfill((c % 100).astype(str), 2).astype(object)
        mark = "," if (lang or "id") != "en" else "."
        sign = np.where((values[small] < 0) & (c > 0), "-", "").astype(object)
        out[small] = sign + whole + mark + frac
    large = finite & ~small
    if large.any():
        out[large] = _by_value(values[large].astype(object),
                               lambda v: format_number(float(v), 2, lang))
    return out


def _number_text(value: float, lang: str | None) -> str:
    from indikator.report.narrative import format_number

    return format_number(value, 2, lang)


# --------------------------------------------------------------------------- the engine


def compute(
    table: RealisationTable | pd.DataFrame,
    *,
    catalog: Catalog | None = None,
    default_scale: str = DEFAULT_SCALE,
    scales: Mapping[str, Scale] | None = None,
    lang: str | None = None,
    progress: Progress | None = None,
) -> Computation:
    """Capaian, category and audit for every row of a realisation *table* (module docstring).

    *catalog* (:func:`indikator.catalog.loader.load_catalog`) supplies ``arah`` and the scale of
    rows
    whose table leaves them empty, matched by indicator name or code.  *scales* overrides
    scales by name (otherwise :func:`indikator.scales.scale.load_scale`).  *lang* is the language of
    ``pesan``.  *progress* is called with the name of each phase as it starts.
    """
    import pandas as pd

    timings: dict[str, float] = {}

    def phase(name: str) -> None:
        if progress is not None:
            progress(name)

    phase("numbers")
    if isinstance(table, pd.DataFrame):
        data = _from_frame(table, timings)
    else:
        data = _from_table(table)
        timings.setdefault("numbers", 0.0)
    n = data.n
    start = time.perf_counter()
    phase("capaian")
    target = data.readings["target"].frame
    actual = data.readings["realisasi"].frame
    t_kind = _kinds(target["kind"])
    r_kind = _kinds(actual["kind"])
    t_value = target["value"].to_numpy(dtype=np.float64)
    r_value = actual["value"].to_numpy(dtype=np.float64)
    r_number = np.where(r_kind == "number", r_value, np.nan)
    names = _strings(data.text["indikator"])
    pesan = np.full(n, "", dtype=object)
    cell_problem = np.zeros(n, dtype=bool)  # a row whose own cells explain a missing capaian

    # where a cell was not read: say so on its row
    unread_parts = np.full(n, "", dtype=object)
    if data.unread:
        lines = np.array([u.line for u in data.unread], dtype=np.int64)
        position = np.searchsorted(data.rows, lines)
        position = np.clip(position, 0, max(n - 1, 0))
        hit = data.rows[position] == lines if n else np.zeros(lines.size, dtype=bool)
        said: dict[tuple[str, str, str], str] = {}  # one sentence per distinct cell problem
        for cell, pos, ok in zip(data.unread, position.tolist(), hit.tolist(), strict=True):
            if not ok:
                continue
            key = (str(cell.column), cell.text, str(cell.reason))
            text = said.get(key)
            if text is None:
                text = said[key] = t("compute.cell_unread", lang, column=key[0], text=cell.text,
                                     detail=cell.message(lang))
            unread_parts[pos] = text if unread_parts[pos] == "" else f"{unread_parts[pos]} {text}"
            if str(cell.column) in ("target", "realisasi", "indikator", "arah"):
                cell_problem[pos] = True
    _append(pesan, unread_parts)

    # realisations that are not one number (a range or a comparison as realisation)
    odd = (r_kind == "range") | (r_kind == "comparison")
    if odd.any():
        cell_problem |= odd
        _append(pesan, np.where(odd, t("compute.actual_not_number", lang), "").astype(object))

    # direction: the row's arah, else the catalogue's, else naik
    from_catalog, catalog_scale = _catalogue_fields(names, catalog)
    arah = (_by_value(data.text["arah"], _direction_cell)
            if "arah" in data.text else np.full(n, "", dtype=object))
    arah = np.where(arah == "", from_catalog, arah).astype(object)
    guessed = (arah == "") & _by_value(names, _lower_by_name).astype(bool)
    arah = np.where(guessed, "turun", arah).astype(object)
    arah = np.where(arah == "", "naik", arah).astype(object)

    # scale: the row's skala, else the catalogue's, else the default
    skala = _strings(data.text["skala"]) if "skala" in data.text else np.full(n, "", dtype=object)
    skala = np.where(skala == "", catalog_scale, skala).astype(object)
    defaulted = skala == ""
    skala = np.where(defaulted, default_scale, skala).astype(object)
    loaded = _load_scales(skala, scales)
    by_codes = _scale_by_codes(defaulted & (t_kind == "category"), skala, loaded,
                               target["category"].to_numpy(dtype=object),
                               actual["category"].to_numpy(dtype=object), scales)
    if by_codes.any():
        loaded = _load_scales(skala, scales)
    missing_names = [name for name, scale in loaded.items() if scale is None]
    if missing_names:
        bad = np.isin(skala, np.asarray(missing_names, dtype=object))
        _append(pesan, _messages(np.where(bad, skala, "").astype(object),
                                 lambda s: t("compute.unknown_scale", lang, scale=s)))

    # capaian: every kind at once, categorical rows per scale
    from indikator.capaian.targets import achievement_targets

    category_target = t_kind == "category"
    detail = achievement_targets(
        r_number, kind=t_kind, value=t_value,
        low=target["low"].to_numpy(dtype=np.float64),
        high=target["high"].to_numpy(dtype=np.float64),
        op=target["op"].astype(object).where(target["op"].notna(), "").to_numpy(dtype=object),
        direction=arah,
    )
    capaian = detail.value.copy()
    metode = detail.metode.copy()
    reason = detail.reason.copy()
    met = detail.met.copy()
    met_known = detail.met_known.copy()
    levels = detail.levels.copy()
    t_category = target["category"].to_numpy(dtype=object)
    r_category = actual["category"].to_numpy(dtype=object)
    if category_target.any():
        for name in pd.unique(skala[category_target]).tolist():
            scale = loaded.get(str(name))
            rows = np.flatnonzero(category_target & (skala == name))
            if scale is None:
                continue
            numbers = r_number[rows] if scale.rates == "value" else np.full(rows.size, np.nan)
            sub = achievement_targets(
                numbers, kind="category", category=t_category[rows],
                actual_category=r_category[rows], direction=arah[rows], order=scale,
            )
            capaian[rows], metode[rows], reason[rows] = sub.value, sub.metode, sub.reason
            met[rows], met_known[rows], levels[rows] = sub.met, sub.met_known, sub.levels
    timings["capaian"] = time.perf_counter() - start

    # rating
    start = time.perf_counter()
    phase("rating")
    kategori, label = _rate(skala, loaded, r_number, r_kind, r_category, capaian)
    timings["rating"] = time.perf_counter() - start

    # messages about capaian: the reason, or met / not met for targets without a percentage
    start = time.perf_counter()
    reason_text = _messages(np.where(cell_problem, "", reason).astype(object),
                            lambda code: t(f"achievement.reason_{code.replace('-', '_')}", lang))
    actual_shown = np.where(r_kind == "category", r_category, kategori).astype(object)
    met_text = _met_messages(met, met_known, t_kind == "comparison", category_target,
                             t_category, actual_shown, levels, lang)
    # a met / not-met sentence says it all: drop the generic "no percentage" reason there
    generic = (met_text != "") & ((reason == "category-no-mapping")
                                  | (reason == "comparison-target"))
    reason_text[generic] = ""
    _append(pesan, reason_text)
    _append(pesan, met_text)
    timings["capaian"] += time.perf_counter() - start

    # audit
    start = time.perf_counter()
    phase("audit")
    audit_status = np.full(n, None, dtype=object)
    audit_error = np.full(n, "", dtype=object)
    printed = np.full(n, np.nan)
    if "capaian" in data.readings:
        audit_status, audit_error, printed = _audit(
            data.readings["capaian"].frame, capaian, r_number,
            _effective_target(t_kind, t_value, target, r_number), arah, pesan, lang,
        )
    _extra_checks(pesan, names, data, target, actual, r_number, lang)
    timings["audit"] = time.perf_counter() - start

    _append(pesan, np.where(guessed & ~data.headings, t("compute.direction_guessed", lang),
                            "").astype(object))
    _append(pesan, _messages(np.where(by_codes & ~data.headings, skala, "").astype(object),
                             lambda name: t("compute.scale_from_codes", lang, scale=name)))
    _append(pesan, np.where(data.filled, t("compute.filled_down", lang), "").astype(object))
    heads = np.flatnonzero(data.headings)
    if heads.size:  # titles, sub-headers, totals: kept in place, not computed, said so
        capaian[heads] = np.nan
        kategori[heads] = None
        label[heads] = None
        metode[heads] = None
        arah[heads] = None
        audit_status[heads] = None
        audit_error[heads] = ""
        reason[heads] = ""
        met_known[heads] = False
        pesan[heads] = _format_rows("compute.heading_row", lang, heads, n,
                                    text=_strings(data.heading_text[heads]))[heads]
    satuan = _strings(data.text["satuan"]) if "satuan" in data.text else np.full(n, "",
                                                                                 dtype=object)
    results = pd.DataFrame(
        {
            "indikator": names,
            "tahun": _years(data.text.get("tahun"), n),
            "satuan": _none_if_empty(satuan),
            "target": _shown(t_kind, t_value, data.text["target"]),
            "realisasi": _shown(r_kind, r_value, data.text["realisasi"]),
            "capaian": capaian,
            "kategori": kategori,
            "kategori_label": label,
            "skala": skala,
            "metode": metode,
            "audit": audit_status,
            "capaian_tertulis": printed,
            "pesan": _none_if_empty(pesan),
            "baris": data.rows,
            "arah": arah,
            "jenis_target": t_kind.astype(object),
            "tercapai": pd.array(np.where(met_known, met, False), dtype="boolean"),
            "selisih_tingkat": levels,
            "alasan": _none_if_empty(reason),
            "galat_audit": _none_if_empty(audit_error),
            "desimal_target": _decimals(t_kind, t_value, data.text["target"]),
            "desimal_realisasi": _decimals(r_kind, r_value, data.text["realisasi"]),
        },
        columns=list(RESULT_COLUMNS),
    )
    results.loc[~met_known, "tercapai"] = pd.NA
    return Computation(results, data.unread, timings, lang)


def _catalogue_fields(
    names: ObjectArray, catalog: Catalog | None
) -> tuple[ObjectArray, ObjectArray]:
    """The catalogue's ``arah`` and scale of each row ("" where it has none), one lookup per
    distinct indicator name."""
    if catalog is None or len(catalog) == 0:
        empty = np.full(names.shape, "", dtype=object)
        return empty, empty.copy()

    def fields(name: Any) -> str:
        entry = catalog.find(str(name)) if name else None
        if entry is None:
            return "\x00"
        return f"{entry.arah or ''}\x00{entry.scale or ''}"

    both = _by_value(names, fields)
    arah = _by_value(both, lambda v: str(v).partition("\x00")[0])
    scale = _by_value(both, lambda v: str(v).partition("\x00")[2])
    return arah, scale


def _load_scales(skala: ObjectArray, given: Mapping[str, Scale] | None) -> dict[str, Scale | None]:
    from indikator.core.errors import IndikatorError
    from indikator.scales.scale import load_scale

    out: dict[str, Scale | None] = {}
    import pandas as pd

    for name in pd.unique(skala).tolist():
        if given is not None and name in given:
            out[name] = given[name]
            continue
        try:
            out[name] = load_scale(name)
        except (IndikatorError, OSError):
            out[name] = None
    return out


#: shipped ordinal scales tried, in this order, for a categorical target ("BB", "WTP") that the
#: row's default scale does not know; the first scale knowing the target's code (and the
#: realisation's, when it is a category too) is used
CATEGORY_SCALES: Final = ("akip", "opini-bpk", "ikm-2017", "lppd-2019", "idm")


def _scale_by_codes(
    rows: BoolArray,
    skala: ObjectArray,
    loaded: Mapping[str, Scale | None],
    t_category: ObjectArray,
    r_category: ObjectArray,
    given: Mapping[str, Scale] | None,
) -> BoolArray:
    """Rows (of *rows*: categorical targets on a defaulted scale) whose scale does not know
    their target's code get the first of :data:`CATEGORY_SCALES` that does; *skala* is
    updated in place.  One lookup per distinct (scale, target, realisation) triple."""
    changed = np.zeros(skala.size, dtype=bool)
    if not rows.any():
        return changed
    candidates = [s for s in _load_scales(np.asarray(CATEGORY_SCALES, dtype=object),
                                          given).values() if s is not None]

    def knows(scale: Scale | None, code: Any) -> bool:
        if scale is None or code is None or (isinstance(code, float) and code != code):
            return False
        try:
            scale.band(str(code))
        except (KeyError, ValueError, LookupError):
            return False
        return True

    def pick(key: Any) -> str:
        name, target_code, actual_code = str(key).split("\x1f")
        if knows(loaded.get(name), target_code):
            return ""
        for scale in candidates:
            if knows(scale, target_code) and (not actual_code or knows(scale, actual_code)):
                return scale.name
        return ""

    where = np.flatnonzero(rows)
    actual_codes = _by_value(r_category[where], lambda c: "" if _missing_scalar(c) else str(c))
    keys = skala[where] + "\x1f" + _strings(t_category[where]) + "\x1f" + actual_codes
    chosen = _by_value(keys.astype(object), pick)
    hit = chosen != ""
    skala[where[hit]] = chosen[hit]
    changed[where[hit]] = True
    return changed


def _rate(
    skala: ObjectArray,
    loaded: Mapping[str, Scale | None],
    r_number: FloatArray,
    r_kind: ObjectArray,
    r_category: ObjectArray,
    capaian: FloatArray,
) -> tuple[ObjectArray, ObjectArray]:
    """Kategori and its label per row, one :func:`indikator.scales.scale.rate` call per scale."""
    from indikator.core.errors import IndikatorError
    from indikator.scales.scale import rate

    n = skala.size
    kategori = np.full(n, None, dtype=object)
    label = np.full(n, None, dtype=object)
    is_category = r_kind == "category"
    for name, scale in loaded.items():
        if scale is None:
            continue
        rows = np.flatnonzero(skala == name)
        if rows.size == 0:
            continue
        if scale.kind == "interval":
            source = r_number if scale.rates == "value" else capaian
            ratings = rate(source[rows], scale)
            kategori[rows] = np.asarray(ratings.code, dtype=object)
            label[rows] = np.asarray(ratings.label, dtype=object)
        categorical = rows[is_category[rows]]
        if categorical.size:  # a realisation printed as a category is its own kategori
            def band(code: Any, scale: Scale = scale) -> tuple[Any, Any]:
                try:
                    found = scale.band(str(code))
                except (IndikatorError, KeyError):
                    return None, None
                return found.code, found.label

            pairs = _by_value(r_category[categorical], band)
            kategori[categorical] = [p[0] for p in pairs]
            label[categorical] = [p[1] for p in pairs]
    return kategori, label


def _met_messages(
    met: BoolArray,
    met_known: BoolArray,
    comparison: BoolArray,
    category_target: BoolArray,
    t_category: ObjectArray,
    actual_shown: ObjectArray,
    levels: FloatArray,
    lang: str | None,
) -> ObjectArray:
    """"Target BB tidak tercapai: realisasi B, 1 tingkat di bawah target." and the like."""
    n = met.size
    out = np.full(n, "", dtype=object)
    compared = comparison & met_known
    out[compared & met] = t("compute.met", lang)
    out[compared & ~met] = t("compute.not_met", lang)
    rows = np.flatnonzero(category_target & met_known)
    if rows.size:
        level = np.where(np.isfinite(levels[rows]), levels[rows], 0).astype(np.int64)
        target = _strings(t_category[rows])
        actual = _strings(actual_shown[rows])
        count = np.abs(level).astype(str).astype(object)
        for key, mask in (("category_met", level == 0), ("category_above", level > 0),
                          ("category_not_met", level < 0)):
            chosen = rows[mask]
            part = _format_rows(f"compute.{key}", lang, chosen, n, target=target[mask],
                                actual=actual[mask], levels=count[mask])
            out[chosen] = part[chosen]
    return out


def _effective_target(
    kind: ObjectArray, value: FloatArray, target: pd.DataFrame, r_number: FloatArray
) -> FloatArray:
    """The number capaian was taken against: the target, or the bound of a range the
    realisation fell outside (NaN elsewhere), so that audit can name errors on both."""
    low = target["low"].to_numpy(dtype=np.float64)
    high = target["high"].to_numpy(dtype=np.float64)
    ranged = kind == "range"
    with np.errstate(invalid="ignore"):
        bound = np.where(r_number > high, high, np.where(r_number < low, low, np.nan))
    result: FloatArray = np.where(kind == "number", value, np.where(ranged, bound, np.nan))
    return result


def _audit(
    printed_frame: pd.DataFrame,
    capaian: FloatArray,
    r_number: FloatArray,
    t_number: FloatArray,
    arah: ObjectArray,
    pesan: ObjectArray,
    lang: str | None,
) -> tuple[ObjectArray, ObjectArray, FloatArray]:
    """Status, recognised error and printed value per row; messages appended to *pesan*."""
    from indikator.capaian.audit import Audit, audit

    kind = printed_frame["kind"].to_numpy(dtype=object).astype(str)
    printed = np.where(kind == "number", printed_frame["value"].to_numpy(dtype=np.float64),
                       np.nan)
    reason = printed_frame["reason"].to_numpy(dtype=object)
    direction = np.where(np.isin(arah, ["naik", "turun"]), arah, "naik").astype(object)
    result = audit(capaian, printed, actual=r_number, target=t_number, direction=direction)
    status = result.status.astype(object)
    error = result.error.astype(object)
    blank = (kind == "missing") & (reason == "blank")
    status[blank] = None
    text = np.full(capaian.size, "", dtype=object)
    told = np.flatnonzero(~blank & (status != "ok"))  # messages only where there is news
    if told.size:
        text[told] = Audit(status[told], error[told], result.reason[told], result.expected[told],
                           result.printed[told], result.decimals[told]).messages(lang)
    # say what was printed where it is not a number at all
    excel = (kind == "missing") & _by_value(reason, lambda r: str(r).startswith("#")).astype(bool)
    text[excel] = t("achievement.audit_not_checkable", lang)
    excel_text = _messages(np.where(excel, reason, "").astype(object),
                           lambda code: t("compute.printed_excel_error", lang, error=code))
    mismatch = np.flatnonzero((status == "mismatch") & np.isfinite(capaian))
    if mismatch.size:  # name the numbers: printed 70,30, recomputed 73,33
        _append(text, _format_rows("compute.audit_numbers", lang, mismatch, capaian.size,
                                   printed=_format_numbers(printed[mismatch], lang),
                                   recomputed=_format_numbers(capaian[mismatch], lang)))
    _append(pesan, excel_text)
    _append(pesan, text.astype(object))
    return status, error, np.where(np.isfinite(printed), printed, np.nan)


def _extra_checks(
    pesan: ObjectArray,
    names: ObjectArray,
    data: _Input,
    target: pd.DataFrame,
    actual: pd.DataFrame,
    r_number: FloatArray,
    lang: str | None,
) -> None:
    """DOMAIN §6 problems visible in one row: units that differ, coverage above 100 %."""
    t_unit = target["unit"].to_numpy(dtype=object)
    r_unit = actual["unit"].to_numpy(dtype=object)
    t_has = np.asarray(target["unit"].notna().to_numpy(), dtype=bool)
    r_has = np.asarray(actual["unit"].notna().to_numpy(), dtype=bool)
    both = t_has & r_has
    if both.any():
        rows = np.flatnonzero(both)
        rows = rows[t_unit[rows] != r_unit[rows]]
        if rows.size:
            keys = np.full(names.size, "", dtype=object)
            keys[rows] = t_unit[rows] + "|" + r_unit[rows]
            _append(pesan, _messages(keys, lambda key: t("compute.unit_mismatch", lang,
                                                         target=key.split("|")[0],
                                                         actual=key.split("|")[1])))
    satuan = _strings(data.text["satuan"]) if "satuan" in data.text else np.full(
        names.size, "", dtype=object)
    percent_row = _by_value(satuan, lambda s: str(s or "").strip().casefold() in _PERCENT_UNITS)
    percent_row = percent_row.astype(bool) | (r_unit == "%")
    coverage = _by_value(names, lambda s: str(s or "").strip().casefold().startswith(
        _COVERAGE_WORDS)).astype(bool)
    with np.errstate(invalid="ignore"):
        over = percent_row & coverage & (r_number > 100.0)
    if over.any():
        _append(pesan, np.where(over, t("compute.coverage_over_100", lang), "").astype(object))


#: words of an indicator's name that mark it lower-is-better when no arah is given (the
#: catalogue importer's list, :data:`indikator.catalog.loader.LOWER_IS_BETTER`, and a few more) …
_LOWER_NAME_WORDS: Final = (
    "prevalensi", "waktu penyelesaian", "rata-rata waktu", "waktu rata-rata", "lama waktu",
    "lama penyelesaian", "putus sekolah", "angka kesakitan", "tingkat pengangguran",
)
#: … unless the name measures the handling or the reduction of that thing
_HIGHER_NAME_WORDS: Final = (
    "penurunan", "menurunnya", "turunnya", "berkurangnya", "pengurangan", "tertangani",
    "ditangani", "penanganan", "ditindaklanjuti", "tindak lanjut", "diselesaikan",
    "terselesaikan", "pengentasan", "dientaskan", "penyelesaian kasus", "pencegahan",
)


def _lower_by_name(name: Any) -> bool:
    """Whether an indicator's name says lower is better ("Angka Kematian Ibu", "Rasio Gini",
    "Rata-rata waktu penyelesaian izin"), not counting names about reducing or handling it
    ("Persentase penurunan angka kemiskinan", "Persentase pelanggaran yang ditindaklanjuti")."""
    from indikator.catalog.loader import LOWER_IS_BETTER

    folded = " ".join(str(name or "").casefold().split())
    if not folded or any(word in folded for word in _HIGHER_NAME_WORDS):
        return False
    return any(word in folded for word in (*LOWER_IS_BETTER, *_LOWER_NAME_WORDS))


def _direction_cell(cell: Any) -> str:
    """An arah cell as naik / turun when recognised
    (:func:`indikator.documents.columns.direction_word`),
    "" when blank, else the cell folded (reported as not a direction)."""
    from indikator.documents.columns import direction_word

    text = "" if cell is None else str(cell).strip()
    if not text:
        return ""
    return direction_word(text) or text.casefold()


def _years(values: ObjectArray | None, n: int) -> Any:
    """Years as integers where every filled cell is one, else the cells as written."""
    import pandas as pd

    if values is None:
        return np.full(n, None, dtype=object)
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    written = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    number = pd.to_numeric(pd.Series(written, dtype=object), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan)
    whole = np.isfinite(number) & (np.mod(np.nan_to_num(number), 1) == 0)
    take = np.where(codes < 0, len(uniques), codes)
    filled = written != ""
    if bool(np.all(whole[filled])):
        years = pd.array(np.where(whole, number, 0).astype(np.int64)[take], dtype="Int64")
        years[~whole[take]] = pd.NA
        return years
    return _none_if_empty(written)[take]


def _shown(kind: ObjectArray, value: FloatArray, text: ObjectArray) -> ObjectArray:
    """A target or realisation as shown in results: the number, or the cell as written."""
    out = value.astype(object)
    other = np.flatnonzero(kind != "number")
    if other.size:
        written = _strings(text[other])
        out[other] = _none_if_empty(written)
    return out


def _decimals(kind: ObjectArray, value: FloatArray, text: ObjectArray) -> Any:
    """The decimals each number cell prints (:func:`indikator.documents.numbers.printed_decimals`),
    once
    per distinct text; NA for other cells and for numbers not given as text."""
    import pandas as pd

    from indikator.documents.numbers import printed_decimals

    out = np.full(len(kind), -1, dtype=np.int64)
    numbers = np.flatnonzero(kind == "number")
    if numbers.size:
        codes, uniques = pd.factorize(pd.Series(text[numbers], dtype=object),
                                      use_na_sentinel=True)
        first = np.full(len(uniques), -1, dtype=np.int64)
        valid = codes >= 0
        first[codes[valid][::-1]] = np.flatnonzero(valid)[::-1]  # first row of each text
        places = np.full(len(uniques) + 1, -1, dtype=np.int64)
        for i, cell in enumerate(uniques):
            if isinstance(cell, str) and first[i] >= 0:
                found = printed_decimals(cell, float(value[numbers[first[i]]]))
                places[i] = -1 if found is None else found
        out[numbers] = places[np.where(valid, codes, len(uniques))]
    return pd.arrays.IntegerArray(np.maximum(out, 0), mask=out < 0)


def _none_if_empty(values: ObjectArray) -> ObjectArray:
    """*values* with "" replaced by None (a copy)."""
    out = values.astype(object)
    out[out == ""] = None
    return out


def _kinds(column: pd.Series[Any]) -> ObjectArray:
    """The ``kind`` column of a number reading as an object array of strings (via codes)."""
    if hasattr(column, "cat"):
        names = np.asarray(column.cat.categories, dtype=object)
        codes = column.cat.codes.to_numpy()
        table = np.append(names, "missing").astype(object)
        result: ObjectArray = table[np.where(codes < 0, names.size, codes)]
        return result
    return column.to_numpy(dtype=object).astype(str).astype(object)


def summary_counts(results: pd.DataFrame) -> dict[str, int]:
    """Counts for a short report: rows, capaian computed, rated, audit outcomes."""
    audit = results["audit"].astype(object)
    return {
        "rows": len(results),
        "computed": int(results["capaian"].notna().sum()),
        "rated": int(results["kategori"].notna().sum()),
        "ok": int((audit == "ok").sum()),
        "mismatch": int((audit == "mismatch").sum()),
        "not_checkable": int((audit == "not-checkable").sum()),
        "with_message": int(results["pesan"].notna().sum()),
    }
