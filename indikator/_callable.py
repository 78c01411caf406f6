"""Let a submodule that shares its name with its main function be called like the function.

``indikator.lint`` is both the module ``indikator/lint.py`` and the function ``lint``: once the
submodule is imported, Python sets the package attribute to the module, hiding the function that
``indikator/__init__`` exported.  :func:`forward_calls` gives such a module a ``__call__`` that
forwards to its function, so ``indikator.lint(...)``, ``indikator.evaluate(...)`` and
``indikator.achievement(...)`` work whichever import happened first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


def forward_calls(module_name: str, function: Callable[..., Any]) -> None:
    """Make the module *module_name* callable, forwarding every call to *function*."""

    class _CallableModule(ModuleType):
        __doc__ = sys.modules[module_name].__doc__

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    sys.modules[module_name].__class__ = _CallableModule
