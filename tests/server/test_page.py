"""The web page in a real headless browser (Debian's chromium + chromium-driver, Selenium):
type a formula, see the finding and apply its fix; upload the example realisation table, see
the Pengukuran Kinerja table, download the workbook and open it; rate a value; switch to
English.  Screenshots go to ``$INDIKATOR_SCREENSHOTS`` (else the test's temporary folder).

Skipped, saying why, only when chromium or its driver is not installed (CI installs both with
``.ci/setup.d/20-chromium.sh``).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from indikator.core.resources import data_path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="Debian's chromium and chromium-driver are not installed "
    "(CI installs them with .ci/setup.d/20-chromium.sh)",
)
EXAMPLE = data_path("examples/kota-serang/realisasi-ilustratif.csv")
INVERTED = "Jumlah Dokumen yang di rencanakan / Total Dokumen yang di laksanakan x 100%"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INDIKATOR_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                 "--lang=id"):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "intl.accept_languages": "id-ID,id"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _wait(condition: Any, seconds: float = 20) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        try:
            value = condition()
        except Exception:  # the element is not there yet
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("the page did not show what was expected in time")
        time.sleep(0.1)


def _full_shot(browser: Any, path: Path) -> None:
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, max(900, int(height) + 40))
    browser.save_screenshot(str(path))


def test_formula_fix_table_download_and_rating(browser: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    by_id = lambda name: browser.find_element(By.ID, name)  # noqa: E731
    browser.get(server + "/")
    assert "Periksa rumus" in browser.page_source

    # 1. a formula, as typed: the reading, the variables, the finding and its fix
    by_id("indicator-name").send_keys("Persentase Dokumen Kerjasama yang dilaksanakan")
    by_id("formula").send_keys(INVERTED)
    button = _wait(lambda: browser.find_element(By.CSS_SELECTOR, "button.apply-fix"))
    finding = browser.find_element(By.CSS_SELECTOR, ".finding.error").text
    assert "IND020" in finding and "terbalik" in finding
    _wait(lambda: browser.find_element(By.CSS_SELECTOR, "#reading math mfrac"))
    variables = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#variables li")]
    assert variables == ["Jumlah Dokumen yang di rencanakan",
                         "Total Dokumen yang di laksanakan"]
    browser.save_screenshot(str(shots / "1-formula-finding.png"))
    button.click()
    _wait(lambda: by_id("formula").get_attribute("value").startswith("Total Dokumen"))
    _wait(lambda: not browser.find_elements(By.CSS_SELECTOR, ".finding.error"))
    browser.save_screenshot(str(shots / "2-formula-fixed.png"))

    # 2. the realisation table: capaian, predikat colours, audit flags, downloads
    by_id("table-file").send_keys(str(EXAMPLE))
    rows = _wait(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")) == 16
                 and browser.find_elements(By.CSS_SELECTOR, "#results tbody tr"))
    first = [td.text for td in rows[0].find_elements(By.TAG_NAME, "td")]
    assert first[1] == "Nilai Evaluasi AKIP" and first[5] == "93,64"
    assert first[6].startswith("CC")
    coloured = [td.value_of_css_property("background-color")
                for td in browser.find_elements(By.CSS_SELECTOR, "td.category")]
    assert sum(1 for c in coloured if c not in ("rgba(0, 0, 0, 0)", "transparent")) >= 10
    assert len(browser.find_elements(By.CSS_SELECTOR, "td.audit.mismatch")) == 4
    assert "4 capaian tertulis tidak cocok" in by_id("table-status").text
    _full_shot(browser, shots / "3-table.png")
    by_id("download-xlsx").click()
    workbook = _wait(lambda: [p for p in browser.downloads.glob("*.xlsx")
                              if not p.name.endswith(".crdownload")])[0]
    _wait(lambda: workbook.stat().st_size > 0)
    book = load_workbook(workbook)
    sheet = book.worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Nilai Evaluasi AKIP" in texts
    assert by_id("download-docx").text == "Unduh DOCX (Bab III)"
    by_id("download-docx").click()
    chapter = _wait(lambda: [p for p in browser.downloads.glob("*.docx")
                             if not p.name.endswith(".crdownload")])[0]
    _wait(lambda: chapter.stat().st_size > 0)
    from docx import Document

    document = Document(str(chapter))
    assert [p.text for p in document.paragraphs][:2] == ["BAB III", "CAPAIAN KINERJA ORGANISASI"]
    assert any("Nilai Evaluasi AKIP" in p.text for p in document.paragraphs)

    # 3. a value on a scale, with its bands drawn
    browser.set_window_size(1280, 1600)
    rate = by_id("rate-value")
    rate.clear()
    rate.send_keys("80,68")
    by_id("rate-button").click()
    _wait(lambda: "→ A (" in by_id("rating").text)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#bands .band")) == 7
    assert browser.find_elements(By.CSS_SELECTOR, "#bands .marker")
    browser.execute_script("document.getElementById('rate-section').scrollIntoView()")
    browser.save_screenshot(str(shots / "4-rating.png"))

    # the English switch
    by_id("lang-switch").click()
    _wait(lambda: "Check a formula" in browser.page_source)
    by_id("formula").send_keys("A / (B")
    _wait(lambda: "The formula" in by_id("reading").text)
    _wait(lambda: "a closing bracket" in by_id("findings").text)
    assert by_id("downloads").is_displayed() is False  # nothing to download before an upload
    browser.save_screenshot(str(shots / "5-english-error.png"))
