"""Find event triggers: the words that tell an incident happened, typed from the trigger lexicon.

Arabic tells an incident with a verb («قصفت», «اشتبكت») or its verbal noun («القصف»,
«اشتباكات»), with any clitics attached. The lexicon (`kg/lexicons/triggers.tsv`) lists both,
verbs expanded to their inflections, and each entry may carry clause conditions that refine the
type («قصف» near aircraft words is an air strike). Priority-2 words (killing, announcing, generic
attack nouns) only make an event when their sentence has nothing more specific, so «قُتل 13
بقصف» yields one shelling/air-strike event, not two.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.draft import Draft
from kg.extract.phrases import Match, function_words
from kg.extract.trigger_context import (
    announces_an_incident,
    another,
    clause_initial,
    condition_type,
    definite_reference,
    demonstrative,
    followed_by,
    framed,
    has_article,
    hypothetical,
    idiomatic,
    ongoing_activity,
    prep_led,
    repels_told_attack,
    reported_object,
    told_as_happened,
)
from kg.extract.trigger_lexicon import trigger_table

# «وفق ما أعلن X», «منذ أعلنت المحافظة …»: attribution or a time clause, not an announcement
NEGATION = function_words("negation")
ATTRIBUTION_BEFORE = function_words("attribution_before")
THAT = function_words("that")
PREPOSITIONS = function_words("prepositions")

if not Doc.has_extension("drafts"):
    Doc.set_extension("drafts", default=None)

# a control word before «سيطرة» describes who holds an area, not a change of hands
STATE_OF_CONTROL_BEFORE = function_words("state_of_control_before")
# «منذ بدء المعارك», «جراء استمرار القتال»: a phase of the war dates something else
PHASE_BEFORE = function_words("phase_before")
CONTROL_OBJECTS = function_words("control_objects")  # what one controls that is no ground
WAR_NOUNS = function_words("war_nouns")  # the fighting at large, not one operation
# what makes a sentence about armed conflict, whatever its trigger word
CONFLICT_CUES = frozenset({"air", "shell", "blast", "dead", "injured"})


def find_triggers(doc: Doc, window: int = 10, candidates: bool = False) -> list[Draft]:
    """Trigger drafts in token order, weak ones dropped where their sentence has a strong one.

    With `candidates`, nothing a rule would drop is dropped: each draft carries the names of the
    rules that would have dropped it in `vetoes`, for a trained component to weigh with the rest
    of the context (the rules stay as features; the decision is learned)."""
    table = trigger_table()
    firsts = table.first_words()
    reads, norms = doc._.tok_readings, doc._.norms
    found: list[Draft] = []
    claims: list[Draft] = []
    lifted: list[Draft] = []
    i, n = 0, len(reads)
    sizes = Counter(doc._.tok_sent)
    headline = bool(doc._.sentences) and sizes[0] <= 15
    # «جريمة تفجير خان بني سعد»: a trigger named by its place is one incident, even in a charge
    place_starts = {sp.start for sp in doc.spans["places"]} if "places" in doc.spans else set()
    while i < n:
        if firsts.isdisjoint(reads[i]):
            i += 1
            continue
        matches = table.match_at(reads, i)
        if not matches:
            i += 1
            continue
        if has_article(norms[i]):  # «التخلي» is no form of «أخلى»: verbs never take the article
            matches = [x for x in matches if not x.payload.verb]
            if not matches:
                i += 1
                continue
        elif prep_led(norms[i], reads[i]):  # «بقتل», «لاستعادة»: behind «بـ»/«لـ» a verb form is its noun
            # … but a saying verb's form behind one («بحمل المسؤولية», carrying) says nothing
            matches = [
                x if not x.payload.verb else Match(x.start, x.end, replace(x.payload, verb=False))
                for x in matches
                if not (x.payload.verb and x.payload.type == "statement")
            ]
            if not matches:
                i += 1
                continue
        nouns = [x for x in matches if not x.payload.verb and x.end == matches[0].end]
        if (
            matches[0].payload.verb
            and nouns
            and (reported_object(doc, i) or (i and norms[i - 1] in PREPOSITIONS))
        ):
            matches = (
                nouns  # «أعلنت الحكومة دحر …», «من قصف»: after a reporting verb or a preposition, a noun
            )
        m = matches[0]
        entry = m.payload
        if idiomatic(doc, m.start, m.end, entry.bare):
            i = m.end
            continue
        prev = norms[i - 1] if i else ""
        vetoes: list[str] = []
        if prev and "name_part" in doc._.cue_at[i - 1] and not entry.verb:
            vetoes.append("name_part")  # «المتحدث باسم العمليات العسكرية», «قيادة عملية شاملة»
        possessed = not entry.verb and norms[m.start].endswith(("ها", "هم", "ه")) and m.end - m.start == 1
        after = reads[m.end] if m.end < n else ()
        if entry.type == "territory_change" and (
            entry.imperfect
            or prev in STATE_OF_CONTROL_BEFORE
            or possessed  # «مناطق سيطرتها»
            or not CONTROL_OBJECTS.isdisjoint(after)  # «السيطرة على الوضع», «على الحريق»
        ):
            vetoes.append("state_of_control")
        if prev in NEGATION:
            vetoes.append("negated")  # «لن تستهدف», «لم يقصف»: said not to happen
        if (
            entry.verb
            and entry.ambiguous
            and entry.type == "statement"
            and not clause_initial(doc, i, entry.bare)
        ):
            vetoes.append("noun_reading")  # «قتل طالب جامعي»: the bare form inside a clause is a noun
        if prev in PHASE_BEFORE and has_article(norms[i]) and not WAR_NOUNS.isdisjoint(reads[i]):
            vetoes.append("phase")  # «منذ بدء المعارك», «استمرار القتال»: a period of the war
        if not entry.verb and framed(doc, i) and not {m.end, m.end + 1} & place_starts:
            vetoes.append("framed")  # «دعا إلى … استهداف», «الانتهاكات من قصف واعتقالات»
        if entry.needs and not followed_by(doc, m.end, {entry.needs, entry.needs + "ا"}, 8):
            vetoes.append("needs")
        priority, claim = entry.priority, entry.claim or entry.needs is not None
        if entry.imperfect and headline and doc._.tok_sent[i] == 0:
            priority = 1  # headlines tell past events in the present tense («المعارضة تصد …»)
        if entry.imperfect:
            claim = False  # «يتهمونه»: a present-tense accusation describes, it does not state
        if entry.claim_unless_that and not entry.imperfect:
            if (
                prev in ATTRIBUTION_BEFORE
                or followed_by(doc, m.end, THAT, 10)
                or announces_an_incident(doc, m.end, firsts)
            ):
                vetoes.append("attribution")  # «وفق ما أعلن X», «أعلن X أن …»: X is a source
            else:
                priority, claim = 1, True
        typ = condition_type(doc, entry, m.start, m.end, window)
        promoted = entry.promote and typ != entry.type and not entry.imperfect
        if promoted:
            priority = 1  # «تمكن طيران التحالف من قتل 18 عنصرا»: a killing from the air is a strike
        status = entry.status or "occurred"
        if entry.type == "territory_change" and not entry.verb and norms[m.start][:1] == "ل":
            vetoes.append("aim")  # «للسيطرة على», «لتحرير مدن المحافظة»: an aim, not a change of hands
        if vetoes and not candidates:
            i = m.end
            continue
        d = Draft(
            type=typ,
            start=m.start,
            end=m.end,
            sent=doc._.tok_sent[m.start],
            priority=priority,
            anaphor=entry.anaphor and definite_reference(doc, m.start, m.end),
            pointed=demonstrative(doc, m.start, m.end)
            or (entry.repel and repels_told_attack(doc, m.end, firsts)),
            generic=entry.generic,
            repel=entry.repel,
            lemma=" ".join(reads[k][-1] for k in range(m.start, m.end)),
            fresh=another(doc, m.start, m.end),
            lexicon_type=entry.type,
            status=status,
            mentions=[(m.start, m.end)],
            verb=entry.verb,
            ambiguous=entry.ambiguous,
            patient=entry.patient,
            imperfect=entry.imperfect,
            vetoes=vetoes,
        )
        found.append(d)
        if promoted:
            lifted.append(d)
        if claim:
            d.priority = 1
            if not vetoes:
                claims.append(d)
        i = m.end
    if candidates:
        found = sorted(found + _extra_candidates(doc, found), key=lambda d: d.start)
    context = {doc._.tok_sent[s] for s, _e, cls in doc._.cues if cls in CONFLICT_CUES}
    documents = {doc._.tok_sent[s] for s, _e, cls in doc._.cues if cls == "document"}
    for d in found:
        d.context = d.sent in context
        d.documented = d.sent in documents
    habitual = {doc._.tok_sent[s] for s, _e, cls in doc._.cues if cls == "habitual"}
    at = doc._.cue_at
    for d in found:
        checks = (
            # «يقصف النظام بانتظام»: a habit; a claim in the same sentence still stands
            ("habitual", d.sent in habitual and d.type != "statement"),
            # «تحسبا لتعرضها للقصف», «مع احتمال اندلاع معارك»: feared or possible, not reported
            ("hypothetical", hypothetical(doc, d)),
            ("ongoing", ongoing_activity(doc, d)),
            # «دوي الانفجارات», «أصوات إطلاق النار»: what was heard of fighting already told
            ("sound", bool(d.start and "sound" in at[d.start - 1])),
        )
        d.vetoes += [name for name, hit in checks if hit]
    # a promoted killing stands only where its sentence does not name the strike itself
    alive = [d for d in found if not d.vetoes]
    told = {(d.sent, d.type) for d in alive if d.priority == 1 and all(d is not x for x in lifted)}
    for d in found:
        if any(d is x for x in lifted) and (d.sent, d.type) in told:
            d.vetoes.append("lifted")
    strong_sents = {d.sent for d in found if d.priority == 1 and not d.vetoes}
    for d in found:
        if d.priority != 1 and (d.sent in strong_sents or sizes[d.sent] < 4):
            d.vetoes.append("weak")
        # what is denied, alleged or threatened is the statement's content, not an incident —
        # unless the sentence tells it as having happened («ندد بالتفجير … الذي وقع أمس في …»)
        if any(c.sent == d.sent and c.start < d.start for c in claims) and not told_as_happened(doc, d):
            d.vetoes.append("claimed")
    return found if candidates else [d for d in found if not d.vetoes]


def _extra_candidates(doc: Doc, found: list[Draft]) -> list[Draft]:
    """Words of `candidates.tsv` where no trigger stands: vetoed ("extra") for the rules, left
    to the learned eventness to judge."""
    table = trigger_table("candidates.tsv")
    firsts = table.first_words()
    reads = doc._.tok_readings
    taken = {k for d in found for k in range(d.start, d.end)}
    out: list[Draft] = []
    i = 0
    while i < len(reads):
        matches = [] if i in taken or firsts.isdisjoint(reads[i]) else table.match_at(reads, i)
        m = next((x for x in matches if not taken & set(range(x.start, x.end))), None)
        if m is None or (m.payload.verb and has_article(doc._.norms[i])):
            i += 1
            continue
        e = m.payload
        if idiomatic(doc, m.start, m.end, e.bare):
            i = m.end
            continue
        out.append(
            Draft(
                type=e.type,
                start=m.start,
                end=m.end,
                sent=doc._.tok_sent[m.start],
                priority=e.priority,
                lemma=" ".join(reads[k][-1] for k in range(m.start, m.end)),
                lexicon_type=e.type,
                mentions=[(m.start, m.end)],
                verb=e.verb,
                imperfect=e.imperfect,
                vetoes=["extra"],
            )
        )
        i = m.end
    return out


@Language.factory("conflict_triggers", default_config={"window": 10, "candidates": False})
def make_trigger_component(nlp: Language, name: str, window: int, candidates: bool) -> TriggerComponent:
    return TriggerComponent(window, candidates)


class TriggerComponent:
    """Sets `doc._.drafts`, one per trigger; `window` = tokens either side read for conditions;
    `candidates` keeps what the rules would drop, with their reasons, for the learned eventness."""

    def __init__(self, window: int, candidates: bool = False) -> None:
        self.window = window
        self.candidates = candidates
        trigger_table()

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = find_triggers(doc, self.window, self.candidates)
        return doc
