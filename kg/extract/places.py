"""The `conflict_places` spaCy component: every place an article names, once, with its mentions.

Three sources of places, in order of trust: the gazetteer (clitic-aware alias lookup), cue
patterns for names no gazetteer holds («حي X», «قرى X وY», «مطار X», «محور X»), and references
back («المدينة», «ريفها») to a place already named. Ambiguous gazetteer names («دوما», or a
city and the governorate sharing its name) are settled per article: a kind the article states
explicitly, then the article's country, then size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.arabic.dates import calendar
from kg.arabic.shapes import masdar_shaped
from kg.extract.actors import force_phrase_end
from kg.extract.entity_cues import Cue, Cues, load_cues
from kg.extract.lexicon_index import actor_index, place_index
from kg.extract.matcher import AliasIndex, Match, Tok, alias_words, doc_text, doc_tokens
from kg.extract.names import OUTLET_LEADS, QUOTES_OPEN, addressed_outlet, has_article, name_end, quoted_end
from kg.extract.phrases import function_words
from kg.lexicons import (
    ActorEntry,
    PlaceEntry,
    load_actors,
    load_common_words,
    load_contested,
    load_context_only,
    load_places,
    load_stoplist,
)
from kg.model import Mention, Place

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


@dataclass
class Draft:
    """A place being assembled from its mentions before ids are given out."""

    key: tuple
    label_ar: str
    kind: str
    label_en: str | None = None
    entry: PlaceEntry | None = None
    country: str | None = None
    base: tuple | None = None  # the key of the place a countryside/facility is built on
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    plain: bool = False  # has a mention that is not only «near»/«south of»
    cued_kind: str | None = None
    first: int = 1 << 30
    pending: Hit | None = None  # a facility's gazetteer base, resolved with the other hits

    def add(self, start: int, end: int, precise: bool) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        self.plain = self.plain or precise
        self.first = min(self.first, start)


@dataclass
class Hit:
    """A gazetteer match awaiting disambiguation."""

    start: int
    end: int
    candidates: tuple[PlaceEntry, ...]
    precise: bool
    cue_kind: str | None = None  # the kind a cue word in front of it stated
    silent: bool = False  # resolved for the places built on it, but not a mention itself
    words: tuple[str, ...] = ()  # the name as matched, for a new place when no entry fits
    label: str = ""
    stripped: bool = False  # matched only after taking a proclitic off («لقاح» → «قاح»)
    everyday: bool = False  # a context-only name («صور», «العمارة», «الضفة»): also an everyday word


class PlaceFinder:
    """Finds places in a doc; holds the indexes so a pipeline builds them once."""

    def __init__(
        self, places: Sequence[PlaceEntry], actors: Sequence[ActorEntry], cues: Cues | None = None
    ) -> None:
        self.cues = cues or load_cues()
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
        for type_ in (
            "anaphor",
            "boundary",
            "place",
            "facility",
            "direction",
            "direction_adj",
            "source_head",
        ):
            stop |= self.cues.words.get(type_, frozenset())
        self.stop = frozenset(stop)
        # what never names a place a cue word opens: weekdays and the adjectives of plurals
        self.never = function_words("not_new_place") | frozenset(
            " ".join(k) for k, v in calendar().items() if v.kind == "weekday" and len(k) == 1
        )
        self.everyday = load_context_only()
        self._entry_names: dict[str, frozenset[str]] = {}
        self.common = load_common_words() - self.everyday
        self._hot: dict[str, bool] = {}
        register_extensions()

    # ------------------------------------------------------------------ scanning
    def __call__(self, doc: Doc) -> Doc:
        toks = doc_tokens(doc)
        drafts: dict[tuple, Draft] = {}
        hits: list[Hit] = []
        anaphors: list[tuple[int, Cue]] = []
        blocked: dict[int, int] = {}
        near_until = -1
        i = 0
        hot = self._hot
        while i < len(toks):
            tok = toks[i]
            if tok.norm in OUTLET_LEADS and (out := addressed_outlet(toks, i, self.actors)) is not None:
                blocked[i] = out[2]  # «لـ"الرياض"»: the newspaper a source spoke to
                i = out[2]
                continue
            if not tok.is_word:
                i += 1
                continue
            if not hot.get(tok.norm, True) or not self._is_hot(tok):
                i += 1  # most words start no place, actor or cue: one dict lookup says so
                continue
            types = self.cues.types_of(tok.norm)
            skip = self._not_a_place_phrase(toks, i, types)
            if skip is not None:
                blocked[i] = skip
                i = skip
                continue
            precise = i > near_until
            lex = self._lexicon_at(toks, i)
            if lex is None and not types:
                i += 1
                continue
            cue = self._cue_at(toks, i) if types & CUE_TYPES else None
            if lex is not None or cue is not None:
                near_until = -1  # a direction word qualifies the first place after it only
            if lex is not None and (cue is None or lex.end - lex.start > cue[1] - i):
                hit = Hit(lex.start, lex.end, lex.payloads, precise, stripped=lex.rank > 0)
                hit.everyday = lex.end - lex.start == 1 and toks[i].readings[lex.rank] in self.everyday
                hits.append(hit)
                i = lex.end
                if self._centre_of_region(toks, lex):
                    # «وسط سيناء»: the middle of a region is a region of its own, within it
                    s0 = lex.start - 1
                    conj = toks[s0].norm != "وسط"  # «ووسط سوريا»
                    key = ("new", "region", _name_key(toks, s0, lex.end, conj))
                    d = drafts.get(key)
                    if d is None:
                        label = " ".join(t.text for t in toks[s0 : lex.end])
                        label = _strip_conj(label) if conj else label
                        d = drafts[key] = Draft(key, label, "region")
                        d.base = ("hit", id(hit))
                    d.add(s0, lex.end, True)
                    hit.silent = True
                    continue
                if i < len(toks) and self.cues.has("quarter_modifier", toks[i].norm):
                    # «حلب القديمة»: a part of the city with a name of its own
                    key = ("new", "district", _name_key(toks, lex.start, i + 1, False))
                    d = drafts.get(key)
                    if d is None:
                        label = " ".join(t.text for t in toks[lex.start : i + 1])
                        d = drafts[key] = Draft(key, label, "district")
                        d.base = ("hit", id(hit))
                    d.add(lex.start, i + 1, precise)
                    hit.silent = True
                    i += 1
                continue
            if cue is not None:
                i = self._cued(toks, i, cue, drafts, hits, precise)
                continue
            d = self.cues.at("direction", toks, i) if "direction" in types else None
            if d is not None:
                near_until = d.end + NEAR_WINDOW - 1
                i = d.end
                continue
            a = self.cues.at("anaphor", toks, i, max_rank=2) if "anaphor" in types else None
            if a is not None:
                anaphors.append((i, a.payloads[0]))
            i += 1
        self._known_again(toks, drafts, blocked)
        country = article_country(hits, drafts)
        self._resolve(hits, drafts, country)
        self._anaphors(toks, anaphors, drafts)
        self._country_in_region(toks, drafts)
        places = self._finish(doc, toks, drafts, country)
        doc._.places = places
        doc.user_data["kg_country"] = country
        return doc

    def _is_hot(self, tok: Tok) -> bool:
        hot = self._hot.get(tok.norm)
        if hot is None:
            hot = (
                bool(self.cues.types_of(tok.norm)) or self.index.may_start(tok) or self.actors.may_start(tok)
            )
            if len(self._hot) < HOT_CACHE:
                self._hot[tok.norm] = hot
        return hot

    def _not_a_place_phrase(self, toks: Sequence[Tok], i: int, types: frozenset[str]) -> int | None:
        """End of a multi-word actor name («المرصد السوري», «حزب الله اللبناني») or force phrase
        («طائرات روسية وسورية») starting at i: the place-like words inside are not places."""
        m = self.actors.match_at(toks, i)
        if m is not None and m.end - m.start >= 2:
            return m.end
        return force_phrase_end(toks, i, self.cues) if "force_head" in types else None

    def _lexicon_at(self, toks: Sequence[Tok], i: int) -> Match[PlaceEntry] | None:
        m = self.index.match_at(toks, i)
        if m is None:
            return None
        if toks[i].text.endswith(("\u064b", "\u064bا", "ا\u064b")):
            return None  # «دومًا» (always): tanween marks an adverb or indefinite noun, not a place
        if m.end - m.start == 1 and i + 1 < len(toks) and f"{toks[i].pro[-1]} {toks[i + 1].norm}" in IDIOMS:
            return None  # «مسقط رأسه»: his birthplace, not Muscat
        if m.end - m.start == 1:
            reading = toks[i].readings[m.rank]
            if reading in self.stop or toks[i].norm in self.stop:
                return None
            # «القاضي جاسم», «العقيد حسان»: after a title comes a person, whatever the gazetteer says
            title = self.cues.at("title", toks, i - 1) if i > 0 else None
            if title is not None and title.payloads[0].number != "office":
                return None  # (an office takes a place: «محافظ عدن», «أمير الرياض»)
        return m

    def _cue_at(self, toks: Sequence[Tok], i: int) -> tuple[Cue, int] | None:
        """A place/facility/countryside cue word at i, indefinite («بمدينة», not «المدينة»)."""
        if has_article(toks[i]):
            return None
        for type_ in ("countryside", "place", "facility"):
            m = self.cues.at(type_, toks, i)
            if m is not None:
                return m.payloads[0], m.end
        return None

    def _cued(
        self,
        toks: Sequence[Tok],
        i: int,
        cue_end: tuple[Cue, int],
        drafts: dict,
        hits: list,
        precise: bool,
    ) -> int:
        cue, j = cue_end
        if cue.type == "countryside":
            return self._countryside(toks, i, j, cue, drafts, hits, precise)
        if cue.type == "facility":
            return self._facility(toks, i, j, cue, drafts, hits, precise)
        items = 1 if cue.number.startswith("sg") else 12  # the dual is used for longer lists too
        k = j
        found = 0
        while found < items and k < len(toks):
            start = k
            # later items are joined by «و»: «والصاخور», «وتل الزرازير»
            if found and (not toks[k].norm.startswith("و") or len(toks[k].norm) < 3):
                break
            end = self._item(toks, start, found > 0, cue, drafts, hits, precise)
            if end is None:
                break
            found += 1
            k = end
        return k if found else j

    def _item(
        self,
        toks: Sequence[Tok],
        k: int,
        joined: bool,
        cue: Cue,
        drafts: dict,
        hits: list,
        precise: bool,
    ) -> int | None:
        """One name after a place cue: a gazetteer name of a fitting kind, else a new place."""
        if not joined and toks[k].text in QUOTES_OPEN and quoted_end(toks, k) is None:
            k += 1  # «مستشفيات "صيدا والجيزة»: a quote opened around the whole list
            if k >= len(toks):
                return None
        if self.cues.at("anaphor", toks, k) is not None:
            return None  # «قرى المديرية»: the district already named, whatever the gazetteer holds
        m = self.index.match_at(toks, k, max_rank=None if joined else 2)
        modified = m is not None and m.end < len(toks) and self.cues.has("name_modifier", toks[m.end].norm)
        if m is not None and not modified:
            words = _name_key(toks, m.start, m.end, joined)
            label = " ".join(t.text for t in toks[m.start : m.end] if t.is_word)
            hits.append(Hit(m.start, m.end, m.payloads, precise, cue.kind, words=words, label=label))
            return m.end
        # «حي اليرموك الثانية»: a known word plus a modifier names another place
        end = m.end + 1 if modified else self._new_name_end(toks, k, cue, joined)
        if end is None:
            return None
        words = _name_key(toks, k, end, joined)
        key = ("new", _kind_class(cue.kind), words)
        d = drafts.get(key)
        if d is None:
            label = _strip_conj(toks[k].text) if joined else toks[k].text
            label = " ".join([label, *(t.text for t in toks[k + 1 : end])]).strip("«»\"'()")
            d = drafts[key] = Draft(key, label, cue.kind, cued_kind=cue.kind)
        d.add(k, end, precise)
        return end

    def _new_name_end(self, toks: Sequence[Tok], k: int, cue: Cue, joined: bool) -> int | None:
        """End of a name no gazetteer knows, or None when the word after the cue is more
        likely an adjective («حي شعبي», «طريق رئيسي») than a name."""
        if cue.number.endswith("lexicon"):
            return None  # «قطاع» is a sector unless the gazetteer knows the name («قطاع غزة»)
        end = name_end(toks, k, self.cues)
        if end is None:
            return None
        if toks[k].norm.startswith("لل"):
            return None  # «مخيمات للنازحين»: a purpose, not a name
        if end - k == 1 and any(r in self.never for r in (toks[k].norm, *toks[k].pro[:2])):
            return None  # «مدن متفرقة», «مصدر قضائي الثلاثاء» (the dual «قضائي»): no name
        if self.cues.at("anaphor", toks, k) is not None:
            return None  # «قرى المديرية»: the district already named, not a village called so
        if joined and _past_verb_with_t(toks[k].pro[1] if len(toks[k].pro) > 1 else toks[k].norm):
            return None  # «... والتحمت بالمقاومة»: the list ended, a verb follows
        if not joined and self._conjunction_first(toks[k]):
            return None  # «هجومان على مستشفى وقافلة»: a list of things, not a name
        if cue.kind in WEAK_CUE_KINDS and self._everyday_word(toks[k]):
            return None  # «محور الارتكاز», «طريق سريع»: a front or road needs a place's name
        if joined and not has_article(toks[k]):
            bare = toks[k].pro[1] if len(toks[k].pro) > 1 else toks[k].norm
            if bare[:1] in "يتن" and not self.cues.has("name_prefix", bare):
                return None  # «... والمدينة المنورة وتؤثر»: the list ended, a verb follows
            if bare.endswith("ات") and len(bare) >= 5:
                return None  # «مساجد ومنشآت»: a plural common noun, not a name
        if end - k == 1 and "body" in cue.number and has_article(toks[k]) and self._everyday_word(toks[k]):
            return None  # «مديرية الصحة», «سوق العمل», «مقر النادي»: an office or a trade, not a place
        if end - k == 1 and toks[k].is_word and not has_article(toks[k]):
            n = toks[k].pro[1] if joined and len(toks[k].pro) > 1 else toks[k].norm
            if "strict" in cue.number or n.endswith(NISBA_ENDINGS) or _verb_shaped(n):
                return None
            if len(n) >= 6 and n.endswith("يا"):
                return None  # «ميناء رئيسيا»: an accusative adjective
        return end

    def _centre_of_region(self, toks: Sequence[Tok], lex: Match[PlaceEntry]) -> bool:
        """«وسط X» where X is a region, governorate or country (the centre of a city is the city)."""
        if lex.start == 0 or "وسط" not in toks[lex.start - 1].pro:
            return False
        return all(e.kind in ("region", "admin1", "country") for e in lex.payloads)

    def _conjunction_first(self, tok: Tok) -> bool:
        n = tok.norm
        return n[:1] == "و" and len(n) >= 4 and not self.cues.has("name_prefix", n) and n[1:] not in self.stop

    def _everyday_word(self, tok: Tok) -> bool:
        """A frequent news word or a definite verbal noun: no front or road is named so."""
        common = self.common
        return any(r in common or masdar_shaped(r) for r in tok.pro[:2])

    def _countryside(
        self,
        toks: Sequence[Tok],
        i: int,
        j: int,
        cue: Cue,
        drafts: dict,
        hits: list,
        precise: bool,
    ) -> int:
        """«ريف حلب» is a place of its own ('Aleppo countryside'); «ريف حلب الغربي» one more;
        «ريفها» is the countryside of the place just named."""
        tok = toks[i]
        if tok.norm.endswith(("ها", "ه")) and not tok.norm.endswith("ريف"):
            base_key = _last_key(drafts, hits, {"city", "admin1", "town", "region"}, before=i)
            if base_key is None:
                return j
            d = self._rif_draft(drafts, base_key, None, cue)
            d.add(i, j, precise)
            return j
        m = self.index.match_at(toks, j, max_rank=2) if j < len(toks) else None
        if m is not None:
            hit = Hit(m.start, m.end, m.payloads, False)  # «ريف حلب» is part of, not in, Aleppo
            hits.append(hit)
            base_key: tuple = ("hit", id(hit))
            end = m.end
        else:
            end = name_end(toks, j, self.cues, modifiers=False)
            if end is None:
                return j
            base_key = ("new", "city", _name_key(toks, j, end, False))
            if base_key not in drafts:
                label = " ".join(t.text for t in toks[j:end])
                drafts[base_key] = Draft(base_key, label, "city")
        d = self._rif_draft(drafts, base_key, None, cue, " ".join(t.text for t in toks[j:end]))
        d.add(i, end, precise)
        if end < len(toks):
            adj = self.cues.at("direction_adj", toks, end)
            if adj is not None:
                side = adj.payloads[0].label_en
                sub = self._rif_draft(drafts, base_key, side, cue)
                if sub.label_ar.endswith(side):
                    sub.label_ar = " ".join(t.text for t in toks[i : adj.end])
                sub.add(i, adj.end, precise)
                return adj.end
        return end

    def _rif_draft(
        self, drafts: dict, base_key: tuple, side: str | None, cue: Cue, base_label: str = ""
    ) -> Draft:
        key = ("rif", base_key, side)
        d = drafts.get(key)
        if d is None:
            if side is None:
                parent = drafts.get(base_key)
                label = "ريف " + (base_label or (parent.label_ar if parent else ""))
            else:
                label = drafts[("rif", base_key, None)].label_ar
                label = f"{label} {side}"
            d = drafts[key] = Draft(key, label.strip(), "region", base=base_key)
            d.cued_kind = side  # remembered for the English label
        return d

    def _facility(
        self,
        toks: Sequence[Tok],
        i: int,
        j: int,
        cue: Cue,
        drafts: dict,
        hits: list,
        precise: bool,
    ) -> int:
        """«مطار حلب», «طريق خناصر», «محور حندرات»: the cue word is part of the name;
        after a plural («مستشفيات صيدا والجيزة») each listed name is a facility."""
        k, items, found = j, (1 if cue.number.startswith("sg") else 12), 0
        while found < items and k < len(toks):
            if found and (not toks[k].norm.startswith("و") or len(toks[k].norm) < 3):
                break
            end = self._facility_item(toks, i, k, found > 0, cue, drafts, precise)
            if end is None:
                break
            found, k = found + 1, end
        return k if found else j

    def _facility_item(
        self,
        toks: Sequence[Tok],
        i: int,
        j: int,
        joined: bool,
        cue: Cue,
        drafts: dict,
        precise: bool,
    ) -> int | None:
        if not joined and toks[j].text in QUOTES_OPEN and quoted_end(toks, j) is None:
            j += 1
        if j >= len(toks):
            return None
        m = self.index.match_at(toks, j, max_rank=None if joined else 2)
        end = m.end if m is not None else self._new_name_end(toks, j, cue, joined)
        if end is None:
            return None
        # «مطار طرابلس الدولي»: the modifier belongs to the facility's name
        while end < len(toks) and self.cues.has("name_modifier", toks[end].norm):
            end += 1
        plural = not cue.number.startswith("sg")
        key = ("fac", cue.label_en, _name_key(toks, j, end, joined))
        d = drafts.get(key)
        if d is None:
            name = " ".join(t.text for t in toks[j:end] if t.is_word)
            name = _strip_conj(name) if joined else name
            label = name if plural else f"{cue.cue} {name}"
            d = drafts[key] = Draft(key, label.replace('"', ""), cue.kind)
            d.cued_kind = cue.label_en
            if m is not None:
                d.pending = Hit(m.start, m.end, m.payloads, precise)
        d.add(j if plural else i, end, precise)
        return end

    def _known_again(self, toks: Sequence[Tok], drafts: dict, blocked: dict[int, int]) -> None:
        """Names first found after a cue are mentions wherever they recur bare («الصاخور»)."""
        index: AliasIndex[tuple] = AliasIndex()
        for key, d in drafts.items():
            if key[0] == "new" and len(d.mentions) and key[2]:
                index.add(key[2], key)
        if not index._first:
            return
        taken = {k for d in drafts.values() for s, e in d.mentions for k in range(s, e)}
        for m in index.find_all(toks):
            if m.start in taken or m.start in blocked:
                continue
            for key in m.payloads:
                drafts[key].add(m.start, m.end, True)

    # ------------------------------------------------------------------ resolving
    def _resolve(self, hits: list[Hit], drafts: dict, country: str | None) -> None:
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
        # «محافظة إدلب» made from the city's entry: bare «إدلب» then means the governorate,
        # unless the article also says «مدينة إدلب» or only places things near it
        made_gov: dict[str, tuple] = {}
        city_cued: set[str] = set()
        for h in hits:
            if h.cue_kind:
                entry, made = self._choose(h, country, cued)
                if made is not None and made[1] == "admin1":
                    made_gov[entry.id] = made
                elif h.cue_kind in ("city", "town", "village"):
                    city_cued.add(entry.id)
        named_govs = {
            h.candidates[0].id for h in hits if len(h.candidates) == 1 and h.candidates[0].kind == "admin1"
        }
        for h in hits:
            own = same[tuple(e.id for e in h.candidates)]
            if self._far_small_place(h, country, present, own, cued):
                continue
            entry, made = self._choose(h, country, cued)
            if not h.cue_kind and h.precise and entry.id not in city_cued:
                if made is None and entry.id in made_gov:
                    made = made_gov[entry.id]
                elif made is None and entry.kind != "admin1":
                    gov = self._governorate_named(entry, named_govs)
                    if gov is not None:
                        entry = gov
            if made is not None and made[1:2] == ("text",):
                key = ("new", _kind_class(h.cue_kind or "other"), h.words)
                if key not in drafts:
                    drafts[key] = Draft(key, _strip_conj(h.label), h.cue_kind or "other", None, None, country)
                d = drafts[key]
            elif made is not None:
                key = made
                if key not in drafts:
                    label = ("محافظة " if h.cue_kind == "admin1" else "") + entry.name_ar
                    en = (
                        f"{entry.name_en} Governorate"
                        if entry.name_en and h.cue_kind == "admin1"
                        else entry.name_en
                    )
                    drafts[key] = Draft(key, label, h.cue_kind or entry.kind, en, None, entry.country)
                    drafts[key].base = ("entry", entry.id)
                d = drafts[key]
            else:
                key = ("lex", entry.id)
                d = drafts.get(key)
                if d is None:
                    d = drafts[key] = Draft(
                        key, entry.name_ar, entry.kind, entry.name_en, entry, entry.country
                    )
            if not h.silent:
                d.add(h.start, h.end, h.precise)
            d.cued_kind = d.cued_kind or h.cue_kind
            resolved[id(h)] = key
        _rekey(drafts, resolved)

    def _far_small_place(
        self, h: Hit, country: str | None, present: Counter[str | None], own: int, cued: dict[str, str]
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

    def _governorate_named(self, entry: PlaceEntry, named: set[str] | None) -> PlaceEntry | None:
        """The gazetteer governorate called «محافظة <a name of entry>», if the article names
        it (or, with `named` None, whether or not it does)."""
        for name in entry.names:
            gov = self.gov_by_name.get(alias_words(name))
            if gov is not None and (named is None or gov.id in named):
                return gov
        return None

    def _choose(self, h: Hit, country: str | None, cued: dict[str, str]) -> tuple[PlaceEntry, tuple | None]:
        """Pick one entry for a hit; returns (entry, key of a cue-made place or None)."""
        cands = list(h.candidates)
        if h.cue_kind:
            fit = [e for e in cands if e.kind in CUE_ACCEPTS.get(h.cue_kind, {h.cue_kind})]
            if fit:
                cands = fit
            elif country and h.words and all(e.country != country for e in cands):
                # «حي اليرموك» in Baquba is not the Yarmouk camp in Damascus: a new place
                return _best(cands, country), ("new", "text")
            elif h.cue_kind in ("admin1", "district", "region", "camp"):
                best = _best(cands, country)
                gov = self._governorate_named(best, None) if h.cue_kind == "admin1" else None
                if gov is not None:  # «محافظتي إدلب وحلب»: the gazetteer's governorates
                    return gov, None
                return best, ("new", _kind_class(h.cue_kind), (best.id,))
        elif len(cands) > 1:
            # a bare name: the kind the article itself stated elsewhere, unless only «near» it
            stated = [e for e in cands if e.id in cued]
            if stated and (h.precise or len(stated) == len(cands)):
                cands = stated
        return _best(cands, country), None

    def _anaphors(self, toks: Sequence[Tok], anaphors: list[tuple[int, Cue]], drafts: dict) -> None:
        """«المدينة», «البلاد», «المحافظة»: a mention of the latest place of that kind;
        «المطار», «الميناء» with none named yet: the airport or port of the article's city."""
        for i, cue in anaphors:
            kind = cue.kind
            ok = ANAPHOR_KINDS.get(kind, {kind})
            # the most-mentioned fitting place so far, the latest on ties; a general countryside
            # before a directional one
            best, score = None, None
            noun = toks[i].pro[-1].removeprefix("ال")[:3] if toks[i].pro else ""
            for d in drafts.values():
                if kind == "facility" and noun not in d.label_ar:
                    continue
                if d.first < i and d.kind in ok:
                    seen = sum(1 for s, _ in d.mentions if s < i)
                    sc = (d.key[0] != "rif" or d.key[2] is None, seen, max(s for s, _ in d.mentions))
                    if score is None or sc > score:
                        best, score = d, sc
            if best is None and cue.label_en:
                best = self._facility_of_city(toks, i, cue, drafts)
            if best is not None:
                best.mentions.append((i, i + 1))

    def _facility_of_city(self, toks: Sequence[Tok], i: int, cue: Cue, drafts: dict) -> Draft | None:
        cities = [d for d in drafts.values() if d.kind in ("city", "town") and d.first < i]
        if not cities:
            return None
        city = max(cities, key=lambda d: (len(d.mentions), -d.first))
        key = ("anaphor_fac", cue.words, city.key)
        d = drafts.get(key)
        if d is None:
            label = toks[i].text[1:] if toks[i].norm.startswith(("و", "ف", "ب", "ل")) else toks[i].text
            en = cue.label_en.replace("{}", city.label_en) if city.label_en else None
            d = drafts[key] = Draft(key, label, "facility", en, None, city.country, base=city.key)
            d.first = i
            d.plain = True
        return d

    # ------------------------------------------------------------------ output
    def _country_in_region(self, toks: Sequence[Tok], drafts: dict) -> None:
        """«شمال غرب سوريا» names Syria, with a direction: the mention is the country's (the
        direction makes it less precise), not a region entry's that would hide the country."""
        for d in list(drafts.values()):
            e = d.entry
            parent = self.by_id.get(e.parent or "") if e is not None and e.kind == "region" else None
            if parent is None or parent.kind != "country":
                continue
            names = self._names_of(parent)
            for s, t in list(d.mentions):
                named = [k for k in range(s, t) if any(r in names for r in toks[k].pro[:2])]
                rest = [k for k in range(s, t) if k not in named and toks[k].is_word]
                if len(named) != 1 or not all(self._direction_word(toks[k]) for k in rest):
                    continue
                key = ("lex", parent.id)
                c = drafts.get(key)
                if c is None:
                    c = Draft(key, parent.name_ar, parent.kind, parent.name_en, parent, parent.country)
                    drafts[key] = c
                c.add(s, t, False)
                d.mentions.remove((s, t))
                if not d.mentions:
                    del drafts[d.key]

    def _direction_word(self, tok: Tok) -> bool:
        return any(self.cues.has("direction", r) or self.cues.has("direction_adj", r) for r in tok.pro[:2])

    def _names_of(self, entry: PlaceEntry) -> frozenset[str]:
        got = self._entry_names.get(entry.id)
        if got is None:
            got = self._entry_names[entry.id] = frozenset(
                " ".join(alias_words(n)) for n in entry.names if len(alias_words(n)) == 1
            )
        return got

    def _finish(self, doc: Doc, toks: Sequence[Tok], drafts: dict, country: str | None) -> list[Place]:
        text = doc_text(doc)
        live = [d for d in drafts.values() if d.mentions]
        live.sort(key=lambda d: d.first)
        ids: dict[tuple, str] = {}
        for n, d in enumerate(live, start=1):
            ids[d.key] = f"p{n}"
        by_entry = {d.entry.id: ids[d.key] for d in live if d.entry is not None}
        out: list[Place] = []
        spans = []
        for d in live:
            pid = ids[d.key]
            e = d.entry
            base = drafts.get(d.base) if d.base in drafts else None
            if d.base and d.base[:1] == ("entry",):
                base = None
            within = self._within(d, e, ids, by_entry, base, live)
            kind = d.kind if e is None else e.kind
            label_en = d.label_en
            if d.key[0] == "rif":
                b = drafts.get(d.base) if d.base else None
                if d.label_ar.strip() == "ريف" and b is not None:
                    d.label_ar = f"ريف {b.label_ar}"
                name = b.label_en if b and b.label_en else None
                side = d.key[2]
                label_en = (
                    f"{side} {name} countryside"
                    if side and name
                    else (f"{name} countryside" if name else None)
                )
            elif d.pending is not None:
                on = _best(d.pending.candidates, country)
                if on.name_en and d.cued_kind:
                    label_en = d.cued_kind.replace("{}", on.name_en)
                d.country = d.country or on.country
                within = within or by_entry.get(on.id)
            p_country = (
                d.country
                or (base.country if base else None)
                or self._container_country(within, live, ids)
                or _guessed_country(e, country)
            )
            mentions = sorted({(toks[s].start, toks[e_ - 1].end) for s, e_ in d.mentions})
            place = Place(
                id=pid,
                label_ar=d.label_ar,
                label_en=label_en,
                kind=kind if kind in KIND_RANK else "other",
                lat=e.lat if e else None,
                lon=e.lon if e else None,
                country=p_country,
                geonames=e.geonames if e else None,
                wikidata=e.wikidata if e else None,
                within=within,
                geo_precision=_precision(kind, d),
                lexicon_id=e.id if e else None,
                mentions=[Mention(text[s:t], s, t) for s, t in mentions],
            )
            out.append(place)
            for s, e_ in sorted(set(d.mentions)):
                spans.append(Span(doc, toks[s].i, toks[e_ - 1].i + 1, label=pid))
        doc.spans["places"] = spans
        return out

    @staticmethod
    def _container_country(within: str | None, live: list[Draft], ids: dict) -> str | None:
        """«مدينة أغاديز بالنيجر»: a town the gazetteer lacks lies in the country the text puts it
        in, before any guess from the rest of the article (a report on migrants in Libya)."""
        if within is None:
            return None
        for d in live:
            if ids[d.key] == within:
                return d.entry.country if d.entry is not None else d.country
        return None

    def _within(
        self,
        d: Draft,
        e: PlaceEntry | None,
        ids: dict,
        by_entry: dict,
        base: Draft | None,
        live: list[Draft],
    ) -> str | None:
        if d.key[0] == "rif":
            if d.key[2] is not None:
                parent = ("rif", d.key[1], None)
                if parent in ids:
                    return ids[parent]
            return ids.get(d.base) if d.base else None
        if e is not None:
            seen = set()
            pid = e.parent
            while pid and pid not in seen:
                seen.add(pid)
                if pid in by_entry and by_entry[pid] != ids[d.key]:
                    return by_entry[pid]
                parent = self.by_id.get(pid)
                pid = parent.parent if parent else None
        if base is not None and base.key in ids and base is not d:
            return ids[base.key]
        if d.base and d.base[:1] == ("entry",):  # a governorate made from its city's entry
            src = self.by_id.get(d.base[1])
            pid = src.parent if src else None
            while pid:
                if pid in by_entry and pid != d.base[1]:
                    return by_entry[pid]
                parent = self.by_id.get(pid)
                pid = parent.parent if parent and parent.parent != pid else None
            return None
        # a place found by its cue sits in the larger place named just after or before it
        rank = KIND_RANK.get(d.kind, 8)
        start = d.first
        best, gap = None, WITHIN_WINDOW + 1
        # a gazetteer place of no country lies in none by nearness, a contested one only in a
        # claimant («نقل السفارة إلى القدس» told beside «تركيا» does not put Jerusalem in Turkey)
        claimants = load_contested().get(e.id, frozenset()) if e is not None and not e.country else None
        for o in live:
            if o is d or KIND_RANK.get(o.kind if o.entry is None else o.entry.kind, 8) >= rank:
                continue
            if claimants is not None and (o.entry.country if o.entry else o.country) not in claimants:
                continue
            for s, _ in o.mentions:
                if abs(s - start) < gap:
                    best, gap = o, abs(s - start)
        return ids[best.key] if best is not None else None


