"""HTTP plumbing shared by the endpoints: language, bounded bodies, envelopes as responses.

* :func:`language`: ``?lang=en`` or ``?lang=id`` first, else ``Accept-Language`` (English when it
  prefers ``en``), else Bahasa Indonesia;
* :func:`read_body`: the request body, refused with 413 past the limit before it is all read;
* :func:`read_upload`: the one file of a ``multipart/form-data`` body (field ``file``) or a raw
  body (``?filename=`` names it), as bytes and the declared name;
* :func:`answer` / :func:`refuse`: an envelope as a JSON response with the status the contract
  gives it (200, or 4xx/5xx for a rejection by its message key).

Nothing here touches the file system: uploads stay in memory (the multipart parser may spool a
part to its own temporary file, never to a name from the request).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from indikator.contract.envelope import dumps, rejected, success
from indikator.core.errors import IndikatorError, InputFileError
from indikator.server.limits import Limits

STATUS_BY_KEY: Final = {
    "serve.too_large": 413, "serve.zip_bomb": 413, "serve.too_many_rows": 413,
    "serve.unsupported_upload": 415, "lint.unsupported_file": 415,
    "tables.unsupported_file": 415, "serve.not_found": 404, "scales.unknown_scale": 404,
    "serve.method_not_allowed": 405, "serve.timeout": 503, "serve.busy": 503,
    "serve.bad_json": 400, "serve.bad_form": 400, "common.internal_error": 500,
}  # fmt: skip
"""HTTP status of a rejection by its message key; any other rejection is 422."""


class Refused(IndikatorError):
    """A request refused by the server itself (limits, form, routes)."""


def language(request: Request) -> str:
    """``id`` or ``en`` for this request."""
    chosen = request.query_params.get("lang", "").strip().lower()
    if chosen:
        return "en" if chosen.startswith("en") else "id"
    header = request.headers.get("accept-language", "")
    best, weight = "id", -1.0
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        tag = tag.strip().lower()
        if tag[:2] in ("en", "id") and quality > weight:
            best, weight = tag[:2], quality
    return best


def json_response(payload: Mapping[str, Any], status: int = 200) -> Response:
    return Response(dumps(payload, indent=None), status_code=status,
                    media_type="application/json; charset=utf-8")


def json_bytes(body: bytes) -> Response:
    """An envelope already serialised (a cached answer), HTTP 200."""
    return Response(body, media_type="application/json; charset=utf-8")


def answer(command: str, lang: str, result: Mapping[str, Any],
           findings: Any = ()) -> Response:
    """The envelope of an accepted input, HTTP 200 (also with findings)."""
    return json_response(success(command, result, lang, findings))


def status_of(error: IndikatorError) -> int:
    return STATUS_BY_KEY.get(error.key, 422)


def refuse(command: str, lang: str, error: IndikatorError) -> Response:
    """The envelope of a rejected input with its HTTP status."""
    return json_response(rejected(command, error, lang), status_of(error))


async def read_body(request: Request, limit: int) -> bytes:
    """The body, or :class:`Refused` (413) as soon as it is longer than *limit* bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused("serve.too_large", size=int(declared), limit=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused("serve.too_large", size=f"> {limit}", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, limits: Limits) -> dict[str, Any]:
    """The JSON object in the body (400 when it is not one)."""
    body = await read_body(request, limits.json_bytes)
    try:
        data = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused("serve.bad_json", detail=str(exc)) from exc
    if not isinstance(data, dict):
        raise Refused("serve.bad_json", detail="expected an object {…}")
    return data


def text_field(data: Mapping[str, Any], name: str, *, required: bool = True,
               limit: int = 20_000) -> str | None:
    """A string field of a JSON body (422 naming the field when it is missing or wrong)."""
    value = data.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Refused("serve.bad_field", field=name, expected="string")
    if len(value) > limit:
        raise Refused("serve.too_large", size=len(value), limit=limit)
    return value


async def read_upload(request: Request, limits: Limits) -> tuple[bytes, str]:
    """The uploaded file's bytes and declared name: field ``file`` of a multipart body, or the
    raw body named by ``?filename=`` (default ``tabel.csv``)."""
    body = await read_body(request, limits.upload_bytes)
    kind = request.headers.get("content-type", "")
    if not kind.startswith("multipart/form-data"):
        if not body:
            raise Refused("serve.empty_upload", field="file")
        return body, request.query_params.get("filename", "tabel.csv")
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    again = Request(request.scope, replay)
    try:
        form = await again.form(max_files=1, max_fields=10)
    except Exception as exc:  # the multipart parser's own errors: a malformed body
        raise Refused("serve.bad_form", detail=str(exc) or type(exc).__name__) from exc
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Refused("serve.empty_upload", field="file")
        data = await upload.read()
        name = upload.filename or "tabel.csv"
    finally:
        await form.close()
    if not data:
        raise InputFileError("cli.empty_file", path=name)
    return data, name
