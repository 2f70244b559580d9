"""The scan: one pass over an article's tokens for gazetteer names, cue words, direction
words and referring nouns, then the passes that need the whole article (names recurring, the
article's country, resolving the hits, the referring nouns, countries named with a direction).

Most words start no place, actor or cue; one dict lookup per word form says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.entity_cues import Cues, load_cues
from kg.extract.lexicon_choices import ACTORS, ENTITY_CUES, PLACES
from kg.extract.matcher import Match, Tok, doc_tokens
from kg.extract.names import OUTLET_LEADS, addressed_outlet
from kg.extract.places.countryside import part_of_hit
from kg.extract.places.cues import anaphors, cue_at, cued, known_again
from kg.extract.places.lexicon import PlaceLexicon, lexicon_at, not_a_place_phrase
from kg.extract.places.output import finish
from kg.extract.places.resolve import article_country, country_in_region, resolve
from kg.extract.places.state import Hit, PlaceState
from kg.extract.places.words import CUE_TYPES, HOT_CACHE, NEAR_WINDOW
from kg.lexicons import ActorEntry, PlaceEntry

Pass = Callable[[PlaceState], None]
# the passes after the scan, by name, in order; the article's country and the resolution of
# the hits to gazetteer entries run between the two groups and cannot be switched off
BEFORE_RESOLVE: tuple[tuple[str, Pass], ...] = (("known_again", known_again),)
AFTER_RESOLVE: tuple[tuple[str, Pass], ...] = (
    ("anaphors", anaphors),
    ("country_in_region", country_in_region),
)


def passes_on(off: Iterable[str]) -> tuple[tuple[Pass, ...], tuple[Pass, ...]]:
    """The passes not named in `off`; a name that is no pass is an error."""
    off = frozenset(off)
    names = [n for n, _p in (*BEFORE_RESOLVE, *AFTER_RESOLVE)]
    unknown = off - set(names)
    if unknown:
        raise ValueError(f"no place pass named {', '.join(sorted(unknown))} (one of {', '.join(names)})")
    return (
        tuple(p for n, p in BEFORE_RESOLVE if n not in off),
        tuple(p for n, p in AFTER_RESOLVE if n not in off),
    )


class PlaceFinder:
    """Finds places in a doc; holds the indexes so a pipeline builds them once."""

    def __init__(
        self,
        places: Sequence[PlaceEntry],
        actors: Sequence[ActorEntry],
        cues: Cues | None = None,
        off: Iterable[str] = (),
    ) -> None:
        self.lx = PlaceLexicon(places, actors, cues or load_cues())
        self.before, self.after = passes_on(off)
        self._hot: dict[str, bool] = {}
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        st = PlaceState(lx=self.lx, doc=doc, toks=doc_tokens(doc))
        self._scan(st)
        for step in self.before:
            step(st)
        st.country = article_country(st.hits, st.drafts)
        resolve(st)
        for step in self.after:
            step(st)
        doc._.places = finish(st)
        doc._.country = st.country
        return doc

    def _scan(self, st: PlaceState) -> None:
        toks, lx = st.toks, self.lx
        near_until = -1
        i = 0
        hot = self._hot
        while i < len(toks):
            tok = toks[i]
            if tok.norm in OUTLET_LEADS and (out := addressed_outlet(toks, i, lx.actors)) is not None:
                st.blocked[i] = out[2]  # «لـ"الرياض"»: the newspaper a source spoke to
                i = out[2]
                continue
            if not tok.is_word or not hot.get(tok.norm, True) or not self._is_hot(tok):
                i += 1  # most words start no place, actor or cue: one dict lookup says so
                continue
            types = lx.cues.types_of(tok.norm)
            skip = not_a_place_phrase(lx, toks, i, types)
            if skip is not None:
                st.blocked[i] = skip
                i = skip
                continue
            precise = i > near_until
            lex = lexicon_at(lx, toks, i)
            if lex is None and not types:
                i += 1
                continue
            cue = cue_at(st, i) if types & CUE_TYPES else None
            if lex is not None or cue is not None:
                near_until = -1  # a direction word qualifies the first place after it only
            if lex is not None and (cue is None or lex.end - lex.start > cue[1] - i):
                i = _gazetteer_hit(st, i, lex, precise)
            elif cue is not None:
                i = cued(st, i, cue, precise)
            else:
                i, near_until = _direction_or_anaphor(st, i, types, near_until)

    def _is_hot(self, tok: Tok) -> bool:
        hot = self._hot.get(tok.norm)
        if hot is None:
            lx = self.lx
            hot = bool(lx.cues.types_of(tok.norm)) or lx.index.may_start(tok) or lx.actors.may_start(tok)
            if len(self._hot) < HOT_CACHE:
                self._hot[tok.norm] = hot
        return hot


def _gazetteer_hit(st: PlaceState, i: int, lex: Match[PlaceEntry], precise: bool) -> int:
    """A gazetteer name at i becomes a hit to resolve later; where the scan goes on."""
    hit = Hit(lex.start, lex.end, lex.payloads, precise, stripped=lex.rank > 0)
    hit.everyday = lex.end - lex.start == 1 and st.toks[i].readings[lex.rank] in st.lx.everyday
    st.hits.append(hit)
    end = part_of_hit(st, hit, lex, precise)
    return lex.end if end is None else end


def _direction_or_anaphor(st: PlaceState, i: int, types: frozenset[str], near_until: int) -> tuple[int, int]:
    """«جنوب», «قرب» make the next place approximate; «المدينة» is kept to point back later.
    (where the scan goes on, the last token a direction word still qualifies)."""
    toks, cues = st.toks, st.lx.cues
    d = cues.at("direction", toks, i) if "direction" in types else None
    if d is not None:
        return d.end, d.end + NEAR_WINDOW - 1
    a = cues.at("anaphor", toks, i, max_rank=2) if "anaphor" in types else None
    if a is not None:
        st.anaphors.append((i, a.payloads[0]))
    return i + 1, near_until


def register_extensions() -> None:
    if not Doc.has_extension("places"):
        Doc.set_extension("places", default=None)
    if not Doc.has_extension("country"):
        Doc.set_extension("country", default=None)  # ISO3 of the article's country, or None


register_extensions()  # at import, so a reader finds them before the first finder is built


@Language.factory(
    "conflict_places",
    default_config={"places": PLACES, "actors": ACTORS, "cues": ENTITY_CUES, "off": []},
    requires=["doc._.toks", "doc._.raw_text"],
    assigns=["doc._.places", "doc._.country", "doc.spans"],
)
def make_place_finder(
    nlp: Language,
    name: str,
    places: Sequence[PlaceEntry],
    actors: Sequence[ActorEntry],
    cues: Cues,
    off: list[str],
) -> PlaceFinder:
    """Pipeline entry point: the finder over the configured gazetteer, actor lexicon (whose
    names are not places) and cue words; the shipped ones by default (kg.extract.lexicon_choices);
    `off` names passes of BEFORE_RESOLVE / AFTER_RESOLVE to leave out."""
    return PlaceFinder(places, actors, cues, off)
