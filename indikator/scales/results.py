"""What rating returns: :class:`Rating` for one value, :class:`Ratings` for many (numpy arrays or
pandas Series with the input's index, built on first use).

Plain result types over a scale's precomputed segments; rates nothing itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from indikator.core.i18n import t

if TYPE_CHECKING:  # numpy is imported where arrays are made (loading a scale needs none)
    import numpy as np
    import numpy.typing as npt

    from indikator.scales.scale import Scale

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.intp]
    SmallIntArray = npt.NDArray[np.int16]
    TinyIntArray = npt.NDArray[np.int8]

__all__ = ["Rating", "Ratings"]

# reasons a value is not rated (index into _REASONS)
_RATED, _OUTSIDE, _BETWEEN, _MISSING = 0, 1, 2, 3  # also the segment reasons of a Scale
_REASONS: Final = (None, "outside-domain", "between-bands", "missing")
_REASON_KEYS: Final = {
    "outside-domain": "scales.reason_outside_domain",
    "between-bands": "scales.reason_between_bands",
    "missing": "scales.reason_missing",
}


@dataclass(frozen=True)
class Rating:
    """The rating of one value: code and label, or ``reason`` why it was not rated."""

    value: float
    code: str | None
    label: str | None
    scale: str
    reason: str | None = None
    rank: int | None = None

    @property
    def rated(self) -> bool:
        return self.code is not None

    def message(self, lang: str | None = None, domain: str = "") -> str:
        if self.reason is None:
            return f"{self.code} ({self.label})"
        return t(_REASON_KEYS[self.reason], lang, domain=domain)

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value if math.isfinite(self.value) else None,
            "code": self.code,
            "label": self.label,
            "scale": self.scale,
            "rated": self.rated,
            "reason": self.reason,
        }


class Ratings:
    """Ratings of many values.  ``band_index`` is -1 where not rated.

    ``code``, ``label``, ``rank`` and ``reason`` are built on first use; they are numpy arrays,
    or pandas Series with the input's index when a Series was rated.
    """

    def __init__(
        self, scale: Scale, values: FloatArray, segments: IntArray, index: Any = None
    ) -> None:
        self.scale = scale
        self.values = values
        self.segments = segments
        self.band_index: SmallIntArray = scale._segment_band[segments]
        self._index = index

    def __len__(self) -> int:
        return int(self.values.size)

    def _wrap(self, array: Any, name: str) -> Any:
        if self._index is None:
            return array
        import pandas as pd

        return pd.Series(array, index=self._index, name=name)

    @property
    def rated(self) -> Any:
        return self._wrap(self.band_index >= 0, "rated")

    def _codes(self) -> npt.NDArray[np.object_]:
        import numpy as np

        return np.array([b.code for b in self.scale.bands] + [None], dtype=object)[self.band_index]

    @property
    def code(self) -> Any:
        return self._wrap(self._codes(), "code")

    @property
    def label(self) -> Any:
        import numpy as np

        labels = np.array([b.label for b in self.scale.bands] + [None], dtype=object)
        return self._wrap(labels[self.band_index], "label")

    @property
    def rank(self) -> Any:
        import numpy as np

        ranks = np.array(
            [self.scale._ranks[b.code] for b in self.scale.bands] + [np.nan], dtype=np.float64
        )
        return self._wrap(ranks[self.band_index], "rank")

    def _reason_codes(self) -> TinyIntArray:
        import numpy as np

        reasons: TinyIntArray = self.scale._segment_reason[self.segments]
        return np.where(np.isnan(self.values), np.int8(_MISSING), reasons)

    @property
    def reason(self) -> Any:
        import numpy as np

        names = np.array(_REASONS, dtype=object)
        return self._wrap(names[self._reason_codes()], "reason")

    def __getitem__(self, position: int) -> Rating:
        band = int(self.band_index[position])
        value = float(self.values[position])
        if band < 0:
            code = self.scale._segment_reason[self.segments[position]]
            reason = _REASONS[_MISSING if math.isnan(value) else int(code)]
            return Rating(value, None, None, self.scale.name, reason)
        chosen = self.scale.bands[band]
        return Rating(
            value, chosen.code, chosen.label, self.scale.name, None, self.scale._ranks[chosen.code]
        )

    def __iter__(self) -> Iterator[Rating]:
        return (self[i] for i in range(len(self)))

    def to_list(self) -> list[dict[str, Any]]:
        return [rating.to_json() for rating in self]

    def to_frame(self) -> Any:
        """A pandas DataFrame: value, code, label, rank, reason (imports pandas)."""
        import numpy as np
        import pandas as pd

        return pd.DataFrame(
            {
                "value": self.values,
                "code": self._codes(),
                "label": np.asarray(self.label),
                "rank": np.asarray(self.rank),
                "reason": np.asarray(self.reason),
            },
            index=self._index,
        )
