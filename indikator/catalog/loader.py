"""Indicator catalogues: definitions in TOML, validated on load, written back.

A catalogue file holds an optional ``[catalog]`` table (``name``, ``title``, ``source``,
``table``) and one ``[[indicator]]`` table per indicator::

    [[indicator]]
    code = "nilai-evaluasi-akip"          # unique in the catalogue
    name = "Nilai Evaluasi AKIP"
    satuan = "Nilai"                      # may be "" when the document gives none
    formula = 'Nilai Evaluasi AKIP'       # parsed with indikator.parse
    arah = "naik"                         # naik (higher is better) | turun
    aggregation = "last"                  # sum | last | mean | max | min (end of period)
    scale = "akip"                        # optional; a scale load_scale() knows
    source_line = 236                     # 1-based line in the source document
    actual = { 2018 = 52.31, 2019 = 54.64, 2020 = 55.33 }     # optional, per year
    target = { 2021 = 61.0, 2022 = 62.0, 2023 = 63.0 }        # optional, per year
    end_of_period = { before = "BB", after = 63.0 }           # optional
    inferred = ["arah", "aggregation", "scale"]               # fields the importer guessed

Optional fields also: ``table``, ``context`` (list of tujuan/sasaran/program texts),
``explanation``, ``baseline``, ``budget`` (per year, Rp), ``also_lines`` (where the same row
is printed again).  Values are numbers or strings (categories such as ``"BB"``).

:func:`load_catalog` reads a file or every ``*.toml`` below a folder and checks every entry;
all problems (file, entry, field, what was expected) are collected and raised together as one
:class:`~indikator.core.errors.CatalogError` whose ``problems`` attribute lists them.
:func:`to_toml` / :func:`dump` write a catalogue.  Turning the tables of a document into
indicators is :mod:`indikator.catalog.importer`'s job.

This module does not compute capaian or rate values (see :mod:`indikator.capaian.methods`,
:mod:`indikator.scales.scale`).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indikator.capaian.direction import direction_names
from indikator.core.errors import CatalogError, IndikatorError
from indikator.core.i18n import Message, t
from indikator.core.tomlfile import TomlTooDeep, load_toml, toml_comment, toml_string

if TYPE_CHECKING:
    from indikator.formula.model import Formula

__all__ = [
    "AGGREGATIONS",
    "DIRECTIONS",
    "Catalog",
    "Indicator",
    "Problem",
    "dump",
    "load_catalog",
    "to_toml",
]

DIRECTIONS: tuple[str, ...] = direction_names()
AGGREGATIONS: tuple[str, ...] = ("sum", "last", "mean", "max", "min")
_REQUIRED: tuple[str, ...] = ("code", "name", "satuan", "formula", "arah", "aggregation")
_OPTIONAL: tuple[str, ...] = (
    "scale",
    "source_line",
    "table",
    "context",
    "explanation",
    "actual",
    "target",
    "baseline",
    "budget",
    "end_of_period",
    "inferred",
    "also_lines",
    "notes",
)
_PER_YEAR: tuple[str, ...] = ("actual", "target", "budget")

Value = float | str


# --------------------------------------------------------------------------------------------
# problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalogue: where (file, entry, field) and what (a message key)."""

    file: str
    entry: str
    field_name: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    error: IndikatorError | None = field(default=None, compare=False)

    def message(self, lang: str | None = None) -> str:
        detail = {} if self.error is None else {"detail": self.error}  # a parser's error
        what = Message(self.key, {**self.params, **detail})
        return Message("catalog.problem", {"file": self.file, "entry": self.entry,
                                           "field": self.field_name, "what": what}).render(lang)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {"file": self.file, "entry": self.entry, "field": self.field_name,
                "message": self.message(lang)}


