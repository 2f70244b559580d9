"""The `conflict_places` spaCy component: every place an article names, once, with its mentions.

Three sources of places, in order of trust: the gazetteer (clitic-aware alias lookup,
`lexicon`), cue patterns for names no gazetteer holds («حي X», «قرى X وY» in `cues`, «ريف X»
in `countryside`, «مطار X», «محور X» in `facilities`), and references back («المدينة»,
«ريفها») to a place already named. Ambiguous gazetteer names («دوما», or a city and the
governorate sharing its name) are settled per article in `resolve`: a kind the article states
explicitly, then the article's country, then size; `within` puts each place in another of the
record. `finder` runs the scan over a `PlaceState` (`state`), `output` makes the record's places.
"""

from kg.extract.places.finder import PlaceFinder, make_place_finder, register_extensions
from kg.extract.places.resolve import article_country
from kg.extract.places.state import Hit, PlaceDraft, PlaceState

__all__ = [
    "Hit",
    "PlaceDraft",
    "PlaceFinder",
    "PlaceState",
    "article_country",
    "make_place_finder",
    "register_extensions",
]
