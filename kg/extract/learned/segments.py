"""Event segmentation: which incident mentions of an article are one incident.

A report tells an incident in its lead, again in its details, in a subtitle, in a back-reference;
and one sentence may tell two incidents. The coreference rules (`kg.extract.coref`) encode the
cues — same type, close, same place, a definite back-reference, no new teller between, tolls and
days that agree — but weigh them by hand. Here a mention-pair model weighs them, the rules'
verdict among its features, and each mention joins its likeliest antecedent when the model says
they are one incident (best-first clustering, as in mention-pair coreference).
"""

from __future__ import annotations

from copy import copy

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.coref import absorb, can_merge, finish, rule_heads, start_incident, up
from kg.extract.draft import Draft
from kg.extract.learned.facts import FACTS_REQUIRE, Facts, bucket, facts_of
from kg.extract.learned.linear import LearnedComponent, LinearModel
from kg.extract.record import events_of

REACH = 10  # sentences apart two mentions may be and still be compared
COARSE = {
    "battle": "clash",
    "territory_change": "clash",
    "air_strike": "remote",
    "shelling": "remote",
    "explosion": "remote",
    "attack": "attack",
    "violence_against_civilians": "attack",
    "displacement": "humanitarian",
    "humanitarian": "humanitarian",
    "protest": "demo",
    "riot": "demo",
}


def prepare(drafts: list[Draft]) -> list[Draft]:
    """Each draft as a one-mention incident, in text order (what the rules' merge starts from)."""
    out = sorted(drafts, key=lambda x: x.start)
    for d in out:
        start_incident(d)
        if not d.mentions:
            d.mentions = [(d.start, d.end)]
    return out


def _places(f: Facts, e: Draft, d: Draft) -> list[str]:
    if not e.places or not d.places:
        return ["noplace_" + ("both" if not e.places and not d.places else "one")]
    out = []
    if e.places[0] == d.places[0]:
        out.append("place1_same")
    if set(e.places[:3]) & set(d.places[:3]):
        out.append("place_overlap")
    ue = {a for p in e.places[:3] for a in up(p, f.place_within)}
    ud = {a for p in d.places[:3] for a in up(p, f.place_within)}
    if d.places[0] in ue or e.places[0] in ud:
        out.append("place_within")
    if not ue & ud:
        out.append("place_apart")
    out.append(f"pk={f.place_kind.get(e.places[0], 'other')}|{f.place_kind.get(d.places[0], 'other')}")
    return out


def _actors(e: Draft, d: Draft) -> list[str]:
    out = []
    pe = {a for a, r in e.actors if r != "source"}
    pd = {a for a, r in d.actors if r != "source"}
    if pe & pd:
        out.append("party_shared")
    elif pe and pd:
        out.append("party_apart")
    ae = {a for a, r in e.actors if r == "attacker"}
    ad = {a for a, r in d.actors if r == "attacker"}
    if ae and ad:
        out.append("attacker_same" if ae & ad else "attacker_apart")
    return out


def pair_features(doc: Doc, f: Facts, e: Draft, d: Draft, rule_same: bool) -> list[str]:
    gap = d.sent - e.sent
    ce, cd = COARSE.get(e.type, e.type), COARSE.get(d.type, d.type)
    types = "|".join(sorted((e.type, d.type)))
    feats = [
        f"types={types}",
        "same_type" if e.type == d.type else ("same_coarse" if ce == cd else "other_type"),
        f"gap={bucket(gap, (0, 1, 2, 3, 5, 8))}",
        f"gap|same={bucket(gap, (0, 1, 2, 3, 5, 8))}|{e.type == d.type}",
        f"rule_pair={can_merge(doc, e, d, 2, 4, f.place_within, f.place_kind)}",
        f"rule_cluster={rule_same}",
        f"first={'head' if e.sent == 0 else 'body'}",
    ]
    if gap == 0:
        feats.append(f"tokgap={bucket(d.start - e.end, (0, 1, 2, 4, 8, 16))}")
        lo, hi = e.end, d.start
        cues = {c for k in range(lo, hi) for c in f.cue_at[k]}
        feats += [f"between={c}" for c in sorted(cues)]
        if any(f.clause[k] != f.clause[e.start] for k in range(lo, d.start + 1)):
            feats.append("new_clause")
    if d.lemma.split(" ")[0] == e.lemma.split(" ")[0]:
        feats.append("same_lemma")
    for name in ("anaphor", "pointed", "fresh", "generic", "verb"):
        if getattr(d, name):
            feats += [f"d_{name}", f"d_{name}|{types}"]
    feats.append(f"prio={e.priority}{d.priority}")
    feats += _places(f, e, d)
    feats += _actors(e, d)
    if e.fatalities is not None and d.fatalities is not None:
        feats.append("toll_same" if e.fatalities == d.fatalities else "toll_apart")
    if e.date and d.date and e.date_precision == d.date_precision == "day":
        feats.append("day_same" if e.date == d.date else "day_apart")
    if (e.status in {"failed", "attempted"}) != (d.status in {"failed", "attempted"}):
        feats.append("outcome_apart")
    return feats