class _CatalogError(CatalogError):
    """A :class:`CatalogError` that renders every problem in the requested language."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("catalog.invalid", count=len(problems), details="",
                         path=problems[0].file if problems else None)
        self.problems = problems

    def message(self, lang: str | None = None) -> str:
        details = "\n".join("  " + p.message(lang) for p in self.problems)
        return t(self.key, lang, count=len(self.problems), details=details)


# --------------------------------------------------------------------------------------------
# the model


@dataclass(frozen=True)
class Indicator:
    """One indicator definition (validated)."""

    code: str
    name: str
    satuan: str
    formula: str
    arah: str
    aggregation: str
    scale: str | None = None
    source_line: int | None = None
    table: str | None = None
    context: tuple[str, ...] = ()
    explanation: str = ""
    actual: Mapping[int, Value] = field(default_factory=dict)
    target: Mapping[int, Value] = field(default_factory=dict)
    baseline: Value | None = None
    budget: Mapping[int, Value] = field(default_factory=dict)
    end_of_period: Mapping[str, Value] = field(default_factory=dict)
    inferred: tuple[str, ...] = ()
    also_lines: tuple[int, ...] = ()
    notes: Mapping[str, str] = field(default_factory=dict)
    file: str = field(default="", compare=False)

    @property
    def direction(self) -> str:
        """``higher`` or ``lower`` (is better): the code term for ``arah``."""
        return "lower" if self.arah == "turun" else "higher"

    @cached_property
    def parsed(self) -> Formula:
        """The formula parsed with :func:`indikator.parse`."""
        from indikator.formula.parser import parse

        return parse(self.formula)

    def values(self) -> dict[int, tuple[str, Value]]:
        """Year → ("actual" | "target", value); an actual wins over a target of the same year."""
        out: dict[int, tuple[str, Value]] = {y: ("target", v) for y, v in self.target.items()}
        out.update({y: ("actual", v) for y, v in self.actual.items()})
        return dict(sorted(out.items()))


@dataclass
class Catalog(Mapping[str, Indicator]):
    """Indicators by code, with the files they came from and the catalogues' metadata."""

    indicators: dict[str, Indicator] = field(default_factory=dict)
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # file → [catalog] table

    def __getitem__(self, code: str) -> Indicator:
        return self.indicators[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def find(self, name: str) -> Indicator | None:
        """The indicator whose code or name matches *name* (case and spacing folded)."""
        from indikator.formula.names import name_key

        if name in self.indicators:
            return self.indicators[name]
        wanted = name_key(name)
        for indicator in self.indicators.values():
            if name_key(indicator.name) == wanted or name_key(indicator.code) == wanted:
                return indicator
        return None


# --------------------------------------------------------------------------------------------
# loading and validation


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.toml") if p.is_file())
    return [path]


def load_catalog(path: str | Path | Sequence[str | Path]) -> Catalog:
    """Load and validate a catalogue file, a folder of them, or several of either.

    Every problem in every file is collected first; if there is any, one
    :class:`~indikator.core.errors.CatalogError` lists them all (``error.problems``).
    """
    paths = [Path(p) for p in path] if isinstance(path, list | tuple) else [Path(path)]  # type: ignore[arg-type]
    problems: list[Problem] = []
    catalog = Catalog()
    files: list[Path] = []
    for item in paths:
        if not item.exists():
            problems.append(Problem(str(item), "-", "-", "catalog.not_found"))
            continue
        found = _files(item)
        if not found:
            problems.append(Problem(str(item), "-", "-", "catalog.no_files"))
        files.extend(found)
    seen: dict[str, str] = {}  # code → file, over every entry, valid or not
    for file in files:
        _load_file(file, catalog, problems, seen)
    if problems:
        raise _CatalogError(problems)
    return catalog


def _load_file(
    file: Path, catalog: Catalog, problems: list[Problem], seen: dict[str, str]
) -> None:
    name = str(file)
    try:
        data = load_toml(file)
    except TomlTooDeep as exc:
        problems.append(Problem(name, "-", "-", "catalog.toml_too_deep",
                                {"line": exc.line, "column": exc.column, "limit": exc.limit}))
        return
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(name, "-", "-", "catalog.toml_syntax", {"detail": str(exc)}))
        return
    except UnicodeDecodeError as exc:  # binary or latin-1 file
        problems.append(Problem(name, "-", "-", "catalog.not_utf8", {"position": exc.start}))
        return
    except OSError as exc:
        problems.append(Problem(name, "-", "-", "catalog.unreadable", {"detail": str(exc)}))
        return
    for key in data:
        if key not in ("catalog", "indicator"):
            problems.append(Problem(name, "-", key, "catalog.unknown_table"))
    meta = data.get("catalog", {})
    if not isinstance(meta, dict):
        problems.append(Problem(name, "-", "catalog", "catalog.expected_table"))
        meta = {}
    catalog.meta[name] = meta
    entries = data.get("indicator", [])
    if not isinstance(entries, list):
        problems.append(Problem(name, "-", "indicator", "catalog.expected_array"))
        return
    for position, entry in enumerate(entries, start=1):
        label = f"#{position}"
        if not isinstance(entry, dict):
            problems.append(Problem(name, label, "-", "catalog.expected_table"))
            continue
        code = entry.get("code")
        if isinstance(code, str) and code.strip():
            label = f"#{position} ({code.strip()})"
            if code.strip() in seen:
                problems.append(Problem(name, label, "code", "catalog.duplicate_code",
                                        {"other": seen[code.strip()]}))
            else:
                seen[code.strip()] = name
        indicator = _entry(entry, name, label, problems)
        if indicator is not None and indicator.code not in catalog.indicators:
            catalog.indicators[indicator.code] = indicator


