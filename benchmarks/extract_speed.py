"""Articles per second and peak memory of the whole extractor in one process.

    .venv/bin/python -m benchmarks.extract_speed [CORPUS.jsonl] [--limit N] [--profile]

Default corpus: `../shared/corpus/saudinewsnet-2015-2000.jsonl` (2,000 ordinary news articles,
most not about war, which is what a real feed looks like). The extractor is built before the
clock starts: its one-off lexicon loading is reported apart from the per-article rate.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from pathlib import Path

from kg.ingest.inputs import iter_inputs
from kg.vocab.record import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-2015-2000.jsonl"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="stop after N articles (0 = all)")
    ap.add_argument("--profile", action="store_true", help="print the 25 costliest functions")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from kg.extract import Extractor

    extractor = Extractor()
    build = time.perf_counter() - t0
    articles = [a for a in iter_inputs([args.corpus]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    chars = sum(len(a.text) for a in articles)
    prof = cProfile.Profile() if args.profile else None
    events = errors = 0
    t1 = time.perf_counter()
    if prof:
        prof.enable()
    for art in articles:
        rec = extractor(art)
        events += len(rec.events)
        errors += bool(rec.errors)
    if prof:
        prof.disable()
    dt = time.perf_counter() - t1
    print(f"corpus: {args.corpus}")
    print(f"extractor built in {build:.2f}s")
    print(
        f"{len(articles)} articles ({chars / 1e6:.1f} M chars) in {dt:.2f}s: "
        f"{len(articles) / dt:.1f} articles/s, {chars / dt / 1e3:.0f} k chars/s"
    )
    print(f"{events} events, {errors} records with errors; peak RSS {peak_rss_mib():.0f} MiB")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
