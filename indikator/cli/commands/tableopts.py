"""Options shared by ``compute`` and ``report`` for reading a realisation table, and the reading.

``--sheet NAME|N`` (which sheet of a workbook), ``--periode P`` (which period's columns:
``"TW III"``, ``"s.d. TW IV"``, ``tahunan``, ``2024``), ``--batas-atas N`` / ``--batas-bawah N``
(cap and floor of capaian, off by default) and ``--tanpa-perbandingan`` (comparison targets
``≤ 10`` stay met / not met instead of (2T − R)/T).  :func:`read_and_compute` reads the file
(:func:`indikator.documents.realisation_file.read_table`), computes
(:func:`indikator.compute.pipeline.compute`), applies the practice
(:func:`indikator.compute.practice.apply_practice`), audits a printed predikat
(:func:`indikator.compute.predikat.audit_predikat`) and joins the extra columns (sasaran,
previous year, Renstra end).  This module parses options and calls the library; nothing more.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indikator.core.i18n import Message, t


def add_table_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--sheet``, ``--periode``, ``--batas-atas``, ``--batas-bawah``,
    ``--tanpa-perbandingan``."""
    parser.add_argument("--sheet", metavar="NAMA|N", default=None, help=t("table.help_sheet"))
    parser.add_argument("--periode", metavar="P", default=None, help=t("table.help_periode"))
    parser.add_argument("--batas-atas", metavar="N", type=float, default=None, dest="cap",
                        help=t("table.help_cap"))
    parser.add_argument("--batas-bawah", metavar="N", type=float, default=None, dest="floor",
                        help=t("table.help_floor"))
    parser.add_argument("--tanpa-perbandingan", action="store_true", dest="no_comparison",
                        help=t("table.help_no_comparison"))


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


def read_and_compute(path: Path, args: argparse.Namespace, catalog: Any, lang: str,
                     progress: Any = None) -> Computed:
    """Read, compute, apply the practice, audit the predikat, join the extras."""
    from indikator.compute.pipeline import compute
    from indikator.compute.practice import apply_practice
    from indikator.compute.predikat import audit_predikat
    from indikator.documents.realisation_file import read_table

    read = read_table(path, getattr(args, "sheet", None), getattr(args, "periode", None))
    result = compute(read.table, catalog=catalog, lang=lang, progress=progress)
    frame = apply_practice(result.results, comparison=not getattr(args, "no_comparison", False),
                           cap=getattr(args, "cap", None), floor=getattr(args, "floor", None),
                           lang=lang)
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