def _entry(
    entry: dict[str, Any], file: str, label: str, problems: list[Problem]
) -> Indicator | None:
    before = len(problems)

    def problem(field_name: str, key: str, error: IndikatorError | None = None,
                **params: Any) -> None:
        problems.append(Problem(file, label, field_name, key, params, error))

    for key in entry:
        if key not in _REQUIRED and key not in _OPTIONAL:
            problem(key, "catalog.unknown_field", known=", ".join(_REQUIRED + _OPTIONAL))
    text = _required_fields(entry, problem)
    scale = _scale_field(entry, problem)
    line = entry.get("source_line")
    if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
        problem("source_line", "catalog.expected_line", got=repr(line))
        line = None
    per_year: dict[str, dict[int, Value]] = {}
    for key in _PER_YEAR:
        per_year[key] = _years(entry.get(key, {}), key, problem)
    end_values = _end_of_period(entry.get("end_of_period", {}), problem)
    baseline = entry.get("baseline")
    if baseline is not None and not _value_ok(baseline):
        problem("baseline", "catalog.expected_value", got=repr(baseline))
        baseline = None
    strings, also, notes = _listed_fields(entry, problem)
    if len(problems) > before:
        return None
    return Indicator(
        code=text["code"],
        name=text["name"],
        satuan=text["satuan"],
        formula=text["formula"],
        arah=text["arah"],
        aggregation=text["aggregation"],
        scale=scale,
        source_line=line,
        table=entry.get("table"),
        context=strings["context"],
        explanation=entry.get("explanation", ""),
        actual=per_year["actual"],
        target=per_year["target"],
        baseline=baseline,
        budget=per_year["budget"],
        end_of_period=end_values,
        inferred=strings["inferred"],
        also_lines=tuple(also),
        notes=dict(notes),
        file=file,
    )


def _required_fields(entry: Mapping[str, Any], problem: Any) -> dict[str, str]:
    """The required text fields (stripped), each checked; arah, aggregation and formula too."""
    text: dict[str, str] = {}
    for key in _REQUIRED:
        if key not in entry:
            problem(key, "catalog.missing_field")
        elif not isinstance(entry[key], str):
            problem(key, "catalog.expected_string", got=type(entry[key]).__name__)
        elif not entry[key].strip() and key != "satuan":
            problem(key, "catalog.empty_field")
        else:
            text[key] = entry[key].strip()
    if "arah" in text and text["arah"] not in DIRECTIONS:
        problem("arah", "catalog.bad_choice", got=text["arah"], choices=", ".join(DIRECTIONS))
    if "aggregation" in text and text["aggregation"] not in AGGREGATIONS:
        problem("aggregation", "catalog.bad_choice", got=text["aggregation"],
                choices=", ".join(AGGREGATIONS))
    if "formula" in text:
        _check_formula(text["formula"], problem)
    return text


def _scale_field(entry: Mapping[str, Any], problem: Any) -> str | None:
    scale = entry.get("scale")
    if scale is not None:
        if not isinstance(scale, str) or not scale.strip():
            problem("scale", "catalog.expected_string", got=type(scale).__name__)
            scale = None
        else:
            _check_scale(scale, problem)
    return scale


def _end_of_period(end: object, problem: Any) -> dict[str, Value]:
    end_values: dict[str, Value] = {}
    if not isinstance(end, dict):
        problem("end_of_period", "catalog.expected_table")
    else:
        for key, value in end.items():
            if key not in ("before", "after", "target", "budget"):
                problem(f"end_of_period.{key}", "catalog.unknown_field",
                        known="before, after, target, budget")
            elif _value_ok(value):
                end_values[key] = value
            else:
                problem(f"end_of_period.{key}", "catalog.expected_value", got=repr(value))
    return end_values


