"""Laws of the linter, checked with hypothesis on generated Tabel 6.3-style formulas."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indikator.formula.analysis import variables
from indikator.formula.evaluator import evaluate
from indikator.formula.parser import parse
from indikator.linter.judge import same_quantity
from indikator.linter.rules import lint

SUBJECTS = ["Dokumen", "kegiatan", "Desa", "penduduk", "Perda/Perwal", "sekolah", "bayi",
            "pengaduan", "rumah tangga", "Dokumen Kerjasama", "pelayanan adm. umum"]
QUALIFIERS = ["yang direncanakan", "yang di rencanakan", "yang dilaksanakan",
              "yang di laksanakan", "yang tersedia", "yang harus ada", "yang dibayarkan",
              "yang diusulkan", "yang di syahkan", "yang akan dilaksanakan", "yang terlaksana",
              "yang diterima", "yang diselesaikan", "yang disampaikan tepat waktu",
              "yang memenuhi syarat", "", "miskin", "yang aktif", "yang dibutuhkan"]
HEADS = ["Jumlah", "Total", "Jml", "Jumlah seluruh", "Realisasi", "Target", "Rencana"]
FORMS = ["{n} / {d} x 100%", r"\frac{{\text{{{n}}}}}{{\text{{{d}}}}} \times 100",
         "({n} : {d}) x 100 %", "{n} dibagi {d} dikali 100%"]

phrases = st.builds(
    lambda head, subject, qualifier: " ".join(x for x in (head, subject, qualifier) if x),
    st.sampled_from(HEADS), st.sampled_from(SUBJECTS), st.sampled_from(QUALIFIERS),
)
names = st.one_of(
    st.none(),
    st.builds(lambda s, q: f"Persentase {s} {q}".strip(), st.sampled_from(SUBJECTS),
              st.sampled_from(QUALIFIERS)),
)
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(phrases, phrases, names, st.sampled_from(FORMS))
@example("Jumlah Dokumen yang di rencanakan", "Total Dokumen yang di laksanakan", None, FORMS[1])
@example("Total pengaduan yang diterima", "Jml pengaduan yang diselesaikan",
         "Persentase pengaduan yang diselesaikan", FORMS[3])
def test_a_fixed_inversion_is_no_longer_flagged(top: str, bottom: str, name: str | None,
                                                form: str) -> None:
    text = form.format(n=top, d=bottom)
    for finding in lint(text, name, "Persen"):
        if finding.rule != "inverted":
            continue
        assert finding.fix is not None
        again = lint(finding.fix, name, "Persen")
        assert not [f for f in again if f.rule in ("inverted", "syntax")], (text, finding.fix)


def _variants(phrase: str) -> st.SearchStrategy[str]:
    def vary(swap_head: bool, upper: bool, detach: bool, aspect: bool) -> str:
        words = phrase.split()
        if swap_head and words[0] in ("Jumlah", "Jml"):
            words[0] = "Total"
        if detach:
            words = ["di " + w[2:] if w.startswith("di") and len(w) > 5 else w for w in words]
        if aspect and "yang" in words:
            words.insert(words.index("yang") + 1, "sudah")
        text = " ".join(words)
        return text.upper() if upper else text

    return st.builds(vary, st.booleans(), st.booleans(), st.booleans(), st.booleans())


@st.composite
def tautologies(draw: st.DrawFn) -> str:
    top = draw(phrases)
    bottom = draw(st.one_of(_variants(top), phrases))
    return draw(st.sampled_from(FORMS)).format(n=top, d=bottom)


@SETTINGS
@given(tautologies(), st.integers(min_value=0, max_value=2**32 - 1))
@example("Jumlah Dokumen yang disampaikan tepat waktu / Total Dokumen yang di sampaikan tepat "
         "waktu x 100%", 1)
@example("a/a+b", 2)
def test_a_flagged_tautology_evaluates_to_a_constant(text: str, seed: int) -> None:
    findings = [f for f in lint(text) if f.rule == "tautology"]
    if not findings:
        return
    formula = parse(text)
    rng = np.random.default_rng(seed)
    # one random column per quantity: phrases naming the same quantity share their data
    groups: list[list[str]] = []
    for variable in variables(formula.expr):
        for group in groups:
            if same_quantity(group[0], variable.name) is not None:
                group.append(variable.name)
                break
        else:
            groups.append([variable.name])
    data: dict[str, np.ndarray] = {}
    for group in groups:
        column = rng.uniform(1.0, 1000.0, size=20)
        for name in group:
            data[name] = column
    for finding in findings:
        node = finding.node if finding.code == "IND011" else formula.expr
        assert node is not None
        values = np.asarray(evaluate(node, data, definitions=dict(formula.definitions)))
        assert np.allclose(values, values.flat[0]), (text, finding.code)


@settings(max_examples=60, deadline=None)
@given(phrases, phrases, st.lists(st.floats(1, 1e6), min_size=1, max_size=30))
def test_x100_in_denominator_fix_scales_by_ten_thousand(top: str, bottom: str,
                                                       values: list[float]) -> None:
    text = f"{top} / (100 x {bottom})"
    findings = [f for f in lint(text) if f.rule == "x100-in-denominator"]
    if not findings or top == bottom or same_quantity(top, bottom) is not None:
        return
    fix = findings[0].fix
    assert fix is not None
    assert not [f for f in lint(fix) if f.rule == "x100-in-denominator"]
    before, after = parse(text), parse(fix)
    names = [v.name for v in variables(before.expr)]
    data = {name: np.asarray(values) * (i + 1) for i, name in enumerate(names)}
    assert np.allclose(np.asarray(evaluate(after, data)),
                       10000 * np.asarray(evaluate(before, data)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=40)),
       st.one_of(st.none(), st.text(max_size=12)))
def test_any_text_lints_without_crashing(text: str, name: str | None, unit: str | None) -> None:
    for finding in lint(text, name, unit):
        assert finding.message("en") and finding.severity in ("error", "warning", "info")
