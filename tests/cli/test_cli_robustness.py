"""Bad input never crashes the CLI: every command, every kind of broken file or text.

The contract (``docs/contract.md``): any string, file or cell gets a clear message in the
chosen language (Bahasa Indonesia by default, English with ``--lang en``), exit status 1 (2 for
usage errors), and never a Python traceback.  The CLI's last-resort handler prints "Kesalahan
internal" / "Internal error" for an unexpected exception; such output counts as a failure here,
because it means a module let a non-:class:`~indikator.core.errors.IndikatorError` escape.

Broken files are made in ``tmp_path`` (random bytes, a PNG, latin-1 text, a zip-less XLSX …);
commands run in-process through :func:`indikator.cli.app.main` with captured output.
"""

from __future__ import annotations

import io
import json
import os
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indikator.cli.app import main
from indikator.core.i18n import current_language

INTERNAL = ("Kesalahan internal", "Internal error", "Traceback")
PREFIX = {"id": "galat: ", "en": "error: "}


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INDIKATOR_DEBUG", raising=False)
    monkeypatch.delenv("INDIKATOR_LANG", raising=False)
    monkeypatch.delenv("INDIKATOR_SCALES", raising=False)


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``indikator ARGV`` (usage errors give 2)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(argv)
    except SystemExit as exit_info:
        code = int(exit_info.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def assert_no_crash(code: int, out: str, err: str) -> None:
    for marker in INTERNAL:
        assert marker not in out and marker not in err, (code, out[-500:], err[-500:])


def assert_rejected(code: int, out: str, err: str, lang: str) -> None:
    """Exit 1 with one message in *lang* on stderr that names no Python exception."""
    assert_no_crash(code, out, err)
    assert code == 1, (out[-300:], err[-300:])
    assert err.startswith(PREFIX[lang]), err[:300]
    other = PREFIX["en" if lang == "id" else "id"]
    assert other not in err
    assert "Error:" not in err and "Exception" not in err


# --------------------------------------------------------------------------- broken files


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


LATIN1_TABLE = "indikator;target;realisasi\nCakupan layanan dasar kesehatan à Désa;90;85\n"

#: kind → (suffix, content) of a bad input file; content None = make a directory.
BAD_FILES: dict[str, tuple[str, bytes | None]] = {
    "directory": (".csv", None),
    "empty": (".csv", b""),
    "random-bytes": (".csv", bytes(random.Random(7).randrange(256) for _ in range(4096))),
    "png": (".png", _png()),
    "png-named-csv": (".csv", _png()),
    "latin-1": (".csv", LATIN1_TABLE.encode("latin-1")),
    "xlsx-not-zip": (".xlsx", b"this is not a zip archive\n"),
    "toml-syntax-error": (".toml", b'[[indicator]\nname = "Cakupan\nformula = \n'),
    "toml-latin-1": (".toml", '[[indicator]]\nname = "Désa"\n'.encode("latin-1")),
    "huge-cell": (".csv", b"indikator;target;realisasi;rumus\n" + b"x" * 1_000_000 + b";1;2;a/b\n"),
}


def make_file(tmp_path: Path, kind: str) -> str:
    if kind == "missing":
        return str(tmp_path / "tidak-ada.csv")
    suffix, content = BAD_FILES[kind]
    path = tmp_path / f"{kind}{suffix}"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    return str(path)


#: command → argv with FILE standing for the bad file.
FILE_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "lint": lambda f: ["lint", f],
    "verify": lambda f: ["verify", "--examples", "3", f],
    "compute": lambda f: ["compute", f],
    "compute-catalog": lambda f: ["compute", "--catalog", f, "TABLE"],
    "import": lambda f: ["import", f],
    "scale-parse": lambda f: ["scale", "parse", f],
    "scale-show": lambda f: ["scale", "show", f],
    "scale-rate": lambda f: ["scale", "rate", f, "50"],
    "scale-list": lambda f: ["scale", "list", "--scales", f],
}

#: (command, kind) pairs where the input is not refused as a whole (exit 0 is the contract):
#: the file is still read and its problems are reported cell by cell or as findings.
ACCEPTED = {
    ("compute-catalog", "empty"),  # an empty catalogue is a valid TOML document
    ("compute", "huge-cell"),  # a long name is still a name; the row is computed
    ("import", "huge-cell"),
    ("compute", "latin-1"),  # a CSV saved by Excel on Windows (cp1252) is read, and said so
    ("import", "latin-1"),
    ("scale-list", "directory"),  # a folder without scale files adds no scale
}

KINDS = ["missing", *BAD_FILES]


def _good_table(tmp_path: Path) -> str:
    path = tmp_path / "realisasi.csv"
    path.write_text("indikator;target;realisasi\nCakupan layanan;90;85\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", list(FILE_COMMANDS))
