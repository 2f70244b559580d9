"""What the words around a trigger say: the tests the trigger rules are built from.

Each answers one question about the tokens near a match («is it inside a call?», «does a
relative clause tell it as having happened?») from the readings, sentence ids and cue classes
the earlier components left on the doc, so a rule in `kg.extract.trigger_rules` is one line
naming the tests it combines.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from kg.arabic.clitics import has_conjunction, starts_with_article, without_conjunction
from kg.extract.draft import Draft
from kg.extract.phrases import function_words, inflect

RELATIVE_PRONOUNS = function_words("relative_pronouns")
RELATIVE = function_words("relative")
# verbs of a relative clause that tell an incident as having happened («الذي وقع», «التي استهدفت»)
OCCURRED = frozenset(f for v in function_words("occurred") for f in inflect(v))
FRAME_REACH = 12  # tokens a call or a charge sheet governs after it


def told_as_happened(doc: Doc, d: Draft) -> bool:
    """«التفجير (الإرهابي) الذي وقع/استهدف …»: a relative clause of occurrence after the noun."""
    norms, reads = doc._.norms, doc._.tok_readings
    for k in range(d.end, min(d.end + 2, len(norms) - 1)):
        if norms[k] in RELATIVE and not OCCURRED.isdisjoint(reads[k + 1]):
            return True
    return False


def reported_object(doc: Doc, i: int) -> bool:
    """A form that is both a verb and its verbal noun («دحر», «قصف») right after a reporting verb
    and its subject, with no «أن» between, is the noun: a finite verb there needs «أن»."""
    sent, at = doc._.tok_sent, doc._.cue_at
    for k in range(i - 1, max(-1, i - 7), -1):
        if sent[k] != sent[i] or "that" in at[k]:
            return False
        if "report" in at[k]:
            return True
    return False


def framed(doc: Doc, i: int) -> bool:
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


def clause_initial(doc: Doc, i: int, bare: str) -> bool:
    """Only the bare form of a call verb («طالب», «دعا») needs to open its clause (after «و»,
    «ف», punctuation or the sentence start), as a reported verb does; «طالبت» never doubts."""
    nrm = doc._.norms[i]
    if nrm != bare and nrm[1:] != bare:
        return True
    if has_conjunction(nrm) and without_conjunction(nrm) == bare:
        return True
    return i == 0 or doc._.tok_sent[i - 1] != doc._.tok_sent[i] or not doc._.norms[i - 1][:1].isalnum()


def another(doc: Doc, start: int, end: int) -> bool:
    """«هجوم آخر», «طائرات أخرى غارات»: the word right beside the trigger, not «30 آخرون»."""
    at, norms = doc._.cue_at, doc._.norms
    for k in (start - 1, end):
        if 0 <= k < len(at) and "another" in at[k] and not norms[k].endswith(("ون", "ين")):
            return True
    return False


def ongoing_activity(doc: Doc, d: Draft) -> bool:
    """«مسلحين يشنون هجمات على قوات الأمن»: a present-tense light verb before a bare plural
    tells what a group does, not an incident."""
    norms, at = doc._.norms, doc._.cue_at
    for k in (d.start - 1, d.start - 2):
        if k >= 0 and "agent" in at[k] and norms[k][:1] in "يت" and not starts_with_article(norms[d.start]):
            return True
    return False


def hypothetical(doc: Doc, d: Draft) -> bool:
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


def announces_an_incident(doc: Doc, pos: int, starts_trigger: Callable[[int], bool]) -> bool:
    """«أعلن الجيش إصابة 4 من جنوده إثر تفجير …»: the object is a casualty or an incident."""
    sent, at, reads = doc._.tok_sent, doc._.cue_at, doc._.tok_readings
    for k in range(pos, min(pos + 6, len(reads))):
        if sent[k] != sent[pos - 1]:
            return False
        if at[k] & {"dead", "injured"} or starts_trigger(k):
            return True
    return False


def followed_by(doc: Doc, pos: int, words: set[str] | frozenset[str], reach: int) -> bool:
    sent, reads = doc._.tok_sent, doc._.tok_readings
    for k in range(pos, min(pos + reach, len(reads))):
        if sent[k] != sent[pos - 1]:
            return False
        if doc._.norms[k] in words or any(r in words for r in reads[k][1:2]):
            return True
    return False
