"""Read a realisation file with the sheet and period chosen, compute, apply the practice.

:func:`read_and_compute` is what ``indikator compute``/``report`` and the server's report
endpoint share: it reads the file (:func:`indikator.documents.realisation_file.read_table`, every
sheet of a workbook, the period's columns), computes (:func:`indikator.compute.pipeline.compute`),
applies the practice (:func:`indikator.compute.practice.apply_practice`: comparison targets,
cap and floor), audits a printed predikat (:func:`indikator.compute.predikat.audit_predikat`)
and joins the extra columns (sasaran, previous year, Renstra end).  It reads only the path it is
given and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.i18n import Message

__all__ = ["Computed", "read_and_compute"]


@dataclass
class Computed:
    """What :func:`read_and_compute` made."""

    computation: Any  # indikator.compute.pipeline.Computation, results with practice applied
    table: Any  # RealisationTable
    notes: list[Message] = field(default_factory=list)
    period: str = ""


def _sasaran_from_catalog(names: Any, catalog: Any) -> list[Any]:
    out: list[Any] = []
    for name in names:
        found = catalog.find(str(name)) if catalog is not None else None
        context = [c for c in getattr(found, "context", ()) if c]
        out.append(context[-1] if context else None)
    return out


def read_and_compute(
    path: Path, *, sheet: str | None = None, periode: str | None = None, catalog: Any = None,
    lang: str = "id", cap: float | None = None, floor: float | None = None,
    comparison: bool = True, progress: Any = None,
) -> Computed:
    """Read, compute, apply the practice, audit the predikat, join the extras."""
    from indikator.compute.pipeline import compute
    from indikator.compute.practice import apply_practice
    from indikator.compute.predikat import audit_predikat
    from indikator.documents.realisation_file import read_table

    read = read_table(path, sheet, periode)
    result = compute(read.table, catalog=catalog, lang=lang, progress=progress)
    frame = apply_practice(result.results, comparison=comparison, cap=cap, floor=floor,
                           lang=lang, copy=False)  # result.results is replaced by it below
    extras = read.extras
    for name in extras.columns:
        frame[name] = extras[name].to_numpy()
    if "sasaran" not in frame and catalog is not None:
        found = _sasaran_from_catalog(frame["indikator"], catalog)
        if any(found):
            frame["sasaran"] = found
    if "predikat_tertulis" in frame:
        codes, _ = audit_predikat(frame["predikat_tertulis"].tolist(),
                                  frame["kategori"].tolist(), frame["skala"].tolist(),
                                  frame["capaian"].tolist())
        frame["audit_predikat"] = codes
    choice = read.prepared.choice
    if choice is not None and choice.year is not None and (
            "tahun" not in frame or frame["tahun"].isna().all()):
        frame["tahun"] = choice.year  # "Target Tahunan 2024": the year of every row
        read.prepared.notes.append(Message("periods.year_from_header", {"year": choice.year}))
    result.results = frame
    period = choice.label(lang) if choice is not None else ""
    return Computed(result, read.table, list(read.notes), period)
