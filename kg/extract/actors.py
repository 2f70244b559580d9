"""The `conflict_actors` spaCy component: every actor an article names, once, with its mentions.

Sources, most trusted first: the actor lexicon (clitic-aware alias lookup); nationality
adjectives on force heads («طائرات روسية», «القصف الروسي والسوري», «الجيش العراقي»); cue
patterns for names no lexicon holds (titles before person names, «كتائب X», «مراسل X»,
«الناطق باسم X», «مصادر أمنية عراقية»); victims («مدنيين», «13 شخصا») gathered into one
civilians actor; and words that refer back («المصادر», «الجيش») to an actor already named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.arabic.dates import calendar
from kg.arabic.normalise import norm
from kg.arabic.numbers import number_words
from kg.arabic.shapes import masdar_shaped
from kg.extract.entity_cues import Cue, Cues, Nationality, load_cues
from kg.extract.lexicon_index import actor_index
from kg.extract.matcher import AliasIndex, Match, Tok, alias_words, doc_text, doc_tokens
from kg.extract.names import OUTLET_LEADS, addressed_outlet, has_article, is_name_word, name_end, quoted_end
from kg.extract.phrases import function_words
from kg.lexicons import ActorEntry, load_actors
from kg.model import ACTOR_KINDS as KINDS
from kg.model import Actor, Mention

NAME_LINKS = {"عبد", "ابو", "بن", "ابن", "ام", "بنت", "ال", "ولد"}
MAX_NAME_UNITS = 4
OUTLET_NOUNS = ("وكالة", "قناة", "صحيفة", "إذاعة", "تلفزيون")
OUTLET_HEADS = frozenset({"وكاله", "قناه", "صحيفه", "جريده", "اذاعه", "تلفزيون", "موقع"})  # normalised
PAPERS = frozenset({"صحيفه", "جريده"})
Y_NAMES = frozenset({"يوسف", "يحيي", "ياسر", "يزيد", "يعقوب", "يونس", "ياسين", "يمان", "يسري", "يعرب"})
PREP_FORMS = ("بت", "بال", "لل", "لت", "لي", "كال", "بي", "فال", "وال")
COMPLEMENT_MAX = 4
COMPLEMENTISERS = frozenset({"ان", "لان", "بان", "وان"})  # normalised «إن», «أن», «لأن», «بأن»
SAYING = {"ان", "إن", "أن", "انه", "انها", ":", "،", ",", "قال", "قوله"}
BOARD_WORDS = frozenset({"اداره", "الاداره", "الامناء", "امناء"})
GOV_FORCE_LABELS = {"forces", "army", "government forces"}


@dataclass
class Draft:
    key: tuple
    label_ar: str
    kind: str
    label_en: str | None = None
    country: str | None = None
    entry: ActorEntry | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    first: int = 1 << 30
    office_ar: str | None = None
    office_en: str | None = None

    def add(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        self.first = min(self.first, start)


def _bracketed_names(toks: Sequence[Tok], drafts: dict) -> None:
    """«وكالة الأنباء الرسمية (سانا)», «تنظيم الدولة الإسلامية (داعش)»: a name in brackets
    right after another (one adjective may come between) is the same actor written short.
    The lexicon's identity wins; two different lexicon actors stay apart («(فرع القاعدة)»)."""
    starts = {s: key for key, d in drafts.items() for s, _e in d.mentions}
    for key in list(drafts):
        d = drafts.get(key)
        if d is None:
            continue
        for _s, e in list(d.mentions):
            k = e + 1 if e + 1 < len(toks) and toks[e].text != "(" else e  # one word between
            if k >= len(toks) or toks[k].text != "(":
                continue
            other = starts.get(k + 1)
            o = drafts.get(other) if other is not None else None
            if (
                o is None
                or other == key
                or not any(s2 == k + 1 and e2 < len(toks) and toks[e2].text == ")" for s2, e2 in o.mentions)
            ):
                continue
            if key[0] == "lex" and other[0] == "lex":
                continue
            keep, drop = (other, key) if other[0] == "lex" else (key, other)
            target, src = drafts[keep], drafts.pop(drop)
            for s2, e2 in src.mentions:
                target.add(s2, e2)
            starts.update({s2: keep for s2, _e2 in src.mentions})
            break


# closed word sets the actor rules read (kg/lexicons/function_words.tsv says what each is for)
SPEAKER_CLOSERS = function_words("speaker_closers")
NOT_NAMES = function_words("not_names")
GENERIC_BACK_HEADS = function_words("generic_back_heads")
GROUP_HEADS = function_words("group_heads")
OFFICIAL_HEADS = function_words("official_heads")
LEADER_WORDS = function_words("leader_words")
LOYALIST_HEADS = function_words("loyalist_heads")
UNIT_HEADS = function_words("unit_heads")


@cache
def _common_words() -> frozenset[str]:
    from kg.lexicons import load_common_words

    return load_common_words()


@cache
def _numbers() -> frozenset[str]:
    return frozenset(number_words())


def force_phrase_end(toks: Sequence[Tok], i: int, cues: Cues) -> int | None:
    """End of a «head (modifier)* nationality (و nationality)*» phrase starting at i.

    Places use it to skip «طائرات روسية وسورية»: the feminine «سورية» there is an
    adjective, not the country.
    """
    if "force_head" not in cues.types_of(toks[i].norm):
        return None
    head = cues.at("force_head", toks, i)
    if head is None:
        return None
    parsed = _parse_force(toks, head.end, cues)
    return parsed[1] if parsed and parsed[0] else None


def _parse_force(
    toks: Sequence[Tok], j: int, cues: Cues
) -> tuple[list[tuple[Nationality, int, int]], int] | None:
    """After a force head: modifiers, then one or more nationalities; (nats with spans, end)."""
    k = j
    while k < len(toks) and cues.at("force_mod", toks, k) is not None and k - j < 3:
        k += 1
    nats: list[tuple[Nationality, int, int]] = []
    while k < len(toks):
        m = cues.nationality.match_at(toks, k)
        if m is None:
            break
        if nats and not toks[k].norm.startswith("و"):
            break
        nats.append((m.payloads[0], k, m.end))
        k = m.end
        # «والمروحي» between two nationalities is still a modifier
        while k < len(toks) and cues.at("force_mod", toks, k) is not None:
            k += 1
    if not nats:
        return None
    return nats, nats[-1][2]


