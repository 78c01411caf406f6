"""Delimited text read by pandas' C reader (:func:`indikator.documents.sheets._simple_frame`) gives
the same frame as the :mod:`csv` reader whenever the fast path takes the text (issue 11)."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from indikator.documents.sheets import _frame, _simple_frame


def _by_csv(text: str, delimiter: str) -> pd.DataFrame:
    return _frame(list(csv.reader(io.StringIO(text), delimiter=delimiter)))


def _same(text: str, delimiter: str = ";") -> bool:
    """True when the fast path took *text* (and then it must agree)."""
    fast = _simple_frame(text, delimiter)
    if fast is None:
        return False
    slow = _by_csv(text, delimiter)
    assert list(fast.columns) == list(slow.columns)
    assert fast.shape == slow.shape
    assert all(str(t) == "object" for t in fast.dtypes)
    assert fast.to_numpy().tolist() == slow.to_numpy().tolist()
    return True


def test_plain_tables_take_the_fast_path() -> None:
    assert _same("indikator;tahun;target\nA;2024;61,25\n B ;;  \n")
    assert _same("a;b\nNA;null\nnan;-\n#N/A;None")  # no cell becomes NaN
    assert _same("a,b\n1,2\n", ",")
    assert _same("ñ;ü\n\t x;y\t\n")


def test_other_tables_fall_back() -> None:
    for text in ('a;b\n"x;y";2\n', "a;b\r\n1;2\r\n", "a;b\n1;2;3\n", "a;b\n1\n", "a;b\n\n1;2\n",
                 "a\nb\n", "", "a;b\n1;2\n\n", "a;b\n1;2\x00\n", "a;b\n1;2;3\n4\n",
                 "a;b\n4\n1;2;3\n"):
        assert not _same(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 ;,\n\"\r\té'#-", max_size=60))
def test_any_text_agrees_when_taken(text: str) -> None:
    _same(text)
    _same(text, ",")


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 4).flatmap(lambda width: st.lists(
    st.lists(st.text(alphabet="ab1 ,\té'#-.NA", max_size=5), min_size=width, max_size=width),
    min_size=1, max_size=8)), st.booleans())
def test_uniform_tables_take_the_fast_path(rows: list[list[str]], final_newline: bool) -> None:
    text = "\n".join(";".join(row) for row in rows) + ("\n" if final_newline else "")
    assert _same(text)
