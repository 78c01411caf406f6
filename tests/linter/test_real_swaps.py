"""The linter on swapped real ratios (issue 13): a side narrowed only by a qualifying clause,
a place qualifier that does not narrow, indicator names with outline numbers, and the recall
over both real corpora (swapped by the benchmark script) with no false ``inverted`` error."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import indikator
from indikator.linter.rules import strip_numbering

ROOT = Path(__file__).resolve().parents[2]


def _inverted(text: str, name: str | None) -> list[str]:
    return [f.severity for f in indikator.lint(text, name, "%") if f.rule == "inverted"]


@pytest.mark.parametrize(
    "whole,part,name",
    [
        ("Jumlah keluarga", "Jumlah keluarga yang telah memiliki akses sanitasi layak",
         "Persentase keluarga dengan akses sanitasi layak"),
        ("Jumlah bayi baru lahir", "Jumlah bayi baru lahir yang mendapat pelayanan kesehatan"
         " sesuai standar", "Cakupan pelayanan kesehatan bayi baru lahir"),
        ("Jumlah sekolah", "Jumlah sekolah dengan sarana sanitasi yang layak",
         "Persentase sekolah bersanitasi layak"),
        ("Jumlah anak usia 13-15 tahun pada wilayah yang bersangkutan",
         "Jumlah anak usia 13-15 tahun yang sedang belajar di SMP",
         "Angka partisipasi anak usia 13-15 tahun"),
        ("Jumlah anak usia 13-15 tahun Kabupaten Mappi",
         "Jumlah anak usia 13-15 tahun yang sedang belajar di SMP",
         "Angka partisipasi anak usia 13-15 tahun"),
    ],
)
def test_a_side_narrowed_by_a_clause_belongs_on_top(whole: str, part: str, name: str) -> None:
    assert _inverted(f"{part} / {whole} x 100%", name) == []
    assert _inverted(f"{whole} / {part} x 100%", name) in (["error"], ["warning"])


@pytest.mark.parametrize(
    "numbered,plain",
    [
        ("2.a.3. Rasio puskesmas per satuan penduduk", "Rasio puskesmas per satuan penduduk"),
        ("III.1 Persentase desa berstatus mandiri", "Persentase desa berstatus mandiri"),
        ("1) Cakupan desa siaga aktif", "Cakupan desa siaga aktif"),
        ("b. Persentase jalan mantap", "Persentase jalan mantap"),
    ],
)
def test_outline_numbers_before_a_name_are_ignored(numbered: str, plain: str) -> None:
    assert strip_numbering(numbered) == plain
    text = "Jumlah desa / Jumlah desa berstatus mandiri"
    assert [f.code for f in indikator.lint(text, numbered, "%")] == [
        f.code for f in indikator.lint(text, plain, "%")
    ]
    assert strip_numbering("Indeks Pembangunan Manusia") == "Indeks Pembangunan Manusia"
    assert strip_numbering("IKM 2020") == "IKM 2020"


def test_recall_on_swapped_real_ratios_and_no_false_inverted_error() -> None:
    path = ROOT / "benchmarks" / "lint_recall.py"
    spec = importlib.util.spec_from_file_location("lint_recall", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    counts = module.measure()
    assert counts["false_inverted_errors"] == 0
    assert counts["ratios"] >= 60
    assert counts["swaps_caught_any"] >= 48 and counts["swaps_caught_error"] >= 45
