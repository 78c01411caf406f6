"""Rating scales kept as data: intervals, scale files, validation and vectorised rating.

Knows nothing of formulas or tables; the capaian a scale rates comes from :mod:`indikator.capaian`.
"""
