"""Find event triggers: the words that tell an incident happened, typed from the trigger lexicon.

Arabic tells an incident with a verb («قصفت», «اشتبكت») or its verbal noun («القصف»,
«اشتباكات»), with any clitics attached. The lexicon (`kg/lexicons/triggers.tsv`) lists both,
verbs expanded to their inflections, and each entry may carry clause conditions that refine the
type («قصف» near aircraft words is an air strike). Priority-2 words (killing, announcing, generic
attack nouns) only make an event when their sentence has nothing more specific, so «قُتل 13
بقصف» yields one shelling/air-strike event, not two.

The scan here picks a reading at each token and makes its draft; what drops a draft is a named
rule of `kg.extract.trigger_rules`, built from the tests of `kg.extract.trigger_context`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.clitics import preposition_led, spelled_definite, starts_with_article
from kg.arabic.normalise import norm
from kg.extract.draft import Draft
from kg.extract.phrases import Match, PhraseTable, function_words, inflect, noun_forms
from kg.extract.trigger_context import another, reported_object
from kg.extract.trigger_entry import TriggerEntry
from kg.extract.trigger_rules import (
    DOCUMENT_RULES,
    DRAFT_RULES,
    MATCH_RULES,
    MatchRule,
    TriggerMatch,
    TriggerScan,
    check_rule_names,
    rules_on,
)
from kg.lexicons.tables import TRIGGER_IDIOMS, TRIGGER_TABLES

PREPOSITIONS = function_words("prepositions")

if not Doc.has_extension("drafts"):
    Doc.set_extension("drafts", default=None)

# what makes a sentence about armed conflict, whatever its trigger word
CONFLICT_CUES = frozenset({"air", "shell", "blast", "dead", "injured"})
DOCUMENT_CUES = frozenset({"document"})
FLAGS = frozenset(
    {"anaphor", "generic", "claim", "claim_unless_that", "repel", "ambiguous", "patient", "promote"}
)


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
SUBJECT_GAP = 2  # words of a subject a verb and its object may stand apart by («فتح مسلحون النار»)


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


def find_triggers(
    doc: Doc, window: int = 10, candidates: bool = False, off: frozenset[str] = frozenset()
) -> list[Draft]:
    """Trigger drafts in token order, weak ones dropped where their sentence has a strong one.

    With `candidates`, nothing a rule would drop is dropped: each draft carries the names of the
    rules that would have dropped it in `vetoes`, for a trained component to weigh with the rest
    of the context (the rules stay as features; the decision is learned). `off` names rules of
    `kg.extract.trigger_rules` switched off."""
    match_rules = rules_on(MATCH_RULES, off)
    scan = TriggerScan(doc, window, trigger_table())
    i = 0
    while i < len(scan.reads):
        i = _scan_at(scan, i, match_rules, candidates)
    if candidates:
        scan.found = sorted(scan.found + _extra_candidates(doc, scan.found), key=lambda d: d.start)
    context, documents = scan.cue_sents(CONFLICT_CUES), scan.cue_sents(DOCUMENT_CUES)
    for d in scan.found:
        d.context = d.sent in context
        d.documented = d.sent in documents
    draft_rules = rules_on(DRAFT_RULES, off)
    for d in scan.found:
        d.vetoes += [name for name, rule in draft_rules if rule(scan, d)]
    for _name, rule in rules_on(DOCUMENT_RULES, off):
        rule(scan)
    return scan.found if candidates else [d for d in scan.found if not d.vetoes]


def _scan_at(scan: TriggerScan, i: int, match_rules: list[tuple[str, MatchRule]], candidates: bool) -> int:
    """Read the trigger at token i, if any, and say where the scan goes on."""
    m = _reading_at(scan, i)
    if m is None:
        return i + 1
    if _idiomatic(scan.doc, m.start, m.end, m.payload.bare):
        return m.end
    vetoes = [name for name, rule in match_rules if rule(scan, m)]
    if not vetoes or candidates:
        _add_draft(scan, m, vetoes)
    return m.end


def _reading_at(scan: TriggerScan, i: int) -> TriggerMatch | None:
    """The lexicon entry token i is read as: the longest match, with a verb's form taken as its
    noun where its shape or its place says so."""
    reads, norms = scan.reads, scan.norms
    if scan.firsts.isdisjoint(reads[i]):
        return None
    matches = trigger_table().match_at(reads, i)
    if not any(x.end - x.start > 1 for x in matches):  # «أطلق مسلح النار»: the subject between
        sent = scan.doc._.tok_sent
        split = trigger_table().match_split_at(
            reads, i, SUBJECT_GAP, lambda k: sent[k] == sent[i] and norms[k].isalpha()
        )
        matches = [x for x in split if x.payload.verb] + matches
    if matches and spelled_definite(norms[i]):  # «التخلي» is no form of «أخلى»: verbs take no article
        matches = [x for x in matches if not x.payload.verb]
    elif matches and preposition_led(
        norms[i], reads[i]
    ):  # «بقتل», «لاستعادة»: a verb form behind «بـ»/«لـ» is its noun
        matches = _as_nouns(matches)
    if not matches:
        return None
    nouns = [x for x in matches if not x.payload.verb and x.end == matches[0].end]
    if matches[0].payload.verb and nouns and (reported_object(scan.doc, i) or scan.prev(i) in PREPOSITIONS):
        return nouns[0]  # «أعلنت الحكومة دحر …», «من قصف»: after a reporting verb or a preposition, a noun
    return matches[0]


def _as_nouns(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """Verb entries read as their nouns, but a saying verb's form («بحمل المسؤولية», carrying)
    says nothing and is left out."""
    return [
        x if not x.payload.verb else Match(x.start, x.end, replace(x.payload, verb=False))
        for x in matches
        if not (x.payload.verb and x.payload.type == "statement")
    ]


def _strength(scan: TriggerScan, m: TriggerMatch, vetoes: list[str]) -> tuple[str, int, bool, bool]:
    """(type after clause conditions, priority, is a claim, promoted by a condition)."""
    entry = m.payload
    priority, claim = entry.priority, entry.claim or entry.needs is not None
    if entry.imperfect and scan.headline and scan.doc._.tok_sent[m.start] == 0:
        priority = 1  # headlines tell past events in the present tense («المعارضة تصد …»)
    if entry.imperfect:
        claim = False  # «يتهمونه»: a present-tense accusation describes, it does not state
    if entry.claim_unless_that and not entry.imperfect and "attribution" not in vetoes:
        priority, claim = 1, True
    typ = _condition_type(scan.doc, entry, m.start, m.end, scan.window)
    promoted = entry.promote and typ != entry.type and not entry.imperfect
    if promoted:
        priority = 1  # «تمكن طيران التحالف من قتل 18 عنصرا»: a killing from the air is a strike
    return typ, priority, claim, promoted


def _add_draft(scan: TriggerScan, m: TriggerMatch, vetoes: list[str]) -> None:
    """The draft of a match, filed with the claims and promotions the document rules weigh."""
    doc, entry = scan.doc, m.payload
    typ, priority, claim, promoted = _strength(scan, m, vetoes)
    d = Draft(
        type=typ,
        start=m.start,
        end=m.end,
        sent=doc._.tok_sent[m.start],
        priority=priority,
        anaphor=entry.anaphor and _definite_reference(doc, m.start, m.end),
        pointed=_demonstrative(doc, m.start, m.end)
        or (entry.repel and _repels_told_attack(doc, m.end, scan.firsts)),
        generic=entry.generic,
        repel=entry.repel,
        lemma=" ".join(scan.reads[k][-1] for k in range(m.start, m.end)),
        fresh=another(doc, m.start, m.end),
        lexicon_type=entry.type,
        status=entry.status or "occurred",
        mentions=[(m.start, m.end)],
        verb=entry.verb,
        ambiguous=entry.ambiguous,
        patient=entry.patient,
        imperfect=entry.imperfect,
        vetoes=vetoes,
    )
    scan.found.append(d)
    if promoted:
        scan.lifted.append(d)
    if claim:
        d.priority = 1
        if not vetoes:
            scan.claims.append(d)


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
        if m is None or (m.payload.verb and spelled_definite(doc._.norms[i])):
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
    if any(starts_with_article(r) for r in doc._.tok_readings[start]):
        return True
    near = [k for k in (start - 1, end) if 0 <= k < len(norms)]
    return any("demonstrative" in at[k] for k in near)


@Language.factory(
    "conflict_triggers",
    default_config={"window": 10, "candidates": False, "off": []},
    requires=[
        "doc._.sentences",
        "doc._.tok_sent",
        "doc._.norms",
        "doc._.tok_readings",
        "doc._.cues",
        "doc._.cue_at",
        "doc.spans",
    ],
    assigns=["doc._.drafts"],
)
def make_trigger_component(
    nlp: Language, name: str, window: int, candidates: bool, off: list[str]
) -> TriggerComponent:
    return TriggerComponent(window, candidates, off)


class TriggerComponent:
    """Sets `doc._.drafts`, one per trigger; `window` = tokens either side read for conditions;
    `candidates` keeps what the rules would drop, with their reasons, for the learned eventness;
    `off` names rules of `kg.extract.trigger_rules` to switch off."""

    def __init__(self, window: int, candidates: bool = False, off: Iterable[str] = ()) -> None:
        self.window = window
        self.candidates = candidates
        self.off = frozenset(off)
        check_rule_names(self.off)
        trigger_table()

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = find_triggers(doc, self.window, self.candidates, self.off)
        return doc
