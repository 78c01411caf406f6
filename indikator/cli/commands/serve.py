"""``indikator serve [--host 127.0.0.1] [--port 8000]``: run the HTTP API and the web page.

Starts :func:`indikator.server.app.serve` (uvicorn) and blocks until interrupted.  The server
listens on 127.0.0.1 unless ``--host`` says otherwise.  Needs the ``serve`` extra
(``pip install 'indikator[serve]'``); without it the command says so and exits 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from indikator.cli.commands.base import EXIT_OK, Context
from indikator.core.errors import IndikatorError
from indikator.core.i18n import t


def register(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` subcommand."""
    parser = subparsers.add_parser("serve", parents=parents, help=t("cli.serve_help"),
                                   description=t("cli.serve_help"))
    parser.add_argument("--host", default="127.0.0.1", help=t("cli.serve_help_host"))
    parser.add_argument("--port", type=int, default=8000, help=t("cli.serve_help_port"))
    parser.set_defaults(handler=run, contract="serve")


def run(args: argparse.Namespace, ctx: Context) -> int:
    try:
        from indikator.server.app import serve
    except ModuleNotFoundError as exc:
        raise IndikatorError("cli.serve_missing", module=exc.name or "starlette") from exc
    if not 0 < args.port < 65536:
        raise IndikatorError("cli.serve_bad_port", port=args.port)
    ctx.warn(ctx.t("cli.serve_listening", url=f"http://{args.host}:{args.port}/"))
    serve(args.host, args.port)
    return EXIT_OK
