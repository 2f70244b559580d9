"""One draft's roles, step by step: who tells it, who did it, who it was done to, who else took
part. Each step adds roles to the draft; an actor keeps the first role it is given except
where a step says otherwise (`Draft.add_actor` keeps every distinct pair)."""

from __future__ import annotations

from kg.extract.draft import Draft
from kg.extract.roles.chains import actor_after, chain_ids
from kg.extract.roles.construct import patients
from kg.extract.roles.cues import after_cue, between, response_after, victims_of
from kg.extract.roles.leftovers import hurt_role, leftover_roles
from kg.extract.roles.shapes import embedded, possessed
from kg.extract.roles.sources import named_again_inside, says_it_did, sources
from kg.extract.roles.state import Mention, RoleState
from kg.extract.roles.subject import killers_before, subject
from kg.extract.roles.words import GATHERING, NEVER_DOERS, SOURCE_KINDS

FIGHTS = frozenset({"battle", "territory_change"})  # «بين X وY»: both sides take part
NEEDY_IN = frozenset({"displacement", "humanitarian"})  # civilians in these are the victims


def assign(st: RoleState, d: Draft) -> None:
    """Fill `d.actors` with (actor id, role) from the actors of its clause."""
    src = sources(st, d)
    for a in sorted(src):
        d.add_actor(a, "source")
    in_clause = clause_actors(st, d, src)
    subj, killed = doers(st, d, src)
    for a in killed:
        d.add_actor(a, hurt_role(st.kind.get(a)))
    subj = carried_subject(st, d, subj, src)
    if d.type == "statement":
        statement_roles(d, subj, in_clause)
        return
    subj = passive_roles(st, d, src, in_clause, subj)
    sides = between(st, d, src)
    if sides and d.type in FIGHTS:
        for a in sides:
            d.add_actor(a, "participant")
        return
    victims = [a for a in victims_of(st, d) if a not in src]
    subj = [a for a in subj if a not in victims]
    main_roles(st, d, src, subj, in_clause)
    for a in victims:
        if not d.has_role(a):
            d.add_actor(a, "victim")
    object_roles(st, d, src)
    leftover_roles(st, d, in_clause, subj)


def clause_actors(st: RoleState, d: Draft, src: set[str]) -> list[Mention]:
    """The actors the trigger's clause holds, its sources aside, up to a «ردا على»; a
    humanitarian event reads its whole sentence («تحضير قوافل …، إلا أن جيش الفتح لم يعطوا …»)
    but not into what is only feared («تحسبا لتعرضها للقصف من قبل قوات النظام»)."""
    wide = d.type == "humanitarian"
    cut = response_after(st, d)
    if wide:
        feared = [c for c, _e, cls in st.cues_by_sent[d.sent] if cls == "hypothetical" and c > d.end]
        cut = min([*feared, cut])
    clause = st.clause[d.start]
    return [
        a for a in st.actors[d.sent] if (wide or st.clause[a[0]] == clause) and a[2] not in src and a[0] < cut
    ]


def doers(st: RoleState, d: Draft, src: set[str]) -> tuple[list[str], list[str]]:
    """Who did it by word order, and who died by an active killing verb before an embedded
    trigger («وقتلت حركة الشباب عضوا بالبرلمان … في هجوم»); a teller is a doer only when
    named again inside what it tells."""
    subj = [
        a
        for a in subject(st, d)
        if (a not in src or named_again_inside(st, a, d)) and st.kind.get(a) not in NEVER_DOERS
    ]
    if subj or d.verb or not embedded(st, d):
        return subj, []
    killers, killed = killers_before(st, d)
    return [a for a in killers if a not in src], [a for a in killed if a not in src]


