"""One event per incident: merge the sentences of an article that tell the same one.

A report tells an incident in its lead and again in its details («قتل 18 … في سقوط صاروخ» …
«الصاروخ سقط على حي …»), and refers back with definite nouns («الهجوم», «الغارات», «هذا
القصف»). Mentions merge when the type agrees (or one is a bare killing/casualty sentence beside
a typed incident), they are close, and nothing tells them apart: a different first place, a
different resolved date, different attackers, or a new reporting verb between two triggers of
one sentence (a new claim). Separate places stay separate events.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.draft import Draft
from kg.extract.record import entity_list, events_of
from kg.extract.status import RANK
from kg.vocab.record import ARMED_EVENT_TYPES, DEMONSTRATION_TYPES

ARMED_KINDS = frozenset({"state_force", "armed_group", "militia", "foreign_force"})
ARMED_TYPES = frozenset({"battle", "territory_change", "attack"})
POINT_PLACES = frozenset({"facility", "neighbourhood", "camp", "road"})
BROAD_PLACES = frozenset({"country", "admin1", "region"})
VIOLENT = ARMED_EVENT_TYPES - {"territory_change"}


def _parties(d: Draft) -> set[str]:
    return {a for a, r in d.actors if r != "source"}


def _sources(d: Draft) -> set[str]:
    return {a for a, r in d.actors if r == "source"}


def _attackers(d: Draft) -> set[str]:
    return {a for a, r in d.actors if r == "attacker"}


def _report_between(doc: Doc, a: Draft, b: Draft) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return any(lo <= s < hi and cls == "report" for s, _e, cls in doc._.cues)


def _types_agree(e: Draft, d: Draft) -> bool:
    if e.type == d.type:
        return True
    if e.type == "statement" or d.type == "statement":
        return False
    if d.generic and e.type in VIOLENT and (e.type != "battle" or d.lexicon_type == "battle"):
        return True  # «القصف», «الهجوم» after a typed incident (shelling words never join a battle)
    weak = e if e.priority == 2 else d if d.priority == 2 else None
    return weak is not None and e.type in VIOLENT and d.type in VIOLENT and "battle" not in (e.type, d.type)


def _places_agree(
    e: Draft, d: Draft, loose: bool, within: dict[str, str | None], kind: dict[str, str] | None = None
) -> bool:
    """Strictly, d's first place must be one of e's mentions' first places; loosely, any of the
    first three on either side will do (a bare casualty sentence beside its incident)."""
    if not e.places or not d.places:
        return True
    if loose:  # «حي المغاير» and «حلب» agree: one lies within the other
        mine = {a for p in d.places[:3] for a in up(p, within)}
        theirs = {a for p in [*e.places[:3], *e.heads] for a in up(p, within)}
        return bool(mine & theirs)
    if d.places[0] in e.heads:
        return True
    kind = kind or {}
    if kind.get(d.places[0]) in POINT_PLACES and set(e.heads) & up(d.places[0], within):
        return True  # «فندق الجزيرة» after «مقديشو»: a building or quarter inside the place told
    # an incident placed only by country so far agrees with a place inside that country
    broad = [h for h in e.heads if kind.get(h) == "country"]
    return bool(broad) and len(broad) == len(e.heads) and bool(set(broad) & up(d.places[0], within))


def _only_around(e: Draft, d: Draft, within: dict[str, str | None], kind: dict[str, str]) -> bool:
    """«… في الهجوم» placed only by the country (or province) the earlier incident lies in: no
    new place, so nothing tells the two apart."""
    if not d.places or any(kind.get(p) not in BROAD_PLACES for p in d.places):
        return False
    around = {a for h in e.heads for a in up(h, within)}
    return bool(set(d.places) & around)


def _consequence_between(doc: Doc, a: Draft, b: Draft) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return any(lo <= s < hi and cls == "consequence" for s, _e, cls in doc._.cues)


def up(place: str, within: dict[str, str | None]) -> set[str]:
    """A place and the places it lies within (this record's `within` links)."""
    out, p = {place}, within.get(place)
    while p and p not in out:
        out.add(p)
        p = within.get(p)
    return out


def _tolls_differ(e: Draft, d: Draft) -> bool:
    """Two different death tolls are two incidents (or one total and one part), except a lead's
    sum taking in its first detail («مقتل 24 … عبوة ناسفة … مقتل ستة»)."""
    if e.fatalities is None or d.fatalities is None or e.fatalities == d.fatalities:
        return False
    return not (e.fatal_from_weak and d.priority == 1)


def _outcome_differs(e: Draft, d: Draft) -> bool:
    """An attempt that failed and an incident that happened are two events, unless told in one
    breath («اشتبكت مع عناصر داعش لدى محاولتهم اقتحام القرى»)."""
    failed = {"failed", "attempted"}
    if e.last_sent == d.sent and d.start - e.last_end <= 6:
        return False
    return (e.status in failed) != (d.status in failed)


def can_merge(
    doc: Doc,
    e: Draft,
    d: Draft,
    reach: int,
    anaphor_reach: int,
    within: dict[str, str | None],
    kind: dict[str, str],
) -> bool:
    if _told_apart(e, d):
        return False
    gap = d.sent - e.sent
    said_again = d.lemma.split(" ")[0] in {w.split(" ")[0] for w in e.lemmas}
    if said_again and d.priority == 1 and d.type == e.type and e.places and d.places:
        # «فك الحصار عن حلب» said again later in the article: the same incident if placed the same
        same_place = bool(set(d.places[:3]) & set([*e.places[:3], *e.heads]))
        return same_place or (d.anaphor and _only_around(e, d, within, kind))
    if gap > (anaphor_reach if d.anaphor else reach):
        # far apart: the same kind of incident at the same precise place is the same incident
        return (
            d.type == e.type
            and d.priority == e.priority == 1
            and bool(d.places)
            and d.places[0] in e.heads
            and kind.get(d.places[0]) not in BROAD_PLACES
        )
    if gap and d.generic and not d.anaphor and d.type != e.type:
        # an indefinite «هجوم»/«قصف» in a later sentence joins only an incident placed the same
        return bool(e.places and d.places and d.places[0] in e.heads)
    if gap == 0 and _report_between(doc, e, d):
        return False
    if gap == 0 and _consequence_between(doc, e, d):
        return True  # «هاجموا مقر الفوج … ما أدى إلى اندلاع اشتباكات»: the attack going on
    return _near_merge(e, d, gap, within, kind)


def _told_apart(e: Draft, d: Draft) -> bool:
    """What keeps two mentions apart however close: another incident said («هجوم آخر»), types
    that do not agree, a different outcome or toll, or different days told for each."""
    if d.fresh or not _types_agree(e, d):
        return True
    if _outcome_differs(e, d) and not (d.anaphor or d.repel):
        return True  # «المواجهات استمرت», «تصدت للهجوم»: a back-reference joins whatever the outcome
    if _tolls_differ(e, d):
        return True
    # told as happening on different days
    return e.date != d.date and e.date_precision == d.date_precision == "day" and e.date_own and d.date_own


def _near_merge(e: Draft, d: Draft, gap: int, within: dict[str, str | None], kind: dict[str, str]) -> bool:
    """Two mentions within reach, with nothing said between them that parts them."""
    if e.type == "statement":  # one statement per speaker and sentence
        return gap == 0 and bool(_sources(e) & _sources(d))
    weak = e.priority == 2 or d.priority == 2
    if weak:
        return gap <= 1 and _places_agree(e, d, True, within)
    if d.pointed and (d.anaphor or d.generic or d.type == e.type):
        return True  # «هذه الغارات»: the latest incident, wherever this sentence places it
    if d.anaphor and d.fatalities is not None and d.fatalities == e.fatalities:
        return True  # «أكد … وقوع الهجوم ومقتل 7 أشخاص»: the same toll told again
    if d.anaphor:  # «الهجوم», «الغارات»: the latest incident, unless placed elsewhere
        return _places_agree(e, d, False, within, kind) or _only_around(e, d, within, kind)
    if gap == 0:
        if d.start - max(end for _s, end in e.mentions) <= 4:
            return True  # «براميل متفجرة … وغارات جوية»: one incident told with two words
        return _places_agree(e, d, False, within, kind)
    ea, da = _attackers(e), _attackers(d)
    if ea and da and not ea & da:
        return False
    return _places_agree(e, d, False, within, kind)


def absorb(e: Draft, d: Draft) -> None:
    """Fold draft d into e: mentions, roles and places kept, the stronger trigger's type."""
    _take_type(e, d)
    _take_toll(e, d)
    e.mentions += d.mentions
    e.ambiguous = e.ambiguous and d.ambiguous
    e.documented = e.documented and d.documented
    e.context = e.context or d.context
    e.last_sent, e.last_end = d.sent, d.end
    e.lemmas.add(d.lemma)
    if d.places and d.places[0] not in e.heads:
        e.heads.append(d.places[0])
    _take_actors(e, d)
    for p in d.places:
        if p not in e.places:
            e.places.append(p)
    _take_date(e, d)
    if RANK.get(d.status, 0) > RANK.get(e.status, 0):
        e.status = d.status
    d.merged = True


def _take_type(e: Draft, d: Draft) -> None:
    """A priority-1 mention lends a weak incident its priority and (unless generic) its type."""
    if e.priority == 2 and d.priority == 1:
        e.priority = 1
        if not d.generic:
            e.type = d.type
    elif e.generic and not d.generic and d.type != e.type and d.type in VIOLENT:
        e.type, e.generic = d.type, False  # «وفي هجوم آخر … قام مسلحون بمهاجمة سيارة مدنية»


def _take_toll(e: Draft, d: Draft) -> None:
    """A toll fills the incident's when it has none, or replaces one a bare casualty sentence gave."""
    if d.fatalities is not None and (e.fatalities is None or (e.fatal_from_weak and d.priority == 1)):
        e.fatalities, e.fatal_from_weak = d.fatalities, d.priority == 2
        if d.injured is not None:
            e.injured = d.injured
    if e.fatalities is None:
        e.fatalities = d.fatalities
    if e.injured is None:
        e.injured = d.injured


def _take_actors(e: Draft, d: Draft) -> None:
    """d's roles join e's: a role read in the text replaces one guessed by position."""
    for a, r in d.actors:
        if e.has_role(a) and a in e.guessed and a not in d.guessed:
            e.actors = [(x, y) for x, y in e.actors if x != a]  # a read role beats a guess
            e.guessed.discard(a)
        party_roles = [y for x, y in e.actors if x == a and y != "source"]
        if (r == "source" and not e.has_role(a)) or (r != "source" and not party_roles):
            e.add_actor(a, r)  # a teller may also be a party; one party role per actor


def _take_date(e: Draft, d: Draft) -> None:
    """A day said beside a mention beats one inherited from the lead."""
    if d.date is not None and (e.date is None or (d.date_own and not e.date_own)):
        e.date, e.date_precision, e.date_text = d.date, d.date_precision, d.date_text
        e.date_own = d.date_own
    if e.date_text is None:
        e.date_text = d.date_text


def start_incident(d: Draft) -> None:
    """A mention as a one-mention incident, before anything merges into it."""
    d.heads = d.places[:1]
    d.last_sent, d.last_end = d.sent, d.end
    d.lemmas = {d.lemma}
    d.fatal_from_weak = d.priority == 2


def rule_heads(
    doc: Doc,
    drafts: list[Draft],
    reach: int,
    anaphor_reach: int,
    within: dict[str, str | None],
    kind: dict[str, str],
) -> list[int]:
    """The rules' merge over drafts in text order: for each, the index of the incident it joins
    (itself when it opens one). Absorbs as it goes, since later decisions read the incident so far."""
    kept: list[int] = []
    head = list(range(len(drafts)))
    for i, d in enumerate(drafts):
        start_incident(d)
        target = None
        for k in reversed(kept):
            e = drafts[k]
            far = d.sent - e.last_sent > max(reach, anaphor_reach)
            if far and d.type != e.type:
                continue
            if _types_agree(e, d):
                if can_merge(doc, e, d, reach, anaphor_reach, within, kind):
                    target = k
                    break
                if not _outcome_differs(e, d):
                    break  # only the latest event of a compatible type is a candidate
        if target is None:
            kept.append(i)
        else:
            absorb(drafts[target], d)
            head[i] = target
    return head


def finish(doc: Doc, incidents: list[Draft]) -> list[Draft]:
    """What follows the merge in both pipelines: bare tolls folded into the incident told most,
    the strike modality carried over, and incidents with no anchor or no conflict setting left out."""
    kept = _fold_bare_tolls(incidents)
    modality_from_actors(kept)
    armed = {a.id: a.kind in ARMED_KINDS for a in entity_list(doc, "actors")}
    at_war = any(armed.values())
    return [d for d in kept if _anchored(d, armed) and _in_conflict(d, armed, at_war)]


def merge_drafts(doc: Doc, reach: int = 2, anaphor_reach: int = 4) -> list[Draft]:
    places = entity_list(doc, "places")
    within = {p.id: p.within for p in places}
    kind = {p.id: p.kind for p in places}
    drafts = sorted(doc._.drafts or [], key=lambda x: x.start)
    heads = rule_heads(doc, drafts, reach, anaphor_reach, within, kind)
    return finish(doc, [d for i, d in enumerate(drafts) if heads[i] == i])


def _in_conflict(d: Draft, armed: dict[str, bool], at_war: bool) -> bool:
    """A word with an everyday sense («هجوم» of a team or a shark, «معركة» against prices,
    «انفجار» of prices, «سيطر على الكرة») tells an incident only in a conflict setting: an armed
    party to it, or a weapon, aircraft or casualty in its sentence, or else an article that names
    some armed party and an event with a place or a party of its own. A demonstration needs
    none of that: protesters are no armed party, and «احتجاج», «اقتحم» typed a protest or a riot
    (by a rule or the eventness model) already read the crowd."""
    if d.type in DEMONSTRATION_TYPES:
        return True
    if not d.ambiguous or d.context or any(armed.get(a) for a in _parties(d)):
        return True
    return at_war and bool(d.places or _parties(d))


def _anchored(d: Draft, armed: dict[str, bool]) -> bool:
    """An incident report says where or who: a trigger word with neither place nor party (a
    statement: no speaker) is ordinary language («أعلنت جامعة نجران», «مصيدة التسلل»), and a
    weak one needs at least a toll."""
    if d.type == "statement":
        return bool(_sources(d))
    if d.documented and not d.places:
        return False  # «وبحسب التقرير، استخدمت القوات القوة لاعتقال أطفال»: a pattern, not an incident
    if d.priority == 2 and not (d.places or d.fatalities or _parties(d)):
        return False
    armed_party = any(armed.get(a) for a in _parties(d))
    if d.priority == 2 and d.type in ARMED_TYPES and not (d.fatalities or armed_party):
        return False  # «تقدم», «تحرير التجارة», «مصيدة التسلل»: no armed party, no toll, no fighting
    return bool(d.places or _parties(d))


def _fold_bare_tolls(events: list[Draft]) -> list[Draft]:
    """«وأشارت تقارير إلى أن سبعة أشخاص قتلوا»: a killing told with no place and no party
    continues the incident told so far; its toll fills that incident's when it has none."""
    out: list[Draft] = []
    for d in events:
        bare = d.priority == 2 and not d.places and not _parties(d) - _civilian_like(d)
        same = [e for e in out if e.type == d.type]
        if d.anaphor and not d.places and same:  # «قتلوا في المواجهات», told with no place of its own
            host = max(reversed(same), key=lambda e: len(e.mentions))
            if host.fatalities is None:
                host.fatalities = d.fatalities
            host.mentions += d.mentions
            d.merged = True
            continue
        told = [e for e in out if e.type in VIOLENT]  # the incident told most so far hosts it
        host = max(reversed(told), key=lambda e: len(e.mentions)) if told else None
        if bare and host is not None and d.type in VIOLENT:
            if host.fatalities is None:
                host.fatalities = d.fatalities
            host.mentions += d.mentions
            d.merged = True
            continue
        out.append(d)
    return out


def _civilian_like(d: Draft) -> set[str]:
    return {a for a, r in d.actors if r == "victim"}


def modality_from_actors(events: list[Draft]) -> None:
    """«القصف الروسي» after «شنت طائرات روسية غارات»: an actor seen striking from the air in
    this article is taken to bomb from the air again when the text just says «قصف»."""
    air: set[str] = set()
    for d in events:
        if d.type == "air_strike":
            air |= _attackers(d)
        elif d.type == "shelling" and d.lexicon_type == "shelling":
            att = _attackers(d)
            if att and att <= air:
                d.type = "air_strike"


@Language.factory(
    "conflict_coref",
    default_config={"reach": 2, "anaphor_reach": 4},
    requires=["doc._.drafts", "doc._.cues", "doc._.actors", "doc._.places"],
    assigns=["doc._.drafts", "doc._.events"],
)
def make_coref(nlp: Language, name: str, reach: int, anaphor_reach: int) -> CorefComponent:
    return CorefComponent(reach, anaphor_reach)


class CorefComponent:
    """Replaces `doc._.drafts` with one draft per incident; `reach` = sentences apart two
    mentions may be, `anaphor_reach` = the same for a definite back-reference."""

    def __init__(self, reach: int, anaphor_reach: int) -> None:
        self.reach, self.anaphor_reach = reach, anaphor_reach

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = merge_drafts(doc, self.reach, self.anaphor_reach)
        doc._.events = events_of(doc)
        return doc
