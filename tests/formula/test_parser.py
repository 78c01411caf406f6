"""indikator.parse on the seed's Tabel 6.3, the dev corpus, every documented form, and errors."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import indikator
from indikator.cli.app import main
from indikator.core.errors import FormulaSyntaxError
from indikator.formula.nodes import BinOp, Number, Variable
from indikator.formula.printer import to_text

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED = list(
    csv.DictReader(
        (FIXTURES / "seed-tabel-6.3-expected.tsv").open(encoding="utf-8"), delimiter="\t"
    )
)
TEXT = re.compile(r"\\text\{([^{}]*)\}")


def _forms() -> list[tuple[str, str]]:
    cases = []
    for line in (FIXTURES / "grammar" / "forms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split("\t")
        cases.append((text.replace("\\n", "\n"), expected.replace("\\n", "\n")))
    return cases


# ------------------------------------------------------------------------- seed Tabel 6.3
def test_the_seed_has_28_fraction_formulas_and_one_single_quantity() -> None:
    assert sum(1 for row in SEED if "\\frac" in row["rumus"]) == 28
    assert len(SEED) == 29


@pytest.mark.parametrize("row", SEED, ids=[row["seed_line"] for row in SEED])
def test_seed_formula_parses_to_the_ratio_as_written(row: dict[str, str]) -> None:
    formula = indikator.parse(row["rumus"])
    names = TEXT.findall(row["rumus"])
    if not names:  # line 157: a single quantity
        assert formula.expr == Variable(name=row["rumus"])
        assert formula.kind == "single"
        return
    numerator, denominator = (" ".join(name.split()) for name in names)
    ratio = formula.ratio
    assert ratio is not None
    assert ratio.numerator == Variable(name=numerator)
    assert ratio.numerator.name == numerator  # type: ignore[attr-defined]
    assert ratio.denominator.name == denominator  # type: ignore[attr-defined]
    expected_factor = 0.01 if row["seed_line"] == "201" else 100.0
    assert ratio.factor == pytest.approx(expected_factor)
    assert formula.variables == (numerator, denominator)


def test_seed_tree_shapes() -> None:
    by_line = {row["seed_line"]: indikator.parse(row["rumus"]).expr for row in SEED}
    a = Variable(name="x")  # placeholder for isinstance checks
    standard = by_line["169"]
    assert isinstance(standard, BinOp) and standard.op == "*"
    assert isinstance(standard.left, BinOp) and standard.left.op == "/"
    assert standard.right == Number(100.0)
    inside = by_line["176"]  # \frac{A \times 100}{B}
    assert isinstance(inside, BinOp) and inside.op == "/"
    assert isinstance(inside.left, BinOp) and inside.left.op == "*"
    assert inside.left.right == Number(100.0)
    below = by_line["201"]  # \frac{A}{100 \times B}
    assert isinstance(below, BinOp) and below.op == "/"
    assert isinstance(below.right, BinOp) and below.right.left == Number(100.0)
    assert not isinstance(a, BinOp)


# ---------------------------------------------------------------------------- dev corpus
CORPUS = {
    json.loads(line)["id"]: json.loads(line)
    for line in (FIXTURES / "corpus" / "formulas-dev.jsonl").read_text("utf-8").splitlines()
}
EXPECTED = list(
    csv.DictReader(
        (FIXTURES / "corpus" / "expected.tsv").open(encoding="utf-8"),
        delimiter="\t",
        quoting=csv.QUOTE_NONE,
    )
)


def _operand(node: object) -> str:
    return node.name if isinstance(node, Variable) else to_text(node)  # type: ignore[arg-type]


def test_every_corpus_formula_has_an_expectation() -> None:
    assert {int(row["id"]) for row in EXPECTED} == set(CORPUS)


def _corpus_params() -> list[object]:
    """Rows a person reads but the parser does not yet are strict xfails: one that starts
    passing fails the suite until its expectation is updated."""
    return [
        pytest.param(row, id=row["id"], marks=pytest.mark.xfail(strict=True, reason=row["note"]))
        if row["expect"].startswith("xfail")
        else pytest.param(row, id=row["id"])
        for row in EXPECTED
    ]


@pytest.mark.parametrize("row", _corpus_params())
def test_corpus_formula(row: dict[str, str]) -> None:
    text = CORPUS[int(row["id"])]["formula"]
    expect = row["expect"]
    if expect == "error":
        with pytest.raises(FormulaSyntaxError) as info:
            indikator.parse(text)
        assert info.value.line >= 1 and info.value.column >= 1
        assert "^" in info.value.message("en") or "line" in info.value.message("en")
        return
    if expect.startswith("xfail"):  # the person's reading, expected to fail (strict)
        ratio = indikator.parse(text).ratio
        assert ratio is not None and _operand(ratio.numerator) == row["numerator"]
        assert _operand(ratio.denominator) == row["denominator"]
        return
    formula = indikator.parse(text)
    assert indikator.parse(to_text(formula)) == formula
    if expect.startswith("kind:"):
        assert formula.kind == expect.split(":", 1)[1]
        return
    if expect == "ratio-times-symbol":  # (num / den) × k
        expr = formula.expr
        assert isinstance(expr, BinOp) and expr.op == "*"
        assert expr.right == Variable(name=row["factor"])
        assert isinstance(expr.left, BinOp) and expr.left.op == "/"
        assert _operand(expr.left.left) == row["numerator"]
        assert _operand(expr.left.right) == row["denominator"]
        return
    ratio = formula.ratio
    assert ratio is not None, formula
    assert _operand(ratio.numerator) == row["numerator"]
    assert _operand(ratio.denominator) == row["denominator"]
    assert ratio.factor == pytest.approx(float(row["factor"]))


def test_every_ratio_ok_formula_with_an_operator_parses_to_a_ratio() -> None:
    operator = re.compile(r"[/×÷:*]|\s[xX]\s|\\frac|dibagi|perbandingan|pembilang", re.I)
    missed = []
    for row in EXPECTED:
        item = CORPUS[int(row["id"])]
        if item["label"] != "ratio_ok" or not operator.search(item["formula"]):
            continue
        if row["expect"].startswith("xfail"):
            continue
        if row["expect"] not in ("ratio", "ratio-times-symbol"):
            missed.append(row["id"])
    assert missed == []


def test_symbolic_factor_layout_keeps_numerator_over_denominator() -> None:
    formula = indikator.parse(CORPUS[163]["formula"])
    expr = formula.expr
    assert isinstance(expr, BinOp) and expr.op == "*" and expr.right == Variable(name="k")
    assert isinstance(expr.left, BinOp) and expr.left.op == "/"
    assert formula.name == "I"


# --------------------------------------------------------------------------------- forms
@pytest.mark.parametrize("text,expected", _forms())
def test_documented_form(text: str, expected: str) -> None:
    formula = indikator.parse(text)
    assert to_text(formula) == expected
    assert indikator.parse(expected) == formula


def test_percent_number_is_marked() -> None:
    expr = indikator.parse("A / B × 100 %").expr
    assert isinstance(expr, BinOp) and expr.right == Number(100.0, percent=True)
    assert expr.right != Number(100.0)


def test_worked_examples_are_kept_apart() -> None:
    formula = indikator.parse("TPAK = AK/PUK x 100%\nTPAK = 140/228 x 100% = 61,4035%")
    assert formula.name == "TPAK"
    assert formula.examples == ("TPAK = 140/228 x 100% = 61,4035%",)
    assert indikator.parse("A / B x 100 % = 2720").examples == ("= 2720",)


def test_same_quantity_written_twice_is_one_variable() -> None:
    formula = indikator.parse("Jumlah OPD yang di rencanakan / Jml OPD yg  direncanakan")
    assert len(formula.variables) == 1


def test_spans_point_into_the_text_as_written() -> None:
    text = "Rumus: Jumlah OPD yang tersedia / Total OPD × 100 %"
    expr = indikator.parse(text).expr
    assert isinstance(expr, BinOp) and isinstance(expr.left, BinOp)
    numerator = expr.left.left
    assert numerator.span is not None
    assert text[numerator.span.start : numerator.span.end] == "Jumlah OPD yang tersedia"
    assert expr.span is not None and text[expr.span.start : expr.span.end].endswith("100 %")


# -------------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "text,line,column",
    [
        ("A / (B", 1, 7),
        ("A / * B", 1, 5),
        ("Jumlah A\n/ Jumlah B ) x 100", 2, 12),
        ("A # B", 1, 3),
        ("", 1, 1),
        ("   ", 1, 1),
        ("-", 1, 2),
        ("A / ……", 1, 5),
    ],
)
def test_syntax_errors_point_at_the_place(text: str, line: int, column: int) -> None:
    with pytest.raises(FormulaSyntaxError) as info:
        indikator.parse(text)
    error = info.value
    assert (error.line, error.column) == (line, column)
    assert isinstance(error, ValueError)


def test_syntax_error_shows_caret_and_expectation_in_both_languages() -> None:
    with pytest.raises(FormulaSyntaxError) as info:
        indikator.parse("Jumlah A / (Jumlah B x 100")
    english = info.value.message("en")
    indonesian = info.value.message("id")
    assert "expected: a closing bracket" in english
    assert "yang diharapkan: kurung tutup" in indonesian
    shown, caret = english.splitlines()[-2:]
    assert shown.strip() == "Jumlah A / (Jumlah B x 100"
    assert caret.index("^") == len("  Jumlah A / (Jumlah B x 100")


def test_not_text_is_a_syntax_error() -> None:
    with pytest.raises(FormulaSyntaxError):
        indikator.parse(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000 + "A" + ")" * 5000,
        "A" + " + A" * 3000,
        "-" * 3000 + "A",
        "A ^ " * 2000 + "A",
        "x" * 200_000,
        "1" * 400 + " * A",
        "sum(" * 300 + "A" + ")" * 300,
    ],
    ids=["brackets", "long-sum", "minus", "power", "huge", "big-number", "nested-calls"],
)
def test_pathological_input_raises_only_syntax_errors(text: str) -> None:
    try:
        formula = indikator.parse(text)
    except FormulaSyntaxError:
        return
    assert indikator.parse(to_text(formula)) == formula


def test_parsing_does_not_import_pandas() -> None:
    code = (
        "import indikator, sys; indikator.parse('A/B'); "
        "f = indikator.parse('Jumlah A / Jumlah B x 100%'); f.kind; f.ratio; f.to_text(); "
        "f.to_latex(); assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ----------------------------------------------------------------------------------- CLI
def test_cli_parse_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["parse", "--json", "TPT = PP/PAK x 100% Keterangan: PP = Jumlah penganggur"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["ok"] is True and data["command"] == "parse"
    result = data["result"]
    assert result.pop("mathml").startswith("<math")
    rewrites = result.pop("rewrites")
    assert [(r["step"], r["kind"], r["before"].strip()) for r in rewrites] == [
        ("split_definitions", "move", "Keterangan: PP = Jumlah penganggur"),
        ("split_assignment", "move", "TPT ="),
    ]
    assert all(r["reason"] and r["span"][0] < r["span"][1] for r in rewrites)
    assert result == {
        "name": "TPT",
        "canonical": "TPT = PP / PAK * 100 %\nKeterangan:\nPP = Jumlah penganggur",
        "latex": r"\text{TPT} = \frac{\text{PP}}{\text{PAK}} \times 100\%",
        "kind": "ratio",
        "variables": ["PP", "PAK"],
        "ratio": {"numerator": "PP", "denominator": "PAK", "factor": 100.0},
        "definitions": {"PP": "Jumlah penganggur"},
        "examples": [],
    }


def test_cli_parse_json_error(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["parse", "--json", "--lang", "en", "A / (B"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert data["ok"] is False
    assert data["error"]["line"] == 1 and data["error"]["column"] == 7
    assert data["error"]["message"].startswith("The formula ends too early")


def test_cli_parse_text_error_has_caret(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["parse", "A / * B"])
    err = capsys.readouterr().err
    assert status == 1
    assert "baris 1, kolom 5" in err
    assert "    ^" in err and "yang diharapkan" in err


def test_cli_parse_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Realisasi\n---------- x 100 %\nTarget\n"))
    status = main(["parse", "--lang", "en", "-"])
    out = capsys.readouterr().out
    assert status == 0
    assert "Numerator    Realisasi" in out and "Denominator  Target" in out
    assert "Kind         ratio" in out


@pytest.mark.parametrize(
    "unit",
    ["x ", "a/b ", "Pembilang: a ", "a, ", "Jumlah a\n-----\n", "perbandingan a dengan ", "x a "],
)
def test_long_input_is_handled_in_linear_time(unit: str) -> None:
    import contextlib
    import time

    text = unit * (30_000 // len(unit))
    started = time.process_time()  # CPU time: independent of other load on the machine
    with contextlib.suppress(FormulaSyntaxError):
        indikator.parse(text)
    assert time.process_time() - started < 5.0


# ------------------------------------------------------------------------- fast driver
def _outcome(run: object, text: str) -> object:
    """What a parse of normalised *text* gives: the node with every span, or the kind of
    failure (None = not accepted by the grammar)."""
    from lark.exceptions import UnexpectedInput

    from indikator.formula import parser as p
    from indikator.formula.nodes import walk

    p._STATE.ranges = {}
    try:
        node = run(text)  # type: ignore[operator]
    except UnexpectedInput:
        return None
    except Exception as exc:  # compared between the two runs
        orig = getattr(exc, "orig_exc", exc)
        return type(orig).__name__
    if node is None:
        return None
    if isinstance(node, tuple):  # the fast driver also says how many tokens it read
        node = node[0]
    return node, [(type(n).__name__, n.span) for n in walk(node)]


def _read_or_raise(driver: Any, text: str) -> object:
    """The driver as the parser uses it: a rejection raises Lark's exception."""
    from indikator.formula.lalr import Rejected

    done = driver.read(text)
    if isinstance(done, Rejected):
        raise done.error()
    return done


