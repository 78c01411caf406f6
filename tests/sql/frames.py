"""The DuckDB engine's results frame compared with the numpy engine's: the same columns in the
same order, the same dtypes, and every cell equal (None and NaN count as the same missing
value).  Shared by the engine, streaming, catalogue and limit tests."""

from __future__ import annotations

import pandas as pd


def same_results(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Assert *a* (DuckDB) equals *b* (numpy), naming the first column and row that differ."""
    assert list(a.columns) == list(b.columns)
    for name in b.columns:
        assert a[name].dtype == b[name].dtype, name
        for i, (x, y) in enumerate(zip(a[name].tolist(), b[name].tolist(), strict=True)):
            both_missing = (x is None and y is None) or (
                not isinstance(x, str) and not isinstance(y, str) and pd.isna(x) and pd.isna(y))
            assert both_missing or x == y, (name, i, x, y)
