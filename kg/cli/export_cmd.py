"""`conflict-kg export --store DIR --out DIR`: the same exports as `build`, from a graph store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export import add_format_arguments, chosen_formats, chosen_table, write_exports
from kg.export.table_rows import TableRows
from kg.run.pipeline import DEFAULT_BASE
from kg.run.staging import OutputError, StagedOutput

if TYPE_CHECKING:
    from kg.graph.persist import GraphStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write graph.ttl, events.csv and graph.html from a graph store")
    p.add_argument("--store", type=Path, required=True, help="the store directory")
    p.add_argument("--out", type=Path, default=Path("output"), help="output directory (default: output)")
    p.add_argument("--base", default=DEFAULT_BASE, help="namespace for instance IRIs")
    add_format_arguments(p)
    p.set_defaults(func=run)


def export_store(
    store: GraphStore,
    out: Path,
    html: bool = True,
    formats: tuple[str, ...] | None = None,
    table: TableRows | None = None,
) -> dict[str, Path]:
    """The set written into a new folder and swapped in whole, like `build`'s outputs."""
    with store.graph() as graph, StagedOutput(out) as staged:
        written = write_exports(graph, staged.path, chosen_formats(formats, not html), table)
        staged.commit()
    return {fmt: staged.final(path) for fmt, path in written.items()}


def run(args: argparse.Namespace) -> int:
    from kg.graph.persist import (  # Arabic folding tables load in ~0.4 s: only when used
        GraphStore,
        StoreError,
    )

    try:
        store = GraphStore(args.store, base=args.base)
        table = chosen_table(args.min_confidence, args.with_statements)
        written = export_store(store, args.out, html=not args.no_html, formats=args.formats, table=table)
    except (StoreError, ValueError, OSError, OutputError) as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    for name, path in written.items():
        print(f"  {name:10s} {path}", file=sys.stderr)
    return 0
