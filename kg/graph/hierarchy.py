"""The gazetteer's containment chain of every place a record names, as `ckg:within` triples.

A report says «حلب» and nothing more; an analyst asks for the events of Aleppo Governorate, and
events.csv needs admin1 and admin2 in English. Both come from the gazetteer, which knows that
the city lies in the governorate and the governorate in Syria. So each lexicon place of a record
is linked up its parent chain, and each ancestor the record does not name itself becomes a
place node with the gazetteer's labels, kind, country code, point and identifiers. The record's
own `within` links (what the text states) come first — a gazetteer link is added only to the top
of a record's chain, and never where it would close a cycle — except where the record puts one
gazetteer place inside another that does not contain it: that link is a guess and is dropped.
The same chains, as `place_ancestors`, tell the event matcher that a town lies in a district.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import PROV

from kg.graph import iris
from kg.graph.literals import wkt_point
from kg.graph.search_labels import search_triples
from kg.graph.store import Triple
from kg.lexicons import PlaceEntry, places_by_id
from kg.lexicons.districts import district_of
from kg.vocab import terms as T
from kg.vocab.record import ExtractionRecord, Place
from kg.vocab.terms import GEO, WD

# Kinds that partition the land, so that a place lies in one of each: the gazetteer's tree
TREE_KINDS = frozenset({"country", "admin1", "admin2", "city", "town", "village"})
MAX_DEPTH = 12  # deeper than any real chain; stops a malformed gazetteer from looping
# Kinds small enough to lie in one district (a governorate's or region's own point says nothing)
POINT_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp", "facility", "district", "road"})


def _reaches(edges: dict[URIRef, set[URIRef]], start: URIRef, goal: URIRef) -> bool:
    todo, seen = [start], {start}
    while todo:
        cur = todo.pop()
        if cur == goal:
            return True
        for nxt in edges.get(cur, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def _entry_triples(node: URIRef, entry: PlaceEntry, article: URIRef) -> Iterator[Triple]:
    yield node, RDF.type, T.Place
    yield node, PROV.wasDerivedFrom, article
    if entry.name_ar:
        yield node, RDFS.label, Literal(entry.name_ar, lang="ar")
    if entry.name_en:
        yield node, RDFS.label, Literal(entry.name_en, lang="en")
    yield from search_triples(node, (*entry.names, entry.name_en))
    kind = T.PLACE_KIND_CONCEPT.get(entry.kind, T.PLACE_KIND_CONCEPT["other"])
    yield node, T.placeKind, kind
    if entry.country:
        yield node, T.countryCode, Literal(entry.country)
    yield from point_and_ids(node, entry.lat, entry.lon, entry.geonames, entry.wikidata)


def point_and_ids(
    node: URIRef, lat: float | None, lon: float | None, geonames: str | None, wikidata: str | None
) -> Iterator[Triple]:
    """A place's point (GeoSPARQL) and its GeoNames and Wikidata identities: the same for a
    place a record names and for an ancestor the gazetteer adds."""
    if lat is not None and lon is not None:
        geom = iris.geometry_iri(node)
        yield node, GEO.hasGeometry, geom
        yield node, GEO.hasDefaultGeometry, geom
        yield geom, RDF.type, GEO.Geometry
        yield geom, GEO.asWKT, wkt_point(lon, lat)
    if geonames:
        yield node, OWL.sameAs, URIRef(f"https://sws.geonames.org/{geonames}/")
    if wikidata:
        yield node, OWL.sameAs, WD[wikidata]


def gazetteer_chain(lexicon_id: str) -> list[str]:
    """The lexicon ids above `lexicon_id` in the gazetteer, nearest first."""
    return _chain(places_by_id(), lexicon_id) if lexicon_id in places_by_id() else []


def _chain(gaz: dict[str, PlaceEntry], lexicon_id: str) -> list[str]:
    out: list[str] = []
    parent = gaz[lexicon_id].parent
    while parent is not None and parent in gaz and parent not in out and len(out) < MAX_DEPTH:
        out.append(parent)
        parent = gaz[parent].parent
    return out


def stated_within_holds(pl: Place, by_id: dict[str, Place]) -> bool:
    """False when the record puts a gazetteer place inside another gazetteer place that does
    not contain it («غزة» within the West Bank, because the text named both together), or inside
    any place of another country: the extractor guessed containment from nearness, the gazetteer
    knows it."""
    if pl.within is None:
        return True
    gaz = places_by_id()
    container = by_id[pl.within]
    stated = container.lexicon_id
    own = gaz.get(pl.lexicon_id) if pl.lexicon_id else None
    if own is not None and own.country and container.country and container.country != own.country:
        return False  # «لندن» said within a Yemeni district: a known place keeps its country
    if own is not None and stated not in gaz and container.kind in TREE_KINDS:
        # «مكة» said within a «محافظة القريات» the gazetteer lacks: it knows Makkah's province
        known = {gaz[c].kind for c in _chain(gaz, pl.lexicon_id) if c in gaz}
        return container.kind not in known
    if pl.lexicon_id not in gaz or stated not in gaz or gaz[stated].kind not in TREE_KINDS:
        return True  # regions and fronts overlap the tree: Douma is in Eastern Ghouta
    return stated in _chain(gaz, pl.lexicon_id)


def _gazetteer_path(pl: Place, by_id: dict[str, Place], gaz: dict[str, PlaceEntry]) -> list[str]:
    """The gazetteer ancestors to link `pl` through: all of them at the top of the record's
    chain; below a stated container, only those between (none if the text names another
    place the gazetteer does not know)."""
    if not pl.lexicon_id or pl.lexicon_id not in gaz:
        return []
    chain = _chain(gaz, pl.lexicon_id)
    if pl.within is None or not stated_within_holds(pl, by_id):
        return chain
    stated = by_id[pl.within].lexicon_id
    return chain[: chain.index(stated) + 1] if stated in chain else []


def _stated_edges(
    record: ExtractionRecord, place_iri: dict[str, URIRef], by_id: dict[str, Place]
) -> dict[URIRef, set[URIRef]]:
    """The record's own containment links that the graph keeps, for the cycle checks."""
    edges: dict[URIRef, set[URIRef]] = {}
    for pl in record.locations:
        if pl.within is not None and stated_within_holds(pl, by_id):
            edges.setdefault(place_iri[pl.id], set()).add(place_iri[pl.within])
    return edges


