"""The veto rules of the trigger scan, one named function each, registered in three tables.

A trigger word is not always an incident: «لم يقصف» is said not to happen, «منذ بدء المعارك»
dates a period, «يقصف النظام بانتظام» tells a habit. Each such reading is a rule with a name;
the name is what a dropped draft carries in `vetoes` (the learned eventness reads them as
features) and what `find_triggers(off=...)` takes to switch a rule off, as a spaCy component is
switched off by name. The tables run in order, and their order is the order of `vetoes`:

- `MATCH_RULES` judge one lexicon match where it stands, before its draft exists;
- `DRAFT_RULES` judge a draft once every draft of the article is found;
- `DOCUMENT_RULES` weigh the drafts of a sentence against each other (what a stronger trigger,
  a claim or a named strike leaves of a weaker one), each reading the vetoes of the ones before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from spacy.tokens import Doc

from kg.arabic.clitics import LAM, has_proclitic, spelled_definite
from kg.extract.draft import Draft
from kg.extract.phrases import Match, PhraseTable, function_words
from kg.extract.trigger_context import (
    announces_an_incident,
    clause_initial,
    followed_by,
    framed,
    hypothetical,
    ongoing_activity,
    told_as_happened,
)
from kg.extract.trigger_entry import TriggerEntry

NEGATION = function_words("negation")
# «وفق ما أعلن X», «منذ أعلنت المحافظة …»: attribution or a time clause, not an announcement
ATTRIBUTION_BEFORE = function_words("attribution_before")
THAT = function_words("that")
# a control word before «سيطرة» describes who holds an area, not a change of hands
STATE_OF_CONTROL_BEFORE = function_words("state_of_control_before")
# «منذ بدء المعارك», «جراء استمرار القتال»: a phase of the war dates something else
PHASE_BEFORE = function_words("phase_before")
CONTROL_OBJECTS = function_words("control_objects")  # what one controls that is no ground
WAR_NOUNS = function_words("war_nouns")  # the fighting at large, not one operation
POSSESSIVES = ("ها", "هم", "ه")  # «مناطق سيطرتها»: a pronoun on the noun names who holds
SHORT_SENTENCE = 4  # tokens: a weak trigger in a sentence shorter than this is a fragment


@dataclass
class TriggerScan:
    """One article as the rules read it: its tokens' readings, what it holds once (sentence
    sizes, place starts, cue sentences), and the drafts found so far, so no rule recomputes a
    document-wide fact per match."""

    doc: Doc
    window: int  # tokens either side read for a trigger's clause conditions
    table: PhraseTable[TriggerEntry]  # the trigger lexicon
    found: list[Draft] = field(default_factory=list)
    claims: list[Draft] = field(default_factory=list)  # claim triggers no match rule vetoed
    lifted: list[Draft] = field(default_factory=list)  # drafts a condition promoted to priority 1

    def __post_init__(self) -> None:
        self.reads, self.norms = self.doc._.tok_readings, self.doc._.norms
        self.firsts = self.table.first_words()  # every word a trigger starts with
        self.sizes = Counter(self.doc._.tok_sent)
        self.headline = bool(self.doc._.sentences) and self.sizes[0] <= 15
        # «جريمة تفجير خان بني سعد»: a trigger named by its place is one incident, even in a charge
        spans = self.doc.spans
        self.place_starts = {sp.start for sp in spans["places"]} if "places" in spans else set()

    def starts_trigger(self, k: int) -> bool:
        """Whether a whole trigger starts at token k («الفتح» of «جيش الفتح» starts none, though
        «فتح النار» begins with its word)."""
        return bool(self.table.match_at(self.reads, k))

    def prev(self, i: int) -> str:
        """The word before token i, "" at the start of the article."""
        return self.norms[i - 1] if i else ""

    def cue_sents(self, classes: frozenset[str]) -> set[int]:
        """Sentences holding a cue of one of these classes."""
        sent = self.doc._.tok_sent
        return {sent[s] for s, _e, cls in self.doc._.cues if cls in classes}

    @cached_property
    def habitual(self) -> set[int]:
        return self.cue_sents(frozenset({"habitual"}))


TriggerMatch = Match[TriggerEntry]
MatchRule = Callable[[TriggerScan, TriggerMatch], bool]
DraftRule = Callable[[TriggerScan, Draft], bool]
DocumentRule = Callable[[TriggerScan], None]


def name_part(s: TriggerScan, m: TriggerMatch) -> bool:
    """«المتحدث باسم العمليات العسكرية», «قيادة عملية شاملة»: a noun inside a name."""
    return bool(s.prev(m.start)) and "name_part" in s.doc._.cue_at[m.start - 1] and not m.payload.verb


def state_of_control(s: TriggerScan, m: TriggerMatch) -> bool:
    """«مناطق سيطرتها», «السيطرة على الوضع»: who holds what, not a change of hands."""
    e = m.payload
    if e.type != "territory_change":
        return False
    possessed = not e.verb and s.norms[m.start].endswith(POSSESSIVES) and m.end - m.start == 1
    after = s.reads[m.end] if m.end < len(s.reads) else ()
    return (
        e.imperfect
        or s.prev(m.start) in STATE_OF_CONTROL_BEFORE
        or possessed
        or not CONTROL_OBJECTS.isdisjoint(after)  # «السيطرة على الوضع», «على الحريق»
    )


def negated(s: TriggerScan, m: TriggerMatch) -> bool:
    """«لن تستهدف», «لم يقصف»: said not to happen."""
    return s.prev(m.start) in NEGATION


def noun_reading(s: TriggerScan, m: TriggerMatch) -> bool:
    """«قتل طالب جامعي»: the bare form of a call verb inside a clause is a noun."""
    e = m.payload
    return e.verb and e.ambiguous and e.type == "statement" and not clause_initial(s.doc, m.start, e.bare)


def phase(s: TriggerScan, m: TriggerMatch) -> bool:
    """«منذ بدء المعارك», «استمرار القتال»: a period of the war."""
    i = m.start
    definite = spelled_definite(s.norms[i])
    return s.prev(i) in PHASE_BEFORE and definite and not WAR_NOUNS.isdisjoint(s.reads[i])


def framed_noun(s: TriggerScan, m: TriggerMatch) -> bool:
    """«دعا إلى … استهداف», «الانتهاكات من قصف واعتقالات»: asked for or alleged in general,
    unless a place names the incident right after."""
    return not m.payload.verb and framed(s.doc, m.start) and not {m.end, m.end + 1} & s.place_starts


def needs(s: TriggerScan, m: TriggerMatch) -> bool:
    """«أصدر … بيانا»: the word the entry needs does not follow in its clause."""
    word = m.payload.needs
    return bool(word) and not followed_by(s.doc, m.end, {word, word + "ا"}, 8)


def attribution(s: TriggerScan, m: TriggerMatch) -> bool:
    """«وفق ما أعلن X», «أعلن X أن …»: X is a source, not the maker of a statement."""
    e = m.payload
    if not e.claim_unless_that or e.imperfect:
        return False
    return (
        s.prev(m.start) in ATTRIBUTION_BEFORE
        or followed_by(s.doc, m.end, THAT, 10)
        or announces_an_incident(s.doc, m.end, s.starts_trigger)
    )


def aim(s: TriggerScan, m: TriggerMatch) -> bool:
    """«للسيطرة على», «لتحرير مدن المحافظة»: an aim, not a change of hands."""
    e = m.payload
    return e.type == "territory_change" and not e.verb and has_proclitic(s.norms[m.start], LAM)


MATCH_RULES: dict[str, MatchRule] = {
    "name_part": name_part,
    "state_of_control": state_of_control,
    "negated": negated,
    "noun_reading": noun_reading,
    "phase": phase,
    "framed": framed_noun,
    "needs": needs,
    "attribution": attribution,
    "aim": aim,
}


def habitual(s: TriggerScan, d: Draft) -> bool:
    """«يقصف النظام بانتظام»: a habit; a claim in the same sentence still stands."""
    return d.sent in s.habitual and d.type != "statement"


def sound(s: TriggerScan, d: Draft) -> bool:
    """«دوي الانفجارات», «أصوات إطلاق النار»: what was heard of fighting already told."""
    return bool(d.start and "sound" in s.doc._.cue_at[d.start - 1])


DRAFT_RULES: dict[str, DraftRule] = {
    "habitual": habitual,
    # «تحسبا لتعرضها للقصف», «مع احتمال اندلاع معارك»: feared or possible, not reported
    "hypothetical": lambda s, d: hypothetical(s.doc, d),
    # «مسلحين يشنون هجمات»: what a group does, not an incident
    "ongoing": lambda s, d: ongoing_activity(s.doc, d),
    "sound": sound,
}


def lifted(s: TriggerScan) -> None:
    """A promoted killing stands only where its sentence does not name the strike itself."""
    alive = [d for d in s.found if not d.vetoes]
    told = {(d.sent, d.type) for d in alive if d.priority == 1 and all(d is not x for x in s.lifted)}
    for d in s.found:
        if any(d is x for x in s.lifted) and (d.sent, d.type) in told:
            d.vetoes.append("lifted")


def weak(s: TriggerScan) -> None:
    """A priority-2 word makes no event beside a stronger trigger of its sentence, nor alone in
    a fragment: «قُتل 13 بقصف» is one shelling."""
    strong_sents = {d.sent for d in s.found if d.priority == 1 and not d.vetoes}
    for d in s.found:
        if d.priority != 1 and (d.sent in strong_sents or s.sizes[d.sent] < SHORT_SENTENCE):
            d.vetoes.append("weak")


def claimed(s: TriggerScan) -> None:
    """What is denied, alleged or threatened is the statement's content, not an incident —
    unless the sentence tells it as having happened («ندد بالتفجير … الذي وقع أمس في …»)."""
    for d in s.found:
        if any(c.sent == d.sent and c.start < d.start for c in s.claims) and not told_as_happened(s.doc, d):
            d.vetoes.append("claimed")


DOCUMENT_RULES: dict[str, DocumentRule] = {"lifted": lifted, "weak": weak, "claimed": claimed}
RULE_NAMES = frozenset({*MATCH_RULES, *DRAFT_RULES, *DOCUMENT_RULES})


Rule = TypeVar("Rule", MatchRule, DraftRule, DocumentRule)


def rules_on(table: dict[str, Rule], off: frozenset[str]) -> list[tuple[str, Rule]]:
    """A table's rules in order, without those switched off."""
    check_rule_names(off)
    return [(name, rule) for name, rule in table.items() if name not in off]


def check_rule_names(names: frozenset[str]) -> None:
    """A rule named to be switched off must exist: a misspelt name would switch nothing off."""
    unknown = names - RULE_NAMES
    if unknown:
        raise ValueError(f"no trigger rule named {', '.join(sorted(unknown))}; known: {sorted(RULE_NAMES)}")
