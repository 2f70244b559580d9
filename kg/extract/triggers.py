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
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.normalise import norm
from kg.extract.draft import Draft
from kg.extract.phrases import Match, PhraseTable, function_words, inflect, noun_forms
from kg.lexicons.tables import TRIGGER_IDIOMS, TRIGGER_TABLES

# «وفق ما أعلن X», «منذ أعلنت المحافظة …»: attribution or a time clause, not an announcement
NEGATION = function_words("negation")
RELATIVE_PRONOUNS = function_words("relative_pronouns")
RELATIVE = function_words("relative")
# verbs of a relative clause that tell an incident as having happened («الذي وقع», «التي استهدفت»)
OCCURRED = frozenset(f for v in function_words("occurred") for f in inflect(v))
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
FLAGS = frozenset(
    {"anaphor", "generic", "claim", "claim_unless_that", "repel", "ambiguous", "patient", "promote"}
)
FRAME_REACH = 12  # tokens a call or a charge sheet governs after it


@dataclass(frozen=True)
class TriggerEntry:
    type: str
    priority: int
    conditions: tuple[tuple[str, str], ...]  # (cue class, type) rewrites, first match wins
    status: str | None
    anaphor: bool
    imperfect: bool  # a present-tense verb form: describes a state as often as an incident
    verb: bool = False
    generic: bool = False
    claim: bool = False
    repel: bool = False
    claim_unless_that: bool = False  # «أعلن X بدء …» is a statement; «أعلن أن …» only reports
    needs: str | None = None  # a word that must follow within the clause («أصدر … بيانا»)
    ambiguous: bool = False  # also an everyday word: needs conflict context to be an incident
    patient: bool = False  # the noun in construct after it is the one done to
    promote: bool = False  # a condition's rewrite names the incident by itself («قتل» by aircraft)
    bare: str = ""  # the lexicon form: for an ambiguous verb, its bare form may be a noun («طالب»)


def _parse_cond(cond: str) -> tuple[tuple[tuple[str, str], ...], str | None, set[str], str | None]:
    rewrites: list[tuple[str, str]] = []
    status, flags, needs = None, set(), None
    for part in filter(None, (p.strip() for p in cond.split(","))):
        if part in FLAGS:
            flags.add(part)
        elif part.startswith("status="):
            status = part.split("=", 1)[1]
        elif part.startswith("needs="):
            needs = norm(part.split("=", 1)[1])
        else:
            cls, typ = part.split("=", 1)
            rewrites.append((cls, typ))
    return tuple(rewrites), status, flags, needs


@cache
def trigger_idioms() -> dict[str, frozenset[str]]:
    """By a trigger's first word, the words that make an idiom of it (trigger_idioms.tsv)."""
    return {
        norm(row.trigger): frozenset(norm(w) for w in row.words)
        for row in TRIGGER_IDIOMS.rows()
    }


IDIOM_REACH = 3  # words either side of a trigger read for its idioms


def _idiomatic(doc: Doc, start: int, end: int, bare: str) -> bool:
    """«خطفنا الأضواء», «أمسية شعرية نظمها منتدى»: the trigger word sits in an idiom."""
    words = trigger_idioms().get(bare)
    if not words:
        return False
    reads, sent = doc._.tok_readings, doc._.tok_sent
    for k in range(max(0, start - IDIOM_REACH), min(len(reads), end + IDIOM_REACH)):
        if not start <= k < end and sent[k] == sent[start] and not words.isdisjoint(reads[k]):
            return True
    return False


@cache
def trigger_table(name: str = "triggers.tsv") -> PhraseTable[TriggerEntry]:
    """The trigger lexicon; `candidates.tsv` holds the words only the learned eventness reads."""
    table: PhraseTable[TriggerEntry] = PhraseTable()
    for row in TRIGGER_TABLES[name].rows():
        words = [norm(w) for w in row.form.split()]
        conds, status, flags, needs = _parse_cond(row.cond)
        entry = TriggerEntry(
            type=row.type,
            priority=row.priority,
            conditions=conds,
            status=status,
            anaphor="anaphor" in flags,
            imperfect=False,
            verb=row.pos == "verb",
            generic="generic" in flags,
            claim="claim" in flags,
            claim_unless_that="claim_unless_that" in flags,
            repel="repel" in flags,
            needs=needs,
            ambiguous="ambiguous" in flags,
            patient="patient" in flags,
            promote="promote" in flags,
            bare=words[0],
        )
        if row.pos == "verb":
            forms = inflect(words[0])
            stem = words[0][1:] if words[0].startswith("ا") and len(words[0]) >= 4 else words[0]
            imperf = {f for f in forms if f[:1] in "يتن" and f[1:].startswith(stem[:2])}
            imperf -= {words[0]}
            table.add(forms - imperf, words[1:], entry)
            # present tense tells a habit or a state as often as an incident: weak
            weak = {**entry.__dict__, "imperfect": True, "priority": max(entry.priority, 2)}
            table.add(imperf, words[1:], TriggerEntry(**weak))
        else:
            table.add(noun_forms(words[0]), words[1:], entry)
    return table


