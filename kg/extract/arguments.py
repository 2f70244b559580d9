"""Give each event its actors in roles and its places, read from Arabic word order.

Arabic news states who did what mostly in a few surface patterns, and these rules read them:
verb-subject-object («شنت طائرات روسية غارات على …»: the subject after the verb attacks),
subject-verb («قوات النظام تحاول …»), a construct after a verbal noun («بقصف الطيران», «هجوم
من قوات النظام», «غارات شنها الطيران»), targets after «على»/«ضد», victims after «في صفوف»,
both sides after «بين … و», and the subject of a reporting verb or the name after «نقلا عن /
وفق / حسب» as the source. Everything is decided inside the trigger's clause (commas and
«فيما»/«بينما» end one), so a source in one clause is not an attacker in the next.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.numbers import read_count
from kg.extract.draft import Draft
from kg.extract.entity_cues import load_cues
from kg.extract.one_sided import retype_one_sided
from kg.extract.phrases import function_words, inflect
from kg.extract.record import entity_list

PUNCTUATION_BREAKS = frozenset({"،", ",", "؛", ";", ":", '"', "«", "»", "(", ")"})
CLAUSE_BREAKS = PUNCTUATION_BREAKS | function_words("clause_breaks")
EMBEDDING = function_words("embedding")  # «في هجوم»: the main verb governs the actors before it
OPEN_AGAINST = function_words("open_against")  # «على X»: what follows is named, not owned
REMOTE = frozenset({"air_strike", "shelling", "explosion"})
VIOLENT = REMOTE | {"attack", "violence_against_civilians"}
GATHERING = frozenset({"protest", "humanitarian", "other"})
SOURCE_KINDS = frozenset({"media", "monitor"})
NEVER_DOERS = SOURCE_KINDS | {"civilians"}  # an outlet tells, civilians suffer: neither attacks
# active casualty verbs («قتلت حركة الشباب …»): the actor after them is the killer, not the killed
VERB_CASUALTY = frozenset(f for v in function_words("casualty_verbs") for f in inflect(v))
OWN_REPORTER = function_words("own_reporter")
PRONOUN_THAT = function_words("pronoun_that")
TITLES = function_words("titles")
PREPOSITIONS = function_words("prepositions")
RELATIVE = function_words("relative")
SKIPPABLE = function_words("skippable")
AFFILIATION = function_words("affiliation")  # «تابعون لـ», «الموالية لـ»: whose men they are
DOER_HEADS = function_words("doer_heads")  # «مسلحون», «عناصر»: a doer told by its head noun
# «الموالية», «الحليفة», «التابعة»: the word after which comes whose side a force is on
BELONGING = AFFILIATION - function_words("affiliation_links")  # «تابعون», «ينتمون»: the words themselves
BACKING = BELONGING | load_cues().words.get("pro", frozenset())

AT = dict[int, list[tuple[int, int, str]]]


def _unsuffixed(word: str) -> str:
    """«منفذيه» → «منفذي»: the pronoun «ه» that clitic readings leave alone (it is also «ة»)."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word  # sentence -> [(start, end, id)]


def _by_sentence(doc: Doc, key: str) -> AT:
    out: AT = defaultdict(list)
    if key not in doc.spans:
        return out
    sent = doc._.tok_sent
    for sp in doc.spans[key]:
        out[sent[sp.start]].append((sp.start, sp.end, sp.label_))
    for v in out.values():
        v.sort()
    return out


def clause_ids(doc: Doc) -> list[int]:
    """A clause number per token; a new clause starts at punctuation and contrast words."""
    out, c = [], 0
    for nrm, rs in zip(doc._.norms, doc._.tok_readings, strict=True):
        if nrm in CLAUSE_BREAKS or (len(rs) > 1 and rs[1] in CLAUSE_BREAKS and nrm[0] == "و"):
            c += 1
        out.append(c)
    return out


