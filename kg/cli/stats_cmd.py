"""`conflict-kg stats GRAPH [--json]`: who fights, where, when and alongside whom.

Reads a graph file (.ttl, .nt, ...) or an Oxigraph store directory, projects it like the view
does, and prints the analytics of kg.view.analysis as tables (or one JSON document). `--html` and
`--gexf` write the interactive page and Gephi/Cytoscape files from the same projection, so an
existing graph can be looked at without rebuilding it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.ingest.textsafe import for_terminal

_TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("actors_by_centrality", "Actors by centrality (actor network weighted by shared events)",
     ("label_ar", "label_en", "kind", "country", "events", "fatalities", "partners", "degree", "betweenness",
      "pagerank")),
    ("actors_by_events", "Actors by events", ("label_ar", "label_en", "kind", "events", "fatalities")),
    ("actors_by_fatalities", "Actors by fatalities",
     ("label_ar", "label_en", "kind", "fatalities", "events")),
    ("by_type", "Events by type", ("key", "events", "fatalities")),
    ("by_place", "Events by place", ("label", "events", "fatalities")),
    ("by_country", "Events by country", ("key", "events", "fatalities")),
    ("by_month", "Events by month", ("key", "events", "fatalities")),
)  # fmt: skip


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="network analytics of a graph: actors, places, months, coalitions")
    p.add_argument(
        "graph", type=Path, nargs="?", help="graph file (.ttl, .nt, .jsonld, ...) or store directory"
    )
    p.add_argument("--store", type=Path, help="a graph store made by `add` (opened read-only)")
    p.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    p.add_argument("--top", type=int, default=20, help="rows per ranking (default 20; 0 = all)")
    p.add_argument("--html", type=Path, help="also write the interactive graph page here")
    p.add_argument("--gexf", type=Path, help="also write the graph as GEXF (Gephi, Cytoscape) here")
    p.add_argument("--actors-gexf", type=Path, help="also write the actor network as GEXF here")
    p.set_defaults(func=run)


def _clip(value: Any, width: int = 40) -> str:
    s = " ".join(for_terminal(str("" if value is None else value)).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def table(title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    body = [[_clip(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(b[i]) for b in body]) for i, c in enumerate(columns)]
    lines = [f"== {title} ==", "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(b, widths, strict=True)) for b in body]
    if not rows:
        lines.append("(none)")
    return "\n".join(lines) + "\n"


def render(summary: dict[str, Any]) -> str:
    c = summary["counts"]
    out = [
        f"{c['events']} events, {c['actors']} actors, {c['places']} places, {c['fatalities']} fatalities\n"
    ]
    for key, title, columns in _TABLES:
        out.append(table(title, summary[key], columns))
    groups = summary["coalitions"]
    lines = ["== Coalitions (actors on the same side of events; Louvain communities) =="]
    lines += [f"{i}. ({g['size']}) " + _clip(" · ".join(g["labels"]), 9999) for i, g in enumerate(groups, 1)]
    lines += [] if groups else ["(none)"]
    out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    from kg.graph.store import load_graph
    from kg.view import analysis
    from kg.view.project import project

    if (args.graph is None) == (args.store is None):
        print("conflict-kg stats: give a GRAPH file or --store DIR (one of them)", file=sys.stderr)
        return 2
    try:
        graph = load_graph(args.graph or args.store)
    except (OSError, ValueError) as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    view = project(graph)
    summary = analysis.summary(view, top=args.top or None)
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(summary))
    if args.html:
        from kg.view.page import write_view

        print(f"  html     {write_view(view, args.html)}", file=sys.stderr)
    if args.gexf:
        from kg.export.gexf import write_gexf

        print(f"  gexf     {write_gexf(view, args.gexf)}", file=sys.stderr)
    if args.actors_gexf:
        from kg.export.gexf import write_actor_gexf

        print(f"  gexf     {write_actor_gexf(view, args.actors_gexf)}", file=sys.stderr)
    return 0