class ActorFinder:
    """Finds actors in a doc; holds the indexes so a pipeline builds them once."""

    def __init__(self, actors: Sequence[ActorEntry], cues: Cues | None = None) -> None:
        self.cues = cues or load_cues()
        self.index: AliasIndex[ActorEntry] = actor_index(actors)
        self.force_entry = _force_entries(actors)
        self._hot: dict[str, bool] = {}
        self._single: dict[str, frozenset[str]] = {}
        # outlets by their bare names: «الرياض» for «صحيفة الرياض»
        self._outlets: dict[tuple[str, ...], ActorEntry] = {}
        for paper in (True, False):  # «لـ«الشرق الأوسط»»: the newspaper before the agency
            for e in actors:
                for name in e.names if e.kind == "media" else ():
                    words = alias_words(name)
                    if len(words) >= 2 and words[0] in OUTLET_HEADS and (words[0] in PAPERS) == paper:
                        self._outlets.setdefault(tuple(words[1:]), e)
        # «قوات صالح»: a leader's last name -> the lexicon's forces named after him
        self._forces_of: dict[str, list[ActorEntry]] = {}
        for e in actors:
            if e.kind == "person":
                continue
            for name in e.names:
                words = alias_words(name)
                if len(words) == 2 and words[0] in LOYALIST_HEADS:
                    bucket = self._forces_of.setdefault(words[1], [])
                    if e not in bucket:
                        bucket.append(e)
        self._doc_countries: frozenset[str | None] = frozenset()  # of the doc being read
        self.demonym: dict[str, str] = {}
        for _, nats in self._nationalities():
            for n in nats:
                if n.country:
                    self.demonym.setdefault(n.country, n.demonym_en)
        register_extensions()

    def _nationalities(self) -> list[tuple[tuple[str, ...], tuple[Nationality, ...]]]:
        from kg.extract.entity_cues import parse_nationalities

        return [(f, (n,)) for f, n in parse_nationalities()]

    def __call__(self, doc: Doc) -> Doc:
        toks = doc_tokens(doc)
        in_place = self._place_tokens(doc, toks)
        country = doc.user_data.get("kg_country")
        self._doc_countries = frozenset(p.country for p in getattr(doc._, "places", None) or [])
        drafts: dict[tuple, Draft] = {}
        pending: list[tuple[str, int, int, str]] = []  # (what, start, end, detail) to attach later
        i = 0
        hot = self._hot
        while i < len(toks):
            tok = toks[i]
            if tok.norm in OUTLET_LEADS and (out := addressed_outlet(toks, i, self.index)) is not None:
                self._outlet(toks, out, drafts)
                i = out[2]
                continue
            if not tok.is_word or not hot.get(tok.norm, True) or not self._is_hot(tok):
                i += 1  # most words start no actor or cue: one dict lookup says so
                continue
            nxt = self._step(toks, i, drafts, pending, in_place, country)
            i = max(nxt, i + 1)
        if country is None:
            country = _vote_country(drafts)
        self._country_agents(doc, toks, drafts)
        _bracketed_names(toks, drafts)
        self._known_again(toks, drafts, in_place)
        self._head_again(toks, drafts, in_place)
        self._attach(pending, drafts, country)
        doc._.actors = self._finish(doc, toks, drafts, country)
        return doc

    def _country_agents(self, doc: Doc, toks: Sequence[Tok], drafts: dict) -> None:
        """«شنت إسرائيل غارات», «اتهمت تركيا»: a country right after a verb of attack or of
        saying is its subject, so the country acts: as its forces (attack) or its government
        (statement), joining them when the article names them too. It stays a place as well."""
        spans = doc.spans.get("places", [])
        if not spans:
            return
        places = {p.id: p for p in getattr(doc._, "places", None) or []}
        by_i = {t.i: n for n, t in enumerate(toks)}
        for sp in spans:
            p = places.get(sp.label_)
            n = by_i.get(sp.start)
            if p is None or p.kind != "country" or not p.country or not n:
                continue
            e = n
            while e < len(toks) and toks[e].i < sp.end:
                e += 1
            verb = self.cues.at("agent_verb", toks, n - 1)
            if verb is None or verb.end != n:
                # «إن إسرائيل قصفت»: the subject fronted after «إن/أن», the verb right after it
                after = self.cues.at("agent_verb", toks, e) if e < len(toks) else None
                verb = after if after is not None and toks[n - 1].norm in COMPLEMENTISERS else None
            if verb is None:
                continue
            kind = verb.payloads[0].kind
            # a statement goes to the government, else to the forces the article names
            forces = ("state_force", "foreign_force")
            order = [forces] if kind == "state_force" else [("political",), forces]
            own: list[Draft] = []
            for kinds in order:
                own = own or [
                    d for d in drafts.values() if d.country == p.country and d.kind in kinds and d.mentions
                ]
            if own:
                min(own, key=lambda d: d.first).add(n, e)
                continue
            branch = "forces" if kind == "state_force" else "government"
            label_en = p.label_en if kind == "state_force" else f"{p.label_en} government"
            self._draft(drafts, ("force", p.country, branch), p.label_ar, kind, label_en, p.country).add(n, e)

    def _is_hot(self, tok: Tok) -> bool:
        hot = self._hot.get(tok.norm)
        if hot is None:
            hot = bool(self.cues.types_of(tok.norm)) or self.index.may_start(tok)
            if len(self._hot) < 30_000:  # bounded like the word-forms cache
                self._hot[tok.norm] = hot
        return hot

    def _place_tokens(self, doc: Doc, toks: Sequence[Tok]) -> set[int]:
        spans = doc.spans.get("places", [])
        if not spans:
            return set()
        starts = {t.start: n for n, t in enumerate(toks)}
        out: set[int] = set()
        for sp in spans:
            n = starts.get(sp.start_char)
            while n is not None and n < len(toks) and toks[n].start < sp.end_char:
                out.add(n)
                n += 1
        return out

    # ------------------------------------------------------------------ one position
    def _step(
        self,
        toks: Sequence[Tok],
        i: int,
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int:
        cues = self.cues
        lex = self.index.match_at(toks, i)
        types = cues.types_of(toks[i].norm)
        if lex is None and not types:
            return i + 1  # most words: no actor and no cue starts here
        head = cues.at("force_head", toks, i) if "force_head" in types else None
        force = _parse_force(toks, head.end, cues) if head is not None else None
        if force is not None and (lex is None or force[1] > lex.end):
            return self._force(toks, i, head.payloads[0], force, drafts, country)
        if lex is not None and lex.start in in_place and self._inside_longer_place(lex, in_place):
            lex = None  # «فندق الجزيرة» is a hotel, not the channel
        if lex is not None and lex.end - lex.start == 1 and self._article_on_bare_name(toks[lex.start], lex):
            lex = None  # «الحماس» (enthusiasm) is not «حماس»
        if lex is not None:
            self._known(toks, lex, drafts, country)
            return lex.end
        if head is not None:
            return self._bare_head(toks, i, head, drafts, pending, country, in_place)
        for type_, fn in (
            ("militia_head", self._militia),
            ("source_head", self._source),
            ("media", self._media),
            ("spokesman", self._spokesman),
            ("org", self._org),
            ("title", self._title),
            ("kunya", self._kunya),
            ("speech_verb", self._speaker),
            ("generic_actor", self._generic),
            ("civilians", self._civilians),
        ):
            m = cues.at(type_, toks, i) if type_ in types else None
            if m is not None:
                end = fn(toks, i, m, drafts, pending, in_place, country)
                if end is not None:
                    return end
        return i + 1

    def _known(self, toks: Sequence[Tok], lex: Match[ActorEntry], drafts: dict, country: str | None) -> Draft:
        """The actor a lexicon match names: the entry the article's countries pick among those
        sharing the alias, else a name of its own («الدفاع المدني» in an article about a country
        without its own entry)."""
        label = _text(toks, lex.start, lex.end)
        e = self._pick(lex.payloads, country, self._doc_countries)
        if e is None:
            key = ("shared", _key_words(toks, lex.start, lex.end))
            d = self._draft(drafts, key, label.removeprefix("و"), "other", None, country)
        else:
            d = self._draft(drafts, ("lex", e.id), label, e.kind, e.name_en, e.country, e)
        d.add(lex.start, lex.end)
        return d

    def _outlet(self, toks: Sequence[Tok], where: tuple[int, int, int], drafts: dict) -> None:
        """The outlet a source spoke to: the lexicon's («صحيفة الرياض» from «الرياض»), else a
        media actor of that name."""
        s, e, _ = where
        words = _key_words(toks, s, e)
        entry = self._outlets.get(words)
        if entry is None:
            lex = self.index.match_at(toks, s)
            entry = lex.payloads[0] if lex is not None and lex.end == e else None
        label = _text(toks, s, e)
        if entry is not None:
            e_ = entry
            self._draft(drafts, ("lex", e_.id), label, e_.kind, e_.name_en, e_.country, e_).add(s, e)
        else:
            self._draft(drafts, ("media", words), label, "media").add(s, e)

    def _pick(
        self, entries: Sequence[ActorEntry], country: str | None, named: frozenset[str | None]
    ) -> ActorEntry | None:
        """One entry for an alias several countries share («الدفاع المدني», «أنصار الشريعة»,
        «قوات التحالف»): the article's country's, else the one fighting in that country, else
        the one country among its places that has an entry, else None (a name of its own)."""
        if len(entries) == 1 or len({e.country for e in entries}) == 1:
            return entries[0]
        own = [e for e in entries if e.country == country] or [e for e in entries if country in e.theatres]
        own = own or [e for e in entries if e.country in named]
        own = own or [e for e in entries if not named.isdisjoint(e.theatres)]
        return own[0] if len({e.country for e in own}) == 1 else None

    def _article_on_bare_name(self, tok: Tok, lex: Match[ActorEntry]) -> bool:
        """A one-word name written without «ال» («حماس», «داعش», «فتح») does not take it: with
        the article the word is the ordinary noun («الحماس», «الفتح»)."""
        if not has_article(tok):
            return False
        return not any(n.startswith("ال") for e in lex.payloads for n in self._one_word_names(e))

    def _one_word_names(self, e: ActorEntry) -> frozenset[str]:
        got = self._single.get(e.id)
        if got is None:
            got = self._single[e.id] = frozenset(norm(n) for n in e.names if " " not in n.strip())
        return got

    def _inside_longer_place(self, lex: Match[ActorEntry], in_place: set[int]) -> bool:
        return all(k in in_place for k in range(lex.start, lex.end)) and (
            lex.start - 1 in in_place or lex.end in in_place
        )

    def _draft(
        self,
        drafts: dict,
        key: tuple,
        label: str,
        kind: str,
        label_en: str | None = None,
        country: str | None = None,
        entry: ActorEntry | None = None,
    ) -> Draft:
        d = drafts.get(key)
        if d is None:
            d = drafts[key] = Draft(key, label, kind, label_en, country, entry)
        return d

    def _force(
        self, toks: Sequence[Tok], i: int, head: Cue, force: tuple, drafts: dict, country: str | None
    ) -> int:
        nats, end = force
        for n, (nat, s, e) in enumerate(nats):
            key = ("force", nat.country or nat.demonym_en, _branch(head.label_en, nat.country == country))
            label = _text(toks, i, e) if n == 0 else f"{head.cue} {_text(toks, s, e).lstrip('و')}"
            d = self._draft(
                drafts,
                key,
                label,
                head.kind or "state_force",
                f"{nat.demonym_en} {head.label_en}",
                nat.country,
            )
            d.add(i if n == 0 else s, e)
        return end

    def _bare_head(
        self,
        toks: Sequence[Tok],
        i: int,
        head: Match[Cue],
        drafts: dict,
        pending: list,
        country: str | None,
        in_place: set[int] = frozenset(),  # type: ignore[assignment]
    ) -> int:
        """«قوات النظام», «القوات الحكومية»: the state's own forces; a bare «الجيش» refers
        back to the army already named."""
        cue = head.payloads[0]
        k = head.end
        while k < len(toks) and self.cues.at("force_mod", toks, k) is not None and k - head.end < 2:
            k += 1
        if k < len(toks):
            reg = self.cues.at("regime", toks, k)
            pro = self.cues.at("pro", toks, k)
            if pro is not None:
                return self._pro(toks, i, pro.end, drafts)
            if reg is not None and cue.kind == "state_force":
                pending.append(("gov", i, reg.end, cue.label_en))
                return reg.end
            if k == head.end and toks[i].norm.removeprefix("و") in LOYALIST_HEADS:
                end = self._loyalists(toks, i, k, drafts, country)
                if end is not None:
                    return end
            end = self._unit_name_end(toks, i, head.end, in_place) if k == head.end else None
            if end is not None:
                # «جيش X» unnamed by the lexicon is most often a rebel army (a state's army
                # goes by its nationality); «قوات/شرطة X» a unit of the state's forces
                rebel = toks[i].norm.removeprefix("و") == "جيش"
                kind, owner = ("armed_group", None) if rebel else ("state_force", country)
                label = _text(toks, i, end).removeprefix("و")
                self._draft(drafts, ("unit", _key_words(toks, i, end)), label, kind, None, owner).add(i, end)
                return end
        # «الجيش», «القوات», «قوات الأمن»: the article's state forces
        if cue.kind == "state_force" and (has_article(toks[i]) or has_article(toks[head.end - 1])):
            pending.append(("bare_ok" if cue.number == "bare_ok" else "bare", i, k, cue.label_en))
        return head.end

    def _unit_name_end(self, toks: Sequence[Tok], i: int, j: int, in_place: set[int]) -> int | None:
        """«قوات الطوارئ الخاصة», «جيش المجاهدين», «قوات الحزام الأمني»: an indefinite force
        head in construct with definite words names a unit of its own. With the article on the
        head («القوات المشاركة») the words only describe it, so nothing is made."""
        if has_article(toks[i]) or toks[i].norm.removeprefix("و") not in UNIT_HEADS:
            return None
        end = j
        while end < len(toks) and end - j < 3:
            t = toks[end]
            if not t.is_word or not has_article(t) or end in in_place or t.norm in self._not_unit_words:
                break
            if (t.norm,) in calendar():
                break  # «شرطة الشرفية الخميس»: a day, not part of the name
            if self.index.may_start(t) and self.index.match_at(toks, end) is not None:
                return None  # «قوات التحالف العربي»: a known actor's own name
            if self.cues.types_of(t.norm) - {"force_mod", "name_modifier"}:
                break
            end += 1
        return end if end > j else None

    @cached_property
    def _not_unit_words(self) -> frozenset[str]:
        """Words after a force head that never start a unit's name: nationalities and the state."""
        words = {n for n in self.nationality_forms()}
        return frozenset(words | function_words("prepositions") | function_words("relative"))

    def nationality_forms(self) -> set[str]:
        out: set[str] = set()
        for forms, _nats in self._nationalities():
            for f in forms:
                n = norm(f)
                out |= {n, "ال" + n}
        return out

    def _pro(self, toks: Sequence[Tok], i: int, end: int, drafts: dict) -> int:
        """«المليشيات الموالية له», «قوات موالية للحكومة»."""
        k = end
        if k < len(toks) and toks[k].norm in ("له", "لها", "للنظام", "للحكومه", "لهم"):
            k += 1
        d = self._draft(
            drafts,
            ("militia", "pro-government"),
            _text(toks, i, k).removeprefix("و"),
            "militia",
            "pro-government militias",
        )
        d.add(i, k)
        return k

    def _militia(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        pro = self.cues.at("pro", toks, m.end) if m.end < len(toks) else None
        if pro is None:
            return self._loyalists(toks, i, m.end, drafts, country)
        return self._pro(toks, i, pro.end, drafts)

    def _loyalists(
        self, toks: Sequence[Tok], i: int, j: int, drafts: dict, country: str | None
    ) -> int | None:
        """«مليشيات صالح», «قوات الرئيس المخلوع علي عبدالله صالح»: the men of a named leader,
        when the lexicon has forces named after him (his last name ends the phrase; titles and
        his other names may come between)."""
        k = j
        while k < len(toks) and k - j < 6:
            t = toks[k]
            forces = self._forces_of.get(t.norm)
            if forces is not None and len(forces) == 1:
                e = forces[0]
                label = _text(toks, i, k + 1).removeprefix("و")
                self._draft(drafts, ("lex", e.id), label, e.kind, e.name_en, e.country, e).add(i, k + 1)
                return k + 1
            title = self.cues.at("title", toks, k)
            if title is not None:
                k = title.end
            elif (is_name_word(t, self.cues) and not has_article(t)) or t.norm in LEADER_WORDS:
                k += 1
            else:
                return None
        return None

    def _source(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """«مصادر أمنية عراقية», «مصدر أمني», «مصادر أمنية ومحلية»; «المصادر» refers back."""
        k = m.end
        adjs: list[str] = []
        while k < len(toks):
            a = self.cues.at("source_adj", toks, k, max_rank=1 if adjs else 0)
            if a is None:
                a = self.cues.at("source_adj", toks, k, max_rank=2)
                if a is None or not has_article(toks[k]):
                    break
            if adjs and toks[k].norm.startswith("و") and a.rank == 0:
                break
            adjs.append(a.payloads[0].label_en)
            k = a.end
        if not adjs:
            if toks[i].norm in ("المصادر", "المصدر") or has_article(toks[i]):
                pending.append(("source", i, m.end, ""))
                return m.end
            return self._official_of_place(toks, i, m.end, drafts, in_place)
        nat = self.cues.nationality.match_at(toks, k) if k < len(toks) else None
        c = None
        if nat is not None:
            c = nat.payloads[0].country
            k = nat.end
        labels = sorted(set(adjs))
        key = ("source", tuple(labels))
        demonym = (nat.payloads[0].demonym_en + " ") if nat is not None else ""
        who = "officials" if toks[i].norm.removeprefix("و") in OFFICIAL_HEADS else "sources"
        d = self._draft(drafts, key, _text(toks, i, k), "other", f"{demonym}{' and '.join(labels)} {who}", c)
        d.add(i, k)
        return k

    def _official_of_place(
        self, toks: Sequence[Tok], i: int, j: int, drafts: dict, in_place: set[int]
    ) -> int | None:
        """«مسؤول في مطار عدن», «مصدر في مستشفى المدينة»: an unnamed official or source of the
        place named right after «في/من» speaks; the place is part of who they are."""
        if j + 1 >= len(toks) or toks[j].norm not in ("في", "من") or j + 1 not in in_place:
            return None
        end = j + 1
        while end < len(toks) and end in in_place and end - j <= 4:
            end += 1
        label = _text(toks, i, end).removeprefix("و")
        self._draft(drafts, ("source", _key_words(toks, i, end)), label, "other").add(i, end)
        return end

    def _media(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """«مراسل الجزيرة», «وكالة «رويترز»»: the outlet is the actor; the reporter's name,
        when it follows («مراسل الجزيرة في ريف حلب أدهم أبو الحسام أن»), is a person."""
        j = m.end
        if j >= len(toks) or has_article(toks[i]):
            return None
        lex = self.index.match_at(toks, j)
        q = quoted_end(toks, j)
        if lex is not None and lex.start in in_place and self._inside_longer_place(lex, in_place):
            lex = None  # «فندق الجزيرة» is a hotel, not the channel
        if lex is not None and lex.end - lex.start == 1 and self._article_on_bare_name(toks[lex.start], lex):
            lex = None  # «الحماس» (enthusiasm) is not «حماس»
        if lex is not None:
            self._known(toks, lex, drafts, country)
            end = lex.end
        elif q is not None:
            name = _text(toks, j + 1, q - 1)
            self._draft(drafts, ("media", _key_words(toks, j + 1, q - 1)), name, "media").add(j + 1, q - 1)
            end = q
        elif self.cues.at("media", toks, j) is not None:
            return j  # «مراسل وكالة ...»: the next cue names the outlet
        elif m.payloads[0].number == "strict":
            return None  # «موقع», «شبكة»: an outlet only when quoted or known
        else:
            end = name_end(toks, j, self.cues, max_words=2, modifiers=False)
            if end is None or toks[j].norm.startswith("و") or self._not_an_outlet_name(toks[j]):
                return None
            if has_article(toks[j]):
                end = j + 1  # «مراسل الجزيرة في ...»: a definite outlet name is one word
            elif m.payloads[0].cue in OUTLET_NOUNS:
                # «وكالة أنباء الأناضول»: an outlet's name runs on for a few words
                while (
                    end < j + 3
                    and end < len(toks)
                    and is_name_word(toks[end], self.cues)
                    and not (toks[end].norm.startswith("و") or self.cues.nationality.match_at(toks, end))
                ):
                    end += 1
            nat = self.cues.nationality.match_at(toks, end) if end < len(toks) else None
            if nat is not None:  # «وكالة الأنباء الفرنسية»
                end = nat.end
            if end is None or (has_article(toks[j]) and end == j + 1 and j in in_place):
                return None
            label = _text(toks, j, end)
            if m.payloads[0].cue in OUTLET_NOUNS:
                label = f"{m.payloads[0].cue} {label}"
            self._draft(drafts, ("media", _key_words(toks, j, end)), label, "media").add(j, end)
        if m.payloads[0].cue.startswith("مراسل"):
            k = end
            if k < len(toks) and toks[k].norm == "في":
                k += 1
                while k < len(toks) and (
                    k in in_place
                    or self.cues.at("countryside", toks, k)
                    or self.cues.at("direction_adj", toks, k)
                ):
                    k += 1
            p_end = self._person_name(toks, k, in_place)
            if p_end is not None and p_end < len(toks) and toks[p_end].norm in SAYING:
                self._person(toks, k, p_end, drafts, country)
                return p_end
        return end

    def _spokesman(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """«الناطق باسم X»: X speaks, so X is an actor even when no lexicon knows it."""
        j = m.end
        if j >= len(toks):
            return None
        if self.index.match_at(toks, j) is not None:
            return j  # the lexicon step takes it from here
        org = self.cues.at("org", toks, j)
        if org is not None:
            return j
        q = quoted_end(toks, j)
        s_, end = (j + 1, q - 1) if q is not None else (j, name_end(toks, j, self.cues, max_words=3))
        if end is None:
            return None
        if q is None and end - j == 1 and has_article(toks[j]):
            return None  # «باسم العمليات»: a common noun; known bodies come from the lexicon
        self._draft(drafts, ("org", _key_words(toks, s_, end)), _text(toks, s_, end), "other").add(s_, end)
        return end if q is None else q

    def _org(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """«كتائب X», «لواء X», «غرفة عمليات X»; «حركة/تنظيم/جماعة X» only when X is quoted."""
        cue = m.payloads[0]
        if has_article(toks[i]):
            return None
        j = m.end
        if j >= len(toks):
            return None
        q = quoted_end(toks, j)
        if q is not None:
            inner = self.index.match_at(toks, j + 1)
            if inner is not None and inner.end == q - 1:  # «تنظيم (داعش)»: a known group
                e = inner.payloads[0]
                self._draft(drafts, ("lex", e.id), _text(toks, i, q), e.kind, e.name_en, e.country, e).add(
                    i, q
                )
                return q
            end, name_s, name_e = q, j + 1, q - 1
        elif cue.number == "strict":
            return None
        else:
            end = name_end(toks, j, self.cues, max_words=3)
            if end is None:
                return None
            # group names run on for a few words: «أحرار الشام», «فتح حلب»
            while (
                end < j + 3
                and end < len(toks)
                and is_name_word(toks[end], self.cues)
                and not toks[end].norm.startswith("و")
            ):
                end += 1
            name_s, name_e = j, end
        key = ("org", cue.words + _key_words(toks, name_s, name_e))
        label = f"{cue.cue} {_text(toks, name_s, name_e)}"
        d = self._draft(drafts, key, label, cue.kind or "armed_group")
        d.add(i, end)
        return end

    def _title(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """A title, an optional complement («وزير الخارجية الروسي», «مدير ناحية القيارة،»),
        then a person name of at least two words."""
        cue = m.payloads[0]
        if i in in_place:
            return None  # «جامعة الملك سعود»: the title is part of a place's name
        k = m.end
        nat_country = None
        limit = k + (COMPLEMENT_MAX if cue.number == "office" else 1)
        office_at, office_cue, comp_start = i, cue, m.end
        while k < len(toks) and k < limit:
            t = toks[k]
            inner = self.cues.at("title", toks, k) if office_cue.number == "office" or k == m.end else None
            if inner is not None and k > m.end and inner.payloads[0].number != "office":
                break  # «قائد المنطقة الرابعة اللواء X»: the rank starts the name part
            if inner is not None and (not has_article(t) or t.norm.startswith("لل")):
                # «السكرتير الخاص لرئيس الجمهورية اليمني X»: X holds the inner office
                office_at, office_cue = k, inner.payloads[0]
                limit = inner.end + COMPLEMENT_MAX
                k = comp_start = inner.end
                continue
            nat = self.cues.nationality.match_at(toks, k)
            if nat is not None:
                nat_country = nat.payloads[0].country
                k = nat.end
                continue
            lex = self.index.match_at(toks, k)
            if lex is not None and lex.payloads[0].kind == "person" and k > m.end:
                # «رئيس الحكومة التركية أحمد داود أوغلو»: a known person
                d = self._known(toks, lex, drafts, country)
                self._set_office(d, toks, office_at, k, office_cue)
                return lex.end
            if lex is not None:
                self._known(toks, lex, drafts, country)  # «رئيس المجلس الوطني السوري»: the body too
                limit += 1  # «رئيس المجلس التنسيقي للمقاومة الشعبية بتعز، X»
                k = lex.end
                continue
            if office_cue.number == "office" and k in in_place:
                limit += 1  # «وزير حقوق الإنسان في الجمهورية اليمنية X»: where the office is
                k += 1
                continue
            if office_cue.number == "office" and t.norm in ("في", "ب") and k + 1 in in_place:
                limit += 1
                k += 1
                continue
            if k in in_place or (
                office_cue.number == "office"
                and (has_article(t) or self.cues.at("place", toks, k) or self._institution(t))
            ):
                k += 1
                continue
            # «لحقوق الإنسان», «هيئة كبار العلماء»: a genitive phrase of the office, not a name
            if (
                office_cue.number == "office"
                and (t.norm.startswith("ل") or (k > m.end and self._construct_head(toks[k - 1])))
                and k + 1 < len(toks)
                and has_article(toks[k + 1])
            ):
                k += 2
                continue
            # «وزير حقوق الإنسان», «وزير شؤون اللاجئين»: an office is not followed by a bare
            # name, so two everyday words right after it are its complement
            if (
                office_cue.number == "office"
                and k == comp_start
                and k + 1 < len(toks)
                and has_article(toks[k + 1])
                and self._everyday(t)
                and self._ordinary_word(toks[k + 1])
            ):
                k += 2
                continue
            break
        self._office_body(toks, m.end, k, drafts, cue)
        office_end = k  # «قائد المنطقة العسكرية الرابعة، اللواء X»: the rank is no part of it
        if k < len(toks) and toks[k].text in ("،", ","):
            k += 1
        # a second title: «رئيس الاستئناف القاضي جاسم محمد عبود»
        t2 = self.cues.at("title", toks, k) if k < len(toks) else None
        if t2 is not None and t2.payloads[0].number != "office":
            if office_cue.number == "honorific":  # «الشيخ العقيد X»: the rank is what he holds
                office_at, office_cue, office_end = k, t2.payloads[0], t2.end
            k = t2.end
        end = self._person_name(toks, k, in_place)
        if end is None:
            return None
        person = self._person(toks, k, end, drafts, nat_country or country)
        self._set_office(person, toks, office_at, office_end, office_cue)
        return end

    def _office_body(self, toks: Sequence[Tok], s: int, e: int, drafts: dict, cue: Cue) -> None:
        """«رئيس لجنة حقوق الإنسان العربية»: the body an office belongs to is an actor of its
        own (an institution head whose cue row gives a kind), even when no name follows; a board
        of directors («مجلس الإدارة») is a company's, not a party's."""
        if cue.number != "office" or e - s < 2 or s >= len(toks):
            return
        heads = [self.cues.at("institution", toks, s)]
        head = heads[0].payloads[0] if heads[0] is not None else None
        if head is None or not head.kind or self.index.match_at(toks, s) is not None:
            return
        if any(r in BOARD_WORDS for t in toks[s + 1 : e] for r in t.pro[:2]):
            return
        if any(self.index.match_at(toks, x) is not None for x in range(s + 1, e)):
            return  # «رئيس المجلس التنسيقي للمقاومة الشعبية»: the known group is the actor
        for x in range(s + 1, e):  # «مجلس الوزراء وزير الداخلية»: a second office ends the body
            if self.cues.at("title", toks, x) is not None or not toks[x].is_word:
                e = x
                break
        if e - s < 2:
            return
        label = _text(toks, s, e)
        n, w = toks[s].norm, head.words[0]
        if n not in (w, "ال" + w) and n[:1] in "وفبلك" and n[1:] in (w, "ال" + w):
            label = label[1:]  # «لمنظمة», «بالديوان»
        d = self._draft(drafts, ("org", _key_words(toks, s, e)), label, head.kind)
        d.add(s, e)

    def _set_office(self, d: Draft, toks: Sequence[Tok], i: int, k: int, cue: Cue) -> None:
        """The person's office is the title and its complement as written, without a leading
        conjunction («وزير النقل اليمني»); honorifics («الشيخ», «الدكتور») are no office."""
        if d.office_ar is not None or cue.number == "honorific" or k <= i:
            return
        end = k - 1 if toks[k - 1].text in ("،", ",") and k - 1 > i else k
        office = _text(toks, i, end)
        first, word = toks[i].norm, cue.words[0]
        if first[:1] in ("و", "ف", "ل") and first[1:] == word and first != word:
            office = office[1:]  # «ووزير», «لرئيس»
        elif first.startswith("لل") and "ا" + first[1:] == word:
            office = "ا" + office[1:]  # «للرئيس» → «الرئيس»
        d.office_ar = office or None
        d.office_en = cue.label_en or None

    def _preposition_on_word(self, tok: Tok) -> bool:
        common = _common_words()
        return tok.norm not in common and tok.norm[1:] in common

    def _not_an_outlet_name(self, tok: Tok) -> bool:
        """«14 قناة لجأت», «إذاعة مجتمعية», «صحيفة يومية»: a verb, an adjective or an everyday
        word after the outlet noun describes outlets; it does not name one."""
        if has_article(tok):
            return False
        n = tok.norm
        if n.endswith("يه") or (n.endswith("ت") and len(n) <= 5):
            return True
        return n != "انباء" and n in _common_words()

    def _everyday(self, tok: Tok) -> bool:
        """A frequent news word without «ال» that no name list would hold («حقوق», «شؤون»)."""
        return not has_article(tok) and any(f in _common_words() for f in tok.pro[:2])

    def _ordinary_word(self, tok: Tok) -> bool:
        """A frequent news word that is no family name: a definite noun that is not a nisba
        («الخميس», «الاستعادة»), or a feminine noun or masdar («استعادة», «مواجهة»). Frequent
        first names («صالح», «أسامة») pass: they are neither, or end no name here (third word on)."""
        if any(masdar_shaped(f) for f in tok.pro[:2]):
            return True  # «الاستهداف», «التفجير»: a verbal noun, frequent or not
        common = _common_words()
        forms = [f for f in tok.pro[:2] if f in common]
        if not forms:
            return False
        if has_article(tok):
            return not tok.norm.endswith("ي")
        return any(f.endswith("ه") for f in forms)

    def _construct_head(self, tok: Tok) -> bool:
        """An institution noun that can take a genitive («مجلس إدارة», «هيئة كبار العلماء»):
        with «ال» («الشركة») it cannot, so a name after it is a name."""
        return self._institution(tok) and not has_article(tok)

    def _institution(self, tok: Tok) -> bool:
        """«مجلس», «هيئة», «نادي»: heads of body names, part of an office, never a first name."""
        return any(self.cues.has("institution", r) for r in tok.pro[:2])

    def _person_name(self, toks: Sequence[Tok], j: int, in_place: set[int]) -> int | None:
        """A person name: name units («عبد الرحمن», «أبو قتادة» count as one), two to four
        words, ending after a word with «ال» (a family name) or before a function word."""
        if j >= len(toks):
            return None
        t = toks[j]
        if not is_name_word(t, self.cues) or has_article(t) or j in in_place:
            return None
        if t.norm.startswith("و") and t.norm not in ("وليد", "وائل", "وسام", "وفاء", "وعد"):
            return None
        pronoun = t.norm.endswith("ها") or (t.norm.endswith("هم") and len(t.norm) >= 5)
        if t.norm == "باسم" and j + 1 < len(toks) and has_article(toks[j + 1]):
            return None  # «باسم الحكومة» (on behalf of), not the name Basem
        if self._institution(t) or pronoun or "\u064b" in t.text or t.norm == "بن":
            return None  # «حينها», «عاليًا»: not the start of a name
        if t.norm[:1] == "ي" and t.norm not in Y_NAMES:
            return None  # «يرفع»: an imperfect verb right after the title
        if t.norm[:1] in "بلك" and t.norm.endswith("ه"):
            return None  # «بقذيفة»: a preposition on a feminine noun, not a first name
        if t.norm[:1] in "بلك" and len(t.norm) >= 4 and self._preposition_on_word(t):
            return None  # «بوقف القصف»: a preposition on an everyday noun, not a first name
        if _plural_noun(t) or (t.norm.startswith("است") and len(t.norm) >= 5):
            return None  # «خدمات», «استقبل»: a plural noun or a verb, not a first name
        if self.cues.at("title", toks, j) or self.cues.at("force_head", toks, j):
            return None
        if self.index.match_at(toks, j) is not None:
            return None
        k = j
        words = 0
        while k < len(toks) and words < MAX_NAME_UNITS + 1:
            tk = toks[k]
            if not is_name_word(tk, self.cues) or (k > j and tk.norm.startswith("و") and tk.norm[1:2] != "ل"):
                break
            if tk.norm.endswith(("ته", "تها", "تهم", "هما")):  # «بسيارته»: a noun with a pronoun
                break
            if tk.norm.startswith(PREP_FORMS) and len(tk.norm) >= 5:
                break  # «بتمثيل», «لينهي»: a preposition or particle on a noun or verb
            if k > j and tk.norm.startswith(("سي", "ست")) and len(tk.norm) >= 5:
                break  # «سيصبح»: a future verb after the name
            if k > j and (k in in_place or self.cues.at("spokesman", toks, k) is not None):
                break  # «نتنياهو غزة», «أبو مصعب المتحدث باسم»: the name ended before
            if k > j and _plural_noun(tk):
                break  # «فهد فعاليات»: the name ended
            if k >= j + 2 and (self._ordinary_word(tk) or self.cues.at("title", toks, k) is not None):
                break  # «بدر باسلمة استعادة», «محمد مارم السكرتير الخاص»: the clause goes on
            # a title inside starts a new person («... العقيد X»), unless it ends this name as a
            # family name («حسان الشيخ الضابط»)
            if (
                k > j
                and self.cues.at("title", toks, k) is not None
                and k + 1 < len(toks)
                and is_name_word(toks[k + 1], self.cues)
                and not has_article(toks[k + 1])
            ):
                break
            link = tk.norm in NAME_LINKS
            k += 1
            words += 1
            if link and k < len(toks) and is_name_word(toks[k], self.cues):
                k += 1
                words += 1
                continue
            if has_article(tk) and k - j >= 2 and not (k < len(toks) and toks[k].norm == "بن"):
                break  # a family name ends the name, unless a lineage follows («الفيصل بن ...»)
        if k - j < 2:
            return None
        return k

    def _speaker(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """«وقال سايمن تيمبلر، أحد سكان القرية، إن …»: an untitled name right after a speech
        verb is the speaker when what follows closes it (a comma, «إن/أن», an apposition such as
        «أحد», «وهو», «المتحدث»). Every word must be rare in news text, so «وقال أيضا إن» or
        «وقال مصدر» never make a person."""
        j = m.end
        end = self._person_name(toks, j, in_place)
        if end is None or end - j > 3:
            return None
        common = _common_words()
        words = toks[j:end]
        if any(f in common for t in words for f in t.readings) or any(len(t.norm) < 3 for t in words):
            return None  # «مسؤولون عسكريون», «لي»: ordinary words, not a name
        if any("\u064b" in t.text for t in words) or any(r in NOT_NAMES for r in words[0].pro):
            return None  # «متهكماً» (an adverb); «شاهد عيان» describes
        nxt = toks[end].norm if end < len(toks) else ""
        if not (nxt in SPEAKER_CLOSERS or (end < len(toks) and not toks[end].is_word)):
            return None
        self._person(toks, j, end, drafts, country)
        return end

    def _person(self, toks: Sequence[Tok], s: int, e: int, drafts: dict, country: str | None) -> Draft:
        d = self._draft(
            drafts, ("person", _key_words(toks, s, e)), _text(toks, s, e), "person", None, country
        )
        d.add(s, e)
        return d

    def _kunya(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """«أبو قتادة المغربي», «أبو بكر البغدادي»: a kunya and a nisba name a person without
        any title; the nisba («...ي» with «ال») keeps place names like «أبو سليم» out."""
        j = m.end
        if i in in_place or j + 1 >= len(toks) or j in in_place:
            return None
        first, nisba = toks[j], toks[j + 1]
        if not is_name_word(first, self.cues) or has_article(first) or not first.is_word:
            return None
        if not (has_article(nisba) and nisba.norm.endswith("ي") and is_name_word(nisba, self.cues)):
            return None
        self._person(toks, i, j + 2, drafts, country)
        return j + 2

    def _generic(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        cue = m.payloads[0]
        if cue.label_en == "rebels":
            pending.append(("rebels", i, m.end, ""))
            return m.end
        if cue.kind == "civilians":
            self._draft(drafts, ("civilians",), _text(toks, i, m.end), "civilians", "Civilians", country).add(
                i, m.end
            )
            return m.end
        d = self._draft(drafts, ("generic", cue.label_en), _text(toks, i, m.end), cue.kind, cue.label_en)
        d.add(i, m.end)
        return m.end

    def _civilians(
        self,
        toks: Sequence[Tok],
        i: int,
        m: Match[Cue],
        drafts: dict,
        pending: list,
        in_place: set[int],
        country: str | None,
    ) -> int | None:
        """Victim words make one civilians actor; a bare count («13 شخصا») only when nothing
        after it says they were fighters («في صفوف قوات النظام», «عنصرا»)."""
        cue = m.payloads[0]
        start = i
        if cue.number == "needs_number":
            if i == 0 or not _is_number(toks[i - 1]):
                return None
            start = i - 1
        for k in range(m.end, min(len(toks), m.end + 7)):
            if not toks[k].is_word:
                break
            if self.cues.at("not_civilians", toks, k) is not None:
                return m.end
        self._draft(drafts, ("civilians",), _text(toks, start, m.end), "civilians", "Civilians", country).add(
            start, m.end
        )
        return m.end

    # ------------------------------------------------------------------ after the scan
    def _same_people(self, drafts: dict) -> None:
        """«اللواء أحمد اليافعي» and «اللواء أحمد سيف اليافعي»: one person written with and
        without a middle name (same first and last word, the shorter inside the longer)."""
        known = {  # people the lexicon knows, by the words of their names
            k: max((tuple(alias_words(n)) for n in d.entry.names), key=len)
            for k, d in drafts.items()
            if k[0] == "lex" and d.entry is not None and d.entry.kind == "person"
        }
        words_of = {**{k: k[1] for k in drafts if k[0] == "person"}, **known}
        people = sorted(words_of, key=lambda k: -len(words_of[k]))
        for short in sorted(people, key=lambda k: len(words_of[k])):
            inner = words_of[short]
            if len(inner) < 2 or short not in drafts:
                continue
            for long in people:
                words = words_of[long]
                if long == short or len(words) <= len(inner) or long not in drafts:
                    continue
                if words[0] == inner[0] and words[-1] == inner[-1] and set(inner) <= set(words):
                    # the lexicon's entry keeps the identity; else the fuller name
                    keep, drop = (short, long) if short[0] == "lex" else (long, short)
                    if drop[0] == "lex":
                        continue  # two lexicon people are two people
                    target, src = drafts[keep], drafts.pop(drop)
                    if src.office_ar and (target.office_ar is None or src.first < target.first):
                        target.office_ar, target.office_en = src.office_ar, src.office_en  # first stated
                    for st, en in src.mentions:
                        target.add(st, en)
                    break

    def _head_again(self, toks: Sequence[Tok], drafts: dict, in_place: set[int]) -> None:
        """«التنظيم», «الجماعة», «الوحدات», «المقاومة» after «تنظيم الدولة», «جماعة الحوثي»,
        «وحدات حماية الشعب», «المقاومة الشعبية»: the first word of a named group's name, made
        definite, refers back to it when the article names one group with that head. Heads of
        state forces and officials («الجيش», «القوات», «الأمن») are left to their own rules."""
        owners: dict[str, set[tuple]] = {}
        first_at: dict[tuple, int] = {}
        for key, d in drafts.items():
            if key[0] != "lex" or d.entry is None or d.kind in ("person", "state_force", "political"):
                continue
            first_at[key] = d.first
            for name in d.entry.names:
                words = alias_words(name)
                if len(words) < 2:
                    continue
                head = words[0] if words[0].startswith("ال") else "ال" + words[0]
                if head[2:] not in self._state_heads and head not in GENERIC_BACK_HEADS:
                    owners.setdefault(head, set()).add(key)
        if not owners:
            return
        taken = {k for d in drafts.values() for s, e in d.mentions for k in range(s, e)}
        for i, tok in enumerate(toks):
            if i in taken or i in in_place or not tok.is_word:
                continue
            for r in tok.pro:
                keys = owners.get(r)
                if keys is not None:
                    if len(keys) == 1 and first_at[next(iter(keys))] < i:
                        drafts[next(iter(keys))].add(i, i + 1)
                    break

    @cached_property
    def _state_heads(self) -> frozenset[str]:
        words = self.cues.words
        state = ("force_head", "source_head", "title", "media", "spokesman", "regime", "civilians")
        heads = {w.removeprefix("ال") for t in state for w in words.get(t, ())}
        return frozenset(heads - GROUP_HEADS)

    def _known_again(self, toks: Sequence[Tok], drafts: dict, in_place: set[int]) -> None:
        """A person or group first found after a title or cue is mentioned again by name
        («عبد الرحمن», «عبود»), and by its last name unit."""
        self._same_people(drafts)
        index: AliasIndex[tuple] = AliasIndex(keep_article=True)
        for key in drafts:
            if key[0] == "person":
                index.add(key[1], key)
                last = _last_unit(key[1])
                if last and len(" ".join(last)) >= 4:
                    index.add(last, key)
            elif key[0] in ("org", "media"):
                index.add(key[1], key)
        firsts = index.first_words()
        if not firsts:
            return
        taken = {k for d in drafts.values() for s, e in d.mentions for k in range(s, e)}
        i = 0
        while i < len(toks):
            if i in taken or firsts.isdisjoint(toks[i].readings):
                i += 1  # a name can only start at a word one of whose readings begins it
                continue
            m = index.match_at(toks, i, max_rank=2)
            if m is None:
                i += 1
                continue
            if len(m.payloads) == 1:
                drafts[m.payloads[0]].add(m.start, m.end)
            i = m.end

    def _attach(self, pending: list, drafts: dict, country: str | None) -> None:
        for what, s, e, detail in pending:
            if what == "gov":
                target = self._state_force(drafts, country)
                if target is None:
                    key = ("force", country or "?", "forces")
                    dem = self.demonym.get(country or "", "")
                    target = self._draft(
                        drafts, key, "", "state_force", f"{dem} government forces".strip(), country
                    )
                target.add(s, e)
            elif what in ("bare", "bare_ok"):
                target = self._state_force(drafts, country, detail) or self._only_force(drafts, detail)
                if target is None and what == "bare_ok" and country is not None:
                    # «الجيش», «القوى الجوية» with no nationality: the article's own
                    key = ("force", country, _branch(detail, True))
                    dem = self.demonym.get(country, country)
                    target = self._draft(drafts, key, "", "state_force", f"{dem} {detail}", country)
                if target is not None:
                    target.add(s, e)
            elif what == "source":
                srcs = [d for d in drafts.values() if d.key[0] == "source" and d.first < s]
                if srcs:
                    max(srcs, key=lambda d: d.first).add(s, e)
            elif what == "rebels":
                groups = [d for d in drafts.values() if d.entry is not None and d.kind == "armed_group"]
                if groups:  # «المتمردين»: the armed group the article is about
                    max(groups, key=lambda d: (len(d.mentions), -d.first)).add(s, e)
                else:
                    self._draft(drafts, ("generic", "rebels"), "المتمردين", "armed_group", "rebels").add(s, e)
        for d in drafts.values():
            if not d.label_ar and d.mentions:
                d.label_ar = ""  # filled from the first mention in _finish

    def _only_force(self, drafts: dict, label: str) -> Draft | None:
        """«الجيش» in an article naming one army only («الجنود الإسرائيليين», «القوات
        التركية»): that army, even when the article's places lie in another country."""
        branch = _branch(label, True)
        same = [d for d in drafts.values() if d.key[0] == "force" and d.key[2] == branch]
        if same:
            return same[0] if len(same) == 1 else None
        armies = [
            d
            for d in drafts.values()
            if d.entry is not None
            and d.kind in ("state_force", "foreign_force")
            and _branch(_entry_branch(d.entry) or "", True) == branch
        ]
        return armies[0] if len({d.country for d in armies}) == 1 else None

    def _state_force(self, drafts: dict, country: str | None, label: str | None = None) -> Draft | None:
        """The article's own state force: a lexicon one of its country, else a force draft."""
        if country is None:
            return None
        lex = [
            d
            for d in drafts.values()
            if d.entry is not None and d.kind == "state_force" and d.country == country
        ]
        if label in (None, "forces", "army", "government forces") and len(lex) == 1:
            return lex[0]
        want = {label} if label and label not in GOV_FORCE_LABELS else GOV_FORCE_LABELS
        own = [d for d in drafts.values() if d.key[0] == "force" and d.key[1] == country and d.key[2] in want]
        return min(own, key=lambda d: d.first) if own else None

    def _force_to_lexicon(self, drafts: dict) -> None:
        """A force found from a nationality adjective is the lexicon's force of that country
        and branch: join the lexicon actor if the article also named it, else take its id."""
        named = {  # the article's own lexicon forces win over the lexicon-wide choice
            (d.entry.country, _entry_branch(d.entry)): d
            for d in drafts.values()
            if d.entry is not None and d.key[0] == "lex" and d.kind in ("state_force", "foreign_force")
        }
        for key in [k for k in drafts if k[0] == "force"]:
            d = drafts[key]
            lex = named.get((key[1], key[2]))
            if lex is not None:
                for s, e in d.mentions:
                    lex.add(s, e)
                del drafts[key]
                continue
            entry = self.force_entry.get((key[1], key[2]))
            if entry is None:
                continue
            lex = drafts.get(("lex", entry.id))
            if lex is not None:
                for s, e in d.mentions:
                    lex.add(s, e)
                del drafts[key]
            else:
                d.entry = entry
                d.label_en = entry.name_en or d.label_en

    def _finish(self, doc: Doc, toks: Sequence[Tok], drafts: dict, country: str | None) -> list[Actor]:
        text = doc_text(doc)
        # the article's own «forces»/«army» drafts fold into its one lexicon state force
        for key in [k for k in drafts if k[0] == "force" and k[2] in GOV_FORCE_LABELS]:
            target = self._state_force({k: d for k, d in drafts.items() if k[0] != "force"}, key[1])
            if target is not None and target is not drafts[key]:
                for s, e in drafts[key].mentions:
                    target.add(s, e)
                del drafts[key]
        self._force_to_lexicon(drafts)
        live = sorted((d for d in drafts.values() if d.mentions), key=lambda d: d.first)
        out: list[Actor] = []
        spans = []
        for n, d in enumerate(live, start=1):
            aid = f"a{n}"
            mentions = sorted({(toks[s].start, toks[e - 1].end) for s, e in d.mentions})
            if not d.label_ar:
                s, e = mentions[0]
                d.label_ar = text[s:e]
            if d.label_ar.startswith(("وال", "فال")):
                d.label_ar = d.label_ar[1:]
            elif d.key[0] in ("generic", "civilians") and d.mentions:
                d.label_ar = _without_proclitic(d.label_ar, toks[min(d.mentions)[0]])
            e_ = d.entry
            kind = d.kind if d.kind in KINDS else "other"
            out.append(
                Actor(
                    id=aid,
                    label_ar=e_.name_ar if e_ else d.label_ar,
                    label_en=d.label_en,
                    kind=kind,
                    country=d.country or (country if kind in ("civilians", "person", "other") else None),
                    wikidata=e_.wikidata if e_ else None,
                    lexicon_id=e_.id if e_ else None,
                    mentions=[Mention(text[s:e], s, e) for s, e in mentions],
                    office_ar=d.office_ar,
                    office_en=d.office_en,
                )
            )
            for s, e in sorted(set(d.mentions)):
                spans.append(Span(doc, toks[s].i, toks[e - 1].i + 1, label=aid))
        doc.spans["actors"] = spans
        return out


# ---------------------------------------------------------------------- helpers


MILITARY = {"forces", "army", "air force", "navy"}


def _branch(label: str, home: bool) -> str:
    """Forces and army are one actor per country; the air force and navy are told apart
    (the aircraft bombing are not the ground troops fighting)."""
    if label not in MILITARY:
        return label
    return "forces" if label in ("forces", "army") else label


def _text(toks: Sequence[Tok], s: int, e: int) -> str:
    return " ".join(t.text for t in toks[s:e])


def _plural_noun(tok: Tok) -> bool:
    """A frequent sound feminine plural («خدمات», «فعاليات»): never part of a person's name."""
    n = tok.norm
    return n.endswith("ات") and len(n) >= 5 and n in _common_words()


def _without_proclitic(label: str, first: Tok) -> str:
    """«وحارسه الشخصي» → «حارسه الشخصي», «لاهالي» → «اهالي»: a label is the bare phrase."""
    n = first.norm
    if label[:1] in ("و", "ف", "ل", "ب") and len(first.pro) > 1 and first.pro[1] == n[1:] and len(n) > 3:
        return label[1:]
    return label


def _key_words(toks: Sequence[Tok], s: int, e: int) -> tuple[str, ...]:
    return tuple(t.norm for t in toks[s:e] if t.is_word)


def _last_unit(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The family name a person is mentioned by again; none for «X بن Y بن Z» lineages,
    whose last part names a whole family."""
    if len(words) < 2 or "بن" in words[1:]:
        return None
    if len(words) >= 3 and words[-2] in NAME_LINKS:
        return words[-2:]
    return words[-1:]


def _is_number(tok: Tok) -> bool:
    return (
        any(ch.isdigit() for ch in tok.norm)
        or tok.norm in _numbers()
        or any(r in _numbers() for r in tok.readings[1:2])
    )


BRANCH_WORDS = (
    ("air force", ("air force", "aerospace", "air defence", "air defense")),
    ("navy", ("navy", "naval")),
    ("police", ("police",)),
)
FORCES_PREFERENCE = ("government forces", "armed forces", "army", "defense forces", "defence forces")


def _entry_branch(e: ActorEntry) -> str | None:
    en = (e.name_en or "").lower()
    for branch, words in BRANCH_WORDS:
        if any(w in en for w in words):
            return branch
    return "forces" if any(w in en for w in FORCES_PREFERENCE) else None


def _force_entries(actors: Sequence[ActorEntry]) -> dict[tuple[str, str], ActorEntry]:
    """(country, branch) -> the lexicon's state force, so «طائرات روسية» gets the Russian air
    force's lexicon id and «الطيران الروسي» (a lexicon alias) and it are one actor."""
    out: dict[tuple[str, str], ActorEntry] = {}
    rank: dict[tuple[str, str], int] = {}
    for e in actors:
        if e.kind != "state_force" or not e.country:
            continue
        branch = _entry_branch(e)
        if branch is None:
            continue
        en = (e.name_en or "").lower()
        r = next((n for n, w in enumerate(FORCES_PREFERENCE) if w in en), len(FORCES_PREFERENCE))
        key = (e.country, branch)
        if key not in out or r < rank[key]:
            out[key], rank[key] = e, r
    return out


def _vote_country(drafts: dict) -> str | None:
    votes = Counter(d.country for d in drafts.values() if d.country and d.entry is not None)
    return votes.most_common(1)[0][0] if votes else None


def register_extensions() -> None:
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)


@Language.factory("conflict_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    """Pipeline entry point: the finder over the project's actor lexicon."""
    return ActorFinder(load_actors())
