"""Where the extractor spends its time: start-up, each spaCy component, and the hottest functions.

    python -m benchmarks.profile_extract                # 300 corpus articles
    python -m benchmarks.profile_extract -n 500 --top 30

Rate and memory targets are only met by knowing which stage to make faster, so this prints
(1) start-up cost (paid once per worker process), (2) the time of the tokenizer and of every
pipeline component, measured by wrapping each one in the Extractor's own pipeline (so the
numbers are for exactly what a run does), with what is left (record assembly) and (3) the top
functions under cProfile by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.vocab.record import Article

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-2015-2000.jsonl"


def rss_mib() -> float:
    """This process's resident memory: what one worker costs."""
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def load_articles(path: Path, n: int) -> list[Article]:
    from kg.ingest.inputs import InputError, iter_inputs

    out: list[Article] = []
    for item in iter_inputs([path]):
        if not isinstance(item, InputError):
            out.append(item)
        if len(out) >= n:
            break
    return out


class Timed:
    """A pipeline stage that adds its own running time to `totals[name]`."""

    def __init__(self, name: str, stage: Callable[[Any], Any], totals: dict[str, float]) -> None:
        self.name, self.stage, self.totals = name, stage, totals

    def __call__(self, arg: Any) -> Any:
        t = time.perf_counter()
        try:
            return self.stage(arg)
        finally:
            self.totals[self.name] += time.perf_counter() - t

    def __getattr__(self, attr: str) -> Any:  # tokenizers and components carry other API
        return getattr(self.stage, attr)


def instrument(nlp: Any, totals: dict[str, float]) -> bool:
    """Wrap the tokenizer and each component in place; False when spaCy's internals differ."""
    components = getattr(nlp, "_components", None)
    if not isinstance(components, list):
        return False
    nlp.tokenizer = Timed("tokenizer", nlp.tokenizer, totals)
    nlp._components = [(name, Timed(name, proc, totals)) for name, proc in components]
    return True


def startup(pipeline: str | None = None) -> tuple[Any, dict[str, float]]:
    t0 = time.perf_counter()
    import kg.extract  # spaCy and camel-tools come in here

    t1 = time.perf_counter()
    from kg.lexicons import load_actors, load_places

    places, actors = load_places(), load_actors()
    t2 = time.perf_counter()
    extractor = kg.extract.Extractor({"pipeline": pipeline} if pipeline else None)
    t3 = time.perf_counter()
    return extractor, {
        "imports": t1 - t0,
        f"lexicons ({len(places):,} places, {len(actors):,} actors)": t2 - t1,
        "pipeline build": t3 - t2,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-n", type=int, default=300, help="articles to profile (default 300)")
    p.add_argument("--top", type=int, default=25, help="functions to list (default 25)")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--pipeline", choices=("learned", "rules"), help="default: the default pipeline")
    args = p.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    extractor, costs = startup(args.pipeline)
    print("start-up (once per worker process):")
    for name, secs in costs.items():
        print(f"    {secs:6.2f} s  {name}")
    print(f"    {sum(costs.values()):6.2f} s  total; resident memory {rss_mib():.0f} MiB")

    articles = load_articles(args.corpus, args.n)
    chars = sum(len(a.text) for a in articles)
    for a in articles[:5]:  # warm caches so the first call's lazy set-up is not billed to one stage
        extractor(a)

    totals: dict[str, float] = defaultdict(float)
    per_stage = instrument(extractor.nlp, totals)
    t0 = time.perf_counter()
    sizes = [len(json.dumps(extractor(a).to_dict(), ensure_ascii=False)) for a in articles]
    wall = time.perf_counter() - t0
    rate = len(articles) / wall
    print(
        f"\n{len(articles)} articles ({chars / len(articles):,.0f} characters on average): {wall:.2f} s, "
        f"{rate:.0f} articles/s in one process, {1000 / rate:.1f} ms each; "
        f"records {sum(sizes) / len(sizes) / 1024:.1f} KiB of JSON on average; "
        f"resident memory now {rss_mib():.0f} MiB"
    )
    if per_stage:
        print("time per stage:")
        rest = wall - sum(totals.values())
        for name, secs in [*sorted(totals.items(), key=lambda kv: -kv[1]), ("(record assembly, rest)", rest)]:
            share, per_article = 100 * secs / wall, 1000 * secs / len(articles)
            print(f"    {secs:6.2f} s  {share:5.1f}%  {per_article:6.2f} ms/art  {name}")
    else:
        print("(per-stage times unavailable: this spaCy keeps its pipeline elsewhere)")

    profiler = cProfile.Profile()
    profiler.enable()
    for a in articles:
        extractor(a)
    profiler.disable()
    for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).strip_dirs().sort_stats(key).print_stats(args.top)
        body = buf.getvalue()
        print(f"\ntop {args.top} functions by {title} (cProfile, which slows everything ~2x):")
        print(body[body.find("   ncalls") :].rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
