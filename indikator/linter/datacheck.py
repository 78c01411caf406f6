"""Check realisation data against what a formula claims: impossible values, row by row.

``check_data(formula, data, name=None, unit=None, reported=None)`` evaluates the formula's
numerator, denominator and value over the data (vectorised, through
:mod:`indikator.formula.evaluator`) and reports the rows where the numbers contradict the formula:

``part-exceeds-whole``  the text says the numerator is a part of the denominator (coverage:
                        "desa yang ..." over "seluruh desa"), yet it is larger: > 100 %;
``double-100``          a reported value about 100 times the computed one, or a computed
                        value between 100 and 10 000 although the part does not exceed the
                        whole: a percentage multiplied by 100 twice (600 % printed 60 000 %);
``negative``            a count that is negative;
``zero-denominator``    a denominator of 0 (the value is undefined);
``missing-variable``    no data for a variable of the formula (the evaluator's message).

Whether the numerator is a part of the denominator is read from the words (see
:func:`indikator.linter.judge.part_of_whole`) unless the caller says so with ``part_of_whole=``.
This module reports; it never changes data and never raises for bad rows.  It imports numpy
(and pandas only when given a DataFrame, through the evaluator).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from indikator.core.errors import EvaluationError
from indikator.core.i18n import Message
from indikator.formula.analysis import ratio_of, variables
from indikator.formula.depth import check_depth
from indikator.formula.model import Formula
from indikator.formula.nodes import Node
from indikator.linter.judge import part_of_whole as words_say_part_of_whole

Severity = Literal["error", "warning", "info"]
SHOWN_ROWS = 10
"""How many row numbers a message lists before "…"."""

__all__ = ["DataFinding", "check_data"]


@dataclass(frozen=True)
class DataFinding:
    """Rows of the data that contradict the formula (0-based positions in *rows*)."""

    code: str
    rule: str
    severity: Severity
    message_: Message
    rows: tuple[int, ...] = field(default=())

    def message(self, lang: str | None = None) -> str:
        return self.message_.render(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message(lang),
            "rows": list(self.rows),
        }


def _rows_text(rows: npt.NDArray[np.intp]) -> str:
    shown = ", ".join(str(int(r) + 1) for r in rows[:SHOWN_ROWS])
    return shown + (", …" if len(rows) > SHOWN_ROWS else "")


def _values(node: Node | Formula, data: Any, definitions: Mapping[str, str]) -> npt.NDArray[
    np.float64
]:
    from indikator.formula.evaluator import evaluate

    result = evaluate(node, data, definitions=dict(definitions))
    return np.atleast_1d(np.asarray(result, dtype=np.float64))


def _finding(
    code: str, rule: str, severity: Severity, key: str, mask: npt.NDArray[np.bool_],
    **params: Any,
) -> DataFinding | None:
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return None
    return DataFinding(code, rule, severity, Message(key, {"rows": _rows_text(rows), **params}),
                       tuple(int(r) for r in rows))


def check_data(
    formula: Formula | str,
    data: Any,
    *,
    name: str | None = None,
    unit: str | None = None,
    reported: Any = None,
    part_of_whole: bool | None = None,
    tolerance: float = 0.02,
) -> list[DataFinding]:
    """Findings for the rows of *data* (a mapping of names to arrays, or a DataFrame) whose
    values are impossible for *formula*.

    *reported* is the value the document printed (a column name in *data*, or an array):
    when given, rows where it is about 100 × the computed value are reported.  *tolerance*
    is the relative difference accepted for "about".
    """
    if isinstance(formula, str):
        from indikator.formula.parser import parse

        formula = parse(formula)
    check_depth(formula, "lint")
    definitions = formula.definitions
    findings: list[DataFinding] = []
    try:
        value = _values(formula, data, definitions)
    except EvaluationError as error:
        return [DataFinding("IND109", "missing-variable", "error",
                            Message(error.key, dict(error.params)))]
    for variable in variables(formula.expr):
        column = _values(variable, data, definitions)
        found = _finding("IND104", "negative", "error", "lint.data_negative",
                         np.nan_to_num(column, nan=0.0) < 0, variable=variable.name)
        if found is not None:
            findings.append(found)
    ratio = ratio_of(formula.expr)
    if ratio is None:
        return findings
    top = _values(ratio.numerator, data, definitions)
    bottom = _values(ratio.denominator, data, definitions)
    top, bottom = np.broadcast_arrays(top, bottom)
    value = np.broadcast_to(value, top.shape)
    top_name = " ".join(formula.phrase(v.name) for v in variables(ratio.numerator))
    bottom_name = " ".join(formula.phrase(v.name) for v in variables(ratio.denominator))
    zero = _finding("IND105", "zero-denominator", "warning", "lint.data_zero_denominator",
                    bottom == 0, denominator=bottom_name)
    if zero is not None:
        findings.append(zero)
    if part_of_whole is None:
        part_of_whole = words_say_part_of_whole(top_name, bottom_name, name)
    with np.errstate(invalid="ignore"):
        exceeds = np.asarray(top > bottom * (1 + 1e-9)) & (bottom > 0)
        if part_of_whole:
            found = _finding("IND101", "part-exceeds-whole", "error",
                             "lint.data_part_exceeds_whole", exceeds,
                             numerator=top_name, denominator=bottom_name)
            if found is not None:
                findings.append(found)
            looks_double = np.asarray(top <= bottom) & (bottom > 0) & (value > 100 * (1 + 1e-9))
            looks_double &= value <= 10000 * (1 + 1e-9)
            found = _finding("IND103", "double-100", "error", "lint.data_looks_double_100",
                             looks_double)
            if found is not None:
                findings.append(found)
        if reported is not None:
            printed = reported
            if isinstance(reported, str):
                printed = data[reported]
            printed_values = np.asarray(printed, dtype=np.float64)
            expected = value * 100
            near = np.abs(printed_values - expected) <= tolerance * np.abs(expected)
            near &= (value != 0) & np.isfinite(value)
            found = _finding("IND106", "double-100", "error", "lint.data_double_100", near)
            if found is not None:
                findings.append(found)
    return findings
