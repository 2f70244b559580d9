"""The RDF graph as a networkx graph of events, actors and places, with what the view shows.

RDF stays the record of truth; the view, the analytics and Gephi want plain nodes with plain
attributes. Each node carries everything its tooltip needs (type, date, status, figures, the
source sentences with outlet and link, coordinates, parents), read with a handful of SPARQL
queries so the projection stays quick on an Oxigraph store with thousands of events. Values are
kept as raw text: escaping is the page's job, done where the text meets the DOM.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox
from rdflib import RDFS, Graph, Literal, URIRef

from kg.graph.store import is_oxigraph
from kg.ingest.textsafe import for_file
from kg.sparql.local import run_query
from kg.vocab import terms as T

_EVENT_TYPE = {str(cls): name for name, cls in T.EVENT_CLASS.items()}
_ACTOR_KIND = {str(cls): name for name, cls in T.ACTOR_CLASS.items()}
_ROLE = {str(prop): role for role, prop in T.ROLE_PROPERTY.items()}
_STATUS = {str(iri): name for name, iri in T.STATUS_CONCEPT.items()}
_PLACE_KIND = {str(iri): name for name, iri in T.PLACE_KIND_CONCEPT.items()}
_POINT = re.compile(r"POINT\s*\(\s*(-?[0-9.eE+-]+)\s+(-?[0-9.eE+-]+)\s*\)", re.IGNORECASE)
_WD_PREFIX = str(T.WD)
_SAFE_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def _values(iris: Iterable[URIRef | str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


class Text(str):
    """A literal's lexical form, with its language tag (or None) beside it."""

    language: str | None = None


def _text(value: str, language: str | None) -> Text:
    """A literal as the view, GraphML, GEXF and `stats` show it: article text is untrusted, so
    terminal escapes, controls and bidi overrides are dropped here, their one way in."""
    t = Text(for_file(value))
    t.language = language
    return t


