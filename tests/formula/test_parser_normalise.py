"""Each named normalisation step of indikator.formula.normalise, alone, and the origin map."""

from __future__ import annotations

import pytest

from indikator.formula import normalise as n
from indikator.formula.normalise import draft as draft_module
from indikator.formula.normalise import layout


def _run(step: object, text: str) -> n.Draft:
    draft = n.Draft(text)
    step(draft)  # type: ignore[operator]
    return draft


def test_draft_keeps_source_offsets_through_edits() -> None:
    draft = n.Draft("ab cd ef")
    draft.replace([(3, 5, "XYZ")])
    assert draft.text == "ab XYZ ef"
    assert draft.origin[draft.text.index("ef")] == 6
    draft.rebuild(["(", (0, 2), ")"])
    assert draft.text == "(ab)"
    assert draft.origin[1] == 0


def test_quoted_text_is_never_touched() -> None:
    text = '"Rumus: A x 100% Keterangan: B = C" / D'
    assert n.normalise(text).text.strip() == text


def test_fold_odd_spaces() -> None:
    assert _run(n.fold_odd_spaces, "A\t/\u00a0B\u2028C").text == "A / B\nC"


def test_strip_math_delimiters() -> None:
    assert _run(n.strip_math_delimiters, r"$A\,/\;B$").text.split() == ["A", "/", "B"]


@pytest.mark.parametrize("label", ["Rumus:", "Rumus :", "Formula:", "Cara Perhitungan:"])
def test_strip_label(label: str) -> None:
    assert _run(n.strip_label, f"{label} A / B").text.strip() == "A / B"


def test_split_definitions_with_marker() -> None:
    draft = _run(n.split_definitions, "PP/PAK x 100% Keterangan: PP: Jumlah penganggur PAK: AK")
    assert draft.text.strip() == "PP/PAK x 100%"
    assert draft.definitions == {"PP": "Jumlah penganggur", "PAK": "AK"}


def test_split_definitions_on_lines() -> None:
    draft = _run(n.split_definitions, "HHI = x / X\nx = nilai ekspor\nX = nilai total")
    assert draft.definitions == {"x": "nilai ekspor", "X": "nilai total"}
    assert draft.text.strip() == "HHI = x / X"


def test_split_definitions_inline_without_marker() -> None:
    draft = _run(n.split_definitions, "P = (A/B) x 100% A = Jumlah aktif B = Jumlah kebutuhan")
    assert draft.definitions == {"A": "Jumlah aktif", "B": "Jumlah kebutuhan"}


def test_a_formula_after_equals_is_not_a_definition() -> None:
    draft = _run(n.split_definitions, "NSI = SSI x BSI")
    assert draft.definitions == {}


def test_split_example_lines() -> None:
    draft = _run(n.split_example_lines, "TPAK = AK/PUK x 100%\nTPAK = 140/228 x 100%\n= 61,4%")
    assert draft.text == "TPAK = AK/PUK x 100%"
    assert draft.examples == ["TPAK = 140/228 x 100%", "= 61,4%"]


@pytest.mark.parametrize(
    "text,expected,name",
    [
        ("Realisasi\n------ x 100 %\nTarget", "(Realisasi) / (Target) × 100 %", None),
        ("A satu\nA dua\n_____\nB", "(A satu A dua) / (B)", None),
        ("A\nX 100%\nB", "(A) / (B) × 100%", None),
        ("Capaian =\nA\nx 100%\nB", "(A) / (B) × 100%", "Capaian"),
        ("A\nCakupan = x 100%\nB", "(A) / (B) × 100%", "Cakupan"),
        ("A - B x 100%\nB", "(A - B) / (B) × 100%", None),
        ("I = X k\nJumlah a\nb\nJumlah c\nd", "(Jumlah a b) / (Jumlah c d) × k", "I"),
        ("A\n2 Label % x 100%\nB", "(A) / (B) × 100%", None),
    ],
)
def test_unflatten_stacked_fraction(text: str, expected: str, name: str | None) -> None:
    draft = _run(n.unflatten_stacked_fraction, text)
    assert draft.text == expected
    assert draft.name == name


def test_stacked_fraction_leaves_placeholders_alone() -> None:
    assert _run(n.unflatten_stacked_fraction, "????\n----\n????").text == "????\n----\n????"


def test_drop_empty_slots() -> None:
    assert _run(n.drop_empty_slots, "A = x 100 % B =").text.split() == ["A", "x", "100", "%", "B"]


def test_split_sentences_keeps_restatement_as_example() -> None:
    draft = _run(n.split_sentences, "Hasil A dibagi B dikali 100%. Persentase X = (A/B) * 100%")
    assert draft.text == "Hasil A dibagi B dikali 100%"
    assert draft.examples == ["Persentase X = (A/B) * 100%"]


