"""Where one article's report of an event says it happened, as far as cross-article matching asks.

Besides the place nodes and their containment (kg.graph.report_features), matching needs three
facts: the most precise place the report gives that has a point (two reports whose most precise
places are far apart are two incidents), the folded names of its places (one village spelt two
ways), and the countries it lies in (a report that names only a country can still meet a report
of a town in it, on strong other evidence). All come from the record's own places and, for a
place the gazetteer knows, the gazetteer's point and country: never from other articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from kg.arabic.normalise import search_key
from kg.graph.hierarchy import gazetteer_chain
from kg.lexicons import places_by_id
from kg.vocab.record import Event, ExtractionRecord, Place

# Kinds whose point says where an incident happened; a governorate's or country's centre does not.
POINT_KINDS = frozenset(
    {"admin2", "district", "city", "town", "village", "neighbourhood", "camp", "facility", "road", "other"}
)


class Point(NamedTuple):
    place: str  # the place node's IRI
    lat: float
    lon: float
    kind: str
    country: str | None  # ISO 3166-1 alpha-3


@dataclass(frozen=True, slots=True)
class EventPlaces:
    primary: Point | None
    names: tuple[tuple[str, str], ...]
    countries: frozenset[str]
    country_only: bool
    container_names: frozenset[str] = frozenset()


def _point(p: Place) -> tuple[float, float] | None:
    if p.lat is not None and p.lon is not None:
        return p.lat, p.lon
    entry = places_by_id().get(p.lexicon_id) if p.lexicon_id else None
    if entry is not None and entry.lat is not None and entry.lon is not None:
        return entry.lat, entry.lon
    return None


def _country(p: Place) -> str | None:
    if p.country:
        return p.country
    entry = places_by_id().get(p.lexicon_id) if p.lexicon_id else None
    return entry.country if entry is not None else None


def _container_names(p: Place, by_id: dict[str, Place]) -> frozenset[str]:
    """Folded names (and aliases) of the places holding `p`, as the record and the gazetteer
    chain give them: «غزة» named beside Khan Younis may be the Strip that holds it, not the city."""
    names: set[str] = set()
    seen: set[str] = set()
    up = by_id.get(p.within) if p.within else None
    while up is not None and up.id not in seen:
        seen.add(up.id)
        names.add(search_key(up.label_ar))
        up = by_id.get(up.within) if up.within else None
    gaz = places_by_id()
    for lex in gazetteer_chain(p.lexicon_id) if p.lexicon_id else ():
        entry = gaz.get(lex)
        if entry is not None:
            names.update(search_key(n) for n in (entry.name_ar, *entry.aliases_ar))
    return frozenset(n for n in names if n)


def _nearness(p: Place, told: list[int]) -> int:
    """Characters between the place's nearest mention and the nearest telling of the event."""
    gaps = [abs(m.start - t) for m in p.mentions for t in told]
    return min(gaps) if gaps else 1 << 30


def event_places(
    record: ExtractionRecord, e: Event, place_iri: dict[str, str], specific: Iterable[str]
) -> EventPlaces:
    """The report's primary point, place names and countries. `specific` are the IRIs of the
    places no other place of the event lies within; the primary is the one of them, with a point
    of a kind small enough to place an incident, named nearest to where the text tells the
    event (then the most often named, then the first): «قصف شرق خان يونس ... في غزة» is at
    Khan Younis, while a place named in passing further off is not where it happened."""
    by_id = {p.id: p for p in record.locations}
    chosen = set(specific)
    places = [by_id[pid] for pid in dict.fromkeys(e.locations) if pid in by_id]
    own = [p for p in places if place_iri[p.id] in chosen]
    primary = None
    told = [m.start for m in (e.trigger, *e.mentions)]
    best: tuple[int, int, int] | None = None
    held_by: frozenset[str] = frozenset()
    for order, p in enumerate(own):
        pt = _point(p) if p.kind in POINT_KINDS else None
        if pt is None:
            continue
        rank = (_nearness(p, told), -len(p.mentions), order)
        if best is None or rank < best:
            best = rank
            primary = Point(place_iri[p.id], pt[0], pt[1], p.kind, _country(p))
            held_by = _container_names(p, by_id)
    names = tuple(sorted({(place_iri[p.id], search_key(p.label_ar)) for p in own if p.kind != "country"}))
    countries = frozenset(c for c in map(_country, places) if c)
    country_only = bool(own) and all(p.kind == "country" for p in own)
    return EventPlaces(primary, names, countries, country_only, held_by)
