"""Check the lexicons before trusting them: `validate()` reads every file and lists every problem.

The extractor is only as precise as these lists: one ordinary word filed as a village name puts
a false place in every article. So besides reading every file of kg/lexicons through its schema
(`kg.lexicons.tables.SCHEMAS`; a file with no schema is a problem), this finds the mistakes a
reviewer misses: dangling parents, malformed ids, stoplisted words used as names, one alias
claimed by two actors, references to places or actors that do not exist.

Only validation needs pycountry; the extractor never imports this module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycountry

from kg.arabic.normalise import norm
from kg.lexicons.aliases import validate_aliases_en
from kg.lexicons.entries import ActorEntry, PlaceEntry, Theatre
from kg.lexicons.gazetteer import merge_places
from kg.lexicons.tables import (
    ACTOR_ALIASES_EN,
    ACTOR_THEATRES,
    ACTORS,
    ADMIN2_POINTS,
    CONTESTED,
    CONTEXT_ONLY,
    PLACE_TABLES,
    SCHEMAS,
)
from kg.lexicons.tsv import HERE, LexiconError, Table
from kg.lexicons.words import load_common_words, load_context_only, load_stoplist
from kg.vocab.record import ACTOR_KINDS, PLACE_KINDS

PLACES_FILES: tuple[Path, ...] = tuple(t.path for t in PLACE_TABLES)
COUNTRY_RE = re.compile(r"[A-Z]{3}")
WIKIDATA_RE = re.compile(r"Q[1-9]\d*")
GEONAMES_RE = re.compile(r"[1-9]\d*")
ID_RE = re.compile(r"[a-z0-9][a-z0-9_.:\-]*")
MIN_ALIAS_LETTERS = 3
DATA_SUFFIXES = (".tsv", ".txt")
# read and checked entry by entry below, so the every-file pass leaves them out
ENTRY_TABLES = frozenset(t.file for t in (*PLACE_TABLES, ACTORS, ACTOR_THEATRES, ACTOR_ALIASES_EN))


def _country_ok(code: str | None) -> bool:
    return code is None or (len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None)


def _letters(s: str) -> int:
    return sum(ch.isalpha() for ch in s)


def _common_word_aliases(entry: PlaceEntry | ActorEntry, where: str) -> Iterator[str]:
    common = load_common_words() - load_context_only()
    for name in entry.names:
        key = norm(name)
        if " " not in key and key in common:
            yield (
                f"{where}: {entry.id}: alias {name!r} is a common word; spell it with its head "
                f"noun («بلدة {name}», «قوات {name}») or list it in {CONTEXT_ONLY.file}"
            )


def _check_common(entry: PlaceEntry | ActorEntry, kinds: tuple[str, ...], where: str) -> Iterator[str]:
    if not ID_RE.fullmatch(entry.id):
        yield f"{where}: id {entry.id!r} is not a lower-case slug"
    english_only = isinstance(entry, PlaceEntry) and entry.kind in ("admin1", "admin2") and entry.name_en
    if not entry.name_ar and not english_only:
        yield f"{where}: {entry.id}: empty name_ar"
    if entry.kind not in kinds:
        yield f"{where}: {entry.id}: unknown kind {entry.kind!r}"
    if not _country_ok(entry.country):
        yield f"{where}: {entry.id}: {entry.country!r} is not an ISO 3166-1 alpha-3 code"
    if entry.wikidata is not None and not WIKIDATA_RE.fullmatch(entry.wikidata):
        yield f"{where}: {entry.id}: {entry.wikidata!r} is not a Wikidata id (Q123)"
    for name in entry.names:
        if _letters(name) < MIN_ALIAS_LETTERS and not name.isupper():
            yield f"{where}: {entry.id}: alias {name!r} is shorter than {MIN_ALIAS_LETTERS} letters"
        if any(ch in name for ch in "\t\r\n|"):
            yield f"{where}: {entry.id}: alias {name!r} holds a separator"
    yield from _common_word_aliases(entry, where)


def _duplicate_ids(entries: Iterable[PlaceEntry | ActorEntry], where: str) -> Iterator[str]:
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            yield f"{where}: duplicate id {e.id!r}"
        seen.add(e.id)


def _check_place(p: PlaceEntry, ids: set[str], stop: frozenset[str], where: str) -> Iterator[str]:
    yield from _check_common(p, PLACE_KINDS, where)
    if p.geonames is not None and not GEONAMES_RE.fullmatch(p.geonames):
        yield f"{where}: {p.id}: {p.geonames!r} is not a GeoNames id (digits)"
    if p.parent is not None and p.parent not in ids:
        yield f"{where}: {p.id}: parent {p.parent!r} does not exist"
    if p.parent == p.id:
        yield f"{where}: {p.id}: is its own parent"
    if (p.lat is None) != (p.lon is None):
        yield f"{where}: {p.id}: lat and lon must be given together"
    if p.lat is not None and not (math.isfinite(p.lat) and -90 <= p.lat <= 90):
        yield f"{where}: {p.id}: lat {p.lat} out of range"
    if p.lon is not None and not (math.isfinite(p.lon) and -180 <= p.lon <= 180):
        yield f"{where}: {p.id}: lon {p.lon} out of range"
    if p.population is not None and p.population < 0:
        yield f"{where}: {p.id}: negative population"
    for name in p.names:
        if norm(name) in stop:
            yield f"{where}: {p.id}: alias {name!r} is a stoplisted common word"


def validate_places(places: list[PlaceEntry], where: str = "places") -> list[str]:
    problems = list(_duplicate_ids(places, where))
    ids = {p.id for p in places}
    stop = load_stoplist()
    for p in places:
        problems.extend(_check_place(p, ids, stop, where))
    problems.extend(_parent_cycles(places, where))
    return problems


def _parent_cycles(places: list[PlaceEntry], where: str) -> Iterator[str]:
    parent = {p.id: p.parent for p in places}
    for start in parent:
        seen = {start}
        node = parent.get(start)
        while node is not None and node in parent:
            if node in seen:
                yield f"{where}: {start}: parent chain loops through {node!r}"
                break
            seen.add(node)
            node = parent[node]


def validate_actors(actors: list[ActorEntry], where: str = "actors") -> list[str]:
    problems = list(_duplicate_ids(actors, where))
    owner: dict[str, str] = {}
    country_of = {a.id: a.country for a in actors}
    for a in actors:
        problems.extend(_check_common(a, ACTOR_KINDS, where))
        if a.inter is not None and not 1 <= a.inter <= 8:
            problems.append(f"{where}: {a.id}: ACLED inter code {a.inter} not in 1..8")
        for name in {norm(n) for n in a.names}:
            other = owner.setdefault(name, a.id)
            # one name for each country's own body («الدفاع المدني»): the article's country picks
            shared = a.country is not None and country_of.get(other) not in (None, a.country)
            if other != a.id and not shared:
                problems.append(f"{where}: alias {name!r} is on both {other!r} and {a.id!r}")
    return problems


def validate_theatres(theatres: list[tuple[int, Theatre]], actors: list[ActorEntry], where: str) -> list[str]:
    """Each row names a known actor, countries as ISO codes, and only names shared with another
    actor that has a theatre (a name nobody else has belongs in actors.tsv)."""
    problems: list[str] = []
    known = {a.id for a in actors}
    sharers: dict[str, set[str]] = {}
    for line, t in theatres:
        if t.id not in known:
            problems.append(f"{where}:{line}: no actor {t.id!r} in actors.tsv")
        if not t.theatres:
            problems.append(f"{where}:{line}: {t.id}: no theatre countries")
        for c in t.theatres:
            if not COUNTRY_RE.fullmatch(c):
                problems.append(f"{where}:{line}: {t.id}: {c!r} is not an ISO 3166 alpha-3 code")
        for n in t.aliases_ar:
            sharers.setdefault(n, set()).add(t.id)
    for line, t in theatres:
        alone = sorted(n for n in t.aliases_ar if sharers[n] == {t.id})
        if alone:
            problems.append(f"{where}:{line}: {t.id}: {alone} shared with no other actor")
    return problems


def _stale_context_words(places: list[PlaceEntry], actors: list[ActorEntry]) -> Iterator[str]:
    """A context-only word that names nothing is a typo or a leftover."""
    known = {norm(n) for e in (*places, *actors) for n in e.names}
    for word in sorted(load_context_only() - known):
        yield f"{CONTEXT_ONLY.file}: {word!r} is no place or actor alias"


def _read_places(places_files: Iterable[Path]) -> tuple[list[PlaceEntry], list[str]]:
    """The merged places, and each file's read errors and duplicate ids (merging hides them)."""
    problems: list[str] = []
    groups: list[list[PlaceEntry]] = []
    for path in places_files:
        try:
            group = PLACE_TABLES[0].rows(path)
        except LexiconError as exc:
            problems.append(str(exc))
            continue
        problems.extend(_duplicate_ids(group, str(path)))
        groups.append(group)
    return merge_places(groups), problems


