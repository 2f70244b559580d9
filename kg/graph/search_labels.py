"""Lookup keys for actors and places, so a query finds «داعش», "ISIS" or «ادلب» however written.

An analyst types a name as they know it: an alias («داعش» for the actor labelled «تنظيم
الدولة»), an English acronym ("ISIS"), a spelling without hamza («ادلب»). Each actor and place
node carries `skos:hiddenLabel` keys — SKOS's label for search, never shown — made by one
folding (kg.arabic.normalise.search_key) from its labels and, for lexicon entries, from every
alias the lexicons give. A saved query folds its parameter the same way and compares keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from rdflib import SKOS, Literal, URIRef

from kg.arabic.normalise import search_key
from kg.graph.store import Triple
from kg.lexicons import load_actors, load_places
from kg.lexicons.aliases import load_aliases_en


@cache
def _actor_names() -> dict[str, tuple[str, ...]]:
    english = load_aliases_en()
    out: dict[str, tuple[str, ...]] = {}
    for a in load_actors():
        out[a.id] = (*a.names, *([a.name_en] if a.name_en else []), *english.get(a.id, ()))
    return out


@cache
def _place_names() -> dict[str, tuple[str, ...]]:
    return {p.id: (*p.names, *([p.name_en] if p.name_en else [])) for p in load_places()}


def lexicon_names(kind: str, lexicon_id: str | None) -> tuple[str, ...]:
    """Every name the lexicons give an entry (`kind` is "actor" or "place")."""
    if not lexicon_id:
        return ()
    table = _actor_names() if kind == "actor" else _place_names()
    return table.get(lexicon_id, ())


def search_triples(node: URIRef, names: Iterable[str | None]) -> Iterator[Triple]:
    seen: set[str] = set()
    for name in names:
        key = search_key(name) if name else ""
        if key and key not in seen:
            seen.add(key)
            yield node, SKOS.hiddenLabel, Literal(key)
