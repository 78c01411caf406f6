"""Hypothesis strategies for property tests of indicators, formulas and data (optional extra).

For users' own property tests (``pip install indikator[strategies]``, i.e. hypothesis) and for
:func:`indikator.verification.properties.verify`.  This is the only module of the package that
imports
hypothesis; ``import indikator`` never does.  Every strategy produces what the rest of the
package accepts, and the tests check that it does (``tests/test_strategies.py``):

=====================  ======================================================================
strategy               draws
=====================  ======================================================================
``expressions``        formula ASTs (:mod:`indikator.formula.nodes`) as the parser can produce them
``formulas()``         :class:`~indikator.formula.model.Formula` objects (AST, name, definitions)
``variable_names()``   quantity phrases as documents write them ("Jumlah SD/ Sederajat yang
                       di rencanakan", "Luas Panen (Ha)")
``written_formulas()`` formula text in a document style (inline, LaTeX, words) with the AST
                       it must parse to; ``formula_texts()`` the text only
``formula_data()``     data for a formula's variables: scalars or numpy arrays, with zeros
                       and NaN, or *valid* data (≥ 0, denominators > 0, part ≤ whole)
``plan_values()``      one valid value per quantity of a
:class:`~indikator.verification.properties.Plan`
``indicators()``       catalogue :class:`~indikator.catalog.loader.Indicator` definitions;
                       ``catalogs()`` whole :class:`~indikator.catalog.loader.Catalog` objects
``indonesian_numbers()`` (text, value): "1.800.085.250", "5,36", "12,5 %"
``realisation_rows()`` rows of a realisation table as documents print them
=====================  ======================================================================

:func:`falsify` runs a search programmatically (reproducible: no example database,
derandomised) and returns the smallest counterexample or ``None``.

It does not decide what is valid for a formula (that is
:func:`indikator.verification.properties.plan_of`)
nor check anything itself.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import os
import shutil
import string
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity, assume, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from indikator.formula.model import Formula
from indikator.formula.names import display_name
from indikator.formula.nodes import FUNCTIONS, BinOp, Call, Neg, Node, Number, Variable

if TYPE_CHECKING:
    from indikator.catalog.loader import Catalog, Indicator
    from indikator.verification.plan import Plan

__all__ = [
    "STYLES",
    "WrittenFormula",
    "catalogs",
    "expressions",
    "falsify",
    "formula_data",
    "formula_texts",
    "formulas",
    "indicators",
    "indonesian_numbers",
    "numbers",
    "plan_values",
    "realisation_rows",
    "steps",
    "variable_names",
    "variables",
    "written_formulas",
]

T = TypeVar("T")
Style = Literal["inline", "latex", "words"]
STYLES: tuple[Style, ...] = ("inline", "latex", "words")

# ------------------------------------------------------------------------------- ASTs

_WORDS = st.sampled_from(
    ["Jumlah", "Total", "penduduk", "yang", "di", "rencanakan", "OPD", "SD", "kelas", "1",
     "Realisasi", "Target", "tahun", "2020", "usia", "dokumen", "tersedia", "A", "B", "IKA"]
)  # fmt: skip
_PLAIN_NAMES = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join).filter(
    lambda name: not name[0].isdigit()
)
_ANY_NAMES = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30
).map(display_name).filter(bool)
_NAMES = st.one_of(_PLAIN_NAMES, _PLAIN_NAMES, _ANY_NAMES)

variables: st.SearchStrategy[Variable] = _NAMES.map(lambda name: Variable(name=name))
"""Variables with plain or arbitrary names (any text; the printer quotes what needs it).