def _read_actors(actors_file: Path, theatres_file: Path) -> tuple[list[ActorEntry], list[str]]:
    actors: list[ActorEntry] = []
    problems: list[str] = []
    try:
        actors = ACTORS.rows(actors_file)
        problems.extend(validate_actors(actors, str(actors_file)))
    except LexiconError as exc:
        problems.append(str(exc))
    try:
        theatres = list(ACTOR_THEATRES.numbered(theatres_file))
        problems.extend(validate_theatres(theatres, actors, str(theatres_file)))
    except LexiconError as exc:
        problems.append(str(exc))
    return actors, problems


def validate_files(root: Path = HERE) -> list[str]:
    """Every data file of `root` has a schema and reads cleanly through it (the place and actor
    tables are read entry by entry in `validate`); every file the schemas name is there."""
    problems: list[str] = []
    present = {p.name for p in root.iterdir() if p.suffix in DATA_SUFFIXES}
    for name in sorted(present - SCHEMAS.keys()):
        problems.append(f"{root / name}: no schema: declare its columns in kg/lexicons/tables.py (SCHEMAS)")
    for name, schema in sorted(SCHEMAS.items()):
        if name not in present:
            if not schema.optional:
                problems.append(f"{root / name}: missing")
            continue
        if name in ENTRY_TABLES:
            continue
        try:
            schema.rows(root / name) if isinstance(schema, Table) else schema.words(root / name)
        except LexiconError as exc:
            problems.append(str(exc))
    return problems


