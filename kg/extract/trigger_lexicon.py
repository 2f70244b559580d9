"""The trigger lexicon: `kg/lexicons/triggers.tsv` (and `candidates.tsv`) read into a phrase table.

Each row is one word or phrase with its event type, priority and clause conditions; verbs are
expanded to their inflections here, once, and their present-tense forms filed as weak entries,
so the scan over an article (`kg.extract.triggers`) is a dict lookup per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.arabic.normalise import norm
from kg.extract.phrases import PhraseTable, inflect, noun_forms, read_tsv

FLAGS = frozenset(
    {"anaphor", "generic", "claim", "claim_unless_that", "repel", "ambiguous", "patient", "promote"}
)


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
        norm(row["trigger"]): frozenset(norm(w) for w in row["words"].split("|"))
        for row in read_tsv("trigger_idioms.tsv")
    }


@cache
def trigger_table(name: str = "triggers.tsv") -> PhraseTable[TriggerEntry]:
    """The trigger lexicon; `candidates.tsv` holds the words only the learned eventness reads."""
    table: PhraseTable[TriggerEntry] = PhraseTable()
    for row in read_tsv(name):
        words = [norm(w) for w in row["form"].split()]
        conds, status, flags, needs = _parse_cond(row.get("cond", ""))
        entry = TriggerEntry(
            type=row["type"],
            priority=int(row["priority"]),
            conditions=conds,
            status=status,
            anaphor="anaphor" in flags,
            imperfect=False,
            verb=row["pos"] == "verb",
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
        if row["pos"] == "verb":
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
