"""The capaian engine for realisation tables: one results row per input row, vectorised.

:func:`compute` takes a realisation table — a
:class:`~indikator.documents.realisation.RealisationTable` (what
:func:`~indikator.documents.realisation.read_realisation` returns for a CSV/TSV/XLSX file) or a
pandas DataFrame of raw cells with the columns of ``docs/capaian.md`` (``indikator``, ``target``,
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
  the first scale with a ``fallback`` order in its file that knows it (said in ``pesan``);
* **kategori** on the row's ``skala``, else the catalogue's scale, else the default
  ``capaian`` scale: a scale that rates the indicator's own value (AKIP, IKM, LPPD) rates the
  realisation; a scale of capaian rates the capaian; a categorical realisation ("B") is its
  own category;
* **audit** of the printed ``capaian`` column (:func:`indikator.capaian.audit.audit`, tolerant of
  the document's rounding): ``ok``, ``mismatch`` (with the kind of error of ``docs/capaian.md``
  §6 where it is recognised: target/realisasi inverted, × 100 twice, the opposite direction's
  formula …) or ``not-checkable`` (``#DIV/0!``, ``-``, or a capaian that cannot be recomputed);
  ``None`` where nothing was printed.  Also flagged in ``pesan``: an Excel error printed into
  the table, target and realisation cells in different units, a percentage of coverage above
  100;
* cells that could not be read are listed in ``unread`` with their row and column; their rows
  stay, with capaian empty and a message saying which cell was not read.

:func:`compute` runs named phases over one :class:`_State`: read (:mod:`.table_input`), match
(catalogue, direction, scale: :mod:`.match`, :mod:`.rating`), capaian, rating, audit
(:mod:`.checks`) and results; each phase is a small function.

What it does not do: read files (:mod:`indikator.documents.realisation`), parse numbers
(:mod:`indikator.documents.numbers`), define capaian rules (:mod:`indikator.capaian.methods`) or
scales (:mod:`indikator.scales.scale`), or write reports (:mod:`indikator.report.workbook`).
Everything per row is numpy over whole columns; Python loops run over distinct values (scales,
message kinds), never over rows.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from indikator.compute.arrays import (
    BoolArray,
    FloatArray,
    ObjectArray,
    _append,
    _append_at,
    _by_value,
    _decimals,
    _format_rows,
    _kinds,
    _messages,
    _missing_scalar,
    _none_if_empty,
    _put,
    _shown,
    _strings,
    _years,
)
from indikator.compute.checks import _audit, _effective_target, _extra_checks, _met_messages
from indikator.compute.match import _catalogue_fields
from indikator.compute.names import RESULT_COLUMNS, direction_cell, guessed_word
from indikator.compute.rating import _load_scales, _rate, _scale_by_codes
from indikator.compute.scaling import align_multipliers
from indikator.compute.table_input import _from_frame, _from_table, _Input
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

DEFAULT_SCALE: Final = "capaian"
"""The scale used for rows whose table and catalogue name none."""

PHASES: Final = ("read", "numbers", "capaian", "rating", "audit")
"""Phases reported to a progress callback and timed in :attr:`Computation.timings`."""


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


def _unread_json(cell: Any, lang: str | None) -> dict[str, Any]:
    to_json = getattr(cell, "to_json", None)
    if callable(to_json):
        data: dict[str, Any] = to_json(lang)
        return data
    return {"line": getattr(cell, "line", None), "column": getattr(cell, "column", None),
            "text": getattr(cell, "text", None), "reason": str(getattr(cell, "reason", ""))}


# --------------------------------------------------------------------------- the engine


class _State:
    """Everything the phases know about the rows, one numpy column per attribute.

    Filled phase by phase: :func:`_start` (the cells), :func:`_match` (arah, skala),
    :func:`_capaian`, :func:`_rating`, :func:`_capaian_messages`, :func:`_audit_phase`.
    """

    # the input
    data: _Input
    lang: str | None
    n: int
    target: pd.DataFrame
    actual: pd.DataFrame
    t_kind: ObjectArray
    r_kind: ObjectArray
    t_value: FloatArray
    r_value: FloatArray
    r_number: FloatArray
    t_category: ObjectArray
    r_category: ObjectArray
    names: ObjectArray
    pesan: ObjectArray
    cell_problem: BoolArray  # a row whose own cells explain a missing capaian
    # match
    arah: ObjectArray
    guessed: BoolArray
    guessed_word: ObjectArray  # the word of the name that made a guessed "turun"
    skala: ObjectArray
    loaded: dict[str, Scale | None]
    by_codes: BoolArray
    # capaian and rating
    category_target: BoolArray
    capaian: FloatArray
    metode: ObjectArray
    reason: ObjectArray
    met: BoolArray
    met_known: BoolArray
    levels: FloatArray
    kategori: ObjectArray
    label: ObjectArray
    # audit
    audit_status: ObjectArray
    audit_error: ObjectArray
    printed: FloatArray


def _start(data: _Input, lang: str | None) -> _State:
    """The state of freshly read rows: kinds and numbers of target and realisation (the
    realisation number in the target's multiplier: :mod:`.scaling`)."""
    state = _State()
    state.data, state.lang, state.n = data, lang, data.n
    state.target = target = data.readings["target"].frame
    state.actual = actual = data.readings["realisasi"].frame
    state.t_kind = _kinds(target["kind"])
    state.r_kind = _kinds(actual["kind"])
    state.t_value = target["value"].to_numpy(dtype=np.float64)
    state.r_value = actual["value"].to_numpy(dtype=np.float64)
    state.r_number = np.where(state.r_kind == "number", state.r_value, np.nan)
    state.t_category = target["category"].to_numpy(dtype=object)
    state.r_category = actual["category"].to_numpy(dtype=object)
    state.names = _strings(data.text["indikator"])
    state.pesan = np.full(data.n, "", dtype=object)
    state.cell_problem = np.zeros(data.n, dtype=bool)
    align_multipliers(target, actual, state.t_kind, state.r_number,
                      (data.text["target"], data.text["realisasi"]), state.pesan, lang)
    return state


def _unread_messages(state: _State) -> None:
    """Where a cell was not read, say so on its row; a realisation that is not one number (a
    range or a comparison) too."""
    data, n, lang = state.data, state.n, state.lang
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
                state.cell_problem[pos] = True
    _append(state.pesan, unread_parts)
    odd = (state.r_kind == "range") | (state.r_kind == "comparison")
    if odd.any():
        state.cell_problem |= odd
        _append_at(state.pesan, odd, t("compute.actual_not_number", lang))


def _ambiguity_messages(state: _State) -> None:
    """Ambiguous cells (``3.460``): read by the sibling columns' convention, or guessed by the
    default one with both readings (:mod:`indikator.documents.evidence`)."""
    from indikator.documents.evidence import guess_notes

    notes = guess_notes(state.data.readings, state.data.evidence, state.n, state.lang)
    _append(state.pesan, np.array(notes, dtype=object))


def _match(
    state: _State,
    catalog: Catalog | None,
    default_scale: str,
    scales: Mapping[str, Scale] | None,
) -> None:
    """arah: the row's, else the catalogue's, else guessed from the name, else naik; skala: the
    row's, else the catalogue's, else the default (or a shipped scale knowing the codes)."""
    data, n = state.data, state.n
    from_catalog, catalog_scale = _catalogue_fields(state.names, catalog)
    arah = (_by_value(data.text["arah"], direction_cell)
            if "arah" in data.text else np.full(n, "", dtype=object))
    arah = np.where(arah == "", from_catalog, arah).astype(object)
    guessed = np.where(arah == "", _by_value(state.names, guessed_word), "").astype(object)
    state.guessed_word = guessed
    state.guessed = guessed != ""
    arah = _put(arah, state.guessed, "turun")  # one shared word, not a string per row
    state.arah = _put(arah, arah == "", "naik")

    skala = _strings(data.text["skala"]) if "skala" in data.text else np.full(n, "", dtype=object)
    skala = np.where(skala == "", catalog_scale, skala).astype(object)
    defaulted = skala == ""
    skala = _put(skala, defaulted, default_scale)
    loaded = _load_scales(skala, scales)
    state.by_codes = _scale_by_codes(defaulted & (state.t_kind == "category"), skala, loaded,
                                     state.t_category, state.r_category, scales)
    if state.by_codes.any():
        loaded = _load_scales(skala, scales)
    state.skala, state.loaded = skala, loaded
    missing_names = [name for name, scale in loaded.items() if scale is None]
    if missing_names:
        bad = np.isin(skala, np.asarray(missing_names, dtype=object))
        _append(state.pesan, _messages(np.where(bad, skala, "").astype(object),
                                       lambda s: t("compute.unknown_scale", state.lang, scale=s)))


def _capaian(state: _State) -> None:
    """Capaian of every row: every target kind at once, categorical rows once per scale."""
    import pandas as pd

    from indikator.capaian.targets import achievement_targets

    target = state.target
    state.category_target = category_target = state.t_kind == "category"
    detail = achievement_targets(
        state.r_number, kind=state.t_kind, value=state.t_value,
        low=target["low"].to_numpy(dtype=np.float64),
        high=target["high"].to_numpy(dtype=np.float64),
        op=target["op"].astype(object).where(target["op"].notna(), "").to_numpy(dtype=object),
        direction=state.arah,
    )
    state.capaian = detail.value.copy()
    state.metode = detail.metode.copy()
    state.reason = detail.reason.copy()
    state.met = detail.met.copy()
    state.met_known = detail.met_known.copy()
    state.levels = detail.levels.copy()
    if not category_target.any():
        return
    for name in pd.unique(state.skala[category_target]).tolist():
        scale = state.loaded.get(str(name))
        rows = np.flatnonzero(category_target & (state.skala == name))
        if scale is None:
            continue
        numbers = (state.r_number[rows] if scale.rates == "value"
                   else np.full(rows.size, np.nan))
        sub = achievement_targets(
            numbers, kind="category", category=state.t_category[rows],
            actual_category=state.r_category[rows], direction=state.arah[rows], order=scale,
        )
        state.capaian[rows], state.metode[rows], state.reason[rows] = (
            sub.value, sub.metode, sub.reason)
        state.met[rows], state.met_known[rows], state.levels[rows] = (
            sub.met, sub.met_known, sub.levels)


def _rating(state: _State) -> None:
    state.kategori, state.label = _rate(state.skala, state.loaded, state.r_number, state.r_kind,
                                        state.r_category, state.capaian)


def _capaian_messages(state: _State) -> None:
    """The reason capaian is missing, or met / not met for targets without a percentage."""
    lang, reason = state.lang, state.reason
    reason_text = _messages(np.where(state.cell_problem, "", reason).astype(object),
                            lambda code: t(f"achievement.reason_{code.replace('-', '_')}", lang))
    actual_shown = np.where(state.r_kind == "category", state.r_category,
                            state.kategori).astype(object)
    met_text = _met_messages(state.met, state.met_known, state.t_kind == "comparison",
                             state.category_target, state.t_category, actual_shown,
                             state.levels, lang)
    # a met / not-met sentence says it all: drop the generic "no percentage" reason there
    generic = (met_text != "") & ((reason == "category-no-mapping")
                                  | (reason == "comparison-target"))
    reason_text[generic] = ""
    _append(state.pesan, reason_text)
    _append(state.pesan, met_text)


def _audit_phase(state: _State) -> None:
    """The printed capaian checked against the computed one; the row checks of docs/capaian.md."""
    data, n = state.data, state.n
    state.audit_status = np.full(n, None, dtype=object)
    state.audit_error = np.full(n, "", dtype=object)
    state.printed = np.full(n, np.nan)
    if "capaian" in data.readings:
        state.audit_status, state.audit_error, state.printed = _audit(
            data.readings["capaian"].frame, state.capaian, state.r_number,
            _effective_target(state.t_kind, state.t_value, state.target, state.r_number),
            state.arah, state.pesan, state.lang,
        )
    _extra_checks(state.pesan, state.names, data, state.target, state.actual, state.r_number,
                  state.capaian, state.lang)


def _closing_messages(state: _State) -> None:
    """What was guessed or filled in, said on its row; heading rows emptied and named."""
    data, lang, n = state.data, state.lang, state.n
    _append(state.pesan, _messages(
        np.where(state.guessed & ~data.headings, state.guessed_word, "").astype(object),
        lambda word: t("compute.direction_guessed", lang, word=word)))
    _append(state.pesan, _messages(
        np.where(state.by_codes & ~data.headings, state.skala, "").astype(object),
        lambda name: t("compute.scale_from_codes", lang, scale=name)))
    _append_at(state.pesan, data.filled, t("compute.filled_down", lang))
    heads = np.flatnonzero(data.headings)
    if heads.size:  # titles, sub-headers, totals: kept in place, not computed, said so
        state.capaian[heads] = np.nan
        state.kategori[heads] = None
        state.label[heads] = None
        state.metode[heads] = None
        state.arah[heads] = None
        state.audit_status[heads] = None
        state.audit_error[heads] = ""
        state.reason[heads] = ""
        state.met_known[heads] = False
        state.pesan[heads] = _format_rows("compute.heading_row", lang, heads, n,
                                          text=_strings(data.heading_text[heads]))[heads]


def _results(state: _State) -> pd.DataFrame:
    """The results frame (:data:`RESULT_COLUMNS`), one row per input row in input order."""
    import pandas as pd

    data, n = state.data, state.n
    satuan = (_none_if_empty(_strings(data.text["satuan"]), copy=False) if "satuan" in data.text
              else np.full(n, None, dtype=object))
    for name in ("r_number", "guessed_word", "guessed", "by_codes", "category_target",
                 "cell_problem"):  # not in the results: freed before the columns are made
        delattr(state, name)
    results = pd.DataFrame(
        {
            "indikator": state.names,
            "tahun": _years(data.text.get("tahun"), n),
            "satuan": satuan,
            "target": _shown(state.t_kind, state.t_value, data.text["target"]),
            "realisasi": _shown(state.r_kind, state.r_value, data.text["realisasi"]),
            "capaian": state.capaian,
            "kategori": state.kategori,
            "kategori_label": state.label,
            "skala": state.skala,
            "metode": state.metode,
            "audit": state.audit_status,
            "capaian_tertulis": state.printed,
            "pesan": _none_if_empty(state.pesan, copy=False),  # the state ends here
            "baris": data.rows,
            "arah": state.arah,
            "jenis_target": state.t_kind.astype(object, copy=False),
            "tercapai": pd.array(np.where(state.met_known, state.met, False), dtype="boolean"),
            "selisih_tingkat": state.levels,
            "alasan": _none_if_empty(state.reason, copy=False),
            "galat_audit": _none_if_empty(state.audit_error, copy=False),
            "desimal_target": _decimals(state.t_kind, state.t_value, data.text["target"]),
            "desimal_realisasi": _decimals(state.r_kind, state.r_value, data.text["realisasi"]),
        },
        columns=list(RESULT_COLUMNS),
        copy=False,  # the state's arrays become the columns: no second copy of every column
    )
    results.loc[~state.met_known, "tercapai"] = pd.NA
    return results


@contextlib.contextmanager
def _timed(timings: dict[str, float], name: str) -> Iterator[None]:
    """Add the wall time of the block to ``timings[name]``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


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
    rows whose table leaves them empty, matched by indicator name or code.  *scales* overrides
    scales by name (otherwise :func:`indikator.scales.loading.load_scale`).  *lang* is the
    language of ``pesan``.  *progress* is called with the name of each phase as it starts.
    """
    import pandas as pd

    def phase(name: str) -> None:
        if progress is not None:
            progress(name)

    timings: dict[str, float] = {}
    phase("numbers")
    if isinstance(table, pd.DataFrame):
        data = _from_frame(table, timings)
    else:
        data = _from_table(table)
        timings.setdefault("numbers", 0.0)
    with _timed(timings, "capaian"):
        phase("capaian")
        state = _start(data, lang)
        _unread_messages(state)
        _ambiguity_messages(state)
        _match(state, catalog, default_scale, scales)
        _capaian(state)
    with _timed(timings, "rating"):
        phase("rating")
        _rating(state)
    with _timed(timings, "capaian"):
        _capaian_messages(state)
    with _timed(timings, "audit"):
        phase("audit")
        _audit_phase(state)
    _closing_messages(state)
    return Computation(_results(state), data.unread, timings, lang)


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
