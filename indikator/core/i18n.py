"""The message catalogue: every user-facing text in Bahasa Indonesia and English.

Texts live in ``indikator/locale/*.toml``, one file per area (``parse.toml``, ``lint.toml`` …);
the key of a message is ``<file stem>.<table>``, e.g. ``parse.unexpected_token``.  Each table has
an ``id`` and an ``en`` entry, formatted with :meth:`str.format` keyword arguments.

This module only looks texts up and formats them; it does not decide which language a caller
wants.  A call with ``lang=None`` uses the *current language*: :data:`DEFAULT_LANG` (from
``INDIKATOR_LANG`` at import) unless :func:`set_language` chose another one.  The CLI sets it
from ``--lang`` / ``INDIKATOR_LANG`` before it builds its argument parser, so the help texts of
every subcommand (``t("parse.help")`` in ``register``) come out in the chosen language without
passing the language through each module, and restores the previous one when it returns.

:class:`Message` is a catalogue key with parameters kept unrendered until a caller asks for a
language; parameters that are themselves messages, errors or other renderable values are
rendered in that same language.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

Lang = Literal["id", "en"]
LANGS: Final = ("id", "en")
DEFAULT_LANG: Lang = "en" if os.environ.get("INDIKATOR_LANG", "id").lower() == "en" else "id"

_LOCALE_DIR = Path(__file__).with_name("locale")
_current: list[Lang] = [DEFAULT_LANG]


def current_language() -> Lang:
    """The language used when a caller passes no language (see :func:`set_language`)."""
    return _current[0]


def set_language(lang: str | None) -> Lang:
    """Make *lang* the current language (``None`` → :data:`DEFAULT_LANG`); returns the old one."""
    previous = _current[0]
    _current[0] = DEFAULT_LANG if lang is None else normalise_lang(lang)
    return previous


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, keyed ``area.name`` → {"id": …, "en": …}; loaded once."""
    messages: dict[str, dict[str, str]] = {}
    for path in sorted(_LOCALE_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for name, texts in data.items():
            messages[f"{path.stem}.{name}"] = {lang: str(texts[lang]) for lang in LANGS}
    return messages


def normalise_lang(lang: str | None) -> Lang:
    """Map a user's language choice to a supported one (anything unknown → default)."""
    if lang is None:
        return _current[0]
    return "en" if lang.lower().startswith("en") else "id"


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The message *key* in *lang*, formatted with *params*.

    An unknown key raises ``KeyError`` (a programming error, caught by the catalogue test);
    a missing parameter leaves the placeholder visible rather than failing a user's run.
    """
    texts = catalogue()[key]
    template = texts[normalise_lang(lang)]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


@dataclass(frozen=True)
class Message:
    """The catalogue message *key* with *params*, rendered late in the caller's language.

    A parameter that is another :class:`Message` (``Message(key)`` stands for a bare catalogue
    text), an :class:`~indikator.core.errors.IndikatorError` (its ``message(lang)``) or any object
    with a ``render(lang)`` method is rendered in the same language; any other value is passed
    to :func:`t` unchanged.
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        """The message in *lang* (``None``: the current language)."""
        return t(self.key, lang, **{k: render_param(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render()


def render_param(value: object, lang: str | None) -> object:
    """*value* rendered in *lang* when it is a message, an error or renderable; else unchanged."""
    if isinstance(value, str | int | float):
        return value
    # Errors and messages both have ``render(lang)``; duck typing keeps this module free of an
    # import of ``errors``, which imports this one.
    render = getattr(value, "render", None)
    if callable(render):
        return render(lang)
    return value