>>> from hypothesis import given
>>> @given(variables)
... def test_names_survive(v): assert v.name"""

numbers: st.SearchStrategy[Number] = st.builds(
    Number,
    st.one_of(
        st.integers(min_value=0, max_value=10**9).map(float),
        st.floats(min_value=0, max_value=1e30, allow_nan=False, allow_infinity=False),
    ),
    st.booleans(),
)
"""Non-negative number literals, with or without a percent mark."""


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(BinOp, st.sampled_from(["+", "-", "*", "/", "^"]), children, children),
        st.builds(Neg, children),
        st.builds(
            Call, st.sampled_from(FUNCTIONS), st.lists(children, min_size=1, max_size=3).map(tuple)
        ),
    )


expressions: st.SearchStrategy[Node] = st.recursive(
    st.one_of(variables, numbers), _extend, max_leaves=12
)
"""Formula ASTs: variables, numbers, unary minus, + - * / ^ and the allow-listed functions.

>>> from hypothesis import given
>>> from indikator.formula.printer import to_text
>>> import indikator
>>> @given(expressions)
... def test_round_trip(expr):
...     assert indikator.parse(to_text(expr)).expr == expr"""

_SYMBOLS = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,5}", fullmatch=True)
_PHRASES = st.lists(
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=8), min_size=1, max_size=5
).map(" ".join)


def formulas() -> st.SearchStrategy[Formula]:
    """Formulas (any AST of :data:`expressions`) with an optional name and definitions.

    >>> from hypothesis import given
    >>> @given(formulas())
    ... def test_canonical_text_round_trips(formula):
    ...     assert indikator.parse(formula.to_text()) == formula
    """
    return st.builds(
        Formula,
        expr=expressions,
        name=st.one_of(st.none(), _NAMES),
        definitions=st.dictionaries(_SYMBOLS, _PHRASES, max_size=3),
    )


# ------------------------------------------------------------------------- quantity names

_HEADS = ("Jumlah", "Total", "Jml", "Banyaknya", "Jumlah seluruh", "Luas", "Nilai",
          "Realisasi", "Target", "Rencana")
_SUBJECTS = ("desa", "penduduk", "Dokumen Kerjasama", "SD/ Sederajat", "Kab/Kota",
             "Perda/Perwal", "Gaji KDH/WKDH", "rumah tangga", "Luas Panen (Ha)",
             "sekolah (negeri dan swasta)", "pegawai [ASN]", "bayi", "pengaduan",
             "pelayanan adm umum", "Lembaga Keagamaan", "BMD", "kegiatan", "OPD")
_QUALIFIERS = ("", "yang di rencanakan", "yang direncanakan", "yang dilaksanakan",
               "yang di laksanakan", "yang tersedia", "yang harus ada", "yang diusulkan",
               "yang di syahkan", "yang terlaksana", "yang aktif", "miskin",
               "yang memenuhi syarat", "tepat waktu", "yang diselesaikan", "usia 7 tahun")


def variable_names(
    *, qualifiers: Sequence[str] = _QUALIFIERS, subjects: Sequence[str] = _SUBJECTS
) -> st.SearchStrategy[str]:
    """Free-text quantity phrases as Indonesian documents write them: a head word (Jumlah,
    Total, Jml …), a subject (with slashes "SD/ Sederajat", brackets "Luas Panen (Ha)",
    "pegawai [ASN]") and a qualifier marking the side ("yang di rencanakan", "yang
    dilaksanakan" …).  Every phrase parses as one variable in every style of
    :func:`written_formulas`.

    >>> from hypothesis import given
    >>> @given(variable_names())
    ... def test_a_name_is_one_variable(name):
    ...     assert indikator.parse(name).variables == (name,)
    """
    return st.builds(
        lambda head, subject, qualifier: " ".join(x for x in (head, subject, qualifier) if x),
        st.sampled_from(_HEADS), st.sampled_from(tuple(subjects)),
        st.sampled_from(tuple(qualifiers)),
    )


# --------------------------------------------------------------------------- written text


@dataclass(frozen=True)
class WrittenFormula:
    """Formula *text* in a document *style* and the AST (*expr*) it must parse to."""

    text: str
    expr: Node
    style: Style


def _percent(factor: bool, percent: bool) -> Node | None:
    return Number(100.0, percent=percent) if factor else None


def _ratio(top: str, bottom: str, hundred: Node | None) -> Node:
    node: Node = BinOp("/", Variable(top), Variable(bottom))
    return node if hundred is None else BinOp("*", node, hundred)


def _inline(top: str, bottom: str, variant: int, factor: bool) -> WrittenFormula:
    if not factor:
        plain = (f"{top} / {bottom}", f"{top} : {bottom}", f"({top}) / ({bottom})")
        return WrittenFormula(plain[variant % 3], _ratio(top, bottom, None), "inline")
    texts = (f"{top} / {bottom} x 100%", f"({top} : {bottom}) × 100 %",
             f"{top} / {bottom} X 100 %", f"({top} / {bottom}) * 100%")
    return WrittenFormula(texts[variant % 4], _ratio(top, bottom, _percent(True, True)),
                          "inline")


def _latex(top: str, bottom: str, variant: int, factor: bool) -> WrittenFormula:
    frac = rf"\frac{{\text{{{top}}}}}{{\text{{{bottom}}}}}"
    if not factor:
        return WrittenFormula(frac if variant % 2 else f"${frac}$",
                              _ratio(top, bottom, None), "latex")
    if variant % 2:
        return WrittenFormula(rf"${frac} \times 100$", _ratio(top, bottom, Number(100.0)),
                              "latex")
    return WrittenFormula(rf"{frac} \times 100\%", _ratio(top, bottom, Number(100.0, True)),
                          "latex")


def _words(top: str, bottom: str, variant: int, factor: bool) -> WrittenFormula:
    if not factor:
        plain = (f"perbandingan antara {top} dengan {bottom}", f"{top} dibagi {bottom}")
        return WrittenFormula(plain[variant % 2], _ratio(top, bottom, None), "words")
    texts = (f"{top} dibagi {bottom} dikali 100%", f"{top} dibagi dengan {bottom} dikalikan 100%")
    return WrittenFormula(texts[variant % 2], _ratio(top, bottom, _percent(True, True)),
                          "words")


_RENDER: dict[Style, Callable[[str, str, int, bool], WrittenFormula]] = {
    "inline": _inline,
    "latex": _latex,
    "words": _words,
}


def written_formulas(
    styles: Sequence[Style] = STYLES,
    *,
    names: st.SearchStrategy[str] | None = None,
    factor: bool | None = None,
) -> st.SearchStrategy[WrittenFormula]:
    """Ratio formulas (``A / B``, ``A / B × 100 %``) written the way documents write them:
    inline (``A / B x 100%``, ``(A : B) × 100 %``), LaTeX (``\\frac{\\text{A}}{\\text{B}}
    \\times 100``) or words (``A dibagi B dikali 100%``, ``perbandingan antara A dengan B``),
    each with the AST the parser must produce.  *names* draws the phrases (default
    :func:`variable_names`); *factor* forces (or forbids) the ``× 100``.

    >>> from hypothesis import given
    >>> @given(written_formulas())
    ... def test_parse(written):
    ...     assert indikator.parse(written.text).expr == written.expr
    """
    phrases = names if names is not None else variable_names()
    return st.builds(
        lambda style, top, bottom, variant, hundred: _RENDER[style](top, bottom, variant,
                                                                    hundred),
        st.sampled_from(tuple(styles)),
        phrases,
        phrases,
        st.integers(min_value=0, max_value=11),
        st.booleans() if factor is None else st.just(factor),
    )


def formula_texts(styles: Sequence[Style] = STYLES) -> st.SearchStrategy[str]:
    """The text of :func:`written_formulas` only.

    >>> from hypothesis import given
    >>> @given(formula_texts(["latex"]))
    ... def test_latex_parses(text):
    ...     assert indikator.parse(text).kind == "ratio"
    """
    return written_formulas(styles).map(lambda written: written.text)


# ------------------------------------------------------------------------------------ data


def _amounts(positive: bool) -> st.SearchStrategy[float]:
    low = 1 if positive else 0
    return st.one_of(
        st.integers(min_value=low, max_value=12).map(float),  # small: ties and equal sides
        st.integers(min_value=low, max_value=10**6).map(float),
        st.integers(min_value=low * 100, max_value=10**8).map(lambda cents: cents / 100),
    )


def steps() -> st.SearchStrategy[float]:
    """Positive increments (1 … 10⁶) for "raise this quantity" moves.

    >>> from hypothesis import given
    >>> from indikator.formula.api import evaluate
    >>> @given(st.integers(min_value=1, max_value=100).map(float), steps())
    ... def test_rises(part, step):
    ...     assert evaluate("A / B", A=part + step, B=1000) > evaluate("A / B", A=part, B=1000)
    """
    return st.integers(min_value=1, max_value=10**6).map(float)


@st.composite
def _plan_values(draw: st.DrawFn, plan: Plan) -> list[float]:
    count = len(plan.quantities)
    achieved, base = plan.achieved_quantities, plan.base_quantities
    bounded: int | None = None
    if plan.part_of_whole and len(achieved) == 1 and not achieved & base:
        bounded = next(iter(achieved))
    values = [0.0] * count
    for i in range(count):
        if i == bounded:
            continue
        earlier = [j for j in range(i) if j != bounded]
        if earlier and draw(st.integers(min_value=0, max_value=3)) == 0:  # ties: A = B
            values[i] = values[draw(st.sampled_from(earlier))]
        else:
            values[i] = draw(_amounts(i in plan.positive))
    if bounded is not None:
        assert plan.base is not None
        whole = plan.evaluate(plan.base, values)
        low = 1 if bounded in plan.positive else 0
        assume(math.isfinite(whole) and math.floor(whole) >= low)
        values[bounded] = float(draw(st.integers(min_value=low, max_value=math.floor(whole))))
    assume(plan.valid(values))
    return values


def plan_values(plan: Plan) -> st.SearchStrategy[list[float]]:
    """One *valid* value per quantity of *plan* (see
    :func:`indikator.verification.properties.plan_of`):
    all ≥ 0, quantities in denominators > 0, the achieved side ≤ the base where it is a part
    of it.  Values are whole numbers or have two decimals; they shrink towards 0 and 1.

    >>> from hypothesis import given
    >>> from indikator.verification.plan import plan_of
    >>> plan = plan_of("Jumlah desa yang dilayani / Jumlah seluruh desa x 100%")
    >>> @given(plan_values(plan))
    ... def test_coverage_at_most_100(values):
    ...     assert plan.evaluate(plan.formula, values) <= 100
    """
    return _plan_values(plan)


_CELLS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(float),
    st.sampled_from([0.0, 0.0, 1.0, 100.0, math.nan, -1.0]),
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False),
)


def formula_data(
    formula: Formula | str,
    *,
    rows: int | None = None,
    valid: bool = False,
    cells: st.SearchStrategy[float] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Data for *formula*'s variables: name → float (*rows* ``None``) or name → numpy array
    of *rows* values.  Anything goes by default (zeros, NaN, negatives, large values; or the
    values of *cells*); with *valid* every row is valid data for the formula (see
    :func:`plan_values`: ≥ 0, denominators > 0, part ≤ whole), and the two sides of a
    tautology ("Jumlah X / Total X") get the same value.

    >>> from hypothesis import given
    >>> from indikator.formula.api import evaluate
    >>> formula = "Jumlah desa yang dilayani / Jumlah seluruh desa x 100%"
    >>> @given(formula_data(formula, rows=5, valid=True))
    ... def test_no_nan_on_valid_data(data):
    ...     assert not np.isnan(evaluate(indikator.parse(formula), data)).any()
    """
    from indikator.verification.plan import plan_of

    plan = plan_of(formula)
    if valid:
        one: st.SearchStrategy[dict[str, Any]] = plan_values(plan).map(plan.data)
    else:
        draw_cell = cells if cells is not None else _CELLS
        names = [name for group in plan.quantities for name in group]
        one = st.fixed_dictionaries({name: draw_cell for name in names})
    if rows is None:
        return one
    return st.lists(one, min_size=rows, max_size=rows).map(
        lambda records: {
            name: np.array([record[name] for record in records], dtype=np.float64)
            for name in (records[0] if records else plan.data([0.0] * len(plan.quantities)))
        }
    )


# ----------------------------------------------------------------------------- catalogues

_UNITS = ("Persen", "%", "Persentase", "Dokumen", "Nilai", "Indeks", "Unit", "Bulan")


@st.composite
def _indicator(draw: st.DrawFn, code: str | None) -> Indicator:
    from indikator.catalog.importer import slug
    from indikator.catalog.loader import Indicator

    written = draw(written_formulas())
    subject = draw(st.sampled_from(_SUBJECTS))
    kind = draw(st.sampled_from(("Persentase", "Tingkat", "Cakupan", "Rasio")))
    qualifier = draw(st.sampled_from(_QUALIFIERS))
    name = " ".join(x for x in (kind, subject, qualifier) if x)
    return Indicator(
        code=code or slug(name),
        name=name,
        satuan=draw(st.sampled_from(_UNITS)),
        formula=written.text,
        arah=draw(st.sampled_from(("naik", "turun"))),
        aggregation=draw(st.sampled_from(("last", "sum", "mean", "max", "min"))),
        scale=draw(st.sampled_from((None, "akip", "capaian"))),
        source_line=draw(st.one_of(st.none(), st.integers(min_value=1, max_value=5000))),
    )


def indicators(code: str | None = None) -> st.SearchStrategy[Indicator]:
    """Valid catalogue definitions (:class:`~indikator.catalog.loader.Indicator`): a name such as
    "Persentase Dokumen Kerjasama yang dilaksanakan", a satuan, a formula of
    :func:`written_formulas`, arah, aggregation and an optional scale.  The code is *code*
    or the slug of the name.

    >>> from hypothesis import given
    >>> from indikator.verification.properties import verify
    >>> @given(indicators())
    ... def test_formula_parses(indicator):
    ...     assert indicator.parsed.kind == "ratio"
    """
    return _indicator(code)


def catalogs(*, min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[Catalog]:
    """Catalogues of :func:`indicators` with unique codes (``ind-1``, ``ind-2`` …).
    Write one with :func:`indikator.catalog.loader.dump` to test code that reads catalogue files.

    >>> from hypothesis import given
    >>> @given(catalogs())
    ... def test_codes(catalog):
    ...     assert all(catalog[code].code == code for code in catalog)
    """
    from indikator.catalog.loader import Catalog

    def build(items: list[Indicator]) -> Catalog:
        return Catalog({item.code: item for item in items})

    return st.integers(min_value=min_size, max_value=max_size).flatmap(
        lambda n: st.tuples(*(indicators(f"ind-{i + 1}") for i in range(n)))
    ).map(lambda items: build(list(items)))


# ------------------------------------------------------------------------------- numbers


def _thousands(whole: int) -> str:
    return f"{whole:,}".replace(",", ".")


@st.composite
def _indonesian_number(draw: st.DrawFn, percent: bool | None) -> tuple[str, float]:
    whole = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**12)))
    decimals = draw(st.sampled_from((0, 0, 1, 2, 4)))
    fraction = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    digits = f"{fraction:0{decimals}d}" if decimals else ""
    value = float(f"{whole}.{digits}") if decimals else float(whole)
    text = _thousands(whole) + (f",{digits}" if decimals else "")
    use_percent = draw(st.booleans()) if percent is None else percent
    if use_percent:
        text += draw(st.sampled_from(("%", " %")))
    return text, float(value)


