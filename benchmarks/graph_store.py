"""Which store should hold the graph? rdflib's Memory store vs Oxigraph (via oxrdflib).

Generates a synthetic corpus of extraction records (invented names, seeded, so every run is the
same), builds the graph in each store, writes Turtle, and runs a GROUP BY query of the kind the
saved queries run (deaths by event type and month). Each store runs in its own process so peak
memory is its own. Usage:

    .venv/bin/python -m benchmarks.graph_store --articles 800   # ~0.2M triples, ~5 min
    .venv/bin/python -m benchmarks.graph_store                  # 2,000 articles, ~0.5M triples

Measured 2026-11-25 on the shared 2-core machine, 800 articles, 206,145 triples (wall-clock):
    oxigraph  build 5.4 s  Turtle 0.56 s  GROUP BY 0.09 s  peak 255 MB
    memory    build 19.1 s Turtle 220 s   GROUP BY 1.57 s  peak 292 MB
    SHACL (kg.sparql.shacl) of 103,827 triples: 28.5 s
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import tempfile
import time
from pathlib import Path

from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

WORDS = ["الفجر", "النصر", "الشام", "الحق", "التحرير", "الأحرار", "الوطن", "الجبل", "السهل", "النهر"]
HEADS = ["كتائب", "لواء", "جيش", "حركة", "قوات", "جبهة"]
TOWNS = ["تل", "كفر", "عين", "دير", "بيت", "خربة"]
TYPES = ["battle", "air_strike", "shelling", "explosion", "attack", "violence_against_civilians"]
KINDS = ["state_force", "armed_group", "militia", "foreign_force", "civilians"]

GROUP_BY = """
SELECT ?type ?month (COUNT(?e) AS ?events) (SUM(?f) AS ?deaths) WHERE {
  ?e a ?type ; ckg:hasReport ?r ; sem:hasTimeStamp ?d .
  OPTIONAL { ?e ckg:fatalities ?f }
  BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
} GROUP BY ?type ?month ORDER BY ?type ?month
"""


def synthetic_record(i: int, rng: random.Random) -> ExtractionRecord:
    """An article of four sentences: three events among four actors in three places."""
    actors = [
        Actor(
            id=f"a{k}",
            label_ar=f"{rng.choice(HEADS)} {rng.choice(WORDS)} {rng.randrange(40)}",
            kind=rng.choice(KINDS),
            country="SYR",
        )
        for k in range(4)
    ]
    places = [
        Place(
            id=f"p{k}",
            label_ar=f"{rng.choice(TOWNS)} {rng.choice(WORDS)} {rng.randrange(300)}",
            kind="village",
            lat=round(rng.uniform(32.5, 37), 4),
            lon=round(rng.uniform(35.7, 42), 4),
            country="SYR",
        )
        for k in range(3)
    ]
    parts: list[str] = []
    events = []
    for k in range(3):
        a, b = rng.sample(actors, 2)
        p = rng.choice(places)
        start = sum(len(x) for x in parts)
        sentence = f"هاجمت {a.label_ar} مواقع {b.label_ar} في {p.label_ar} وقتل {k + 2} أشخاص. "
        parts.append(sentence)
        trig = Mention("هاجمت", start, start + 5)
        for ent in (a, b, p):
            s = start + sentence.index(ent.label_ar)
            ent.mentions.append(Mention(ent.label_ar, s, s + len(ent.label_ar)))
        events.append(
            Event(
                id=f"e{k}",
                type=rng.choice(TYPES),
                trigger=trig,
                actors=[EventActor(a.id, "attacker"), EventActor(b.id, "target")],
                locations=[p.id],
                date=f"2015-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                date_precision="day",
                fatalities=rng.randrange(0, 30),
                status="occurred",
            )
        )
    text = "".join(parts)
    return ExtractionRecord(
        article_id=f"synthetic-{i:06d}",
        actors=actors,
        locations=places,
        events=events,
        meta={"title": "خبر", "published": "2015-08-01", "outlet": "وكالة", "language": "ar"},
        text=text,
    )


def records(n: int) -> list[ExtractionRecord]:
    rng = random.Random(20151)
    return [synthetic_record(i, rng) for i in range(n)]


def measure(store: str, n: int, out: mp.Queue) -> None:
    from rdflib import Graph

    from kg.export.rdf import write_turtle
    from kg.graph.build import build_graph
    from kg.graph.store import new_graph
    from kg.sparql.local import run_query

    recs = records(n)
    t0 = time.perf_counter()
    graph = new_graph() if store == "oxigraph" else Graph()
    build_graph(recs, graph=graph)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = write_turtle(graph, Path(tmp) / "g.ttl")
        size = path.stat().st_size
    t2 = time.perf_counter()
    _, rows = run_query(graph, GROUP_BY)
    t3 = time.perf_counter()
    out.put(
        {
            "store": store,
            "triples": len(graph),
            "build_s": t1 - t0,
            "turtle_s": t2 - t1,
            "turtle_mb": size / 1e6,
            "groupby_s": t3 - t2,
            "groups": len(rows),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def validation_time(n: int) -> tuple[int, float]:
    from kg.graph.build import build_graph
    from kg.sparql.shacl import validate

    graph = build_graph(records(n))
    t0 = time.perf_counter()
    report = validate(graph)
    assert report.conforms, report.text[:2000]
    return len(graph), time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="synthetic articles (default 2000)")
    parser.add_argument(
        "--validate-articles", type=int, default=200, help="articles for the SHACL timing (0: skip)"
    )
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    results = []
    for store in ("oxigraph", "memory"):
        q: mp.Queue = ctx.Queue()
        proc = ctx.Process(target=measure, args=(store, args.articles, q))
        proc.start()
        results.append(q.get())
        proc.join()
    print(f"{args.articles} synthetic articles")
    header = ("store", "triples", "build s", "turtle s", "MB", "group-by s", "peak MB")
    print("{:9} {:>9} {:>8} {:>9} {:>6} {:>10} {:>8}".format(*header))
    for r in results:
        print(
            f"{r['store']:9} {r['triples']:>9,} {r['build_s']:>8.2f} {r['turtle_s']:>9.2f} "
            f"{r['turtle_mb']:>6.1f} {r['groupby_s']:>10.2f} {r['peak_rss_mb']:>8.0f}"
        )
    ox, mem = results
    print(
        f"Oxigraph vs Memory: Turtle {mem['turtle_s'] / ox['turtle_s']:.0f}x faster, "
        f"GROUP BY {mem['groupby_s'] / ox['groupby_s']:.0f}x faster, "
        f"build {mem['build_s'] / ox['build_s']:.1f}x"
    )
    if args.validate_articles:
        triples, secs = validation_time(args.validate_articles)
        print(f"SHACL validation (pyshacl) of {triples:,} triples: {secs:.1f} s")


if __name__ == "__main__":
    main()