def rule_clusters(doc: Doc, drafts: list[Draft]) -> list[int]:
    """The rules' own clustering of these mentions (the incident each joins), run on copies so
    that the drafts themselves stay one-mention incidents."""
    f = facts_of(doc)
    copies = []
    for d in drafts:
        c = copy(d)
        c.actors, c.places, c.mentions = list(d.actors), list(d.places), list(d.mentions)
        c.guessed = set(d.guessed)  # absorb edits it: the drafts' own must stay as they are
        copies.append(c)
    heads = rule_heads(doc, copies, 2, 4, f.place_within, f.place_kind)
    for i, h in enumerate(heads):  # a chain of joins ends at the incident that opened it
        while heads[h] != h:
            h = heads[h]
        heads[i] = h
    return heads


def cluster(
    doc: Doc, drafts: list[Draft], model: LinearModel, thresholds: dict[str, float]
) -> list[list[int]]:
    """Clusters of draft indices, in text order: each draft joins the incident it fits best.

    A draft may join an incident only if every mention of it within reach agrees (complete
    link: one wrong pair no longer chains two incidents together); among those, the one with
    the highest mean probability. A pair agrees when the model's probability is at least `part`
    for two mentions the rules put in one incident, and at least `join` for two they keep apart."""
    f = facts_of(doc)
    rules = rule_clusters(doc, drafts)
    join, part = thresholds.get("join", 0.5), thresholds.get("part", 0.5)
    clusters: list[list[int]] = []
    for i, d in enumerate(drafts):
        best, best_p = None, -1.0
        for c, members in enumerate(clusters):
            near = [j for j in members if d.sent - drafts[j].sent <= REACH]
            if not near:
                continue
            probs = []
            for j in near:
                same = rules[i] == rules[j]
                p = model.prob(pair_features(doc, f, drafts[j], d, same), "same")
                if p < (part if same else join):
                    break
                probs.append(p)
            else:
                mean = sum(probs) / len(probs)
                if mean > best_p:
                    best, best_p = c, mean
        if best is None:
            clusters.append([i])
        else:
            clusters[best].append(i)
    return clusters


def merge(doc: Doc, model: LinearModel, thresholds: dict[str, float]) -> list[Draft]:
    drafts = prepare(list(doc._.drafts or []))
    out = []
    for members in cluster(doc, drafts, model, thresholds):
        head = drafts[members[0]]
        for k in members[1:]:
            absorb(head, drafts[k])
        out.append(head)
    return finish(doc, out)


@Language.factory(
    "conflict_segments",
    default_config={"model": "segments", "thresholds": {}},
    requires=["doc._.drafts", *FACTS_REQUIRE],
    assigns=["doc._.drafts", "doc._.events", "doc._.facts"],
)
def make_segments(nlp: Language, name: str, model: str, thresholds: dict[str, float]) -> SegmentsComponent:
    return SegmentsComponent(model, thresholds)


class SegmentsComponent(LearnedComponent):
    """One draft per incident, like `conflict_coref`, with the merges decided by the model."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = merge(doc, self.model, self.thresholds)
        doc._.events = events_of(doc)
        return doc
