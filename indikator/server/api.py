"""The JSON endpoints under ``/api/v1/``: each reads its input, runs the library in a worker
thread (bounded in number and time) and answers with an envelope.

=========================================  ==================================================
``POST /api/v1/parse``                     ``{"formula"}`` → ``parse`` result
``POST /api/v1/eval``                      ``{"formula", "values": {name: value}}`` → ``eval``
``POST /api/v1/lint``                      ``{"formula", "name"?, "unit"?}`` → ``lint``
``POST /api/v1/lint/file``                 upload (Tabel 6.3 .csv/.tsv/.txt or catalogue .toml)
``GET  /api/v1/scales``                    ``scale.list``
``GET  /api/v1/scales/{name}``             ``scale.show``
``POST /api/v1/scales/{name}/rate``        ``{"values": [80.68, "90,01", …]}`` → ``scale.rate``
``POST /api/v1/compute``                   upload (realisation .csv/.tsv/.xlsx) → ``compute``
``POST /api/v1/import``                    upload (PDF, DOCX, document text .txt/.md, or a
                                           table file) → ``import`` with ``notes``/``inferred``
``POST /api/v1/report?format=xlsx|docx|zip``  upload (realisation table; ``sheet``/``periode``
                                           as the CLI's options) → the LKjIP report of
                                           :func:`indikator.report.lkjip_report.write_lkjip_report`
                                           (the CLI's ``report``): the workbook, Bab III as
                                           DOCX, or a zip of workbook, narrative, DOCX, charts
=========================================  ==================================================

Uploads are ``multipart/form-data`` with the file in field ``file``, or the raw body with
``?filename=NAME.csv``.  A scale is found by its name among the scales the server knows; no
text of a request is ever used as a path.  This module arranges calls; the work is the
library's.
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import anyio
from starlette.requests import Request
from starlette.responses import Response

from indikator.contract import shapes
from indikator.contract.envelope import dumps, jsonable, success
from indikator.core.errors import IndikatorError
from indikator.server.http import (
    Refused,
    answer,
    json_bytes,
    language,
    read_json,
    read_upload,
    refuse,
    text_field,
)
from indikator.server.limits import Limits

T = TypeVar("T")
Handler = Callable[[Request], Any]
CACHED = 4096
"""Answers of parse and lint kept per (text, name, unit, language), least recently used out."""
QUICK_CHARS = 2000
"""Formulas up to this length are parsed and linted on the event loop (see :meth:`Api.quick`)."""
_CHARTS = threading.Lock()  # matplotlib's font cache and text layout are shared state


class Api:
    """The endpoints of one application, with its limits and its worker pool."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.workers = anyio.CapacityLimiter(limits.workers)

    async def work(self, function: Callable[..., T], *args: Any) -> T:
        """Run *function* in a worker thread, within the time limit (then 503)."""
        try:
            with anyio.fail_after(self.limits.seconds):
                return await anyio.to_thread.run_sync(function, *args, limiter=self.workers,
                                                      abandon_on_cancel=True)
        except TimeoutError as exc:
            raise Refused("serve.timeout", seconds=self.limits.seconds) from exc

    async def quick(self, size: int, function: Callable[..., T], *args: Any) -> T:
        """Run *function* right here when its input is short (*size* characters ≤
        :data:`QUICK_CHARS`: a formula lints in about a millisecond, less than handing it to a
        thread costs), else as :meth:`work` does, in a worker thread under the time limit."""
        if size <= QUICK_CHARS:
            return function(*args)
        return await self.work(function, *args)

    def endpoint(self, command: str, body: Callable[[Request, str], Any]) -> Handler:
        """*body* with the language chosen and every rejection answered as an envelope."""

        async def handle(request: Request) -> Response:
            lang = language(request)
            try:
                response: Response = await body(request, lang)
                return response
            except IndikatorError as error:
                return refuse(command, lang, error)
            except Exception as exc:  # never a traceback for a caller
                detail = f"{type(exc).__name__}: {exc}"
                return refuse(command, lang, Refused("common.internal_error", detail=detail))

        return handle

    # ----------------------------------------------------------------------- formulas

    async def parse(self, request: Request, lang: str) -> Response:
        data = await read_json(request, self.limits)
        text = text_field(data, "formula", limit=self.limits.formula_chars)
        body = await self.quick(len(text or ""), _parse_body, text or "", lang)
        return json_bytes(body)

    async def evaluate(self, request: Request, lang: str) -> Response:
        from indikator.contract.operations import evaluate_text

        data = await read_json(request, self.limits)
        text = text_field(data, "formula", limit=self.limits.formula_chars)
        values = data.get("values", {})
        if not isinstance(values, dict):
            raise Refused("serve.bad_field", field="values", expected="object {name: value}")
        pairs = [(str(name), "-" if value is None else str(value))
                 for name, value in values.items()]
        size = len(text or "") + sum(len(n) + len(v) for n, v in pairs)
        return answer("eval", lang, await self.quick(size, evaluate_text, text, pairs, lang))

    async def lint(self, request: Request, lang: str) -> Response:
        data = await read_json(request, self.limits)
        text = text_field(data, "formula", limit=self.limits.formula_chars) or ""
        name = text_field(data, "name", required=False, limit=2000)
        unit = text_field(data, "unit", required=False, limit=200)
        size = len(text) + len(name or "") + len(unit or "")
        return json_bytes(await self.quick(size, _lint_body, text, name, unit, lang))

    async def lint_file(self, request: Request, lang: str) -> Response:
        from indikator.contract.operations import lint_entries
        from indikator.documents.uploads import display_name
        from indikator.linter.files import read_formulas

        data, name = await read_upload(request, self.limits)
        shown = display_name(name)
        text = _utf8(data, shown)

        def run() -> tuple[dict[str, Any], list[dict[str, Any]]]:
            return lint_entries(read_formulas(shown, text), lang)

        result, findings = await self.work(run)
        return answer("lint", lang, result, findings)

    # ----------------------------------------------------------------------- scales

    async def scale_list(self, request: Request, lang: str) -> Response:
        scales = await self.work(_known_scales)
        listed = [shapes.scale_summary(s, _file_name(s.path)) for s in scales.values()]
        return answer("scale.list", lang, {"scales": listed})

    async def scale_show(self, request: Request, lang: str) -> Response:
        scale = await self.work(_scale, request.path_params["name"])
        return answer("scale.show", lang, shapes.scale_json(scale, _file_name(scale.path)))

    async def scale_rate(self, request: Request, lang: str) -> Response:
        from indikator.contract.operations import rate_texts

        data = await read_json(request, self.limits)
        values = data.get("values")
        if not isinstance(values, list) or not values or len(values) > 10_000:
            raise Refused("serve.bad_field", field="values",
                          expected="a list of 1–10000 numbers or texts")
        texts = ["-" if v is None else _number_text(v) for v in values]
        scale = await self.work(_scale, request.path_params["name"])
        return answer("scale.rate", lang, await self.work(rate_texts, scale, texts, lang))

    # ----------------------------------------------------------------------- tables

    async def compute(self, request: Request, lang: str) -> Response:
        data, name = await read_upload(request, self.limits)

        def run() -> dict[str, Any]:
            return shapes.compute_result(self._computation(data, name, lang), lang)

        return answer("compute", lang, await self.work(run))

    async def import_(self, request: Request, lang: str) -> Response:
        from indikator.documents.uploads import TABLE_SUFFIXES, display_name, suffix_of

        data, name = await read_upload(request, self.limits)
        shown = display_name(name)

        def run() -> dict[str, Any]:
            from indikator.documents.textdoc import read_document
            from indikator.documents.uploads import DOCUMENT_FILES
            from indikator.server.uploaded import read_uploaded_document

            suffix = suffix_of(shown, data)
            notes: list[Any] = []
            if suffix in TABLE_SUFFIXES and not shown.lower().endswith(".txt"):
                tables = [self._table(data, shown)]
            elif suffix in DOCUMENT_FILES:
                document = read_uploaded_document(data, shown, self.limits.unpacked_bytes)
                tables, notes = read_document(document.text), document.notes
            elif shown.lower().endswith((".txt", ".md")):
                tables = read_document(_utf8(data, shown))
            else:
                raise Refused("serve.unsupported_upload", name=shown,
                              allowed=", ".join((".txt", ".md", *DOCUMENT_FILES,
                                                 *TABLE_SUFFIXES)))
            if not tables:
                raise IndikatorError("tables.no_tables", path=shown)
            result = shapes.import_result(tables, lang, [])
            result["notes"] = [note.render(lang) for note in notes]
            for table_json, table in zip(result["tables"], tables, strict=True):
                table_json["inferred"] = [m.render(lang) for m in getattr(table, "inferred", [])]
            return result

        return answer("import", lang, await self.work(run))

    async def report(self, request: Request, lang: str) -> Response:
        from indikator.server.uploaded import read_uploaded_table

        fmt = request.query_params.get("format", "xlsx")
        if fmt not in _MEDIA:
            raise Refused("serve.unknown_format", format=fmt, allowed=", ".join(_MEDIA))
        sheet = _option(request, "sheet")
        periode = _option(request, "periode")
        data, name = await read_upload(request, self.limits)
        self._precheck_rows(data, name)

        def run() -> tuple[bytes, str]:
            made = read_uploaded_table(data, name, self.limits.unpacked_bytes, sheet=sheet,
                                       periode=periode, lang=lang)
            if len(made.computation.results) > self.limits.rows:
                raise Refused("serve.too_many_rows", name=made.table.path,
                              rows=len(made.computation.results), limit=self.limits.rows)
            return _report_bytes(made, lang, fmt)

        content, filename = await self.work(run)
        return Response(content, media_type=_MEDIA[fmt], headers={
            "Content-Disposition": f'attachment; filename="{filename}"'})

    def _precheck_rows(self, data: bytes, name: str) -> None:
        """Refuse a text table with far too many lines before reading it."""
        from indikator.documents.uploads import display_name, suffix_of

        shown = display_name(name)
        if suffix_of(shown, data) in (".csv", ".tsv", ".txt"):
            rows = data.count(b"\n")
            if rows > self.limits.rows + 10:
                raise Refused("serve.too_many_rows", name=shown, rows=rows,
                              limit=self.limits.rows)

    def _table(self, data: bytes, name: str) -> Any:
        from indikator.documents.uploads import read_realisation_bytes

        self._precheck_rows(data, name)
        table = read_realisation_bytes(data, name, self.limits.unpacked_bytes)
        if len(table) > self.limits.rows:
            raise Refused("serve.too_many_rows", name=name, rows=len(table),
                          limit=self.limits.rows)
        return table

    def _computation(self, data: bytes, name: str, lang: str) -> Any:
        from indikator.compute.pipeline import compute
        from indikator.documents.uploads import display_name

        return compute(self._table(data, display_name(name)), lang=lang)


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=CACHED)
def _parse_body(text: str, lang: str) -> bytes:
    """The ``parse`` answer's body (cached: a pure function of the text; errors are not)."""
    from indikator.formula.parser import parse

    result = shapes.formula_result(parse(text), lang)
    return dumps(success("parse", result, lang), indent=None).encode()


