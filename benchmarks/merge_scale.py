"""How fast merging runs, and in how much memory, on 1k / 10k / 100k articles' records.

Each size runs in a fresh process (so peak memory is that size's own). Records are streamed from
benchmarks.gen_records twice, as a rebuild streams them from records/ on disk: pass 1 matches
and clusters, pass 2 produces every triple and, unless --no-store, writes them to an Oxigraph
database on disk. Generating the records is timed on its own (gen_s) and taken out of the
rate; peak memory is the whole process's.

    python -m benchmarks.merge_scale 1000 10000          # bar: 100k articles < 10 min, < 4 GiB
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def run_one(n: int, store: bool) -> dict:
    from benchmarks.gen_records import records
    from kg.graph.merge import merge_state_of, merged_triples
    from kg.graph.store import add_triples

    g0 = time.perf_counter()
    for _ in records(n):
        pass
    gen = time.perf_counter() - g0
    t0 = time.perf_counter()
    state = merge_state_of(records(n))
    t1 = time.perf_counter()
    triples = 0
    if store:
        from kg.graph.build import add_ontology
        from kg.graph.store import new_graph

        with tempfile.TemporaryDirectory() as tmp:
            graph = new_graph(f"{tmp}/oxigraph")
            add_ontology(graph)

            def counted():
                nonlocal triples
                for t in merged_triples(records(n), state):
                    triples += 1
                    yield t

            add_triples(graph, counted(), bulk=True)
            graph.close()
    else:
        triples = sum(1 for _ in merged_triples(records(n), state))
    t2 = time.perf_counter()
    reports = len(state.features)
    quality = pairwise_quality(state, records(n))
    merged = [c for c in state.clusters.values() if len(c.members) > 1]
    return {
        "articles": n,
        "reports": reports,
        "events": len(state.clusters),
        "merged_events": len(merged),
        "reports_in_merged": sum(len(c.members) for c in merged),
        "gen_s": round(gen, 2),
        "match_s": round(t1 - t0 - gen, 2),
        "graph_s": round(t2 - t1 - gen, 2),
        "triples": triples,
        "articles_per_s": round(n / (t2 - t0 - 2 * gen), 1),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu_s": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_utime
            + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
            1,
        ),
        "load_avg": round(os.getloadavg()[0], 1),  # the machine is shared: wall time depends on it
        **quality,
    }


def run_incremental(n: int, k: int) -> dict:
    """A store of `n` articles, then the time to add `k` more (one `conflict-kg add`)."""
    from itertools import islice

    from benchmarks.gen_records import records
    from kg.graph.persist import GraphStore

    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(f"{tmp}/store")
        t0 = time.perf_counter()
        store.add_records(islice(records(n + k), n))
        t1 = time.perf_counter()
        summary = store.add_records(islice(records(n + k), n, n + k))
        t2 = time.perf_counter()
    return {
        "store_articles": n,
        "added": len(summary.added),
        "initial_build_s": round(t1 - t0, 2),
        "add_s": round(t2 - t1, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_avg": round(os.getloadavg()[0], 1),
    }


def pairwise_quality(state, recs) -> dict:
    """Pairwise precision/recall of merging against the generator's incident ids.

    Pairs within one article are left out of the truth: merging never joins them by design.
    """
    from collections import Counter
    from itertools import combinations

    from kg.graph.merge import event_key

    incident = {}
    for r in recs:
        for e in r.events:
            incident[event_key(state.base, r.article_id, e.id)] = (e.trigger.text, r.article_id)
    by_incident: dict[str, list[str]] = {}
    for key, (inc, _) in incident.items():
        by_incident.setdefault(inc, []).append(key)
    true_pairs = {
        (a, b) for ks in by_incident.values() for a, b in combinations(sorted(ks), 2)
        if incident[a][1] != incident[b][1]
    }  # fmt: skip
    got = Counter()
    for c in state.clusters.values():
        for a, b in combinations(c.members, 2):
            got["merged"] += 1
            got["right"] += (a, b) in true_pairs
    return {
        "pair_precision": round(got["right"] / got["merged"], 3) if got["merged"] else None,
        "pair_recall": round(got["right"] / len(true_pairs), 3) if true_pairs else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--no-store", action="store_true", help="count triples instead of storing them")
    ap.add_argument("--add", type=int, metavar="K", help="time adding K articles to a store of each size")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one and args.add:
        print(json.dumps(run_incremental(args.one, args.add)))
        return
    if args.one:
        print(json.dumps(run_one(args.one, not args.no_store)))
        return
    for n in args.sizes:
        cmd = [sys.executable, "-m", "benchmarks.merge_scale", "--one", str(n)]
        if args.no_store:
            cmd.append("--no-store")
        if args.add:
            cmd += ["--add", str(args.add)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        print(out.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