def test_split_sentences_leaves_procedures_whole() -> None:
    text = "Cari A dikali 2. Terakhir jumlahkan dan dikali 25."
    assert _run(n.split_sentences, text).text == text


def test_strip_trailing_prose() -> None:
    text = "A dikalikan seratus persen untuk mendapatkan persentasenya."
    assert _run(n.strip_trailing_prose, text).text == "A dikalikan seratus persen"


def test_split_numerator_denominator() -> None:
    draft = _run(n.split_numerator_denominator, "Pembilang: Jumlah A. Penyebut: Jumlah B.")
    assert draft.text == "(Jumlah A) / (Jumlah B)"


@pytest.mark.parametrize(
    "text,kept",
    [
        ("AKI adalah jumlah kematian dibagi jumlah lahir", "jumlah kematian dibagi jumlah lahir"),
        ("Rasio murid diperoleh dari perbandingan A dengan B", "perbandingan A dengan B"),
        ("cara pengukurannya yaitu A dibagi B", "A dibagi B"),
        ("dihitung dengan menggunakan formula 100 A", "100 A"),
    ],
)
def test_strip_leading_prose(text: str, kept: str) -> None:
    assert _run(n.strip_leading_prose, text).text.strip() == kept


def test_leading_prose_kept_without_operator_or_strong_marker() -> None:
    text = "Jumlah pelanggaran yaitu laporan warga"
    assert _run(n.strip_leading_prose, text).text == text


def test_split_assignment_name_and_examples() -> None:
    draft = _run(n.split_assignment, "TPAK = AK/PUK x 100% = 61,4%")
    assert draft.name == "TPAK"
    assert draft.text.strip() == "AK/PUK x 100%"
    assert draft.examples == ["= 61,4%"]


def test_split_assignment_alternative_restatement() -> None:
    draft = _run(n.split_assignment, "A dibagi B sama dengan 100 atau A/B X 100% = 100")
    assert draft.name is None
    assert draft.text.strip() == "A dibagi B"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("perbandingan antara jumlah A dengan jumlah B", "(jumlah A) / (jumlah B) "),
        ("membagi A yang baik dengan total B, kemudian", "(A yang baik) / (total B) , kemudian"),
        ("persentase A terhadap B", "(A) / (B) × 100 % "),  # the word states the factor
        ("persentase A terhadap B x 100%", "(A) / (B)  x 100%"),  # the written factor stays
        ("rasio A terhadap B", "(A) / (B) "),
    ],
)
def test_verbal_ratio(text: str, expected: str) -> None:
    assert _run(n.verbal_ratio, text).text == expected


def test_verbal_ratio_prefers_the_separator_before_a_quantity_word() -> None:
    text = "perbandingan rumah tangga dengan listrik dengan jumlah rumah tangga"
    assert _run(n.verbal_ratio, text).text.startswith("(rumah tangga dengan listrik) / (jumlah")


def test_terhadap_without_a_frame_is_a_word() -> None:
    text = "Jumlah pelanggaran terhadap Perda"
    assert _run(n.verbal_ratio, text).text == text


def test_drop_leading_percent_word() -> None:
    assert _run(n.drop_leading_percent_word, "Prosentase A dibagi B").text == "A dibagi B"


def test_drop_connectives() -> None:
    draft = _run(n.drop_connectives, "A dibagi B, kemudian hasilnya dikalikan 100.")
    assert draft.text.split() == ["A", "dibagi", "B", "dikalikan", "100"]


def test_unflatten_inline_fraction() -> None:
    draft = _run(n.unflatten_inline_fraction, "Jumlah melek huruf x100% Jumlah penduduk")
    assert draft.text == "(Jumlah melek huruf) / (Jumlah penduduk) × 100%"


def test_unflatten_worked_stack() -> None:
    text = "APM SD 36.743 Penduduk sekolah x 100 = 92,22 39.834 Penduduk usia SD"
    draft = _run(n.unflatten_worked_stack, text)
    assert draft.text == "(Penduduk sekolah) / (Penduduk usia SD) × 100"
    assert draft.name == "APM SD"
    assert draft.examples == ["36.743 / 39.834 × 100 = 92,22"]


def test_restore_lost_minus() -> None:
    assert _run(n.restore_lost_minus, "PDRB (t+1) PDRB (t)").text == "PDRB (t+1) - PDRB (t)"


def test_split_capaian_hyphen() -> None:
    assert _run(n.split_capaian_hyphen, "(Realisasi-Rencana)").text == "(Realisasi - Rencana)"
    assert _run(n.split_capaian_hyphen, "Perundang-Undangan").text == "Perundang-Undangan"


def test_separate_glued_times() -> None:
    assert _run(n.separate_glued_times, "A/Bx100%").text == "A/B x 100%"
    assert _run(n.separate_glued_times, "1x imunisasi").text == "1x imunisasi"


