"""Alias indexes over the place and actor lexicons, built once per process and list of entries."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from kg.extract.matcher import AliasIndex
from kg.lexicons import ActorEntry, PlaceEntry

IndexKey = tuple[int, int]


@lru_cache(maxsize=8)
def _place_index(entries: tuple[PlaceEntry, ...]) -> AliasIndex[PlaceEntry]:
    index: AliasIndex[PlaceEntry] = AliasIndex(keep_article=True, proclitics_only=True)
    for e in entries:
        for name in e.names:
            index.add(name, e)
    return index


@lru_cache(maxsize=8)
def _actor_index(entries: tuple[ActorEntry, ...]) -> AliasIndex[ActorEntry]:
    index: AliasIndex[ActorEntry] = AliasIndex()
    for e in entries:
        for name in e.names:
            index.add(name, e)
    return index


def place_index(entries: Sequence[PlaceEntry]) -> AliasIndex[PlaceEntry]:
    return _place_index(tuple(entries))


def actor_index(entries: Sequence[ActorEntry]) -> AliasIndex[ActorEntry]:
    return _actor_index(tuple(entries))
