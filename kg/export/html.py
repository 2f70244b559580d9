"""A plain, offline HTML view of the graph: events, actors and places, edges labelled by role.

Everything shown comes from article text, which is untrusted: every label and tooltip is
HTML-escaped before it reaches pyvis, whose tooltips render HTML and whose data sits inside a
<script> block (an unescaped "</script>" in a name would end it). The vis.js library is inlined
(`cdn_resources="in_line"`) so the file opens without a network.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from kg.export.graphml import to_networkx
from kg.view.page import write_view

COLOURS = {"event": "#d62728", "actor": "#1f77b4", "place": "#2ca02c"}
SHAPES = {"event": "diamond", "actor": "dot", "place": "square"}


def _tooltip(attrs: dict[str, object]) -> str:
    parts = [f"{attrs['kind']}: {attrs['type']}", str(attrs["label"])]
    if attrs.get("label_en"):
        parts.append(str(attrs["label_en"]))
    if attrs.get("date"):
        parts.append(f"date: {attrs['date']}")
    if attrs.get("fatalities") is not None:
        parts.append(f"fatalities: {attrs['fatalities']}")
    if attrs.get("sentence"):
        parts.append(f"«{attrs['sentence']}»")
    parts.append(str(attrs["iri"]))
    return "\n".join(html.escape(p) for p in parts)


MAX_EVENTS = 1500  # beyond this a force layout in a browser stops being readable or quick


def _keep_readable(g: nx.MultiDiGraph, max_events: int) -> nx.MultiDiGraph:
    """The deadliest `max_events` events (ties by IRI) with their actors and places."""
    events = [n for n, d in g.nodes(data=True) if d["kind"] == "event"]
    if len(events) <= max_events:
        return g
    events.sort(key=lambda n: (-int(g.nodes[n].get("fatalities", 0)), n))
    keep = set(events[:max_events])
    for e in list(keep):
        keep.update(g.successors(e))
    return g.subgraph(keep).copy()


def build_network(graph: Graph, max_events: int = MAX_EVENTS) -> Network:
    g = _keep_readable(to_networkx(graph), max_events)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in sorted(g.nodes(data=True)):
        kind = str(attrs["kind"])
        net.add_node(
            node,
            label=html.escape(str(attrs["label"])),
            title=_tooltip(attrs),
            color=COLOURS[kind],
            shape=SHAPES[kind],
            group=kind,
        )
    for s, o, role in sorted(g.edges(keys=True)):
        net.add_edge(s, o, label=html.escape(role), title=html.escape(role), arrows="to")
    return net


# pyvis links Bootstrap from a CDN even with in-line resources; the network view does not use it.
_CDN_TAG = re.compile(r'<(?:script|link)[^>]*(?:src|href)="https?://[^"]*"[^>]*>(?:</script>)?\n?')


def render_html(graph: Graph, max_events: int = MAX_EVENTS) -> str:
    """The page as text, with no reference to anything online."""
    page = build_network(graph, max_events).generate_html(notebook=False)
    return _CDN_TAG.sub("", page)


def write_html(graph: Graph, path: str | Path, max_events: int = MAX_EVENTS) -> Path:
    """The interactive view (kg.view.page): filters, search, actor network, map."""
    return write_view(graph, path, max_events=max_events)
