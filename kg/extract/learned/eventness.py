"""Eventness and type: does a candidate trigger tell an incident that happened, and of what type?

The trigger rules find every word that can name an incident and note which of their checks would
drop it (part of a name, an aim, a negation, a claim, a habit, a weak word beside a strong one…).
Whether the word tells an incident depends on context those checks see only in part, so a trained
model decides, from the rules' verdicts and everything else in reach: the words around, the cue
words of the sentence, the actors and places found there, the article's parties. Candidates it
calls "none" are dropped; the others take its type («تجمع المحتجون» a protest, «أحرقوا» a riot).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.clitics import opens_definite
from kg.extract.draft import Draft
from kg.extract.learned.facts import ARMED_KINDS, FACTS_REQUIRE, Facts, bucket, facts_of
from kg.extract.learned.linear import LearnedComponent, LinearModel
from kg.vocab.record import ARMED_EVENT_TYPES

ARMED_TYPES = ARMED_EVENT_TYPES - {"territory_change"}

WINDOW = 3  # words either side read one by one
BAG = 8  # words either side read as a bag
FLAGS = (
    "verb",
    "anaphor",
    "generic",
    "repel",
    "ambiguous",
    "patient",
    "imperfect",
    "context",
    "documented",
    "fresh",
    "pointed",
)


def _words(f: Facts, d: Draft) -> list[str]:
    out = []
    sent, lem = f.tok_sent, f.lemmas
    for k in range(1, WINDOW + 1):
        i, j = d.start - k, d.end - 1 + k
        out.append(f"L{k}={lem[i]}" if i >= 0 and sent[i] == d.sent else f"L{k}=<s>")
        out.append(f"R{k}={lem[j]}" if j < f.n_tokens and sent[j] == d.sent else f"R{k}=</s>")
    for i in range(max(0, d.start - BAG), d.start):
        if sent[i] == d.sent:
            out.append(f"bl={lem[i]}")
            out.extend(f"wc={c}" for c in f.cue_at[i])
    for i in range(d.end, min(f.n_tokens, d.end + BAG)):
        if sent[i] == d.sent:
            out.append(f"br={lem[i]}")
            out.extend(f"wc={c}" for c in f.cue_at[i])
    return out


def _entities(f: Facts, d: Draft) -> list[str]:
    out = []
    actors = f.actors_in.get(d.sent, [])
    armed = 0
    for s, e, a in actors:
        kind = f.actor_kind.get(a, "other")
        side = "b" if s < d.start else "a"
        out.append(f"sa={kind}")
        out.append(f"sa{side}={kind}")
        if (d.start - e if side == "b" else s - d.end) <= 3:  # the subject or object in reach
            out += [f"near{side}={kind}", f"near{side}|lex={kind}|{d.lexicon_type}"]
        armed += kind in ARMED_KINDS
    out.append(f"n_actors={bucket(len(actors))}")
    out.append(f"n_armed={bucket(armed, (0, 1, 2))}")
    places = f.places_in.get(d.sent, [])
    out.extend(f"sp={f.place_kind.get(p, 'other')}" for _s, _e, p in places)
    out.append(f"n_places={bucket(len(places))}")
    for a, r in d.actors:
        out.append(f"role={r}")
        out.append(f"role={r}|{f.actor_kind.get(a, 'other')}")
    out.append("noplace" if not d.places else f"place1={f.place_kind.get(d.places[0], 'other')}")
    out.append(f"armed_art={bucket(f.armed_in_article, (0, 1, 3))}")
    return out


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article's candidates say: an article whose rules keep no violent incident
    is seldom about one; a word beside a stronger one in its sentence is seldom the incident."""

    features: list[str]
    by_sent: dict[int, list[Draft]]


FAMILY = {
    "air_strike": "remote",
    "shelling": "remote",
    "explosion": "remote",
    "protest": "demo",
    "riot": "demo",
    "statement": "statement",
    "other": "other",
}


def article_context(drafts: list[Draft]) -> ArticleContext:
    kept = [d for d in drafts if not d.vetoes]
    armed = sum(d.type in ARMED_TYPES for d in kept)
    demo = sum(d.type == "protest" for d in kept)
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.sent, []).append(d)
    return ArticleContext(
        [f"art_armed={bucket(armed, (0, 1, 3, 6))}", f"art_demo={bucket(demo, (0, 1, 3))}"], by_sent
    )


def _siblings(d: Draft, ctx: ArticleContext) -> list[str]:
    others = [x for x in ctx.by_sent.get(d.sent, []) if x is not d]
    out = [f"siblings={bucket(len(others), (0, 1, 2, 4))}"]
    if all(x.start > d.start for x in others):
        out.append("first_in_sentence")
    for x in others:
        kind = "kept" if not x.vetoes else "vetoed"
        out.append(f"sib={FAMILY.get(x.lexicon_type, 'armed')}|{kind}")
        out.append(
            f"sib|me={FAMILY.get(x.lexicon_type, 'armed')}|{FAMILY.get(d.lexicon_type, 'armed')}|{kind}"
        )
    return out