def _listed_fields(
    entry: Mapping[str, Any], problem: Any
) -> tuple[dict[str, tuple[str, ...]], list[Any], dict[str, Any]]:
    """context and inferred (lists of strings), also_lines, notes; and table / explanation
    checked as strings."""
    strings: dict[str, tuple[str, ...]] = {}
    for key in ("context", "inferred"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(key, "catalog.expected_strings")
            value = []
        strings[key] = tuple(value)
    also = entry.get("also_lines", [])
    if not isinstance(also, list) or not all(isinstance(v, int) and v > 0 for v in also):
        problem("also_lines", "catalog.expected_line", got=repr(also))
        also = []
    notes = entry.get("notes", {})
    if not isinstance(notes, dict) or not all(isinstance(v, str) for v in notes.values()):
        problem("notes", "catalog.expected_table")
        notes = {}
    for key in ("table", "explanation"):
        if key in entry and not isinstance(entry[key], str):
            problem(key, "catalog.expected_string", got=type(entry[key]).__name__)
    return strings, also, notes


def _value_ok(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return math.isfinite(value)
    return isinstance(value, str) and bool(value.strip())


def _years(raw: object, key: str, problem: Any) -> dict[int, Value]:
    out: dict[int, Value] = {}
    if not isinstance(raw, dict):
        problem(key, "catalog.expected_table")
        return out
    for year, value in raw.items():
        if not re.fullmatch(r"(?:19|20)\d\d", str(year)):
            problem(f"{key}.{year}", "catalog.expected_year")
            continue
        if not _value_ok(value):
            problem(f"{key}.{year}", "catalog.expected_value", got=repr(value))
            continue
        out[int(year)] = float(value) if isinstance(value, int | float) else value
    return dict(sorted(out.items()))


def _check_formula(formula: str, problem: Any) -> None:
    try:
        from indikator.formula.parser import parse
    except ModuleNotFoundError as exc:  # the formula language is not installed yet
        if exc.name != "indikator.formula.parser":
            raise
        return
    try:
        parse(formula)
    except IndikatorError as exc:
        problem("formula", "catalog.bad_formula", exc)


def _check_scale(name: str, problem: Any) -> None:
    try:
        from indikator.scales.loading import load_scale
    except ModuleNotFoundError as exc:
        if exc.name != "indikator.scales.scale":
            raise
        return
    try:
        load_scale(name)
    except IndikatorError as exc:
        problem("scale", "catalog.bad_scale", exc, name=name)


# --------------------------------------------------------------------------------------------
# writing


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{value:.1f}"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: object) -> str:
    text = str(key)
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else toml_string(text)


def to_toml(
    indicators: Sequence[Indicator] | Catalog, meta: Mapping[str, Any] | None = None,
    comment: str = "",
) -> str:
    """The TOML text of a catalogue (``[catalog]`` from *meta*, one ``[[indicator]]`` each)."""
    items = list(indicators.values()) if isinstance(indicators, Catalog) else list(indicators)
    lines: list[str] = []
    for row in comment.split("\n"):  # not splitlines(): "\f" is not a line break in TOML
        lines.append(toml_comment(row))
    if meta:
        lines += ["", "[catalog]"] if lines else ["[catalog]"]
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in meta.items() if v is not None]
    for indicator in items:
        lines += ["", "[[indicator]]"]
        for key in _REQUIRED + _OPTIONAL:
            value = getattr(indicator, key)
            if value is None or (isinstance(value, str | tuple | dict) and not value and
                                 key not in _REQUIRED):
                continue
            if isinstance(value, Mapping) and not value:
                continue
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def dump(
    indicators: Sequence[Indicator] | Catalog, path: str | Path,
    meta: Mapping[str, Any] | None = None, comment: str = "",
    *, inputs: Iterable[str | Path] = (),
) -> Path:
    """Write a catalogue file (creating folders), atomically and never over one of *inputs*
    (:mod:`indikator.core.atomic`); returns its path."""
    from indikator.core.atomic import write_text

    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    return write_text(file, to_toml(indicators, meta, comment), inputs=inputs)
