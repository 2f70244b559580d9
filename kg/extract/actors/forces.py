"""Armed forces: nationality phrases on force heads, the state's own forces, militias, units
named after their head word, a leader's men, and a country acting as its forces.

«طائرات روسية», «القصف الروسي والسوري» are one force per nationality; «قوات النظام» and a
bare «الجيش» are the article's state forces, settled once the whole article is read (they go
to `st.pending`); «قوات الطوارئ الخاصة» is a unit of its own; «مليشيات صالح» the lexicon's
forces of that leader.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.arabic.clitics import WA, has_article, has_conjunction, without_conjunction
from kg.arabic.dates import calendar
from kg.extract.actors.known import entry_draft
from kg.extract.actors.state import ActorDraft, ActorState
from kg.extract.actors.words import (
    COMPLEMENTISERS,
    LEADER_WORDS,
    LOYALIST_HEADS,
    PRO_OBJECTS,
    UNIT_HEADS,
    branch,
)
from kg.extract.entity_cues import Cue, Cues, Nationality
from kg.extract.matcher import Match, Tok
from kg.extract.names import is_name_word

ParsedForce = tuple[list[tuple[Nationality, int, int]], int]


def force_phrase_end(toks: Sequence[Tok], i: int, cues: Cues) -> int | None:
    """End of a «head (modifier)* nationality (و nationality)*» phrase starting at i.

    Places use it to skip «طائرات روسية وسورية»: the feminine «سورية» there is an
    adjective, not the country.
    """
    if "force_head" not in cues.types_of(toks[i].norm):
        return None
    head = cues.at("force_head", toks, i)
    if head is None:
        return None
    parsed = parse_force(toks, head.end, cues)
    return parsed[1] if parsed and parsed[0] else None


def parse_force(toks: Sequence[Tok], j: int, cues: Cues) -> ParsedForce | None:
    """After a force head: modifiers, then one or more nationalities; (nats with spans, end)."""
    k = j
    while k < len(toks) and cues.at("force_mod", toks, k) is not None and k - j < 3:
        k += 1
    nats: list[tuple[Nationality, int, int]] = []
    while k < len(toks):
        m = cues.nationality.match_at(toks, k)
        if m is None:
            break
        if nats and not has_conjunction(toks[k].norm, WA):
            break
        nats.append((m.payloads[0], k, m.end))
        k = m.end
        # «والمروحي» between two nationalities is still a modifier
        while k < len(toks) and cues.at("force_mod", toks, k) is not None:
            k += 1
    if not nats:
        return None
    return nats, nats[-1][2]


def force(st: ActorState, i: int, head: Cue, parsed: ParsedForce) -> int:
    """«طائرات روسية وسورية»: one force per nationality named after the head."""
    nats, end = parsed
    for n, (nat, s, e) in enumerate(nats):
        key = ("force", nat.country or nat.demonym_en, branch(head.label_en, nat.country == st.country))
        label = st.text(i, e) if n == 0 else f"{head.cue} {st.text(s, e).lstrip('و')}"
        d = st.draft(key, label, head.kind or "state_force", f"{nat.demonym_en} {head.label_en}", nat.country)
        d.add(i if n == 0 else s, e)
    return end


def bare_head(st: ActorState, i: int, head: Match[Cue]) -> int:
    """«قوات النظام», «القوات الحكومية»: the state's own forces; a bare «الجيش» refers
    back to the army already named."""
    toks, cues = st.toks, st.lx.cues
    cue = head.payloads[0]
    k = head.end
    while k < len(toks) and cues.at("force_mod", toks, k) is not None and k - head.end < 2:
        k += 1
    if k < len(toks):
        reg = cues.at("regime", toks, k)
        pro_ = cues.at("pro", toks, k)
        if pro_ is not None:
            return pro(st, i, pro_.end)
        if reg is not None and cue.kind == "state_force":
            st.pending.append(("gov", i, reg.end, cue.label_en))
            return reg.end
        if k == head.end and without_conjunction(toks[i].norm, WA) in LOYALIST_HEADS:
            end = loyalists(st, i, k)
            if end is not None:
                return end
        end = _unit_name_end(st, i, head.end) if k == head.end else None
        if end is not None:
            # «جيش X» unnamed by the lexicon is most often a rebel army (a state's army
            # goes by its nationality); «قوات/شرطة X» a unit of the state's forces
            rebel = without_conjunction(toks[i].norm, WA) == "جيش"
            kind, owner = ("armed_group", None) if rebel else ("state_force", st.country)
            label = without_conjunction(st.text(i, end), WA)
            st.draft(("unit", st.key_words(i, end)), label, kind, None, owner).add(i, end)
            return end
    # «الجيش», «القوات», «قوات الأمن»: the article's state forces
    if cue.kind == "state_force" and (has_article(toks[i].norm) or has_article(toks[head.end - 1].norm)):
        st.pending.append(("bare_ok" if cue.number == "bare_ok" else "bare", i, k, cue.label_en))
    return head.end


def _unit_name_end(st: ActorState, i: int, j: int) -> int | None:
    """«قوات الطوارئ الخاصة», «جيش المجاهدين», «قوات الحزام الأمني»: an indefinite force
    head in construct with definite words names a unit of its own. With the article on the
    head («القوات المشاركة») the words only describe it, so nothing is made."""
    toks, lx = st.toks, st.lx
    if has_article(toks[i].norm) or without_conjunction(toks[i].norm, WA) not in UNIT_HEADS:
        return None
    end = j
    while end < len(toks) and end - j < 3:
        t = toks[end]
        if not t.is_word or not has_article(t.norm) or end in st.in_place or t.norm in lx.not_unit_words:
            break
        if (t.norm,) in calendar():
            break  # «شرطة الشرفية الخميس»: a day, not part of the name
        if lx.index.may_start(t) and lx.index.match_at(toks, end) is not None:
            return None  # «قوات التحالف العربي»: a known actor's own name
        if lx.cues.types_of(t.norm) - {"force_mod", "name_modifier"}:
            break
        end += 1
    return end if end > j else None


def pro(st: ActorState, i: int, end: int) -> int:
    """«المليشيات الموالية له», «قوات موالية للحكومة»."""
    k = end
    if k < len(st.toks) and st.toks[k].norm in PRO_OBJECTS:
        k += 1
    label = without_conjunction(st.text(i, k), WA)
    st.draft(("militia", "pro-government"), label, "militia", "pro-government militias").add(i, k)
    return k


def militia(st: ActorState, i: int, m: Match[Cue]) -> int | None:
    """«مليشيات موالية», «ميليشيا صالح»: pro-government militias or a leader's."""
    p = st.lx.cues.at("pro", st.toks, m.end) if m.end < len(st.toks) else None
    if p is None:
        return loyalists(st, i, m.end)
    return pro(st, i, p.end)


