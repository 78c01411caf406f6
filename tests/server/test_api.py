"""The HTTP API over real HTTP (uvicorn on loopback): every answer follows the contract, the
answers equal the CLI's, limits give clear 4xx answers, and the server stays up."""

from __future__ import annotations

import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from indikator.cli.app import main
from indikator.contract.envelope import VERSION
from indikator.contract.schemas import validate
from indikator.core.resources import data_path

EXAMPLE = data_path("examples/kota-serang/realisasi-ilustratif.csv")
SEED = data_path("examples/kota-serang/renstra-setda-2018-2023.txt")
FIXTURES = Path(__file__).parents[1] / "fixtures"
INVERTED = "Jumlah Dokumen yang di rencanakan / Total Dokumen yang di laksanakan x 100%"


def checked(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    """The envelope of *response*, validated, after checking the HTTP status."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    envelope: dict[str, Any] = response.json()
    validate(envelope)
    assert envelope["version"] == VERSION
    return envelope


def alive(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"ok": True}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    main([*argv, "--json"])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


# --------------------------------------------------------------------------- the endpoints


def test_parse_and_eval(client: httpx.Client) -> None:
    parsed = checked(client.post("/api/v1/parse", json={"formula": "A / B x 100%"}))
    assert parsed["result"]["ratio"] == {"numerator": "A", "denominator": "B", "factor": 100.0}
    assert "<mfrac>" in parsed["result"]["mathml"]
    value = checked(client.post("/api/v1/eval", json={
        "formula": "A / B x 100%", "values": {"A": 3, "B": "4"}}))
    assert value["result"] == {"value": 75.0, "reason": None, "message": None}
    zero = checked(client.post("/api/v1/eval?lang=en", json={
        "formula": "A / B", "values": {"A": "1", "B": "0"}}))
    assert zero["result"]["reason"] == "division-by-zero" and zero["lang"] == "en"


def test_lint_answers_as_the_cli_does(client: httpx.Client,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    answer = checked(client.post("/api/v1/lint", json={
        "formula": INVERTED, "name": "Persentase Dokumen", "unit": "Persen"}))
    assert answer["status"] == "findings"  # HTTP 200: the input was accepted
    [finding] = answer["findings"]
    assert finding["code"] == "IND020" and finding["fix"].startswith("Total Dokumen")
    local = cli(capsys, "lint", "--formula", INVERTED, "--name", "Persentase Dokumen",
                "--unit", "Persen")
    strip = {**finding, "where": None}
    assert strip == {**local["findings"][0], "where": None}


def test_lint_file_upload(client: httpx.Client) -> None:
    table = FIXTURES / "seed-tabel-6.3-expected.tsv"
    with table.open("rb") as handle:
        answer = checked(client.post("/api/v1/lint/file", files={"file": (table.name, handle)}))
    assert answer["result"]["summary"]["formulas"] == 29
    assert answer["result"]["formulas"][0]["file"] == table.name


def test_scales(client: httpx.Client, capsys: pytest.CaptureFixture[str]) -> None:
    listed = checked(client.get("/api/v1/scales"))
    names = {s["name"] for s in listed["result"]["scales"]}
    assert {"akip", "ikm-2017", "opini-bpk"} <= names
    assert all("/" not in (s["path"] or "") for s in listed["result"]["scales"])  # no paths
    shown = checked(client.get("/api/v1/scales/akip"))
    assert shown["result"]["bands"][0]["code"] == "AA"
    rated = checked(client.post("/api/v1/scales/akip/rate", json={"values": [80.68, "90,01",
                                                                             None, 120]}))
    assert [r["code"] for r in rated["result"]["ratings"]] == ["A", "AA", None, None]
    local = cli(capsys, "scale", "rate", "akip", "80,68", "90,01")
    assert [r["code"] for r in local["result"]["ratings"]] == ["A", "AA"]


def test_compute_equals_the_cli(client: httpx.Client, capsys: pytest.CaptureFixture[str]) -> None:
    with EXAMPLE.open("rb") as handle:
        answer = checked(client.post("/api/v1/compute", files={"file": (EXAMPLE.name, handle)}))
    local = cli(capsys, "compute", str(EXAMPLE))
    assert answer["result"]["rows"] == local["result"]["rows"]
    assert answer["result"]["summary"]["mismatch"] == 4
    raw = checked(client.post("/api/v1/compute?filename=t.csv", content=EXAMPLE.read_bytes(),
                              headers={"Content-Type": "text/csv"}))
    assert raw["result"]["rows"] == local["result"]["rows"]


def test_ods_upload_reads_like_the_csv(client: httpx.Client, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from odsfile import ods_bytes

    rows = [line.split(";") for line in EXAMPLE.read_text("utf-8").splitlines()]
    ods = ods_bytes(rows)
    answer = checked(client.post("/api/v1/compute", files={"file": ("realisasi.ods", ods)}))
    local = cli(capsys, "compute", str(EXAMPLE))
    assert answer["result"]["rows"] == local["result"]["rows"]
    path = tmp_path / "realisasi.ods"
    path.write_bytes(ods)
    assert cli(capsys, "compute", str(path))["result"]["rows"] == local["result"]["rows"]


def test_import_document_and_table(client: httpx.Client) -> None:
    with SEED.open("rb") as handle:
        answer = checked(client.post("/api/v1/import", files={"file": (SEED.name, handle)}))
    assert [t["table"] for t in answer["result"]["tables"]][1:3] == ["6.3", "7.1"]
    with EXAMPLE.open("rb") as handle:
        table = checked(client.post("/api/v1/import", files={"file": (EXAMPLE.name, handle)}))
    assert table["result"]["tables"][0]["kind"] == "realisation"


def test_report_workbook_and_zip(client: httpx.Client) -> None:
    for fmt, lang in (("xlsx", "id"), ("zip", "en")):
        with EXAMPLE.open("rb") as handle:
            response = client.post(f"/api/v1/report?format={fmt}&lang={lang}",
                                   files={"file": (EXAMPLE.name, handle)})
        assert response.status_code == 200
        if fmt == "xlsx":
            book = load_workbook(io.BytesIO(response.content))
            assert book.sheetnames[0] == "Pengukuran Kinerja"  # the LKjIP sheet first
            assert max(sheet.max_row for sheet in book.worksheets[1:]) >= 17  # every row kept
        else:
            names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
            assert "performance-measurement.xlsx" in names
            assert any(name.endswith(".png") for name in names)
    bad = checked(client.post("/api/v1/report?format=pdf", content=b"x"), 422)
    assert bad["command"] == "report" and "docx" in bad["error"]["message"]


MONEV = FIXTURES / "documents" / "realisasi-monev.xlsx"


def test_report_is_the_lkjip_report_of_the_cli(client: httpx.Client, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    query = "periode=s.d.%20TW%20IV&lang=id"
    with MONEV.open("rb") as handle:
        book_answer = client.post(f"/api/v1/report?format=xlsx&{query}",
                                  files={"file": (MONEV.name, handle)})
    assert book_answer.status_code == 200, book_answer.text[:300]
    assert 'filename="pengukuran-kinerja.xlsx"' in book_answer.headers["content-disposition"]
    with MONEV.open("rb") as handle:
        docx_answer = client.post(f"/api/v1/report?format=docx&{query}",
                                  files={"file": (MONEV.name, handle)})
    assert docx_answer.status_code == 200
    assert docx_answer.headers["content-type"].endswith("wordprocessingml.document")
    local = cli(capsys, "report", "--out", str(tmp_path), "--periode", "s.d. TW IV", str(MONEV))
    assert local["ok"] is True
    served = load_workbook(io.BytesIO(book_answer.content))["Pengukuran Kinerja"]
    written = load_workbook(tmp_path / "pengukuran-kinerja.xlsx")["Pengukuran Kinerja"]
    assert served["A1"].value == "PENGUKURAN KINERJA TAHUN 2024"
    served_rows = [[c.value for c in row][:9] for row in served.iter_rows(min_row=6)]
    assert served_rows == [[c.value for c in row][:9] for row in written.iter_rows(min_row=6)]
    assert served_rows[0][2] == "Angka Kematian Ibu (AKI)"
    document = Document(io.BytesIO(docx_answer.content))
    assert [p.text for p in document.paragraphs][:3] == [
        "BAB III", "CAPAIAN KINERJA ORGANISASI", "A. Pengukuran Kinerja"]
    assert any("Prevalensi balita stunting" in p.text and "85,00%" in p.text
               for p in document.paragraphs)
    assert len(document.inline_shapes) >= 1
    with MONEV.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(client.post(
            f"/api/v1/report?format=zip&{query}", files={"file": (MONEV.name, handle)}).content
        )).namelist()
    assert {"pengukuran-kinerja.xlsx", "narasi.txt", "bab-iii-capaian-kinerja.docx"} <= set(names)
    with MONEV.open("rb") as handle:  # no period chosen in a TW sheet: refused, columns listed
        refused = checked(client.post("/api/v1/report?format=docx",
                                      files={"file": (MONEV.name, handle)}), 422)
    assert refused["command"] == "report" and "periode" in refused["error"]["message"]
    assert "upload" not in refused["error"]["message"]  # the declared name, not the private copy
    alive(client)


@pytest.mark.parametrize("name", ["renstra-contoh.pdf", "renstra-contoh.docx"])
def test_import_reads_pdf_and_docx_uploads(client: httpx.Client, name: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "documents" / name
    with path.open("rb") as handle:
        served = checked(client.post("/api/v1/import", files={"file": (name, handle)}))
    local = cli(capsys, "import", str(path))
    assert served["result"]["tables"] == local["result"]["tables"]
    assert served["result"]["notes"] == local["result"]["notes"]
    assert served["result"]["totals"]["indicators"] > 0


def test_import_refuses_a_broken_document(client: httpx.Client) -> None:
    bad = checked(client.post("/api/v1/import?filename=renstra.docx", content=b"not a zip"), 422)
    assert bad["error"]["code"] == "serve.bad_archive" and "renstra.docx" in bad["error"]["message"]
    scan = FIXTURES / "documents" / "renstra-scan.pdf"
    with scan.open("rb") as handle:
        answer = client.post("/api/v1/import", files={"file": ("scan.pdf", handle)})
    envelope = checked(answer, 422)
    assert envelope["error"]["code"] == "documents.pdf_no_text"
    assert envelope["error"]["path"] == "scan.pdf" and "upload.pdf" not in answer.text
    alive(client)


def test_openapi_is_built_from_the_contract(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    components = document["components"]["schemas"]
    assert {"Envelope", "ComputeResult", "LintResult", "ScaleRateResult"} <= set(components)
    text = json.dumps(document)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "')[1:]}:
        node: Any = document
        for key in ref.removeprefix("#/").split("/"):
            node = node[key]  # every reference resolves
    assert "/api/v1/compute" in document["paths"]


def test_the_page_is_served_in_both_languages(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<html lang="id">' in page.text
    assert "Periksa rumus" in page.text
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.text and "Check a formula" in english.text
    assert client.get("/?lang=en").text == english.text
    assert client.get("/static/page.js").status_code == 200
    assert "http://" not in page.text.replace("http://www.w3.org", "")  # nothing from elsewhere


# --------------------------------------------------------------------------- refusals


def test_messages_are_the_clis_in_the_requests_language(
    client: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang in ("id", "en"):
        answer = checked(client.post(f"/api/v1/parse?lang={lang}", json={"formula": "A / (B"}),
                         422)
        local = cli(capsys, "parse", "--lang", lang, "A / (B")
        assert answer["error"] == local["error"]
    lint = checked(client.post("/api/v1/lint?lang=en", json={"formula": "A / (B"}))
    assert "expected: a closing bracket" in lint["findings"][0]["message"]
    assert "{" not in lint["findings"][0]["message"]  # every placeholder filled
    header = checked(client.post("/api/v1/parse", json={"formula": "A / (B"},
                                 headers={"Accept-Language": "en-US"}), 422)
    assert header["lang"] == "en" and header["error"]["message"].startswith("The formula")


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    return buffer.getvalue()


BAD_UPLOADS = {
    # name: (file name, bytes, status, error code)
    "binary-as-csv": ("tabel.csv", bytes(range(256)) * 64, 422, "common.not_utf8"),
    "random-as-xlsx": ("tabel.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, 422,
                       "serve.bad_archive"),
    "zip-bomb": ("bom.xlsx", _zip_bomb(), 413, "serve.zip_bomb"),
    "huge": ("besar.csv", b"indikator;target;realisasi\n" + b"a;1;1\n" * 250_000, 413,
             "serve.too_large"),
    "too-many-rows": ("baris.csv", b"indikator;target;realisasi\n" + b"a;1;1\n" * 3000, 413,
                      "serve.too_many_rows"),
    "pdf": ("laporan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", 415, "serve.unsupported_upload"),
    "exe": ("program.exe", b"MZ\x90\x00" * 100, 415, "serve.unsupported_upload"),
    "empty": ("kosong.csv", b"", 422, "cli.empty_file"),
    "no-columns": ("salah.csv", b"a;b\n1;2\n", 422, "tables.missing_columns"),
    "traversal-name": ("../../../etc/passwd.csv", b"a;b\n1;2\n", 422, "tables.missing_columns"),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_bad_uploads_are_answered_and_the_server_stays_up(client: httpx.Client,
                                                          case: str) -> None:
    name, content, status, code = BAD_UPLOADS[case]
    answer = checked(client.post("/api/v1/compute", files={"file": (name, content)}), status)
    assert answer["ok"] is False and answer["error"]["message"]
    assert answer["error"]["code"] == code, answer["error"]
    assert "/tmp" not in json.dumps(answer) and "indikator-" not in answer["error"]["message"]
    alive(client)


def test_malformed_requests(client: httpx.Client) -> None:
    cases = [
        (client.post("/api/v1/parse", content=b"{not json",
                     headers={"Content-Type": "application/json"}), 400, "serve.bad_json"),
        (client.post("/api/v1/parse", json=["A"]), 400, "serve.bad_json"),
        (client.post("/api/v1/parse", json={"formula": 3}), 422, "serve.bad_field"),
        (client.post("/api/v1/parse", json={"formula": "A" * 30_000}), 413, "serve.too_large"),
        (client.post("/api/v1/compute", content=b"--x\r\nbroken",
                     headers={"Content-Type": "multipart/form-data; boundary=x"}), 422,
         "serve.empty_upload"),
        (client.post("/api/v1/compute", content=b"abc",
                     headers={"Content-Type": "multipart/form-data"}), 400, "serve.bad_form"),
        (client.post("/api/v1/compute", files={"other": ("a.csv", b"a")}), 422,
         "serve.empty_upload"),
        (client.get("/api/v1/scales/..%2F..%2Fetc%2Fpasswd"), 404, "serve.not_found"),
        (client.get("/api/v1/scales/passwd"), 404, "scales.unknown_scale"),
        (client.post("/api/v1/scales/akip/rate", json={"values": "80"}), 422, "serve.bad_field"),
        (client.get("/api/v1/parse"), 405, "serve.method_not_allowed"),
        (client.get("/no/such/page"), 404, "serve.not_found"),
    ]
    for response, status, code in cases:
        assert checked(response, status)["error"]["code"] == code
    alive(client)


def test_chunked_upload_over_the_limit_is_cut_off(client: httpx.Client) -> None:
    def chunks() -> Any:
        for _ in range(40):
            yield b"a;1;1\n" * 10_000  # 60 KB a chunk, 2.4 MB in all, no Content-Length

    answer = checked(client.post("/api/v1/compute?filename=t.csv", content=chunks()), 413)
    assert answer["error"]["code"] == "serve.too_large"
    alive(client)


def test_the_time_limit_answers_503_and_the_server_goes_on(start_server: Any) -> None:
    with start_server(["--timeout", "0.05"]) as base, httpx.Client(base_url=base, timeout=60) as c:
        with EXAMPLE.open("rb") as handle:
            answer = checked(c.post("/api/v1/report?format=zip&lang=en",
                                    files={"file": (EXAMPLE.name, handle)}), 503)
        assert answer["error"]["code"] == "serve.timeout"
        assert "0.05 second" in answer["error"]["message"]
        alive(c)
        assert checked(c.post("/api/v1/parse", json={"formula": "A / B"}))["ok"] is True


def test_concurrent_requests_get_their_own_answers(client: httpx.Client, server: str) -> None:
    formulas = [f"Jumlah A{i} yang dilaksanakan / Jumlah A{i} x 100%" for i in range(24)]

    def one(formula: str) -> tuple[str, dict[str, Any]]:
        lang = "en" if len(formula) % 2 else "id"
        with httpx.Client(base_url=server, timeout=60) as own:
            answer = own.post(f"/api/v1/parse?lang={lang}", json={"formula": formula}).json()
        return lang, answer

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(one, formulas))
    for formula, (lang, answer) in zip(formulas, answers, strict=True):
        assert answer["lang"] == lang
        assert answer["result"]["variables"][0] == formula.split(" / ")[0]
