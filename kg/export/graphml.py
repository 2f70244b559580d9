"""The graph's events, actors and places as a networkx graph, and as GraphML for Gephi/yEd.

RDF is the record of truth; network tools want plain nodes and labelled edges. The projection
keeps the instances people look at (events, actors, places) and the links between them (roles,
places, containment), read with SPARQL so it is quick on an Oxigraph store.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef

from kg.ingest.textsafe import for_file
from kg.sparql.answers import cell
from kg.sparql.local import run_query
from kg.vocab import terms as T

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_KIND_OF_CLASS: dict[URIRef, tuple[str, str]] = {
    **{cls: ("event", name) for name, cls in T.EVENT_CLASS.items()},
    **{cls: ("actor", name) for name, cls in T.ACTOR_CLASS.items()},
    T.Place: ("place", "place"),
}
_ROLE_OF_PROPERTY: dict[URIRef, str] = {
    **{prop: role for role, prop in T.ROLE_PROPERTY.items()},
    T.SEM.hasPlace: "place",
    T.within: "within",
}

_NODES = """
SELECT ?n ?cls (SAMPLE(?ar) AS ?label_ar) (SAMPLE(?en) AS ?label_en) (SAMPLE(?d) AS ?date)
       (SAMPLE(?f) AS ?fatalities) (SAMPLE(?sent) AS ?sentence) WHERE {
  VALUES ?cls { %s }
  ?n a ?cls .
  OPTIONAL { ?n rdfs:label ?ar FILTER(LANG(?ar) = "ar") }
  OPTIONAL { ?n rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?n sem:hasTimeStamp ?d }
  OPTIONAL { ?n ckg:fatalities ?f }
  OPTIONAL { ?n ckg:trigger/nif:sentence/nif:anchorOf ?sent }
} GROUP BY ?n ?cls
"""
_EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o . }
"""


def _text(value: str) -> str:
    """GraphML is XML 1.0, which cannot carry most control characters at all; terminal escapes
    and bidi overrides from article text are dropped too (`kg.ingest.textsafe`)."""
    return _XML_UNSAFE.sub(" ", for_file(value))


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Nodes keyed by IRI with kind/type/label attributes; edges keyed by role."""
    g = nx.MultiDiGraph()
    classes = " ".join(f"<{c}>" for c in _KIND_OF_CLASS)
    _, rows = run_query(graph, _NODES % classes)
    for n, cls, label_ar, label_en, date, fatalities, sentence in rows:
        kind, type_ = _KIND_OF_CLASS[cls]
        iri = str(n)
        label = cell(label_ar) or cell(label_en) or (type_ if kind == "event" else iri)
        attrs = {
            "kind": kind,
            "type": type_,
            "label": _text(label),
            "label_en": _text(cell(label_en)),
            "iri": iri,
            "date": cell(date),
            "sentence": _text(cell(sentence)),
        }
        if fatalities is not None:
            attrs["fatalities"] = int(fatalities)
        if iri in g:  # an actor typed with two kinds by two articles: keep one node
            continue
        g.add_node(iri, **attrs)
    props = " ".join(f"<{p}>" for p in _ROLE_OF_PROPERTY)
    _, rows = run_query(graph, _EDGES % props)
    for s, p, o in sorted(rows):
        if str(s) in g and str(o) in g:
            role = _ROLE_OF_PROPERTY[p]
            g.add_edge(str(s), str(o), key=role, role=role)
    return g


def write_graphml(graph: Graph, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(to_networkx(graph), p, encoding="utf-8")
    return p
