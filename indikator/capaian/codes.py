"""The reason codes of a missing capaian (:data:`REASONS`) and the T/R method's names
(:func:`is_inverse_method`): plain data and words, no arrays (importing this module imports
no numpy), for :mod:`indikator.capaian.rows` and the SQL compiler (:mod:`indikator.sql`).
Computes no capaian.
"""

from __future__ import annotations

from typing import Final

from indikator.core.errors import AchievementError

__all__ = ["REASONS", "is_inverse_method"]

REASONS: Final = (
    "actual-missing",
    "target-missing",
    "not-finite",
    "direction-unknown",
    "op-unknown",
    "kind-unknown",
    "target-unread",
    "range-invalid",
    "target-negative",
    "target-zero",
    "actual-negative",
    "actual-zero",
    "comparison-target",
    "category-unknown",
    "category-no-mapping",
    "category-unmapped",
    "category-needs-scale",
)
"""Why a capaian value is NaN.  Checked in this order; the first that applies is reported."""


def is_inverse_method(method: str | None) -> bool:
    """True for the T/R method ("inverse", "t/r" …), False for the standard ones; an unknown
    name is refused."""
    if method is None:
        return False
    text = method.strip().lower()
    if text in {"standard", "default", "permenpanrb", "higher", "lower"}:
        return False
    if text in {"inverse", "lower-inverse", "t/r", "invers"}:
        return True
    raise AchievementError("achievement.unknown_method", method=method)
