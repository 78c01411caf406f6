"""indikator: formulas, capaian and ratings of Indonesian government performance indicators.

The public API (documented in the README)::

    import indikator
    f = indikator.parse(r"\\frac{\\text{Jumlah A yang dilaksanakan}}{\\text{Jumlah A}} \\times 100")
    f.kind, f.ratio, f.variables, f.to_text(), f.to_latex(), f.evaluate({...})
    indikator.lint(f, name="Persentase …", unit="Persen")
    indikator.achievement(actual, target, direction="lower")
    indikator.rate([80.68, 90.0], scale="akip")

Names are imported lazily so that ``import indikator`` (and parsing and linting) never pays
for pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "parse": "indikator.formula.parser",
    "Formula": "indikator.formula.model",
    "evaluate": "indikator.formula.api",
    "evaluate_detailed": "indikator.formula.api",
    "lint": "indikator.linter.rules",
    "Finding": "indikator.linter.rules",
    "check_data": "indikator.linter.datacheck",
    "achievement": "indikator.capaian.methods",
    "achievement_detail": "indikator.capaian.methods",
    "audit": "indikator.capaian.audit",
    "rate": "indikator.scales.rating",
    "load_scale": "indikator.scales.loading",
    "list_scales": "indikator.scales.loading",
    "parse_interval": "indikator.scales.intervals",
    "Scale": "indikator.scales.scale",
    "load_catalog": "indikator.catalog.loader",
    "verify": "indikator.verification.properties",
    "VerifyReport": "indikator.verification.properties",
    "read_number": "indikator.documents.numbers",
    "read_column": "indikator.documents.number_column",
    "read_document": "indikator.documents.textdoc",
    "read_realisation": "indikator.documents.realisation",
    "IndikatorError": "indikator.core.errors",
    "FormulaSyntaxError": "indikator.core.errors",
    "EvaluationError": "indikator.core.errors",
    "FormulaDepthError": "indikator.core.errors",
    "ScaleError": "indikator.core.errors",
    "CatalogError": "indikator.core.errors",
    "NumberFormatError": "indikator.core.errors",
    "TableError": "indikator.core.errors",
}

__all__ = sorted(_EXPORTS)

def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'indikator' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
