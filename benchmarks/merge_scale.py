"""How fast merging runs, and in how much memory, on 1k / 10k / 100k articles' records.

Each size runs in a fresh process (so peak memory is that size's own): records are generated
(benchmarks.gen_records, not timed), then matched and clustered (pass 1), then every triple is
produced and, unless --no-store, written to an Oxigraph database on disk (pass 2).

    python -m benchmarks.merge_scale 1000 10000          # bar: 100k articles < 10 min, < 4 GiB
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time


def run_one(n: int, store: bool) -> dict:
    from benchmarks.gen_records import records
    from kg.graph.merge import add_triples, merge_state_of, merged_triples

    recs = list(records(n))
    t0 = time.perf_counter()
    state = merge_state_of(recs)
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
                for t in merged_triples(recs, state):
                    triples += 1
                    yield t

            add_triples(graph, counted(), bulk=True)
            graph.close()
    else:
        triples = sum(1 for _ in merged_triples(recs, state))
    t2 = time.perf_counter()
    reports = len(state.features)
    merged = [c for c in state.clusters.values() if len(c.members) > 1]
    return {
        "articles": n,
        "reports": reports,
        "events": len(state.clusters),
        "merged_events": len(merged),
        "reports_in_merged": sum(len(c.members) for c in merged),
        "match_s": round(t1 - t0, 2),
        "graph_s": round(t2 - t1, 2),
        "triples": triples,
        "articles_per_s": round(n / (t2 - t0), 1),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--no-store", action="store_true", help="count triples instead of storing them")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, not args.no_store)))
        return
    for n in args.sizes:
        cmd = [sys.executable, "-m", "benchmarks.merge_scale", "--one", str(n)]
        if args.no_store:
            cmd.append("--no-store")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        print(out.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
