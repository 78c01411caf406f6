"""Evaluate a formula over scalars, numpy arrays, pandas Series or DataFrame columns.

:func:`evaluate` walks the AST once with a dispatch table (node type → handler, in the spirit
of simpleeval) and an allow-list of functions; each operator is one numpy ufunc over whole
columns, written in place into temporaries the evaluator owns, so the overhead over
hand-written numpy is a few Python calls per node, not per row.  The result has the shape of
the inputs the formula uses: scalars in → ``float`` out; arrays in → array out; a Series (or
DataFrame) in → a Series with the same index (Series with different indexes are aligned on the
union, like pandas arithmetic, and the gaps are missing values).  A formula without variables
takes the shape of all the data given (a DataFrame's index, or the values' common shape).

Names.  Data is matched to the formula's variables after normalisation
(:func:`indikator.formula.names.name_key`: case, spacing, "di rencanakan" = "direncanakan",
``Jml``),
and through the formula's symbol definitions: for ``TPT = PP / PAK × 100 %`` with
``PP = Jumlah pengangguran``, a column named ``PP`` or ``Jumlah pengangguran`` both feed
``PP``.  A variable without a value raises :class:`~indikator.core.errors.EvaluationError` with a
"did you mean …" among the names given (before any computation, so never mid-batch).  Extra
names in the data are ignored here; :func:`check_names` rejects them (the CLI uses it).

Policy for missing values and undefined arithmetic (the one rule, for every row):

* the result is NaN, never an exception, and the other rows are computed normally;
* ``x / 0`` is NaN (not ±inf) for finite ``x``, as is ``0 / 0`` and ``0 ^ negative``:
  reason ``division-by-zero``;
* a missing input (NaN, ``None``, ``pd.NA``) gives NaN: reason ``missing-value``;
* ``sqrt`` of a negative number gives NaN: reason ``negative-sqrt``;
* any other NaN produced by the arithmetic (``∞ − ∞``, ``(−8) ^ 0.5``): ``invalid-operation``;
* overflow gives ±inf and infinities in the data pass through (``inf / 0`` stays inf).

:func:`evaluate` returns values only and pays nothing for the reasons: a division checks for
zero denominators only when the CPU's divide-by-zero flag was raised by that very division.
:func:`evaluate_detailed` also returns, per row, the reason of each NaN (the first cause, in
evaluation order) as a short code from :data:`REASONS`; it evaluates again, tracking causes,
only the rows whose value is NaN.

Functions: ``sum``/``mean``/``min``/``max`` of several arguments work row by row (``sum(A, B)``
is ``A + B``); with one argument they return it unchanged: aggregating rows (a ``Σ`` over
districts) is the caller's job, so that vectorised and row-by-row evaluation always agree.
``min``/``max`` propagate missing values.  This module never imports pandas; it recognises
pandas objects only when pandas is already loaded.  It does not read number text
(``"5,36"`` is refused: :mod:`indikator.documents.numbers` reads cells), convert units, or
aggregate.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import numpy.typing as npt

from indikator.core.errors import EvaluationError
from indikator.formula.depth import check_depth
from indikator.formula.names import display_name, name_key, unit_annotation
from indikator.formula.nodes import BinOp, Call, Neg, Node, Number, Variable, walk

if TYPE_CHECKING:
    from indikator.formula.model import Formula

__all__ = [
    "FUNCTIONS",
    "REASONS",
    "Evaluation",
    "check_names",
    "evaluate",
    "evaluate_detailed",
]

REASONS: tuple[str, ...] = (
    "missing-value",
    "division-by-zero",
    "negative-sqrt",
    "invalid-operation",
)
"""Reason codes of :class:`Evaluation` (a message for each is ``eval.reason_<code>``)."""

_OK, _MISSING, _DIV0, _NEG_SQRT, _INVALID = 0, 1, 2, 3, 4
_REASON_TABLE = np.array([None, *REASONS], dtype=object)

_FPE_DIVIDE = 1  # numpy's floating-point status bits, as passed to an errstate callback

Array: TypeAlias = npt.NDArray[np.float64]
Codes: TypeAlias = npt.NDArray[np.int8]
Value: TypeAlias = "np.float64 | Array"
_Out: TypeAlias = "tuple[Value, bool, Codes | None]"
"""A handler's result: the value, whether the evaluator owns the array (may write into it),
and the reason codes (detailed mode only)."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Values plus, for each NaN among them, why it is NaN.

    ``values`` is what :func:`evaluate` returns.  ``reasons`` has the same shape: ``None`` or a
    code of :data:`REASONS` for a scalar, an object array for an array, a Series (same index)
    for a Series; it is built from ``codes`` on each access.  ``codes`` is the same
    information as a small-integer numpy array (0 = no problem, ``i`` = ``REASONS[i - 1]``),
    cheap to keep and to count.  A reason is given exactly where the value is NaN.
    """

    values: Any
    codes: Codes
    index: Any = field(default=None, repr=False, compare=False)
    name: str | None = field(default=None, repr=False, compare=False)

    @property
    def reasons(self) -> Any:
        """The reason code (or ``None``) of every value, in the values' shape."""
        if self.codes.ndim == 0:
            return _REASON_TABLE[int(self.codes)]
        reasons = _REASON_TABLE[self.codes]
        return reasons if self.index is None else _series(reasons, self.index, self.name)

    def counts(self) -> dict[str, int]:
        """How many results have each reason (only reasons that occur)."""
        found = np.bincount(np.ravel(self.codes).astype(np.intp), minlength=len(REASONS) + 1)
        return {REASONS[i - 1]: int(found[i]) for i in range(1, len(found)) if found[i]}