def test_fast_driver_reads_exactly_what_lark_reads() -> None:
    from indikator.formula import parser as p
    from indikator.formula.normalise import normalise

    driver = p._driver()
    assert driver is not None
    texts = [text for text, _ in _forms()] + [row["rumus"] for row in SEED]
    texts += [row["formula"] for row in CORPUS.values()]
    texts += ["A / / B", "(A", "A ^ 99999999999999999999999999999 ^ 999", '"" / B', "\\text{ } / A"]
    for text in texts:
        draft = normalise(text)
        p._STATE.draft = draft
        fast = _outcome(partial(_read_or_raise, driver), draft.text)
        slow = _outcome(p.formula_parser().parse, draft.text)
        assert fast == slow, text


def test_only_blanks_are_ignored_and_no_formula_terminal_starts_with_one() -> None:
    from indikator.formula.parser import formula_parser

    lark = formula_parser()
    assert list(lark.lexer_conf.ignore) == ["WS"]
    samples = ["A", "1", "x", "%", "(", ")", "/", "-", "persen", "dibagi", "\\frac", "seratus"]
    for terminal in lark.terminals:
        if not terminal.name.startswith("F_"):
            continue
        pattern = re.compile(terminal.pattern.to_regexp())
        for blank in " \t\f\r\n":
            for sample in samples:
                assert not pattern.match(blank + sample), (terminal.name, blank + sample)


