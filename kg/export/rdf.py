"""The graph as RDF files: Turtle (to read), N-Triples (to diff and bulk-load), JSON-LD (for the web).

On an Oxigraph-backed graph the Rust serializers write Turtle and N-Triples (about 50x faster
than rdflib's on a million triples); a plain rdflib graph uses rdflib's. N-Triples lines are
sorted, so the same graph always gives the same file and two builds can be compared with diff.
JSON-LD is compacted with the project's prefixes as its @context, by rdflib.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.graph.store import is_oxigraph, new_graph
from kg.vocab.terms import PREFIXES


def _target(path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    return p


def write_turtle(graph: Graph, path: str | Path) -> Path:
    """Turtle whose bytes depend only on the triples: written from the canonical copy."""
    p = _target(path)
    prefixes = dict(sorted((prefix, str(ns)) for prefix, ns in graph.namespaces()))
    store = _canonical_store(graph)
    store.dump(str(p), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    return p


def ntriples(graph: Graph) -> bytes:
    """Sorted N-Triples: a canonical text of a graph without blank nodes."""
    raw = graph.serialize(format="ox-ntriples" if is_oxigraph(graph) else "nt11", encoding="utf-8")
    lines = sorted(line for line in raw.split(b"\n") if line.strip())
    return b"\n".join(lines) + b"\n" if lines else b""


def _canonical_store(graph: Graph) -> ox.Store:
    """The graph's triples inserted in sorted order into a fresh in-memory Oxigraph store.

    Oxigraph writes Turtle (subjects, and the objects of `a , b , c` lists) and answers
    GROUP_CONCAT and SAMPLE in the order triples went in, and that order is not stable: triples
    come out of Python sets, whose order changes with every process's string hashing. Two builds
    of the same input then differ byte for byte. Inserted sorted (sequentially, not by the
    parallel bulk loader), the same triples always give the same store and the same files.
    """
    return _load_sorted(ox.Store(), graph)


def _load_sorted(store: ox.Store, graph: Graph) -> ox.Store:
    store.load(ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
    return store


def canonical_graph(graph: Graph) -> Graph:
    """`graph` as an rdflib graph over its canonical store (see `_canonical_store`)."""
    copy = new_graph()
    _load_sorted(copy.store.ox, graph)  # type: ignore[attr-defined]
    return copy


def write_ntriples(graph: Graph, path: str | Path) -> Path:
    p = _target(path)
    p.write_bytes(ntriples(graph))
    return p


def jsonld_context() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def write_jsonld(graph: Graph, path: str | Path) -> Path:
    p = _target(path)
    text = graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    data = json.loads(text)  # fail here, naming no file half-written, if the serializer misbehaves
    p.write_text(json.dumps(_sorted_jsonld(data), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return p


def _sorted_jsonld(node: object) -> object:
    """rdflib groups nodes and values in hash order, which changes with every process: sort the
    nodes of @graph, every array of values and every object's keys. Order within a JSON-LD
    array means nothing unless it is an @list, and this graph has no RDF lists."""
    if isinstance(node, dict):
        return {k: v if k == "@list" else _sorted_jsonld(v) for k, v in sorted(node.items())}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node
