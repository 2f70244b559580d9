"""Where an event happened: the places of its sentence, nearest after the trigger in its own
clause first, the reporter's whereabouts and an earlier incident's places last."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.roles.cues import response_after
from kg.extract.roles.state import Mention, RoleState


def reporter_zone(st: RoleState, sent: int) -> set[int]:
    """Tokens between a reporting verb and its «أن»: where the reporter stands, not the event."""
    zone: set[int] = set()
    cues = st.cues_by_sent[sent]
    for _s, e, cls in cues:
        if cls != "report":
            continue
        for s2, _e2, cls2 in cues:
            if cls2 == "that" and s2 > e:
                zone.update(range(e, s2))
                break
    return zone


def place_order(st: RoleState, d: Draft) -> list[str]:
    """The ids of the places of d's sentence, the likeliest place of the event first."""
    places = st.places[d.sent]
    if not places:
        return []
    zone = reporter_zone(st, d.sent)
    kept = [p for p in places if p[0] not in zone] or places
    clause = st.clause[d.start]

    cut = response_after(st, d)

    def rank(p: Mention) -> tuple[int, int]:
        s = p[0]
        if s >= cut:
            return (3, s - d.end)  # «… ردا على قصف الزبداني»: another incident's place
        if s >= d.end:
            return (0 if st.clause[s] == clause else 1, s - d.end)
        return (2, d.start - p[1])

    out: list[str] = []
    for p in sorted(kept, key=rank):
        if p[2] not in out:
            out.append(p[2])
    # a country is the last resort: the event happened somewhere more precise in it
    return sorted(out, key=lambda pid: st.place_kind.get(pid) == "country")
