"""What the lexicons cost a process at start-up, each loaded cold.

    .venv/bin/python -m benchmarks.lexicon_load

Every worker of a parallel build loads the gazetteer, the actor lexicon, the cue and trigger
tables, the number words and the calendar once; this prints what importing the modules that
read them costs a fresh process, the CPU time each load takes (the best of `REPEATS` cold
loads: CPU time and the best run keep a busy machine's noise out) and how many entries it
holds, then what reading every lexicon file through its schema costs (it was a timed assertion
in the tests, which a loaded CI machine could fail for no fault of the code).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

from kg.arabic.dates import _calendar_rows
from kg.arabic.numbers import number_words
from kg.extract.entity_cues import load_cues
from kg.extract.phrases import _function_word_sets
from kg.extract.triggers import trigger_table
from kg.lexicons import load_actors, load_places
from kg.lexicons.tables import SCHEMAS
from kg.lexicons.tsv import Table
from kg.lexicons.words import load_common_words

REPEATS = 5
# a fresh interpreter imports the lexicon layer and the Arabic modules that read it (after the
# normaliser every path imports anyway; the extract modules would time spaCy's import instead)
IMPORT = (
    "import time; import kg.arabic.normalise; t = time.process_time(); "
    "import kg.lexicons, kg.arabic.numbers, kg.arabic.dates; "
    "print(time.process_time() - t)"
)


def timed(name: str, load: Callable[[], object]) -> float:
    clear = getattr(load, "cache_clear", None)
    best = float("inf")
    for _ in range(REPEATS):
        if clear is not None:
            clear()
        start = time.process_time()
        got = load()
        best = min(best, time.process_time() - start)
    size = len(got) if hasattr(got, "__len__") else "-"
    print(f"{name:14s} {best:6.3f} s  {size} entries")
    return best


def import_cost() -> float:
    """Seconds to import the lexicon-reading modules in a fresh process (best of REPEATS)."""
    runs = [
        subprocess.run([sys.executable, "-c", IMPORT], capture_output=True, text=True, check=True)
        for _ in range(REPEATS)
    ]
    best = min(float(r.stdout) for r in runs)
    print(f"{'import':14s} {best:6.3f} s")
    return best


def every_file() -> list[object]:
    """Each lexicon file read once through its schema, as validate() reads them."""
    return [s.rows() if isinstance(s, Table) else s.words() for s in SCHEMAS.values()]


def main() -> int:
    import_cost()
    total = sum(
        timed(name, load)
        for name, load in [
            ("places", load_places),
            ("actors", load_actors),
            ("common words", load_common_words),
            ("triggers", trigger_table),
            ("entity cues", load_cues),
            ("numbers", number_words),
            ("calendar", _calendar_rows),
            ("function words", _function_word_sets),
        ]
    )
    print(f"{'start-up total':14s} {total:6.3f} s")
    timed("every file", every_file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
