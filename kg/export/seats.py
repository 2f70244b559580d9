"""The seat of a first-level unit, for ACLED's convention on events told only by their province.

ACLED codes an event whose reports name only a governorate at the governorate's capital, with
geo_precision 3, so its admin2 is the capital's district. The graph keeps what the text said
(the governorate); only events.csv follows the convention. The seat is the unit's namesake town
(«محافظة درعا» → Daraa, «محافظة البصرة» → Basra), the capital of nearly every governorate of
the theatres; a unit named otherwise (South Sinai, Salah ad Din) keeps its row as it is rather
than take a guessed capital.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from kg.graph.hierarchy import gazetteer_chain
from kg.lexicons import places_by_id
from kg.lexicons.admin_names import admin_name
from kg.lexicons.districts import district_of
from kg.lexicons.entries import PlaceEntry
from kg.lexicons.spelling import skeleton_en
from kg.lexicons.tables import CUES

SEAT_KINDS = frozenset({"city", "town"})


@dataclass(frozen=True)
class Seat:
    name: str
    lat: float
    lon: float
    admin2: str


def _admin2_of(seat: PlaceEntry, admin1: PlaceEntry) -> str:
    """The seat's second-level unit: one above it in the gazetteer, else the district its
    point falls in (the same rule the graph applies)."""
    gaz = places_by_id()
    for anc in gazetteer_chain(seat.id):
        entry = gaz[anc]
        if entry.kind == "admin2" or (entry.kind == "district" and entry.parent == admin1.id):
            return admin_name(entry.name_en or "")
    found = district_of(admin1.id, seat.lat or 0.0, seat.lon or 0.0)
    return admin_name(gaz[found].name_en or "") if found in gaz else ""


def _towns_by_admin1() -> dict[str, list[PlaceEntry]]:
    gaz = places_by_id()
    out: dict[str, list[PlaceEntry]] = defaultdict(list)
    for p in gaz.values():
        if p.kind not in SEAT_KINDS or p.lat is None or p.lon is None or not p.name_en:
            continue
        for anc in gazetteer_chain(p.id):
            if gaz[anc].kind == "admin1":
                out[anc].append(p)
                break
    return out


@cache
def unit_words() -> tuple[str, ...]:
    """The singular cue words of first-level units in cues.tsv («محافظة», «ولاية»…), each with
    the space that follows it in a unit's name."""
    return tuple(
        f"{row.cue} "
        for row in CUES.rows()
        if row.type == "place" and row.kind == "admin1" and row.number.startswith("sg")
    )


def _namesake(town: PlaceEntry, admin1: PlaceEntry, stem: str) -> bool:
    """The town the unit is named after: the same Arabic name once the unit word is gone, or
    the same English spelling skeleton («Al Başrah» / «Basra»)."""
    bare = admin1.name_ar
    for word in unit_words():
        bare = bare.removeprefix(word)
    same_ar = bool(town.name_ar) and town.name_ar == bare
    return same_ar or skeleton_en(town.name_en or "") == skeleton_en(stem)


@cache
def seats() -> dict[tuple[str, str], Seat]:
    """(ISO-3, the admin1's English name as events.csv writes it) → its seat."""
    out: dict[tuple[str, str], Seat] = {}
    towns = _towns_by_admin1()
    for a1 in places_by_id().values():
        if a1.kind != "admin1" or not a1.country or not a1.name_en or not towns.get(a1.id):
            continue
        stem = admin_name(a1.name_en)
        named = [t for t in towns[a1.id] if _namesake(t, a1, stem)]
        if not named:
            continue
        seat = max(named, key=lambda t: (t.population or 0, t.id))
        assert seat.lat is not None and seat.lon is not None and seat.name_en
        out.setdefault((a1.country, stem), Seat(seat.name_en, seat.lat, seat.lon, _admin2_of(seat, a1)))
    return out


def seat_columns(row: dict[str, str]) -> None:
    """A row located at its admin1 itself («Daraa Governorate») moves to the admin1's seat, as
    ACLED codes it: location, coordinates and admin2 of the seat, geo_precision 3."""
    if row["admin2"] or not row["admin1"] or admin_name(row["location"]) != row["admin1"]:
        return
    seat = seats().get((row["iso"], row["admin1"]))
    if seat is None:
        return
    row["location"], row["latitude"], row["longitude"] = seat.name, str(seat.lat), str(seat.lon)
    row["admin2"], row["geo_precision"] = seat.admin2, "3"
