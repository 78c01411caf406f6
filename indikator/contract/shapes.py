"""Library objects as the contract's result objects (``docs/schemas/*.schema.json``).

Each function takes what a library function returned and gives the plain dict that goes into
an envelope's ``result`` or ``findings`` (:mod:`indikator.contract.envelope`): English keys,
Indonesian values as the library wrote them, one JSON type per field (``null`` where a value is
absent).  The CLI and the HTTP server both call these, so their answers cannot drift apart.

This module does no domain work: it never parses, lints, computes or rates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from indikator.contract.envelope import jsonable

ROW_KEYS: Final = (
    ("indikator", "indicator"), ("tahun", "year"), ("satuan", "unit"),
    ("capaian", "achievement"), ("kategori", "category"), ("kategori_label", "category_label"),
    ("skala", "scale"), ("metode", "method"), ("audit", "audit"),
    ("capaian_tertulis", "printed_achievement"), ("pesan", "message"), ("baris", "row"),
    ("arah", "direction"), ("tercapai", "met"), ("selisih_tingkat", "levels_apart"),
    ("alasan", "reason"), ("galat_audit", "audit_error"),
)  # fmt: skip
"""Columns of a computation's results → keys of a ``compute`` row (target and realisasi become
the ``target`` and ``actual`` quantity objects)."""


def _int_or_none(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _number_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(float(value)) else None


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- formulas


def _operand_text(node: Any) -> str:
    from indikator.formula.nodes import Variable
    from indikator.formula.printer import to_text

    return node.name if isinstance(node, Variable) else to_text(node)


def formula_result(formula: Any, lang: str | None = None) -> dict[str, Any]:
    """``parse``: the reading of one formula, with the rewrites normalisation made."""
    from indikator.contract.mathml import to_mathml
    from indikator.formula.printer import to_latex, to_text

    ratio = formula.ratio
    return {
        "name": formula.name,
        "canonical": to_text(formula),
        "latex": to_latex(formula),
        "mathml": to_mathml(formula),
        "kind": formula.kind,
        "variables": list(formula.variables),
        "ratio": None if ratio is None else {
            "numerator": _operand_text(ratio.numerator),
            "denominator": _operand_text(ratio.denominator),
            "factor": float(ratio.factor),
        },
        "definitions": dict(formula.definitions),
        "examples": list(formula.examples),
        "rewrites": [rewrite.to_json(lang) for rewrite in getattr(formula, "rewrites", ())],
    }


def eval_result(value: float, reason: str | None, message: str | None) -> dict[str, Any]:
    """``eval``: the value (``null`` when not finite) and why it is missing."""
    return {"value": value if math.isfinite(value) else None, "reason": reason,
            "message": message}


def where(
    item: int, *, file: str | None = None, line: int | None = None,
    source_line: int | None = None, indicator: str | None = None,
) -> dict[str, Any]:
    """A finding's place: the index into the result's list and the place in the input."""
    return {"item": item, "file": file, "line": line, "source_line": source_line,
            "indicator": indicator}


def finding_json(finding: Any, lang: str, place: Mapping[str, Any]) -> dict[str, Any]:
    """A lint finding (:class:`indikator.linter.rules.Finding`) at *place*."""
    data = finding.to_json(lang)
    span = data.get("span")
    return {
        "code": str(data["code"]), "rule": str(data["rule"]), "severity": str(data["severity"]),
        "message": str(data["message"]),
        "span": [int(span[0]), int(span[1])] if span else None,
        "fix": _str_or_none(data.get("fix")), "confidence": float(data.get("confidence", 1.0)),
        "where": dict(place),
    }


def severity_counts(findings: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """``{"errors", "warnings", "infos"}`` counted over *findings*."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for finding in findings:
        key = {"error": "errors", "warning": "warnings", "info": "infos"}.get(
            str(finding.get("severity")))
        if key:
            counts[key] += 1
    return counts


def lint_item(
    *, file: str | None, line: int | None, source_line: int | None, indicator: str | None,
    unit: str | None, formula: str, findings: int,
) -> dict[str, Any]:
    """One linted formula of a ``lint`` result (its findings are in the envelope)."""
    return {"file": file, "line": line, "source_line": source_line, "indicator": indicator,
            "unit": unit, "formula": formula, "findings": findings}


# --------------------------------------------------------------------------- tables


def unread_json(cell: Any, lang: str) -> dict[str, Any]:
    """A cell that was not read: ``line``, ``column`` (text), ``text``, ``reason``."""
    data = cell.to_json(lang) if callable(getattr(cell, "to_json", None)) else dict(cell)
    return {"line": _int_or_none(data.get("line")), "column": str(data.get("column", "")),
            "text": str(data.get("text", "")), "reason": str(data.get("reason", ""))}


def _quantity(value: Any, kind: Any, decimals: Any) -> dict[str, Any]:
    number = _number_or_none(value)
    if value is None:
        shown_kind = "missing"
    elif kind is not None:
        shown_kind = str(kind)
    else:
        shown_kind = "number" if number is not None else "text"
    return {"value": number, "text": None if number is not None or value is None else str(value),
            "kind": shown_kind, "decimals": _int_or_none(decimals)}


