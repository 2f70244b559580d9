"""The lexicons the components are built on, named in spaCy's registry so a config chooses them.

A factory takes its lexicons as config settings whose defaults point here
(`{"@misc": "conflict_kg.places.v1"}`), the way spaCy components take their models: a project
that wants another gazetteer or actor list registers its own function and names it in the
config (`make_nlp({"conflict_places": {"places": {"@misc": "my.places.v1"}}})`), and no
component body changes. Each function returns the loader's cached value, so building the
pipeline again costs no second parse.
"""

from __future__ import annotations

from spacy.util import registry

from kg.extract.entity_cues import Cues, load_cues
from kg.lexicons import ActorEntry, PlaceEntry, load_actors, load_places

PLACES = {"@misc": "conflict_kg.places.v1"}
ACTORS = {"@misc": "conflict_kg.actors.v1"}
ENTITY_CUES = {"@misc": "conflict_kg.entity_cues.v1"}


@registry.misc(PLACES["@misc"])
def places() -> list[PlaceEntry]:
    """The shipped gazetteer: generated places, admin2 units, then the curated rows."""
    return load_places()


@registry.misc(ACTORS["@misc"])
def actors() -> list[ActorEntry]:
    """The shipped actor lexicon with its theatres."""
    return load_actors()


@registry.misc(ENTITY_CUES["@misc"])
def entity_cues() -> Cues:
    """The shipped cue words of the entity finders (`cues.tsv`, nationalities)."""
    return load_cues()
