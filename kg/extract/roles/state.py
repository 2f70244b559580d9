"""What the role rules read of one article, gathered once per doc into `RoleState`.

Every rule asks the same questions of the doc: which actors and places stand in a sentence,
in token order; which clause a token is in; the cues of a sentence; the kind of an actor. The
reader used to keep these as attributes of one class of forty methods; here they are fields of
one object, made by `role_state`, and the rules are functions of it (`st, d`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.arabic.clitics import LAM, WA, has_conjunction, has_proclitic
from kg.extract.record import entity_list
from kg.extract.roles.words import BACKING, CLAUSE_BREAKS

Mention = tuple[int, int, str]  # (start token, end token, entity id)
CueAt = tuple[int, int, str]  # (start token, end token, cue class)
BySentence = dict[int, list[Mention]]


@dataclass
class RoleState:
    """One doc's mentions by sentence and clause, with what the reading carries from one draft
    to the next (`last_subject`: the subject a later clause may drop). `gap` = tokens an SVO
    subject may stand before its verb."""

    doc: Doc
    gap: int
    norms: list[str]
    readings: list[tuple[str, ...]]
    cue_at: list[set[str]]
    clause: list[int]
    actors: BySentence
    places: BySentence
    kind: dict[str, str]  # actor id -> kind
    place_kind: dict[str, str]  # place id -> kind
    cues_by_sent: dict[int, list[CueAt]]
    client: dict[tuple[int, int], int] = field(default_factory=dict)
    speech_ends: set[int] = field(default_factory=set)
    last_subject: dict[int, list[str]] = field(default_factory=dict)


def role_state(doc: Doc, gap: int) -> RoleState:
    """The state for `doc`, built once before its drafts are read."""
    cues_by_sent: dict[int, list[CueAt]] = defaultdict(list)
    for c in doc._.cues:
        cues_by_sent[doc._.tok_sent[c[0]]].append(c)
    st = RoleState(
        doc=doc,
        gap=gap,
        norms=doc._.norms,
        readings=doc._.tok_readings,
        cue_at=doc._.cue_at,
        clause=clause_ids(doc),
        actors=spans_by_sentence(doc, "actors"),
        places=spans_by_sentence(doc, "places"),
        kind={a.id: a.kind for a in entity_list(doc, "actors")},
        place_kind={p.id: p.kind for p in entity_list(doc, "places")},
        cues_by_sent=cues_by_sent,
    )
    st.client = _clients(st)
    st.speech_ends = {d.end for d in doc._.drafts or [] if d.type == "statement" and d.verb and not d.vetoes}
    return st


def clause_ids(doc: Doc) -> list[int]:
    """A clause number per token; a new clause starts at punctuation and contrast words."""
    out, c = [], 0
    for nrm, rs in zip(doc._.norms, doc._.tok_readings, strict=True):
        if nrm in CLAUSE_BREAKS or (len(rs) > 1 and rs[1] in CLAUSE_BREAKS and has_conjunction(nrm, WA)):
            c += 1
        out.append(c)
    return out


def spans_by_sentence(doc: Doc, key: str) -> BySentence:
    """sentence -> [(start, end, id)] of the spans under `key`, in token order."""
    out: BySentence = defaultdict(list)
    if key not in doc.spans:
        return out
    sent = doc._.tok_sent
    for sp in doc.spans[key]:
        out[sent[sp.start]].append((sp.start, sp.end, sp.label_))
    for v in out.values():
        v.sort()
    return out


def _clients(st: RoleState) -> dict[tuple[int, int], int]:
    """(sentence, actor index) of a patron -> index of the actor it backs: in «القوات
    الموالية للرئيس هادي» or «مسلحون تابعون لحركة الشباب» the forces act, the patron only
    names whose side they are on."""
    norms = st.norms
    out: dict[tuple[int, int], int] = {}
    for sent, acts in st.actors.items():
        for k in range(1, len(acts)):
            (_s0, e0, id0), (s1, _e1, id1) = acts[k - 1], acts[k]
            if id0 == id1 or not 0 <= s1 - e0 <= 1 or norms[e0 - 1] not in BACKING:
                continue
            link = norms[s1] if s1 == e0 else norms[e0]  # «لهادي» or «للرئيس هادي»
            if has_proclitic(link, LAM):
                out[(sent, k)] = k - 1
    return out
