"""Extraction records into RDF: events, actors, places, the article and the spans behind them.

Each article's telling of an event becomes an `ckg:EventReport` holding that source's claims,
linked to the event, which carries the roll-up (the conservative death toll, min and max). With
one source per event the two agree; the cross-article merger later moves reports onto one event
and recomputes the roll-up, and undoing a merge moves them back. Every event, actor and place
points to its article (prov:wasDerivedFrom) and to the NIF spans that support it
(gaf:denotedBy), and every span to its sentence, so any fact can be traced to the words.

The emitters take a record `kg.graph.check` has passed, write every node by its final IRI
(kg.graph.iris), and put each triple in its layer as they make it: the record layer, or the
incident layer of the one event it touches (see kg.graph.merge), so nothing is sorted after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.graph import hierarchy, iris
from kg.graph.check import CheckedRecord, checked
from kg.graph.literals import date_literal, date_precision, decimal_literal, published_literal, url_term
from kg.graph.search_labels import lexicon_names, search_triples
from kg.graph.store import Triple, add_triples, new_graph
from kg.lexicons import load_actors
from kg.vocab import terms as T
from kg.vocab.record import Actor, Event, ExtractionRecord, Mention, Place
from kg.vocab.terms import DEFAULT_BASE, GAF, ITSRDF, NIF, SCHEMA, SEM, WD

# The scorer's sentence split, so "the sentence" means the same thing in the graph and the eval.
_SENTENCE = re.compile(r"[^.!?؟\n]+")


def build_graph(
    records: Iterable[ExtractionRecord],
    base: str = DEFAULT_BASE,
    graph: Graph | None = None,
    *,
    ontology: bool = True,
) -> Graph:
    """Add records to `graph` (a new Oxigraph-backed one by default) and return it.

    The ontology's own triples go in too, so the graph is self-describing: events.csv reads
    ACLED types and inter codes from it, and any triple store that loads the file can show
    Arabic labels for classes without fetching anything.
    """
    if graph is None:
        graph = new_graph()
    iris.check_base(base)
    if ontology:
        add_ontology(graph)
    for record in records:
        add_record(graph, record, base)
    return graph


def add_record(graph: Graph, record: ExtractionRecord | CheckedRecord, base: str = DEFAULT_BASE) -> None:
    """Check one record and make all its triples, then add them (a bad record adds none)."""
    layers = record_layers(checked(record), base)
    add_triples(graph, set(layers.all()))


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[Triple, ...]:
    return tuple(Graph().parse(T.ONTOLOGY_PATH, format="turtle"))


@lru_cache(maxsize=1)
def _lexicon_inter() -> dict[str, int]:
    """ACLED inter codes the actor lexicon gives (an identity militia is 4, not its kind's 3)."""
    return {a.id: a.inter for a in load_actors() if a.inter is not None}


def add_ontology(graph: Graph) -> None:
    add_triples(graph, ontology_triples())
    for prefix, ns in T.PREFIXES.items():
        graph.bind(prefix, ns, override=True)


def sentence_spans(record: ExtractionRecord) -> list[tuple[int, int]]:
    """The record's sentences, or the scorer's split of its text when the record has none."""
    if record.sentences:
        return sorted(record.sentences)
    if not record.text:
        return []
    spans = []
    for m in _SENTENCE.finditer(record.text):
        chunk = m.group()
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            spans.append((m.start() + lead, m.end() - trail))
    return spans


# --- spans -----------------------------------------------------------------------------------


# Namespace attribute lookups build a new URIRef each time; spans are the bulk of a graph.
_NIF_STRING, _NIF_BEGIN, _NIF_END = NIF.String, NIF.beginIndex, NIF.endIndex
_NIF_CONTEXT, _NIF_ANCHOR, _NIF_SENTENCE = NIF.referenceContext, NIF.anchorOf, NIF.sentence
_NIF_PHRASE, _NIF_SENTENCE_CLASS = NIF.Phrase, NIF.Sentence
_DENOTED_BY, _IDENT_REF = GAF.denotedBy, ITSRDF.taIdentRef


class _Spans:
    """Emits NIF strings for mentions and sentences, each once per record."""

    def __init__(self, record: ExtractionRecord, base: str, article: URIRef) -> None:
        self.record = record
        self.base = base
        self.article = article
        self.sentences = sentence_spans(record)
        self.done: set[URIRef] = set()

    def iri(self, start: int, end: int) -> URIRef:
        return iris.mention_iri(self.base, self.record.article_id, start, end)

    def _string(self, start: int, end: int, kind: URIRef, anchor: str | None) -> Iterator[Triple]:
        iri = self.iri(start, end)
        if iri in self.done:
            return
        self.done.add(iri)
        yield iri, RDF.type, _NIF_STRING
        yield iri, RDF.type, kind
        yield iri, _NIF_BEGIN, Literal(start, datatype=XSD.integer)
        yield iri, _NIF_END, Literal(end, datatype=XSD.integer)
        yield iri, _NIF_CONTEXT, self.article
        if anchor is not None:
            yield iri, _NIF_ANCHOR, Literal(anchor)

    def sentence_of(self, start: int) -> tuple[int, int] | None:
        for s, e in self.sentences:
            if s <= start < e:
                return s, e
        return None

    def strings(self, m: Mention) -> Iterator[Triple]:
        """The span and the sentence it lies in: record layer, whatever the span denotes."""
        text = self.record.text
        anchor = text[m.start : m.end] if text is not None else m.text
        yield from self._string(m.start, m.end, _NIF_PHRASE, anchor)
        sent = self.sentence_of(m.start)
        if sent is not None:
            s, e = sent
            yield self.iri(m.start, m.end), _NIF_SENTENCE, self.iri(s, e)
            yield from self._string(s, e, _NIF_SENTENCE_CLASS, text[s:e] if text is not None else None)

    def links(self, m: Mention, denotes: URIRef) -> Iterator[Triple]:
        """The two-way link between a span and what it denotes: that node's layer."""
        iri = self.iri(m.start, m.end)
        yield denotes, _DENOTED_BY, iri
        yield iri, _IDENT_REF, denotes

    def mention(self, m: Mention, denotes: URIRef) -> Iterator[Triple]:
        yield from self.strings(m)
        yield from self.links(m, denotes)


# --- one record ------------------------------------------------------------------------------


@dataclass
class RecordLayers:
    """A record's triples as the merger needs them: the record layer, and each event's own
    (keyed by its event IRI). Triples may repeat; graphs are sets."""

    record: list[Triple] = field(default_factory=list)
    events: dict[str, list[Triple]] = field(default_factory=dict)

    def all(self) -> Iterator[Triple]:
        yield from self.record
        for triples in self.events.values():
            yield from triples


@dataclass
class _Nodes:
    """The IRIs of one record's nodes, made once for all its emitters."""

    record: ExtractionRecord
    base: str
    article: URIRef
    outlet: URIRef | None
    spans: _Spans
    actor: dict[str, URIRef]
    place: dict[str, URIRef]
    geo_precision: dict[str, int]


def _nodes(record: ExtractionRecord, base: str) -> _Nodes:
    aid = record.article_id
    article = iris.article_iri(base, aid)
    outlet = record.meta.get("outlet")
    return _Nodes(
        record,
        base,
        article,
        iris.outlet_iri(base, str(outlet)) if outlet else None,
        _Spans(record, base, article),
        {a.id: iris.actor_iri(base, a, aid) for a in record.actors},
        {pl.id: iris.place_iri(base, pl, aid) for pl in record.locations},
        {pl.id: pl.geo_precision for pl in record.locations if pl.geo_precision is not None},
    )


def record_layers(checked_record: CheckedRecord, base: str = DEFAULT_BASE) -> RecordLayers:
    """Every triple of one checked record, each in its layer as it is made."""
    record = checked_record.record
    n = _nodes(record, base)
    layers = RecordLayers()
    out = layers.record
    out += article_triples(n)
    for a in record.actors:
        out += actor_triples(n, a)
    places_by_id = {pl.id: pl for pl in record.locations}
    for pl in record.locations:
        out += place_triples(n, pl, places_by_id)
    out += hierarchy.ancestry_triples(record, base, n.place, n.article)
    out += hierarchy.district_triples(record, base, n.place, n.article)
    for e in record.events:
        event = iris.event_iri(base, record.article_id, e.id)
        out += report_triples(n, e)
        layers.events[str(event)] = list(event_triples(n, e, event))
    return layers


def article_triples(n: _Nodes) -> Iterator[Triple]:
    """The article as a news item, a NIF context holding its text, and its outlet."""
    record, article, meta = n.record, n.article, n.record.meta
    lang = str(meta.get("language") or "ar")
    yield article, RDF.type, SCHEMA.NewsArticle
    yield article, RDF.type, NIF.Context
    yield article, RDF.type, PROV.Entity
    yield article, DCTERMS.identifier, Literal(record.article_id)
    if meta.get("title"):
        yield article, DCTERMS.title, Literal(str(meta["title"]), lang=lang)
    if meta.get("published"):
        yield article, SCHEMA.datePublished, published_literal(str(meta["published"]))
    if meta.get("url"):
        yield article, SCHEMA.url, url_term(str(meta["url"]))
    yield article, DCTERMS.language, Literal(lang)
    if n.outlet is not None:
        yield article, SCHEMA.publisher, n.outlet
        yield n.outlet, RDF.type, SCHEMA.Organization
        yield n.outlet, RDF.type, PROV.Agent
        yield n.outlet, SCHEMA.name, Literal(str(meta["outlet"]))
    if record.text is not None:
        yield article, NIF.isString, Literal(record.text)
        yield article, NIF.beginIndex, Literal(0, datatype=XSD.integer)
        yield article, NIF.endIndex, Literal(len(record.text), datatype=XSD.integer)


def _labels(node: URIRef, label_ar: str, label_en: str | None) -> Iterator[Triple]:
    if label_ar:
        yield node, RDFS.label, Literal(label_ar, lang="ar")
    if label_en:
        yield node, RDFS.label, Literal(label_en, lang="en")


def actor_triples(n: _Nodes, a: Actor) -> Iterator[Triple]:
    node = n.actor[a.id]
    yield node, RDF.type, T.ACTOR_CLASS[a.kind]
    yield from _labels(node, a.label_ar, a.label_en)
    yield from search_triples(node, (a.label_ar, a.label_en, *lexicon_names("actor", a.lexicon_id)))
    yield node, PROV.wasDerivedFrom, n.article
    if a.country:
        yield node, T.countryCode, Literal(a.country)
    if a.wikidata:
        yield node, OWL.sameAs, WD[a.wikidata]
    # the office as this article states it; a person may hold several over the years
    if a.office_ar:
        yield node, SCHEMA.jobTitle, Literal(a.office_ar, lang="ar")
    if a.office_en:
        yield node, SCHEMA.jobTitle, Literal(a.office_en, lang="en")
    inter = _lexicon_inter().get(a.lexicon_id) if a.lexicon_id else None
    if inter is not None:
        yield node, T.interCode, Literal(inter)
    for m in a.mentions:
        yield from n.spans.mention(m, node)


def place_triples(n: _Nodes, pl: Place, places_by_id: dict[str, Place]) -> Iterator[Triple]:
    node = n.place[pl.id]
    yield node, RDF.type, T.Place
    yield from _labels(node, pl.label_ar, pl.label_en)
    yield from search_triples(node, (pl.label_ar, pl.label_en, *lexicon_names("place", pl.lexicon_id)))
    yield node, T.placeKind, T.PLACE_KIND_CONCEPT[pl.kind]
    yield node, PROV.wasDerivedFrom, n.article
    if pl.country:
        yield node, T.countryCode, Literal(pl.country)
    yield from hierarchy.point_and_ids(node, pl.lat, pl.lon, pl.geonames, pl.wikidata)
    if pl.within is not None and hierarchy.stated_within_holds(pl, places_by_id):
        yield node, T.within, n.place[pl.within]
    for m in pl.mentions:
        yield from n.spans.mention(m, node)


def _has_span(m: Mention) -> bool:
    return m.end > m.start


def _event_spans(e: Event) -> list[Mention]:
    """The trigger and the mentions of an event, each span once."""
    seen: set[tuple[int, int]] = set()
    out = []
    for m in ([e.trigger] if _has_span(e.trigger) else []) + list(e.mentions):
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _geo_precision(n: _Nodes, e: Event) -> int | None:
    """ACLED's geo_precision belongs to the event's location, not the place: the finest one."""
    given = [n.geo_precision[p] for p in e.locations if p in n.geo_precision]
    return min(given) if given else None


def report_triples(n: _Nodes, e: Event) -> Iterator[Triple]:
    """One source's telling of the event (record layer): its claims and the spans it cites."""
    report = iris.report_iri(n.base, n.record.article_id, e.id)
    yield report, RDF.type, T.EventReport
    yield report, PROV.wasDerivedFrom, n.article
    if n.outlet is not None:
        yield report, PROV.wasAttributedTo, n.outlet
    yield from _claims(report, e, n)
    for m in _event_spans(e):
        yield from n.spans.strings(m)


def event_triples(n: _Nodes, e: Event, event: URIRef) -> Iterator[Triple]:
    """The event as one report tells it (its incident layer); merging rolls several up."""
    report = iris.report_iri(n.base, n.record.article_id, e.id)
    yield event, RDF.type, T.EVENT_CLASS[e.type]
    yield event, T.hasReport, report
    yield report, T.reportOf, event
    yield event, PROV.wasDerivedFrom, n.article
    if _has_span(e.trigger):
        yield event, RDFS.label, Literal(e.trigger.text, lang="ar")
    yield from _claims(event, e, n)
    if e.fatalities is not None:  # one report: the roll-up is that report's figure
        yield event, T.fatalitiesMin, Literal(e.fatalities)
        yield event, T.fatalitiesMax, Literal(e.fatalities)
    for m in _event_spans(e):
        yield from n.spans.links(m, event)


def _claims(node: URIRef, e: Event, n: _Nodes) -> Iterator[Triple]:
    """What a source says about an event; the event's roll-up says the same with one source."""
    yield node, T.status, T.STATUS_CONCEPT[e.status]
    if e.date is not None:
        yield node, SEM.hasTimeStamp, date_literal(e.date)  # type: ignore[misc]
    precision = date_precision(e.date, e.date_precision)
    yield node, T.datePrecision, T.DATE_PRECISION_CONCEPT[precision]
    if e.date_text:
        yield node, T.dateText, Literal(e.date_text, lang="ar")
    if e.fatalities is not None:
        yield node, T.fatalities, Literal(e.fatalities)
    if e.injured is not None:
        yield node, T.injured, Literal(e.injured)
    if e.confidence is not None:
        yield node, T.confidence, decimal_literal(float(e.confidence))
    geo = _geo_precision(n, e)
    if geo is not None:
        yield node, T.geoPrecision, Literal(geo)
    for ea in e.actors:
        yield node, T.ROLE_PROPERTY[ea.role], n.actor[ea.id]
    for loc in e.locations:
        yield node, SEM.hasPlace, n.place[loc]
    if e.locations:  # the extractor orders them: the incident's own place first
        yield node, T.mainPlace, n.place[e.locations[0]]
    if _has_span(e.trigger):
        yield node, T.trigger, n.spans.iri(e.trigger.start, e.trigger.end)
