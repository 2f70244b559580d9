"""Extraction records into RDF: events, actors, places, the article and the spans behind them.

Each article's telling of an event becomes an `ckg:EventReport` holding that source's claims,
linked to the event, which carries the roll-up (the conservative death toll, min and max). With
one source per event the two agree; the cross-article merger later moves reports onto one event
and recomputes the roll-up, and undoing a merge moves them back. Every event, actor and place
points to its article (prov:wasDerivedFrom) and to the NIF spans that support it
(gaf:denotedBy), and every span to its sentence, so any fact can be traced to the words.

A record is checked whole before any triple is added: a bad record raises `RecordError`
naming the article and the field, and leaves the graph as it was, so a batch can skip it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.graph import hierarchy, iris
from kg.graph.search_labels import lexicon_names, search_triples
from kg.graph.store import add_triples, new_graph
from kg.vocab import terms as T
from kg.vocab.record import Event, ExtractionRecord, Mention
from kg.vocab.terms import DEFAULT_BASE, GAF, GEO, ITSRDF, NIF, SCHEMA, SEM, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# The scorer's sentence split, so "the sentence" means the same thing in the graph and the eval.
_SENTENCE = re.compile(r"[^.!?؟\n]+")
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_GEONAMES = re.compile(r"[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")


class RecordError(ValueError):
    """A record the graph cannot represent faithfully; the message names article and field."""


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


def add_record(graph: Graph, record: ExtractionRecord, base: str = DEFAULT_BASE) -> None:
    """Check one record, then add all its triples in one batch (or none of them)."""
    problems = check_record(record)
    if problems:
        raise RecordError(f"record {record.article_id!r}: " + "; ".join(problems))
    add_triples(graph, set(record_triples(record, base)))


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[Triple, ...]:
    return tuple(Graph().parse(T.ONTOLOGY_PATH, format="turtle"))


@lru_cache(maxsize=1)
def _lexicon_inter() -> dict[str, int]:
    """ACLED inter codes the actor lexicon gives (an identity militia is 4, not its kind's 3)."""
    from kg.lexicons import load_actors

    return {a.id: a.inter for a in load_actors() if a.inter is not None}


def add_ontology(graph: Graph) -> None:
    add_triples(graph, ontology_triples())
    for prefix, ns in T.PREFIXES.items():
        graph.bind(prefix, ns, override=True)


# --- checking ------------------------------------------------------------------------------


def _check_mention(where: str, m: Mention, text: str | None) -> list[str]:
    if not (isinstance(m.start, int) and isinstance(m.end, int)) or not 0 <= m.start < m.end:
        return [f"{where}: mention offsets ({m.start}, {m.end}) are not 0 <= start < end"]
    if text is not None and m.end > len(text):
        return [f"{where}: mention ends at {m.end}, past the text's {len(text)} characters"]
    return []


def _meta_problems(meta: dict) -> list[str]:
    p = []
    lang = meta.get("language")
    if lang is not None and not _LANG.fullmatch(str(lang)):
        p.append(f"meta.language {lang!r} is not a language tag")
    published = meta.get("published")
    if published is not None and not _real_published(str(published)):
        p.append(f"meta.published {published!r} is not a real ISO date")
    return p


def _real_published(value: str) -> bool:
    """A day, month or year that exists, or a real ISO date-time (9999-99-99 is none of them)."""
    if date_literal(value) is not None:
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.match(r"\d{4}-\d{2}-\d{2}[T ]", value))


