"""``python -m healthdocs new|check`` (with ``_ext`` on PYTHONPATH, as the Makefile sets)."""

import sys

from .cli import main

sys.exit(main())
