"""``indikator scale list | show | rate | parse``: JSON shapes, texts, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indikator.cli.app import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scales"


def _json(capsys: pytest.CaptureFixture[str], argv: list[str], status: int = 0) -> dict:  # type: ignore[type-arg]
    assert main(argv) == status
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_rate_json_indonesian_values(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, ["scale", "rate", "--json", "akip", "80,68", "90", "90,01", "25,34"])
    assert data["result"]["scale"] == "akip"
    assert [(r["value"], r["code"], "akip") for r in data["result"]["ratings"]] == [
        (80.68, "A", "akip"),
        (90.0, "A", "akip"),
        (90.01, "AA", "akip"),
        (25.34, "D", "akip"),
    ]
    assert data["result"]["ratings"][0]["label"] == "Memuaskan"


def test_rate_json_not_rated(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, ["scale", "rate", "--json", "--lang", "en", "akip", "-", "120"])
    first, second = data["result"]["ratings"]
    assert first["code"] is None and first["reason"] == "missing" and first["value"] is None
    assert second["reason"] == "outside-domain" and "[0, 100]" in second["message"]


def test_rate_text_and_ordinal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scale", "rate", "ikm-2004", "76,475"]) == 0
    assert capsys.readouterr().out.strip() == "76,475 → B (Baik)"
    data = _json(capsys, ["scale", "rate", "--json", "opini-bpk", "wtp-pp", "WDP"])
    assert [(r["code"], r["rank"]) for r in data["result"]["ratings"]] == [("WTP", 4), ("WDP", 3)]


def test_rate_rejects_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scale", "rate", "akip", "abc"]) == 1
    assert "abc" in capsys.readouterr().err
    data = _json(capsys, ["scale", "rate", "--json", "no-such-scale", "1"], status=1)
    assert data["ok"] is False and data["error"]["code"] == "scales.unknown_scale"


def test_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    listed = _json(capsys, ["scale", "list", "--json"])
    names = {s["name"]: s for s in listed["result"]["scales"]}
    assert names["lppd-2019"]["confidence"] == "unconfirmed"
    assert names["opini-bpk"]["kind"] == "ordinal"
    shown = _json(capsys, ["scale", "show", "--json", "akip"])
    top = shown["result"]["bands"][0]
    assert (top["code"], top["lower"], top["lower_closed"], top["upper"], top["upper_closed"]) == (
        "AA", 90.0, False, 100.0, True,
    )  # fmt: skip
    assert shown["result"]["source"].startswith("PermenPANRB")
    assert main(["scale", "show", "--lang", "en", "capaian"]) == 0
    text = capsys.readouterr().out
    assert "[91, inf)" in text and "«91 – 100»" in text and "Rounded before rating" in text


def test_show_invalid_user_scale(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        capsys, ["scale", "show", "--json", str(FIXTURES / "gap.toml"), "--lang", "en"], status=1
    )
    assert data["error"]["code"] == "scales.gap"
    assert "gap.toml" in data["error"]["message"] and "RENDAH" in data["error"]["message"]


def test_user_scales_option(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        capsys,
        ["scale", "rate", "--json", "--scales", str(FIXTURES / "user"), "akip", "80,68"],
    )
    assert data["result"]["ratings"][0]["code"] == "LULUS"


def test_parse_band_table_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, ["scale", "parse", "--json", str(FIXTURES / "akip-printed.txt")])
    expected = json.loads((FIXTURES / "akip-printed.expected.json").read_text(encoding="utf-8"))
    for band in data["result"]["bands"]:
        assert band.pop("printed")
    assert data["result"] == expected


def test_parse_without_bands_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "x.txt"
    empty.write_text("Tabel kategori\ntidak ada angka\n", encoding="utf-8")
    assert main(["scale", "parse", str(empty)]) == 1
    assert "x.txt" in capsys.readouterr().err
    assert main(["scale", "parse", str(tmp_path / "missing.txt")]) == 1


def test_scale_needs_an_action() -> None:
    with pytest.raises(SystemExit) as info:
        main(["scale"])
    assert info.value.code == 2