def _condition_type(doc: Doc, entry: TriggerEntry, start: int, end: int, window: int) -> str:
    if not entry.conditions:
        return entry.type
    sent = doc._.tok_sent
    lo, hi = max(0, start - window), min(len(doc), end + window)
    present: set[str] = set()
    for k in range(lo, hi):
        if sent[k] == sent[start]:
            present |= doc._.cue_at[k]
    if any(cls == "civ" for cls, _t in entry.conditions):  # civilian victims anywhere in the sentence
        present |= {c for s, _e, c in doc._.cues if c == "civ" and sent[s] == sent[start]}
    for cls, typ in entry.conditions:
        if cls in present:
            return typ
    return entry.type


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
        if _has_article(norms[i]):  # «التخلي» is no form of «أخلى»: verbs never take the article
            matches = [x for x in matches if not x.payload.verb]
            if not matches:
                i += 1
                continue
        elif _prep_led(norms[i], reads[i]):  # «بقتل», «لاستعادة»: behind «بـ»/«لـ» a verb form is its noun
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
            and (_reported_object(doc, i) or (i and norms[i - 1] in PREPOSITIONS))
        ):
            matches = (
                nouns  # «أعلنت الحكومة دحر …», «من قصف»: after a reporting verb or a preposition, a noun
            )
        m = matches[0]
        entry = m.payload
        if _idiomatic(doc, m.start, m.end, entry.bare):
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
            and not _clause_initial(doc, i, entry.bare)
        ):
            vetoes.append("noun_reading")  # «قتل طالب جامعي»: the bare form inside a clause is a noun
        if prev in PHASE_BEFORE and _has_article(norms[i]) and not WAR_NOUNS.isdisjoint(reads[i]):
            vetoes.append("phase")  # «منذ بدء المعارك», «استمرار القتال»: a period of the war
        if not entry.verb and _framed(doc, i) and not {m.end, m.end + 1} & place_starts:
            vetoes.append("framed")  # «دعا إلى … استهداف», «الانتهاكات من قصف واعتقالات»
        if entry.needs and not _followed_by(doc, m.end, {entry.needs, entry.needs + "ا"}, 8):
            vetoes.append("needs")
        priority, claim = entry.priority, entry.claim or entry.needs is not None
        if entry.imperfect and headline and doc._.tok_sent[i] == 0:
            priority = 1  # headlines tell past events in the present tense («المعارضة تصد …»)
        if entry.imperfect:
            claim = False  # «يتهمونه»: a present-tense accusation describes, it does not state
        if entry.claim_unless_that and not entry.imperfect:
            if (
                prev in ATTRIBUTION_BEFORE
                or _followed_by(doc, m.end, THAT, 10)
                or _announces_an_incident(doc, m.end, firsts)
            ):
                vetoes.append("attribution")  # «وفق ما أعلن X», «أعلن X أن …»: X is a source
            else:
                priority, claim = 1, True
        typ = _condition_type(doc, entry, m.start, m.end, window)
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
            anaphor=entry.anaphor and _definite_reference(doc, m.start, m.end),
            pointed=_demonstrative(doc, m.start, m.end)
            or (entry.repel and _repels_told_attack(doc, m.end, firsts)),
            generic=entry.generic,
            repel=entry.repel,
            lemma=" ".join(reads[k][-1] for k in range(m.start, m.end)),
            fresh=_another(doc, m.start, m.end),
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
            ("hypothetical", _hypothetical(doc, d)),
            ("ongoing", _ongoing_activity(doc, d)),
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
        if any(c.sent == d.sent and c.start < d.start for c in claims) and not _told_as_happened(doc, d):
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
        if m is None or (m.payload.verb and _has_article(doc._.norms[i])):
            i += 1
            continue
        e = m.payload
        if _idiomatic(doc, m.start, m.end, e.bare):
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


def _told_as_happened(doc: Doc, d: Draft) -> bool:
    """«التفجير (الإرهابي) الذي وقع/استهدف …»: a relative clause of occurrence after the noun."""
    norms, reads = doc._.norms, doc._.tok_readings
    for k in range(d.end, min(d.end + 2, len(norms) - 1)):
        if norms[k] in RELATIVE and not OCCURRED.isdisjoint(reads[k + 1]):
            return True
    return False


def _reported_object(doc: Doc, i: int) -> bool:
    """A form that is both a verb and its verbal noun («دحر», «قصف») right after a reporting verb
    and its subject, with no «أن» between, is the noun: a finite verb there needs «أن»."""
    sent, at = doc._.tok_sent, doc._.cue_at
    for k in range(i - 1, max(-1, i - 7), -1):
        if sent[k] != sent[i] or "that" in at[k]:
            return False
        if "report" in at[k]:
            return True
    return False


