"""A direction per row read into two masks: lower-is-better and unknown.

What it does: takes whatever a caller holds as a direction column — one word for all rows, a
boolean mask (True = lower is better; numpy, a bool Series, a nullable ``boolean`` Series),
a pandas categorical (``Categorical`` or a ``category`` Series), a ``str`` / object Series, an
object array or a list of words, numpy fixed-width text — and reads each distinct word once with
:func:`~indikator.capaian.direction.direction_word`.  Missing cells (None, NaN, ``pandas.NA``)
and words that say no direction are *unknown* (the caller gives NaN with a reason).

How, and why, by form (10^6 rows; the figures: ``benchmarks/bench_sql_direction.py``):

- categorical: the int8 codes compared with each category's code (a look-up table only past
  a few categories): no text is touched;
- object arrays whose cells share a few ``str`` objects (pandas' CSV reader keeps one object
  per distinct value in a chunk of rows; :func:`indikator.compute.pipeline.compute` shares
  one word per direction; a list keeps its own objects): the cells' object addresses are
  compared as integers, block by block — two cells holding the same object hold the same
  word, so each object is decoded once and no string is compared;
- any other text (a million distinct ``str`` objects, fixed-width numpy text): one C
  comparison pass per distinct word, most common first, then the rare rest sorted once.

What it does not do: compute capaian (:mod:`indikator.capaian.methods`), guess a direction
from a name (:func:`~indikator.capaian.direction.guess_direction`), or import pandas (pandas
objects are recognised by their type's module and attributes).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from indikator.capaian.direction import direction_word
from indikator.core.errors import AchievementError
from indikator.core.shapes import is_na, is_pandas, na_mask

BoolArray = NDArray[np.bool_]
Rows = tuple[BoolArray, BoolArray | None]
"""(lower-is-better mask, unknown mask or None when no row is unknown)."""

__all__: list[str] = []


def _directions(direction: Any, n: int) -> tuple[BoolArray, BoolArray]:
    """(lower-is-better mask, unknown mask) of *n* rows, the unknown one an array even when no
    row is unknown; read-only like :func:`_direction_rows`' (no caller writes them: no copy)."""
    lower, unknown = _direction_rows(direction, n)
    return lower, (np.zeros(n, dtype=bool) if unknown is None else unknown)


def _direction_rows(direction: Any, n: int) -> Rows:
    """The masks of *direction* for *n* rows, without copies: the lower mask may be the
    caller's own boolean array (read it, never write it); unknown is None when no row is."""
    if isinstance(direction, str):
        word = direction_word(direction)
        if word is None:
            raise AchievementError("achievement.unknown_direction", direction=direction)
        return np.full(n, word), None
    categorical = _categorical(direction)
    if categorical is not None:
        codes = np.asarray(categorical.codes).ravel()
        if codes.size == n:
            return _category_rows(codes, list(categorical.categories))
    if is_pandas(direction):
        if str(getattr(direction, "dtype", "")) == "boolean":  # nullable: NA is unknown
            missing = np.asarray(direction.isna(), dtype=bool).ravel()
            mask = np.asarray(direction.to_numpy(dtype=bool, na_value=False)).ravel()
            return _mask_rows(mask, n, missing if missing.any() else None)
        direction = direction.to_numpy()  # a str or object Series: its own array, no copy
    values = _as_array(direction)
    if values.dtype == np.bool_:  # True = lower is better
        return _mask_rows(values.ravel(), n, None)
    if values.dtype.kind not in "US":  # fixed-width text compares in C without objects
        values = values.astype(object, copy=False)
    values = values.ravel()
    if values.size == 1:
        values = np.repeat(values, n)
    if values.size != n:
        raise AchievementError("achievement.shape_mismatch", what="direction", n=n)
    if values.dtype == object:
        shared = _identity_rows(values)
        if shared is not None:
            return shared
    lower, unknown = _value_rows(values)
    return lower, (unknown if unknown.any() else None)


def _as_array(direction: Any) -> NDArray[Any]:
    """*direction* as an array; a flat list of words becomes an object array holding the
    list's own objects (``np.asarray`` would first measure and copy every word into
    fixed-width text: 70 ms for 10^6 words, against 10 ms, and the shared objects of the
    list are then read by address)."""
    if isinstance(direction, list | tuple) and direction:
        head = direction[0]
        if isinstance(head, str) or is_na(head):
            return np.fromiter(direction, dtype=object, count=len(direction))
    return np.asarray(direction)


