"""The gazetteer as the place rules read it, and the tests on a gazetteer match.

`PlaceLexicon` holds what a pipeline builds once: the place and actor alias indexes, the
governorates by their bare names, the words that never name a place. `lexicon_at` is a
gazetteer match at a word unless the word means something else there (an adverb, an idiom, a
stop word, a person after a title).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.arabic.clitics import WA, has_conjunction, without_conjunction
from kg.arabic.dates import calendar
from kg.arabic.shapes import masdar_shaped
from kg.extract.actors import force_phrase_end
from kg.extract.entity_cues import Cues
from kg.extract.lexicon_index import actor_index, place_index
from kg.extract.matcher import AliasIndex, Match, Tok, alias_words
from kg.extract.phrases import function_words
from kg.extract.places.words import IDIOMS
from kg.lexicons import ActorEntry, PlaceEntry
from kg.lexicons.words import load_common_words, load_context_only, load_stoplist

STOP_CUE_TYPES = ("anaphor", "boundary", "place", "facility", "direction", "direction_adj", "source_head")


class PlaceLexicon:
    """The indexes over the gazetteer, the actor lexicon and the cue words, built once."""

    def __init__(self, places: Sequence[PlaceEntry], actors: Sequence[ActorEntry], cues: Cues) -> None:
        self.cues = cues
        self.index: AliasIndex[PlaceEntry] = place_index(places)
        self.actors: AliasIndex[ActorEntry] = actor_index(actors)
        self.by_id = {p.id: p for p in places}
        # «محافظة إدلب» → its bare name, so a bare «إدلب» can be read as the governorate
        self.gov_by_name: dict[tuple[str, ...], PlaceEntry] = {}
        for p in places:
            if p.kind == "admin1":
                for name in p.names:
                    words = alias_words(name)
                    if len(words) >= 2 and self.cues.has("place", words[0]):
                        self.gov_by_name.setdefault(words[1:], p)
        try:
            stop = set(load_stoplist())
        except OSError:
            stop = set()
        for type_ in STOP_CUE_TYPES:
            stop |= self.cues.words.get(type_, frozenset())
        self.stop = frozenset(stop)
        # what never names a place a cue word opens: weekdays and the adjectives of plurals
        self.never = function_words("not_new_place") | frozenset(
            " ".join(k) for k, v in calendar().items() if v.kind == "weekday" and len(k) == 1
        )
        self.everyday = load_context_only()
        self._entry_names: dict[str, frozenset[str]] = {}
        self.common = load_common_words() - self.everyday

    def names_of(self, entry: PlaceEntry) -> frozenset[str]:
        """The one-word names of an entry, as the words of a mention read."""
        got = self._entry_names.get(entry.id)
        if got is None:
            got = self._entry_names[entry.id] = frozenset(
                " ".join(alias_words(n)) for n in entry.names if len(alias_words(n)) == 1
            )
        return got

    def governorate_named(self, entry: PlaceEntry, named: set[str] | None) -> PlaceEntry | None:
        """The gazetteer governorate called «محافظة <a name of entry>», if the article names
        it (or, with `named` None, whether or not it does)."""
        for name in entry.names:
            gov = self.gov_by_name.get(alias_words(name))
            if gov is not None and (named is None or gov.id in named):
                return gov
        return None

    def direction_word(self, tok: Tok) -> bool:
        cues = self.cues
        return any(cues.has("direction", r) or cues.has("direction_adj", r) for r in tok.pro[:2])

    def conjunction_first(self, tok: Tok) -> bool:
        n = tok.norm
        if not has_conjunction(n, WA) or len(n) < 4:
            return False
        return not self.cues.has("name_prefix", n) and without_conjunction(n, WA) not in self.stop

    def everyday_word(self, tok: Tok) -> bool:
        """A frequent news word or a definite verbal noun: no front or road is named so."""
        common = self.common
        return any(r in common or masdar_shaped(r) for r in tok.pro[:2])


def not_a_place_phrase(lx: PlaceLexicon, toks: Sequence[Tok], i: int, types: frozenset[str]) -> int | None:
    """End of a multi-word actor name («المرصد السوري», «حزب الله اللبناني») or force phrase
    («طائرات روسية وسورية») starting at i: the place-like words inside are not places."""
    m = lx.actors.match_at(toks, i)
    if m is not None and m.end - m.start >= 2:
        return m.end
    return force_phrase_end(toks, i, lx.cues) if "force_head" in types else None


def lexicon_at(lx: PlaceLexicon, toks: Sequence[Tok], i: int) -> Match[PlaceEntry] | None:
    """The gazetteer match at i, unless the word is an adverb, an idiom, a stop word or a
    person's name after a title."""
    m = lx.index.match_at(toks, i)
    if m is None:
        return None
    if toks[i].text.endswith(("\u064b", "\u064bا", "ا\u064b")):
        return None  # «دومًا» (always): tanween marks an adverb or indefinite noun, not a place
    if m.end - m.start == 1 and i + 1 < len(toks) and f"{toks[i].pro[-1]} {toks[i + 1].norm}" in IDIOMS:
        return None  # «مسقط رأسه»: his birthplace, not Muscat
    if m.end - m.start == 1:
        reading = toks[i].readings[m.rank]
        if reading in lx.stop or toks[i].norm in lx.stop:
            return None
        # «القاضي جاسم», «العقيد حسان»: after a title comes a person, whatever the gazetteer says
        title = lx.cues.at("title", toks, i - 1) if i > 0 else None
        if title is not None and title.payloads[0].number != "office":
            return None  # (an office takes a place: «محافظ عدن», «أمير الرياض»)
    return m


def centre_of_region(toks: Sequence[Tok], lex: Match[PlaceEntry]) -> bool:
    """«وسط X» where X is a region, governorate or country (the centre of a city is the city)."""
    if lex.start == 0 or "وسط" not in toks[lex.start - 1].pro:
        return False
    return all(e.kind in ("region", "admin1", "country") for e in lex.payloads)
