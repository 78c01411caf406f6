"""``/openapi.json``: the API described as OpenAPI 3.1, built from ``docs/schemas/``.

The response schemas are the contract's JSON Schema files (:mod:`indikator.contract.schemas`),
the very files the CLI's ``--json`` output and the server's answers are tested against; each
endpoint's 200 answer is the envelope with ``result`` narrowed to its command's schema.  The
request bodies are described here.  This module builds a dict; it serves nothing.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from indikator.contract.envelope import VERSION
from indikator.contract.schemas import component_name, openapi_components

_UPLOAD = {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
        "file": {"type": "string", "contentMediaType": "application/octet-stream",
                 "description": "The file; its name's extension chooses the reader."}}}},
    "application/octet-stream": {"schema": {"type": "string",
                                            "contentMediaType": "application/octet-stream"}},
}
_LANG = {"name": "lang", "in": "query", "required": False,
         "schema": {"enum": ["id", "en"]},
         "description": "Language of messages (else Accept-Language, else id)."}
_FILENAME = {"name": "filename", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "Name of a raw (non-multipart) upload, for its extension."}
_NAME = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"},
         "description": "Scale name from GET /api/v1/scales (akip, ikm-2017, capaian, …)."}


def _json_body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "properties": properties, "required": required}}}}


def _answers(command: str) -> dict[str, Any]:
    envelope = {"$ref": "#/components/schemas/Envelope"}
    narrowed = {"allOf": [envelope, {"properties": {
        "result": {"$ref": f"#/components/schemas/{component_name(command)}"}}}]}
    rejected = {"description": "Input rejected (ok false, error set): 400 malformed body, "
                "404 unknown scale or path, 413 too large (bytes, rows, unpacked size), "
                "415 unsupported file type, 422 input the library refuses, 503 time limit.",
                "content": {"application/json": {"schema": envelope}}}
    return {"200": {"description": "Accepted (status success or findings).",
                    "content": {"application/json": {"schema": narrowed}}},
            "4XX": rejected, "5XX": rejected}


def _operation(command: str, summary: str, body: Any = None,
               parameters: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": command.replace(".", "_"), "summary": summary,
                                 "parameters": [_LANG, *parameters],
                                 "responses": _answers(command)}
    if body is not None:
        operation["requestBody"] = body
    return operation


@cache
def openapi() -> dict[str, Any]:
    """The OpenAPI document."""
    formula = {"type": "string", "description": "LaTeX, symbols, Indonesian words, PDF text."}
    upload = {"required": True, "content": _UPLOAD}
    report = _operation(
        "report", "The LKjIP report (as `indikator report`): workbook (xlsx), Bab III (docx), "
        "or a zip with workbook, narrative, DOCX and charts", upload,
        (_FILENAME, {"name": "format", "in": "query", "required": False,
                     "schema": {"enum": ["xlsx", "docx", "zip"]}},
         {"name": "sheet", "in": "query", "required": False, "schema": {"type": "string"},
          "description": "Sheet name or number of a workbook (as --sheet)."},
         {"name": "periode", "in": "query", "required": False, "schema": {"type": "string"},
          "description": "Period whose columns are read: TW III, s.d. TW IV, tahunan, 2024 "
          "(as --periode)."}))
    report["responses"]["200"] = {"description": "The file.", "content": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
        "application/zip": {}}}
    paths = {
        "/api/v1/parse": {"post": _operation(
            "parse", "Read a formula", _json_body({"formula": formula}, ["formula"]))},
        "/api/v1/eval": {"post": _operation("eval", "Evaluate a formula", _json_body({
            "formula": formula,
            "values": {"type": "object", "additionalProperties": {
                "type": ["number", "string", "null"]},
                "description": "Variable name → value (names match after normalisation; "
                "texts as documents print numbers: \"5,36\")."}}, ["formula", "values"]))},
        "/api/v1/lint": {"post": _operation("lint", "Lint one formula", _json_body({
            "formula": formula, "name": {"type": "string", "description": "Indicator name."},
            "unit": {"type": "string", "description": "Satuan."}}, ["formula"]))},
        "/api/v1/lint/file": {"post": _operation(
            "lint", "Lint a Tabel 6.3 (.csv/.tsv/.txt) or catalogue (.toml)", upload,
            (_FILENAME,))},
        "/api/v1/scales": {"get": _operation("scale.list", "List the rating scales")},
        "/api/v1/scales/{name}": {"get": _operation("scale.show", "One scale and its bands",
                                                    parameters=(_NAME,))},
        "/api/v1/scales/{name}/rate": {"post": _operation(
            "scale.rate", "Rate values on a scale", _json_body({"values": {
                "type": "array", "items": {"type": ["number", "string", "null"]}}},
                ["values"]), (_NAME,))},
        "/api/v1/compute": {"post": _operation(
            "compute", "Capaian, predikat and audit of a realisation table (.csv/.tsv/.xlsx)",
            upload, (_FILENAME,))},
        "/api/v1/import": {"post": _operation(
            "import", "Tables of a document's text (.txt/.md) or of a table file", upload,
            (_FILENAME,))},
        "/api/v1/report": {"post": report},
    }
    paths["/api/v1/lint/file"]["post"]["operationId"] = "lint_file"
    return {
        "openapi": "3.1.0",
        "info": {"title": "indikator", "version": VERSION,
                 "description": "Parse, evaluate, lint and rate Indonesian performance-indicator "
                 "formulas; compute capaian. Every JSON answer is the envelope of "
                 "docs/contract.md."},
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": openapi_components()},
    }