# ------------------------------------------------------------------------------ the walk


class _Run:
    """State of one evaluation: the bound inputs, the mode, the floating-point flags."""

    __slots__ = ("detailed", "env", "flags", "missing")

    def __init__(self, env: Mapping[str, Value], detailed: bool) -> None:
        self.env = env
        self.detailed = detailed
        self.flags = 0
        self.missing: dict[str, Codes] = {}

    def fp_error(self, _kind: str, flag: int) -> None:
        """numpy ``errstate(call=…)`` hook: remember which flags the last ufunc raised."""
        self.flags |= flag

    def eval(self, node: Node) -> _Out:
        handler = _HANDLERS.get(type(node))
        if handler is None:
            raise EvaluationError("eval.unsupported_node", node=type(node).__name__)
        return handler(self, node)


def _zero_codes() -> Codes:
    return np.zeros((), dtype=np.int8)


def _merge(first: Codes | None, second: Codes | None) -> Codes:
    """The first reason of two operands (left before right)."""
    assert first is not None and second is not None
    return np.where(first != _OK, first, second).astype(np.int8, copy=False)


def _mark_fresh(result: Value, codes: Codes, code: int) -> Codes:
    """*codes* with *code* where the result became NaN without an earlier reason."""
    fresh = np.isnan(result) & (codes == _OK)
    return np.where(fresh, np.int8(code), codes).astype(np.int8, copy=False)


def _target(left: Value, left_owned: bool, right: Value, right_owned: bool) -> Array | None:
    """An operand buffer the result may be written into (one we own, of the result's shape)."""
    for value, owned in ((left, left_owned), (right, right_owned)):
        if owned and isinstance(value, np.ndarray):
            other = right if value is left else left
            other_shape = other.shape if isinstance(other, np.ndarray) else ()
            if (
                not other_shape
                or other_shape == value.shape
                or np.broadcast_shapes(value.shape, other_shape) == value.shape
            ):
                return value
    return None


def _blank(result: Value, mask: Any) -> Value:
    """*result* with NaN where *mask* holds (in place for an owned array)."""
    if isinstance(result, np.ndarray):
        np.copyto(result, np.nan, where=mask)
        return result
    return np.float64(np.nan) if bool(mask) else result


