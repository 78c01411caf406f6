"""The JSON contract: one envelope for every CLI command and HTTP endpoint.

:mod:`indikator.contract.envelope` builds the envelope and maps it to exit codes and HTTP
statuses; :mod:`indikator.contract.shapes` turns library objects (formulas, findings,
computations, scales, tables) into the result objects the schemas in ``docs/schemas/``
describe; :mod:`indikator.contract.schemas` loads those schemas (for validation and for the
server's OpenAPI document); :mod:`indikator.contract.mathml` renders a formula as MathML.
Both :mod:`indikator.cli` and :mod:`indikator.server` use this package; it imports neither.
"""
