"""``python -m indikator`` runs the command line."""

import sys

from indikator.cli import main

sys.exit(main())
