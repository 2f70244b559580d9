"""Training examples for the three learned components, from annotated articles.

Each article runs through the rule components with every candidate trigger kept (what the
learned pipeline sees at run time); the gold incidents are tied to the candidates (`align`), and
three sets of examples come out, each the features the component computes at run time with the
label the gold gives:

- eventness: one per candidate — "none" or the gold incident's type where it is the incident's
  anchor in its sentence;
- segments: one per pair of mentions of gold incidents within reach — "same" or "apart";
- roles: one per (gold-clustered incident, actor in reach) — the gold role or "none".

Mentions take their gold type before the pair and role features are read, as the learned
pipeline's mentions carry the type the eventness model gave them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract import Extractor
from kg.extract.coref import absorb
from kg.extract.draft import Draft
from kg.extract.learned.eventness import article_context, eventness_features
from kg.extract.learned.facts import facts_of
from kg.extract.learned.roles import candidates, role_features
from kg.extract.learned.segments import REACH, pair_features, prepare, rule_clusters
from kg.training.align import GoldEvent, align, entity_maps, gold_events
from kg.vocab.record import Article

CANDIDATES = {"pipeline": "rules", "conflict_triggers": {"candidates": True}}
DETAILS = ("conflict_status", "conflict_fatalities", "conflict_event_dates")  # run after eventness
Example = tuple[list[str], str]


@dataclass
class Examples:
    eventness: list[Example] = field(default_factory=list)
    segments: list[Example] = field(default_factory=list)
    roles: list[Example] = field(default_factory=list)

    def extend(self, other: Examples) -> None:
        self.eventness += other.eventness
        self.segments += other.segments
        self.roles += other.roles


def candidate_extractor() -> Extractor:
    return Extractor(CANDIDATES, refresh_every=0)


def article_examples(extractor: Extractor, article: Article, gold: dict) -> Examples:
    doc = extractor.doc(article, until=DETAILS[0])
    f = facts_of(doc)
    drafts: list[Draft] = list(doc._.drafts or [])
    mentions_of, anchors = align(doc, drafts, gold_events(gold, article.text))
    out = Examples()
    art = article_context(drafts)
    for d, g in zip(drafts, anchors, strict=True):
        out.eventness.append((eventness_features(f, d, art), g.type if g else "none"))
    # every mention of an incident goes on, as the kept ones do at run time; then the details
    told = [(d, g) for d, g in zip(drafts, mentions_of, strict=True) if g is not None]
    for d, g in told:
        d.type, d.score = g.type, 1.0
    doc._.drafts = [d for d, _g in told]
    doc = extractor.run(doc, DETAILS)
    mentions = prepare([d for d, _g in told])
    of = {id(d): g for d, g in told}
    out.segments = _pairs(doc, mentions, of)
    out.roles = _roles(doc, mentions, of, gold)
    return out


def _pairs(doc: Doc, mentions: list[Draft], of: dict[int, GoldEvent]) -> list[Example]:
    f = facts_of(doc)
    rules = rule_clusters(doc, mentions)
    out = []
    for i, d in enumerate(mentions):
        for j in range(i - 1, -1, -1):
            e = mentions[j]
            if d.sent - e.sent > REACH:
                break
            label = "same" if of[id(e)].id == of[id(d)].id else "apart"
            out.append((pair_features(doc, f, e, d, rules[i] == rules[j]), label))
    return out


def _roles(doc: Doc, mentions: list[Draft], of: dict[int, GoldEvent], gold: dict) -> list[Example]:
    f = facts_of(doc)
    actor_name, _places = entity_maps(doc, gold)
    heads: dict[str, Draft] = {}
    for d in mentions:  # the gold clustering: every mention folded into its incident's first
        g = of[id(d)]
        if g.id in heads:
            absorb(heads[g.id], d)
        else:
            heads[g.id] = d
    out: list[Example] = []
    for gid, ev in heads.items():
        g = of[id(ev)]
        assert g.id == gid
        for actor, (m, sp) in candidates(f, ev).items():
            feats = role_features(f, ev, actor, m, sp)
            roles = g.actors.get(actor_name.get(actor, ""), set())
            out.extend((feats, r) for r in sorted(roles)) if roles else out.append((feats, "none"))
    return out


def build(items: list[tuple[Article, dict]], extractor: Extractor | None = None) -> dict[str, Examples]:
    """Examples by article id."""
    ex = extractor or candidate_extractor()
    return {a.id: article_examples(ex, a, g) for a, g in items}