def test_bad_file_is_rejected_with_a_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    kind: str,
    lang: str,
) -> None:
    argv = [
        _good_table(tmp_path) if arg == "TABLE" else arg
        for arg in FILE_COMMANDS[command](make_file(tmp_path, kind))
    ]
    if lang == "en":
        argv = [*argv, "--lang", "en"]
    code, out, err = run(capsys, monkeypatch, argv)
    if (command, kind) in ACCEPTED:
        assert_no_crash(code, out, err)
        assert code == 0, err[-300:]
    else:
        assert_rejected(code, out, err, lang)


@pytest.mark.parametrize("kind", ["missing", "directory", "latin-1", "xlsx-not-zip", "png"])
@pytest.mark.parametrize("command", ["lint", "compute", "import", "scale-parse", "verify"])
def test_json_errors_are_json(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    kind: str,
) -> None:
    argv = [*FILE_COMMANDS[command](make_file(tmp_path, kind)), "--json", "--lang", "en"]
    code, out, err = run(capsys, monkeypatch, argv)
    assert_no_crash(code, out, err)
    if (command, kind) in ACCEPTED:
        assert code == 0
        return
    assert code == 1
    payload = json.loads(out)
    assert payload["ok"] is False
    assert payload["error"]["message"] and payload["error"]["code"]


def test_messages_point_at_the_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    latin = make_file(tmp_path, "latin-1")
    code, _, err = run(capsys, monkeypatch, ["lint", latin])
    first_bad = next(i for i, b in enumerate(LATIN1_TABLE.encode("latin-1")) if b > 127)
    assert code == 1 and latin in err and "UTF-8" in err and f"byte {first_bad}" in err
    code, out, _ = run(capsys, monkeypatch, ["compute", latin])
    assert code == 0 and "Windows-1252" in out
    toml = make_file(tmp_path, "toml-syntax-error")
    code, _, err = run(capsys, monkeypatch, ["lint", toml, "--lang", "en"])
    assert code == 1 and toml in err and "line 1" in err
    huge = make_file(tmp_path, "huge-cell")
    code, _, err = run(capsys, monkeypatch, ["lint", huge, "--lang", "en"])
    assert code == 1 and "line 2" in err and "too long" in err
    code, _, err = run(capsys, monkeypatch, ["scale", "show", latin])
    assert code == 1 and "bukan teks UTF-8" in err


def test_unwritable_output_is_a_message_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("x", encoding="utf-8")
    table = _good_table(tmp_path)
    for argv in (
        ["compute", table, "--out", str(blocker / "hasil.xlsx")],
        ["compute", table, "--out", str(tmp_path)],  # a folder named like nothing: bad suffix
        ["demo", "--out", str(blocker / "demo")],
    ):
        code, out, err = run(capsys, monkeypatch, argv)
        assert_rejected(code, out, err, "id")
    folder = tmp_path / "hasil.csv"
    folder.mkdir()
    code, out, err = run(
        capsys, monkeypatch, ["compute", table, "--out", str(folder), "--lang", "en"]
    )
    assert_rejected(code, out, err, "en")
    assert "is a folder" in err and str(folder) in err  # refused before any work


# --------------------------------------------------------------------------- text arguments

HUGE_FORMULA = "(" + " + ".join(["Jumlah penduduk miskin"] * 45_000) + ") / 100"
JUNK = "\u202e\ufeff🙂 ١٢٣ ∑∫√ ×× ÷÷ \u0000 \x1b[31m 𝟗𝟎"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "argv",
    [
        ["parse", HUGE_FORMULA],
        ["eval", HUGE_FORMULA, "--var", "Jumlah penduduk miskin=1"],
        ["parse", "a\x00b / c"],
        ["parse", JUNK],
        ["eval", JUNK],
        ["eval", "a / b", "--var", "a=\x00", "--var", "b=2"],
        ["eval", "a / b", "--var", "a=1e400", "--var", "b=1"],
        ["eval", "a / b", "--var", "=5"],
        ["eval", "a / b", "--var", "c=5"],
        ["scale", "rate", "akip", JUNK],
        ["scale", "rate", "akip", "\x00"],
        ["scale", "rate", "tidak-ada", "50"],
        ["scale", "show", JUNK],
        ["parse", "-"],
        ["eval", "-"],
        ["lint", "-"],
        ["verify", "-"],
        ["scale", "parse", "-"],
    ],
    ids=lambda value: str(value)[:40],
)
def test_bad_text_is_rejected(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    lang: str,
) -> None:
    code, out, err = run(capsys, monkeypatch, [*argv, "--lang", lang])
    assert_rejected(code, out, err, lang)


def test_huge_formula_in_lint_is_a_finding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, monkeypatch, ["lint", "--formula", HUGE_FORMULA, "--json"])
    assert_no_crash(code, out, err)
    assert code == 3  # a finding of severity error, not a rejected input
    findings = json.loads(out)["findings"]
    assert [f["severity"] for f in findings] == ["error"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["tidak-ada"],
        ["parse"],
        ["eval", "a", "--var"],
        ["scale"],
        ["scale", "rate", "akip"],
        ["verify", "--examples", "banyak", "x.txt"],
        ["parse", "a", "--lang", "fr"],
        ["lint", "--bogus"],
    ],
)
def test_usage_errors_exit_2_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    code, out, err = run(capsys, monkeypatch, argv)
    assert code == 2
    assert_no_crash(code, out, err)
    assert "penggunaan" in err.lower() and "usage:" not in err
    if argv:
        assert "Penggunaan salah: " in err
        assert "the following" not in err and "invalid choice" not in err
        assert "unrecognized" not in err and "expected one" not in err
    code, out, err = run(capsys, monkeypatch, [*argv, "--lang", "en"] if argv != [] else [])
    assert code == 2


