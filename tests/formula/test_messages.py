"""Every message the user can see has its placeholders filled, in both languages: each catalogue
key has the same placeholders in ``id`` and ``en``, and parse errors over every fixture render
without a ``{placeholder}`` left or an internal error text."""

from __future__ import annotations

import json
import re
import string

import pytest
from fixture_texts import fixture_texts

import indikator
from indikator.core.errors import FormulaSyntaxError
from indikator.core.i18n import catalogue

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
INTERNAL = re.compile(
    r"list index|out of range|Traceback|object has no attribute|NoneType|KeyError"
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_both_languages_use_the_same_placeholders(key: str) -> None:
    texts = catalogue()[key]
    assert _fields(texts["id"]) == _fields(texts["en"]), key


def _variants(text: str) -> list[str]:
    return [text, text + " )", "( " + text, text.replace("/", "/ /", 1), text + " x"]


def test_parse_errors_over_every_fixture_are_filled_and_located() -> None:
    refused = 0
    texts = [*fixture_texts(), "A / / B", "(A", "Jumlah ) B", "x 100 %", "A = ---\nB ="]
    for text in [variant for source in texts for variant in _variants(source)]:
        try:
            indikator.parse(text)
        except FormulaSyntaxError as error:
            refused += 1
            assert error.line >= 1 and error.column >= 1
            for lang in ("id", "en"):
                message = error.message(lang).split("\n", 1)[0]  # not the quoted input
                assert not PLACEHOLDER.search(message), message
                assert not INTERNAL.search(message), message
                json.dumps(error.to_json(lang))
            found = str(error.params.get("found", "")).strip("'\"")
            assert found in text or found.startswith("<"), (found, text)
    assert refused >= 10
