"""The application: routes, the page, OpenAPI, and :func:`serve` (uvicorn).

Starlette, not FastAPI: the types of the answers already exist as JSON Schema files (the
contract the CLI is tested against), so the OpenAPI document is built from them
(:mod:`indikator.server.openapi`) instead of from a second set of pydantic models that could
drift; Starlette adds no validation layer of its own and keeps the dependency list short
(starlette, uvicorn, python-multipart; uvloop and httptools, which uvicorn uses when present,
for its event loop and HTTP parser).

Unknown paths and methods get an envelope too (404/405), in the request's language.  The
server binds 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from indikator.server.api import Api
from indikator.server.http import Refused, language, refuse
from indikator.server.limits import Limits
from indikator.server.openapi import openapi
from indikator.server.page import STATIC, render

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


async def _page(request: Request) -> Response:
    return HTMLResponse(render(language(request)))


async def _openapi(request: Request) -> Response:
    return JSONResponse(openapi())


async def _health(request: Request) -> Response:
    return JSONResponse({"ok": True})


async def _http_error(request: Request, exc: Exception) -> Response:
    lang = language(request)
    status = getattr(exc, "status_code", 500)
    if status == 405:
        error = Refused("serve.method_not_allowed", method=request.method, path=request.url.path)
    else:
        error = Refused("serve.not_found", path=request.url.path)
    return refuse(_command_of(request.url.path), lang, error)


def _command_of(path: str) -> str:
    parts = [p for p in path.split("/") if p]
    known = {"parse", "eval", "lint", "compute", "import", "report"}
    if len(parts) >= 3 and parts[2] in known:
        return parts[2]
    if len(parts) >= 3 and parts[2] == "scales":
        return "scale.rate" if path.endswith("/rate") else "scale.show"
    return "serve"  # not an endpoint: the server itself answers


def create_app(limits: Limits | None = None) -> Starlette:
    """The ASGI application with *limits* (defaults: :class:`Limits`)."""
    api = Api(limits or Limits())
    routes: list[Any] = [
        Route("/", _page),
        Route("/openapi.json", _openapi),
        Route("/healthz", _health),
        Route("/api/v1/parse", api.endpoint("parse", api.parse), methods=["POST"]),
        Route("/api/v1/eval", api.endpoint("eval", api.evaluate), methods=["POST"]),
        Route("/api/v1/lint", api.endpoint("lint", api.lint), methods=["POST"]),
        Route("/api/v1/lint/file", api.endpoint("lint", api.lint_file), methods=["POST"]),
        Route("/api/v1/scales", api.endpoint("scale.list", api.scale_list)),
        Route("/api/v1/scales/{name}", api.endpoint("scale.show", api.scale_show)),
        Route("/api/v1/scales/{name}/rate", api.endpoint("scale.rate", api.scale_rate),
              methods=["POST"]),
        Route("/api/v1/compute", api.endpoint("compute", api.compute), methods=["POST"]),
        Route("/api/v1/import", api.endpoint("import", api.import_), methods=["POST"]),
        Route("/api/v1/report", api.endpoint("report", api.report), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})


def create_app_from_env() -> Starlette:
    """:func:`create_app` with the limits in ``$INDIKATOR_SERVE_LIMITS`` (JSON), for the
    worker processes uvicorn starts when :func:`serve` is asked for more than one."""
    text = os.environ.get("INDIKATOR_SERVE_LIMITS")
    return create_app(Limits(**json.loads(text)) if text else None)


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, limits: Limits | None = None,
          *, processes: int = 1, access_log: bool = False) -> None:
    """Run the application with uvicorn until interrupted: one process, or *processes*
    worker processes sharing the port (each with its own worker threads and caches)."""
    import uvicorn

    options: dict[str, Any] = {"host": host, "port": port, "access_log": access_log,
                               "timeout_graceful_shutdown": 5}
    if processes > 1:
        os.environ["INDIKATOR_SERVE_LIMITS"] = json.dumps(asdict(limits or Limits()))
        uvicorn.run("indikator.server.app:create_app_from_env", factory=True,
                    workers=processes, **options)
    else:
        uvicorn.run(create_app(limits), **options)
