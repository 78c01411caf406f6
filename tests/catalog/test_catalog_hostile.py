"""Catalogues from hostile text (issue 12 classes 12 and 13): names with control characters
written by ``import --out`` read back; deeply nested arrays give a located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from indikator.catalog.loader import Indicator, dump, load_catalog
from indikator.cli.app import main
from indikator.core.errors import CatalogError
from indikator.core.tomlfile import TomlTooDeep, check_nesting, toml_string

NASTY = ["Jumlah\fdesa", "a\x00b", "tab\there", "del\x7f", "quote ' and \"", "back\\slash",
         "line\nbreak\r", "\x1b[31mred", "emoji 😀 ok", "lone \ud800 surrogate", "'''", '"""',
         "\u2028sep\u2029", "x\x0b\x1c\x1d\x1e\x85y"]


@pytest.mark.parametrize("text", NASTY)
def test_any_text_survives_a_round_trip(tmp_path: Path, text: str) -> None:
    indicator = Indicator(code="X1", name=text, satuan=text, formula="A / B x 100",
                          arah="naik", aggregation="mean", explanation=text,
                          notes={text: text})
    path = dump([indicator], tmp_path / "c.toml", {"title": text, "source": text},
                comment=f"from {text}\nsecond line")
    loaded = load_catalog(path)
    back = next(iter(loaded.values()))
    expected = text.replace("\ud800", "\ufffd")
    assert back.name == expected.strip() and back.satuan == expected.strip()  # loader strips
    assert back.explanation.strip() == expected.strip()
    assert loaded.meta[str(path)]["title"] == expected


def test_toml_string_escapes_form_feed() -> None:
    assert toml_string("a\fb") == '"a\\fb"'
    assert toml_string("plain") == "'plain'"


def test_import_out_round_trips_form_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    table = tmp_path / "r.csv"
    table.write_text("indikator;satuan;target;realisasi\nJumlah\fdesa\x01 maju;De\fsa;10;9\n",
                     encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(table), "--out", str(out)]) == 0, capsys.readouterr()
    capsys.readouterr()
    catalog = load_catalog(out)
    assert [i.name for i in catalog.values()] == ["Jumlah\fdesa\x01 maju"]


@pytest.mark.parametrize("depth", [40, 1000, 100_000])
def test_deeply_nested_arrays_are_located(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('[[indicator]]\ncode = "A"\nnotes = ' + "[" * depth + "]" * depth + "\n",
                    encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    message = caught.value.message("en")
    assert "nested deeper than 32 levels (line 3, column 41)" in message


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    text = ('a = "' + "[" * 100 + '"\nb = \'' + "{" * 100 + "'\n# " + "[" * 100 +
            '\nc = """\n' + "[" * 100 + '\n"""\nd = [[1], [2]]\n')
    check_nesting(text)
    with pytest.raises(TomlTooDeep) as caught:
        check_nesting(text + "e = " + "[" * 33)
    assert caught.value.line == 8 and caught.value.column == 37


def test_deep_nesting_via_cli_is_not_internal(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("indikator;target;realisasi\nA;1;1\n", encoding="utf-8")
    code = main(["--lang", "en", "compute", str(table), "--catalog", str(path)])
    _, err = capsys.readouterr()
    assert code == 1 and "Internal error" not in err and "line 1, column 37" in err