def validate_references(places: list[PlaceEntry], root: Path = HERE) -> Iterator[str]:
    """Rows of the smaller tables that name a place: the place exists (and, for a district
    point, has the governorate the point is filed under); claimants are ISO codes."""
    parent = {p.id: p.parent for p in places}
    points, contested = root / ADMIN2_POINTS.file, root / CONTESTED.file
    try:
        for no, point in ADMIN2_POINTS.numbered(points):
            if parent.get(point.admin2) is None:
                yield f"{points}:{no}: {point.admin2!r} is no place with a parent"
        for no, c in CONTESTED.numbered(contested):
            if c.id not in parent:
                yield f"{contested}:{no}: no place {c.id!r}"
            for code in (*c.claimants, *(x.split(":", 1)[0] for x in c.admin1)):
                if not COUNTRY_RE.fullmatch(code) or not _country_ok(code):
                    yield f"{contested}:{no}: {c.id}: {code!r} is not an ISO 3166-1 alpha-3 code"
    except LexiconError:
        return  # reported by validate_files


def validate(
    places_files: Iterable[Path] = PLACES_FILES,
    actors_file: Path = ACTORS.path,
    theatres_file: Path = ACTOR_THEATRES.path,
    aliases_file: Path | None = None,
    root: Path = HERE,
) -> list[str]:
    """Every problem found in the lexicon files; an empty list means they can be trusted.

    The places, actors and theatres checked are the files given (the shipped ones by default);
    every other file of `root` is read through its schema, and checked against the places
    when they are `root`'s. The English aliases are checked
    against the actors given: by default the shipped ones only when the shipped actors are (a
    test's own actors have no aliases file)."""
    places_files = tuple(places_files)
    places, problems = _read_places(places_files)
    problems.extend(validate_places(places, "places"))
    actors, actor_problems = _read_actors(actors_file, theatres_file)
    problems.extend(actor_problems)
    problems.extend(_stale_context_words(places, actors))
    if aliases_file is None and actors_file == ACTORS.path:
        aliases_file = ACTOR_ALIASES_EN.path
    if aliases_file is not None:
        problems.extend(validate_aliases_en(aliases_file, {a.id for a in actors}))
    problems.extend(validate_files(root))
    if places_files == tuple(root / t.file for t in PLACE_TABLES):  # the references are to these
        problems.extend(validate_references(places, root))
    return problems
