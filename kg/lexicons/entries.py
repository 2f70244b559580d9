"""A gazetteer place and a lexicon actor: the rows of places*.tsv and actors.tsv, as the extractor uses them.

Their fields are the files' columns in order (the one reader of `kg.lexicons.tsv` reads each
cell by its field's type). `aliases_ar` never repeats `name_ar`; use `entry.names` for every
written form.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NamedEntry:
    """What a place and an actor row share: the first six columns of both files."""

    id: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    name_en: str | None
    kind: str
    country: str | None

    def __post_init__(self) -> None:
        if self.name_ar in self.aliases_ar:  # a file may repeat the canonical name there
            object.__setattr__(self, "aliases_ar", tuple(a for a in self.aliases_ar if a != self.name_ar))

    @property
    def names(self) -> tuple[str, ...]:
        """Every Arabic written form, the canonical one first (none for a division known only
        in English, which sits in the hierarchy and is never read in text)."""
        return (self.name_ar, *self.aliases_ar) if self.name_ar else self.aliases_ar


@dataclass(frozen=True, slots=True)
class PlaceEntry(NamedEntry):
    parent: str | None
    lat: float | None
    lon: float | None
    geonames: str | None
    wikidata: str | None
    population: int | None


@dataclass(frozen=True, slots=True)
class ActorEntry(NamedEntry):
    wikidata: str | None
    inter: int | None
    # countries where it fights away from home: there a name other actors share («قوات
    # التحالف») means this one (from actor_theatres.tsv; not a column of actors.tsv)
    theatres: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Theatre:
    """Where an actor fights away from home, and the names it goes by there."""

    id: str
    theatres: tuple[str, ...]
    aliases_ar: tuple[str, ...]
