"""Tests on the words around a trigger or an actor: is the noun definite, possessed, behind a
preposition; does a casualty word or a count stand before the actor; does its clause hold a cue.

Each answers one yes/no question the role rules branch on, so the rules read as sentences.
"""

from __future__ import annotations

from kg.arabic.clitics import (
    BI_LI,
    has_proclitic,
    has_pronoun,
    opens_definite,
    without_proclitic,
    without_pronoun,
)
from kg.arabic.numbers import read_count
from kg.extract.draft import Draft
from kg.extract.roles.state import RoleState
from kg.extract.roles.words import BELONGING, DOER_HEADS, EMBEDDING, OPEN_AGAINST, VERB_CASUALTY

HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


def embedded(st: RoleState, d: Draft) -> bool:
    """The trigger noun is inside a prepositional phrase («في هجوم», «جراء القصف», «إثر
    غارة»): the clause's own verb, not this noun, governs the actors before it."""
    return d.start > 0 and st.norms[d.start - 1] in EMBEDDING


def owns_target(st: RoleState, start: int) -> bool:
    """«مواقع جبهة النصرة», «مقرات الحركة»: the actor owns what was hit."""
    before = start - 1
    if before < 0 or "against" not in st.cue_at[before]:
        return False
    return st.norms[before] not in OPEN_AGAINST


def definite(st: RoleState, d: Draft) -> bool:
    """The trigger carries the article («الاعتقالات», «بالقصف»): no construct follows it, so
    what comes after names the doer («الإعدامات الداعشية»), not the one done to."""
    return opens_definite(st.norms[d.start])


def counted(st: RoleState, start: int, end: int) -> bool:
    """A number between a casualty verb and an actor: «قتل ثلاثة جنود» is passive (three
    soldiers were killed); the active «قتل X ثلاثة جنود» puts the killer first."""
    return any(read_count(st.norms, k) is not None for k in range(start, end))


def prep_led(st: RoleState, k: int) -> bool:
    """«للطائرات», «بالجيش»: a word behind a preposition is no subject."""
    nrm = st.norms[k]
    rest = st.readings[k][1:]
    bare = without_proclitic(nrm, BI_LI)
    return has_proclitic(nrm, BI_LI) and (bare in rest or "ا" + bare in rest)  # «للطائرات»: «الطائرات»


def suffixed(st: RoleState, d: Draft) -> bool:
    """The one-word trigger carries a pronoun suffix («سيطرتها», «قصفه»)."""
    norm_t = st.norms[d.start]
    written = st.doc._.tok_words
    surface = written[d.start] if written else st.doc[d.start].text
    return (
        d.end - d.start == 1
        and has_pronoun(norm_t)
        and not surface.rstrip(HARAKAT).endswith("ة")
        and (norm_t not in {r for r in st.readings[d.start][1:]})
    )


def possessed(st: RoleState, d: Draft) -> bool:
    """«دحره», «قصفها», «اعتقالهم»: a verbal noun with a pronoun suffix. Read on the word as
    written: folding turns the feminine «ة» into «ه», and «غارة» has no pronoun."""
    return not d.verb and suffixed(st, d)


def doers_belong_to(st: RoleState, s: int) -> bool:
    """«منفذيه ينتمون لجماعة X», «مسلحون تابعون لـX»: X's men did it."""
    norms, reads = st.norms, st.readings
    linked = any(norms[k] in BELONGING for k in range(max(0, s - 2), s))
    return linked and any(
        not DOER_HEADS.isdisjoint(reads[k]) or without_pronoun(norms[k]) in DOER_HEADS
        for k in range(max(0, s - 4), s)
    )


def hurt_at(st: RoleState, s: int) -> bool:
    """A casualty word just before the actor: «مقتل 27 عنصرا من X», «قتلى من X», «قتل
    ثلاثة جنود» (not the active «قتلت X …», whose actor is the killer)."""
    at, reads = st.cue_at, st.readings
    return any(
        at[k] & {"dead", "injured", "subset"} and (not VERB_CASUALTY & set(reads[k]) or counted(st, k + 1, s))
        for k in range(max(0, s - 4), s)
    )


def partitive_at(st: RoleState, s: int) -> bool:
    """«5 من عناصر X», «عشرة من مسلحي X»: a count of the actor's men just before it."""
    norms = st.norms
    for k in range(max(0, s - 3), s):
        if norms[k] == "من" and k > 0 and read_count(norms, k - 1) is not None:
            return True
    return False


def clause_has(st: RoleState, s: int, classes: set[str]) -> bool:
    """Some token of s's clause starts a cue of `classes`."""
    at, clause = st.cue_at, st.clause
    c = clause[s]
    lo = s
    while lo > 0 and clause[lo - 1] == c:
        lo -= 1
    hi = s
    while hi + 1 < len(clause) and clause[hi + 1] == c:
        hi += 1
    return any(at[k] & classes for k in range(lo, hi + 1))


def after_speech(st: RoleState, s: int) -> bool:
    """The actor at s follows a statement verb closely («ندد وزير الداخلية بالتفجير»): it is
    the speaker, not the doer."""
    return any(0 <= s - e <= 2 for e in st.speech_ends)
