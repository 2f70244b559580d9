"""The graph as RDF files: Turtle (to read), N-Triples (to diff and bulk-load), JSON-LD (for the web).

On an Oxigraph-backed graph the Rust serializers write Turtle and N-Triples (about 50x faster
than rdflib's on a million triples); a plain rdflib graph uses rdflib's. N-Triples lines are
sorted, so the same graph always gives the same file and two builds can be compared with diff.
JSON-LD is compacted with the project's prefixes as its @context, by rdflib.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from kg.graph.store import is_oxigraph
from kg.terms import PREFIXES


def _target(path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def write_turtle(graph: Graph, path: str | Path) -> Path:
    p = _target(path)
    graph.serialize(str(p), format="ox-turtle" if is_oxigraph(graph) else "turtle", encoding="utf-8")
    return p


def ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples: a canonical text of a graph without blank nodes."""
    raw = graph.serialize(format="ox-ntriples" if is_oxigraph(graph) else "nt11", encoding="utf-8")
    lines = sorted(line for line in raw.split(b"\n") if line.strip())
    return b"\n".join(lines) + b"\n" if lines else b""


def write_ntriples(graph: Graph, path: str | Path) -> Path:
    p = _target(path)
    p.write_bytes(ntriples(graph))
    return p


def jsonld_context() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def write_jsonld(graph: Graph, path: str | Path) -> Path:
    p = _target(path)
    text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    json.loads(text)  # fail here, naming no file half-written, if the serializer misbehaves
    p.write_text(text, encoding="utf-8")
    return p
