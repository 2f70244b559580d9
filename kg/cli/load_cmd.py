"""`conflict-kg load GRAPH --endpoint URL [--graph IRI] [--user U --password P]`: into a real store.

The endpoint options are shared with `conflict-kg query --endpoint` (add_endpoint_options,
endpoint_from_args), so both commands name a store the same way. The password may come from
the CONFLICT_KG_PASSWORD environment variable instead of the command line (shell history).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.sparql.remote import DEFAULT_CHUNK, DEFAULT_TIMEOUT, Endpoint, EndpointError
from kg.sparql.store_load import load

PASSWORD_ENV = "CONFLICT_KG_PASSWORD"


def add_endpoint_options(p: argparse.ArgumentParser, required: bool = False) -> None:
    g = p.add_argument_group("triple store")
    g.add_argument(
        "--endpoint",
        required=required,
        metavar="URL",
        help="the store's SPARQL query URL: Oxigraph http://host:7878/query, Fuseki "
        "http://host:3030/DS/query, Virtuoso http://host:8890/sparql",
    )
    g.add_argument("--update-url", metavar="URL", help="SPARQL Update URL, if not the usual one")
    g.add_argument("--store-url", metavar="URL", help="Graph Store URL, if not the usual one")
    g.add_argument("--user", help="user name (HTTP Basic, or Digest when the server asks for it)")
    g.add_argument("--password", help=f"password (or set {PASSWORD_ENV})")
    g.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help=f"seconds per request ({DEFAULT_TIMEOUT:g})"
    )


def endpoint_from_args(args: argparse.Namespace) -> Endpoint:
    password = args.password if args.password is not None else os.environ.get(PASSWORD_ENV)
    if args.user is None:
        password = None
    return Endpoint.at(
        args.endpoint,
        update_url=args.update_url,
        store_url=args.store_url,
        user=args.user,
        password=password,
        timeout=args.timeout,
    )


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="load a graph into a running triple store (Graph Store Protocol, or SPARQL Update)",
        description="Load a graph file into a running SPARQL store and check the store's triple "
        "count afterwards; exits non-zero if the store is unreachable, refuses, or holds fewer "
        "triples than were sent.",
    )
    p.add_argument("graph", type=Path, help="graph file (.ttl, .nt, .jsonld) or Oxigraph directory")
    add_endpoint_options(p, required=True)
    p.add_argument("--graph", dest="graph_iri", metavar="IRI", help="load into this named graph")
    p.add_argument(
        "--replace", action="store_true", help="empty the target graph first: a rebuild leaves nothing stale"
    )
    p.add_argument(
        "--method",
        choices=("auto", "graph-store", "update"),
        default="auto",
        help="auto: Graph Store Protocol, falling back to SPARQL Update INSERT DATA when the store has none",
    )
    p.add_argument(
        "--chunk", type=int, default=DEFAULT_CHUNK, help=f"triples per INSERT DATA ({DEFAULT_CHUNK})"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.graph.store import load_graph

    try:
        graph = load_graph(args.graph)
    except (OSError, ValueError) as exc:
        print(f"conflict-kg load: {exc}", file=sys.stderr)
        return 2
    if len(graph) == 0:
        print(f"conflict-kg load: {args.graph}: the graph is empty, nothing to load", file=sys.stderr)
        return 2
    try:
        endpoint = endpoint_from_args(args)
        chunk = max(1, args.chunk)
        report = load(endpoint, graph, args.graph_iri, replace=args.replace, method=args.method, chunk=chunk)
    except EndpointError as exc:
        print(f"conflict-kg load: {exc}", file=sys.stderr)
        return 1
    print(report.describe(), file=sys.stderr)
    return 0