@lru_cache(maxsize=CACHED)
def _lint_body(text: str, name: str | None, unit: str | None, lang: str) -> bytes:
    """The ``lint`` answer's body for one formula (cached: a pure function of its inputs, and
    the same formulas come back while a person types or an application checks a catalogue)."""
    from indikator.contract.operations import lint_entries
    from indikator.linter.files import Entry

    result, findings = lint_entries([Entry("formula", None, None, name, unit, text)], lang)
    return dumps(success("lint", result, lang, findings), indent=None).encode()


def _utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IndikatorError("common.not_utf8", path=name, position=exc.start) from exc


def _number_text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Refused("serve.bad_field", field="values", expected="numbers or texts")
    return repr(float(value)) if isinstance(value, float) else str(value)


def _file_name(path: Any) -> str | None:
    return None if path is None else Path(str(path)).name


def _known_scales() -> dict[str, Any]:
    from indikator.scales.loading import list_scales

    return {scale.name: scale for scale in list_scales()}


def _scale(name: str) -> Any:
    """The scale called *name* among those the server knows (never a path)."""
    from indikator.core.errors import ScaleError

    known = _known_scales()
    if name not in known:
        raise ScaleError("scales.unknown_scale", name=name, known=", ".join(sorted(known)))
    return known[name]


_MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}


def _option(request: Request, name: str) -> str | None:
    """A short text option of the query (``sheet``, ``periode``), or None."""
    value = request.query_params.get(name, "").strip()
    if len(value) > 200:
        raise Refused("serve.too_large", size=len(value), limit=200)
    return value or None


def _report_bytes(made: Any, lang: str, fmt: str) -> tuple[bytes, str]:
    """The LKjIP report of *made* (what the CLI's ``report`` writes), as one file's bytes:
    the workbook, the DOCX, or a zip of every file; written in a private temporary folder."""
    from indikator.report.lkjip_report import write_lkjip_report

    source = str(made.table.path)
    unread = [{"table": source, **shapes.unread_json(cell, lang)}
              for cell in made.computation.unread]
    with tempfile.TemporaryDirectory(prefix="indikator-report-") as folder:
        directory = Path(folder)
        with _CHARTS:
            report = write_lkjip_report(directory, made.computation.results, unread=unread,
                                        lang=lang, source=source, period=made.period,
                                        charts=fmt != "xlsx")
        if fmt == "xlsx":
            return report.workbook.read_bytes(), report.workbook.name
        if fmt == "docx":
            return report.document.read_bytes(), report.document.name
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in report.all():
                archive.write(path, path.relative_to(directory).as_posix())
        return buffer.getvalue(), "laporan.zip" if lang == "id" else "report.zip"


__all__ = ["Api", "jsonable"]