def _blank_division(result: Value, numerator: Value, denominator: Value) -> Value:
    """*result* with NaN where a finite numerator was divided by zero.

    For same-shaped columns only the zero positions are visited (one comparison pass and a
    scatter), not the whole column three times."""
    if (
        isinstance(result, np.ndarray)
        and isinstance(denominator, np.ndarray)
        and denominator.shape == result.shape
        and result.flags.c_contiguous
    ):
        positions = np.flatnonzero(denominator == 0)
        if isinstance(numerator, np.ndarray):
            if numerator.shape == result.shape:
                positions = positions[np.isfinite(numerator.reshape(-1)[positions])]
            else:
                finite = np.broadcast_to(np.isfinite(numerator), result.shape).reshape(-1)
                positions = positions[finite[positions]]
        elif not np.isfinite(numerator):
            return result
        result.reshape(-1)[positions] = np.nan
        return result
    return _blank(result, (denominator == 0) & np.isfinite(numerator))


def _apply(run: _Run, ufunc: np.ufunc, left: _Out, right: _Out) -> _Out:
    """A binary ufunc without division semantics (+ − × min max), in place when possible."""
    left_value, left_owned, left_codes = left
    right_value, right_owned, right_codes = right
    out = _target(left_value, left_owned, right_value, right_owned)
    result: Value = (
        ufunc(left_value, right_value) if out is None else ufunc(left_value, right_value, out=out)
    )
    codes = None
    if run.detailed:
        codes = _mark_fresh(result, _merge(left_codes, right_codes), _INVALID)
    return result, isinstance(result, np.ndarray), codes


def _number(run: _Run, node: Node) -> _Out:
    assert isinstance(node, Number)
    return np.float64(node.value), False, _zero_codes() if run.detailed else None


def _variable(run: _Run, node: Node) -> _Out:
    assert isinstance(node, Variable)
    value = run.env[node.key]
    codes = None
    if run.detailed:
        codes = run.missing.get(node.key)
        if codes is None:
            codes = np.where(np.isnan(value), np.int8(_MISSING), np.int8(_OK)).astype(np.int8)
            run.missing[node.key] = codes
    return value, False, codes


_UFUNCS: dict[str, np.ufunc] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "^": np.power,
}


def _binop(run: _Run, node: Node) -> _Out:
    assert isinstance(node, BinOp)
    left = run.eval(node.left)
    right = run.eval(node.right)
    if node.op in ("+", "-", "*"):
        return _apply(run, _UFUNCS[node.op], left, right)
    left_value, left_owned, left_codes = left
    right_value, _, right_codes = right
    # Division and power need their right operand (and power its left one) intact to find
    # the zero denominators afterwards, so they write only into the left buffer, if at all.
    out = None
    if node.op == "/" and left_owned and isinstance(left_value, np.ndarray):
        out = _target(left_value, True, right_value, False)
    ufunc = _UFUNCS[node.op]
    run.flags = 0
    result: Value = (
        ufunc(left_value, right_value) if out is None else ufunc(left_value, right_value, out=out)
    )
    divided_by_zero = bool(run.flags & _FPE_DIVIDE)
    if divided_by_zero:
        # finite / 0 → NaN; ±inf / 0 stays ±inf as IEEE says (so that a row gives the same
        # result alone or in a batch).  Rare path: the numerator buffer may have been
        # overwritten, so it is computed again rather than kept on every division.
        if node.op == "/":
            numerator = left_value if out is None else run.eval(node.left)[0]
            result = _blank_division(result, numerator, right_value)
        else:
            result = _blank(result, (left_value == 0) & (right_value < 0))
    codes = None
    if run.detailed:
        codes = _merge(left_codes, right_codes)
        fresh = np.isnan(result) & (codes == _OK)
        zero = right_value == 0 if node.op == "/" else (left_value == 0) & (right_value < 0)
        codes = np.where(fresh & zero, np.int8(_DIV0), codes).astype(np.int8, copy=False)
        codes = _mark_fresh(result, codes, _INVALID)
        if node.op == "^":  # nan ^ 0 = 1 ^ nan = 1: the cause is gone with the NaN
            codes = np.where(np.isnan(result), codes, np.int8(_OK)).astype(np.int8, copy=False)
    return result, isinstance(result, np.ndarray), codes


def _neg(run: _Run, node: Node) -> _Out:
    assert isinstance(node, Neg)
    value, owned, codes = run.eval(node.operand)
    if owned and isinstance(value, np.ndarray):
        return np.negative(value, out=value), True, codes
    result: Value = np.negative(value)
    return result, isinstance(result, np.ndarray), codes