def loyalists(st: ActorState, i: int, j: int) -> int | None:
    """«مليشيات صالح», «قوات الرئيس المخلوع علي عبدالله صالح»: the men of a named leader,
    when the lexicon has forces named after him (his last name ends the phrase; titles and
    his other names may come between)."""
    toks, lx = st.toks, st.lx
    k = j
    while k < len(toks) and k - j < 6:
        t = toks[k]
        forces = lx.forces_of.get(t.norm)
        if forces is not None and len(forces) == 1:
            entry_draft(st, forces[0], without_conjunction(st.text(i, k + 1), WA)).add(i, k + 1)
            return k + 1
        title = lx.cues.at("title", toks, k)
        if title is not None:
            k = title.end
        elif (is_name_word(t, lx.cues) and not has_article(t.norm)) or t.norm in LEADER_WORDS:
            k += 1
        else:
            return None
    return None


def country_agents(st: ActorState) -> None:
    """«شنت إسرائيل غارات», «اتهمت تركيا»: a country right after a verb of attack or of
    saying is its subject, so the country acts: as its forces (attack) or its government
    (statement), joining them when the article names them too. It stays a place as well."""
    doc, toks = st.doc, st.toks
    spans = doc.spans.get("places", [])
    if not spans:
        return
    places = {p.id: p for p in getattr(doc._, "places", None) or []}
    by_i = {t.i: n for n, t in enumerate(toks)}
    for sp in spans:
        p = places.get(sp.label_)
        n = by_i.get(sp.start)
        if p is None or p.kind != "country" or not p.country or not n:
            continue
        e = n
        while e < len(toks) and toks[e].i < sp.end:
            e += 1
        verb = _agent_verb(st, n, e)
        if verb is None:
            continue
        kind = verb.payloads[0].kind
        own = _own_forces(st, p.country, kind)
        if own:
            min(own, key=lambda d: d.first).add(n, e)
            continue
        branch_ = "forces" if kind == "state_force" else "government"
        label_en = p.label_en if kind == "state_force" else f"{p.label_en} government"
        st.draft(("force", p.country, branch_), p.label_ar, kind, label_en, p.country).add(n, e)


def _agent_verb(st: ActorState, n: int, e: int) -> Match[Cue] | None:
    """The verb a country at tokens [n, e) is the subject of: right before it, or right after
    it when «إن/أن» fronts the subject («إن إسرائيل قصفت»)."""
    toks, cues = st.toks, st.lx.cues
    verb = cues.at("agent_verb", toks, n - 1)
    if verb is None or verb.end != n:
        after = cues.at("agent_verb", toks, e) if e < len(toks) else None
        verb = after if after is not None and toks[n - 1].norm in COMPLEMENTISERS else None
    return verb


def _own_forces(st: ActorState, country: str, kind: str) -> list[ActorDraft]:
    """The drafts a country's act goes to: a statement to its government, else to the forces
    the article names."""
    forces = ("state_force", "foreign_force")
    order = [forces] if kind == "state_force" else [("political",), forces]
    own: list[ActorDraft] = []
    for kinds in order:
        own = own or [
            d for d in st.drafts.values() if d.country == country and d.kind in kinds and d.mentions
        ]
    return own
