"""Which place of the record a place lies in, its country, and its ACLED geo precision.

A gazetteer place lies in its nearest ancestor the article names; a countryside in its city;
a place found by its cue in the larger place named just before or after it. A place of no
country takes the one its container has, else the article's (contested places only a
claimant's).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.places.lexicon import PlaceLexicon
from kg.extract.places.state import PlaceDraft
from kg.extract.places.words import KIND_RANK, POINT_KINDS, WITHIN_WINDOW
from kg.lexicons import PlaceEntry, load_contested


@dataclass
class RecordIds:
    """The record's places in order and their ids, by draft key and by gazetteer entry."""

    live: list[PlaceDraft]
    ids: dict[tuple, str]
    by_entry: dict[str, str]
    by_id: dict[str, PlaceDraft]  # the draft each id was given to


def within(lx: PlaceLexicon, d: PlaceDraft, base: PlaceDraft | None, r: RecordIds) -> str | None:
    """The id of the record's place that `d` lies in, or None."""
    ids, by_entry, e = r.ids, r.by_entry, d.entry
    if d.key[0] == "rif":
        if d.key[2] is not None:
            parent = ("rif", d.key[1], None)
            if parent in ids:
                return ids[parent]
        return ids.get(d.base) if d.base else None
    if e is not None:
        seen = set()
        pid = e.parent
        while pid and pid not in seen:
            seen.add(pid)
            if pid in by_entry and by_entry[pid] != ids[d.key]:
                return by_entry[pid]
            parent_e = lx.by_id.get(pid)
            pid = parent_e.parent if parent_e else None
    if base is not None and base.key in ids and base is not d:
        return ids[base.key]
    if d.base and d.base[:1] == ("entry",):  # a governorate made from its city's entry
        return _made_from_entry(lx, d.base[1], by_entry)
    return _nearest_larger(d, e, r, _ancestors(lx, e))


def _ancestors(lx: PlaceLexicon, e: PlaceEntry | None) -> frozenset[str] | None:
    """The gazetteer ancestors of a place filed below its country, else None (nothing known)."""
    if e is None or not e.parent or e.parent == (e.country or "").lower():
        return None
    out, pid = set(), e.parent
    while pid and pid not in out:
        out.add(pid)
        parent = lx.by_id.get(pid)
        pid = parent.parent if parent else None
    return frozenset(out)


def _made_from_entry(lx: PlaceLexicon, src_id: str, by_entry: dict[str, str]) -> str | None:
    """The record's place a governorate made from its city's entry lies in: the nearest
    ancestor of that entry the article names."""
    src = lx.by_id.get(src_id)
    pid = src.parent if src else None
    while pid:
        if pid in by_entry and pid != src_id:
            return by_entry[pid]
        parent = lx.by_id.get(pid)
        pid = parent.parent if parent and parent.parent != pid else None
    return None


DISTRICTS = frozenset({"admin2", "district"})


def _foreign_district(o: PlaceDraft, ancestors: frozenset[str] | None) -> bool:
    """A gazetteer district that is not among the known ancestors of the place being placed."""
    if ancestors is None or o.entry is None:
        return False
    return o.entry.kind in DISTRICTS and o.entry.id not in ancestors


def _nearest_larger(
    d: PlaceDraft, e: PlaceEntry | None, r: RecordIds, ancestors: frozenset[str] | None
) -> str | None:
    """A place found by its cue sits in the larger place named just after or before it. A
    gazetteer place filed below its country is never put in a gazetteer district that is not
    one of its ancestors: in «مديرية حيس جنوب الحديدة» the city of Hodeidah is not within the
    district of Hays (a district ranks above a city, but a bearing is no containment). The graph
    drops such a containment anyway (`kg.graph.hierarchy.stated_within_holds`); the record and
    the learned components, which read its containment, should not state it either."""
    rank = KIND_RANK.get(d.kind, 8)
    start = d.first
    best, gap = None, WITHIN_WINDOW + 1
    # a gazetteer place of no country lies in none by nearness, a contested one only in a
    # claimant («نقل السفارة إلى القدس» told beside «تركيا» does not put Jerusalem in Turkey)
    claimants = load_contested().get(e.id, frozenset()) if e is not None and not e.country else None
    for o in r.live:
        if o is d or KIND_RANK.get(o.kind if o.entry is None else o.entry.kind, 8) >= rank:
            continue
        if claimants is not None and (o.entry.country if o.entry else o.country) not in claimants:
            continue
        if _foreign_district(o, ancestors):
            continue
        for s, _ in o.mentions:
            if abs(s - start) < gap:
                best, gap = o, abs(s - start)
    return r.ids[best.key] if best is not None else None


def container_country(within_id: str | None, r: RecordIds) -> str | None:
    """«مدينة أغاديز بالنيجر»: a town the gazetteer lacks lies in the country the text puts it
    in, before any guess from the rest of the article (a report on migrants in Libya)."""
    d = r.by_id.get(within_id) if within_id is not None else None
    if d is None:
        return None
    return d.entry.country if d.entry is not None else d.country


def guessed_country(entry: PlaceEntry | None, country: str | None) -> str | None:
    """The article's country for a place that has none of its own: a village the gazetteer
    lacks, told in a report on Syria, lies in Syria. A gazetteer place filed under no country on
    purpose is given none by guess («الشرق الأوسط» in a report from Abu Dhabi is not in the UAE;
    a sea borders several), except a contested city, which may take a claimant's
    (contested_places.tsv: Jerusalem is Israel's or Palestine's, never Turkey's)."""
    if entry is None:
        return country
    return country if country in load_contested().get(entry.id, ()) else None


def precision(kind: str, d: PlaceDraft) -> int:
    """ACLED geo_precision: 1 a named point, 2 near or part of one, 3 a region."""
    if kind in ("country", "admin1", "region") or d.key[0] == "rif":
        return 3 if d.key[0] != "rif" or d.key[2] is None else 2
    if kind in POINT_KINDS and d.plain:
        return 1
    return 2
