"""Actors a cue word points at: targets after «على»/«ضد», partners after «مع», both sides after
«بين … و», victims after «في صفوف», and where «ردا على» opens an earlier incident."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.roles.chains import actor_after, chain_ids
from kg.extract.roles.state import RoleState


def after_cue(st: RoleState, d: Draft, classes: set[str], reach: int = 6) -> list[str]:
    """Actors right after a cue of `classes` that follows the trigger in its clause."""
    out: list[str] = []
    for s, e, cls in st.cues_by_sent[d.sent]:
        if cls in classes and d.start <= s <= d.end + reach and st.clause[s] == st.clause[d.start]:
            k = actor_after(st, d.sent, e, 3)
            if k is not None:
                out += chain_ids(st, d.sent, k)
    return out


def between(st: RoleState, d: Draft, src: set[str]) -> list[str]:
    """«اشتباكات بين X وY وبين Z»: every actor after the first «بين» to the clause end."""
    clause = st.clause[d.start]
    for s, _e, cls in st.cues_by_sent[d.sent]:
        if cls == "between" and d.start <= s <= d.end + 8 and st.clause[s] == clause:
            return [
                a
                for a_s, _a_e, a in st.actors[d.sent]
                if a_s > s and st.clause[a_s] == clause and a not in src
            ]
    return []


def victims_of(st: RoleState, d: Draft) -> list[str]:
    """«في صفوف X», «بينهم X»: the dead or hurt are X."""
    out: list[str] = []
    for _s, e, cls in st.cues_by_sent[d.sent]:
        if cls in {"victims_of", "subset"}:
            k = actor_after(st, d.sent, e, 2)
            if k is not None:
                out += chain_ids(st, d.sent, k)
    return out


def response_after(st: RoleState, d: Draft) -> int:
    """Where «ردا على» (in response to) opens, after the trigger: what follows is the
    earlier incident being answered, not this one."""
    for s, _e, cls in st.cues_by_sent[d.sent]:
        if cls == "response" and s >= d.end:
            return s
    return len(st.doc)