def test_persentase_terhadap_states_the_factor_and_the_linter_agrees() -> None:
    from indikator.linter.rules import lint

    for word in ("persentase", "Prosentase", "presentase"):
        formula = indikator.parse(f"{word} jumlah desa mandiri terhadap jumlah desa")
        ratio = formula.ratio
        assert ratio is not None and ratio.factor == 100
        assert isinstance(formula.expr, BinOp) and formula.expr.right == Number(100, percent=True)
    assert [f.rule for f in lint("persentase A terhadap B", "Persentase A")] == []
    # a written factor is not doubled, and without the word the linter still asks for × 100
    assert indikator.parse("persentase A terhadap B x 100%").ratio.factor == 100  # type: ignore[union-attr]
    assert "x100-missing" in [f.rule for f in lint("A / B", "Persentase A")]
    assert indikator.parse("rasio A terhadap B").ratio.factor == 1  # type: ignore[union-attr]


def test_the_issue_benchmark_formula_reads_with_a_coefficient() -> None:
    two_t = BinOp("*", Number(2), Variable("T"))
    expected = BinOp("*", BinOp("/", BinOp("-", two_t, Variable("R")), Variable("T")), Number(100))
    assert indikator.parse("(2T − R)/T × 100").expr == expected
    assert indikator.parse("(2 T − R) / T × 100").expr == expected
    assert indikator.parse("(2T − R)/T × 100").evaluate(T=4.0, R=2.0) == pytest.approx(150.0)


