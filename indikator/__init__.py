"""indikator: formulas, capaian and ratings of Indonesian government performance indicators.

The public API (see ``shared/DESIGN.md``)::

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
    "parse": "indikator.parser",
    "Formula": "indikator.formula",
    "evaluate": "indikator.evaluate",
    "evaluate_detailed": "indikator.evaluate",
    "lint": "indikator.lint",
    "Finding": "indikator.lint",
    "check_data": "indikator.datacheck",
    "achievement": "indikator.achievement",
    "achievement_detail": "indikator.achievement",
    "audit": "indikator.achievement",
    "rate": "indikator.scales",
    "load_scale": "indikator.scales",
    "list_scales": "indikator.scales",
    "parse_interval": "indikator.intervals",
    "Scale": "indikator.scales",
    "load_catalog": "indikator.catalog",
    "verify": "indikator.verify",
    "VerifyReport": "indikator.verify",
    "read_number": "indikator.numbers",
    "read_column": "indikator.numbers",
    "read_document": "indikator.tables",
    "read_realisation": "indikator.tables",
    "IndikatorError": "indikator.errors",
    "FormulaSyntaxError": "indikator.errors",
    "EvaluationError": "indikator.errors",
    "ScaleError": "indikator.errors",
    "CatalogError": "indikator.errors",
    "NumberFormatError": "indikator.errors",
    "TableError": "indikator.errors",
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
