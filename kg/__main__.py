"""`python -m kg ...`: the conflict-kg command without the installed console script.

The guard matters: worker processes are spawned, and each re-imports the main module; without
it every worker would start the whole command again.
"""

from __future__ import annotations

import sys

from kg.cli import main

if __name__ == "__main__":
    sys.exit(main())
