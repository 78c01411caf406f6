"""Adversarial shapes for the public entry points, built from what the package itself knows.

Tokens (:func:`tokens`) are collected, not listed: examples of every terminal of the Lark
grammar (operators, separators, keywords of formulas and intervals), the string vocabulary the
number reader, the normaliser, the table reader and the scale loader keep at module level
(units, comparison words, range separators, category labels, header words …), and the
separators of cells and lines.  A shape (:func:`shapes`) is one token repeated to a given size,
alone or with a space between repetitions, plus a few mixtures of every token.

The entry points (:data:`ENTRY_POINTS`) wrap every public reader so that each takes one text:
parse, lint, eval, numbers (one cell, a column), intervals, band tables, scale files,
catalogues, CSV and XLSX realisation tables, compute, and the document importer.
"""

from __future__ import annotations

import atexit
import importlib
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import regexes

SEPARATORS = (";", ",", "\t", ".", " ", "\n", "|", "\r\n", ":", "/", "-", "–", "(", ")", "%")
_VOCABULARY_PACKAGES = ("indikator.documents", "indikator.formula", "indikator.scales",
                        "indikator.linter", "indikator.catalog", "indikator.capaian")


def _strings_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        items = list(value.keys()) + [v for v in value.values() if isinstance(v, str)]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return []
    return [item for item in items if isinstance(item, str) and 0 < len(item) <= 25]


def _vocabulary() -> list[str]:
    """Short strings kept in module-level containers of the reading packages, and the word
    lists of ``definitions/vocabulary``."""
    import tomllib

    words: list[str] = []
    for name in regexes.module_names():
        if not name.startswith(_VOCABULARY_PACKAGES):
            continue
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.startswith("__"):
                continue
            words.extend(_strings_in(value))
    for path in sorted((regexes.ROOT / "definitions" / "vocabulary").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str) and 0 < len(item) <= 25:
                words.append(item)
    return words


