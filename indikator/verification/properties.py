"""Property-test one indicator definition: ``verify(indicator_or_formula) -> VerifyReport``.

A formula can parse, lint clean-ish and still compute nonsense.  :func:`verify` draws many
sets of *valid* data for the formula's variables (with hypothesis, through
:mod:`indikator.verification.strategies`, reproducibly: no example database, derandomised) and
checks five
properties, each reported as passed, failed (with the smallest falsifying example: the
variable values and the value computed) or not applicable (with the reason):

``capaian-100``           realisation = target gives capaian 100 (with the indicator's arah);
``rises-with-achieved``   raising the achieved side (realised, approved, the part) raises the
                          value; a formula whose numerator and denominator are one quantity
                          fails here, and the example shows the value stays constant;
``falls-with-base``       raising the base (planned, required, the whole) lowers the value;
``within-0-100``          where the words say the achieved side is a subset of the base
                          (coverage, "persentase … yang …"), the value stays within 0–100;
``no-division-by-zero``   valid data always gives a value (no division by zero, no NaN).

*Valid data*: every quantity is ≥ 0; a quantity inside a denominator is > 0; where the
achieved side is a part of the base, part ≤ whole.  Which side is achieved and which is the
base is read from the words by :func:`indikator.linter.judge.judge` (the linter's judgement, so an
inverted formula "yang direncanakan / yang dilaksanakan" has its achieved side below), and
"part of whole" by :func:`indikator.linter.judge.part_of_whole`; two phrases naming one quantity
(:class:`indikator.linter.rules.Subject` ``.tautological``, e.g. "Jumlah X / Total X") get one
value.
Without words to go on the numerator is taken as the achieved side (the documents'
convention) and the report says so (``basis``).

This module needs hypothesis only when :func:`verify` runs (it is an optional extra); the
plan, the checks and the report are plain Python and numpy.  It does not lint (see
:mod:`indikator.linter.rules`) and does not read realisation tables.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from indikator.core.errors import IndikatorError
from indikator.core.i18n import t
from indikator.formula.model import Formula
from indikator.verification.plan import _TOLERANCE, Plan, VerifyError, plan_of

if TYPE_CHECKING:
    from indikator.catalog.loader import Indicator

__all__ = [
    "DEFAULT_EXAMPLES",
    "PROPERTIES",
    "Example",
    "Plan",
    "PropertyResult",
    "VerifyError",
    "VerifyReport",
    "plan_of",
    "verify",
]

Status = Literal["passed", "failed", "not-applicable"]
Basis = Literal["words", "position", "structure", "none"]
PROPERTIES: tuple[str, ...] = (
    "capaian-100",
    "rises-with-achieved",
    "falls-with-base",
    "within-0-100",
    "no-division-by-zero",
)
"""The properties :func:`verify` checks, in report order."""

DEFAULT_EXAMPLES = 100
"""Examples drawn per property unless ``max_examples`` says otherwise."""



# ------------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Example:
    """A falsifying example: the variables' values and what the formula gives for them.

    For the monotonicity properties *changed* holds the variable(s) after the change and
    *value_after* the value then; for ``capaian-100``, *capaian* is the capaian of R = T =
    *value*; for ``no-division-by-zero``, *reason* is the evaluator's reason code.
    """

    values: Mapping[str, float]
    value: float
    changed: Mapping[str, float] | None = None
    value_after: float | None = None
    capaian: float | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"values": dict(self.values), "value": _json_number(self.value)}
        if self.changed is not None:
            data["changed"] = dict(self.changed)
            data["value_after"] = _json_number(self.value_after)
        if self.capaian is not None or self.reason == "capaian":
            data["capaian"] = _json_number(self.capaian)
        if self.reason is not None and self.reason != "capaian":
            data["reason"] = self.reason
        return data


def _json_number(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return value


def _show(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def _show_values(values: Mapping[str, float]) -> str:
    return ", ".join(f"{name} = {_show(value)}" for name, value in values.items()) or "-"


@dataclass(frozen=True)
class PropertyResult:
    """One property's outcome: *status*, the falsifying *example* when it failed, and a
    message key (*note*) with parameters explaining a failure or why it does not apply."""

    name: str
    status: Status
    example: Example | None = None
    note: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    examples: int = 0

    def title(self, lang: str | None = None) -> str:
        """The property in words ("capaian = 100 when R = T")."""
        return t(f"verify.property_{self.name.replace('-', '_')}", lang)

    def message(self, lang: str | None = None) -> str:
        """Why it failed (with the example) or why it does not apply; "" when it passed."""
        if self.note is None:
            return ""
        params = {k: v.message(lang) if isinstance(v, IndikatorError) else v
                  for k, v in self.params.items()}
        if self.example is not None:
            params.setdefault("values", _show_values(self.example.values))
            params.setdefault("value", _show(self.example.value))
            if self.example.changed is not None:
                params.setdefault("changed", _show_values(self.example.changed))
                params.setdefault("value_after", _show(self.example.value_after))
            params.setdefault("capaian", _show(self.example.capaian))
            if self.example.reason is not None:
                params.setdefault("reason", self.example.reason)
        return t(self.note, lang, **params)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "status": self.status,
            "example": self.example.to_json() if self.example is not None else None,
        }
        message = self.message(lang)
        if message:
            data["message"] = message
        return data


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of :func:`verify` for one indicator (or formula)."""

    code: str | None
    name: str | None
    formula: str
    plan: Plan | None
    properties: tuple[PropertyResult, ...]

    @property
    def ok(self) -> bool:
        """True when no property failed."""
        return not self.failed

    @property
    def failed(self) -> tuple[PropertyResult, ...]:
        return tuple(p for p in self.properties if p.status == "failed")

    def __getitem__(self, name: str) -> PropertyResult:
        for result in self.properties:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "formula": self.formula,
            "plan": self.plan.describe() if self.plan is not None else None,
            "properties": [p.to_json(lang) for p in self.properties],
        }