def carried_subject(st: RoleState, d: Draft, subj: list[str], src: set[str]) -> list[str]:
    """A clause that drops its subject keeps the last one of its sentence («قوات النظام تحاول …،
    وقد حاولت التقدم»); a teller that says it did it («قالت X إنها سيطرت») is the doer."""
    if subj and d.type != "statement":  # a speaker is not the doer of what it speaks of
        st.last_subject[d.sent] = subj
    elif not subj and d.type != "statement" and d.sent in st.last_subject:
        subj = st.last_subject[d.sent]
    if not subj and src and says_it_did(st, d):
        subj = [a for a in sorted(src) if st.kind.get(a) not in NEVER_DOERS]
    return subj


def statement_roles(d: Draft, subj: list[str], in_clause: list[Mention]) -> None:
    """A statement's speakers are its sources; whoever it names after the verb takes part."""
    for a in subj:
        d.add_actor(a, "source")
    for a in in_clause:
        if a[0] >= d.end and not d.has_role(a[2]):
            d.add_actor(a[2], "participant")


def passive_roles(
    st: RoleState, d: Draft, src: set[str], in_clause: list[Mention], subj: list[str]
) -> list[str]:
    """«اعتقل على يد عناصر من الشرطة»: the passive's doer; whoever stands before it was done to.
    The doers read so far, the passive's if it has any."""
    by_agents = [a for a in after_cue(st, d, {"agent_by"}, reach=4) if a not in src]
    if not by_agents:
        return subj
    undergo = [a for s, _e, a in in_clause if s < d.start and a not in by_agents]
    for a in by_agents:
        d.add_actor(a, "attacker")
    for a in undergo:
        d.add_actor(a, hurt_role(st.kind.get(a)))
    return by_agents


def main_roles(st: RoleState, d: Draft, src: set[str], subj: list[str], in_clause: list[Mention]) -> None:
    """The doers' role by the kind of event, and the targets after «على»/«ضد»: in a gathering
    or a displacement everyone takes part (civilians in need are victims); a repelled attack's
    subject defends; otherwise the subject attacks."""
    targets = [
        a
        for a in after_cue(st, d, {"against"})
        if a not in src and a not in subj and st.kind.get(a) not in SOURCE_KINDS
    ]
    partners = [a for a in after_cue(st, d, {"with"}, reach=3) if a not in src]
    if d.type in GATHERING or d.type == "displacement" or (d.type == "battle" and partners):
        for a in subj + partners:
            needy = st.kind.get(a) == "civilians" and d.type in NEEDY_IN
            d.add_actor(a, "victim" if needy else "participant")
    elif d.repel:
        repel_roles(st, d, subj, in_clause)
    else:
        for a in subj:
            d.add_actor(a, "attacker")
        for a in targets:
            if not d.has_role(a):
                d.add_actor(a, "target")


def repel_roles(st: RoleState, d: Draft, subj: list[str], in_clause: list[Mention]) -> None:
    """«صدت قوات النظام هجوما لتنظيم داعش»: the subject defends; the attack's owner, right
    after the trigger («هجوما لتنظيم داعش», «تقدمها»), attacks."""
    for a in subj:
        d.add_actor(a, "target")
    for s, _e, a in in_clause:
        near = d.end <= s <= d.end + 4
        if near and not d.has_role(a) and st.kind.get(a) not in NEVER_DOERS:
            d.add_actor(a, "attacker")


def object_roles(st: RoleState, d: Draft, src: set[str]) -> None:
    """The one done to, named in construct after a verbal noun («دحر ميليشيات الحوثي») or
    right after a possessed one («بعد دحره المعارضة»)."""
    owned = possessed(st, d)
    if d.patient and not owned:
        for a in patients(st, d):
            if not d.has_role(a) and a not in src:
                d.add_actor(a, "victim" if st.kind.get(a) in {"civilians", "person"} else "target")
    if owned:
        k = actor_after(st, d.sent, d.end, 0)
        if k is not None:
            for a in chain_ids(st, d.sent, k):
                if not d.has_role(a):
                    d.add_actor(a, "target")
