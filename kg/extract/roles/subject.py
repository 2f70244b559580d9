"""Who did it, read from word order: the subject after a verb (VSO) or before it (SVO), the
construct after a verbal noun («بقصف الطيران», «هجوم من قوات النظام», «غارات شنها الطيران»),
the subject of a modal («تمكنت X من السيطرة») or of an active killing verb earlier in the clause.

Each reading returns the doers' ids, or an empty list to let the next one try.
"""

from __future__ import annotations

from kg.arabic.clitics import starts_with_article
from kg.extract.draft import Draft
from kg.extract.roles.chains import actor_after, actor_before, chain_from, chain_ids, skip_fillers
from kg.extract.roles.construct import construct_doers
from kg.extract.roles.shapes import (
    after_speech,
    counted,
    definite,
    embedded,
    hurt_at,
    owns_target,
    possessed,
    prep_led,
)
from kg.extract.roles.state import RoleState
from kg.extract.roles.words import (
    AFFILIATION,
    DOER_HEADS,
    NEVER_DOERS,
    PREPOSITIONS,
    RELATIVE,
    TITLES,
    VERB_CASUALTY,
)


def subject(st: RoleState, d: Draft) -> list[str]:
    """The trigger's doers by the first surface pattern that names one."""
    if not d.verb and (doers := modal_subject(st, d)):
        return doers
    after = skip_fillers(st, d.end)
    owned = after < len(st.norms) and "against" in st.cue_at[after]  # «قصفت مواقع التنظيم»: its target
    if d.verb:
        if doers := verb_subject(st, d, after, owned):
            return doers
    elif d.patient and not definite(st, d) and (doers := construct_doers(st, d)):
        return doers  # «إحراق مستوطنين لمنزلهم»: with an «لـ» object after it, the construct did it
    elif possessed(st, d) or (d.patient and not definite(st, d)):
        pass  # «بعد دحره المعارضة»: the actor after a possessed verbal noun is its object
    elif doers := noun_subject(st, d, after, owned):
        return doers
    return subject_before(st, d)


def modal_subject(st: RoleState, d: Draft) -> list[str]:
    """«تمكنت وحدات حماية الشعب بالتعاون مع الكتائب … من السيطرة على»: the subject of «تمكن»,
    «نجح», «استطاع», «واصل» does the verbal noun after it, with whoever acts alongside."""
    clause = st.clause[d.start]
    for s, e, cls in reversed(st.cues_by_sent[d.sent]):
        if cls != "modal" or not d.start - 14 <= s < d.start or st.clause[s] != clause:
            continue
        k = actor_after(st, d.sent, skip_fillers(st, e), 1)
        if k is None:
            return []
        doers = chain_ids(st, d.sent, k)
        for s2, e2, cls2 in st.cues_by_sent[d.sent]:
            if cls2 == "alongside" and e <= s2 < d.start:
                k2 = actor_after(st, d.sent, e2, 1)
                if k2 is not None:
                    doers += [a for a in chain_ids(st, d.sent, k2) if a not in doers]
        return doers
    return []


def verb_subject(st: RoleState, d: Draft, after: int, owned: bool) -> list[str]:
    """The actor right after a verb (past a speaker's titles: «توعد رئيس الوزراء الإسرائيلي
    نتنياهو»), or the owner of the gunmen after it («اختطف مسلحون تابعون لجماعة الحوثي»)."""
    sent, norms = d.sent, st.norms
    k = None if owned else actor_after(st, sent, after, 1)
    if k is None and d.type == "statement":
        while after < len(norms) and norms[after] in TITLES:
            after += 1
        k = actor_after(st, sent, after, 1)
    if k is not None and not prep_led(st, st.actors[sent][k][0]):
        chain = chain_from(st, sent, k)
        return [a[2] for a in chain] + affiliated(st, sent, chain[-1][1])
    return affiliated(st, sent, after, heads=True)


def noun_subject(st: RoleState, d: Draft, after: int, owned: bool) -> list[str]:
    """The doer a verbal noun names after it, or the doer of the light verb before it."""
    norms = st.norms
    if after < len(norms) and norms[after] in RELATIVE:
        after += 1
    return _relative_agent(st, d, after) or _by_construct(st, d, after, owned) or _light_verb_doer(st, d)