def _plain(term: object) -> str | None:
    """IRIs and literals as plain strings (literals keep their language tag)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return _text(str(term), term.language)
    return str(term)


def _rows(graph: Graph, sparql: str) -> list[tuple[str | None, ...]]:
    """SELECT rows as plain strings. On an Oxigraph store the query goes straight to pyoxigraph:
    turning 45,000 rows into rdflib terms took 6 s of the 8 s a 5,000-node projection cost."""
    if is_oxigraph(graph):
        prefixes = {k: str(v) for k, v in T.PREFIXES.items()}
        result = graph.store._inner.query(sparql, prefixes=prefixes)
        names = [v.value for v in result.variables]
        out = []
        for sol in result:
            row = []
            for name in names:
                term = sol[name]
                if term is None:
                    row.append(None)
                elif isinstance(term, ox.Literal):
                    row.append(_text(term.value, term.language))
                else:
                    row.append(term.value)
            out.append(tuple(row))
        return out
    return [tuple(_plain(c) for c in row) for row in run_query(graph, sparql)[1]]


_EVENTS = """
SELECT ?e ?cls ?date ?status ?fat ?fmin ?fmax ?injured WHERE {
  VALUES ?cls { %s }
  ?e a ?cls .
  OPTIONAL { ?e sem:hasTimeStamp ?date }
  OPTIONAL { ?e ckg:status ?status }
  OPTIONAL { ?e ckg:fatalities ?fat }
  OPTIONAL { ?e ckg:fatalitiesMin ?fmin }
  OPTIONAL { ?e ckg:fatalitiesMax ?fmax }
  OPTIONAL { ?e ckg:injured ?injured }
}"""
_EVENT_SENTENCES = """
SELECT DISTINCT ?e ?a ?sent WHERE {
  VALUES ?cls { %s }
  ?e a ?cls ; gaf:denotedBy ?m .
  ?m nif:referenceContext ?a ; nif:sentence/nif:anchorOf ?sent .
}"""
_EVENT_ARTICLES = """
SELECT DISTINCT ?e ?a WHERE {
  VALUES ?cls { %s }
  ?e a ?cls ; prov:wasDerivedFrom ?a .
}"""
_ARTICLES = """
SELECT ?a ?outlet ?url ?title ?published WHERE {
  ?a a schema:NewsArticle .
  OPTIONAL { ?a schema:publisher/schema:name ?outlet }
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a schema:datePublished ?published }
}"""
_ACTORS = """
SELECT ?n ?cls ?label ?country ?same WHERE {
  VALUES ?cls { %s }
  ?n a ?cls .
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n ckg:countryCode ?country }
  OPTIONAL { ?n owl:sameAs ?same }
}"""
_PLACES = """
SELECT ?n ?label ?kind ?country ?wkt ?parent WHERE {
  ?n a ckg:Place .
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n ckg:placeKind ?kind }
  OPTIONAL { ?n ckg:countryCode ?country }
  OPTIONAL { ?n geo:hasGeometry/geo:asWKT ?wkt }
  OPTIONAL { ?n ckg:within ?parent }
}"""
_EDGES = """
SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o . }
"""


@lru_cache(maxsize=1)
def type_labels() -> dict[str, dict[str, dict[str, str]]]:
    """Arabic and English names of event types, actor kinds and places, read from the ontology
    file so the legend and tooltips say what the ontology says. Keyed by kind first: "other" is
    both an event type and an actor kind, and one flat table gave the event filter the actor's
    name ("other actor")."""
    onto = Graph().parse(T.ONTOLOGY_PATH, format="turtle")
    out: dict[str, dict[str, dict[str, str]]] = {}
    for kind, table in (("event", T.EVENT_CLASS), ("actor", T.ACTOR_CLASS), ("place", {"place": T.Place})):
        out[kind] = {}
        for name, cls in table.items():
            labels = {"ar": name, "en": name.replace("_", " ")}
            for lit in onto.objects(cls, RDFS.label):
                if isinstance(lit, Literal) and lit.language in ("ar", "en"):
                    labels[lit.language] = str(lit)
            out[kind][name] = labels
    return out


def _s(value: object) -> str:
    return "" if value is None else str(value)


def _int(value: object) -> int | None:
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def safe_url(value: str) -> str:
    """Only plain http(s) links are ever made clickable; anything else is shown as text."""
    return value if _SAFE_URL.fullmatch(value.strip() or "-") else ""


def project(graph: Graph) -> nx.MultiDiGraph:
    """Events, actors and places as nodes keyed by IRI; edges keyed by role, "place", "within".

    Node attributes: kind, type, label_ar, label_en, country(ies), counts (events, fatalities)
    and the tooltip's facts. Reports, mentions and articles are folded into the event's
    `sources` rather than drawn, since an analyst reads them, not navigates them.
    """
    g = nx.MultiDiGraph()
    _add_events(graph, g)
    _add_actors(graph, g)
    _add_places(graph, g)
    _add_edges(graph, g)
    _derive(g)
    return g


def _add_events(graph: Graph, g: nx.MultiDiGraph) -> None:
    classes = _values(T.EVENT_CLASS.values())
    rows = _rows(graph, _EVENTS % classes)
    for e, cls, date, status, fat, fmin, fmax, injured in rows:
        iri = str(e)
        if iri not in g:
            g.add_node(
                iri,
                kind="event",
                type=_EVENT_TYPE[cls],
                label_ar="",
                label_en="",
                date=_s(date),
                status=_STATUS.get(status, _s(status)),
                fatalities=_int(fat),
                fatalities_min=_int(fmin),
                fatalities_max=_int(fmax),
                injured=_int(injured),
                sources=[],
            )
            continue
        node = g.nodes[iri]  # merged events may carry two figures: keep the conservative one
        f = _int(fat)
        if f is not None and (node["fatalities"] is None or f < node["fatalities"]):
            node["fatalities"] = f
        if date is not None and (not node["date"] or _s(date) < node["date"]):
            node["date"] = _s(date)
    articles = {str(r[0]): r[1:] for r in _rows(graph, _ARTICLES)}
    sentences: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e, a, sent in _rows(graph, _EVENT_SENTENCES % classes):
        sentences[str(e), str(a)].append(" ".join(_s(sent).split()))
    for e, a in sorted(_rows(graph, _EVENT_ARTICLES % classes)):
        if str(e) not in g:
            continue
        outlet, url, title, published = articles.get(str(a), (None, None, None, None))
        g.nodes[str(e)]["sources"].append(
            {
                "article": str(a),
                "sentences": sorted(set(sentences.get((str(e), str(a)), []))),
                "outlet": _s(outlet),
                "url": safe_url(_s(url)),
                "title": _s(title),
                "published": _s(published)[:10],
            }
        )


def _add_actors(graph: Graph, g: nx.MultiDiGraph) -> None:
    rows = _rows(graph, _ACTORS % _values(T.ACTOR_CLASS.values()))
    for n, cls, label, country, same in rows:
        iri = str(n)
        if iri not in g:
            g.add_node(
                iri, kind="actor", type=_ACTOR_KIND[cls], label_ar="", label_en="",
                country="", wikidata="",
            )  # fmt: skip
        node = g.nodes[iri]
        if node["kind"] != "actor":
            continue
        _label(node, label)
        if country is not None and not node["country"]:
            node["country"] = str(country)
        if same is not None and same.startswith(_WD_PREFIX):
            node["wikidata"] = str(same)[len(_WD_PREFIX) :]


def _add_places(graph: Graph, g: nx.MultiDiGraph) -> None:
    rows = _rows(graph, _PLACES)
    for n, label, kind, country, wkt, parent in rows:
        iri = str(n)
        if iri not in g:
            g.add_node(
                iri, kind="place", type="place", place_kind="", label_ar="", label_en="",
                country="", lat=None, lon=None, parent_ids=[],
            )  # fmt: skip
        node = g.nodes[iri]
        if node["kind"] != "place":
            continue
        _label(node, label)
        if kind is not None:
            node["place_kind"] = _PLACE_KIND.get(kind, _s(kind))
        if country is not None and not node["country"]:
            node["country"] = str(country)
        m = _POINT.match(_s(wkt))
        if m and node["lat"] is None:
            node["lon"], node["lat"] = float(m.group(1)), float(m.group(2))
        if parent is not None and str(parent) not in node["parent_ids"]:
            node["parent_ids"].append(str(parent))


def _label(node: dict, label: object) -> None:
    if isinstance(label, Text):
        key = "label_en" if label.language == "en" else "label_ar"
        if not node[key]:
            node[key] = " ".join(str(label).split())


def _add_edges(graph: Graph, g: nx.MultiDiGraph) -> None:
    props = {**_ROLE, str(T.SEM.hasPlace): "place", str(T.within): "within"}
    rows = _rows(graph, _EDGES % _values(props))
    for s, p, o in sorted(rows):
        s, o = str(s), str(o)
        if s in g and o in g:
            role = props[p]
            expect = ("place", "place") if role == "within" else (
                ("event", "place") if role == "place" else ("event", "actor")
            )  # fmt: skip
            if (g.nodes[s]["kind"], g.nodes[o]["kind"]) == expect:
                g.add_edge(s, o, key=role, role=role)


def ancestors(g: nx.MultiDiGraph, place: str) -> list[str]:
    """Containing places, nearest first; a cycle in bad data stops the walk."""
    out: list[str] = []
    frontier = list(g.nodes[place].get("parent_ids", []))
    while frontier:
        p = frontier.pop(0)
        if p in out or p == place or p not in g:
            continue
        out.append(p)
        frontier += g.nodes[p].get("parent_ids", [])
    return out


def _derive(g: nx.MultiDiGraph) -> None:
    """Counts and roll-ups the page filters and sizes on, computed once here."""
    labels = type_labels()["event"]
    for n, d in g.nodes(data=True):
        if d["kind"] == "place":
            d["parents"] = ancestors(g, n)
    for n, d in g.nodes(data=True):
        if d["kind"] != "event":
            continue
        d["label_ar"] = labels[d["type"]]["ar"]
        d["label_en"] = labels[d["type"]]["en"]
        places = [o for _, o, k in g.out_edges(n, keys=True) if k == "place"]
        countries = {g.nodes[p]["country"] for p in places if g.nodes[p]["country"]}
        for p in places:
            countries |= {g.nodes[a]["country"] for a in g.nodes[p]["parents"] if g.nodes[a]["country"]}
        d["countries"] = sorted(countries)
        d["actors"] = sorted({o for _, o, k in g.out_edges(n, keys=True) if k in _ROLE.values()})
        d["places"] = sorted(set(places) | {a for p in places for a in g.nodes[p]["parents"]})
    for n, d in g.nodes(data=True):
        if d["kind"] == "event":
            continue
        if d["kind"] == "actor":  # a source tells of an event; it is not one of its parties
            events = {s for s, _, k in g.in_edges(n, keys=True) if k != "source"}
            d["reports"] = sum(1 for _, _, k in g.in_edges(n, keys=True) if k == "source")
        else:
            events = {s for s, _, k in g.in_edges(n, keys=True) if k == "place"}
            events |= {e for c in _descendants(g, n) for e, _, k in g.in_edges(c, keys=True) if k == "place"}
        d["events"] = len(events)
        d["fatalities"] = sum(g.nodes[e]["fatalities"] or 0 for e in events)


def _descendants(g: nx.MultiDiGraph, place: str) -> set[str]:
    out: set[str] = set()
    frontier = [s for s, _, k in g.in_edges(place, keys=True) if k == "within"]
    while frontier:
        c = frontier.pop()
        if c in out or c == place:
            continue
        out.add(c)
        frontier += [s for s, _, k in g.in_edges(c, keys=True) if k == "within"]
    return out