@pytest.mark.parametrize(
    "text,marked",
    [
        ("mendapat 1 x imunisasi", True),
        ("hepatitis B, 3 x imunisasi DPT", True),
        ("Indikator X / Nilai", True),
        ("0,376 x IKA", False),
        ("A / B x 100%", False),
        ("IH x IP", False),
    ],
)
def test_mark_name_x(text: str, marked: bool) -> None:
    draft = _run(n.mark_name_x, text)
    assert (n.NAME_X in draft.text or n.NAME_X_UPPER in draft.text) is marked


@pytest.mark.parametrize(
    "text,marked",
    [
        ("Jumlah siswa SD/ Sederajat", True),
        ("desa di Kab/Kota yang", True),
        ("Jumlah Perda/Perwal yang", True),
        ("jenjang TK/RA/penitipan anak", True),
        ("Produksi (Ton/Ha)", True),
        ("(JRTAP/JRT)", False),
        ("yang baru/Jumlah produk", False),
        ("Peserta JKN/ Jumlah Penduduk", False),
        ("A / B", False),
        ("a/a+b", False),
    ],
)
def test_mark_name_slash(text: str, marked: bool) -> None:
    assert (n.NAME_SLASH in _run(n.mark_name_slash, text).text) is marked


def test_mark_phrase_commas() -> None:
    assert n.NAME_COMMA in _run(n.mark_phrase_commas, "imunisasi B, 1 x BCG").text
    assert n.NAME_COMMA not in _run(n.mark_phrase_commas, "max(A, B)").text
    assert _run(n.mark_phrase_commas, "A, dibagi B").text == "A  dibagi B"


def test_normalise_never_raises_on_odd_input() -> None:
    for text in ["", "=", "= =", "(((", "\n\n", "Keterangan:", "Pembilang: Penyebut:", "\ue02f"]:
        assert isinstance(n.normalise(text), n.Draft)


def test_times_word_only_before_a_number() -> None:
    assert "×" in _run(n.times_word, "A dibagi B kali 100%").text
    assert _run(n.times_word, "3 kali kunjungan").text == "3 kali kunjungan"


def test_odd_space_quick_check_lists_exactly_the_odd_spaces() -> None:
    everything = "".join(map(chr, range(0x110000)))
    assert layout._ODD_SPACE_QUICK.findall(everything) == layout._ODD_SPACE.findall(everything)


@pytest.mark.parametrize("text", ["", "a(b)c", "((a)", "a)b(c", "{[()]}x", "))((", "f(x)[y]{z}"])
def test_depth_zero(text: str) -> None:
    depth, expected = 0, []
    for char in text:  # the definition, character by character
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
            expected.append(False)
            continue
        expected.append(depth == 0)
    assert draft_module._depth_zero(text) == expected


def _fixture_texts() -> list[str]:
    from pathlib import Path

    fixtures = Path(__file__).parents[1] / "fixtures"
    texts = []
    for line in (fixtures / "grammar" / "forms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            texts.append(line.split("\t")[0].replace("\\n", "\n"))
    texts += ['"A $ \\, B" / $C\\,$', '$\\text{A $ B}$ / "x', "\\text{A}\\,\\text{B} / C  "]
    return texts


def test_the_cached_mask_is_always_the_mask_of_the_text() -> None:
    # keep() and blank() carry the mask over instead of recomputing it
    for text in _fixture_texts():
        draft = n.Draft(text)
        for step in n.STEPS:
            draft.masked  # noqa: B018 - fill the cache before the step
            step(draft)
            assert draft.masked == draft_module._mask_text(draft.text)[0], (step.__name__, text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("(2T − R)/T", "(2 × T − R)/T"),
        ("2 T − R", "2 × T − R"),
        ("A / (0,5T + R)", "A / (0,5 × T + R)"),
        ("\\frac{2T}{T}", "\\frac{2 × T}{T}"),
        ("A x 3IS", "A x 3 × IS"),
        ("A dibagi 2 T", "A dibagi 2 × T"),
    ],
)
def test_split_coefficients(text: str, expected: str) -> None:
    assert _run(n.split_coefficients, text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "TPS 3R yang beroperasi / B",
        "usia 15th ke atas / B",
        "3 x imunisasi DPT / B",
        "jaringan 4G / B",
        "Jumlah 2 Unit Roda 2 / B",
        "1x imunisasi hepatitis B / B",
        "Luas Panen (2 A) / B",
        "kelas 1-3 SD / B",
        "A * 2,297E+09",
        "A / B x 1000 KH",
        "A / 100 m",
        '"2T" / B',
        "\\text{2T} / B",
    ],
)
def test_numbers_in_names_are_not_coefficients(text: str) -> None:
    assert _run(n.split_coefficients, text).text == text