def indonesian_numbers(*, percent: bool | None = None) -> st.SearchStrategy[tuple[str, float]]:
    """(text, value) pairs of numbers as Indonesian documents print them: dot thousands,
    comma decimals ("1.800.085.250", "5,36", "1.234.567,8901"), with or without "%"
    (*percent* forces or forbids it).  :func:`indikator.documents.numbers.read_number` reads the
    text
    back to the value.

    >>> from hypothesis import given
    >>> from indikator.documents.numbers import read_number
    >>> @given(indonesian_numbers())
    ... def test_read(pair):
    ...     assert read_number(pair[0]).value == pair[1]
    """
    return _indonesian_number(percent)


@st.composite
def _realisation_row(draw: st.DrawFn, indicators_: Sequence[str] | None) -> dict[str, str]:
    if indicators_:
        name = draw(st.sampled_from(tuple(indicators_)))
    else:
        name = "Persentase " + draw(variable_names())
    target_text, _ = draw(_indonesian_number(False))
    actual_text, _ = draw(_indonesian_number(False))
    return {
        "indikator": name,
        "tahun": str(draw(st.integers(min_value=2018, max_value=2030))),
        "satuan": draw(st.sampled_from(("%", "Persen", "Dokumen", "Nilai"))),
        "target": target_text,
        "realisasi": draw(st.one_of(st.just(actual_text), st.sampled_from(("-", "0")))),
        "arah": draw(st.sampled_from(("naik", "turun"))),
    }


