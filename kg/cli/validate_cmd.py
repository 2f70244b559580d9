"""`conflict-kg validate GRAPH`: check a graph against the SHACL shapes; non-zero on a violation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.graph.store import load_graph
from kg.sparql.shacl import validate


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a graph against ontology/shapes.ttl (SHACL)")
    p.add_argument("graph", type=Path, nargs="?", help="graph file (.ttl, .nt, .jsonld) or store directory")
    p.add_argument("--store", type=Path, help="a graph store made by `add` (opened read-only)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the verdict")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if (args.graph is None) == (args.store is None):
        print("conflict-kg validate: give a GRAPH file or --store DIR (one of them)", file=sys.stderr)
        return 2
    args.graph = args.graph or args.store
    try:
        graph = load_graph(args.graph)
    except (OSError, ValueError) as exc:
        print(f"conflict-kg validate: {exc}", file=sys.stderr)
        return 2
    if not len(graph):  # "conforms (0 triples)" would pass a file that is no graph at all
        kind = (
            " (JSON without an @context is not JSON-LD)"
            if args.graph.suffix.lower() in (".json", ".jsonld")
            else ""
        )
        print(
            f"conflict-kg validate: {args.graph}: holds no RDF triples{kind}; nothing to validate",
            file=sys.stderr,
        )
        return 2
    report = validate(graph)
    if report.conforms:
        print(f"{args.graph}: conforms ({len(graph)} triples)")
        return 0
    if not args.quiet:
        for v in report.violations:
            where = f" {v.path}" if v.path else ""
            value = f" = {v.value!r}" if v.value is not None and v.value != v.focus else ""
            print(f"{v.severity}: <{v.focus}>{where}{value}: {v.message}")
    print(f"{args.graph}: {len(report.violations)} violation(s)")
    return 1
