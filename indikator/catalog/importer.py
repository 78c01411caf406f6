"""Indicators made from what documents print: the tables of a Renstra read by
:mod:`indikator.documents.textdoc` (:func:`from_table`) and realisation tables
(:func:`indicators_from_realisation`).

What a document does not say is guessed and listed in each indicator's ``inferred``: the
direction (:func:`indikator.capaian.direction.guess_direction`), the end-of-period aggregation
(level units and names, ``definitions/vocabulary/units.toml``), the scale (the ``hints`` of the
scale files), the satuan of a headline indicator, a formula for tables that print none.
Validating and writing catalogues is :mod:`indikator.catalog.loader`'s job.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from indikator.capaian.direction import guess_direction
from indikator.catalog.loader import DIRECTIONS, Indicator, Value
from indikator.core.errors import IndikatorError
from indikator.documents.units import level_units

if TYPE_CHECKING:
    from indikator.documents.results import Table

__all__ = ["from_table", "indicators_from_realisation", "single_formula", "slug"]


_LEVEL_NAMES = re.compile(
    r"^(?:persentase|prosentase|presentase|indeks|nilai|tingkat|rasio|capaian|angka|rata)",
    re.IGNORECASE,
)


def slug(text: str, limit: int = 60) -> str:
    """A code made from a name: lower case ASCII words joined by ``-``."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "indikator"


def _guess_aggregation(name: str, unit: str) -> str:
    if level_units().match(unit.strip()) or _LEVEL_NAMES.match(name.strip()):
        return "last"
    return "sum"


def _guess_direction(name: str) -> str:
    """The direction the name says (:func:`indikator.capaian.direction.guess_direction`, the
    one guesser of the package)."""
    return guess_direction(name).direction


def _guess_unit(name: str) -> str:
    """A headline indicator's satuan from its first word (``Indeks …``, ``Nilai …``)."""
    match = re.match(r"(indeks|nilai|persentase|rasio|angka)\b", name.strip(), re.IGNORECASE)
    return match.group(1).capitalize() if match else ""


def _guess_scale(name: str) -> str | None:
    """The scale whose ``hints`` (data in the scale files) name a fragment of *name*, longest
    fragment first (:func:`indikator.scales.loading.scale_hints`)."""
    from indikator.scales.loading import scale_hints

    folded = name.casefold()
    for fragment, scale in scale_hints():
        if re.search(rf"\b{re.escape(fragment)}\b", folded):
            return scale
    return None


def _plain(reading: Any) -> Value | None:
    if reading is None:
        return None
    value = reading.value
    if value is not None:
        return float(value)
    quantity = reading.quantity
    if quantity.kind == "missing":
        return None
    return str(reading.text)


def from_table(table: Table, *, codes: set[str] | None = None) -> list[Indicator]:
    """The indicators of a table read by :mod:`indikator.documents.textdoc`.

    The formula table gives name, satuan, formula, explanation and context; the headline table
    actual and target values per year and the end-of-period pair; the programme tables targets,
    budgets and baseline.  ``arah``, ``aggregation``, ``scale`` and (where the document has no
    formula) ``formula`` are guessed and listed in ``inferred``.  Codes are made from names and
    kept unique against *codes* (updated in place).
    """
    from indikator.documents.results import FormulaRow, HeadlineRow, ProgrammeRow

    used = codes if codes is not None else set()
    out: list[Indicator] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in table.rows:
        inferred: list[str] = ["arah", "aggregation"]
        if isinstance(row, FormulaRow):
            name, unit, formula = row.indicator, row.unit, row.formula
            extra: dict[str, Any] = {"context": row.context, "explanation": row.explanation,
                                     "notes": dict(row.notes)}
            identity: tuple[Any, ...] = (name, unit, formula)
        elif isinstance(row, HeadlineRow):
            name, unit, formula = row.indicator, row.unit, single_formula(row.indicator)
            inferred.append("formula")
            actual = {y: v for y, r in row.values.items()
                      if row.kinds.get(y) == "actual" and (v := _plain(r)) is not None}
            target = {y: v for y, r in row.values.items()
                      if row.kinds.get(y) == "target" and (v := _plain(r)) is not None}
            end = {k: v for k, r in (("before", row.end_before), ("after", row.end_after))
                   if (v := _plain(r)) is not None}
            extra = {"context": row.context, "actual": actual, "target": target,
                     "end_of_period": end, "notes": dict(row.notes)}
            identity = (name, tuple(actual.items()), tuple(target.items()))
        elif isinstance(row, ProgrammeRow):
            name, unit, formula = row.indicator, row.unit, single_formula(row.indicator)
            inferred.append("formula")
            target = {y: v for y, r in row.targets.items() if (v := _plain(r)) is not None}
            budget = {y: v for y, r in row.budgets.items() if (v := _plain(r)) is not None}
            end = {k: v for k, r in (("target", row.end_target), ("budget", row.end_budget))
                   if (v := _plain(r)) is not None}
            context = tuple(c for c in (*row.context, row.code, row.programme) if c)
            extra = {"context": context, "target": target, "budget": budget,
                     "baseline": _plain(row.baseline), "end_of_period": end}
            identity = (name, unit, tuple(target.items()), tuple(budget.items()))
        else:
            continue
        if identity in seen:  # the same row printed again (a repeated table)
            first = out[seen[identity]]
            out[seen[identity]] = _with_line(first, row.line)
            continue
        scale = _guess_scale(name)
        if scale is not None:
            inferred.append("scale")
        if not unit and isinstance(row, HeadlineRow):
            unit = _guess_unit(name)
            if unit:
                inferred.append("satuan")
        code = slug(name)
        base, n = code, 2
        while code in used:
            code, n = f"{base}-{n}", n + 1
        used.add(code)
        seen[identity] = len(out)
        out.append(
            Indicator(
                code=code,
                name=name,
                satuan=unit,
                formula=formula,
                arah=_guess_direction(name),
                aggregation=_guess_aggregation(name, unit),
                scale=scale,
                source_line=row.line,
                table=table.number,
                inferred=tuple(inferred),
                **extra,
            )
        )
    return out


