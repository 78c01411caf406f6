"""Random formulas, methods, scales and data for the SQL property tests, and the query that
chains them (formula → capaian → category) plus the numpy reference for the same chain."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from sqlglot import exp

from indikator.capaian.methods import (
    achievement_detail,
    comparison_achievement,
    range_achievement,
)
from indikator.formula.evaluator import evaluate_detailed
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable
from indikator.scales.intervals import Interval
from indikator.scales.loading import load_scale
from indikator.scales.rating import rate
from indikator.scales.scale import Band, Scale
from indikator.sql import compile_capaian, compile_formula, compile_scale, scale_input
from indikator.sql.build import col

VARIABLES = ("A", "B", "C")
SPECIAL = (0.0, None, math.nan, -3.0, 1.0, 2.5, 100.0, 0.5)

values = st.one_of(
    st.integers(-50, 300).map(float),
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: round(x, 3)),
    st.sampled_from(SPECIAL),
)


def _leaf() -> st.SearchStrategy[Node]:
    return st.one_of(
        st.sampled_from(VARIABLES).map(Variable),
        st.sampled_from((0.0, 1.0, 2.0, 100.0, 0.5, 3.0)).map(Number),
    )


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.tuples(st.sampled_from(("+", "-", "*", "/")), children, children).map(
            lambda t: BinOp(t[0], t[1], t[2])),
        st.tuples(children, st.sampled_from((2.0, 0.5, -1.0, 0.0, 3.0))).map(
            lambda t: BinOp("^", t[0], Number(t[1]))),
        children.map(Neg),
        st.tuples(st.sampled_from(("sqrt", "abs")), children).map(
            lambda t: Call(t[0], (t[1],))),
        st.tuples(st.sampled_from(("min", "max", "sum", "mean")),
                  st.lists(children, min_size=1, max_size=3)).map(
            lambda t: Call(t[0], tuple(t[1]))),
    )


formulas = st.recursive(_leaf(), _extend, max_leaves=6)


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    """A shipped interval scale, or a random one (contiguous or with gaps, rounded or not)."""
    if draw(st.booleans()):
        return load_scale(draw(st.sampled_from(("capaian", "akip", "ikm-2017", "capaian-lama",
                                                "indeks-rb"))))
    points = sorted(set(draw(st.lists(st.integers(-20, 140), min_size=2, max_size=6))))
    if len(points) < 2:
        points = [0, 100]
    bands = []
    closed_before = False
    for i, (low, high) in enumerate(itertools.pairwise(points)):
        lower_closed = draw(st.booleans()) and not closed_before
        upper_closed = draw(st.booleans())
        closed_before = upper_closed
        lower = None if i == 0 and draw(st.booleans()) else float(low)
        upper = None if i == len(points) - 2 and draw(st.booleans()) else float(high)
        bands.append(Band(f"B{i}", f"Band '{i}'", Interval(lower, lower_closed and lower is
                                                           not None, upper,
                                                           upper_closed and upper is not None)))
    rounding = draw(st.sampled_from((None, 0, 1, 2)))
    return Scale("acak", "acak", "test", "confirmed", tuple(bands), gaps="not-rated",
                 rounding=rounding, rates="capaian")


@dataclass(frozen=True)
class Method:
    kind: str
    direction: str
    method: str | None
    op: str


methods = st.builds(
    Method,
    kind=st.sampled_from(("number", "number", "range", "comparison")),
    direction=st.sampled_from(("higher", "lower", "naik", "turun")),
    method=st.sampled_from((None, "inverse")),
    op=st.sampled_from(("<", "<=", ">", ">=", "=")),
)

rows = st.lists(st.tuples(values, values, values, values, values, values),
                min_size=1, max_size=6)


def query(formula: Node, method: Method, scale: Scale, dialect: str) -> str:
    """formula → capaian → category over table ``t``, as nested SELECTs."""
    compiled = compile_formula(formula, dialect)
    inner = exp.select(
        col("id"), col("target"), col("low"), col("high"),
        exp.alias_(compiled.value, "fv", quoted=True),
        exp.alias_(compiled.reason, "fr", quoted=True),
    ).from_(exp.Table(this=exp.to_identifier("t", quoted=True)))
    capaian = compile_capaian(method.kind, actual=col("fv"), target="target", low="low",
                              high="high", op=method.op, direction=method.direction,
                              method=method.method, dialect=dialect)
    middle = exp.select(
        col("id"), col("fv"), col("fr"), *capaian.columns()
    ).from_(exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("q1"))))
    with_input = exp.select(
        exp.Star(), exp.alias_(scale_input(scale, col("capaian"), dialect), "sv", quoted=True)
    ).from_(exp.Subquery(this=middle, alias=exp.TableAlias(this=exp.to_identifier("q2"))))
    rated = compile_scale(scale, col("sv"), dialect, rounded=True)
    final = exp.select(
        col("id"), col("fv"), col("fr"), col("capaian"), col("alasan"), col("metode"),
        col("tercapai"), exp.alias_(rated.code, "kode", quoted=True),
        exp.alias_(rated.reason, "kode_alasan", quoted=True),
    ).from_(exp.Subquery(this=with_input, alias=exp.TableAlias(this=exp.to_identifier("q3"))))
    return final.sql(dialect=dialect)


def table(data: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [(float(i), *row) for i, row in enumerate(data)]


def _array(data: list[tuple[Any, ...]], index: int) -> np.ndarray[Any, Any]:
    return np.array([np.nan if r[index] is None else r[index] for r in data], dtype=float)


def expected(formula: Node, method: Method, scale: Scale,
             data: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The numpy reference rows: id, fv, fr, capaian, alasan, metode, tercapai, kode, alasan."""
    env = {name: _array(data, i) for i, name in enumerate(VARIABLES)}
    ev = evaluate_detailed(formula, env)
    fv = np.broadcast_to(np.asarray(ev.values, dtype=float), (len(data),))
    fr = np.broadcast_to(np.asarray(ev.reasons, dtype=object), (len(data),))
    target, low, high = (_array(data, i) for i in (3, 4, 5))
    if method.kind == "number":
        cap = achievement_detail(fv, target, method.direction, method.method)
    elif method.kind == "range":
        cap = range_achievement(fv, low, high, method.direction, method.method)
    else:
        cap = comparison_achievement(fv, method.op, target)
    ratings = rate(cap.value, scale)
    codes, reasons = np.asarray(ratings.code), np.asarray(ratings.reason)
    out = []
    for i in range(len(data)):
        out.append((
            float(i), _none(fv[i]), fr[i], _none(cap.value[i]), cap.reason[i] or None,
            cap.metode[i], bool(cap.met[i]) if cap.met_known[i] else None, codes[i],
            reasons[i],
        ))
    return out


def _none(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def same(got: Any, want: Any) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, bool):
        return bool(got) == want
    if isinstance(want, float):
        return math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-9)
    return str(got) == str(want)
