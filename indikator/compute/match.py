"""What the pipeline takes from outside a row's own cells: the catalogue's ``arah`` and scale,
the direction read from an ``arah`` cell, and the direction guessed from an indicator's name.

One lookup per distinct name or cell; computes no capaian.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import numpy as np

from indikator.compute.arrays import ObjectArray, _by_value

if TYPE_CHECKING:
    from indikator.catalog.loader import Catalog

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
