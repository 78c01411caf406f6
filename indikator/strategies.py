"""Public home of the hypothesis strategies: ``from indikator.strategies import formulas``.

The implementation is :mod:`indikator.verification.strategies`; this module only re-exports it so
that the documented import path stays short.
"""

from indikator.verification.strategies import *  # noqa: F403
from indikator.verification.strategies import __all__  # noqa: F401
