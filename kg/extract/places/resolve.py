"""Settling the gazetteer hits once the whole article is read.

A name GeoNames holds several times («دوما», or a city and the governorate sharing its name)
is read by the kind the article states, then the article's country, then size; a bare one-word
town abroad is most often an ordinary word; «شمال غرب سوريا» is Syria, with a direction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.arabic.clitics import without_conjunction
from kg.extract.places.lexicon import PlaceLexicon
from kg.extract.places.state import Hit, PlaceDraft, PlaceState
from kg.extract.places.words import CUE_ACCEPTS, KIND_RANK, SMALL_CITY, kind_class
from kg.lexicons import PlaceEntry


def article_country(hits: Sequence[Hit], drafts: dict) -> str | None:
    """The country the article is about: the commonest country among unambiguous places."""
    votes: Counter[str] = Counter()
    for h in hits:
        countries = {e.country for e in h.candidates}
        if len(countries) == 1:
            c = next(iter(countries))
            kind = h.candidates[0].kind
            if c and not (h.stripped and kind in ("town", "village")):  # «لقاح» votes for nothing
                votes[c] += 3 if kind == "country" else 2 if kind in ("admin1", "city") else 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def resolve(st: PlaceState) -> None:
    """Every hit to the draft of the entry it names (or a place the cue made of it)."""
    hits, country, lx = st.hits, st.country, st.lx
    cued: dict[str, str] = {}  # entry id -> kind an explicit cue gave it
    for h in hits:
        if h.cue_kind:
            for e in h.candidates:
                if e.kind in CUE_ACCEPTS.get(h.cue_kind, {h.cue_kind}):
                    cued[e.id] = h.cue_kind
    resolved: dict[int, tuple] = {}
    present: Counter[str | None] = Counter(  # countries the article names, hit by hit
        h.candidates[0].country for h in hits if len({e.country for e in h.candidates}) == 1
    )
    same: Counter[tuple[str, ...]] = Counter(tuple(e.id for e in h.candidates) for h in hits)
    made_gov, city_cued = _cue_made(st, cued)
    named_govs = {
        h.candidates[0].id for h in hits if len(h.candidates) == 1 and h.candidates[0].kind == "admin1"
    }
    for h in hits:
        own = same[tuple(e.id for e in h.candidates)]
        if _far_small_place(h, country, present, own, cued):
            continue
        entry, made = choose(lx, h, country, cued)
        if not h.cue_kind and h.precise and entry.id not in city_cued:
            if made is None and entry.id in made_gov:
                made = made_gov[entry.id]
            elif made is None and entry.kind != "admin1":
                gov = lx.governorate_named(entry, named_govs)
                if gov is not None:
                    entry = gov
        key, d = _draft_of(st, h, entry, made)
        if not h.silent:
            d.add(h.start, h.end, h.precise)
        d.cued_kind = d.cued_kind or h.cue_kind
        resolved[id(h)] = key
    _rekey(st.drafts, resolved)


def _cue_made(st: PlaceState, cued: dict[str, str]) -> tuple[dict[str, tuple], set[str]]:
    """«محافظة إدلب» made from the city's entry: bare «إدلب» then means the governorate,
    unless the article also says «مدينة إدلب» (the second set) or only places things near it."""
    made_gov: dict[str, tuple] = {}
    city_cued: set[str] = set()
    for h in st.hits:
        if h.cue_kind:
            entry, made = choose(st.lx, h, st.country, cued)
            if made is not None and made[1] == "admin1":
                made_gov[entry.id] = made
            elif h.cue_kind in ("city", "town", "village"):
                city_cued.add(entry.id)
    return made_gov, city_cued


def _draft_of(st: PlaceState, h: Hit, entry: PlaceEntry, made: tuple | None) -> tuple[tuple, PlaceDraft]:
    """The key and draft a resolved hit is a mention of: a new place the text names, a place a
    cue made of the entry («محافظة إدلب» from the city), or the entry itself."""
    drafts = st.drafts
    if made is not None and made[1:2] == ("text",):
        key = ("new", kind_class(h.cue_kind or "other"), h.words)
        if key not in drafts:
            label = without_conjunction(h.label)
            drafts[key] = PlaceDraft(key, label, h.cue_kind or "other", None, None, st.country)
        return key, drafts[key]
    if made is not None:
        key = made
        if key not in drafts:
            label = ("محافظة " if h.cue_kind == "admin1" else "") + entry.name_ar
            en = f"{entry.name_en} Governorate" if entry.name_en and h.cue_kind == "admin1" else entry.name_en
            drafts[key] = PlaceDraft(key, label, h.cue_kind or entry.kind, en, None, entry.country)
            drafts[key].base = ("entry", entry.id)
        return key, drafts[key]
    key = ("lex", entry.id)
    d = drafts.get(key)
    if d is None:
        d = drafts[key] = PlaceDraft(key, entry.name_ar, entry.kind, entry.name_en, entry, entry.country)
    return key, d


def _far_small_place(
    h: Hit, country: str | None, present: Counter[str | None], own: int, cued: dict[str, str]
) -> bool:
    """A bare one-word town or village abroad («إطار» is a town in Mauritania; «صور», Tyre,
    is 'pictures' in a Saudi article) is almost always an ordinary word, unless some other
    word of the article names its country too. `own`: how often this very name occurs."""
    if h.cue_kind or h.end - h.start > 1:
        return False
    one = h.candidates[0].country if len({e.country for e in h.candidates}) == 1 else None
    if h.everyday and not any(e.id in cued for e in h.candidates):
        # «العمارة» (building) or «الضفة» (a river bank) with no cue: a place only when
        # another place of the article lies in its country (its own votes do not count)
        return all(present[e.country] - own <= 0 for e in h.candidates)

    def others(c: str | None) -> int:
        return present[c] - (own if c == one else 0)

    if country is None:
        # no country evidence at all, and only a clitic reading hits a village: «لقاح»
        return h.stripped and all(
            e.kind in ("town", "village") and others(e.country) <= 0 for e in h.candidates
        )
    return all(
        e.country != country
        and others(e.country) <= 0
        and (e.kind in ("town", "village") or (e.kind == "city" and (e.population or 0) < SMALL_CITY))
        for e in h.candidates
    )


def choose(
    lx: PlaceLexicon, h: Hit, country: str | None, cued: dict[str, str]
) -> tuple[PlaceEntry, tuple | None]:
    """Pick one entry for a hit; returns (entry, key of a cue-made place or None)."""
    cands = list(h.candidates)
    if h.cue_kind:
        fit = [e for e in cands if e.kind in CUE_ACCEPTS.get(h.cue_kind, {h.cue_kind})]
        if fit:
            cands = fit
        elif country and h.words and all(e.country != country for e in cands):
            # «حي اليرموك» in Baquba is not the Yarmouk camp in Damascus: a new place
            return best(cands, country), ("new", "text")
        elif h.cue_kind in ("admin1", "district", "region", "camp"):
            b = best(cands, country)
            gov = lx.governorate_named(b, None) if h.cue_kind == "admin1" else None
            if gov is not None:  # «محافظتي إدلب وحلب»: the gazetteer's governorates
                return gov, None
            return b, ("new", kind_class(h.cue_kind), (b.id,))
    elif len(cands) > 1:
        # a bare name: the kind the article itself stated elsewhere, unless only «near» it
        stated = [e for e in cands if e.id in cued]
        if stated and (h.precise or len(stated) == len(cands)):
            cands = stated
    return best(cands, country), None


def best(cands: Sequence[PlaceEntry], country: str | None) -> PlaceEntry:
    """Same country as the article first, then the larger kind and population."""

    def score(e: PlaceEntry) -> tuple:
        return (
            country is not None and e.country == country,
            e.kind == "country",
            -KIND_RANK.get(e.kind, 8) if e.kind in ("city", "admin1", "country") else -9,
            e.population or 0,
        )

    return max(cands, key=score)


def _rekey(drafts: dict, resolved: dict[int, tuple]) -> None:
    """Point countrysides and facilities built on a gazetteer hit at the place it resolved to,
    merging the countrysides of two mentions of one place into one."""
    for key in list(drafts):
        d = drafts.get(key)
        if d is None:
            continue
        if d.base and d.base[0] == "hit":
            d.base = resolved.get(d.base[1])
        if key[0] == "rif" and key[1][0] == "hit":
            new_key = ("rif", resolved.get(key[1][1], key[1]), key[2])
            del drafts[key]
            other = drafts.get(new_key)
            if other is None:
                d.key = new_key
                drafts[new_key] = d
            else:
                for s, e in d.mentions:
                    other.add(s, e, d.plain)
                other.first = min(other.first, d.first)


def country_in_region(st: PlaceState) -> None:
    """«شمال غرب سوريا» names Syria, with a direction: the mention is the country's (the
    direction makes it less precise), not a region entry's that would hide the country."""
    drafts, toks, lx = st.drafts, st.toks, st.lx
    for d in list(drafts.values()):
        e = d.entry
        parent = lx.by_id.get(e.parent or "") if e is not None and e.kind == "region" else None
        if parent is None or parent.kind != "country":
            continue
        names = lx.names_of(parent)
        for s, t in list(d.mentions):
            named = [k for k in range(s, t) if any(r in names for r in toks[k].pro[:2])]
            rest = [k for k in range(s, t) if k not in named and toks[k].is_word]
            if len(named) != 1 or not all(lx.direction_word(toks[k]) for k in rest):
                continue
            key = ("lex", parent.id)
            c = drafts.get(key)
            if c is None:
                c = PlaceDraft(key, parent.name_ar, parent.kind, parent.name_en, parent, parent.country)
                drafts[key] = c
            c.add(s, t, False)
            d.mentions.remove((s, t))
            if not d.mentions:
                del drafts[d.key]
