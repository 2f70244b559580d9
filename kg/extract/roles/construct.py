"""The actor in construct right after a verbal noun: the one done to («اعتقال الناشط»), unless
an «لـ» object follows it, which makes it the doer («إحراق مستوطنين لمنزلهم»)."""

from __future__ import annotations

from kg.arabic.clitics import LAM, has_proclitic
from kg.extract.draft import Draft
from kg.extract.roles.chains import actor_after, chain_from
from kg.extract.roles.shapes import definite, prep_led
from kg.extract.roles.state import RoleState


def construct(st: RoleState, d: Draft) -> tuple[list[str], bool]:
    """The actors in construct right after the trigger, and whether an «لـ» object follows
    them: «اعتقال الناشط» (done to) against «إحراق مستوطنين لمنزلهم» (the doers)."""
    k = actor_after(st, d.sent, d.end, 0)
    if k is None:
        return [], False
    chain = chain_from(st, d.sent, k)
    nxt = chain[-1][1]
    lam_object = nxt < len(st.doc) and prep_led(st, nxt) and has_proclitic(st.norms[nxt], LAM)
    return [a[2] for a in chain], lam_object


def construct_doers(st: RoleState, d: Draft) -> list[str]:
    """The actor in construct right after a verbal noun, when an «لـ» object follows it."""
    chain, lam_object = construct(st, d)
    return chain if lam_object else []


def patients(st: RoleState, d: Draft) -> list[str]:
    """«دحر ميليشيات الحوثي», «اعتقال الناشط»: the construct after the verbal noun is the
    one done to — unless an «لـ» object follows it, which makes it the doer."""
    if definite(st, d):
        return []  # «الإعدامات الداعشية», «الاعتقالات الإسرائيلية»: what follows is the doer
    chain, lam_object = construct(st, d)
    return [] if lam_object else chain