def test_usage_error_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(capsys, monkeypatch, ["--lang", "en", "parse"])
    assert code == 2
    assert err.startswith("usage: ") and "Usage error: the following arguments are required" in err


# --------------------------------------------------------------------------- help texts

ENGLISH_HINTS = (
    "show this help",
    "positional arguments",
    "options:",
    "usage:",
    "evaluate a",
    "rating scales",
    "read the tables",
    "the formula",
    "language of messages",
)
INDONESIAN_HINTS = (
    "tampilkan bantuan",
    "argumen posisi",
    "opsi:",
    "penggunaan:",
    "dari",
    "bahasa pesan",
)


def _help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    return capsys.readouterr().out


SUBCOMMANDS = [
    [],
    ["parse"],
    ["eval"],
    ["lint"],
    ["scale"],
    ["scale", "list"],
    ["scale", "show"],
    ["scale", "rate"],
    ["scale", "parse"],
    ["compute"],
    ["import"],
    ["verify"],
    ["demo"],
]


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=lambda c: " ".join(c) or "main")
def test_help_is_indonesian_by_default_and_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.delenv("INDIKATOR_LANG", raising=False)
    indonesian = _help(capsys, [*command, "--help"])
    assert indonesian.startswith("penggunaan: indikator")
    for hint in ENGLISH_HINTS:
        assert hint not in indonesian, hint
    assert "tampilkan bantuan ini lalu keluar" in indonesian
    english = _help(capsys, ["--lang", "en", *command, "--help"])
    assert english.startswith("usage: indikator")
    for hint in INDONESIAN_HINTS:
        assert hint not in english, hint
    assert "show this help message and exit" in english
    # the language chosen for one run does not leak into the next
    assert current_language() == "id"


def test_help_follows_indikator_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INDIKATOR_LANG", "en")
    assert _help(capsys, ["lint", "--help"]).startswith("usage: indikator lint")
    assert _help(capsys, ["--lang", "id", "lint", "--help"]).startswith("penggunaan:")


def test_every_subcommand_help_string_comes_from_the_catalogue() -> None:
    """Each help/description is a catalogue text: it differs between id and en."""
    import argparse

    from indikator.cli.app import build_parser
    from indikator.core.i18n import set_language

    def texts(lang: str) -> list[str | None]:
        previous = set_language(lang)
        try:
            parser = build_parser()
        finally:
            set_language(previous)
        found: list[str | None] = []
        pending: list[argparse.ArgumentParser] = [parser]
        while pending:
            current = pending.pop()
            found.append(current.description)
            for action in current._actions:
                if isinstance(action, argparse._SubParsersAction):
                    found += [choice.help for choice in action._choices_actions]
                    pending += list(action.choices.values())
                found.append(action.help)
        return found

    indonesian, english = texts("id"), texts("en")
    assert len(indonesian) == len(english) > 60
    for id_text, en_text in zip(indonesian, english, strict=True):
        if id_text is None or id_text == argparse.SUPPRESS:
            assert en_text == id_text
        else:
            assert id_text != en_text, id_text


# --------------------------------------------------------------------------- arbitrary text

FORMULA_CHARACTERS = "ab xyzRT0123456789.,;()[]{}+-−*/×x:÷%^=<>≤≥–√∑|\n\t\"'_#!"
TEXT = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
    | st.text(alphabet=FORMULA_CHARACTERS, max_size=60)
    | st.sampled_from(["a/b", "(a", "1/0", "x×100%", "--", "-", "", "1E308*2", "√-1", "0^-1"])
)
COMMANDS = ["parse", "eval", "lint", "scale", "eval-var", "scale-name", "file-name", "table-name"]
EXAMPLES = int(os.environ.get("INDIKATOR_ROBUSTNESS_EXAMPLES", "200"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXT, command=st.sampled_from(COMMANDS))
def test_arbitrary_text_never_crashes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, text: str, command: str
) -> None:
    argv = {
        "parse": ["parse", "--", text],
        "eval": ["eval", "--var", "a=1", "--", text],
        "lint": ["lint", f"--formula={text}"],
        "scale": ["scale", "rate", "akip", "--", text],
        "eval-var": ["eval", "a / b", f"--var=a={text}", "--var=b=2"],
        "scale-name": ["scale", "show", "--", text],
        "file-name": ["lint", "--", text],
        "table-name": ["compute", "--", text],
    }[command]
    code, out, err = run(capsys, monkeypatch, argv)
    assert_no_crash(code, out, err)
    assert code in (0, 1, 3), (argv, code, err)
    if code == 1 and command != "lint":
        assert err.startswith("galat: "), err
