"""The normalisation steps not covered in test_parser_normalise.py, each alone, and the record
the runner keeps of what each step changed (``Draft.rewrites`` → ``Formula.rewrites``)."""

from __future__ import annotations

from pathlib import Path

import indikator
from indikator.formula import normalise as n


def _run(step: object, text: str) -> n.Draft:
    draft = n.Draft(text)
    draft.step = step.__name__  # type: ignore[attr-defined]
    step(draft)  # type: ignore[operator]
    return draft


def test_split_leading_definitions() -> None:
    text = "A = Jumlah keluarga sehat\nB = Jumlah keluarga\nRumus = A / B x 100%"
    draft = _run(n.split_leading_definitions, text)
    assert draft.definitions == {"A": "Jumlah keluarga sehat", "B": "Jumlah keluarga"}
    assert draft.text == "Rumus = A / B x 100%"


def test_mark_relative_verbs() -> None:
    draft = _run(n.mark_relative_verbs, "Jumlah dana yang dibagi ke desa / Jumlah dana")
    assert draft.text != "Jumlah dana yang dibagi ke desa / Jumlah dana"  # the verb is marked
    formula = indikator.parse("Jumlah dana yang dibagi ke desa / Jumlah dana x 100%")
    assert formula.ratio is not None
    assert formula.variables[0] == "Jumlah dana yang dibagi ke desa"


def test_join_wrapped_operators() -> None:
    draft = _run(n.join_wrapped_operators, "A / B X\n100")
    assert "\n" not in draft.text and draft.text.replace(" ", "") == "A/BX100"


def test_strip_sum_bounds() -> None:
    formula = indikator.parse("Σ[j=1, n] X_j / n")
    assert "j=1" not in formula.to_text()
    assert any(r.step == "strip_sum_bounds" for r in formula.rewrites)


def test_unflatten_dash_bar() -> None:
    text = "Jumlah A yang dibina ------- x 100 % (2/4) x 100 % = 50 Jumlah A"
    draft = _run(n.unflatten_dash_bar, text)
    assert draft.text == "(Jumlah A yang dibina) / (Jumlah A) × 100 %"
    assert draft.examples == ["(2/4) x 100 % = 50"]
    assert _run(n.unflatten_dash_bar, "A / B ------- C").text == "A / B ------- C"


def test_join_spaced_ranges() -> None:
    assert _run(n.join_spaced_ranges, "anak usia 7 - 12 tahun").text == "anak usia 7-12 tahun"
    assert _run(n.join_spaced_ranges, "(A - 2) - 3 x B").text == "(A - 2) - 3 x B"


def test_mark_name_comparisons() -> None:
    draft = _run(n.mark_name_comparisons, "HbA1c <7% minimal 1 kali & rutin / B")
    assert draft.text == f"HbA1c <7{n.NAME_PERCENT} minimal 1 kali {n.NAME_AMPERSAND} rutin / B"
    assert _run(n.mark_name_comparisons, "A / B x 100%").text == "A / B x 100%"
    minus = _run(n.mark_name_comparisons, "kurang dari -2 SD").text
    assert minus == f"kurang dari {n.NAME_MINUS}2 SD"


def test_rate_per_frame() -> None:
    draft = _run(n.rate_per_frame, "jumlah kasus baru per 100.000 penduduk")
    assert draft.text == "(jumlah kasus baru) / (penduduk) × 100.000"
    assert _run(n.rate_per_frame, "A / B per 1.000 C").text == "A / B per 1.000 C"


def test_drop_form_lead() -> None:
    draft = _run(n.drop_form_lead, "Hasil uji dalam bentuk jumlah sampel")
    assert draft.text.strip() == "jumlah sampel"
    assert [r.before for r in draft.rewrites] == ["Hasil uji dalam bentuk"]


def test_strip_table_marks() -> None:
    draft = _run(n.strip_table_marks, "| Jumlah A *) |\n| Jumlah B |")
    assert draft.text.split() == ["Jumlah", "A", "Jumlah", "B"]
    assert _run(n.strip_table_marks, "A * (B)").text == "A * (B)"


def test_every_step_has_a_test_of_its_own() -> None:
    here = Path(__file__).parent
    tests = (here / "test_parser_normalise.py").read_text("utf-8") + Path(__file__).read_text(
        "utf-8"
    )
    assert [s.__name__ for s in n.STEPS if s.__name__ not in tests] == []


# ------------------------------------------------------------------------------- rewrites
def test_each_rewrite_names_its_step_place_and_text() -> None:
    text = "Rumus: TPT = PP dibagi PAK x 100% Keterangan: PP = Jumlah penganggur"
    formula = indikator.parse(text)
    steps = [r.step for r in formula.rewrites]
    assert steps == ["strip_label", "split_definitions", "split_assignment"]
    for rewrite in formula.rewrites:
        assert text[rewrite.start : rewrite.end] == rewrite.before
        assert rewrite.reason("en") and rewrite.reason("id")
    label, legend, name = formula.rewrites
    assert (label.kind, label.before) == ("drop", "Rumus:")
    assert legend.kind == "move" and "Keterangan" in legend.before
    assert name.kind == "move" and name.before.startswith("TPT")


def test_a_marked_name_character_is_recorded() -> None:
    formula = indikator.parse("Jumlah siswa SD/ Sederajat / Jumlah penduduk x 100%")
    marks = [r for r in formula.rewrites if r.kind == "mark"]
    assert [(r.step, r.before, r.after) for r in marks] == [("mark_name_slash", "/", "/")]


def test_plain_formula_has_no_rewrites() -> None:
    assert indikator.parse("Jumlah A / Jumlah B x 100%").rewrites == ()