def realisation_rows(
    indicators: Sequence[str] | None = None,
) -> st.SearchStrategy[dict[str, str]]:
    """Rows of a realisation table (``indikator``, ``tahun``, ``satuan``, ``target``,
    ``realisasi``, ``arah``) with cells as documents print them ("1.234,5", "-", "0").
    *indicators* limits the indicator names to the ones given.

    >>> from hypothesis import given
    >>> @given(st.lists(realisation_rows(), min_size=1, max_size=5))
    ... def test_rows(rows):
    ...     assert all(row["target"] for row in rows)
    """
    return _realisation_row(indicators)


# ---------------------------------------------------------------------------------- running


def falsify(
    strategy: st.SearchStrategy[T],
    fails: Callable[[T], bool],
    *,
    max_examples: int = 100,
) -> T | None:
    """The smallest value of *strategy* for which *fails* is true, or ``None`` when none was
    found in *max_examples* tries.  Reproducible: no example database, derandomised, quiet.
    Do not call it from inside a test decorated with ``@given``.

    >>> falsify(st.integers(min_value=0), lambda n: n * n > 50)
    8
    """
    config = settings(
        database=None,
        derandomize=True,
        max_examples=max_examples,
        deadline=None,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.generate, Phase.shrink),
    )
    with _private_storage():
        try:
            return find(strategy, fails, settings=config)
        except (NoSuchExample, Unsatisfiable):
            return None


_STORAGE: list[str] = []


@contextlib.contextmanager
def _private_storage() -> Iterator[None]:
    """Keep hypothesis' caches (``constants``, ``unicode_data``) out of the caller's working
    directory: a temporary folder for this process, removed at exit, unless
    ``HYPOTHESIS_STORAGE_DIRECTORY`` names one.  The previous home is restored afterwards."""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        yield
        return
    from hypothesis import configuration

    if not _STORAGE:
        where = tempfile.mkdtemp(prefix="indikator-hypothesis-")
        atexit.register(shutil.rmtree, where, True)
        _STORAGE.append(where)
    previous = vars(configuration).get("__hypothesis_home_directory")
    configuration.set_hypothesis_home_dir(_STORAGE[0])
    try:
        yield
    finally:
        configuration.set_hypothesis_home_dir(previous)