def test_structure_is_computed_once_and_does_not_affect_equality() -> None:
    first = indikator.parse("Jumlah A yang dilaksanakan / Jumlah A x 100%")
    assert first.ratio is first.ratio  # cached, not rebuilt per access
    second = indikator.parse("jumlah a yang di laksanakan / jumlah a x 100 %")
    assert first.kind == "ratio"
    assert first == second and hash(first) == hash(second)


def test_an_operator_chain_over_the_limit_is_refused_as_soon_as_it_is_too_deep() -> None:
    from indikator.formula import parser as p
    from indikator.formula.nodes import BinOp, walk

    within = " - ".join(f"A{i}" for i in range(p.MAX_DEPTH - 1))  # exactly MAX_DEPTH deep
    expr = p.parse(within).expr
    assert sum(isinstance(node, BinOp) for node in walk(expr)) == p.MAX_DEPTH - 2
    with pytest.raises(p.LocatedSyntaxError, match=str(p.MAX_DEPTH)):
        p.parse(" - ".join(f"A{i}" for i in range(10_000)))
    # stopped at the first node over the limit, not after building all 10 000
    assert len(p._STATE.chains) <= p.MAX_DEPTH


def test_a_flat_run_of_terms_over_the_limit_is_refused_for_its_length_not_nesting() -> None:
    """A sum of 130 terms has no brackets: the message says it is too long, where, and how to
    write it (sum(A, B, …), which reads), not that it is nested too deeply."""
    from indikator.formula import parser as p

    terms = [f"Jumlah {i}" for i in range(130)]
    text = " + ".join(terms)
    with pytest.raises(p.LocatedSyntaxError) as caught:
        p.parse(text)
    error = caught.value
    assert error.key == "parse.too_many_operations"
    # the caret stands on the term that crossed the limit: the 121st
    assert text[error.column - 1:].startswith(f"Jumlah {p.MAX_DEPTH} ")
    assert f"more than {p.MAX_DEPTH} terms" in error.message("en")
    p.parse(" + ".join(terms[:p.MAX_DEPTH]))  # 120 terms read
    assert "sum(" in error.message("en") and "nested" not in error.message("en")
    assert len(p.parse(f"sum({', '.join(terms)})").variables) == 130
