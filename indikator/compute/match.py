"""What the pipeline takes from outside a row's own cells: the catalogue's ``arah`` and scale,
the direction read from an ``arah`` cell, and the word of an indicator's name that makes it
lower-is-better (:func:`indikator.capaian.direction.guess_direction`).

One lookup per distinct name or cell; computes no capaian.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

