"""Kinds, cue rules and word-shape tests the place rules share."""

from __future__ import annotations

from collections.abc import Sequence

from kg.arabic.clitics import without_conjunction
from kg.extract.matcher import Tok
from kg.extract.phrases import function_words

KIND_RANK = {
    "country": 0, "admin1": 1, "region": 2, "admin2": 2, "district": 3, "city": 4, "town": 5,
    "village": 6, "neighbourhood": 7, "camp": 7, "facility": 8, "road": 8, "front": 8, "other": 8,
}  # fmt: skip
# a cue kind accepts gazetteer entries of these kinds («بلدة X» may be filed as a village)
CUE_ACCEPTS = {
    "neighbourhood": {"neighbourhood", "district", "town", "village", "other"},
    "village": {"village", "town"},
    "town": {"town", "village", "city"},
    "city": {"city", "town"},
    "admin1": {"admin1", "region"},
    "district": {"district", "admin2", "town", "city", "village"},
    "region": {"region", "district", "admin2", "other", "town", "village", "city", "admin1"},
    "camp": {"camp"},
}
POINT_KINDS = {"city", "town", "village", "neighbourhood", "camp", "facility"}
ANAPHOR_KINDS = {  # what a referring noun may point back to
    "city": {"city", "town"},
    "town": {"town", "village", "city"},
    "village": {"village", "town"},
    "country": {"country"},
    "admin1": {"admin1"},
    "region": {"region"},
    "neighbourhood": {"neighbourhood"},
    "camp": {"camp"},
    "district": {"district", "admin2"},
    "facility": {"facility"},
}
NISBA_ENDINGS = ("ي", "يه", "يين", "يون")  # an indefinite word ending so is an adjective
CUE_TYPES = frozenset({"countryside", "place", "facility"})
SMALL_CITY = 200_000
# cue kinds whose complement is only sometimes a place name («محور الارتكاز», «طريق سريع»)
WEAK_CUE_KINDS = frozenset({"front", "road"})
NEAR_WINDOW = 3  # a direction word makes the place starting within this many tokens approximate
IDIOMS = function_words("not_place_phrase")  # «مسقط رأس»: a phrase, not a place
HOT_CACHE = 30_000  # words remembered as able (or not) to start a place; bounded so memory stays flat
WITHIN_WINDOW = 8


def past_verb_with_t(n: str) -> bool:
    """«التحمت», «انسحبت»: a derived-form verb in the feminine past, which looks definite."""
    return len(n) >= 6 and n.endswith("ت") and n[-2] != "ا" and n.startswith(("الت", "ان", "است"))


def verb_shaped(n: str) -> bool:
    """«توقفت», «تعرضت», «قتلوا», «يسيطر»: an inflected verb, not a name after a cue."""
    return (
        (n.endswith("ت") and n[:1] in "تاي" and len(n) >= 4)
        or n.endswith("وا")
        or (n[:1] in "يت" and n.endswith("ون"))
    )


def kind_class(kind: str) -> str:
    return {"town": "village", "village": "village", "city": "city"}.get(kind, kind)


def name_key(toks: Sequence[Tok], s: int, e: int, joined: bool) -> tuple[str, ...]:
    words = []
    for k in range(s, e):
        n = toks[k].norm
        if k == s and joined:
            n = without_conjunction(n)
        if toks[k].is_word:
            words.append(n)
    return tuple(words)
