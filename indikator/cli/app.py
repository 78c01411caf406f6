"""The ``indikator`` command line: argument parsing, language, exit codes.

Subcommands live in :mod:`indikator.cli.commands` (one module each).  This module builds the
argument parser, runs the chosen command and guarantees the CLI contract (``docs/contract.md``):
exit 0 on success, 1 when the input is rejected, 2 on usage errors, 3 when findings of
severity error were reported; with ``--json`` every outcome but a usage error is one JSON
envelope on standard output (:mod:`indikator.contract.envelope`); never a Python traceback (set
``INDIKATOR_DEBUG=1`` to see one while developing).  ``indikator serve`` starts the HTTP
server (:mod:`indikator.server`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, Final, NoReturn

from indikator.cli.commands import COMMAND_MODULES
from indikator.cli.commands.base import EXIT_REJECTED, EXIT_USAGE, Context
from indikator.core.errors import IndikatorError
from indikator.core.i18n import normalise_lang, set_language, t

_ARGPARSE_MESSAGES: Final = (
    (re.compile(r"the following arguments are required: (?P<names>.*)"), "cli.arg_required"),
    (
        re.compile(
            r"argument (?P<argument>[^:]*): invalid choice: (?P<value>.*)"
            r" \(choose from (?P<choices>[^()]*)\)"
        ),
        "cli.arg_invalid_choice",
    ),
    (re.compile(r"unrecognized arguments: (?P<names>.*)"), "cli.arg_unrecognized"),
    (re.compile(r"argument (?P<argument>.*?): expected one argument"), "cli.arg_expected_one"),
    (
        re.compile(r"argument (?P<argument>.*?): invalid (?P<kind>\w+) value: (?P<value>.*)"),
        "cli.arg_invalid_value",
    ),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"),
        "cli.arg_ambiguous",
    ),
)


def _usage_detail(message: str) -> str:
    """argparse's (English) error *message* in the current language, where it is a known one."""
    for pattern, key in _ARGPARSE_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return t(key, None, **match.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    """Help layout with the "usage:" prefix from the catalogue."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        shown = t("cli.usage_prefix") if prefix is None else prefix
        super().add_usage(usage, actions, groups, shown)


class _Parser(argparse.ArgumentParser):
    """argparse with every text in the current language and usage errors exiting with 2.

    Section titles, the ``-h`` help and argparse's common error messages come from the
    catalogue (:func:`indikator.core.i18n.t` with the language :func:`main` made current).
    """

    def __init__(self, **kwargs: Any) -> None:
        add_help = bool(kwargs.pop("add_help", True))
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = t("cli.positionals")
        self._optionals.title = t("cli.options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help_help")
            )

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # argparse of Python 3.11 drops a lone "--" given as an option's value
        # ("--formula=--") and returns [] where a string belongs
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(t("common.usage", None, detail=_usage_detail(message)) + "\n")
        raise SystemExit(EXIT_USAGE)


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered.

    Texts are in the current language (:func:`indikator.core.i18n.set_language`); :func:`main`
    sets it from ``--lang`` / ``INDIKATOR_LANG`` before calling this.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("id", "en"),
        default=argparse.SUPPRESS,
        help=t("cli.help_lang"),
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=t("cli.help_json")
    )
    parser = _Parser(prog="indikator", description=t("cli.description"), epilog=t("cli.epilog"))
    parser.add_argument("--lang", choices=("id", "en"), default=None, help=t("cli.help_lang"))
    parser.add_argument("--json", action="store_true", default=False, help=t("cli.help_json"))
    subparsers = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        title=t("cli.commands"),
        help=t("cli.help_command"),
    )
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"indikator.cli.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"indikator.cli.commands.{module_name}":
                continue  # command not built yet
            raise
        module.register(subparsers, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``indikator`` script; returns the exit status.

    The message language is ``--lang`` if given, else ``INDIKATOR_LANG``, else Bahasa
    Indonesia; it is made the current language (:func:`indikator.core.i18n.set_language`) while
    the command runs, so help texts and messages all use it, and restored afterwards.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = _language_from_argv(arguments) or os.environ.get("INDIKATOR_LANG") or "id"
    previous = set_language(chosen)
    try:
        return _run(arguments)
    finally:
        set_language(previous)


def _run(arguments: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(arguments)
    ctx = Context(lang=normalise_lang(args.lang), json=bool(args.json),
                  command=str(getattr(args, "contract", None) or args.command or "indikator"))
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args, ctx))
    except IndikatorError as error:
        return ctx.fail(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the contract: never a traceback for a user
        if os.environ.get("INDIKATOR_DEBUG"):
            raise
        detail = f"{type(exc).__name__}: {exc}"
        if ctx.json:
            return ctx.fail(IndikatorError("common.internal_error", detail=detail))
        ctx.stderr.write(t("common.internal_error", ctx.lang, detail=detail) + "\n")
        return EXIT_REJECTED


if __name__ == "__main__":
    sys.exit(main())