def single_formula(name: str) -> str:
    """A formula that is the indicator's own quantity (for tables that print no formula): the
    name itself when the grammar reads it as one variable, else the name in ``\\text{…}``."""
    try:
        from indikator.formula.parser import parse
    except ModuleNotFoundError:  # pragma: no cover - the formula language ships with the package
        return name
    plain = re.sub(r"\s+", " ", re.sub(r"[{}()\[\]]", " ", name)).strip()
    for candidate in (name, "\\text{" + name.replace("{", "(").replace("}", ")") + "}",
                      "\\text{" + plain + "}"):
        try:
            if parse(candidate).kind == "single":
                return candidate
        except IndikatorError:
            continue
    return "\\text{" + plain + "}"


def _with_line(indicator: Indicator, line: int) -> Indicator:
    from dataclasses import replace

    return replace(indicator, also_lines=(*indicator.also_lines, line))


def indicators_from_realisation(table: Any) -> list[Indicator]:
    """Indicators of a realisation table (:func:`~.documents.realisation.read_realisation`):
    one per distinct ``indikator`` (or ``kode``), with ``target`` and ``actual`` per ``tahun``.

    Rows without a year, and values that are missing or unread, are left out of the values
    (the import report lists the unread ones).  ``arah``, ``satuan`` and ``skala`` come from
    their columns when present, otherwise they are guessed and listed in ``inferred``.
    """
    order, data = _realisation_entries(table)
    used: set[str] = set()
    out: list[Indicator] = []
    for key in order:
        entry = data[key]
        inferred = ["formula"]
        arah = entry["arah"] if entry["arah"] in DIRECTIONS else ""
        if not arah:
            arah = _guess_direction(entry["name"])
            inferred.append("arah")
        inferred.append("aggregation")
        code = slug(key)
        base, n = code, 2
        while code in used:
            code, n = f"{base}-{n}", n + 1
        used.add(code)
        out.append(
            Indicator(
                code=code,
                name=entry["name"],
                satuan=entry["satuan"],
                formula=single_formula(entry["name"]),
                arah=arah,
                aggregation=_guess_aggregation(entry["name"], entry["satuan"]),
                scale=entry["skala"] or None,
                source_line=entry["line"],
                actual=entry["actual"],
                target=entry["target"],
                inferred=tuple(inferred),
            )
        )
    return out


def _realisation_entries(table: Any) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The rows of a realisation table grouped by indicator (``kode``, else name), in first
    appearance order: name, first row, satuan / arah / skala, target and actual per year."""
    frame = table.frame
    columns = set(frame.columns)

    def cell(name: str, row: int) -> str:
        return str(frame[name].iat[row]) if name in columns else ""

    def value(name: str, row: int) -> Value | None:
        reading = table.readings.get(name)
        if reading is None:
            return None
        kind = str(reading.frame["kind"].iat[row])
        if kind == "number":
            number = float(reading.frame["value"].iat[row])
            return number if math.isfinite(number) else None
        if kind in ("category", "range", "comparison"):
            return cell(name, row) or None
        return None

    order: list[str] = []
    data: dict[str, dict[str, Any]] = {}
    for row in range(len(frame)):
        name = cell("indikator", row)
        if not name:
            continue
        key = cell("kode", row) or name
        entry = data.get(key)
        if entry is None:
            entry = {"name": name, "line": int(table.rows[row]), "satuan": "", "arah": "",
                     "skala": "", "actual": {}, "target": {}}
            data[key] = entry
            order.append(key)
        for field_name in ("satuan", "arah", "skala"):
            text = cell(field_name, row)
            if text and not entry[field_name]:
                entry[field_name] = text.casefold() if field_name == "arah" else text
        year_text = cell("tahun", row)
        if not re.fullmatch(r"(?:19|20)\d\d", year_text.split(".")[0]):
            continue
        year = int(year_text.split(".")[0])
        for column, slot in (("target", "target"), ("realisasi", "actual")):
            found = value(column, row)
            if found is not None:
                entry[slot][year] = found
    return order, data
