"""One entry of the trigger lexicon, as the scan and its rules read it.

Kept apart from the lexicon's loading (`kg.extract.triggers.trigger_table`) so the rules and
the tests they are built from can name the type without importing the component.
"""

from __future__ import annotations

from dataclasses import dataclass


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
