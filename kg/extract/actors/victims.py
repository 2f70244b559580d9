"""Victims and generic actors: the words for civilians («مدنيين», «13 شخصا») make one
civilians actor per article; generic words («مسلحون», «المتمردين») a generic actor, or, for
rebels, the armed group the article is about once the whole article is read."""

from __future__ import annotations

from kg.extract.actors.state import ActorState
from kg.extract.actors.words import is_number
from kg.extract.entity_cues import Cue
from kg.extract.matcher import Match


def generic(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """A generic actor word: rebels wait for the article's armed group, civilians join the
    one civilians actor, anything else is an actor of that kind and English label."""
    cue = m.payloads[0]
    if cue.label_en == "rebels":
        st.pending.append(("rebels", i, m.end, ""))
        return m.end
    if cue.kind == "civilians":
        st.draft(("civilians",), st.text(i, m.end), "civilians", "Civilians", st.country).add(i, m.end)
        return m.end
    d = st.draft(("generic", cue.label_en), st.text(i, m.end), cue.kind, cue.label_en)
    d.add(i, m.end)
    return m.end


def civilians(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """Victim words make one civilians actor; a bare count («13 شخصا») only when nothing
    after it says they were fighters («في صفوف قوات النظام», «عنصرا»)."""
    toks = st.toks
    cue = m.payloads[0]
    start = i
    if cue.number == "needs_number":
        if i == 0 or not is_number(toks[i - 1]):
            return None
        start = i - 1
    for k in range(m.end, min(len(toks), m.end + 7)):
        if not toks[k].is_word:
            break
        if st.lx.cues.at("not_civilians", toks, k) is not None:
            return m.end
    st.draft(("civilians",), st.text(start, m.end), "civilians", "Civilians", st.country).add(start, m.end)
    return m.end
