"""write_report: workbook, charts and narrative in one folder."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from indikator.report.bundle import write_report

ROWS = [
    {"indikator": "Nilai Evaluasi AKIP", "tahun": year, "capaian": value, "kategori": code,
     "skala": "akip", "target": 61, "realisasi": value}
    for year, value, code in [(2019, 54.64, "CC"), (2018, 52.31, "CC")]
]


def test_write_report_in_both_languages(tmp_path: Path) -> None:
    files = write_report(tmp_path / "id", ROWS, [], [], scales=iter([]))
    assert files.workbook.name == "pengukuran-kinerja.xlsx"
    assert [p.name for p in files.charts] == [
        "capaian-01-nilai-evaluasi-akip.png", "capaian-ringkasan.png",
    ]
    assert all(p.is_file() for p in files.all())
    text = files.narrative.read_text(encoding="utf-8")
    assert text.index("tahun 2018 sebesar 52,31 %") < text.index("tahun 2019 sebesar 54,64 %")
    assert "Pengukuran Kinerja" in openpyxl.load_workbook(files.workbook).sheetnames

    english = write_report(tmp_path / "en", ROWS, lang="en", charts=False)
    assert english.workbook.name == "performance-measurement.xlsx" and english.charts == []
    assert "in 2018 was 52.31 %" in english.narrative.read_text(encoding="utf-8")