def eventness_features(f: Facts, d: Draft, ctx: ArticleContext) -> list[str]:
    lemma = d.lemma.split(" ")[0]
    vetoed = "vetoed" if d.vetoes else "kept"
    feats = [
        f"lex={d.lexicon_type}",
        f"type={d.type}",
        f"lex|type={d.lexicon_type}|{d.type}",
        f"prio={d.priority}",
        f"lemma={d.lemma}",
        f"lemma1={lemma}",
        f"form={f.norms[d.start]}",
        f"lemma|{vetoed}={lemma}",
        f"type|{vetoed}={d.type}",
        vetoed,
        f"sent={bucket(d.sent, (0, 1, 2, 4, 8, 16))}",
        f"slen={bucket(f.sent_len.get(d.sent, 0), (3, 6, 12, 25, 50))}",
    ]
    feats += [f"veto={v}" for v in d.vetoes]
    feats += [f"veto|type={v}|{d.type}" for v in d.vetoes]
    feats += [fl for fl in FLAGS if getattr(d, fl)]
    feats += [f"sc={c}" for c in sorted(f.sent_cues.get(d.sent, ()))]
    feats += ctx.features
    feats += [f"topic={t}:{bucket(n, (0, 2, 5, 10))}" for t, n in f.topics.items()]
    feats += _siblings(d, ctx)
    if opens_definite(f.norms[d.start]):
        feats.append(f"definite|{d.lexicon_type}")
    if f.quoted[d.start]:
        feats += ["quoted", f"quoted|type={d.type}"]
    if d.sent in f.timed:
        feats.append("timed")
    if d.sent in f.counted:
        feats.append("counted")
    feats += _words(f, d)
    ents = _entities(f, d)
    feats += ents
    armed_here = any(e.startswith("n_armed=") and e != "n_armed=0" for e in ents)
    feats.append(f"lemma|armed={lemma}|{armed_here}")
    feats.append(f"type|armed={d.type}|{armed_here}")
    feats.append(f"type|noplace={d.type}|{not d.places}")
    return feats


def bar(thresholds: dict[str, float], d: Draft, label: str) -> float:
    """The probability a candidate needs: `keep` for a word the rules keep, `rescue` for one they
    veto, `rescue_extra` for a candidate-only word; `NAME.TYPE` (`rescue_extra.statement`)
    overrides one for candidates the model types TYPE, since types differ in how often their
    words tell nothing."""
    if not d.vetoes:
        name, default = "keep", thresholds.get("keep", 0.5)
    elif "extra" in d.vetoes:
        name, default = "rescue_extra", thresholds.get("rescue_extra", thresholds.get("rescue", 0.5))
    else:
        name, default = "rescue", thresholds.get("rescue", 0.5)
    return thresholds.get(f"{name}.{label}", default)


def retype_share(thresholds: dict[str, float], rules_type: str, label: str) -> float:
    """The share of P(incident) the model's type `label` needs to replace the rules' type: `retype`,
    or less where `retype.LABEL` or `retype_from.RULES_TYPE` says so (the rules' battle is often
    a riot's clash or a statement about fighting)."""
    retype = thresholds.get("retype", 0.0)
    return min(thresholds.get(f"retype.{label}", retype), thresholds.get(f"retype_from.{rules_type}", retype))


def classify(doc: Doc, model: LinearModel, thresholds: dict[str, float]) -> list[Draft]:
    """The candidates the model keeps, typed by it.

    The rules stay where they are strong: a candidate they keep is dropped only when the model's
    probability that it tells an incident falls below `keep`; one they veto is taken only above
    `rescue` (`rescue_extra` for the candidate-only words of candidates.tsv); a kept candidate
    takes the model's type instead of the rules' when that type holds at least `retype` of the
    incident probability (`retype_share`: less for some types of the model or of the rules)."""
    f = facts_of(doc)
    kept = []
    none = model.labels.index("none")
    drafts = doc._.drafts or []
    ctx = article_context(drafts)
    for d in drafts:
        p = model.scores(eventness_features(f, d, ctx))
        event = 1.0 - float(p[none])
        p[none] = -1.0
        k = int(p.argmax())
        label = model.labels[k]
        if event < bar(thresholds, d, label):
            continue
        if d.vetoes or float(p[k]) >= retype_share(thresholds, d.type, label) * event:
            d.type = label
        d.score = event
        kept.append(d)
    return kept


@Language.factory(
    "conflict_eventness",
    default_config={"model": "eventness", "thresholds": {}},
    requires=["doc._.drafts", *FACTS_REQUIRE],
    assigns=["doc._.drafts", "doc._.facts"],
)
def make_eventness(nlp: Language, name: str, model: str, thresholds: dict[str, float]) -> EventnessComponent:
    return EventnessComponent(model, thresholds)


class EventnessComponent(LearnedComponent):
    """Keeps the candidate triggers that tell an incident, with the learned type; `thresholds`
    (keep, rescue, retype) default to the ones shipped in the model file."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = classify(doc, self.model, self.thresholds)
        return doc
