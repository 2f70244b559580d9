"""What the lexicons cost a process at start-up, each loaded cold.

    .venv/bin/python -m benchmarks.lexicon_load

Every worker of a parallel build loads the gazetteer, the actor lexicon and the trigger tables
once; this prints how long each takes and how many entries it holds (it was a timed assertion
in the tests, which a loaded CI machine could fail for no fault of the code).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kg.extract.triggers import trigger_table
from kg.lexicons import load_actors, load_common_words, load_places


def timed(name: str, load: Callable[[], object]) -> None:
    clear = getattr(load, "cache_clear", None)
    if clear is not None:
        clear()
    start = time.perf_counter()
    got = load()
    size = len(got) if hasattr(got, "__len__") else "-"
    print(f"{name:14s} {time.perf_counter() - start:6.3f} s  {size} entries")


def main() -> int:
    timed("places", load_places)
    timed("actors", load_actors)
    timed("common words", load_common_words)
    timed("triggers", trigger_table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
