"""Labels for the learned components: candidate triggers and actors tied to the gold incidents.

The scorer decides what counts (`../shared/eval/score.py`): its own name matching ties the
system's actors and places to the gold ones, so a label here means what the scorer will credit.
A candidate trigger is a mention of a gold incident when its sentence is one of the incident's
sentences and its word could name it (the same family of types, or the gold trigger itself),
going to the incident it fits best; one mention per incident and sentence, the best, is its
anchor there. An incident none of whose sentences holds one may take a candidate from the
sentence beside (the scorer allows one sentence either way).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from spacy.tokens import Doc

from kg.extract.draft import Draft
from kg.extract.record import entity_list
from kg.training.corpus import SHARED, sentences
from kg.vocab.record import ARMED_EVENT_TYPES, DEMONSTRATION_TYPES, _plain

FAMILY = {
    **dict.fromkeys(ARMED_EVENT_TYPES, "armed"),
    **dict.fromkeys(DEMONSTRATION_TYPES, "demo"),
    "displacement": "aid",
    "humanitarian": "aid",
    "arrest": "arrest",
    "statement": "statement",
    "other": "other",
}


@cache
def scorer(shared: Path = SHARED) -> ModuleType:
    """The evaluation's own score.py, imported from the shared folder (never copied)."""
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("conflict_eval_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"{path}: the scorer is not there")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@dataclass
class GoldEvent:
    id: str
    type: str
    sents: list[int]
    trigger: tuple[int, int]  # characters
    actors: dict[str, set[str]]  # gold actor English name -> roles


def gold_events(gold: dict, text: str) -> list[GoldEvent]:
    spans = sentences(text)
    out = []
    for e in gold.get("events", []):
        idx = e["sentence_index"] if isinstance(e["sentence_index"], list) else [e["sentence_index"]]
        lo, hi = spans[idx[0]] if idx[0] < len(spans) else (0, 0)
        trig = e.get("trigger_ar") or ""
        k = text.find(trig, lo, hi) if trig else -1
        roles: dict[str, set[str]] = {}
        for a in e.get("actors", []):
            roles.setdefault(a["name_en"], set()).add(a["role"])
        out.append(GoldEvent(e["id"], e["type"], idx, (k, k + len(trig)) if k >= 0 else (-1, -1), roles))
    return out


def entity_maps(doc: Doc, gold: dict) -> tuple[dict[str, str], dict[str, str]]:
    """System actor id -> gold actor name, system place id -> gold place name, as the scorer
    matches them."""
    sc = scorer()
    out = []
    for key, gkey in (("actors", "actors"), ("places", "locations")):
        system = [_plain(x) for x in entity_list(doc, key)]
        g = gold.get(gkey, [])
        m = sc.match_entities(g, system)
        out.append({system[si]["id"]: g[gi]["name_en"] for gi, si in m.items()})
    return out[0], out[1]


def _char_span(doc: Doc, d: Draft) -> tuple[int, int]:
    sp = doc[d.start : d.end]
    return sp.start_char, sp.end_char


def _fit(doc: Doc, d: Draft, g: GoldEvent, s: int) -> float | None:
    """How well a candidate fits being this incident's mention in sentence s (None: it cannot)."""
    a, b = _char_span(doc, d)
    on_trigger = s == g.sents[0] and a < g.trigger[1] and g.trigger[0] < b
    types = {d.type, d.lexicon_type}
    if not on_trigger and FAMILY.get(g.type) not in {FAMILY.get(t) for t in types}:
        return None
    score = 8.0 * on_trigger + 4.0 * (g.type in types) + 1.0 * (d.priority == 1)
    if s == g.sents[0] and g.trigger[0] >= 0:
        score -= abs(a - g.trigger[0]) / 1000
    return score


def align(
    doc: Doc, drafts: list[Draft], events: list[GoldEvent]
) -> tuple[list[GoldEvent | None], list[GoldEvent | None]]:
    """(mention, anchor) per candidate: the gold incident it mentions, or None; and the same but
    only for the one candidate per incident and sentence that best names it (the others there
    are redundant words for the same incident, which the eventness model learns to pass over,
    while segmentation still learns that they are one incident)."""
    mention: list[GoldEvent | None] = [None] * len(drafts)
    anchor: list[GoldEvent | None] = [None] * len(drafts)
    pairs = []
    for i, d in enumerate(drafts):
        fits = [
            (fit, g) for g in events if d.sent in g.sents and (fit := _fit(doc, d, g, d.sent)) is not None
        ]
        if fits:
            mention[i] = max(fits, key=lambda p: p[0])[1]
        pairs += [(fit, i, g) for fit, g in fits]
    taken: set[tuple[str, int]] = set()
    for _score, i, g in sorted(pairs, key=lambda p: (-p[0], p[1])):
        if anchor[i] is None and (g.id, drafts[i].sent) not in taken:
            anchor[i] = g
            taken.add((g.id, drafts[i].sent))
    told = {g.id for g in anchor if g is not None}
    for g in events:
        if g.id in told:
            continue
        near = []
        for i, d in enumerate(drafts):
            if anchor[i] is None and min(abs(d.sent - s) for s in g.sents) == 1:
                fit = _fit(doc, d, g, d.sent)
                if fit is not None:
                    near.append((fit, i))
        if near:
            k = max(near)[1]
            anchor[k] = mention[k] = g
    return mention, anchor
