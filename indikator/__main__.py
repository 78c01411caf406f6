"""``python -m indikator`` runs the command line."""

import sys

from indikator.cli.app import main

sys.exit(main())