# ------------------------------------------------------------------------------- the checks


def _finite(value: float) -> bool:
    return math.isfinite(value)


def _capaian(plan: Plan, values: Sequence[float]) -> Example | bool | None:
    """``None``: example not checked; ``True``: holds; an :class:`Example`: fails."""
    from indikator.capaian.methods import achievement

    value = plan.evaluate(plan.formula, values)
    if not _finite(value) or value <= 0:
        return None  # undefined values are no-division-by-zero's; target ≤ 0 has no capaian
    capaian = float(achievement(value, value, plan.direction))
    if math.isfinite(capaian) and math.isclose(capaian, 100.0, rel_tol=1e-9, abs_tol=1e-9):
        return True
    return Example(plan.data(values), value, capaian=capaian, reason="capaian")


def _moved(values: Sequence[float], index: int, step: float) -> list[float]:
    after = list(values)
    after[index] = after[index] + step
    return after


def _monotone(
    plan: Plan, values: Sequence[float], index: int, step: float, rising: bool
) -> Example | bool | None:
    """Raise quantity *index* by *step*: the side it belongs to must rise (and, for the
    base, the achieved side must stay), then the value must rise (*rising*) or fall."""
    side = plan.achieved if rising else plan.base
    assert side is not None
    after = _moved(values, index, step)
    if not plan.valid(after):
        return None
    side_before, side_after = plan.evaluate(side, values), plan.evaluate(side, after)
    if not (_finite(side_before) and _finite(side_after) and side_after > side_before):
        return None
    if not rising and plan.achieved is not None:
        part = plan.evaluate(plan.achieved, values)
        if not part > 0 or plan.evaluate(plan.achieved, after) != part:
            return None  # a zero part stays zero whatever the base
    before_value = plan.evaluate(plan.formula, values)
    after_value = plan.evaluate(plan.formula, after)
    if not (_finite(before_value) and _finite(after_value)):
        return None
    if (after_value > before_value) if rising else (after_value < before_value):
        return True
    group = plan.quantities[index]
    return Example(plan.data(values), before_value,
                   changed={name: after[index] for name in group}, value_after=after_value)


