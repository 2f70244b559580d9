"""Who tells an event: the subject of a reporting verb, the name after «نقلا عن / وفق / حسب»,
and when a teller is also the doer («أعلنت X أنها سيطرت …»)."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.roles.chains import actor_after, chain_from
from kg.extract.roles.shapes import hurt_at, suffixed
from kg.extract.roles.state import RoleState
from kg.extract.roles.words import OWN_REPORTER, PRONOUN_THAT, SOURCE_KINDS


def sources(st: RoleState, d: Draft) -> set[str]:
    """Who tells it: every actor between a reporting verb and its «أن» (or the trigger),
    and the name after «نقلا عن»/«وفق»/«حسب». A relayed source outranks the outlet that
    relays it («أفاد مراسل الجزيرة نقلا عن مصادر في الدفاع المدني»)."""
    told = _told(st, d)
    relayed = _relayed(st, d)
    if relayed:
        told = {a for a in told if st.kind.get(a) not in SOURCE_KINDS}
    return told | relayed


def _told(st: RoleState, d: Draft) -> set[str]:
    """The nearest reporting verb that names its teller tells this («قالت X إن … ، وقال Y إن
    …»: Y tells what follows it); a verb with no teller of its own («وأضاف») goes on with
    the one before it."""
    cues, norms = st.cues_by_sent[d.sent], st.norms
    for s, e, _cls in sorted((c for c in cues if c[2] == "report" and c[0] < d.start), reverse=True):
        if any(norms[k] in OWN_REPORTER for k in range(e, min(e + 2, len(norms)))):
            continue  # «أفاد مراسل الجزيرة …»: the outlet's own reporting, no source
        told = _tellers(st, d, s, e)
        if told:
            return told
    return set()


def _tellers(st: RoleState, d: Draft, s: int, e: int) -> set[str]:
    """The actors telling through the reporting verb at [s, e)."""
    thats = [s2 for s2, _e2, c2 in st.cues_by_sent[d.sent] if c2 == "that" and e <= s2 <= d.start]
    # up to its «أن» («قال X، من منظمة …، لوكالة رويترز إن …»), or a few words
    stop = min(thats) if thats else min(d.start, e + 8)
    told: set[str] = set()
    for a_s, a_e, a in st.actors[d.sent]:
        after_verb = e <= a_s < stop
        before_verb = s - 3 <= a_e <= s and st.clause[a_s] == st.clause[s]  # «الجيش قد أعلن»
        # not «أفادت X بسقوط قتلى من Y»: Y lost men, it tells nothing
        hurt = hurt_at(st, a_s)
        if (after_verb or before_verb) and st.kind.get(a) != "civilians" and not hurt:
            told.add(a)
    return told


def _relayed(st: RoleState, d: Draft) -> set[str]:
    """The names after «نقلا عن», «وفق», «حسب» anywhere in the sentence."""
    relayed: set[str] = set()
    for _s, e, cls in st.cues_by_sent[d.sent]:
        if cls == "per":
            k = actor_after(st, d.sent, e, 4)
            if k is not None:
                relayed |= {a[2] for a in chain_from(st, d.sent, k) if st.kind.get(a[2]) != "civilians"}
    return relayed


def named_again_inside(st: RoleState, actor: str, d: Draft) -> bool:
    """«قال المتحدث باسم التحالف إن طائرات التحالف دمرت …»: a teller named again inside
    what it tells, before the trigger, is also the one who did it."""
    thats = [s for s, _e, cls in st.cues_by_sent[d.sent] if cls == "that" and s < d.start]
    if not thats:
        return False
    after = max(thats)
    return any(after < s < d.start and a == actor for s, _e, a in st.actors[d.sent])


def says_it_did(st: RoleState, d: Draft) -> bool:
    """«أعلنت قوات البيشمركة أنها تمكنت من …», «أعلنت المقاومة سيطرتها على …»: the teller
    is the doer (a pronoun after «أن», or on the verbal noun it announces)."""
    norms = st.norms
    if any(norms[k] in PRONOUN_THAT for k in range(max(0, d.start - 6), d.start)):
        return True
    return suffixed(st, d) and any(
        cls == "report" and d.start - 6 <= s < d.start and st.clause[s] == st.clause[d.start]
        for s, _e, cls in st.cues_by_sent[d.sent]
    )