def _framed(doc: Doc, i: int) -> bool:
    """A verbal noun inside a call («طالب بتحرير», «داعيا إلى تكثيف الغارات») or a charge sheet
    («الانتهاكات … من قصف واعتقالات», «جرائم الحرب من إعدامات»): what is asked for or alleged in
    general, with no incident of its own. A reporting verb, a casualty word («… الذي قتل في
    معارك») or a full stop in between ends the frame."""
    sent, at = doc._.tok_sent, doc._.cue_at
    for k in range(i - 1, max(-1, i - FRAME_REACH - 1), -1):
        if sent[k] != sent[i] or at[k] & {"report", "that", "dead", "injured"}:
            return False
        if at[k] & {"call", "abuse"}:
            return True
    return False


def _clause_initial(doc: Doc, i: int, bare: str) -> bool:
    """Only the bare form of a call verb («طالب», «دعا») needs to open its clause (after «و»,
    «ف», punctuation or the sentence start), as a reported verb does; «طالبت» never doubts."""
    nrm = doc._.norms[i]
    if nrm != bare and nrm[1:] != bare:
        return True
    if nrm[:1] in {"و", "ف"} and nrm[1:] == bare:
        return True
    return i == 0 or doc._.tok_sent[i - 1] != doc._.tok_sent[i] or not doc._.norms[i - 1][:1].isalnum()


def _prep_led(token_norm: str, token_reads: tuple[str, ...]) -> bool:
    return token_norm[:1] in {"ل", "ب"} and token_norm[1:] in token_reads[1:]


def _has_article(token_norm: str) -> bool:
    t = token_norm[1:] if token_norm[:1] in {"و", "ف"} else token_norm
    return t.startswith(("ال", "بال", "لل", "كال"))


def _another(doc: Doc, start: int, end: int) -> bool:
    """«هجوم آخر», «طائرات أخرى غارات»: the word right beside the trigger, not «30 آخرون»."""
    at, norms = doc._.cue_at, doc._.norms
    for k in (start - 1, end):
        if 0 <= k < len(at) and "another" in at[k] and not norms[k].endswith(("ون", "ين")):
            return True
    return False


def _ongoing_activity(doc: Doc, d: Draft) -> bool:
    """«مسلحين يشنون هجمات على قوات الأمن»: a present-tense light verb before a bare plural
    tells what a group does, not an incident."""
    norms, at = doc._.norms, doc._.cue_at
    for k in (d.start - 1, d.start - 2):
        if k >= 0 and "agent" in at[k] and norms[k][:1] in "يت" and not norms[d.start].startswith("ال"):
            return True
    return False


def _hypothetical(doc: Doc, d: Draft) -> bool:
    """A possibility cue up to six words before the trigger, or in a relative clause right after
    it («المعارك التي يحتمل أن تندلع»)."""
    sent, at, norms = doc._.tok_sent, doc._.cue_at, doc._.norms
    before = range(max(0, d.start - 6), d.start)
    after = range(d.end, min(len(at), d.end + 3))
    if any("hypothetical" in at[k] and sent[k] == d.sent for k in before):
        return True
    return any(
        "hypothetical" in at[k] and sent[k] == d.sent and norms[k - 1] in RELATIVE_PRONOUNS for k in after
    )


def _announces_an_incident(doc: Doc, pos: int, firsts: frozenset[str]) -> bool:
    """«أعلن الجيش إصابة 4 من جنوده إثر تفجير …»: the object is a casualty or an incident."""
    sent, at, reads = doc._.tok_sent, doc._.cue_at, doc._.tok_readings
    for k in range(pos, min(pos + 6, len(reads))):
        if sent[k] != sent[pos - 1]:
            return False
        if at[k] & {"dead", "injured"} or not firsts.isdisjoint(reads[k]):
            return True
    return False


def _followed_by(doc: Doc, pos: int, words: set[str] | frozenset[str], reach: int) -> bool:
    sent, reads = doc._.tok_sent, doc._.tok_readings
    for k in range(pos, min(pos + reach, len(reads))):
        if sent[k] != sent[pos - 1]:
            return False
        if doc._.norms[k] in words or any(r in words for r in reads[k][1:2]):
            return True
    return False


def _repels_told_attack(doc: Doc, pos: int, firsts: frozenset[str]) -> bool:
    """«تصدت للهجوم»: repelling *the* attack points back to the attack already told."""
    if pos >= len(doc._.norms):
        return False
    reads = doc._.tok_readings[pos]
    return not firsts.isdisjoint(reads) and _definite_reference(doc, pos, pos + 1)


def _demonstrative(doc: Doc, start: int, end: int) -> bool:
    """«هذه الغارات», «هذا القصف», «الغارة الأخيرة»: pointed back at, whatever the place."""
    at = doc._.cue_at
    return any(0 <= k < len(at) and "demonstrative" in at[k] for k in (start - 1, end))


def _definite_reference(doc: Doc, start: int, end: int) -> bool:
    """«الهجوم», «هذه الغارات», «الغارة الأخيرة»: a definite noun or a demonstrative."""
    norms, at = doc._.norms, doc._.cue_at
    if any(r.startswith("ال") for r in doc._.tok_readings[start]):
        return True
    near = [k for k in (start - 1, end) if 0 <= k < len(norms)]
    return any("demonstrative" in at[k] for k in near)


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
