"""Which events events.csv should keep: precision by confidence and type, and the rows it keeps.

    .venv/bin/python -m benchmarks.table_rows [--n 500] [--folds 5]

1. Cross-validated records of the annotated training split (models that never saw the article,
   as in benchmarks.learned; the test split is not read): each event scored alone against the
   gold (strict: type and sentence), so precision is the share of the system's events that are
   annotated incidents. Printed: all events, events under and over each confidence cut, the
   true events each cut loses, by type; statements apart, since ACLED codes none.
2. A build of N ANT 2018 articles that nobody annotated (every annotated article left out):
   rows of events.csv with every event, and rows with the shipped policy (table_rows.toml).
   A random 30 of the kept rows (seed 2018) go to output/table_rows_sample.csv for checking by
   hand.
"""

from __future__ import annotations

import argparse
import collections
import random
from pathlib import Path

import pandas as pd

from benchmarks.learned import cross_validated
from kg.export.table import event_rows
from kg.export.table_rows import EVERY_ROW, load_table_rows
from kg.extract import Extractor
from kg.graph.build import build_graph
from kg.training.align import scorer
from kg.training.corpus import ant_rows, article_of
from kg.training.train import ANNOTATIONS, annotated_items, settings, split_ids

SEED = 2018
CUTS = (0.3, 0.4, 0.5, 0.6, 0.7)
SAMPLE = Path("output") / "table_rows_sample.csv"


def scored_events(items: list, records: dict[str, dict]) -> list[tuple[str, float, int]]:
    """(type, confidence, 1 if the event alone matches a gold event) for every system event."""
    sc = scorer()
    out = []
    for art, gold in items:
        rec = records[art.id]
        for ev in rec["events"]:
            tally = {k: sc.Tally() for k in ("actors", "locations", "events", "events_coarse", "roles")}
            sc.score_article(art.text, gold, {**rec, "events": [ev]}, tally, collections.Counter())
            out.append((ev["type"], float(ev.get("confidence") or 0.0), tally["events"].tp))
    return out


def line(name: str, sel: list[tuple[str, float, int]]) -> str:
    n, tp = len(sel), sum(s[2] for s in sel)
    return f"  {name:34s} {n:5d} events, {tp:5d} true, precision {tp / max(n, 1):.2f}"


def by_confidence(events: list[tuple[str, float, int]]) -> None:
    armed = [e for e in events if e[0] != "statement"]
    true = sum(e[2] for e in armed)
    print(line("every event", events))
    print(line("statements", [e for e in events if e[0] == "statement"]))
    print(line("the rest", armed))
    for cut in CUTS:
        over = [e for e in armed if e[1] >= cut]
        lost = true - sum(e[2] for e in over)
        share = f"{lost / max(true, 1):.0%}"
        print(line(f"the rest, confidence >= {cut}", over) + f"; loses {lost} true ({share})")
        print(line(f"the rest, confidence <  {cut}", [e for e in armed if e[1] < cut]))
    print("  by type (all / confidence >= 0.5):")
    for t in sorted({e[0] for e in events}):
        one = [e for e in events if e[0] == t]
        kept = [e for e in one if e[1] >= 0.5]
        print(f"    {t:28s} {len(one):4d} at {sum(e[2] for e in one) / len(one):.2f} / "
              f"{len(kept):4d} at {sum(e[2] for e in kept) / max(len(kept), 1):.2f}")  # fmt: skip


def unseen_build(n: int) -> None:
    rows = ant_rows()
    annotated = {p.stem for p in ANNOTATIONS.glob("*.json")}
    ids = sorted(set(rows) - annotated)
    articles = [article_of(rows[i]) for i in random.Random(SEED).sample(ids, n)]
    ex = Extractor()
    graph = build_graph([ex(a) for a in articles])
    every = pd.DataFrame(event_rows(graph, EVERY_ROW))
    kept = pd.DataFrame(event_rows(graph, load_table_rows()))
    print(f"  {n} articles: {len(every)} rows with every event, {len(kept)} with the shipped policy")
    print("  rows by ACLED event type (every / kept):")
    a, b = every["event_type"].value_counts(), kept["event_type"].value_counts()
    for t in a.index:
        print(f"    {t:30s} {a[t]:4d} / {b.get(t, 0):4d}")
    SAMPLE.parent.mkdir(exist_ok=True)
    kept.sample(n=min(30, len(kept)), random_state=SEED).to_csv(SAMPLE, index=False)
    print(f"  30 random kept rows written to {SAMPLE}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="unannotated articles to build")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    print("== the shipped policy:", load_table_rows())
    print("== unannotated articles")
    unseen_build(args.n)
    train_ids, _test = split_ids({p.stem for p in ANNOTATIONS.glob("*.json")})
    items = annotated_items(train_ids)
    print(f"== cross-validated events of {len(items)} annotated training articles ({args.folds} folds)")
    by_confidence(scored_events(items, cross_validated(items, args.folds, settings()["seed"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
