"""Decide whether an event happened, failed, was only attempted, planned or denied.

«صدت تقدمها», «حاولت التقدم … لكنها فشلت», «إحباط هجوم», «محاولتهم اقتحام»: the cue sits
near the trigger, before it (attempt, plan) or after it (the failure is told last). A denial is
the denier's statement («نفى»), set by the trigger lexicon, never a failed event.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.draft import Draft
from kg.extract.phrases import function_words
from kg.extract.roles import clause_ids
from kg.vocab.record import ARMED_EVENT_TYPES

ATTACK_NOUNS = function_words("attack_nouns")
CAN_FAIL = ARMED_EVENT_TYPES | {"arrest"}
RANK = {"failed": 4, "denied": 3, "attempted": 2, "planned": 1, "occurred": 0, "announced": 0}


def _repels_an_attack(doc: Doc, start: int, end: int) -> bool:
    """«صد»/«تصدى» marks a failed attack only when what is repelled is an attack or advance."""
    reads = doc._.tok_readings
    return any(any(r in ATTACK_NOUNS for r in reads[k]) for k in range(end, min(end + 3, len(reads))))


def _attempted_before(doc: Doc, d: Draft) -> bool:
    sent = doc._.tok_sent
    return any(
        cls == "attempted" and sent[s] == d.sent and d.start - 6 <= s < d.start for s, _e, cls in doc._.cues
    )


def decide_status(doc: Doc, d: Draft, before: int, after: int, clause: list[int]) -> str:
    """A failure told after the trigger counts in its clause, or anywhere in the sentence when
    the trigger was an attempt («حاولت التقدم … لكنها فشلت»)."""
    if d.status != "occurred":
        return d.status
    sent = doc._.tok_sent
    status = "occurred"
    for s, e, cls in doc._.cues:
        if sent[s] != d.sent:
            continue
        if cls == "failed":
            if d.start <= s < d.end:  # the trigger is itself «صد»/«تصدى»
                if _repels_an_attack(doc, d.end, d.end):
                    status = "failed"
            elif d.start - before <= s < d.start or d.end <= s <= d.end + after:
                if s >= d.end and (clause[s] == clause[d.start] or _attempted_before(doc, d)):
                    status = "failed"
                elif s >= d.end:
                    continue
                elif _repels_an_attack(doc, e, e):
                    status = "failed"
                elif s < d.start and e >= d.start - 3:
                    status = "failed"  # «إحباط هجوم», «أحبطت محاولة تسلل»
        elif cls == "attempted" and d.start - 6 <= s < d.start and RANK[status] < RANK["attempted"]:
            status = "attempted"
        elif cls == "planned" and d.start - 4 <= s < d.start and status == "occurred":
            status = "planned"
    return status


def assign_status(doc: Doc, before: int = 6, after: int = 14) -> None:
    drafts = doc._.drafts or []
    clause = clause_ids(doc) if drafts else []
    for d in drafts:
        d.status = decide_status(doc, d, before, after, clause)
        if d.status in {"failed", "attempted"} and d.type not in CAN_FAIL:
            d.status = "occurred"  # «تحاول استدعاء أرتال»: moving troops is under way, not foiled
        if d.type == "territory_change" and d.status in {"failed", "attempted"}:
            d.type = "battle"  # a push for ground that did not take it is fighting (as ACLED codes it)


@Language.factory(
    "conflict_status",
    default_config={"before": 6, "after": 14},
    requires=["doc._.drafts", "doc._.tok_sent", "doc._.norms", "doc._.tok_readings", "doc._.cues"],
    assigns=["doc._.drafts"],
)
def make_status(nlp: Language, name: str, before: int, after: int) -> StatusComponent:
    return StatusComponent(before, after)


class StatusComponent:
    """Sets `Draft.status`; `before`/`after` = tokens around the trigger where a cue counts."""

    def __init__(self, before: int, after: int) -> None:
        self.before, self.after = before, after

    def __call__(self, doc: Doc) -> Doc:
        assign_status(doc, self.before, self.after)
        return doc