def _fold(run: _Run, ufunc: np.ufunc, args: list[_Out]) -> _Out:
    return reduce(lambda acc, item: _apply(run, ufunc, acc, item), args[1:], args[0])


def _f_sum(run: _Run, args: list[_Out]) -> _Out:
    return _fold(run, np.add, args)


def _f_mean(run: _Run, args: list[_Out]) -> _Out:
    if len(args) == 1:
        return args[0]
    count: _Out = (np.float64(len(args)), False, _zero_codes() if run.detailed else None)
    return _apply(run, np.divide, _fold(run, np.add, args), count)


def _f_min(run: _Run, args: list[_Out]) -> _Out:
    return _fold(run, np.minimum, args)


def _f_max(run: _Run, args: list[_Out]) -> _Out:
    return _fold(run, np.maximum, args)


def _f_abs(run: _Run, args: list[_Out]) -> _Out:
    value, owned, codes = args[0]
    if owned and isinstance(value, np.ndarray):
        return np.abs(value, out=value), True, codes
    result: Value = np.abs(value)
    return result, isinstance(result, np.ndarray), codes


def _f_sqrt(run: _Run, args: list[_Out]) -> _Out:
    value, owned, codes = args[0]
    if run.detailed:
        assert codes is not None
        negative = (value < 0) & (codes == _OK)
        codes = np.where(negative, np.int8(_NEG_SQRT), codes).astype(np.int8, copy=False)
    if owned and isinstance(value, np.ndarray):
        return np.sqrt(value, out=value), True, codes
    result: Value = np.sqrt(value)
    return result, isinstance(result, np.ndarray), codes


_Function: TypeAlias = Callable[[_Run, list[_Out]], _Out]
_FUNCTION_TABLE: dict[str, tuple[_Function, int | None]] = {
    "sum": (_f_sum, None),
    "mean": (_f_mean, None),
    "min": (_f_min, None),
    "max": (_f_max, None),
    "abs": (_f_abs, 1),
    "sqrt": (_f_sqrt, 1),
}
FUNCTIONS: tuple[str, ...] = tuple(_FUNCTION_TABLE)
"""The allow-list: the only functions a formula may call (``None`` arity = one or more)."""


def _call(run: _Run, node: Node) -> _Out:
    assert isinstance(node, Call)
    entry = _FUNCTION_TABLE.get(node.func)
    if entry is None:
        raise EvaluationError("eval.unknown_function", name=node.func, allowed=", ".join(FUNCTIONS))
    function, arity = entry
    given = len(node.args)
    if (arity is not None and given != arity) or given == 0:
        expected = str(arity) if arity is not None else "≥ 1"
        raise EvaluationError("eval.bad_arity", name=node.func, expected=expected, given=given)
    return function(run, [run.eval(arg) for arg in node.args])


_HANDLERS: dict[type[Node], Callable[[_Run, Node], _Out]] = {
    Number: _number,
    Variable: _variable,
    BinOp: _binop,
    Neg: _neg,
    Call: _call,
}


# ------------------------------------------------------------------------ binding the data


def _pandas() -> Any:
    """The pandas module if it is already imported (we never import it ourselves)."""
    return sys.modules.get("pandas")


def _quote(names: Iterable[str]) -> str:
    return ", ".join(f"'{display_name(name)}'" for name in names)


def _resolve(
    target: Formula | Node, definitions: Mapping[str, str] | None
) -> tuple[Node, dict[str, str], str | None]:
    """The expression, the symbol definitions in force, and the indicator name.  Text is not
    read here (this module sits below the parser): :func:`indikator.formula.api.evaluate`
    parses it first."""
    if isinstance(target, Node):
        expr, own, name = target, {}, None
    elif isinstance(getattr(target, "expr", None), Node):
        expr, own, name = target.expr, dict(target.definitions), target.name
    else:
        raise TypeError(f"not a parsed formula: {type(target).__name__} (parse text first)")
    if definitions:
        own.update(definitions)
    return expr, own, name


@lru_cache(maxsize=1024)
def _formula_variables(expr: Node) -> dict[str, str]:
    """Variable key → name as written (first occurrence).  Cached: do not mutate."""
    seen: dict[str, str] = {}
    for node in walk(expr):
        if isinstance(node, Variable) and node.key not in seen:
            seen[node.key] = node.name
    return seen