def _count_ok(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def check_record(record: ExtractionRecord) -> list[str]:
    """Every reason the record cannot be turned into a faithful graph (empty if none)."""
    p: list[str] = []
    text = record.text
    p += _meta_problems(record.meta)
    actor_ids = [a.id for a in record.actors]
    place_ids = [pl.id for pl in record.locations]
    event_ids = [e.id for e in record.events]
    for kind, ids in (("actor", actor_ids), ("place", place_ids), ("event", event_ids)):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            p.append(f"duplicate {kind} ids {dupes}")
    for a in record.actors:
        w = f"actor {a.id!r}"
        if a.kind not in T.ACTOR_CLASS:
            p.append(f"{w}: unknown kind {a.kind!r}")
        if a.wikidata and not _WIKIDATA.fullmatch(a.wikidata):
            p.append(f"{w}: wikidata {a.wikidata!r} is not a Q-id")
        if a.country and not _ISO3.fullmatch(a.country):
            p.append(f"{w}: country {a.country!r} is not ISO 3166 alpha-3")
        for m in a.mentions:
            p += _check_mention(w, m, text)
    for pl in record.locations:
        w = f"place {pl.id!r}"
        if pl.kind not in T.PLACE_KIND_CONCEPT:
            p.append(f"{w}: unknown kind {pl.kind!r}")
        if pl.wikidata and not _WIKIDATA.fullmatch(pl.wikidata):
            p.append(f"{w}: wikidata {pl.wikidata!r} is not a Q-id")
        if pl.geonames and not _GEONAMES.fullmatch(str(pl.geonames)):
            p.append(f"{w}: geonames {pl.geonames!r} is not a GeoNames id")
        if pl.country and not _ISO3.fullmatch(pl.country):
            p.append(f"{w}: country {pl.country!r} is not ISO 3166 alpha-3")
        if (pl.lat is None) != (pl.lon is None):
            p.append(f"{w}: has only one of lat/lon")
        elif pl.lat is not None and not (
            isinstance(pl.lat, int | float)
            and isinstance(pl.lon, int | float)
            and -90 <= pl.lat <= 90
            and -180 <= pl.lon <= 180
        ):
            p.append(f"{w}: lat/lon ({pl.lat}, {pl.lon}) out of range")
        if pl.within is not None and pl.within not in place_ids:
            p.append(f"{w}: within {pl.within!r} is not a place of this record")
        if pl.within == pl.id:
            p.append(f"{w}: is within itself")
        if pl.geo_precision is not None and pl.geo_precision not in (1, 2, 3):
            p.append(f"{w}: geo_precision {pl.geo_precision!r} is not 1, 2 or 3")
        for m in pl.mentions:
            p += _check_mention(w, m, text)
    for e in record.events:
        w = f"event {e.id!r}"
        if e.type not in T.EVENT_CLASS:
            p.append(f"{w}: unknown type {e.type!r}")
        if e.status not in T.STATUS_CONCEPT:
            p.append(f"{w}: unknown status {e.status!r}")
        if e.date_precision not in T.DATE_PRECISION_CONCEPT:
            p.append(f"{w}: unknown date_precision {e.date_precision!r}")
        if e.date is not None and date_literal(e.date) is None:
            p.append(f"{w}: date {e.date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        for name in ("fatalities", "injured"):
            if not _count_ok(getattr(e, name)):
                p.append(f"{w}: {name} {getattr(e, name)!r} is not a whole number >= 0")
        if e.confidence is not None and not (
            isinstance(e.confidence, int | float) and 0 <= e.confidence <= 1
        ):
            p.append(f"{w}: confidence {e.confidence!r} is not between 0 and 1")
        for ea in e.actors:
            if ea.role not in T.ROLE_PROPERTY:
                p.append(f"{w}: unknown role {ea.role!r}")
            if ea.id not in actor_ids:
                p.append(f"{w}: actor {ea.id!r} is not an actor of this record")
        for loc in e.locations:
            if loc not in place_ids:
                p.append(f"{w}: location {loc!r} is not a place of this record")
        if _has_span(e.trigger):
            p += _check_mention(w + " trigger", e.trigger, text)
        for m in e.mentions:
            p += _check_mention(w, m, text)
    return p


# --- literals ------------------------------------------------------------------------------


def date_literal(value: str) -> Literal | None:
    """ISO day, month or year as the matching XSD type (None if it is none of them)."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            date.fromisoformat(value + "-01")
            return Literal(value, datatype=XSD.gYearMonth)
        if re.fullmatch(r"\d{4}", value):
            return Literal(value, datatype=XSD.gYear)
    except ValueError:
        return None
    return None


_COARSENESS = ("day", "week", "month", "year", "unknown")


def date_precision(value: str | None, stated: str) -> str:
    """The stated precision, unless the date itself is coarser ("2016" cannot be day-precise)."""
    if value is None:
        return "unknown"
    written = {10: "day", 7: "month", 4: "year"}.get(len(value.strip()), "unknown")
    return max(stated, written, key=_COARSENESS.index)


def published_literal(value: str) -> Literal:
    d = date_literal(value)
    if d is not None:
        return d
    try:
        return Literal(datetime.fromisoformat(value.strip()), datatype=XSD.dateTime)
    except ValueError:
        return Literal(value)


def _decimal(value: float) -> Literal:
    """Fixed to three places so the same confidence always prints the same."""
    return Literal(Decimal(f"{value:.3f}"), datatype=XSD.decimal)


def _coord(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != 0 else "0"


def wkt_point(lon: float, lat: float) -> Literal:
    return Literal(f"POINT({_coord(lon)} {_coord(lat)})", datatype=GEO.wktLiteral)


def _url(value: str) -> URIRef | Literal:
    """A link when it is a plain http(s) URL, otherwise kept as text: never a broken IRI."""
    v = value.strip()
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", v):
        return URIRef(v)
    return Literal(v, datatype=XSD.anyURI) if v else Literal("")


def _has_span(m: Mention) -> bool:
    return m.end > m.start


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


# --- triples -------------------------------------------------------------------------------


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

    def _string(self, start: int, end: int, kind: URIRef, anchor: str | None) -> Iterator[Triple]:
        iri = iris.mention_iri(self.base, self.record.article_id, start, end)
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

    def mention(self, m: Mention, denotes: URIRef) -> Iterator[Triple]:
        """The span, its sentence and the two-way link to what it denotes."""
        iri = iris.mention_iri(self.base, self.record.article_id, m.start, m.end)
        text = self.record.text
        anchor = text[m.start : m.end] if text is not None else m.text
        yield from self._string(m.start, m.end, _NIF_PHRASE, anchor)
        yield denotes, _DENOTED_BY, iri
        yield iri, _IDENT_REF, denotes
        sent = self.sentence_of(m.start)
        if sent is not None:
            s, e = sent
            yield iri, _NIF_SENTENCE, iris.mention_iri(self.base, self.record.article_id, s, e)
            yield from self._string(s, e, _NIF_SENTENCE_CLASS, text[s:e] if text is not None else None)


def _labels(node: URIRef, label_ar: str, label_en: str | None) -> Iterator[Triple]:
    if label_ar:
        yield node, RDFS.label, Literal(label_ar, lang="ar")
    if label_en:
        yield node, RDFS.label, Literal(label_en, lang="en")


def record_triples(record: ExtractionRecord, base: str = DEFAULT_BASE) -> Iterator[Triple]:
    """All triples of one checked record (may repeat a triple; the caller dedupes)."""
    aid = record.article_id
    article = iris.article_iri(base, aid)
    spans = _Spans(record, base, article)
    meta = record.meta
    lang = str(meta.get("language") or "ar")

    yield article, RDF.type, SCHEMA.NewsArticle
    yield article, RDF.type, NIF.Context
    yield article, RDF.type, PROV.Entity
    yield article, DCTERMS.identifier, Literal(aid)
    if meta.get("title"):
        yield article, DCTERMS.title, Literal(str(meta["title"]), lang=lang)
    if meta.get("published"):
        yield article, SCHEMA.datePublished, published_literal(str(meta["published"]))
    if meta.get("url"):
        yield article, SCHEMA.url, _url(str(meta["url"]))
    yield article, DCTERMS.language, Literal(lang)
    outlet = None
    if meta.get("outlet"):
        outlet = iris.outlet_iri(base, str(meta["outlet"]))
        yield article, SCHEMA.publisher, outlet
        yield outlet, RDF.type, SCHEMA.Organization
        yield outlet, RDF.type, PROV.Agent
        yield outlet, SCHEMA.name, Literal(str(meta["outlet"]))
    if record.text is not None:
        yield article, NIF.isString, Literal(record.text)
        yield article, NIF.beginIndex, Literal(0, datatype=XSD.integer)
        yield article, NIF.endIndex, Literal(len(record.text), datatype=XSD.integer)

    actor_iri = {a.id: iris.actor_iri(base, a, aid) for a in record.actors}
    for a in record.actors:
        node = actor_iri[a.id]
        yield node, RDF.type, T.ACTOR_CLASS[a.kind]
        yield from _labels(node, a.label_ar, a.label_en)
        yield from search_triples(node, (a.label_ar, a.label_en, *lexicon_names("actor", a.lexicon_id)))
        yield node, PROV.wasDerivedFrom, article
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
            yield from spans.mention(m, node)

    place_iri = {pl.id: iris.place_iri(base, pl, aid) for pl in record.locations}
    geo_precision = {pl.id: pl.geo_precision for pl in record.locations}
    places_by_id = {pl.id: pl for pl in record.locations}
    for pl in record.locations:
        node = place_iri[pl.id]
        yield node, RDF.type, T.Place
        yield from _labels(node, pl.label_ar, pl.label_en)
        yield from search_triples(node, (pl.label_ar, pl.label_en, *lexicon_names("place", pl.lexicon_id)))
        yield node, T.placeKind, T.PLACE_KIND_CONCEPT[pl.kind]
        yield node, PROV.wasDerivedFrom, article
        if pl.country:
            yield node, T.countryCode, Literal(pl.country)
        yield from hierarchy.point_and_ids(node, pl.lat, pl.lon, pl.geonames, pl.wikidata, wkt_point)
        if pl.within is not None and hierarchy.stated_within_holds(pl, places_by_id):
            yield node, T.within, place_iri[pl.within]
        for m in pl.mentions:
            yield from spans.mention(m, node)
    yield from hierarchy.ancestry_triples(record, base, place_iri, article, wkt_point)
    yield from hierarchy.district_triples(record, base, place_iri, article, wkt_point)

    for e in record.events:
        event = iris.event_iri(base, aid, e.id)
        report = iris.report_iri(base, aid, e.id)
        yield event, RDF.type, T.EVENT_CLASS[e.type]
        yield report, RDF.type, T.EventReport
        yield event, T.hasReport, report
        yield report, T.reportOf, event
        yield event, PROV.wasDerivedFrom, article
        yield report, PROV.wasDerivedFrom, article
        if outlet is not None:
            yield report, PROV.wasAttributedTo, outlet
        if _has_span(e.trigger):
            yield event, RDFS.label, Literal(e.trigger.text, lang="ar")
        precisions = [geo_precision[p] for p in e.locations if geo_precision.get(p) is not None]
        for node in (event, report):
            yield from _claims(node, e, actor_iri, place_iri, base, aid)
            if precisions:  # ACLED's geo_precision belongs to the event's location, not the place
                yield node, T.geoPrecision, Literal(min(precisions))
        if e.fatalities is not None:  # one report: the roll-up is that report's figure
            yield event, T.fatalitiesMin, Literal(e.fatalities)
            yield event, T.fatalitiesMax, Literal(e.fatalities)
        seen = set()
        for m in ([e.trigger] if _has_span(e.trigger) else []) + list(e.mentions):
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                yield from spans.mention(m, event)


def _claims(
    node: URIRef,
    e: Event,
    actor_iri: dict[str, URIRef],
    place_iri: dict[str, URIRef],
    base: str,
    aid: str,
) -> Iterator[Triple]:
    """What a source says about an event; the event's roll-up says the same with one source."""
    yield node, T.status, T.STATUS_CONCEPT[e.status]
    if e.date is not None:
        yield node, SEM.hasTimeStamp, date_literal(e.date)
    precision = date_precision(e.date, e.date_precision)
    yield node, T.datePrecision, T.DATE_PRECISION_CONCEPT[precision]
    if e.date_text:
        yield node, T.dateText, Literal(e.date_text, lang="ar")
    if e.fatalities is not None:
        yield node, T.fatalities, Literal(e.fatalities)
    if e.injured is not None:
        yield node, T.injured, Literal(e.injured)
    if e.confidence is not None:
        yield node, T.confidence, _decimal(float(e.confidence))
    for ea in e.actors:
        yield node, T.ROLE_PROPERTY[ea.role], actor_iri[ea.id]
    for loc in e.locations:
        yield node, SEM.hasPlace, place_iri[loc]
    if _has_span(e.trigger):
        yield node, T.trigger, iris.mention_iri(base, aid, e.trigger.start, e.trigger.end)
