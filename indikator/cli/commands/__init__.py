"""The subcommands of the ``indikator`` CLI, one module each.

Each module defines ``register(subparsers, parents)``, which adds its parser and sets
``handler=run``, and ``run(args, ctx) -> int``.  Modules import their heavy dependencies
(pandas, openpyxl, matplotlib) inside ``run`` so that ``indikator parse`` starts fast.
"""

COMMAND_MODULES: tuple[str, ...] = (
    "parse",
    "eval",
    "lint",
    "scale",
    "compute",
    "sql",
    "import_",
    "verify",
    "demo",
    "report",
    "serve",
)