class Reader:
    """Role rules over one doc; precomputes actors/places per sentence and clause ids once."""

    def __init__(self, doc: Doc, gap: int) -> None:
        self.doc = doc
        self.gap = gap
        self.actors = _by_sentence(doc, "actors")
        self.places = _by_sentence(doc, "places")
        self.clause = clause_ids(doc)
        self.place_kind = {p.id: p.kind for p in entity_list(doc, "places")}
        self.kind = {a.id: a.kind for a in entity_list(doc, "actors")}
        self.last_subject: dict[int, list[str]] = {}
        self.cues_by_sent: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for c in doc._.cues:
            self.cues_by_sent[doc._.tok_sent[c[0]]].append(c)
        self.client = self._clients()
        self.speech_ends = {
            d.end for d in doc._.drafts or [] if d.type == "statement" and d.verb and not d.vetoes
        }

    def _clients(self) -> dict[tuple[int, int], int]:
        """(sentence, actor index) of a patron -> index of the actor it backs: in «القوات
        الموالية للرئيس هادي» or «مسلحون تابعون لحركة الشباب» the forces act, the patron only
        names whose side they are on."""
        norms = self.doc._.norms
        out: dict[tuple[int, int], int] = {}
        for sent, acts in self.actors.items():
            for k in range(1, len(acts)):
                (_s0, e0, id0), (s1, _e1, id1) = acts[k - 1], acts[k]
                if id0 == id1 or not 0 <= s1 - e0 <= 1 or norms[e0 - 1] not in BACKING:
                    continue
                link = norms[s1] if s1 == e0 else norms[e0]  # «لهادي» or «للرئيس هادي»
                if link[:1] == "ل":
                    out[(sent, k)] = k - 1
        return out

    # --- actor chains -------------------------------------------------------------------
    def chain_from(self, sent: int, idx: int) -> list[tuple[int, int, str]]:
        """The actor at position idx in its sentence, and those coordinated with it by «و»."""
        acts = self.actors[sent]
        out = [acts[idx]]
        norms = self.doc._.norms
        k = idx + 1
        while k < len(acts):
            prev_end, nxt = out[-1][1], acts[k]
            joined = nxt[0] == prev_end and norms[nxt[0]].startswith("و")
            joined = joined or (nxt[0] == prev_end + 1 and norms[prev_end] in {"و", "،"})
            # «بين X وفصائل من Y»: a generic head plus «من» still coordinates
            if not joined:
                break
            out.append(nxt)
            k += 1
        return out

    def actor_after(self, sent: int, pos: int, limit: int) -> int | None:
        """Index of the first actor starting in [pos, pos+limit] within pos's clause."""
        for k, (s, _e, _id) in enumerate(self.actors[sent]):
            if pos <= s <= pos + limit and self.clause[s] == self.clause[min(pos, len(self.clause) - 1)]:
                return k
        return None

    def actor_before(self, sent: int, pos: int, limit: int) -> int | None:
        """Index of the first actor of the chain ending in [pos-limit, pos) in pos's clause."""
        best = None
        for k, (s, e, _id) in enumerate(self.actors[sent]):
            if pos - limit <= e <= pos and s < pos and self.clause[s] == self.clause[pos]:
                best = k
        if best is None:
            return None
        best = self.client.get((sent, best), best)
        while best > 0:  # walk back to the head of a coordination
            chain = self.chain_from(sent, best - 1)
            if len(chain) > 1 and chain[1] == self.actors[sent][best]:
                best -= 1
            else:
                break
        return best

    def skip_fillers(self, pos: int, limit: int = 3) -> int:
        norms = self.doc._.norms
        k = 0
        while pos < len(norms) and k < limit and norms[pos] in SKIPPABLE:
            pos += 1
            k += 1
        return pos

    # --- roles ---------------------------------------------------------------------------
    def sources(self, d: Draft) -> set[str]:
        """Who tells it: every actor between a reporting verb and its «أن» (or the trigger),
        and the name after «نقلا عن»/«وفق»/«حسب». A relayed source outranks the outlet that
        relays it («أفاد مراسل الجزيرة نقلا عن مصادر في الدفاع المدني»)."""
        told: set[str] = set()
        relayed: set[str] = set()
        cues = self.cues_by_sent[d.sent]
        norms = self.doc._.norms
        # the nearest reporting verb that names its teller tells this («قالت X إن … ، وقال Y إن
        # …»: Y tells what follows it); a verb with no teller of its own («وأضاف») goes on with
        # the one before it
        for s, e, _cls in sorted((c for c in cues if c[2] == "report" and c[0] < d.start), reverse=True):
            if any(norms[k] in OWN_REPORTER for k in range(e, min(e + 2, len(norms)))):
                continue  # «أفاد مراسل الجزيرة …»: the outlet's own reporting, no source
            thats = [s2 for s2, _e2, c2 in cues if c2 == "that" and e <= s2 <= d.start]
            # up to its «أن» («قال X، من منظمة …، لوكالة رويترز إن …»), or a few words
            stop = min(thats) if thats else min(d.start, e + 8)
            for a_s, a_e, a in self.actors[d.sent]:
                after_verb = e <= a_s < stop
                before_verb = s - 3 <= a_e <= s and self.clause[a_s] == self.clause[s]  # «الجيش قد أعلن»
                # not «أفادت X بسقوط قتلى من Y»: Y lost men, it tells nothing
                hurt = self.hurt_at(a_s)
                if (after_verb or before_verb) and self.kind.get(a) != "civilians" and not hurt:
                    told.add(a)
            if told:
                break
        for _s, e, cls in cues:
            if cls == "per":
                k = self.actor_after(d.sent, e, 4)
                if k is not None:
                    relayed |= {
                        a[2] for a in self.chain_from(d.sent, k) if self.kind.get(a[2]) != "civilians"
                    }
        if relayed:
            told = {a for a in told if self.kind.get(a) not in SOURCE_KINDS}
        return told | relayed

    def modal_subject(self, d: Draft) -> list[str]:
        """«تمكنت وحدات حماية الشعب بالتعاون مع الكتائب … من السيطرة على»: the subject of «تمكن»,
        «نجح», «استطاع», «واصل» does the verbal noun after it, with whoever acts alongside."""
        clause = self.clause[d.start]
        for s, e, cls in reversed(self.cues_by_sent[d.sent]):
            if cls != "modal" or not d.start - 14 <= s < d.start or self.clause[s] != clause:
                continue
            k = self.actor_after(d.sent, self.skip_fillers(e), 1)
            if k is None:
                return []
            doers = [a[2] for a in self.chain_from(d.sent, k)]
            for s2, e2, cls2 in self.cues_by_sent[d.sent]:
                if cls2 == "alongside" and e <= s2 < d.start:
                    k2 = self.actor_after(d.sent, e2, 1)
                    if k2 is not None:
                        doers += [a[2] for a in self.chain_from(d.sent, k2) if a[2] not in doers]
            return doers
        return []

    def subject(self, d: Draft) -> list[str]:
        sent = d.sent
        if not d.verb and (doers := self.modal_subject(d)):
            return doers
        norms = self.doc._.norms
        cues_at = self.doc._.cue_at
        after = self.skip_fillers(d.end)
        owned = after < len(norms) and "against" in cues_at[after]  # «قصفت مواقع التنظيم»: its target
        if d.verb:
            k = None if owned else self.actor_after(sent, after, 1)
            if k is None and d.type == "statement":  # «توعد رئيس الوزراء الإسرائيلي نتنياهو»
                while after < len(norms) and norms[after] in TITLES:
                    after += 1
                k = self.actor_after(sent, after, 1)
            if k is not None and not self.prep_led(self.actors[sent][k][0]):
                chain = [a[2] for a in self.chain_from(sent, k)]
                return chain + self.affiliated(sent, self.chain_from(sent, k)[-1][1])
            owner = self.affiliated(sent, after, heads=True)
            if owner:
                return owner  # «اختطف مسلحون تابعون لجماعة الحوثي …»: the gunmen's owner did it
        elif d.patient and not self.definite(d) and (doers := self.construct_doers(d)):
            return doers  # «إحراق مستوطنين لمنزلهم»: with an «لـ» object after it, the construct did it
        elif self.possessed(d) or (d.patient and not self.definite(d)):
            pass  # «بعد دحره المعارضة»: the actor after a possessed verbal noun is its object
        else:
            # «غارات شنها الطيران الروسي», «الغارات التي تشنها القوات», «هجوم نفذه مسلحون»
            if after < len(norms) and norms[after] in RELATIVE:
                after += 1
            if after < len(norms) and "agent" in cues_at[after]:
                k = self.actor_after(sent, self.skip_fillers(after + 1), 3)
                if k is not None:
                    return [a[2] for a in self.chain_from(sent, k)]
            # «بقصف الطيران», «هجوم من قوات النظام», «القصف من قبل قوات النظام»
            pos = after
            if pos < len(norms) and "by" in cues_at[pos]:
                pos += 2 if pos + 1 < len(norms) and norms[pos + 1] == "قبل" else 1
            # one word may come between: «القصف الروسي والسوري» (an adjective), not a preposition
            gap = 0 if pos >= len(norms) or norms[pos] in PREPOSITIONS or self.prep_led(pos) else 1
            k = None if owned else self.actor_after(sent, pos, gap)
            if k is not None:
                return [a[2] for a in self.chain_from(sent, k)]
            # «شن تنظيم داعش هجوما», «شنت طائرات روسية وسورية غارات»: the doer of the light verb
            for s, e, cls in self.cues_by_sent[sent]:
                if cls == "agent" and d.start - 6 <= s < d.start and self.clause[s] == self.clause[d.start]:
                    inside = [a[2] for a in self.actors[sent] if e <= a[0] and a[1] <= d.start]
                    if inside:
                        return inside
        if not d.verb and self.embedded(d):
            return []  # «قتلت X عضوا بالبرلمان في هجومين»: before «في هجوم» stand the main verb's actors
        k = self.actor_before(sent, d.start, self.gap)
        first = self.actors[sent][k][0] if k is not None else -1
        if k is not None and any(0 <= first - e <= 2 for e in self.speech_ends):
            return []  # «ندد وزير الداخلية بالتفجير»: the speaker of a statement verb did not do it
        if k is not None and not self.owns_target(first) and not self.hurt_at(first):
            return [a[2] for a in self.chain_from(sent, k)]
        return []

    def killers_before(self, d: Draft) -> tuple[list[str], list[str]]:
        """«وقتلت حركة الشباب عضوا بالبرلمان وحارسه في هجوم»: the subject of an active killing
        verb earlier in the clause carried out the attack the phrase names; its objects died."""
        sent, norms = d.sent, self.doc._.norms
        clause = self.clause[d.start]
        for v in range(d.start - 1, max(-1, d.start - 12), -1):
            if self.clause[v] != clause:
                break
            if VERB_CASUALTY.isdisjoint(self.doc._.tok_readings[v]) or norms[v].startswith(("م", "ال")):
                continue
            k = self.actor_after(sent, v + 1, 0)
            if k is None or self.counted(v + 1, self.actors[sent][k][0] + 1):
                return [], []
            doers = self.chain_from(sent, k)
            done_to = [a[2] for a in self.actors[sent] if doers[-1][1] <= a[0] and a[1] <= d.start]
            return [a[2] for a in doers if self.kind.get(a[2]) not in NEVER_DOERS], done_to
        return [], []

    def embedded(self, d: Draft) -> bool:
        """The trigger noun is inside a prepositional phrase («في هجوم», «جراء القصف», «إثر
        غارة»): the clause's own verb, not this noun, governs the actors before it."""
        return d.start > 0 and self.doc._.norms[d.start - 1] in EMBEDDING

    def owns_target(self, start: int) -> bool:
        """«مواقع جبهة النصرة», «مقرات الحركة»: the actor owns what was hit."""
        before = start - 1
        if before < 0 or "against" not in self.doc._.cue_at[before]:
            return False
        return self.doc._.norms[before] not in OPEN_AGAINST

    def affiliated(self, sent: int, pos: int, heads: bool = False) -> list[str]:
        """«مسلحون تابعون لجماعة الحوثي», «قوات موالية للحكومة»: the actor a doer belongs to.
        With `heads`, a bare doer noun («مسلحون», «عناصر») may come first."""
        norms, reads = self.doc._.norms, self.doc._.tok_readings
        if heads and pos < len(norms) and not DOER_HEADS.isdisjoint(reads[pos]):
            pos += 1
        start = pos
        while pos < len(norms) and pos - start < 2 and norms[pos] in AFFILIATION:
            pos += 1
        if pos == start:
            return []
        k = self.actor_after(sent, pos, 1)
        return [a[2] for a in self.chain_from(sent, k)] if k is not None else []

    def definite(self, d: Draft) -> bool:
        return self.doc._.norms[d.start].startswith(("ال", "وال", "بال", "فال", "لل"))

    def construct_doers(self, d: Draft) -> list[str]:
        """The actor in construct right after a verbal noun, when an «لـ» object follows it."""
        chain, lam_object = self.construct(d)
        return chain if lam_object else []

    def construct(self, d: Draft) -> tuple[list[str], bool]:
        """The actors in construct right after the trigger, and whether an «لـ» object follows
        them: «اعتقال الناشط» (done to) against «إحراق مستوطنين لمنزلهم» (the doers)."""
        k = self.actor_after(d.sent, d.end, 0)
        if k is None:
            return [], False
        chain = self.chain_from(d.sent, k)
        nxt = chain[-1][1]
        lam_object = nxt < len(self.doc) and self.prep_led(nxt) and self.doc._.norms[nxt][:1] == "ل"
        return [a[2] for a in chain], lam_object

    def doers_belong_to(self, s: int) -> bool:
        """«منفذيه ينتمون لجماعة X», «مسلحون تابعون لـX»: X's men did it."""
        norms, reads = self.doc._.norms, self.doc._.tok_readings
        linked = any(norms[k] in BELONGING for k in range(max(0, s - 2), s))
        return linked and any(
            not DOER_HEADS.isdisjoint(reads[k]) or _unsuffixed(norms[k]) in DOER_HEADS
            for k in range(max(0, s - 4), s)
        )

    def patients(self, d: Draft) -> list[str]:
        """«دحر ميليشيات الحوثي», «اعتقال الناشط»: the construct after the verbal noun is the
        one done to — unless an «لـ» object follows it, which makes it the doer."""
        if self.definite(d):
            return []  # «الإعدامات الداعشية», «الاعتقالات الإسرائيلية»: what follows is the doer
        chain, lam_object = self.construct(d)
        return [] if lam_object else chain

    def hurt_at(self, s: int) -> bool:
        """A casualty word just before the actor: «مقتل 27 عنصرا من X», «قتلى من X», «قتل
        ثلاثة جنود» (not the active «قتلت X …», whose actor is the killer)."""
        at, reads = self.doc._.cue_at, self.doc._.tok_readings
        return any(
            at[k] & {"dead", "injured", "subset"}
            and (not VERB_CASUALTY & set(reads[k]) or self.counted(k + 1, s))
            for k in range(max(0, s - 4), s)
        )

    def partitive_at(self, s: int) -> bool:
        """«5 من عناصر X», «عشرة من مسلحي X»: a count of the actor's men just before it."""
        norms = self.doc._.norms
        for k in range(max(0, s - 3), s):
            if norms[k] == "من" and k > 0 and read_count(norms, k - 1) is not None:
                return True
        return False

    def clause_has(self, s: int, classes: set[str]) -> bool:
        at, clause = self.doc._.cue_at, self.clause
        c = clause[s]
        lo = s
        while lo > 0 and clause[lo - 1] == c:
            lo -= 1
        hi = s
        while hi + 1 < len(clause) and clause[hi + 1] == c:
            hi += 1
        return any(at[k] & classes for k in range(lo, hi + 1))

    def counted(self, start: int, end: int) -> bool:
        """A number between a casualty verb and an actor: «قتل ثلاثة جنود» is passive (three
        soldiers were killed); the active «قتل X ثلاثة جنود» puts the killer first."""
        norms = self.doc._.norms
        return any(read_count(norms, k) is not None for k in range(start, end))

    def prep_led(self, k: int) -> bool:
        """«للطائرات», «بالجيش»: a word behind a preposition is no subject."""
        nrm = self.doc._.norms[k]
        rest = self.doc._.tok_readings[k][1:]
        return nrm[:1] in {"ل", "ب"} and (nrm[1:] in rest or "ا" + nrm[1:] in rest)

    def possessed(self, d: Draft) -> bool:
        """«دحره», «قصفها», «اعتقالهم»: a verbal noun with a pronoun suffix. Read on the word as
        written: folding turns the feminine «ة» into «ه», and «غارة» has no pronoun."""
        return not d.verb and self.suffixed(d)

    def suffixed(self, d: Draft) -> bool:
        """The one-word trigger carries a pronoun suffix («سيطرتها», «قصفه»)."""
        norm_t = self.doc._.norms[d.start]
        written = self.doc.user_data.get("kg_words")
        surface = written[d.start] if written else self.doc[d.start].text
        return (
            d.end - d.start == 1
            and norm_t.endswith(("ه", "ها", "هم"))
            and not surface.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ة")
            and (norm_t not in {r for r in self.doc._.tok_readings[d.start][1:]})
        )

    def named_again_inside(self, actor: str, d: Draft) -> bool:
        """«قال المتحدث باسم التحالف إن طائرات التحالف دمرت …»: a teller named again inside
        what it tells, before the trigger, is also the one who did it."""
        thats = [s for s, _e, cls in self.cues_by_sent[d.sent] if cls == "that" and s < d.start]
        if not thats:
            return False
        after = max(thats)
        return any(after < s < d.start and a == actor for s, _e, a in self.actors[d.sent])

    def says_it_did(self, d: Draft) -> bool:
        """«أعلنت قوات البيشمركة أنها تمكنت من …», «أعلنت المقاومة سيطرتها على …»: the teller
        is the doer (a pronoun after «أن», or on the verbal noun it announces)."""
        norms = self.doc._.norms
        if any(norms[k] in PRONOUN_THAT for k in range(max(0, d.start - 6), d.start)):
            return True
        return self.suffixed(d) and any(
            cls == "report" and d.start - 6 <= s < d.start and self.clause[s] == self.clause[d.start]
            for s, _e, cls in self.cues_by_sent[d.sent]
        )

    def after_cue(self, d: Draft, classes: set[str], reach: int = 6) -> list[str]:
        """Actors right after a cue of `classes` that follows the trigger in its clause."""
        out: list[str] = []
        for s, e, cls in self.cues_by_sent[d.sent]:
            if cls in classes and d.start <= s <= d.end + reach and self.clause[s] == self.clause[d.start]:
                k = self.actor_after(d.sent, e, 3)
                if k is not None:
                    out += [a[2] for a in self.chain_from(d.sent, k)]
        return out

    def between(self, d: Draft, src: set[str]) -> list[str]:
        """«اشتباكات بين X وY وبين Z»: every actor after the first «بين» to the clause end."""
        clause = self.clause[d.start]
        for s, _e, cls in self.cues_by_sent[d.sent]:
            if cls == "between" and d.start <= s <= d.end + 8 and self.clause[s] == clause:
                return [
                    a
                    for a_s, _a_e, a in self.actors[d.sent]
                    if a_s > s and self.clause[a_s] == clause and a not in src
                ]
        return []

    def victims_of(self, d: Draft) -> list[str]:
        """«في صفوف X», «بينهم X»: the dead or hurt are X."""
        out: list[str] = []
        for _s, e, cls in self.cues_by_sent[d.sent]:
            if cls in {"victims_of", "subset"}:
                k = self.actor_after(d.sent, e, 2)
                if k is not None:
                    out += [a[2] for a in self.chain_from(d.sent, k)]
        return out

    def assign(self, d: Draft) -> None:
        sent = d.sent
        src = self.sources(d)
        for a in sorted(src):
            d.add_actor(a, "source")
        clause = self.clause[d.start]
        wide = d.type == "humanitarian"  # «تحضير قوافل …، إلا أن جيش الفتح لم يعطوا …»
        cut = self.response_after(d)
        if wide:  # … but not into what is only feared («تحسبا لتعرضها للقصف من قبل قوات النظام»)
            cut = min(
                [c for c, _e, cls in self.cues_by_sent[sent] if cls == "hypothetical" and c > d.end] + [cut]
            )
        in_clause = [
            a
            for a in self.actors[sent]
            if (wide or self.clause[a[0]] == clause) and a[2] not in src and a[0] < cut
        ]
        subj = [
            a
            for a in self.subject(d)
            if (a not in src or self.named_again_inside(a, d)) and self.kind.get(a) not in NEVER_DOERS
        ]
        killed: list[str] = []
        if not subj and not d.verb and self.embedded(d):
            subj, killed = self.killers_before(d)
            subj = [a for a in subj if a not in src]
        for a in killed:
            if a not in src:
                d.add_actor(a, "victim" if self.kind.get(a) in {"civilians", "person", "other"} else "target")
        if subj and d.type != "statement":  # a speaker is not the doer of what it speaks of
            self.last_subject[sent] = subj
        elif not subj and d.type != "statement" and sent in self.last_subject:
            subj = self.last_subject[sent]  # «قوات النظام تحاول …، وقد حاولت التقدم»: dropped subject
        if not subj and src and self.says_it_did(d):
            subj = [a for a in sorted(src) if self.kind.get(a) not in NEVER_DOERS]  # «قالت X إنها سيطرت»
        if d.type == "statement":
            for a in subj:
                d.add_actor(a, "source")
            for a in in_clause:
                if a[0] >= d.end and not d.has_role(a[2]):
                    d.add_actor(a[2], "participant")
            return
        # «اعتقل على يد عناصر من الشرطة»: the passive's doer; whoever stands before it was done to
        by_agents = [a for a in self.after_cue(d, {"agent_by"}, reach=4) if a not in src]
        if by_agents and d.type != "statement":
            undergo = [a for s, _e, a in in_clause if s < d.start and a not in by_agents]
            for a in by_agents:
                d.add_actor(a, "attacker")
            for a in undergo:
                d.add_actor(a, "victim" if self.kind.get(a) in {"civilians", "person", "other"} else "target")
            subj = by_agents
        between = self.between(d, src)
        if between and d.type in {"battle", "territory_change"}:
            for a in between:
                d.add_actor(a, "participant")
            return
        victims = [a for a in self.victims_of(d) if a not in src]
        subj = [a for a in subj if a not in victims]
        targets = [
            a
            for a in self.after_cue(d, {"against"})
            if a not in src and a not in subj and self.kind.get(a) not in SOURCE_KINDS
        ]
        partners = [a for a in self.after_cue(d, {"with"}, reach=3) if a not in src]
        if d.type in GATHERING or d.type == "displacement" or (d.type == "battle" and partners):
            for a in subj + partners:
                needy = self.kind.get(a) == "civilians" and d.type in {"displacement", "humanitarian"}
                d.add_actor(a, "victim" if needy else "participant")
        elif d.repel:  # «صدت قوات النظام هجوما لتنظيم داعش»: the subject defends
            for a in subj:
                d.add_actor(a, "target")
            for s, _e, a in in_clause:
                near = d.end <= s <= d.end + 4  # «هجوما لتنظيم داعش», «تقدمها»: the attack's owner
                if near and not d.has_role(a) and self.kind.get(a) not in NEVER_DOERS:
                    d.add_actor(a, "attacker")
        else:
            for a in subj:
                d.add_actor(a, "attacker")
            for a in targets:
                if not d.has_role(a):
                    d.add_actor(a, "target")
        for a in victims:
            if not d.has_role(a):
                d.add_actor(a, "victim")
        if d.patient and not self.possessed(d):
            for a in self.patients(d):
                if not d.has_role(a) and a not in src:
                    d.add_actor(a, "victim" if self.kind.get(a) in {"civilians", "person"} else "target")
        if self.possessed(d):
            k = self.actor_after(sent, d.end, 0)
            if k is not None:
                for a in self.chain_from(sent, k):
                    if not d.has_role(a[2]):
                        d.add_actor(a[2], "target")
        # whatever is left in the clause: civilians are victims; before the trigger an actor
        # is most often the doer, after it the one done to
        patrons = {self.actors[sent][k][2] for (st, k) in self.client if st == sent}
        for s, _e, a in in_clause:
            if d.has_role(a) or a in patrons:
                continue
            kind = self.kind.get(a, "other")
            hurt = self.hurt_at(s) or (self.partitive_at(s) and self.clause_has(s, {"dead", "injured"}))
            d.guessed.add(a)
            if self.doers_belong_to(s) and kind not in NEVER_DOERS:
                d.add_actor(a, "attacker")
                continue
            if (hurt or self.owns_target(s)) and kind not in SOURCE_KINDS and d.type != "statement":
                # «إصابة أربعة جنود», «مقتل 27 عنصرا من قوات الحشد»: hurt fighters were the target
                d.add_actor(a, "victim" if kind in {"civilians", "person", "other"} else "target")
                continue
            if kind in SOURCE_KINDS:
                if s == 0 or self.doc._.norms[s - 1] not in OWN_REPORTER:
                    d.add_actor(a, "source")  # not «مراسل الجزيرة»: the outlet itself
            elif kind == "civilians" and d.type != "statement":
                # aid goes to victims; people arrested are its victims (ACLED's civilians)
                suffer = VIOLENT | {"displacement", "battle", "humanitarian", "arrest"}
                d.add_actor(a, "victim" if d.type in suffer else "participant")
            elif d.type in GATHERING or d.type == "displacement" or (d.type == "battle" and not subj):
                d.add_actor(a, "participant")
            elif (
                d.start - 8 <= s < d.start
                and not subj
                and not (not d.verb and self.embedded(d))
                and not any(0 <= s - e <= 2 for e in self.speech_ends)
            ):
                d.add_actor(a, "attacker")
            elif d.end <= s <= d.end + 8:
                d.add_actor(a, "target")
            elif d.type == "battle" and s > d.end:
                d.add_actor(a, "participant")  # «… رغم الغطاء الجوي الذي توفره الطائرات الروسية»

    # --- places --------------------------------------------------------------------------
    def reporter_zone(self, sent: int) -> set[int]:
        """Tokens between a reporting verb and its «أن»: where the reporter stands, not the event."""
        zone: set[int] = set()
        cues = self.cues_by_sent[sent]
        for _s, e, cls in cues:
            if cls != "report":
                continue
            for s2, _e2, cls2 in cues:
                if cls2 == "that" and s2 > e:
                    zone.update(range(e, s2))
                    break
        return zone

    def response_after(self, d: Draft) -> int:
        """Where «ردا على» (in response to) opens, after the trigger: what follows is the
        earlier incident being answered, not this one."""
        for s, _e, cls in self.cues_by_sent[d.sent]:
            if cls == "response" and s >= d.end:
                return s
        return len(self.doc)

    def place_order(self, d: Draft) -> list[str]:
        places = self.places[d.sent]
        if not places:
            return []
        zone = self.reporter_zone(d.sent)
        kept = [p for p in places if p[0] not in zone] or places
        clause = self.clause[d.start]

        cut = self.response_after(d)

        def rank(p: tuple[int, int, str]) -> tuple[int, int]:
            s = p[0]
            if s >= cut:
                return (3, s - d.end)  # «… ردا على قصف الزبداني»: another incident's place
            if s >= d.end:
                return (0 if self.clause[s] == clause else 1, s - d.end)
            return (2, d.start - p[1])

        out: list[str] = []
        for p in sorted(kept, key=rank):
            if p[2] not in out:
                out.append(p[2])
        # a country is the last resort: the event happened somewhere more precise in it
        return sorted(out, key=lambda pid: self.place_kind.get(pid) == "country")


def assign_arguments(doc: Doc, gap: int = 5) -> None:
    """Roles and places for every draft, then the one type rewrite that depends on roles."""
    drafts: list[Draft] = doc._.drafts or []
    if not drafts:
        return
    reader = Reader(doc, gap)
    for d in drafts:
        # a candidate the trigger rules veto is read like the others, but what it leaves behind
        # (a subject carried to the next clause) must not change how the kept ones are read
        saved = dict(reader.last_subject) if d.vetoes else None
        reader.assign(d)
        if saved is not None:
            reader.last_subject = saved
        d.places = reader.place_order(d)
    retype_one_sided(drafts, reader.kind)


@Language.factory("conflict_arguments", default_config={"gap": 5})
def make_arguments(nlp: Language, name: str, gap: int) -> ArgumentsComponent:
    return ArgumentsComponent(gap)


class ArgumentsComponent:
    """Fills actors (with roles) and places of `doc._.drafts`; `gap` = tokens an SVO subject
    may stand before its verb."""

    def __init__(self, gap: int) -> None:
        self.gap = gap

    def __call__(self, doc: Doc) -> Doc:
        assign_arguments(doc, self.gap)
        return doc
