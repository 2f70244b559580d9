"""`conflict-kg split EVENT --store DIR`: undo a merge; its reports become separate events again.

The split is remembered in the store, so later additions never merge those reports again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.run.pipeline import DEFAULT_BASE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("split", help="undo the merge of one event in a graph store")
    p.add_argument("event", help="the merged event's IRI (the event_iri column of events.csv)")
    p.add_argument("--store", type=Path, required=True, help="the store directory")
    p.add_argument("--base", default=DEFAULT_BASE, help="namespace for instance IRIs")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.graph.persist import (  # Arabic folding tables load in ~0.4 s: only when used
        GraphStore,
        StoreError,
    )

    try:
        change = GraphStore(args.store, base=args.base).split(args.event)
    except (StoreError, ValueError, OSError) as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    print(f"split into {len(change.added)} events:", file=sys.stderr)
    for cl in change.added:
        print(f"  {cl.canonical}", file=sys.stderr)
    return 0
