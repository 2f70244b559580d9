"""The gazetteer and the actor lexicon, loaded once per process from their tables.

Three place files are read in order (generated `places.tsv`, generated `admin2.tsv`, hand-kept
`places_curated.tsv`) and a later row replaces an earlier one of the same id, so a curated row
corrects a generated one without editing generated data. Actors gain their theatres abroad
from `actor_theatres.tsv`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from kg.lexicons.entries import ActorEntry, PlaceEntry, Theatre
from kg.lexicons.tables import ACTOR_THEATRES, ACTORS, CONTESTED, PLACE_TABLES, PLACES, ContestedRow


def parse_places(path: Path) -> list[PlaceEntry]:
    """The places of one file in the gazetteer's columns."""
    return PLACES.rows(path)


def parse_actors(path: Path) -> list[ActorEntry]:
    return ACTORS.rows(path)


def merge_places(groups: Iterable[list[PlaceEntry]]) -> list[PlaceEntry]:
    """Later files win on equal ids, so a curated row can correct a generated one."""
    merged: dict[str, PlaceEntry] = {}
    for group in groups:
        for entry in group:
            merged.pop(entry.id, None)
            merged[entry.id] = entry
    return list(merged.values())


@cache
def load_places() -> list[PlaceEntry]:
    """All places, generated then curated; parsed once per process."""
    return merge_places(t.rows() for t in PLACE_TABLES)


def with_theatres(actors: list[ActorEntry], theatres: list[Theatre]) -> list[ActorEntry]:
    """Actors with their theatres and the shared names they answer to there."""
    by_id = {t.id: t for t in theatres}
    out = []
    for a in actors:
        t = by_id.get(a.id)
        if t is not None:
            extra = tuple(n for n in t.aliases_ar if n not in a.names)
            a = replace(a, aliases_ar=a.aliases_ar + extra, theatres=t.theatres)
        out.append(a)
    return out


@cache
def load_actors() -> list[ActorEntry]:
    return with_theatres(ACTORS.rows(), ACTOR_THEATRES.rows())


@cache
def places_by_id() -> dict[str, PlaceEntry]:
    return {p.id: p for p in load_places()}


@cache
def actors_by_id() -> dict[str, ActorEntry]:
    return {a.id: a for a in load_actors()}


@cache
def _contested() -> list[ContestedRow]:
    """contested_places.tsv, read once for both views of it."""
    return CONTESTED.rows()


@cache
def load_contested() -> dict[str, frozenset[str]]:
    """Gazetteer places of no country whose claimants a report may name (by place id)."""
    return {r.id: frozenset(r.claimants) for r in _contested()}


@cache
def load_contested_units(level: str) -> dict[str, dict[str, str]]:
    """By contested place id, the `level` ("admin1" or "admin2") name it takes under each
    claimant (by ISO-3)."""
    return {r.id: dict(x.split(":", 1) for x in getattr(r, level)) for r in _contested()}
