"""The operations the CLI and the HTTP server both offer, each returning contract objects.

``evaluate_text`` (eval), ``lint_entries`` (lint), ``rate_texts`` (scale rate): each takes
plain inputs (texts, not files or request objects), calls the library and returns the
``result`` (and ``findings``) of an envelope (:mod:`indikator.contract.envelope`), so that
``indikator eval --json`` and ``POST /api/v1/eval`` cannot give different answers.  Errors are
raised as :class:`~indikator.core.errors.IndikatorError`; callers turn them into a rejected
envelope.  Nothing here reads or writes a file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from indikator.contract.shapes import (
    eval_result,
    finding_json,
    lint_item,
    rating_json,
    severity_counts,
    where,
)
from indikator.core.errors import EvaluationError, ScaleError
from indikator.core.i18n import t
from indikator.linter.files import Entry


def _number_values(pairs: Sequence[tuple[str, str]], lang: str) -> dict[str, float | None]:
    """The values as documents print them (``5,36``, ``1.800.085``, ``-`` missing → ``None``),
    read together as one column so that ``B=0.035`` is evidence for ``A=3.460``; a value that
    stays ambiguous is refused with both readings (:func:`indikator.documents.evidence.
    read_values`)."""
    from indikator.core.errors import NumberFormatError
    from indikator.documents.evidence import read_values

    quantities, _ = read_values([text for _, text in pairs], lang=lang)
    values: dict[str, float | None] = {}
    for (name, text), quantity in zip(pairs, quantities, strict=True):
        if isinstance(quantity, NumberFormatError):
            if quantity.key == "numbers.ambiguous_value":
                raise quantity
            raise EvaluationError("eval.not_numeric", name=f"'{name}'", value=text)
        if quantity.kind == "missing":
            values[name] = None
        elif quantity.kind != "number" or quantity.value is None:
            raise EvaluationError("eval.not_numeric", name=f"'{name}'", value=text)
        else:
            values[name] = quantity.value
    return values


def evaluate_text(text: str, pairs: Sequence[tuple[str, str]], lang: str) -> dict[str, Any]:
    """Parse *text*, bind ``(name, value text)`` *pairs* after normalisation, evaluate.

    The ``eval`` result: ``value`` (``None`` when not finite) with the ``reason`` and its
    ``message`` in *lang*.
    """
    from indikator.formula.evaluator import check_names, evaluate_detailed
    from indikator.formula.parser import parse

    formula = parse(text)
    check_names(formula, [name for name, _ in pairs])
    values = _number_values(pairs, lang)
    detailed = evaluate_detailed(formula, values)
    value = float(detailed.values)
    reason: str | None = None
    if math.isnan(value) and detailed.reasons is not None:
        reason = str(detailed.reasons)
    elif math.isinf(value):  # JSON has no infinity
        reason = "overflow"
    message = None if reason is None else t(f"eval.reason_{reason}", lang)
    return eval_result(value, reason, message)


def lint_entries(
    entries: Sequence[Entry], lang: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Lint every entry: the ``lint`` result (one item per formula, a summary) and the flat
    list of findings, each with its place (``where.item`` indexes ``result.formulas``)."""
    from indikator.linter.rules import lint

    items: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for index, entry in enumerate(entries):
        found = lint(entry.formula, entry.name, entry.unit)
        place = where(index, file=entry.file, line=entry.line, source_line=entry.source_line,
                      indicator=entry.name)
        findings.extend(finding_json(finding, lang, place) for finding in found)
        items.append(lint_item(file=entry.file, line=entry.line, source_line=entry.source_line,
                               indicator=entry.name, unit=entry.unit, formula=entry.formula,
                               findings=len(found)))
    summary = {"formulas": len(items), **severity_counts(findings)}
    return {"formulas": items, "summary": summary}, findings


def _rated_values(texts: Sequence[str], domain: Any, lang: str) -> list[float]:
    """The values read together (each other's evidence for ``90.000`` beside ``80.68``) and
    by the scale's *domain* (:func:`indikator.documents.evidence.read_values`)."""
    from indikator.core.errors import NumberFormatError
    from indikator.documents.evidence import read_values

    quantities, _ = read_values(list(texts), domain=domain, lang=lang)
    values: list[float] = []
    for text, quantity in zip(texts, quantities, strict=True):
        if isinstance(quantity, NumberFormatError):
            if quantity.key == "numbers.ambiguous_value":
                raise quantity
            raise ScaleError("scales.bad_value", value=text)
        if quantity.kind == "missing":
            values.append(math.nan)
        elif quantity.kind != "number" or quantity.value is None:
            raise ScaleError("scales.bad_value", value=text)
        else:
            values.append(float(quantity.value))
    return values


def rate_texts(scale: Any, texts: Sequence[str], lang: str) -> dict[str, Any]:
    """Rate values written as documents write them (``80,68``; codes on an ordinal scale).

    The ``scale.rate`` result: the scale's name and one rating per text, in order.
    """
    from indikator.scales.rating import rate
    from indikator.scales.results import Rating

    ratings: list[dict[str, Any]] = []
    if scale.kind == "ordinal":
        for text in texts:
            band = scale.band(text)
            ratings.append(rating_json(text, None, band.code, band.label,
                                       scale.rank(band.code), None, None))
    else:
        values = _rated_values(texts, scale.domain, lang)
        rated = rate(values, scale)
        listed = [rated] if isinstance(rated, Rating) else list(rated)
        for text, rating in zip(texts, listed, strict=True):
            message = None if rating.rated else rating.message(lang, domain=str(scale.domain))
            ratings.append(rating_json(text, rating.value, rating.code, rating.label,
                                       rating.rank, rating.reason, message))
    return {"scale": scale.name, "ratings": ratings}