def _relative_agent(st: RoleState, d: Draft, after: int) -> list[str]:
    """«غارات شنها الطيران الروسي», «الغارات التي تشنها القوات», «هجوم نفذه مسلحون»."""
    if after < len(st.norms) and "agent" in st.cue_at[after]:
        k = actor_after(st, d.sent, skip_fillers(st, after + 1), 3)
        if k is not None:
            return chain_ids(st, d.sent, k)
    return []


def _by_construct(st: RoleState, d: Draft, pos: int, owned: bool) -> list[str]:
    """«بقصف الطيران», «هجوم من قوات النظام», «القصف من قبل قوات النظام»."""
    norms = st.norms
    if pos < len(norms) and "by" in st.cue_at[pos]:
        pos += 2 if pos + 1 < len(norms) and norms[pos + 1] == "قبل" else 1
    # one word may come between: «القصف الروسي والسوري» (an adjective), not a preposition
    gap = 0 if pos >= len(norms) or norms[pos] in PREPOSITIONS or prep_led(st, pos) else 1
    k = None if owned else actor_after(st, d.sent, pos, gap)
    return chain_ids(st, d.sent, k) if k is not None else []


def _light_verb_doer(st: RoleState, d: Draft) -> list[str]:
    """«شن تنظيم داعش هجوما», «شنت طائرات روسية وسورية غارات»: the doer of the light verb."""
    for s, e, cls in st.cues_by_sent[d.sent]:
        if cls == "agent" and d.start - 6 <= s < d.start and st.clause[s] == st.clause[d.start]:
            inside = [a[2] for a in st.actors[d.sent] if e <= a[0] and a[1] <= d.start]
            if inside:
                return inside
    return []


def subject_before(st: RoleState, d: Draft) -> list[str]:
    """The SVO subject: the actor chain ending a few tokens before the trigger."""
    if not d.verb and embedded(st, d):
        return []  # «قتلت X عضوا بالبرلمان في هجومين»: before «في هجوم» stand the main verb's actors
    k = actor_before(st, d.sent, d.start, st.gap)
    if k is None:
        return []
    first = st.actors[d.sent][k][0]
    if after_speech(st, first):
        return []  # «ندد وزير الداخلية بالتفجير»: the speaker of a statement verb did not do it
    if not owns_target(st, first) and not hurt_at(st, first):
        return chain_ids(st, d.sent, k)
    return []


def affiliated(st: RoleState, sent: int, pos: int, heads: bool = False) -> list[str]:
    """«مسلحون تابعون لجماعة الحوثي», «قوات موالية للحكومة»: the actor a doer belongs to.
    With `heads`, a bare doer noun («مسلحون», «عناصر») may come first."""
    norms, reads = st.norms, st.readings
    if heads and pos < len(norms) and not DOER_HEADS.isdisjoint(reads[pos]):
        pos += 1
    start = pos
    while pos < len(norms) and pos - start < 2 and norms[pos] in AFFILIATION:
        pos += 1
    if pos == start:
        return []
    k = actor_after(st, sent, pos, 1)
    return chain_ids(st, sent, k) if k is not None else []


def killers_before(st: RoleState, d: Draft) -> tuple[list[str], list[str]]:
    """«وقتلت حركة الشباب عضوا بالبرلمان وحارسه في هجوم»: the subject of an active killing
    verb earlier in the clause carried out the attack the phrase names; its objects died."""
    sent, norms = d.sent, st.norms
    clause = st.clause[d.start]
    for v in range(d.start - 1, max(-1, d.start - 12), -1):
        if st.clause[v] != clause:
            break
        nominal = norms[v].startswith("م") or starts_with_article(norms[v])
        if VERB_CASUALTY.isdisjoint(st.readings[v]) or nominal:
            continue
        k = actor_after(st, sent, v + 1, 0)
        if k is None or counted(st, v + 1, st.actors[sent][k][0] + 1):
            return [], []
        doers = chain_from(st, sent, k)
        done_to = [a[2] for a in st.actors[sent] if doers[-1][1] <= a[0] and a[1] <= d.start]
        return [a[2] for a in doers if st.kind.get(a[2]) not in NEVER_DOERS], done_to
    return [], []
