"""`conflict-kg add INPUT... --store DIR`: add articles to a graph store on disk, merging incidents.

Articles already in the store with the same text and metadata are skipped, so running the same
command twice changes nothing; one whose id is stored with other text or metadata replaces it
(a corrected article), and each such replacement is reported by id. A run that fails or is
interrupted leaves the store as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.run_options import positive_int
from kg.ingest.textsafe import for_terminal
from kg.run.parallel import DEFAULT_FACTORY, StartupError
from kg.run.pipeline import DEFAULT_BASE
from kg.run.staging import describe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="add articles to a persistent graph store (incremental, merged)")
    p.add_argument("inputs", nargs="*", help=".txt articles (with NAME.meta.json), directories, .jsonl")
    p.add_argument("--store", type=Path, required=True, help="the store directory (created if missing)")
    p.add_argument("--base", default=DEFAULT_BASE, help="namespace for instance IRIs")
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="re-merge the store from its records (no extraction); also upgrades a store of an older version",
    )
    p.add_argument("--workers", type=positive_int, default=1, metavar="N", help="extraction processes")
    p.add_argument("--extractor", default=DEFAULT_FACTORY, metavar="MODULE:FACTORY", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.graph.persist import (  # Arabic folding tables load in ~0.4 s: only when used
        GraphStore,
        StoreError,
    )
    from kg.run.add import add_inputs

    def report(message: str) -> None:
        print(for_terminal(f"conflict-kg: skipped {message}"), file=sys.stderr)

    if not args.inputs and not args.rebuild:
        print("conflict-kg add: give INPUT files or directories (or --rebuild)", file=sys.stderr)
        return 2
    try:
        store = GraphStore(args.store, base=args.base)
        if args.rebuild:
            rebuilt = store.rebuild(upgrade=True)
            print(f"rebuilt {args.store} from {len(rebuilt.added)} records", file=sys.stderr)
            if not args.inputs:
                return 0
        summary = add_inputs(store, args.inputs, args.extractor, args.workers, on_error=report)
    except (StoreError, StartupError, ValueError) as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder: the new generation is dropped
        print(
            f"conflict-kg: cannot change {args.store}: {describe(exc)} (the store is as it was)",
            file=sys.stderr,
        )
        return 2
    for why in summary.rejected:
        print(for_terminal(f"conflict-kg: not added: {why}"), file=sys.stderr)
    for aid in summary.replaced:
        print(
            for_terminal(
                f"conflict-kg: replaced {aid!r}: the store held this id with other text or metadata"
            ),
            file=sys.stderr,
        )
    print(
        f"{len(summary.added)} articles added"
        + (f" ({len(summary.replaced)} replacing a stored one)" if summary.replaced else "")
        + ", "
        f"{len(summary.unchanged)} already in the store, "
        f"{summary.errors.total + len(summary.rejected)} skipped; {summary.merged} merged incidents touched"
        + (" (rebuilt from records: an article changed)" if summary.rebuilt else ""),
        file=sys.stderr,
    )
    return 0 if summary.added or summary.unchanged else 1
