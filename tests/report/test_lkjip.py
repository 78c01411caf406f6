"""The LKjIP outputs cell by cell: the Pengukuran Kinerja sheet, the narrative, Bab III DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.compute.pipeline import compute
from indikator.documents.realisation import read_realisation
from indikator.report.lkjip import groups, lkjip_rows
from indikator.report.lkjip_report import write_lkjip_report
from indikator.report.story import paragraphs
from indikator.report.words import audit_word, method_phrase

TABLE = """No;Indikator;Tahun;Satuan;Target;Realisasi;Arah;Capaian
1;Angka Kematian Ibu (AKI);2023;per 100.000 KH;104;110;turun;94,23
2;Angka Kematian Ibu (AKI);2024;per 100.000 KH;100;94;turun;106,00
3;Persentase ibu hamil mendapat pelayanan K4;2024;%;90;88,2;naik;98,00
4;Persentase puskesmas terakreditasi;2024;%;80;85;naik;100,00
5;Indeks Kepuasan Masyarakat;2024;Indeks;82;80,5;naik;98,17
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> object:
    folder = tmp_path_factory.mktemp("lkjip")
    path = folder / "realisasi.csv"
    path.write_text(TABLE, encoding="utf-8")
    frame = compute(read_realisation(path)).results.copy()
    frame["sasaran"] = ["Meningkatnya derajat kesehatan masyarakat"] * 3 + [
        "Meningkatnya mutu pelayanan kesehatan"] * 2
    frame["target_akhir"] = [None, "90", "95", "100", "85"]
    frame["tahun_akhir"] = 2026
    return frame


def test_words_have_no_codes() -> None:
    assert method_phrase("higher") == "semakin tinggi semakin baik (R/T × 100)"
    assert method_phrase("lower", "en") == "lower is better ((2T − A)/T × 100)"
    assert method_phrase("higher;cap=120") == (
        "semakin tinggi semakin baik (R/T × 100) dibatasi paling tinggi 120%")
    assert [audit_word(c) for c in ("ok", "mismatch", "not-checkable")] == [
        "sesuai", "tidak sesuai", "tidak dapat diperiksa"]


def test_rows_grouped_by_sasaran_with_average(results: object) -> None:
    from indikator.report.lkjip_report import latest_year

    rows, year, notes = latest_year(results)
    assert year == "2024" and [n.key for n in notes] == ["lkjip_report.latest_year"]
    items = lkjip_rows(rows)
    assert [r.indikator for r in items] == [
        "Angka Kematian Ibu (AKI)", "Persentase ibu hamil mendapat pelayanan K4",
        "Persentase puskesmas terakreditasi", "Indeks Kepuasan Masyarakat"]
    assert items[0].row["realisasi_lalu"] == 110 and items[0].row["tahun_lalu"] == 2023
    found = groups(items)
    assert [(g.sasaran, len(g.rows)) for g in found] == [
        ("Meningkatnya derajat kesehatan masyarakat", 2),
        ("Meningkatnya mutu pelayanan kesehatan", 2)]
    assert found[0].average == pytest.approx((106 + 98) / 2)
    assert found[1].average == pytest.approx((106.25 + 80.5 / 82 * 100) / 2)


def test_narrative_sentences(results: object) -> None:
    from indikator.report.lkjip_report import latest_year

    rows, _, _ = latest_year(results)
    texts = paragraphs(lkjip_rows(rows))
    assert texts[0] == (
        "Pada tahun 2024, indikator Angka Kematian Ibu (AKI) terealisasi 94 per 100.000 KH dari "
        "target 100 per 100.000 KH, sehingga capaian kinerjanya sebesar 106,00% dan berada pada "
        "kategori Sangat Tinggi. Capaian dihitung dengan metode semakin rendah semakin baik "
        "((2T − R)/T × 100). Dibandingkan realisasi tahun 2023 sebesar 110 per 100.000 KH, "
        "realisasi 94 per 100.000 KH tahun ini lebih baik. Target akhir Renstra tahun 2026 "
        "sebesar 90 per 100.000 KH belum tercapai dengan realisasi 94 per 100.000 KH.")
    assert texts[1].startswith(
        "Pada tahun 2024, indikator Persentase ibu hamil mendapat pelayanan K4 terealisasi 88,20% "
        "dari target 90%, sehingga capaian kinerjanya sebesar 98,00% dan berada pada kategori "
        "Sangat Tinggi.")
    assert "Target akhir Renstra tahun 2026 sebesar 100% belum tercapai" in texts[2]
    assert "Target akhir Renstra tahun 2026 sebesar 95% belum tercapai" in texts[1]
    assert "Capaian yang tertulis di tabel (100,00%) tidak sesuai" in texts[2]
    for text in texts:
        assert " %" not in text and "higher" not in text and "mismatch" not in text
    english = paragraphs(lkjip_rows(rows, lang="en"), "en")
    assert english[0].startswith("In 2024, the indicator Angka Kematian Ibu (AKI) reached 94 per "
                                 "100.000 KH against a target of 100 per 100.000 KH, an "
                                 "achievement of 106.00%, in the category Sangat Tinggi. The "
                                 "achievement is computed as lower is better")
    for text in english:
        assert "semakin" not in text and "sesuai" not in text


