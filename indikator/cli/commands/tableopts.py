"""Options shared by ``compute`` and ``report`` for reading a realisation table, and the reading.

``--sheet NAME|N`` (which sheet of a workbook), ``--periode P`` (which period's columns:
``"TW III"``, ``"s.d. TW IV"``, ``tahunan``, ``2024``), ``--batas-atas N`` / ``--batas-bawah N``
(cap and floor of capaian, off by default) and ``--tanpa-perbandingan`` (comparison targets
``≤ 10`` stay met / not met instead of (2T − R)/T).  :func:`read_and_compute` reads the file
(:func:`indikator.documents.realisation_file.read_table`), computes
(:func:`indikator.compute.pipeline.compute`), applies the practice
(:func:`indikator.compute.practice.apply_practice`), audits a printed predikat
(:func:`indikator.compute.predikat.audit_predikat`) and joins the extra columns (sasaran,
previous year, Renstra end) — :func:`indikator.compute.fromfile.read_and_compute` does the work.
This module parses options and calls the library; nothing more.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from indikator.compute.fromfile import Computed
from indikator.core.i18n import t

__all__ = ["Computed", "add_table_options", "read_and_compute"]


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


def read_and_compute(path: Path, args: argparse.Namespace, catalog: Any, lang: str,
                     progress: Any = None) -> Computed:
    """:func:`indikator.compute.fromfile.read_and_compute` with the options of *args*."""
    from indikator.compute.fromfile import read_and_compute as read_compute

    return read_compute(path, sheet=getattr(args, "sheet", None),
                        periode=getattr(args, "periode", None), catalog=catalog, lang=lang,
                        cap=getattr(args, "cap", None), floor=getattr(args, "floor", None),
                        comparison=not getattr(args, "no_comparison", False), progress=progress)
