"""`conflict-kg query GRAPH 'SPARQL' | --file q.rq | --name NAME [--param k=v] [--format table|csv|json]`.

`--list` prints the saved queries; `--endpoint URL` runs the query on a running SPARQL store
instead of a graph file (the same options as `conflict-kg load`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.load_cmd import add_endpoint_options, endpoint_from_args
from kg.graph.store import load_graph
from kg.sparql.answers import FORMATS, format_rows
from kg.sparql.local import LocalGraph
from kg.sparql.queryable import Queryable
from kg.sparql.remote import EndpointError, RemoteGraph
from kg.sparql.saved import describe_catalogue, parse_param_args, resolve
from kg.sparql.text import QueryError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a SPARQL query, or a saved one, over a graph file or a store")
    p.add_argument("graph", nargs="?", help="graph file (.ttl, .nt, .jsonld) or store directory")
    p.add_argument("--store", type=Path, help="a graph store made by `add` (opened read-only)")
    p.add_argument("sparql", nargs="?", help="the query text (or use --file or --name)")
    p.add_argument("--file", "-f", type=Path, help="read the query from this .rq file")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--list", action="store_true", help="list the saved queries and their parameters")
    p.add_argument("--name", "-n", help="run the saved query NAME (see --list)")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE", help="repeatable")
    p.add_argument("--graph", dest="graph_iri", metavar="IRI", help="with --endpoint: query this named graph")
    add_endpoint_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.list:
        print(describe_catalogue())
        return 0
    if (args.endpoint or args.store) and args.graph is not None and args.sparql is None:
        args.graph, args.sparql = None, args.graph  # with --endpoint/--store the one positional is the query
    if args.store is not None and args.graph is None and not args.endpoint:
        args.graph = args.store
    elif args.store is not None or args.endpoint:
        args.graph = None  # a GRAPH or --store with --endpoint, or both: refused below
    if (args.graph is None) == (args.endpoint is None):
        print(
            "conflict-kg query: give a GRAPH file, --store DIR or --endpoint URL (one of them)",
            file=sys.stderr,
        )
        return 2
    try:
        sparql, bindings = resolve(args.sparql, args.file, args.name, parse_param_args(args.param))
    except QueryError as exc:
        print(f"conflict-kg query: {exc}", file=sys.stderr)
        return 2
    try:
        source: Queryable = (
            RemoteGraph(endpoint_from_args(args), args.graph_iri)
            if args.endpoint
            else LocalGraph(load_graph(args.graph))
        )
        names, rows = source.rows(sparql, bindings)
    except (OSError, ValueError, EndpointError) as exc:  # QueryError is a ValueError
        print(f"conflict-kg query: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, QueryError | EndpointError) else 2
    sys.stdout.write(format_rows(names, rows, args.format))
    return 0