_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _signature(token: str) -> str:
    """Letters and digits collapsed: tokens with one signature look alike to a regex unless a
    pattern names them (then they are keywords, kept one by one)."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "1", token))


@cache
def tokens() -> tuple[str, ...]:
    """Every operator, separator and keyword, deduplicated, in a stable order: separators,
    examples of every grammar terminal, and the module vocabulary; plain words are kept when
    some pattern of the package names them (keywords), else one per signature."""
    found: list[str] = list(SEPARATORS)
    for grammar in regexes.grammar_patterns():
        found.extend(regexes.literals(grammar.pattern)[:4])
    found.extend(_vocabulary())
    sources = "\n".join(f.pattern.pattern.lower() for f in regexes.all_patterns())
    keep: list[str] = []
    seen: set[str] = set()
    for token in found:
        if not token or "\x00" in token:
            continue
        if _WORDS.fullmatch(token) and token.lower() in sources:
            key = token.lower()
        else:
            key = "sig:" + _signature(token)
        if key not in seen:
            seen.add(key)
            keep.append(token)
    return tuple(keep)


def variants(token: str) -> list[tuple[str, str]]:
    """(label, unit) of the shapes made of *token*: an operator or separator repeated bare and
    with a space between repetitions; a word with spaces only (glued, ``persentasepersentase…``
    is one long word that no word-bounded pattern sees more than once, and long letter runs
    are already the shape of the one-letter tokens)."""
    if _WORDS.fullmatch(token):
        return [(f"{token!r} *", token + " ")]
    return [(f"{token!r}*", token), (f"{token!r} *", token + " ")]


def repeated(unit: str, size: int) -> str:
    """*unit* repeated to exactly *size* characters."""
    return (unit * (size // len(unit) + 1))[:size]


def shapes(size: int) -> list[tuple[str, str]]:
    """(label, text) pairs of about *size* characters."""
    out: list[tuple[str, str]] = []
    for token in tokens():
        out.append((f"{token!r}*", (token * (size // len(token) + 1))[:size]))
        spaced = token + " "
        out.append((f"{token!r} *", (spaced * (size // len(spaced) + 1))[:size]))
    everything = " ".join(tokens())
    out.append(("all tokens", (everything * (size // len(everything) + 1))[:size]))
    digits = "1" + "".join(t + "1" for t in tokens())
    out.append(("tokens between digits", (digits * (size // len(digits) + 1))[:size]))
    return out


# --------------------------------------------------------------------------- entry points


_ROOT = Path(tempfile.mkdtemp(prefix="hostile-"))
"""One directory for every file the entry points write, made in the parent before the guard
forks its children and removed when the parent exits (a child that is killed by the time guard
cannot clean up after itself)."""
atexit.register(shutil.rmtree, _ROOT, True)


def _workdir() -> Path:
    """A fresh directory under :data:`_ROOT`, emptied at the next call in the same process
    (each call's file is read before the call returns)."""
    mine = _ROOT / str(os.getpid())
    shutil.rmtree(mine, ignore_errors=True)
    mine.mkdir(parents=True)
    return mine


def _csv_cells(text: str) -> str:
    cell = '"' + text.replace('"', '""') + '"'
    return f"indikator;target;realisasi\n{cell};{cell};{cell}\nIndeks B;3,5;{cell}\n"


def _write(name: str, content: str) -> Path:
    path = _workdir() / name
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return path


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    """A minimal XLSX (inline strings) with *rows* on its first sheet."""
    from io import BytesIO

    def col(i: int) -> str:
        name = ""
        i += 1
        while i:
            i, rem = divmod(i - 1, 26)
            name = chr(65 + rem) + name
        return name

    clean = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    body = "".join(
        f'<row r="{r + 1}">' + "".join(
            f'<c r="{col(c)}{r + 1}" t="inlineStr"><is><t xml:space="preserve">'
            f"{escape(clean.sub('?', value))}</t></is></c>"
            for c, value in enumerate(row)) + "</row>"
        for r, row in enumerate(rows))
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": f'<Types xmlns="{ns}/package/2006/content-types"><Default '
        f'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        f'+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
        f'"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet'
        f'+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{ns}/package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        f'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/'
        f'officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
        f"</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>",
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _parse(text: str) -> Any:
    import indikator

    return indikator.parse(text)


def _lint(text: str) -> Any:
    import indikator

    return indikator.lint(text, name=text[:200], unit="Persen")


def _eval(text: str) -> Any:
    import indikator

    formula = _parse(text)
    return indikator.evaluate(formula, dict.fromkeys(formula.variables, 2.0))


def _number(text: str) -> Any:
    import indikator

    return indikator.read_number(text)


def _column(text: str) -> Any:
    import indikator

    return indikator.read_column([text, "3.460", text[: len(text) // 2]])


def _interval(text: str) -> Any:
    import indikator

    return indikator.parse_interval(text)


def _band_table(text: str) -> Any:
    from indikator.scales.bandtable import parse_band_table

    return parse_band_table(text)


def _scale_file(text: str) -> Any:
    from indikator.core.tomlfile import toml_string
    from indikator.scales.loading import load_scale_file

    value = toml_string(text)
    path = _write("s.toml", f'name = "s"\ntitle = {value}\nsource = "x"\nconfidence = '
                            f'"confirmed"\ndomain = "[0, 100]"\n[[bands]]\ncode = "A"\n'
                            f'label = {value}\ninterval = {value}\n')
    return load_scale_file(path)


def _catalogue(text: str) -> Any:
    from indikator import load_catalog
    from indikator.core.tomlfile import toml_string

    value = toml_string(text)
    path = _write("c.toml", f'[[indicator]]\ncode = "A1"\nname = {value}\nsatuan = {value}\n'
                            f'formula = {value}\narah = "naik"\naggregation = "mean"\n')
    return load_catalog(path)


def _csv(text: str) -> Any:
    from indikator import read_realisation

    return read_realisation(_write("t.csv", _csv_cells(text)))


def _csv_raw(text: str) -> Any:
    from indikator import read_realisation

    return read_realisation(_write("t.csv", "indikator;target;realisasi\n" + text))


def _xlsx(text: str) -> Any:
    from indikator import read_realisation

    path = _workdir() / "t.xlsx"
    path.write_bytes(xlsx_bytes([["indikator", "target", "realisasi"], [text, text, text],
                                 ["Indeks B", "3,5", text]]))
    return read_realisation(path)


def _compute(text: str) -> Any:
    from indikator import read_realisation
    from indikator.compute.pipeline import compute

    return compute(read_realisation(_write("t.csv", _csv_cells(text))))


def _import(text: str) -> Any:
    from indikator import read_document

    header = "Tabel 6.3 Rumusan indikator\nNo\tIndikator\tSatuan\tRumus\tPenjelasan\n"
    return read_document(header + f"1\t{text}\tPersen\t{text}\t{text}\n" + text)


ENTRY_POINTS: dict[str, Callable[[str], Any]] = {
    "parse": _parse,
    "lint": _lint,
    "eval": _eval,
    "number": _number,
    "column": _column,
    "interval": _interval,
    "band-table": _band_table,
    "scale-file": _scale_file,
    "catalogue": _catalogue,
    "csv-cells": _csv,
    "csv-raw": _csv_raw,
    "xlsx": _xlsx,
    "compute": _compute,
    "import": _import,
}

#: Entry points that reach formula/ or linter/ (issue 12 class 2 lives there).
FORMULA_SIDE = frozenset({"parse", "lint", "eval", "catalogue", "import"})


def clean_environment() -> None:
    """Keep children from writing caches into the working directory."""
    os.environ.setdefault("MPLBACKEND", "Agg")
