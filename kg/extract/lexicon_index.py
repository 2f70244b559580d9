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


COMPOUND_HEADS = ("عبد",)


def compound_spellings(name: str) -> set[str]:
    """A name with «عبد X» written both ways: newspapers print «عبدربه» and «عبد ربه»,
    «عبدالله» and «عبد الله» for the same person."""
    words = name.split()
    out = set()
    for n, w in enumerate(words):
        for head in COMPOUND_HEADS:
            if w == head and n + 1 < len(words):
                out.add(" ".join([*words[:n], w + words[n + 1], *words[n + 2 :]]))
            elif w.startswith(head) and len(w) >= len(head) + 3 and n + 1 < len(words):
                out.add(" ".join([*words[:n], head, w[len(head) :], *words[n + 1 :]]))
    return out


@lru_cache(maxsize=8)
def _actor_index(entries: tuple[ActorEntry, ...]) -> AliasIndex[ActorEntry]:
    index: AliasIndex[ActorEntry] = AliasIndex()
    for e in entries:
        for name in e.names:
            index.add(name, e)
            if e.kind == "person":
                for variant in compound_spellings(name):
                    index.add(variant, e)
    return index


def place_index(entries: Sequence[PlaceEntry]) -> AliasIndex[PlaceEntry]:
    return _place_index(tuple(entries))


def actor_index(entries: Sequence[ActorEntry]) -> AliasIndex[ActorEntry]:
    return _actor_index(tuple(entries))
