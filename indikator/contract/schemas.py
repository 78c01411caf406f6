"""The JSON Schema files of the contract (``docs/schemas/*.schema.json``), loaded.

:func:`schemas` reads them (from the repository's ``docs/schemas/`` or, in a wheel, from the
copy shipped at ``indikator/_data/docs/schemas/``); :func:`validate` checks an envelope against
them (needs the ``jsonschema`` package, used by the tests); :func:`openapi_components` gives
them as OpenAPI 3.1 ``components.schemas`` with references rewritten, which is how the server's
``/openapi.json`` is built from the same files the CLI's output is tested against.  This
module never writes.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any, Final

from indikator.core.resources import data_dir

URN: Final = "urn:indikator:schema:"
"""Prefix of every schema's ``$id`` (``urn:indikator:schema:compute``)."""


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by name (``envelope``, ``parse``, ``scale.rate`` …)."""
    folder = data_dir("docs") / "schemas"
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.schema.json")):
        found[path.name.removesuffix(".schema.json")] = json.loads(path.read_text("utf-8"))
    return found


def validate(envelope: Any) -> None:
    """Raise ``jsonschema.ValidationError`` unless *envelope* follows the contract (the
    envelope and the result schema of its command)."""
    import jsonschema
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas().values()
    )
    validator = jsonschema.Draft202012Validator(schemas()["envelope"], registry=registry)
    validator.validate(envelope)


def component_name(name: str) -> str:
    """``scale.rate`` → ``ScaleRateResult``; ``envelope`` → ``Envelope``."""
    if name == "envelope":
        return "Envelope"
    return "".join(part.capitalize() for part in name.split(".")) + "Result"


def _rewrite(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("$id", "$schema"):
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith(URN):
                target, _, pointer = value.removeprefix(URN).partition("#")
                value = f"#/components/schemas/{component_name(target)}{pointer}"
            out[key] = _rewrite(value)
        return out
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node


def openapi_components() -> dict[str, Any]:
    """The schemas as OpenAPI 3.1 components (``#/components/schemas/<Name>``)."""
    return {component_name(name): _rewrite(copy.deepcopy(schema))
            for name, schema in schemas().items()}
