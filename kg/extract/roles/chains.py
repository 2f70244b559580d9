"""Finding actors near a position: the one just after, the chain ending just before, and the
actors coordinated with one by «و». Every look stays inside the position's clause."""

from __future__ import annotations

from kg.arabic.clitics import WA, has_conjunction
from kg.extract.roles.state import Mention, RoleState
from kg.extract.roles.words import SKIPPABLE


def chain_from(st: RoleState, sent: int, idx: int) -> list[Mention]:
    """The actor at position idx in its sentence, and those coordinated with it by «و»."""
    acts = st.actors[sent]
    out = [acts[idx]]
    norms = st.norms
    k = idx + 1
    while k < len(acts):
        prev_end, nxt = out[-1][1], acts[k]
        joined = nxt[0] == prev_end and has_conjunction(norms[nxt[0]], WA)
        joined = joined or (nxt[0] == prev_end + 1 and norms[prev_end] in {"و", "،"})
        # «بين X وفصائل من Y»: a generic head plus «من» still coordinates
        if not joined:
            break
        out.append(nxt)
        k += 1
    return out


def chain_ids(st: RoleState, sent: int, idx: int) -> list[str]:
    """The ids of `chain_from`: the actors a rule gives one role together."""
    return [a[2] for a in chain_from(st, sent, idx)]


def actor_after(st: RoleState, sent: int, pos: int, limit: int) -> int | None:
    """Index of the first actor starting in [pos, pos+limit] within pos's clause."""
    clause = st.clause
    for k, (s, _e, _id) in enumerate(st.actors[sent]):
        if pos <= s <= pos + limit and clause[s] == clause[min(pos, len(clause) - 1)]:
            return k
    return None


def actor_before(st: RoleState, sent: int, pos: int, limit: int) -> int | None:
    """Index of the first actor of the chain ending in [pos-limit, pos) in pos's clause."""
    best = None
    for k, (s, e, _id) in enumerate(st.actors[sent]):
        if pos - limit <= e <= pos and s < pos and st.clause[s] == st.clause[pos]:
            best = k
    if best is None:
        return None
    best = st.client.get((sent, best), best)
    while best > 0:  # walk back to the head of a coordination
        chain = chain_from(st, sent, best - 1)
        if len(chain) > 1 and chain[1] == st.actors[sent][best]:
            best -= 1
        else:
            break
    return best


def skip_fillers(st: RoleState, pos: int, limit: int = 3) -> int:
    """Past up to `limit` adverbs and adjectives («أمس», «الجوية») that may stand between a
    verb and its subject."""
    norms = st.norms
    k = 0
    while pos < len(norms) and k < limit and norms[pos] in SKIPPABLE:
        pos += 1
        k += 1
    return pos
