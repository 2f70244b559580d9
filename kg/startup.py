"""Start-up cost of processes that only extract.

thinc (under spaCy) imports torch whenever it is installed, and camel-tools installs it, though
no component of ours runs a neural model: that import is over a second of every worker's
start-up and ~200 MB of its memory. Processes that belong to conflict-kg alone (the command
line, pool workers) go without it; a notebook that imports `kg` keeps torch available.
"""

from __future__ import annotations

import sys


def without_torch() -> None:
    """Make `import torch` fail fast in this process, unless something already imported it."""
    if "torch" not in sys.modules and "spacy" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]
