"""The ``indikator`` command line: argument parsing, language, exit codes.

Subcommands live in :mod:`indikator.commands` (one module each).  This module builds the
argument parser, runs the chosen command and guarantees the CLI contract: exit 0 on success,
1 when input is rejected or findings of severity error were reported, 2 on usage errors, and
never a Python traceback (set ``INDIKATOR_DEBUG=1`` to see one while developing).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from indikator.commands import COMMAND_MODULES
from indikator.commands.base import EXIT_REJECTED, EXIT_USAGE, Context
from indikator.errors import IndikatorError
from indikator.i18n import normalise_lang, t


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors in the catalogue's words and exit status 2."""

    def error(self, message: str) -> NoReturn:
        lang = normalise_lang(_language_from_argv(sys.argv[1:]))
        self.print_usage(sys.stderr)
        sys.stderr.write(t("common.usage", lang, detail=message) + "\n")
        raise SystemExit(EXIT_USAGE)


def _language_from_argv(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand registered."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=("id", "en"),
        default=argparse.SUPPRESS,
        help="language of messages: id (Bahasa Indonesia, default) or en",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    parser = _Parser(
        prog="indikator",
        description="Parse, evaluate, lint and audit Indonesian performance-indicator formulas.",
    )
    parser.add_argument("--lang", choices=("id", "en"), default=None)
    parser.add_argument("--json", action="store_true", default=False)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"indikator.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"indikator.commands.{module_name}":
                continue  # command not built yet
            raise
        module.register(subparsers, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``indikator`` script; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(arguments)
    ctx = Context(lang=normalise_lang(args.lang), json=bool(args.json))
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
        ctx.stderr.write(t("common.internal_error", ctx.lang, detail=detail) + "\n")
        return EXIT_REJECTED


if __name__ == "__main__":
    sys.exit(main())
