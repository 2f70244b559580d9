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


# Young-generation size before a collection. The extractor allocates millions of short-lived
# tuples and small objects per thousand articles, almost none in reference cycles; at Python's
# default (700) the collector runs every few tokens. The lexicons (millions of objects) are
# frozen once built, else every full collection walks them: measured 6.8 ms per article with
# the thresholds alone, 4.7 ms frozen as well.
GC_THRESHOLDS = (20_000, 50, 100)


def settle_gc() -> None:
    """Move everything built so far (lexicons, indexes, the pipeline) out of the collector's
    view and collect less often: what a long extraction run allocates per article dies young."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