def _aliases(variable_key: str, definitions: Mapping[str, str]) -> list[str]:
    """The keys data may use for a variable: its own, then the phrase or symbol it is bound to,
    then its name without a trailing unit annotation (``Jumlah Produksi Ikan (Ton)`` also
    answers to ``Jumlah Produksi Ikan``)."""
    keys = _aliases_cached(variable_key, tuple(definitions.items())) if definitions else [
        variable_key
    ]
    bare = unit_annotation(variable_key)
    if bare is not None and bare not in keys:
        keys = [*keys, bare]
    return keys


@lru_cache(maxsize=4096)
def _aliases_cached(variable_key: str, definitions: tuple[tuple[str, str], ...]) -> list[str]:
    keys = [variable_key]
    for symbol, phrase in definitions:
        symbol_key, phrase_key = name_key(symbol), name_key(phrase)
        if variable_key == symbol_key and phrase_key not in keys:
            keys.append(phrase_key)
        elif variable_key == phrase_key and symbol_key not in keys:
            keys.append(symbol_key)
    return keys


def _suggest(wanted: str, candidates: Mapping[str, str]) -> list[str]:
    """Names among *candidates* (key → name) close to *wanted* (a key)."""
    close = difflib.get_close_matches(wanted, list(candidates), n=3, cutoff=0.6)
    return [candidates[key] for key in close]


def check_names(
    formula_or_node: Formula | Node,
    names: Iterable[str],
    /,
    *,
    definitions: Mapping[str, str] | None = None,
) -> None:
    """Raise :class:`EvaluationError` ("did you mean …") for a name that matches no variable
    of the formula, directly or through a symbol definition."""
    expr, defs, _ = _resolve(formula_or_node, definitions)
    variables = _formula_variables(expr)
    known: dict[str, str] = {}
    for key, written in variables.items():
        for alias in _aliases(key, defs):
            known.setdefault(alias, written)
    unknown = [name for name in names if name_key(name) not in known]
    if not unknown:
        return
    candidates = dict(variables)
    for symbol, phrase in defs.items():
        if name_key(symbol) in known:
            candidates.setdefault(name_key(symbol), symbol)
            candidates.setdefault(name_key(phrase), phrase)
    suggestions: list[str] = []
    for name in unknown:
        for found in _suggest(name_key(name), candidates):
            if found not in suggestions:
                suggestions.append(found)
    if suggestions:
        raise EvaluationError(
            "eval.unknown_name_suggest", name=_quote(unknown), suggestions=_quote(suggestions)
        )
    raise EvaluationError(
        "eval.unknown_name", name=_quote(unknown), variables=_quote(variables.values())
    )


def _provided(data: Any, values: Mapping[str, Any]) -> tuple[dict[str, tuple[str, Any]], Any]:
    """Given names by key (keyword values override *data*), and a DataFrame's index."""
    pd = _pandas()
    frame_index = None
    if data is None:
        items: list[tuple[str, Any]] = []
    elif pd is not None and isinstance(data, pd.DataFrame):
        frame_index = data.index
        items = [(str(column), data.iloc[:, i]) for i, column in enumerate(data.columns)]
    elif pd is not None and isinstance(data, pd.Series):  # one record, e.g. a row
        items = [(str(label), value) for label, value in data.items()]
    elif isinstance(data, Mapping):
        items = [(str(name), value) for name, value in data.items()]
    else:
        raise TypeError(
            "evaluate() data must be a mapping, a pandas DataFrame or Series, or None; "
            f"got {type(data).__name__}"
        )
    given: dict[str, tuple[str, Any]] = {}
    for source in (items, list(values.items())):
        seen: dict[str, str] = {}
        for name, value in source:
            key = name_key(name)
            if key in seen:
                raise EvaluationError(
                    "eval.duplicate_name", name=_quote([name]), names=_quote([seen[key], name])
                )
            seen[key] = name
            given[key] = (name, value)
    return given, frame_index


def _is_missing_scalar(value: Any) -> bool:
    pd = _pandas()
    return value is None or (pd is not None and (value is pd.NA or value is pd.NaT))