def _within(plan: Plan, values: Sequence[float]) -> Example | bool | None:
    value = plan.evaluate(plan.formula, values)
    if not _finite(value):
        return None
    if -_TOLERANCE <= value <= 100 * (1 + _TOLERANCE):
        return True
    return Example(plan.data(values), value)


def _defined(plan: Plan, values: Sequence[float]) -> Example | bool | None:
    from indikator.formula.evaluator import evaluate_detailed

    result = evaluate_detailed(plan.formula, plan.data(values),
                               definitions=dict(plan.formula.definitions))
    value = float(result.values)
    if _finite(value):
        return True
    reason = result.reasons if result.reasons is not None else "overflow"
    return Example(plan.data(values), value, reason=str(reason))


# ---------------------------------------------------------------------------------- running


def _not_applicable(name: str, note: str, **params: Any) -> PropertyResult:
    return PropertyResult(name, "not-applicable", None, note, params)


Move = tuple[list[float], int | None, int | None, float]
"""One drawn example: a value per quantity, a quantity of the achieved side and one of the
base to raise (``None`` when there is none), and by how much."""
Check = Callable[[Move], "Example | bool | None"]


def _checks(plan: Plan) -> tuple[dict[str, Check], list[PropertyResult]]:
    """The checks that apply to *plan*, and the results of the properties that do not."""
    checks: dict[str, Check] = {"capaian-100": lambda m: _capaian(plan, m[0])}
    decided: list[PropertyResult] = []
    if plan.kind == "constant":
        value = plan.evaluate(plan.formula, [])
        decided.append(PropertyResult(
            "rises-with-achieved", "failed", Example({}, value), "verify.fail_no_variable"))
    elif plan.achieved is None or not plan.achieved_quantities:
        decided.append(_not_applicable("rises-with-achieved", "verify.na_no_sides",
                                       kind=plan.kind))
    else:
        checks["rises-with-achieved"] = lambda m: (
            None if m[1] is None else _monotone(plan, m[0], m[1], m[3], rising=True))
    if plan.base is None:
        decided.append(_not_applicable("falls-with-base", "verify.na_no_base", kind=plan.kind))
    elif not plan.base_quantities - plan.achieved_quantities:
        decided.append(_not_applicable("falls-with-base", "verify.na_base_is_achieved"))
    else:
        checks["falls-with-base"] = lambda m: (
            None if m[2] is None else _monotone(plan, m[0], m[2], m[3], rising=False))
    if plan.part_of_whole:
        checks["within-0-100"] = lambda m: _within(plan, m[0])
    else:
        decided.append(_not_applicable("within-0-100", "verify.na_not_part_of_whole"))
    checks["no-division-by-zero"] = lambda m: _defined(plan, m[0])
    return checks, decided


def _moves(plan: Plan) -> Any:
    from hypothesis import strategies as st

    from indikator.verification.strategies import plan_values, steps

    achieved = sorted(plan.achieved_quantities)
    base_only = sorted(plan.base_quantities - plan.achieved_quantities)
    return st.tuples(
        plan_values(plan),
        st.sampled_from(achieved) if achieved else st.none(),
        st.sampled_from(base_only) if base_only else st.none(),
        steps(),
    )


