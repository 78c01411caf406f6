"""Column-wise helpers of the pipeline: blanks, stripped strings, functions applied once per
distinct value, messages appended to ``pesan``, numbers and years as results show them.

Everything works on whole numpy columns; Python loops run over distinct values only.  No domain
rule lives here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.core.i18n import t

if TYPE_CHECKING:
    import pandas as pd

ObjectArray = NDArray[np.object_]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

def _missing_scalar(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def _blank(values: ObjectArray) -> BoolArray:
    """Cells that are None, NaN or only whitespace (one check per distinct value)."""
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    empty = np.array([str(u).strip() == "" for u in uniques] + [True], dtype=bool)
    result: BoolArray = empty[np.where(codes < 0, len(uniques), codes)]
    return result


def _strings(values: ObjectArray) -> ObjectArray:
    """Cells as stripped strings ("" for blanks), computed once per distinct value."""
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    table = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    result: ObjectArray = table[np.where(codes < 0, len(uniques), codes)]
    return result


def _by_value(values: ObjectArray, function: Callable[[Any], Any]) -> ObjectArray:
    """*function* applied once per distinct value of *values*, spread back over the rows."""
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        mapped[i] = function(u)
    if (codes < 0).any():
        mapped[len(uniques)] = function(None)
    result: ObjectArray = mapped[np.where(codes < 0, len(uniques), codes)]
    return result


def _put(values: ObjectArray, mask: BoolArray, text: str) -> ObjectArray:
    """A copy of *values* with *text* where *mask* holds: one shared string object
    (``np.where(mask, text, values)`` would make a new string for every such row)."""
    out = values.astype(object, copy=True)
    out[mask] = text
    return out


def _append(pesan: ObjectArray, parts: ObjectArray) -> None:
    """Append the non-empty *parts* to *pesan* in place, sentences separated by a space."""
    has = parts != ""
    if not has.any():
        return
    first = has & (pesan == "")
    later = has & ~first
    pesan[first] = parts[first]
    pesan[later] = pesan[later] + " " + parts[later]


def _append_at(pesan: ObjectArray, mask: BoolArray, text: str) -> None:
    """Append the sentence *text* to *pesan* where *mask* holds (as :func:`_append` with
    ``np.where(mask, text, "")``, without a per-row array of the text)."""
    rows = np.flatnonzero(mask)
    if rows.size == 0 or text == "":
        return
    current = pesan[rows]
    empty = current == ""
    current[empty] = text
    current[~empty] = current[~empty] + (" " + text)
    pesan[rows] = current


def _messages(keys: ObjectArray, render: Callable[[str], str]) -> ObjectArray:
    """One rendered message per distinct non-empty key (hash-factorised, not sorted)."""
    import pandas as pd

    out = np.full(keys.shape, "", dtype=object)
    present = np.flatnonzero(keys != "")
    if present.size == 0:
        return out
    codes, words = pd.factorize(pd.Series(keys[present], dtype=object))
    rendered = np.array([render(str(w)) for w in words], dtype=object)
    out[present] = rendered[codes]
    return out


_SLOT: Final = re.compile("\x00(\\d+)\x00")


def _format_rows(
    key: str, lang: str | None, rows: NDArray[np.intp], n: int, **columns: ObjectArray
) -> ObjectArray:
    """The message *key* for each of *rows* with per-row parameters (arrays of strings over
    *rows*), built by concatenating columns, not by formatting row by row."""
    names = list(columns)
    template = t(key, lang, **{name: f"\x00{i}\x00" for i, name in enumerate(names)})
    pieces = _SLOT.split(template)
    out = np.full(n, "", dtype=object)
    if rows.size == 0:
        return out
    built = np.full(rows.size, pieces[0], dtype=object)
    for index in range(1, len(pieces), 2):
        built = built + columns[names[int(pieces[index])]].astype(object) + pieces[index + 1]
    out[rows] = built
    return out


def _format_numbers(values: FloatArray, lang: str | None) -> ObjectArray:
    """Numbers with two decimals as :func:`indikator.report.narrative.format_number` writes them,
    vectorised for the common case (|x| < 1000); larger ones once per distinct value."""
    from indikator.report.narrative import format_number

    out = np.full(values.shape, "", dtype=object)
    finite = np.isfinite(values)
    cents = np.round(np.abs(np.where(finite, values, 0.0)) * 100.0)
    small = finite & (cents < 100_000)
    if small.any():
        c = cents[small].astype(np.int64)
        whole = (c // 100).astype(str).astype(object)
        frac = np.char.zfill((c % 100).astype(str), 2).astype(object)
        mark = "," if (lang or "id") != "en" else "."
        sign = np.where((values[small] < 0) & (c > 0), "-", "").astype(object)
        out[small] = sign + whole + mark + frac
    large = finite & ~small
    if large.any():
        out[large] = _by_value(values[large].astype(object),
                               lambda v: format_number(float(v), 2, lang))
    return out


def _years(values: ObjectArray | None, n: int) -> Any:
    """Years as integers where every filled cell is one, else the cells as written."""
    import pandas as pd

    if values is None:
        return np.full(n, None, dtype=object)
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    written = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    number = pd.to_numeric(pd.Series(written, dtype=object), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan)
    whole = np.isfinite(number) & (np.mod(np.nan_to_num(number), 1) == 0)
    take = np.where(codes < 0, len(uniques), codes)
    filled = written != ""
    if bool(np.all(whole[filled])):
        years = pd.array(np.where(whole, number, 0).astype(np.int64)[take], dtype="Int64")
        years[~whole[take]] = pd.NA
        return years
    return _none_if_empty(written)[take]


def _shown(kind: ObjectArray, value: FloatArray, text: ObjectArray) -> ObjectArray:
    """A target or realisation as shown in results: the number, or the cell as written.  Equal
    numbers share one float object (a column repeats its values; 24 bytes a row saved)."""
    import pandas as pd

    bits = np.ascontiguousarray(value).view(np.int64)  # by bits: -0.0 stays apart from 0.0
    codes, distinct = pd.factorize(bits)
    out: ObjectArray = distinct.view(np.float64).astype(object)[codes]
    other = np.flatnonzero(kind != "number")
    if other.size:
        written = _strings(text[other])
        out[other] = _none_if_empty(written)
    return out


def _decimals(kind: ObjectArray, value: FloatArray, text: ObjectArray) -> Any:
    """The decimals each number cell prints (:func:`indikator.documents.numbers.printed_decimals`),
    once
    per distinct text; NA for other cells and for numbers not given as text."""
    import pandas as pd

    from indikator.documents.numbers import printed_decimals

    out = np.full(len(kind), -1, dtype=np.int64)
    numbers = np.flatnonzero(kind == "number")
    if numbers.size:
        codes, uniques = pd.factorize(pd.Series(text[numbers], dtype=object),
                                      use_na_sentinel=True)
        first = np.full(len(uniques), -1, dtype=np.int64)
        valid = codes >= 0
        first[codes[valid][::-1]] = np.flatnonzero(valid)[::-1]  # first row of each text
        places = np.full(len(uniques) + 1, -1, dtype=np.int64)
        for i, cell in enumerate(uniques):
            if isinstance(cell, str) and first[i] >= 0:
                found = printed_decimals(cell, float(value[numbers[first[i]]]))
                places[i] = -1 if found is None else found
        out[numbers] = places[np.where(valid, codes, len(uniques))]
    return pd.arrays.IntegerArray(np.maximum(out, 0), mask=out < 0)


def _none_if_empty(values: ObjectArray, copy: bool = True) -> ObjectArray:
    """*values* with "" replaced by None (a copy, or *values* itself with ``copy=False``)."""
    out = values.astype(object, copy=copy)
    out[out == ""] = None
    return out


def _kinds(column: pd.Series[Any]) -> ObjectArray:
    """The ``kind`` column of a number reading as an object array of strings (via codes)."""
    if hasattr(column, "cat"):
        names = np.asarray(column.cat.categories, dtype=object)
        codes = column.cat.codes.to_numpy()
        table = np.append(names, "missing").astype(object)
        result: ObjectArray = table[np.where(codes < 0, names.size, codes)]
        return result
    return column.to_numpy(dtype=object).astype(str).astype(object)