def compute_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of a computation (:meth:`Computation.rows`) with the contract's keys."""
    out: dict[str, Any] = {new: row.get(old) for old, new in ROW_KEYS}
    out["target"] = _quantity(row.get("target"), row.get("jenis_target"),
                              row.get("desimal_target"))
    out["actual"] = _quantity(row.get("realisasi"), None, row.get("desimal_realisasi"))
    for key in ("achievement", "printed_achievement"):
        out[key] = _number_or_none(out[key])
    for key in ("year", "row", "levels_apart"):
        out[key] = _int_or_none(out[key])
    out["met"] = out["met"] if isinstance(out["met"], bool) else None
    for key, value in out.items():
        if key not in ("target", "actual", "achievement", "printed_achievement", "year", "row",
                       "levels_apart", "met"):
            out[key] = _str_or_none(value)
    return out


def compute_result(computation: Any, lang: str) -> dict[str, Any]:
    """``compute``: rows in input order, unread cells, counts."""
    from indikator.compute.pipeline import summary_counts

    return {
        "rows": [compute_row(row) for row in computation.rows()],
        "unread": [unread_json(cell, lang) for cell in computation.unread],
        "summary": {**summary_counts(computation.results), "unread": len(computation.unread)},
        "written": None,
    }


def table_json(table: Any, lang: str) -> dict[str, Any]:
    """A table found in a document or a realisation table, as ``import`` lists it."""
    data = table.to_json(lang)
    lines = data.get("lines")
    return {
        "table": _str_or_none(data.get("table")), "kind": str(data.get("kind")),
        "title": str(data.get("title") or ""),
        "lines": [int(lines[0]), int(lines[1])] if lines else None,
        "continued": bool(data.get("continued", False)),
        "indicators": int(data.get("indicators", 0)),
        "cells_read": int(data.get("cells_read", 0)),
        "cells_unread": [unread_json(cell, lang) for cell in getattr(table, "unread", [])],
        "ignored_columns": [str(c) for c in data.get("ignored_columns", [])],
    }


def import_result(tables: Sequence[Any], lang: str, written: Sequence[Any]) -> dict[str, Any]:
    """``import``: the tables, their totals and the catalogue files written."""
    shown = [table_json(table, lang) for table in tables]
    return {
        "tables": shown,
        "totals": {
            "indicators": sum(t["indicators"] for t in shown),
            "cells_read": sum(t["cells_read"] for t in shown),
            "cells_unread": sum(len(t["cells_unread"]) for t in shown),
        },
        "written": [str(p) for p in written],
    }


# --------------------------------------------------------------------------- scales


def scale_summary(scale: Any, path: str | None) -> dict[str, Any]:
    """One entry of ``scale list``."""
    return {"name": scale.name, "title": scale.title, "source": scale.source,
            "confidence": scale.confidence, "kind": scale.kind, "bands": len(scale.bands),
            "path": path}


def scale_json(scale: Any, path: str | None) -> dict[str, Any]:
    """``scale show``: the scale and its bands; every band has the same keys, with the colour
    the reports draw it in (:mod:`indikator.report.bandstyle`)."""
    from indikator.report.bandstyle import scale_view

    view = scale_view(scale)
    data = jsonable(scale.to_json())
    bands = []
    for band in data["bands"]:
        bands.append({
            "code": str(band["code"]), "label": str(band["label"]),
            "lower": band.get("lower"), "lower_closed": bool(band.get("lower_closed", False)),
            "upper": band.get("upper"), "upper_closed": bool(band.get("upper_closed", False)),
            "interval": band.get("interval"), "printed": band.get("printed"),
            "confidence": str(band.get("confidence", "confirmed")),
            "aliases": list(band.get("aliases", [])), "note": band.get("note"),
            "rank": _int_or_none(band.get("rank")),
            "colour": "#" + view.colour(band["code"]).lstrip("#"),
        })
    domain = data.get("domain")
    return {
        "name": data["name"], "title": data["title"], "source": data["source"],
        "confidence": data["confidence"], "kind": data["kind"], "domain": domain,
        "gaps": data.get("gaps"), "rounding": data.get("rounding"),
        "direction": data.get("direction"), "rates": data.get("rates"),
        "notes": data.get("notes"), "path": path, "bands": bands,
    }


def rating_json(
    text: str, value: float | None, code: str | None, label: str | None, rank: int | None,
    reason: str | None, message: str | None,
) -> dict[str, Any]:
    """One rated value of ``scale rate``."""
    return {"text": text, "value": _number_or_none(value), "code": code, "label": label,
            "rank": rank, "rated": code is not None, "reason": reason, "message": message}


def band_json(band: Any) -> dict[str, Any]:
    """A band read from a printed band table (``scale parse``)."""
    interval = band.interval.to_json()
    return {"code": band.code, "label": band.label, **interval, "printed": band.printed}