def _mask_rows(mask: BoolArray, n: int, missing: BoolArray | None) -> Rows:
    """A boolean mask of *n* rows, or of one row for all."""
    if mask.size == 1 and n != 1:
        return np.full(n, bool(mask[0])), (None if missing is None else np.full(n, True))
    if mask.size != n:
        raise AchievementError("achievement.shape_mismatch", what="direction", n=n)
    return mask, missing


def _categorical(direction: Any) -> Any:
    """The pandas ``Categorical`` of *direction* (itself, or a ``category`` Series' array),
    else None."""
    if not is_pandas(direction) and type(direction).__name__ != "Categorical":
        return None
    if getattr(getattr(direction, "dtype", None), "name", "") != "category":
        return None
    return direction.array if hasattr(direction, "array") else direction


_FEW: Final = 4
"""Up to this many codes are compared one by one; more go through a look-up table."""


def _category_rows(codes: NDArray[Any], categories: list[Any]) -> Rows:
    """Masks from categorical *codes* (-1 = missing), each category decoded once.

    The codes stay in their own small integer type: comparing int8 codes with a few
    constants reads 1 byte a row, where converting them to indexes for a table writes 8."""
    words = [direction_word(str(c)) for c in categories]
    missing = bool(codes.size) and bool(codes.min() < 0)
    lower = _any_code(codes, [k for k, w in enumerate(words) if w is True], len(words))
    unknown_codes = [k for k, w in enumerate(words) if w is None] + ([-1] if missing else [])
    if not unknown_codes:
        return lower, None
    return lower, _any_code(codes, unknown_codes, len(words))


def _any_code(codes: NDArray[Any], wanted: list[int], size: int) -> BoolArray:
    """Rows whose code is one of *wanted* (-1 included)."""
    if len(wanted) <= _FEW:
        found = np.zeros(codes.size, dtype=bool)
        for code in wanted:
            found |= codes == code
        return found
    table = np.zeros(size + 1, dtype=bool)  # the last entry is code -1
    table[wanted] = True
    return table.take(codes)  # negative codes count from the end, as in Python


# --------------------------------------------------------------------------- shared objects

_BLOCK: Final = 1 << 16
"""Rows per block of the identity path: 512 KB of addresses, which stay in the cache while
each distinct object of the block is compared with them."""

_SAMPLE: Final = 64
"""Cells sampled per block to find its objects."""

_ROUNDS: Final = 3
"""Rounds of trying addresses in a block (the previous block's, then sampled ones) before
the cells left are read as text."""


