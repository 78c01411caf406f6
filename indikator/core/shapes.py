"""Input and output shaping shared by the vectorised modules.

What it does: tells a pandas object from anything else by the module of its type (pandas is
never imported to ask), turns a scalar, sequence, numpy array or pandas Series into a float64
array with NaN for every missing value (``None``, NaN, ``pandas.NA``/``NaT``), finds the missing
entries of an object array without a row loop, tells whether one scalar is missing, and gives
a result back in the caller's shape (a float for a scalar, an array for an array, a Series
with the caller's index and name for a Series).

What it does not do: check values against a domain, raise the domain errors of its callers
(a caller that must reject text or report a bad value does so itself), read number text
(:mod:`indikator.documents.numbers`), or align several Series on their indexes.  Importing it
imports
neither pandas nor numpy (:mod:`indikator.documents.numbers` and :mod:`indikator.report.narrative`
promise
that); numpy is imported by the functions that need it, pandas only to build a Series result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["as_float", "first_series", "is_na", "is_pandas", "is_series", "like_input", "na_mask"]


def is_pandas(value: Any) -> bool:
    """A pandas object with ``to_numpy`` (Series, Index, DataFrame, extension array)."""
    return type(value).__module__.startswith("pandas") and hasattr(value, "to_numpy")


def is_series(value: Any) -> bool:
    """A pandas object with an ``index`` (Series, DataFrame)."""
    return is_pandas(value) and hasattr(value, "index")


def first_series(*values: Any) -> Any:
    """The first of *values* that :func:`is_series`, or ``None``."""
    for value in values:
        if is_series(value):
            return value
    return None


def is_na(value: Any) -> bool:
    """One scalar is missing: ``None``, NaN (of any number type), ``pandas.NA`` or ``NaT``.

    A value unequal to itself is NaN or NaT; ``pandas.NA`` (and anything else whose
    comparison cannot be told true or false) raises on ``bool`` and counts as missing.
    """
    if value is None:
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def na_mask(array: NDArray[Any]) -> NDArray[np.bool_]:
    """Where an array holds a missing value (see :func:`is_na`); vectorised for object arrays."""
    import numpy as np

    if array.dtype != object:
        if array.dtype.kind == "f":
            nan_mask: NDArray[np.bool_] = np.isnan(array)
            return nan_mask
        return np.zeros(array.shape, dtype=bool)
    try:
        with np.errstate(invalid="ignore"):
            none = array == np.array(None, dtype=object)
            nan = array != array
        missing: NDArray[np.bool_] = np.asarray(none, dtype=bool) | np.asarray(nan, dtype=bool)
    except TypeError:  # pandas NA inside a plain object array: element by element
        flat = [is_na(x) for x in array.ravel()]
        missing = np.array(flat, dtype=bool).reshape(array.shape)
    return missing


def as_float(value: Any) -> NDArray[np.float64]:
    """*value* (scalar, sequence, numpy array, pandas Series) as a float64 array, NaN for NA.

    A float64 array is returned as it is (no copy); text that is not a number raises
    ``ValueError`` as numpy does.
    """
    import numpy as np

    if is_pandas(value):
        return np.asarray(value.to_numpy(dtype="float64", na_value=np.nan), dtype=np.float64)
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value
    if value is None:
        return np.array(np.nan)
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        array = np.asarray(value, dtype=object)
        array = np.where(na_mask(array), np.nan, array)
        return np.asarray(array, dtype=np.float64)


def like_input(array: NDArray[Any], shape: tuple[int, ...], template: Any) -> Any:
    """*array* in the caller's shape: a Series with *template*'s index and name when
    *template* is a Series (see :func:`first_series`), a float for shape ``()``, else an
    array of *shape*."""
    array = array.reshape(shape)
    if template is not None:
        import pandas as pd

        return pd.Series(array, index=template.index, name=getattr(template, "name", None))
    if array.ndim == 0:
        return float(array)
    return array
