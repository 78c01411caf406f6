"""The formula linter: ``lint(formula, name=None, unit=None) -> list[Finding]``.

Each rule is a small function in the ordered :data:`RULES` tuple; it looks at one
:class:`Subject` (the formula text, the parsed :class:`~indikator.formula.model.Formula` or the
syntax error, the indicator name and satuan) and yields :class:`Finding` objects with a
stable code:

========  ====================  ========================================================
code      rule                  what it reports
========  ====================  ========================================================
IND001    empty                 blank, ``-``, ``0`` or a placeholder (``……``)
IND002    syntax                text the grammar cannot read (the parser's message)
IND003    constant              no variable at all: a worked example, not a formula
IND004    uncertain-reading     the reader dropped, merged or reinterpreted words by a guess
                                (the finding names the words and the alternative)
IND005    lost-operator         one quantity (or one quantity × 100) where the indicator
                                promises a ratio: a fraction bar or divisor was lost
IND010    tautology             numerator and denominator are one quantity (Jumlah X /
                                Total X): the value is a constant
IND011    tautology             a sub-expression ``a / a`` (e.g. ``a/a+b`` for ``a/(a+b)``)
IND020    inverted              planned/required/whole on top, achieved below (with the
                                swapped formula as the fix; an error only when confident)
IND030    x100-in-denominator   ``A / (100 × B)``: 10 000 times too small
IND031    x100-twice            multiplied by 100 twice
IND032    x100-missing          a percentage (by name or satuan) without × 100
IND040    unit-mismatch         satuan (Dokumen, Bulan, Rp …) vs a formula giving a %
IND041    unit-mismatch         name "Persentase …" vs a satuan that is not a percentage
IND042    unit-mismatch         name "Jumlah …" (a count) vs a formula giving a %
IND050    name-mismatch         "Rasio A terhadap B" / "A per B" but the formula divides
                                by something else
IND051    name-mismatch         the formula shares no word with the indicator name
IND060    target-denominator    a coverage ("Cakupan") divided by a target or plan
========  ====================  ========================================================

The codes are data in :data:`indikator.linter.codes.CODES` (rule, function, severities).
Messages come from ``indikator/core/locale/lint.toml`` and are rendered in the language asked for
(:meth:`Finding.message`).  Linting parses with :mod:`indikator.formula.parser` and reads structure
from :mod:`indikator.formula.analysis`; it never evaluates user text and never imports pandas.  It
does not look at realisation data: that is :mod:`indikator.linter.datacheck`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from indikator.core.errors import FormulaSyntaxError
from indikator.core.i18n import Message
from indikator.formula.analysis import (
    constant_value,
    factors,
    split_factor,
    variables,
)
from indikator.formula.depth import check_depth
from indikator.formula.model import Formula
from indikator.formula.nodes import BinOp, Node, Number, Variable, walk
from indikator.linter.judge import (
    ERROR_CONFIDENCE,
    Evidence,
    name_stems,
    same_quantity,
)
from indikator.linter.lexicon import analyse_phrase
from indikator.linter.subject import Subject, _span_of, _unmark

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

__all__ = ["RULES", "SEVERITIES", "Finding", "Message", "Subject", "lint", "subject_of"]


class _Decimal:
    """A number rendered in the message's language: ``0,99`` in Bahasa Indonesia, ``0.99`` in
    English (a parameter of :class:`~indikator.core.i18n.Message`)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def render(self, lang: str | None = None) -> str:
        from indikator.core.i18n import normalise_lang

        text = f"{self.value:.2f}"
        return text.replace(".", ",") if normalise_lang(lang) == "id" else text

def _message(key: str, params: Mapping[str, Any] | None = None) -> Message:
    """A catalogue message whose numbers and evidence lists are shown the lint way."""
    return Message(key, {k: _param(v) for k, v in (params or {}).items()})


def _param(value: Any) -> Any:
    if isinstance(value, tuple) and all(isinstance(v, Evidence) for v in value):
        return _Evidences(value)
    if isinstance(value, float):
        return _number(value)
    return value