def _identity_rows(values: NDArray[Any]) -> Rows | None:
    """Masks of an object array whose cells share a few objects, else None (cells that are
    mostly distinct objects: a sample of the first block shows few repeats).

    A cell of an object array is the address of its object; a block of addresses is
    compared with each object's address in turn, starting with the previous block's objects
    (a chunk of pandas' CSV reader spans several blocks).  Cells of no object tried yet are
    sampled for more objects; cells whose sample shows no repeats (rare words, distinct
    objects) are read as text."""
    try:  # the addresses, read in place (an object array exports them as a buffer)
        address = np.frombuffer(values, dtype=np.intp)
    except (TypeError, ValueError, BufferError):
        return None
    n = values.size
    first = _repeating(address[:_BLOCK][:: max(1, min(n, _BLOCK) // _SAMPLE)])
    if first is None:
        return None
    lower = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    decoded: dict[int, bool | None] = {}  # address → word; every object lives in *values*
    for start in range(0, n, _BLOCK):
        stop = start + _BLOCK
        unread, first = _identity_block(values[start:stop], address[start:stop], first,
                                        decoded, lower[start:stop], unknown[start:stop])
        if unread.size:  # rare or distinct objects: read as text
            rest_lower, rest_unknown = _value_rows(values[start + unread])
            lower[start + unread] = rest_lower
            unknown[start + unread] = rest_unknown
    return lower, (unknown if unknown.any() else None)


def _repeating(sample: NDArray[np.intp]) -> list[int] | None:
    """The distinct addresses of *sample*, commonest first, or None when fewer than half of
    its cells repeat an address (then comparing addresses one by one would not pay)."""
    counts = Counter(sample.tolist())
    if len(counts) * 2 > sample.size + 1:
        return None
    return [a for a, _ in counts.most_common()]


def _identity_block(values: NDArray[Any], block: NDArray[np.intp], first: list[int],
                    decoded: dict[int, bool | None], lower: BoolArray, unknown: BoolArray
                    ) -> tuple[NDArray[np.intp], list[int]]:
    """Fill *lower* / *unknown* of one block by object identity, trying the addresses
    *first* and then those sampled from the cells left; returns (the rows left for the text
    reader, the addresses found, in the order tried)."""
    seen: list[int] = []
    count = 0
    same = np.empty(block.size, dtype=bool)
    candidates = first  # distinct, and never one already seen: later rounds sample the rest
    for round_ in range(_ROUNDS):
        for address in candidates:
            np.equal(block, address, out=same)
            found = int(np.count_nonzero(same))  # one address a cell: no row counted twice
            if found == 0:
                continue
            if address not in decoded:  # the object at that address, read once
                cell = values[int(same.argmax())]
                decoded[address] = None if is_na(cell) else direction_word(str(cell))
            word = decoded[address]
            if word is True:
                lower |= same
            elif word is None:
                unknown |= same
            seen.append(address)
            count += found
            if count == block.size:
                return np.zeros(0, dtype=np.intp), seen
        unread = np.flatnonzero(~np.isin(block, seen))
        more = (_repeating(block[unread[:: max(1, unread.size // _SAMPLE)]])
                if round_ + 1 < _ROUNDS else None)  # sampled only when a round follows
        if more is None:
            break
        candidates = more
    return unread, seen


# --------------------------------------------------------------------------- text


_PASSES: Final = 8
"""Distinct words read with one comparison pass each before the rest is sorted."""


def _value_rows(values: NDArray[Any]) -> tuple[BoolArray, BoolArray]:
    """Words per row (an object or fixed-width text array) read once per distinct word: the
    commonest words of a small sample are compared with every row in turn (a column holds a
    few words; a full pass in memory order is cheaper than gathering the rows left), missing
    cells found once; many distinct words are sorted once."""
    n = values.size
    lower = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    read = np.zeros(n, dtype=bool)
    sample = values[:: max(1, n // _SAMPLE)].tolist()
    order = [w for w, _ in Counter(w for w in sample if isinstance(w, str)).most_common()]
    for _ in range(_PASSES):
        if order:
            word = order.pop(0)
        else:
            unread = np.flatnonzero(~read)
            if unread.size == 0:
                return lower, unknown
            word = values[unread[0]]
        if is_na(word):  # None, NaN, NA: unknown
            same, decoded = na_mask(values) & ~read, None
        else:
            same, decoded = _equal(values, word) & ~read, direction_word(str(word))
        if decoded is True:
            lower |= same
        elif decoded is None:
            unknown |= same
        read |= same
        if not order and bool(read.all()):
            return lower, unknown
    rows = np.flatnonzero(~read)
    rest = values[rows]
    if rest.size:  # many distinct words: sort them once
        missing = na_mask(rest)
        unknown[rows[missing]] = True
        rows, rest = rows[~missing], rest[~missing]
        codes, inverse = np.unique(rest.astype(str), return_inverse=True)
        decoded_all = [direction_word(str(c)) for c in codes]  # one per distinct word
        lower[rows] = np.array([d is True for d in decoded_all], dtype=bool)[inverse]
        unknown[rows] = np.array([d is None for d in decoded_all], dtype=bool)[inverse]
    return lower, unknown


def _equal(values: NDArray[Any], word: Any) -> BoolArray:
    """Rows of *values* equal to *word* (one C loop; element by element when a cell's
    comparison is not a plain boolean, e.g. pandas' NA)."""
    try:
        same = np.asarray(values == word, dtype=bool)
    except (TypeError, ValueError):
        same = np.array([type(v) is type(word) and bool(v == word) for v in values.tolist()],
                        dtype=bool)
    return same
