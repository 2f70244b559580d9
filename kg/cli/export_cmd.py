"""`conflict-kg export --store DIR --out DIR`: graph.ttl, events.csv and graph.html from a store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kg.graph.persist import GraphStore, StoreError
from kg.pipeline import DEFAULT_BASE
from kg.records import atomic_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write graph.ttl, events.csv and graph.html from a graph store")
    p.add_argument("--store", type=Path, required=True, help="the store directory")
    p.add_argument("--out", type=Path, default=Path("output"), help="output directory (default: output)")
    p.add_argument("--base", default=DEFAULT_BASE, help="namespace for instance IRIs")
    p.add_argument("--no-html", action="store_true", help="skip the HTML view")
    p.set_defaults(func=run)


def export_store(store: GraphStore, out: Path, html: bool = True) -> dict[str, Path]:
    """Each file written whole or not at all, like `build`'s outputs."""
    from kg.export.html import write_html
    from kg.export.rdf import write_turtle
    from kg.export.table import write_events_csv

    exports: list[tuple[str, Callable[..., object]]] = [
        ("graph.ttl", write_turtle),
        ("events.csv", write_events_csv),
    ]
    if html:
        exports.append(("graph.html", write_html))
    written = {}
    with store.graph() as graph:
        for name, writer in exports:
            target = out / name
            with atomic_path(target) as tmp:
                writer(graph, tmp)
            written[name] = target
    return written


def run(args: argparse.Namespace) -> int:
    try:
        written = export_store(GraphStore(args.store, base=args.base), args.out, html=not args.no_html)
    except (StoreError, ValueError, OSError) as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    for name, path in written.items():
        print(f"  {name:10s} {path}", file=sys.stderr)
    return 0