@dataclass(frozen=True)
class _Evidences:
    """Several evidences as one message parameter, joined with "; " in the message's language."""

    items: tuple[Evidence, ...]

    def render(self, lang: str | None = None) -> str:
        return "; ".join(v.render(lang) for v in self.items)


def _number(value: float) -> str:
    if not math.isfinite(value):  # NaN or a constant that overflowed (1E308*2)
        return "NaN" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.4g}"


@dataclass(frozen=True)
class Finding:
    """One problem found in a formula.

    *code* is stable (``IND020``), *rule* the rule name (``inverted``), *span* the
    ``(start, end)`` character range in the formula text, *fix* a corrected formula text
    when one exists, *confidence* 0–1 (rules that are certain say 1.0).  *node* is the
    sub-expression concerned (for tests and tools; not part of the JSON).
    """

    code: str
    rule: str
    severity: Severity
    message_: Message
    span: tuple[int, int] | None = None
    fix: str | None = None
    confidence: float = 1.0
    evidence: tuple[Evidence, ...] = ()
    node: Node | None = field(default=None, compare=False, repr=False)

    def message(self, lang: str | None = None) -> str:
        """The message in *lang* ("id" default, or "en")."""
        return self.message_.render(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The finding as a plain dict (the contract's finding, ``docs/contract.md``, uses it)."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message(lang),
            "span": list(self.span) if self.span is not None else None,
            "fix": self.fix,
            "confidence": self.confidence,
        }


Rule = Callable[[Subject], Iterator[Finding]]

# --------------------------------------------------------------------------- rules

_PLACEHOLDER = re.compile(r"^[\s\-–—_.…?,:;=x*/()\[\]%0]*$", re.IGNORECASE)
_EMPTY_WORDS = frozenset({"n/a", "na", "nihil", "tidak ada", "belum ada", "none", "null"})


def _is_empty(text: str) -> bool:
    stripped = text.strip().strip("$").strip()
    return stripped.casefold() in _EMPTY_WORDS or bool(_PLACEHOLDER.match(stripped))


def empty(subject: Subject) -> Iterator[Finding]:
    """IND001: a blank or placeholder formula."""
    if _is_empty(subject.text):
        shown = subject.text.strip()[:40]
        yield Finding("IND001", "empty", "warning", _message("lint.empty", {"text": shown}),
                      (0, len(subject.text)))


def _offset(text: str, line: int, column: int) -> int:
    lines = text.splitlines(keepends=True)
    return min(len(text), sum(len(x) for x in lines[: max(0, line - 1)]) + max(0, column - 1))


@dataclass(frozen=True)
class _Headline:
    """The first line of an error's message (without the caret context), in any language."""

    error: FormulaSyntaxError

    def render(self, lang: str | None = None) -> str:
        return self.error.message(lang).split("\n", 1)[0]


def syntax(subject: Subject) -> Iterator[Finding]:
    """IND002: the parser could not read the formula."""
    error = subject.error
    if error is None or _is_empty(subject.text):
        return
    start = _offset(subject.text, error.line, error.column)
    detail = _Headline(error)
    yield Finding("IND002", "syntax", "error", _message("lint.syntax", {"detail": detail}),
                  (start, min(len(subject.text), start + 1)))


def uncertain_reading(subject: Subject) -> Iterator[Finding]:
    """IND004: the normaliser read words by a guess (a word dropped, merged or reinterpreted
    without a rule that makes it certain); the finding names the words and the step."""
    formula = subject.formula
    if formula is None:
        return
    for rewrite in formula.uncertain_rewrites:
        yield Finding(
            "IND004", "uncertain-reading", "warning",
            _message("lint.uncertain_reading", {
                "before": rewrite.before.strip(), "after": rewrite.after.strip() or "∅",
                "reason": Message(f"rewrite.{rewrite.step}"),
            }),
            (rewrite.start, rewrite.end), None, 0.5,
        )


_RATIO_KINDS = frozenset({"percent", "proportion", "ratio"})
_PER = re.compile(r"\b(?:per|setiap)\b", re.IGNORECASE)


def _one_quantity_times_hundred(expr: Node) -> bool:
    return (
        isinstance(expr, BinOp) and expr.op == "*"
        and isinstance(expr.left, Variable)
        and isinstance(expr.right, Number) and expr.right.value in (100.0, 1000.0, 100000.0)
    )


_SECOND_QUANTITY = re.compile(r"\S\s+(?:Jumlah|JUMLAH|Jml|Total|TOTAL|Realisasi|Target)\b")


def _merged_names(expr: Node) -> Iterator[Variable]:
    for node in walk(expr):
        if isinstance(node, Variable) and _SECOND_QUANTITY.search(node.name):
            yield node


def lost_operator(subject: Subject) -> Iterator[Finding]:
    """IND005: one quantity where the indicator promises a ratio: the fraction bar or the
    divisor was lost (``Realisasi … Target …`` with the bar gone in extraction, ``X yang
    ditemukan diantara Y × 100 %``).  A percentage, proportion or ratio by name, a ``per``
    in the name, or a lone quantity multiplied by 100 needs a denominator.  Also a name that
    holds a second quantity head mid-phrase (``Jumlah penduduk (t) Jumlah penduduk (t-1)``,
    ``Interpersonal dan Jumlah seluruh …``): two names merged where an operator or a line
    break was lost."""
    expr = subject.expr
    if expr is None:
        return
    merged = next(_merged_names(expr), None)
    if merged is not None:
        yield Finding("IND005", "lost-operator", "warning",
                      _message("lint.merged_names", {"name": merged.name}),
                      _span_of(merged), None, 0.6, node=merged)
        return
    if subject.ratio is not None:
        return
    times_hundred = _one_quantity_times_hundred(expr)
    if not (isinstance(expr, Variable) or times_hundred):
        return
    promised = subject.name_kind in _RATIO_KINDS or bool(
        subject.name and _PER.search(subject.name)
    )
    if not (times_hundred or promised):
        return
    yield Finding("IND005", "lost-operator", "warning",
                  _message("lint.lost_operator", {"name": subject.name or "-"}),
                  _span_of(expr), None, 0.7, node=expr)


def constant(subject: Subject) -> Iterator[Finding]:
    """IND003: no variable at all."""
    if subject.expr is None or subject.kind != "constant" or _is_empty(subject.text):
        return
    value = constant_value(subject.expr)
    yield Finding("IND003", "constant", "warning",
                  _message("lint.constant", {"value": value if value is not None else math.nan}),
                  _span_of(subject.expr))


def _source(subject: Subject, node: Node) -> str:
    span = _span_of(node)
    source = subject.formula.source if subject.formula is not None else ""
    source = source or subject.text
    if span is None:
        from indikator.formula.printer import to_text

        return to_text(node)
    return _unmark(source[span[0] : span[1]])


def tautology(subject: Subject) -> Iterator[Finding]:
    """IND010: numerator and denominator are one quantity; IND011: an ``a / a`` inside."""
    expr, ratio = subject.expr, subject.ratio
    if expr is None:
        return
    if ratio is not None and subject.tautological:
        sameness = same_quantity(*subject.sides) if subject.sides is not None else None
        confidence = sameness.confidence if sameness is not None else 1.0
        numerator, denominator = (
            subject.sides if subject.sides is not None
            else (_source(subject, ratio.numerator), _source(subject, ratio.denominator))
        )
        yield Finding(
            "IND010", "tautology", "error" if confidence >= ERROR_CONFIDENCE else "warning",
            _message("lint.tautology", {"numerator": numerator, "denominator": denominator,
                                       "value": ratio.factor}),
            _span_of(expr), None, confidence, node=expr,
        )
    top = None
    if ratio is not None:
        _, core = split_factor(expr)
        top = core
    parents: dict[int, Node] = {}
    for node in walk(expr):
        for child in node.children():
            parents[id(child)] = node
    for node in walk(expr):
        if not (isinstance(node, BinOp) and node.op == "/") or node is top:
            continue
        if ratio is not None and subject.tautological and node.left == ratio.numerator:
            continue
        if constant_value(node) is not None:
            continue
        same = node.left == node.right
        if not same and isinstance(node.left, Variable) and isinstance(node.right, Variable):
            same = same_quantity(_unmark(node.left.name), _unmark(node.right.name)) is not None
        if not same:
            continue
        text = _source(subject, node)
        hint: Message | str = ""
        parent = parents.get(id(node))
        if isinstance(parent, BinOp) and parent.op in ("+", "-") and parent.left is node:
            suggestion = (
                f"{_source(subject, node.left)}/({_source(subject, node.right)} "
                f"{parent.op} {_source(subject, parent.right)})"
            )
            hint = _message("lint.tautology_hint_brackets", {"suggestion": suggestion})
        yield Finding("IND011", "tautology", "error",
                      _message("lint.tautology_subexpression", {"text": text, "hint": hint}),
                      _span_of(node), None, 0.9, node=node)


def inverted(subject: Subject) -> Iterator[Finding]:
    """IND020: the achieved side below and the planned/whole side on top."""
    judgement = subject.judgement
    if judgement is None or subject.tautological or judgement.verdict != "inverted":
        return
    confidence = judgement.confidence
    severity: Severity = "error" if confidence >= ERROR_CONFIDENCE else "warning"
    assert subject.expr is not None
    fix = subject.swapped_text()
    ratio = subject.ratio
    if ratio is not None and any(True for _ in _hundreds_in_denominators(subject.expr)):
        from indikator.formula.printer import to_text

        fix = to_text(BinOp("*", BinOp("/", ratio.denominator, ratio.numerator),
                            Number(100.0, percent=True)))
    yield Finding(
        "IND020", "inverted", severity,
        _message("lint.inverted", {"confidence": _Decimal(confidence),
                                  "evidence": judgement.against}),
        _span_of(subject.expr), fix, confidence, judgement.evidence,
        node=subject.expr,
    )


def _hundreds_in_denominators(expr: Node) -> Iterator[Number]:
    for node in walk(expr):
        if isinstance(node, BinOp) and node.op == "/":
            for item in factors(node.right):
                # a "100 %" below a bar is how the parser reads "… dinyatakan dalam persen"
                # after a verbal division; only a bare 100 is the document's mistake
                if isinstance(item, Number) and item.value == 100 and not item.percent:
                    yield item


def x100_in_denominator(subject: Subject) -> Iterator[Finding]:
    """IND030: ``A / (100 × B)``."""
    if subject.expr is None:
        return
    for number in _hundreds_in_denominators(subject.expr):
        fix = None
        ratio = subject.ratio
        if ratio is not None:
            from indikator.formula.printer import to_text

            fixed = BinOp("*", BinOp("/", ratio.numerator, ratio.denominator),
                          Number(100.0, percent=True))
            fix = to_text(fixed)
        yield Finding(
            "IND030", "x100-in-denominator", "error",
            _message("lint.x100_in_denominator", {"factor": number.value, "times": 10000}),
            _span_of(number), fix, 1.0, node=number,
        )


def x100_twice(subject: Subject) -> Iterator[Finding]:
    """IND031: the formula is scaled by 10 000."""
    if subject.expr is None or subject.kind == "constant":
        return
    if math.isclose(subject.factor, 10000.0):
        yield Finding("IND031", "x100-twice", "error",
                      _message("lint.x100_twice", {"factor": subject.factor}),
                      _span_of(subject.expr), None, 1.0, node=subject.expr)


def x100_missing(subject: Subject) -> Iterator[Finding]:
    """IND032: a percentage indicator whose ratio is not multiplied by 100."""
    if subject.ratio is None or subject.yields_percent or subject.tautological:
        return
    if not math.isclose(subject.ratio.factor, 1.0):
        return
    if subject.name_kind == "percent":
        source = _message("lint.source_name")
    elif subject.unit_class == "percent":
        source = _message("lint.source_unit")
    else:
        return
    assert subject.expr is not None
    fix = None
    from indikator.formula.printer import to_text

    fix = to_text(BinOp("*", subject.expr, Number(100.0, percent=True)))
    yield Finding("IND032", "x100-missing", "warning",
                  _message("lint.x100_missing", {"source": source}),
                  _span_of(subject.expr), fix, 0.8, node=subject.expr)


_NOT_PERCENT = frozenset({"count", "time", "money", "physical", "category"})


def _first_word(name: str) -> str:
    match = re.search(r"%|[^\W\d_]+", name)
    return match.group(0) if match else name


def unit_mismatch(subject: Subject) -> Iterator[Finding]:
    """IND040–IND042: satuan, name and formula disagree about being a percentage."""
    unit_class = subject.unit_class
    if subject.yields_percent and unit_class in _NOT_PERCENT:
        yield Finding("IND040", "unit-mismatch", "error",
                      _message("lint.unit_formula", {
                          "unit": (subject.unit or "").strip(),
                          "unit_class": _message(f"lint.unit_class_{unit_class}")}),
                      _span_of(subject.expr) if subject.expr is not None else None)
    if subject.name and subject.name_kind == "percent" and unit_class in _NOT_PERCENT:
        yield Finding("IND041", "unit-mismatch", "error",
                      _message("lint.unit_name", {"word": _first_word(subject.name),
                                                 "unit": (subject.unit or "").strip(),
                                                 "unit_class": _message(
                                                     f"lint.unit_class_{unit_class}")}))
    if subject.name and subject.name_kind == "count" and subject.yields_percent:
        yield Finding("IND042", "unit-mismatch", "warning",
                      _message("lint.unit_name_count", {"word": _first_word(subject.name)}),
                      _span_of(subject.expr) if subject.expr is not None else None, None, 0.7)


_ORDER_NAME = re.compile(
    r"^\s*(?:rasio|perbandingan)\s+(?:antara\s+)?(?P<a>[^\W\d_]+(?:\s+[^\W\d_]+)*?)"
    r"\s*(?:\s(?:terhadap|per|dengan|banding)\s|[-–/:])\s*(?P<b>[^\W\d_]+(?:\s+[^\W\d_]+)*)",
    re.IGNORECASE,
)


def _abbreviates(token: str, words: Sequence[tuple[str, str]], start: int, parts: int = 0) -> bool:
    """True when *token* is made of prefixes of two or more consecutive name words from
    *start* (each word as written or as its stem): BMD, Linmas (perLINdungan MASyarakat)."""
    if not token:
        return parts >= 2
    if start >= len(words):
        return False
    for form in words[start]:
        for size in range(min(len(form), len(token)), 0, -1):
            if token.startswith(form[:size]) and _abbreviates(
                token[size:], words, start + 1, parts + 1
            ):
                return True
    return False


def _acronym_overlap(name: str, phrases: Sequence[Any]) -> bool:
    """True when the formula abbreviates words of the name (BMD = Barang Milik Daerah,
    Linmas = Perlindungan Masyarakat)."""
    from indikator.linter.lexicon import stem

    words = [(w.casefold(), stem(w)) for w in re.findall(r"[^\W\d_]+", name)]
    return any(
        _abbreviates(token.word, words[start : start + 5], 0)
        for phrase in phrases
        for token in phrase.tokens
        if 3 <= len(token.word) <= 10
        for start in range(len(words))
    )


def name_mismatch(subject: Subject) -> Iterator[Finding]:
    """IND050: "Rasio A terhadap B" dividing by something else; IND051: no shared word."""
    name = subject.name
    if not name or subject.expr is None or subject.formula is None:
        return
    sides = subject.sides
    if sides is not None:
        match = _ORDER_NAME.match(name)
        if match is not None:
            a_words, b_words = name_stems(match.group("a")), name_stems(match.group("b"))
            num, den = analyse_phrase(sides[0]), analyse_phrase(sides[1])
            if (
                a_words and b_words and a_words & num.stems
                and not b_words & den.stems and not b_words & num.stems
                and len(den.tokens) > 1
            ):
                assert subject.ratio is not None
                yield Finding(
                    "IND050", "name-mismatch", "warning",
                    _message("lint.name_order", {"name": name.strip(),
                                                "side": _message("lint.side_denominator"),
                                                "expected": match.group("b").strip(),
                                                "actual": sides[1]}),
                    _span_of(subject.ratio.denominator), None, 0.7,
                    node=subject.ratio.denominator,
                )
                return
    words = name_stems(name)
    if len(words) < 2:
        return
    phrases = [analyse_phrase(subject.phrase(v)) for v in variables(subject.expr)]
    if not phrases or any(p.symbolic for p in phrases):
        return
    formula_stems = frozenset().union(*(p.stems for p in phrases))
    if len(formula_stems) < 2 or words & formula_stems or _acronym_overlap(name, phrases):
        return
    yield Finding("IND051", "name-mismatch", "info",
                  _message("lint.name_subject", {"name": name.strip()}),
                  _span_of(subject.expr), None, 0.5)


def target_denominator(subject: Subject) -> Iterator[Finding]:
    """IND060: a coverage indicator divided by a target or plan instead of a population."""
    name, sides = subject.name, subject.sides
    if not name or sides is None or subject.tautological:
        return
    if not re.match(r"\s*cakupan\b", name, re.IGNORECASE):
        return
    num, den = analyse_phrase(sides[0]), analyse_phrase(sides[1])
    top_d = den.top_marker
    if top_d is None or top_d.stem not in ("target", "rencana") or (num.rank or 0) < 4:
        return
    assert subject.ratio is not None
    yield Finding("IND060", "target-denominator", "info",
                  _message("lint.target_denominator", {"denominator": sides[1]}),
                  _span_of(subject.ratio.denominator), None, 0.6,
                  node=subject.ratio.denominator)


RULES: tuple[Rule, ...] = (
    empty,
    syntax,
    uncertain_reading,
    lost_operator,
    constant,
    tautology,
    inverted,
    x100_in_denominator,
    x100_twice,
    x100_missing,
    unit_mismatch,
    name_mismatch,
    target_denominator,
)
"""The rules, in the order their findings are reported."""


def subject_of(formula: Formula | str, name: str | None = None, unit: str | None = None) -> Subject:
    """The :class:`Subject` the rules see (parsed text, ratio sides, judgement, swap)."""
    if isinstance(formula, Formula):
        check_depth(formula, "lint")
        text = formula.source
        if not text:
            from indikator.formula.printer import to_text

            text = to_text(formula)
        return Subject(text, formula, None, name, unit)
    text = formula
    if _is_empty(text):
        return Subject(text, None, None, name, unit)
    from indikator.formula.parser import parse

    try:
        return Subject(text, parse(text), None, name, unit)
    except FormulaSyntaxError as error:
        return Subject(text, None, error, name, unit)


_NUMBERING = re.compile(
    r"^\s*(?:(?:\d{1,3}|[IVXLC]{1,6}|[a-z])[.)]\s*)+(?:\d{1,3}(?=\s))?\s*"
    r"|^\s*(?:[IVXLC]{1,6}|\d{1,3})(?:[.)]\d{1,3})+\s+"
)


def strip_numbering(name: str) -> str:
    """An indicator name without the outline number tables put before it (``2.a.3. Rasio …``,
    ``III.1 Persentase …``, ``1) Cakupan …``), so that the rules read its first real word."""
    stripped = _NUMBERING.sub("", name, count=1).strip()
    return stripped if stripped and stripped[0].isalpha() else name.strip()


def lint(
    formula: Formula | str,
    name: str | None = None,
    unit: str | None = None,
    *,
    rules: Sequence[Rule] | None = None,
) -> list[Finding]:
    """All findings for one formula (a parsed :class:`Formula` or its text).

    *name* is the indicator's name and *unit* its satuan, both optional: several rules use
    them (the name says which quantity is on top; the satuan says whether the value is a
    percentage).  *rules* restricts the run to some of :data:`RULES`.

    >>> text = "Jumlah dokumen yang direncanakan / Jumlah dokumen yang dilaksanakan x 100%"
    >>> [f.rule for f in lint(text)]
    ['inverted']
    """
    name = strip_numbering(name) if name and name.strip() else None
    unit = unit.strip() if unit and unit.strip() else None
    subject = subject_of(formula, name, unit)
    findings: list[Finding] = []
    for rule in rules if rules is not None else RULES:
        findings.extend(rule(subject))
    return findings