def _convert(name: str, raw: Any) -> tuple[Value, Any]:
    """A given value as float64 (scalar or array), plus its index if it is a Series."""
    pd = _pandas()
    if pd is not None and isinstance(raw, pd.Series):
        try:
            if raw.dtype == np.float64:
                array = raw.to_numpy(copy=False)
            else:
                array = raw.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError) as exc:
            raise EvaluationError("eval.not_numeric", name=_quote([name]), value=str(exc)) from exc
        return array, raw.index
    if _is_missing_scalar(raw):
        return np.float64(np.nan), None
    if isinstance(raw, str | bytes):
        raise EvaluationError("eval.not_numeric", name=_quote([name]), value=repr(raw))
    try:
        array = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise EvaluationError("eval.not_numeric", name=_quote([name]), value=repr(raw)) from exc
    if array.ndim == 0:
        return np.float64(array), None
    return array, None


def _bind(
    expr: Node, definitions: Mapping[str, str], data: Any, values: Mapping[str, Any]
) -> tuple[dict[str, Value], tuple[int, ...], Any]:
    """Inputs of every variable by key, the result's shape and index (or ``None``)."""
    given, frame_index = _provided(data, values)
    variables = _formula_variables(expr)
    chosen: dict[str, tuple[str, Any]] = {}
    missing: list[str] = []
    for key, written in variables.items():
        for alias in _aliases(key, definitions):
            if alias in given:
                chosen[key] = given[alias]
                break
        else:
            missing.append(written)
    if missing:
        used = {name_key(name) for name, _ in chosen.values()}
        unused = {key: name for key, (name, _) in given.items() if key not in used}
        suggestions: list[str] = []
        for name in missing:
            for found in _suggest(name_key(name), unused):
                if found not in suggestions:
                    suggestions.append(found)
        if suggestions:
            raise EvaluationError(
                "eval.missing_suggest", names=_quote(missing), suggestions=_quote(suggestions)
            )
        raise EvaluationError("eval.missing", names=_quote(missing))
    if not variables and frame_index is None:
        chosen = dict(given)  # a constant formula takes the shape of all the data given

    env: dict[str, Value] = {}
    raws: dict[str, tuple[str, Any]] = {}
    indexes: list[Any] = [] if frame_index is None else [frame_index]
    for key, (name, raw) in chosen.items():
        env[key], index = _convert(name, raw)
        raws[key] = (name, raw)
        if index is not None:
            indexes.append(index)

    index = None
    if indexes:
        index = indexes[0]
        if not all(other is index or other.equals(index) for other in indexes[1:]):
            index = reduce(lambda a, b: a.union(b), indexes[1:], index)
            for key, (name, raw) in raws.items():
                if isinstance(raw, _pandas().Series):
                    try:
                        env[key] = _convert(name, raw.reindex(index))[0]
                    except ValueError as exc:  # duplicate labels cannot be aligned
                        raise EvaluationError(
                            "eval.shape_mismatch", shapes=f"{name}: {exc}"
                        ) from exc

    shapes = [value.shape for value in env.values() if isinstance(value, np.ndarray)]
    if index is not None:
        shapes.append((len(index),))
    try:
        if not shapes:
            shape: tuple[int, ...] = ()
        elif all(other == shapes[0] for other in shapes[1:]):
            shape = shapes[0]
        else:
            shape = np.broadcast_shapes(*shapes)
    except ValueError as exc:
        described = ", ".join(
            f"{raws[key][0]}: {len(value)}"
            for key, value in env.items()
            if isinstance(value, np.ndarray)
        )
        if index is not None:
            described += f", index: {len(index)}"
        raise EvaluationError("eval.shape_mismatch", shapes=described) from exc
    return env, shape, index


# ------------------------------------------------------------------------------ front door


def _shape_like(value: Any, shape: tuple[int, ...], owned: bool) -> Any:
    """*value* as a float (shape ``()``) or an array of *shape* the caller may keep."""
    if not shape:
        return float(value)
    if isinstance(value, np.ndarray) and value.shape == shape:
        return value if owned else value.copy()
    return np.broadcast_to(value, shape).copy()