# ---------------------------------------------------------------------- helpers


def _guessed_country(entry: PlaceEntry | None, country: str | None) -> str | None:
    """The article's country for a place that has none of its own: a village the gazetteer
    lacks, told in a report on Syria, lies in Syria. A gazetteer place filed under no country on
    purpose is given none by guess («الشرق الأوسط» in a report from Abu Dhabi is not in the UAE;
    a sea borders several), except a contested city, which may take a claimant's
    (contested_places.tsv: Jerusalem is Israel's or Palestine's, never Turkey's)."""
    if entry is None:
        return country
    return country if country in load_contested().get(entry.id, ()) else None


def _best(cands: Sequence[PlaceEntry], country: str | None) -> PlaceEntry:
    """Same country as the article first, then the larger kind and population."""

    def score(e: PlaceEntry) -> tuple:
        return (
            country is not None and e.country == country,
            e.kind == "country",
            -KIND_RANK.get(e.kind, 8) if e.kind in ("city", "admin1", "country") else -9,
            e.population or 0,
        )

    return max(cands, key=score)


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


def _past_verb_with_t(n: str) -> bool:
    """«التحمت», «انسحبت»: a derived-form verb in the feminine past, which looks definite."""
    return len(n) >= 6 and n.endswith("ت") and n[-2] != "ا" and n.startswith(("الت", "ان", "است"))