def test_report_files_cell_by_cell(results: object, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    report = write_lkjip_report(tmp_path, results, source="realisasi.csv", period="tahunan")
    book = load_workbook(report.workbook)
    sheet = book.worksheets[0]
    assert book.sheetnames[:2] == ["Pengukuran Kinerja", "Rincian Perhitungan"]
    assert sheet["A1"].value == "PENGUKURAN KINERJA TAHUN 2024"
    assert [c.value for c in sheet[4]] == [
        "No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
        "Capaian (%)", "Predikat/Kategori", "Skala kategori", "Metode", "Keterangan"]
    first = [c.value for c in sheet[6]]
    assert first[:8] == [1, "Meningkatnya derajat kesehatan masyarakat",
                         "Angka Kematian Ibu (AKI)", "per 100.000 KH", 100, 94,
                         pytest.approx(106.0), "ST – Sangat Tinggi"]
    assert first[8:] == ["capaian (menilai capaian)",
                         "semakin rendah semakin baik ((2T − R)/T × 100)",
                         "capaian tertulis 106,00: sesuai"]
    assert [c.value for c in sheet[8]][2] == "Rata-rata capaian sasaran"
    assert sheet.cell(8, 7).value == pytest.approx(102.0)
    assert "B6:B7" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "D6"
    assert sheet.print_title_rows == "$4:$5"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    document = Document(str(report.document))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["BAB III", "CAPAIAN KINERJA ORGANISASI"]
    assert "Sasaran 1: Meningkatnya derajat kesehatan masyarakat" in texts
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells][2:8] == [
        "Angka Kematian Ibu (AKI)", "per 100.000 KH", "100", "94", "106,00",
        "ST – Sangat Tinggi"]
    assert report.narrative.read_text(encoding="utf-8").startswith(
        "Sasaran 1: Meningkatnya derajat kesehatan masyarakat\n\nPada tahun 2024, indikator "
        "Angka Kematian Ibu (AKI) terealisasi 94")


@pytest.mark.parametrize("breaks", ["docx", "workbook"])
def test_a_failed_save_keeps_the_previous_report(results: object, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 breaks: str) -> None:
    """Issue 12 class 4: the Bab III DOCX and the workbook's added sheet are saved atomically;
    a save that dies half-way (a full disk, a kill) never leaves half a file."""
    import docx.document
    import openpyxl.workbook.workbook

    first = write_lkjip_report(tmp_path, results, source="realisasi.csv", period="tahunan")
    target = first.document if breaks == "docx" else first.workbook
    good = target.read_bytes()
    owner = (docx.document.Document if breaks == "docx"
             else openpyxl.workbook.workbook.Workbook)

    real_save = owner.save

    def half_save(self: object, path: object) -> None:
        if not isinstance(path, str | Path):  # a save into memory (the first workbook)
            real_save(self, path)
            return
        Path(path).write_bytes(good[: len(good) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(owner, "save", half_save)
    with pytest.raises(OSError):
        write_lkjip_report(tmp_path, results, source="realisasi.csv", period="tahunan")
    after = target.read_bytes()
    assert after != good[: len(good) // 2]
    if breaks == "docx":  # nothing rewrote it before the failing save: the previous file
        assert after == good
    else:  # rewritten whole by the step before (atomically), then the failing save left it
        from openpyxl import load_workbook

        monkeypatch.undo()
        assert load_workbook(target).sheetnames
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
