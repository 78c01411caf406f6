"""``indikator serve [--host 127.0.0.1] [--port 8000]``: run the HTTP API and the web page.

Limits (:class:`indikator.server.limits.Limits`): ``--max-upload-mb`` (5), ``--max-rows``
(20000), ``--timeout`` seconds per request (30), ``--workers`` requests computed at once (4);
``--processes N`` runs N server processes on the port (one per core), ``--access-log`` logs
every request (off by default: uvicorn's access log costs more than a cached lint answer).

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
    parser.add_argument("--max-upload-mb", type=float, default=5.0, metavar="MB",
                        help=t("cli.serve_help_upload"))
    parser.add_argument("--max-rows", type=int, default=20_000, metavar="N",
                        help=t("cli.serve_help_rows"))
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help=t("cli.serve_help_timeout"))
    parser.add_argument("--workers", type=int, default=4, metavar="N",
                        help=t("cli.serve_help_workers"))
    parser.add_argument("--processes", type=int, default=1, metavar="N",
                        help=t("cli.serve_help_processes"))
    parser.add_argument("--access-log", action="store_true", help=t("cli.serve_help_access_log"))
    parser.set_defaults(handler=run, contract="serve")


def run(args: argparse.Namespace, ctx: Context) -> int:
    try:
        from indikator.server.app import serve
        from indikator.server.limits import Limits
    except ModuleNotFoundError as exc:
        raise IndikatorError("cli.serve_missing", module=exc.name or "starlette") from exc
    if not 0 < args.port < 65536:
        raise IndikatorError("cli.serve_bad_port", port=args.port)
    if min(args.max_upload_mb, args.max_rows, args.timeout, args.workers, args.processes) <= 0:
        raise IndikatorError("cli.serve_bad_limit")
    limits = Limits(upload_bytes=int(args.max_upload_mb * 1024 * 1024), rows=args.max_rows,
                    seconds=args.timeout, workers=args.workers)
    ctx.warn(ctx.t("cli.serve_listening", url=f"http://{args.host}:{args.port}/"))
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        ctx.warn(ctx.t("cli.serve_exposed", host=args.host))
    serve(args.host, args.port, limits, processes=args.processes, access_log=args.access_log)
    return EXIT_OK