def _verb_shaped(n: str) -> bool:
    """«توقفت», «تعرضت», «قتلوا», «يسيطر»: an inflected verb, not a name after a cue."""
    return (
        (n.endswith("ت") and n[:1] in "تاي" and len(n) >= 4)
        or n.endswith("وا")
        or (n[:1] in "يت" and n.endswith("ون"))
    )


def _kind_class(kind: str) -> str:
    return {"town": "village", "village": "village", "city": "city"}.get(kind, kind)


def _strip_conj(text: str) -> str:
    return text[1:] if text[:1] in ("و", "ف") else text


def _name_key(toks: Sequence[Tok], s: int, e: int, joined: bool) -> tuple[str, ...]:
    words = []
    for k in range(s, e):
        n = toks[k].norm
        if k == s and joined and n.startswith(("و", "ف")):
            n = n[1:]
        if toks[k].is_word:
            words.append(n)
    return tuple(words)


def _last_key(drafts: dict, hits: list[Hit], kinds: set[str], before: int) -> tuple | None:
    """The latest place of one of these kinds named before token `before`."""
    best, at = None, -1
    for h in hits:
        if h.start < before and h.start > at and any(e.kind in kinds for e in h.candidates):
            best, at = ("hit", id(h)), h.start
    for key, d in drafts.items():
        if key[0] == "new" and d.kind in kinds and d.first < before and d.first > at:
            best, at = key, d.first
    return best


def _precision(kind: str, d: Draft) -> int:
    if kind in ("country", "admin1", "region") or d.key[0] == "rif":
        return 3 if d.key[0] != "rif" or d.key[2] is None else 2
    if kind in POINT_KINDS and d.plain:
        return 1
    return 2


def register_extensions() -> None:
    if not Doc.has_extension("places"):
        Doc.set_extension("places", default=None)


@Language.factory("conflict_places")
def make_place_finder(nlp: Language, name: str) -> PlaceFinder:
    """Pipeline entry point: the finder over the project's gazetteer and actor lexicon."""
    return PlaceFinder(load_places(), load_actors())
