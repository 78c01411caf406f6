"""The ``indikator`` command line: argument parsing, formatting and exit codes.

Imports the library; the library never imports it.
"""

from indikator.cli.app import main

__all__ = ["main"]
