"""Roles for the actors of a clause that no pattern placed, guessed from kind and position:
civilians suffer, an outlet tells, before the trigger stands most often the doer and after it
the one done to. Every actor given a role here is marked in `Draft.guessed`."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.roles.shapes import (
    after_speech,
    clause_has,
    doers_belong_to,
    embedded,
    hurt_at,
    owns_target,
    partitive_at,
)
from kg.extract.roles.state import Mention, RoleState
from kg.extract.roles.words import GATHERING, NEVER_DOERS, OWN_REPORTER, SOURCE_KINDS, VIOLENT

HURT_VICTIMS = frozenset({"civilians", "person", "other"})  # hurt, these are victims; armed ones targets
# aid goes to victims; people arrested are its victims (ACLED's civilians)
CIVILIANS_SUFFER = VIOLENT | {"displacement", "battle", "humanitarian", "arrest"}


def hurt_role(kind: str | None) -> str:
    """The role of an actor who was hurt or done to: armed actors are targets, others victims."""
    return "victim" if kind in HURT_VICTIMS else "target"


def leftover_roles(st: RoleState, d: Draft, in_clause: list[Mention], subj: list[str]) -> None:
    """Give every actor of the clause still without a role one, if kind or position tells it;
    a patron («الموالية للرئيس هادي») only names a side and gets none."""
    patrons = {st.actors[d.sent][k][2] for (sent, k) in st.client if sent == d.sent}
    for s, _e, a in in_clause:
        if d.has_role(a) or a in patrons:
            continue
        d.guessed.add(a)
        role = _guess(st, d, s, st.kind.get(a, "other"), subj)
        if role is not None:
            d.add_actor(a, role)


def _guess(st: RoleState, d: Draft, s: int, kind: str, subj: list[str]) -> str | None:
    """The role of the actor of `kind` at token s, or None when nothing tells it."""
    if doers_belong_to(st, s) and kind not in NEVER_DOERS:
        return "attacker"
    hurt = hurt_at(st, s) or (partitive_at(st, s) and clause_has(st, s, {"dead", "injured"}))
    if (hurt or owns_target(st, s)) and kind not in SOURCE_KINDS:
        # «إصابة أربعة جنود», «مقتل 27 عنصرا من قوات الحشد»: hurt fighters were the target
        return hurt_role(kind)
    if kind in SOURCE_KINDS:
        own = s > 0 and st.norms[s - 1] in OWN_REPORTER
        return None if own else "source"  # not «مراسل الجزيرة»: the outlet itself
    if kind == "civilians":
        return "victim" if d.type in CIVILIANS_SUFFER else "participant"
    if d.type in GATHERING or d.type == "displacement" or (d.type == "battle" and not subj):
        return "participant"
    return _by_position(st, d, s, subj)


def _by_position(st: RoleState, d: Draft, s: int, subj: list[str]) -> str | None:
    """Just before the trigger, with no subject read, the doer; just after it, the one done to."""
    if (
        d.start - 8 <= s < d.start
        and not subj
        and not (not d.verb and embedded(st, d))
        and not after_speech(st, s)
    ):
        return "attacker"
    if d.end <= s <= d.end + 8:
        return "target"
    if d.type == "battle" and s > d.end:
        return "participant"  # «… رغم الغطاء الجوي الذي توفره الطائرات الروسية»
    return None