def ancestry_triples(
    record: ExtractionRecord, base: str, place_iri: dict[str, URIRef], article: URIRef
) -> Iterator[Triple]:
    """`within` links from the gazetteer for the record's places, and the ancestors' nodes."""
    gaz = places_by_id()
    by_id = {pl.id: pl for pl in record.locations}
    edges = _stated_edges(record, place_iri, by_id)
    named = set(place_iri.values())
    emitted: set[URIRef] = set()
    for pl in record.locations:
        child = place_iri[pl.id]
        for lexicon_id in _gazetteer_path(pl, by_id, gaz):
            parent = iris.lexicon_place_iri(base, lexicon_id)
            if parent == child or _reaches(edges, parent, child):
                break  # the record says otherwise; the text wins
            edges.setdefault(child, set()).add(parent)
            yield child, T.within, parent
            if parent in named:
                break  # a place the record names carries its own chain
            if parent not in emitted:
                emitted.add(parent)
                yield from _entry_triples(parent, gaz[lexicon_id], article)
            child = parent


def _is_district(entry: PlaceEntry, gaz: dict[str, PlaceEntry]) -> bool:
    parent = gaz.get(entry.parent or "")
    if entry.kind == "admin2":
        return True
    return entry.kind == "district" and parent is not None and parent.kind == "admin1"


def _district_wanted(
    pl: Place, by_id: dict[str, Place], gaz: dict[str, PlaceEntry]
) -> tuple[str, float, float] | None:
    """(governorate, lat, lon) for a place that lies in a governorate but in no known district,
    with the first point found on its way up; None when it needs none or nothing places it."""
    if pl.kind not in POINT_KINDS:
        return None
    point = (pl.lat, pl.lon) if pl.lat is not None and pl.lon is not None else None
    cur, seen = pl, {pl.id}
    while not cur.lexicon_id and cur.within in by_id and cur.within not in seen:
        seen.add(cur.within)
        cur = by_id[cur.within]
        if point is None and cur.lat is not None and cur.lon is not None:
            point = (cur.lat, cur.lon)
    if cur.lexicon_id not in gaz:
        return None
    for lexicon_id in [cur.lexicon_id, *_chain(gaz, cur.lexicon_id)]:
        entry = gaz[lexicon_id]
        if _is_district(entry, gaz):
            return None
        if entry.kind == "admin1":
            return (lexicon_id, *point) if point else None
        if point is None and entry.lat is not None and entry.lon is not None:
            point = (entry.lat, entry.lon)
    return None


def district_triples(
    record: ExtractionRecord, base: str, place_iri: dict[str, URIRef], article: URIRef
) -> Iterator[Triple]:
    """Each town, village or site of a governorate `within` its district, by the nearest of the
    district points (kg.lexicons.districts), and the district's node within the governorate."""
    gaz = places_by_id()
    by_id = {pl.id: pl for pl in record.locations}
    named = set(place_iri.values())
    edges = _stated_edges(record, place_iri, by_id)
    done: set[URIRef] = set()
    for pl in record.locations:
        wanted = _district_wanted(pl, by_id, gaz)
        district = district_of(*wanted) if wanted else None
        if district is None or district not in gaz:
            continue
        node, dnode = place_iri[pl.id], iris.lexicon_place_iri(base, district)
        if node == dnode or _reaches(edges, dnode, node):
            continue  # the record puts the district inside this place
        yield node, T.within, dnode
        if dnode not in named and dnode not in done:
            done.add(dnode)
            yield from _entry_triples(dnode, gaz[district], article)
            yield dnode, T.within, iris.lexicon_place_iri(base, wanted[0])


def place_ancestors(record: ExtractionRecord, base: str) -> dict[URIRef, dict[URIRef, str]]:
    """For each place of the record: every place that contains it, with that place's kind.

    The record's own `within` links come first, then the gazetteer's parent chain from any
    lexicon entry on the way. Cycles (an extractor can say A within B within A) are cut.
    """
    by_id = {p.id: p for p in record.locations}
    node = {p.id: iris.place_iri(base, p, record.article_id) for p in record.locations}
    gaz = places_by_id()
    out: dict[URIRef, dict[URIRef, str]] = {}
    for p in record.locations:
        up: dict[URIRef, str] = {}
        seen = {p.id}
        cur = p
        lexicon_ids: list[str] = [p.lexicon_id] if p.lexicon_id else []
        while cur.within is not None and cur.within not in seen and cur.within in by_id:
            seen.add(cur.within)
            cur = by_id[cur.within]
            up.setdefault(node[cur.id], cur.kind)
            if cur.lexicon_id:
                lexicon_ids.append(cur.lexicon_id)
        for lex in lexicon_ids:
            for parent in gazetteer_chain(lex):
                up.setdefault(iris.lexicon_place_iri(base, parent), gaz[parent].kind)
        up.pop(node[p.id], None)
        out[node[p.id]] = {**out.get(node[p.id], {}), **up}
    return out