def _properties(plan: Plan, max_examples: int) -> list[PropertyResult]:
    """Run every applicable check over one shared stream of examples; search again (and
    shrink) only for the properties that failed somewhere in it."""
    from indikator.verification.strategies import falsify

    checks, decided = _checks(plan)
    moves = _moves(plan)
    checked = dict.fromkeys(checks, 0)
    first_failure: dict[str, Move] = {}

    def observe(move: Move) -> bool:
        for name, check in checks.items():
            if name in first_failure:
                continue
            outcome = check(move)
            if outcome is None:
                continue
            checked[name] += 1
            if isinstance(outcome, Example):
                first_failure[name] = move
        return False  # never "found": run every example

    falsify(moves, observe, max_examples=max_examples)
    results: dict[str, PropertyResult] = {r.name: r for r in decided}
    for name, check in checks.items():
        if name not in first_failure:
            if checked[name] == 0:
                results[name] = _not_applicable(name, "verify.na_no_examples")
            else:
                results[name] = PropertyResult(name, "passed", examples=checked[name])
            continue
        smallest = falsify(moves, _failing(check), max_examples=max_examples)
        example = check(smallest if smallest is not None else first_failure[name])
        assert isinstance(example, Example)
        note = _FAILURE_NOTES[name]
        if name == "rises-with-achieved" and example.value_after == example.value:
            note = "verify.fail_constant"
        results[name] = PropertyResult(name, "failed", example, note, examples=checked[name])
    return [results[name] for name in PROPERTIES]


def _failing(check: Check) -> Callable[[Move], bool]:
    def fails(move: Move) -> bool:
        return isinstance(check(move), Example)

    return fails


_FAILURE_NOTES: dict[str, str] = {
    "capaian-100": "verify.fail_capaian",
    "rises-with-achieved": "verify.fail_rises",
    "falls-with-base": "verify.fail_falls",
    "within-0-100": "verify.fail_within",
    "no-division-by-zero": "verify.fail_undefined",
}


def verify(
    indicator_or_formula: Indicator | Formula | str,
    *,
    direction: str | None = None,
    name: str | None = None,
    unit: str | None = None,
    part_of_whole: bool | None = None,
    max_examples: int = DEFAULT_EXAMPLES,
) -> VerifyReport:
    """Property-test one indicator definition (or a formula) and report each property.

    *indicator_or_formula* is a catalogue :class:`~indikator.catalog.loader.Indicator` (its name,
    satuan and arah are used), a parsed :class:`~indikator.formula.model.Formula` or formula text.
    *direction* ("higher"/"naik" or "lower"/"turun") overrides the indicator's arah (default
    higher); *name*, *unit* and *part_of_whole* override what the indicator says.  Each
    property draws up to *max_examples* examples; runs are reproducible.  Needs hypothesis
    (raises :class:`VerifyError` when it is not installed).

    >>> report = verify("Jumlah Dokumen yang direncanakan / Jumlah Dokumen yang dilaksanakan"
    ...                 " x 100%", max_examples=50)
    >>> report["rises-with-achieved"].status
    'failed'
    """
    try:
        import hypothesis  # noqa: F401
    except ModuleNotFoundError as exc:
        raise VerifyError("verify.hypothesis_missing") from exc
    from indikator.catalog.loader import Indicator
    from indikator.core.errors import FormulaSyntaxError

    code: str | None = None
    if isinstance(indicator_or_formula, Indicator):
        indicator = indicator_or_formula
        code, text = indicator.code, indicator.formula
        name = name if name is not None else indicator.name
        unit = unit if unit is not None else indicator.satuan
        direction = direction if direction is not None else indicator.direction
        formula: Formula | str = indicator_or_formula.formula
    else:
        formula = indicator_or_formula
        text = formula if isinstance(formula, str) else (formula.source or formula.to_text())
    if isinstance(formula, str):
        from indikator.formula.parser import parse

        try:
            formula = parse(formula)
        except FormulaSyntaxError as error:
            skipped = tuple(
                PropertyResult(p, "not-applicable", None, "verify.na_syntax", {"detail": error})
                for p in PROPERTIES
            )
            return VerifyReport(code, name, text, None, skipped)
    from indikator.formula.depth import check_depth

    check_depth(formula, "verify")
    if name is None:
        name = formula.name
    plan = plan_of(formula, name=name, unit=unit, direction=direction or "higher",
                   part_of_whole=part_of_whole)
    return VerifyReport(code, name, text, plan, tuple(_properties(plan, max_examples)))

