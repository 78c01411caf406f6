"""The compute pipeline's names and per-value words that need no arrays: the result columns
(:data:`RESULT_COLUMNS`), an ``arah`` cell read as naik / turun (:func:`direction_cell`), the
word of an indicator's name that makes it lower-is-better (:func:`guessed_word`), the words
that make a percent indicator a coverage (:data:`COVERAGE_WORDS`), the capaian too large to be
right (:data:`IMPLAUSIBLE_CAPAIAN`).

Shared by :mod:`indikator.compute.pipeline` and the DuckDB engine (:mod:`indikator.sql`),
which decides these once per distinct value in Python; importing this module imports neither
numpy nor pandas (the DuckDB streaming path runs without them).  It computes nothing per row.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["COVERAGE_WORDS", "IMPLAUSIBLE_CAPAIAN", "RESULT_COLUMNS", "direction_cell",
           "guessed_word"]

RESULT_COLUMNS: Final = (
    "indikator", "tahun", "satuan", "target", "realisasi", "capaian", "kategori",
    "kategori_label", "skala", "metode", "audit", "capaian_tertulis", "pesan",
    "baris", "arah", "jenis_target", "tercapai", "selisih_tingkat", "alasan", "galat_audit",
    "desimal_target", "desimal_realisasi",
)  # fmt: skip
"""Columns of :attr:`indikator.compute.pipeline.Computation.results`, in order (the first
thirteen are the contract's)."""

COVERAGE_WORDS: Final = ("persentase", "presentase", "prosentase", "cakupan", "proporsi")
"""A percent indicator whose name starts with one of these cannot pass 100 (a coverage)."""

IMPLAUSIBLE_CAPAIAN: Final = 1000.0
"""A capaian this large (in %) is said on its row: target and realisation are most likely not
in the same unit (``5 M`` against ``4.500.000.000``, ``0,85`` against ``85``)."""


def guessed_word(name: Any) -> str:
    """The word of *name* that makes it lower-is-better ("" when the name says nothing, or
    measures a reduction): :func:`indikator.capaian.direction.guess_direction`."""
    from indikator.capaian.direction import guess_direction

    guess = guess_direction(name)
    return guess.word if guess.lower else ""


def direction_cell(cell: Any) -> str:
    """An arah cell as naik / turun when recognised
    (:func:`indikator.documents.columns.direction_word`),
    "" when blank, else the cell folded (reported as not a direction)."""
    from indikator.documents.columns import direction_word

    text = "" if cell is None else str(cell).strip()
    if not text:
        return ""
    return direction_word(text) or text.casefold()
