"""Every CLI command's ``--json`` output follows the contract (``docs/schemas/``), accepted or
rejected, and the exit statuses say which: 0 success, 1 rejected, 2 usage, 3 findings."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from indikator.cli.app import main
from indikator.contract.envelope import COMMANDS, VERSION
from indikator.contract.schemas import schemas, validate
from indikator.core.resources import data_path

EXAMPLE = str(data_path("examples/kota-serang/realisasi-ilustratif.csv"))
SEED = str(data_path("examples/kota-serang/renstra-setda-2018-2023.txt"))
FIXTURES = Path(__file__).parents[1] / "fixtures"
DOCS = FIXTURES / "documents"
INVERTED = "Jumlah Dokumen yang di rencanakan / Total Dokumen yang di laksanakan x 100%"


def _envelope(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict[str, Any]]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    envelope: dict[str, Any] = json.loads(out)
    validate(envelope)
    return code, envelope


ACCEPTED = {
    "parse": (["parse", "TPT = PP/PAK x 100% Keterangan: PP = Jumlah penganggur"], 0),
    "eval": (["eval", "A / B", "--var", "A=1", "--var", "B=0"], 0),
    "lint": (["lint", "--formula", INVERTED, "--name", "Persentase Dokumen"], 3),
    "lint-file": (["lint", str(FIXTURES / "seed-tabel-6.3-expected.tsv")], 3),
    "scale.list": (["scale", "list"], 0),
    "scale.show": (["scale", "show", "akip"], 0),
    "scale.show-ordinal": (["scale", "show", "opini-bpk"], 0),
    "scale.rate": (["scale", "rate", "akip", "80,68", "-", "120"], 0),
    "scale.rate-ordinal": (["scale", "rate", "opini-bpk", "WDP"], 0),
    "scale.parse": (["scale", "parse", str(FIXTURES / "scales" / "akip-printed.txt")], 0),
    "compute": (["compute", EXAMPLE], 0),
    "import": (["import", SEED], 0),
    "import-table": (["import", EXAMPLE], 0),
    "import-pdf": (["import", str(DOCS / "renstra-contoh.pdf")], 0),
    "import-docx": (["import", str(DOCS / "renstra-contoh.docx")], 0),
    "import-workbook": (["import", "--periode", "s.d. TW IV",
                         str(DOCS / "realisasi-monev.xlsx")], 0),
    "compute-periode": (["compute", "--periode", "s.d. TW IV", "--sheet", "2",
                         str(DOCS / "realisasi-monev.xlsx")], 0),
    "compute-cp1252": (["compute", str(DOCS / "realisasi-cp1252.csv")], 0),
    "sql": (["sql", "--dialect", "postgres", "A / B x 100%"], 0),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_answers_follow_the_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv, expected = ACCEPTED[name]
    code, envelope = _envelope(capsys, argv)
    assert code == expected
    assert envelope["ok"] is True and envelope["version"] == VERSION
    assert envelope["command"] == name.split("-")[0]
    assert envelope["status"] == ("findings" if expected == 3 else "success")
    assert (expected == 3) == any(f["severity"] == "error" for f in envelope["findings"])


def test_verify_and_demo_follow_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    formulas = tmp_path / "rumus.txt"
    formulas.write_text(INVERTED + "\nJumlah A yang dilaksanakan / Jumlah A x 100%\n", "utf-8")
    code, envelope = _envelope(capsys, ["verify", "--examples", "20", str(formulas)])
    assert code == 3 and envelope["findings"][0]["code"] == "VERIFY"
    code, envelope = _envelope(capsys, ["demo", "--out", str(tmp_path / "demo")])
    assert code == 0 and envelope["result"]["illustrative"] is True


def test_report_follows_the_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "laporan"
    code, envelope = _envelope(capsys, ["report", "--out", str(out), "--periode", "s.d. TW IV",
                                        str(DOCS / "realisasi-monev.xlsx")])
    assert (code, envelope["command"], envelope["status"]) == (0, "report", "success")
    result = envelope["result"]
    assert result["out"] == str(out) and result["year"] == "2024"
    assert result["period"] and result["summary"]["rows"] == 5
    assert any("Petunjuk" in note for note in result["notes"])
    names = [Path(f).name for f in result["files"]]
    assert names[:3] == ["pengukuran-kinerja.xlsx", "narasi.txt", "bab-iii-capaian-kinerja.docx"]
    assert all(Path(f).is_file() for f in result["files"])
    code, envelope = _envelope(capsys, ["report", "--out", str(out), "--periode", "TW V",
                                        str(DOCS / "realisasi-monev.xlsx")])
    assert (code, envelope["ok"], envelope["command"]) == (1, False, "report")
    assert "periode" in envelope["error"]["message"]


def test_compute_notes_say_what_was_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    code, envelope = _envelope(capsys, ["compute", "--periode", "s.d. TW IV",
                                        str(DOCS / "realisasi-monev.xlsx")])
    assert code == 0 and any("Petunjuk" in note for note in envelope["result"]["notes"])
    code, envelope = _envelope(capsys, ["import", str(DOCS / "renstra-scan.pdf")])
    assert (code, envelope["error"]["code"]) == (1, "documents.pdf_no_text")


REJECTED = {
    "parse": ["parse", "A / (B"],
    "eval": ["eval", "A / B", "--var", "C=1"],
    "lint": ["lint", "missing.tsv"],
    "scale.show": ["scale", "show", "no-such-scale"],
    "scale.rate": ["scale", "rate", "akip", "abc"],
    "scale.parse": ["scale", "parse", "missing.txt"],
    "compute": ["compute", "missing.csv"],
    "import": ["import", "missing.txt"],
    "verify": ["verify"],
    "report": ["report", "--out", "laporan-tidak-dibuat", "missing.csv"],
    "sql": ["sql", "--dialect", "oracle", "A / B"],
    "serve": ["serve", "--port", "0"],
}


@pytest.mark.parametrize("command", sorted(REJECTED))
def test_rejections_follow_the_schema(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, envelope = _envelope(capsys, REJECTED[command])
    assert code == 1
    assert (envelope["ok"], envelope["status"], envelope["result"]) == (False, "rejected", None)
    assert envelope["command"] == command and envelope["error"]["message"]


def test_every_command_is_covered() -> None:
    covered = {name.split("-")[0] for name in ACCEPTED} | set(REJECTED) | {"verify", "demo"}
    assert covered == set(COMMANDS)
    assert set(COMMANDS) <= {name for name in schemas() if name != "envelope"} | {"serve"}


def test_usage_errors_exit_2_without_an_envelope(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["lint", "--json", "--no-such-option"])
    assert info.value.code == 2
    assert capsys.readouterr().out == ""


def test_compute_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(EXAMPLE).read_bytes())))
    code, piped = _envelope(capsys, ["compute", "-"])
    code_file, direct = _envelope(capsys, ["compute", EXAMPLE])
    assert code == code_file == 0
    assert piped["result"]["rows"] == direct["result"]["rows"]


def test_the_schemas_catch_a_wrong_shape() -> None:
    wrong = {"version": VERSION, "command": "eval", "lang": "id", "ok": True,
             "status": "success", "result": {"value": "75"}, "findings": [], "error": None}
    with pytest.raises(jsonschema.ValidationError):
        validate(wrong)
    with pytest.raises(jsonschema.ValidationError):
        validate({**wrong, "result": {"value": 75.0, "reason": None, "message": None},
                  "ok": False})
    for schema in schemas().values():
        jsonschema.Draft202012Validator.check_schema(schema)
