"""The vectorised fast path for plain number cells (digits, one separator kind, a sign, a
percent sign): a whole array of strings classified and converted with numpy.

Cells it cannot settle are left to the per-text reader of :mod:`indikator.documents.numbers`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from indikator.documents.numbers import _AMBIGUOUS, _DECIMAL, _INT, _THOUSANDS

if TYPE_CHECKING:
    import numpy as np

_FAST_WIDTH: Final = 24
_CHUNK: Final = 1 << 15


@dataclass(frozen=True, slots=True)
class _Fast:
    """Plain-number cells classified on a character matrix; other fields valid where ``ok``."""

    ok: np.ndarray[Any, np.dtype[np.bool_]]
    negative: np.ndarray[Any, np.dtype[np.bool_]]
    pct: np.ndarray[Any, np.dtype[np.bool_]]
    intval: np.ndarray[Any, np.dtype[np.float64]]
    frac_len: np.ndarray[Any, np.dtype[np.int64]]
    sep: np.ndarray[Any, np.dtype[np.int8]]  # 0 none, 1 dot, 2 comma
    role: np.ndarray[Any, np.dtype[np.int8]]
    evidence: tuple[np.ndarray[Any, np.dtype[np.bool_]], ...]


# Character classes of the fast path: digits are 0-9 (their value), then these.
_C_DOT, _C_COMMA, _C_MINUS, _C_PERCENT, _C_SPACE, _C_PAD, _C_OTHER = range(10, 17)


class _Classes:
    """Lazy 128-entry table from ASCII code to character class (numpy imported on use)."""

    def __getitem__(self, index: Any) -> Any:
        import numpy as np

        table = np.full(128, _C_OTHER, dtype=np.uint8)
        table[48:58] = np.arange(10)
        table[ord(".")], table[ord(",")] = _C_DOT, _C_COMMA
        table[ord("-")], table[ord("%")], table[ord(" ")] = _C_MINUS, _C_PERCENT, _C_SPACE
        return table[index]


_CLASSES: Final = _Classes()


class _Pow10:
    """Lazy table of powers of ten (numpy is imported on first use)."""

    def __getitem__(self, index: Any) -> Any:
        import numpy as np

        return (10.0 ** np.arange(16))[index]


_POW10: Final = _Pow10()


def _fast_numbers(strings: np.ndarray[Any, Any]) -> _Fast:
    """Classify the cells that are plain numbers (``[-] digits/separators/spaces [%]``).

    Cells longer than :data:`_FAST_WIDTH`, with more than 15 digits, or of any other shape
    get ``ok = False`` and go to the scalar parser.  The classification is the scalar one
    (:func:`_classify`), written on a matrix of code points; a test checks they agree.
    """
    import numpy as np

    n = len(strings)
    ok = np.zeros(n, dtype=bool)
    negative = np.zeros(n, dtype=bool)
    pct = np.zeros(n, dtype=bool)
    intval = np.zeros(n, dtype=np.float64)
    frac_len = np.zeros(n, dtype=np.int64)
    sep_out = np.zeros(n, dtype=np.int8)
    role = np.full(n, -1, dtype=np.int8)
    ev = tuple(np.zeros(n, dtype=bool) for _ in range(4))
    if n == 0:
        return _Fast(ok, negative, pct, intval, frac_len, sep_out, role, ev)
    lengths = np.strings.str_len(np.asarray(strings, dtype=np.dtypes.StringDType()))
    short = np.flatnonzero((lengths > 0) & (lengths <= _FAST_WIDTH))
    for start in range(0, len(short), _CHUNK):
        rows_idx = short[start : start + _CHUNK]
        m = len(rows_idx)
        width = int(lengths[rows_idx].max())
        arr = np.asarray(strings[rows_idx], dtype=f"<U{width}")
        points: Any = arr.view(np.uint32).reshape(m, width)
        # one class per character: 0-9 digits, then _C_* (non-ASCII other than "−" → other)
        ascii_points = np.where(points < 128, points, np.where(points == 0x2212, 45, 127))
        cls: Any = _CLASSES[ascii_points.astype(np.uint8)]
        cls[np.arange(width)[None, :] >= lengths[rows_idx][:, None]] = _C_PAD
        good, n_minus, n_pct, total, k, tail, last_is_dot, r, chunk_ev = _read_chunk(cls, m, width)
        ok[rows_idx] = good
        negative[rows_idx] = n_minus > 0
        pct[rows_idx] = n_pct > 0
        intval[rows_idx] = total.astype(np.float64)
        frac_len[rows_idx] = np.where(k > 0, tail, 0)
        sep_out[rows_idx] = np.where(k == 0, 0, np.where(last_is_dot, 1, 2))
        role[rows_idx] = r
        for target, source in zip(ev, chunk_ev, strict=True):
            target[rows_idx] = source & good
    keep = np.flatnonzero(ok)
    return _Fast(
        ok,
        negative[keep],
        pct[keep],
        intval[keep],
        frac_len[keep],
        sep_out[keep],
        role[keep],
        tuple(e[keep] for e in ev),
    )


def _read_chunk(cls: Any, m: int, width: int) -> tuple[Any, ...]:
    """The scalar classification written on a chunk's matrix of character classes (one row per
    cell): validity, sign, percent, digits as an integer, separator count and place, role and
    the separator evidence."""
    import numpy as np

    rows = np.arange(m)
    digit = cls < 10
    dot = cls == _C_DOT
    comma = cls == _C_COMMA
    minus = cls == _C_MINUS
    percent = cls == _C_PERCENT
    nonspace = cls < _C_SPACE
    good = ~(cls == _C_OTHER).any(axis=1)
    has = nonspace.any(axis=1)
    first = np.argmax(nonspace, axis=1)
    last = width - 1 - np.argmax(nonspace[:, ::-1], axis=1)
    n_minus = np.count_nonzero(minus, axis=1)
    n_pct = np.count_nonzero(percent, axis=1)
    good &= has & (n_minus <= 1) & (n_pct <= 1)
    good &= (n_minus == 0) | minus[rows, first]
    good &= (n_pct == 0) | percent[rows, last]
    sep = dot | comma
    body = nonspace & ~minus & ~percent
    b_first = np.argmax(body, axis=1)
    b_last = width - 1 - np.argmax(body[:, ::-1], axis=1)
    good &= body.any(axis=1) & digit[rows, b_first] & digit[rows, b_last]
    cd = np.cumsum(digit, axis=1, dtype=np.int8)
    n_digits = cd[:, -1]
    good &= (n_digits >= 1) & (n_digits <= 15)
    n_dot = np.count_nonzero(dot, axis=1)
    n_comma = np.count_nonzero(comma, axis=1)
    k = n_dot + n_comma
    last_sep = width - 1 - np.argmax(sep[:, ::-1], axis=1)
    last_is_dot = dot[rows, last_sep] & (k > 0)
    count_last = np.where(last_is_dot, n_dot, n_comma)
    head = np.where(sep, cd, 127).min(axis=1)
    tail = n_digits - cd[rows, last_sep]
    prev = np.maximum.accumulate(np.where(sep, cd, np.int8(-1)), axis=1)
    prev = np.concatenate([np.full((m, 1), -1, dtype=np.int8), prev[:, :-1]], axis=1)
    after_sep = sep & (prev >= 0)
    good &= ~(after_sep & (cd == prev)).any(axis=1)  # two separators in a row
    mid3 = ~(after_sep & (cd - prev != 3)).any(axis=1)
    # a lone last separator whose long tail a space breaks (``362,328 328``): the scalar
    # reader refuses it (numbers._split_fraction)
    cols = np.arange(width)[None, :]
    broken = ((cls == _C_SPACE) & (cols > last_sep[:, None]) & (cols < b_last[:, None])).any(axis=1)
    good &= ~(broken & (k > 0) & (count_last == 1) & (tail > 4))
    first_digit = cls[rows, np.argmax(digit, axis=1)]
    head_ok = (head >= 1) & (head <= 3) & (first_digit != 0)

    r = np.full(m, -1, dtype=np.int8)
    r[k == 0] = _INT
    multi = (k > 0) & (count_last >= 2)
    r[multi & head_ok & mid3 & (tail == 3)] = _THOUSANDS
    single = (k > 0) & (count_last == 1)
    mixed = single & (k >= 2) & head_ok & mid3
    r[mixed & (tail != 3)] = _DECIMAL
    r[mixed & (tail == 3)] = _AMBIGUOUS
    lone = single & (k == 1)
    r[lone & (tail == 3) & head_ok] = _AMBIGUOUS
    r[lone & ~((tail == 3) & head_ok)] = _DECIMAL
    good = good & (r >= 0)

    total = np.zeros(m, dtype=np.int64)
    for j in range(width):  # Horner over the columns (a loop over ≤ 24 columns)
        column = cls[:, j]
        total = np.where(column < 10, total * 10 + column, total)
    other_present = np.where(last_is_dot, n_comma > 0, n_dot > 0)
    thousands_all = r == _THOUSANDS
    dec = r == _DECIMAL
    other_thousands = (r == _DECIMAL) | (r == _AMBIGUOUS)
    dot_thou = (thousands_all & (n_dot > 0)) | (other_thousands & ~last_is_dot & other_present)
    comma_thou = (thousands_all & (n_comma > 0)) | (
        other_thousands & last_is_dot & other_present
    )
    chunk_ev = (dec & last_is_dot, dot_thou, dec & ~last_is_dot, comma_thou)

    return good, n_minus, n_pct, total, k, tail, last_is_dot, r, chunk_ev