def _walk(expr: Node, env: Mapping[str, Value], detailed: bool) -> _Out:
    run = _Run(env, detailed)
    with np.errstate(
        divide="call", invalid="call", over="ignore", under="ignore", call=run.fp_error
    ):
        return run.eval(expr)


def _reason_codes(
    expr: Node, env: Mapping[str, Value], shape: tuple[int, ...], result: Any
) -> Codes:
    """The reason code of every result.  Only the rows whose result is NaN are evaluated
    again, in detailed mode: a row's reason does not depend on the other rows (a law the
    tests check), so the detailed variant costs one pass more than :func:`evaluate` when few
    results are NaN."""
    if not shape:
        codes = _walk(expr, env, True)[2]
        assert codes is not None
        return codes
    nan_rows = np.flatnonzero(np.isnan(result))
    codes = np.zeros(shape, dtype=np.int8)
    if nan_rows.size == 0:
        return codes
    if all(not isinstance(value, np.ndarray) or value.shape == shape for value in env.values()):
        subset: dict[str, Value] = {
            key: value.reshape(-1)[nan_rows] if isinstance(value, np.ndarray) else value
            for key, value in env.items()
        }
        found = _walk(expr, subset, True)[2]
        assert found is not None
        codes.reshape(-1)[nan_rows] = np.broadcast_to(found, nan_rows.shape)
        return codes
    found = _walk(expr, env, True)[2]
    assert found is not None
    return np.broadcast_to(found, shape).astype(np.int8)


def _run(
    formula_or_node: Formula | Node,
    data: Any,
    definitions: Mapping[str, str] | None,
    values: Mapping[str, Any],
    detailed: bool,
) -> tuple[Any, Codes | None, Any, str | None]:
    expr, defs, name = _resolve(formula_or_node, definitions)
    check_depth(expr, "evaluate", error=EvaluationError)
    env, shape, index = _bind(expr, defs, data, values)
    value, owned, _ = _walk(expr, env, False)
    result = _shape_like(value, shape, owned)
    codes = _reason_codes(expr, env, shape, result) if detailed else None
    return result, codes, index, name


def _series(values: Any, index: Any, name: str | None) -> Any:
    dtype = object if values.dtype == object else None  # keep None (pandas 3 infers str)
    return _pandas().Series(values, index=index, name=name, dtype=dtype, copy=False)


def evaluate(
    formula_or_node: Formula | Node,
    data: Any = None,
    /,
    *,
    definitions: Mapping[str, str] | None = None,
    **values: Any,
) -> Any:
    """The formula's value for the data given, with the shape of the data.

    *data* is a mapping of names to values, a pandas DataFrame (columns matched to
    variables), a pandas Series taken as one record (e.g. a row), or ``None``; keyword
    *values* add to it and win over it.  Values are numbers, ``None``, sequences, numpy
    arrays or pandas Series.  *definitions* (symbol → phrase) add to the formula's own.

    >>> from indikator.formula.nodes import BinOp, Number, Variable
    >>> ratio = BinOp("*", BinOp("/", Variable("A"), Variable("B")), Number(100, percent=True))
    >>> evaluate(ratio, A=3, B=4)
    75.0
    >>> evaluate(ratio, {"a": [1, 2], "B": [4, 0]}).tolist()
    [25.0, nan]
    """
    result, _, index, name = _run(formula_or_node, data, definitions, values, detailed=False)
    return _series(result, index, name) if index is not None else result


def evaluate_detailed(
    formula_or_node: Formula | Node,
    data: Any = None,
    /,
    *,
    definitions: Mapping[str, str] | None = None,
    **values: Any,
) -> Evaluation:
    """Like :func:`evaluate`, plus the reason of every NaN (see :class:`Evaluation`).

    >>> from indikator.formula.nodes import BinOp, Variable
    >>> result = evaluate_detailed(BinOp("/", Variable("A"), Variable("B")), A=[1, None], B=0)
    >>> result.reasons.tolist()
    ['division-by-zero', 'missing-value']
    """
    result, codes, index, name = _run(formula_or_node, data, definitions, values, detailed=True)
    assert codes is not None
    if index is not None:
        return Evaluation(_series(result, index, name), codes, index, name)
    return Evaluation(result, codes)


