"""`conflict-kg query GRAPH 'SPARQL' | --file q.rq [--format table|csv|json]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.graph.store import load_graph
from kg.query import FORMATS, QueryError, format_rows, run_query


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a SPARQL query over a graph file or store")
    p.add_argument("graph", type=Path, help="graph file (.ttl, .nt, .jsonld) or Oxigraph directory")
    p.add_argument("sparql", nargs="?", help="the query text (or use --file)")
    p.add_argument("--file", "-f", type=Path, help="read the query from this .rq file")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.sparql is None) == (args.file is None):
        print("conflict-kg query: give the query as text or with --file, not both", file=sys.stderr)
        return 2
    try:
        sparql = args.file.read_text(encoding="utf-8") if args.file else args.sparql
    except (OSError, UnicodeDecodeError) as exc:
        print(f"conflict-kg query: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        graph = load_graph(args.graph)
    except (OSError, ValueError) as exc:
        print(f"conflict-kg query: {exc}", file=sys.stderr)
        return 2
    try:
        names, rows = run_query(graph, sparql)
    except QueryError as exc:
        print(f"conflict-kg query: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(format_rows(names, rows, args.format))
    return 0
