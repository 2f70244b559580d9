"""Role attachment: which actor found near an incident plays which role in it.

The argument rules read Arabic word order (verb-subject-object, «على»/«ضد» targets, «في صفوف»
victims, the subject of a reporting verb as the source) and leave many actors unattached or
guessed by position. A trained model decides, once per incident, for every actor mentioned in a
sentence that tells it (and any the rules attached from elsewhere), with the rules' role as one
of its features beside the actor's kind, where it stands from the nearest trigger, the words
before it and the cue words between.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.clitics import has_proclitic
from kg.extract.draft import Draft
from kg.extract.learned.facts import FACTS_REQUIRE, Facts, Span3, bucket, facts_of
from kg.extract.learned.linear import LearnedComponent, LinearModel
from kg.extract.record import events_of

ROLES = ("attacker", "target", "victim", "participant", "source")
Anchor = tuple[int, int, int]  # a trigger mention: token start, end, sentence


def _distance(sp: Span3, m: Anchor) -> int:
    return m[0] - sp[1] if sp[0] < m[0] else sp[0] - m[1]


def candidates(f: Facts, ev: Draft) -> dict[str, tuple[Anchor, Span3 | None]]:
    """Actor id -> (the trigger mention, its mention nearest to it) over every sentence that
    tells the incident; (first mention, None) for an actor the rules attached from elsewhere;
    then the actors of the sentences just before and after the first mention, with their
    mention there (half the gold roles the rules missed were actors found but not attached,
    a teller or a party named in the next sentence among them)."""
    anchors = [(s, e, f.tok_sent[s]) for s, e in (ev.mentions or [(ev.start, ev.end)])]
    out: dict[str, tuple[Anchor, Span3 | None]] = {}
    best: dict[str, tuple[int, int]] = {}
    for rank, m in enumerate(anchors):
        for sp in f.actors_in.get(m[2], []):
            key = (_distance(sp, m), rank)
            if sp[2] not in best or key < best[sp[2]]:
                best[sp[2]] = key
                out[sp[2]] = (m, sp)
    for a, _r in ev.actors:
        out.setdefault(a, (anchors[0], None))
    told = {m[2] for m in anchors}
    first = anchors[0]
    for s in (first[2] - 1, first[2] + 1):  # the teller or a party named just before or after
        if s in told:
            continue
        for sp in f.actors_in.get(s, []):
            out.setdefault(sp[2], (first, sp))
    return out


def role_features(f: Facts, ev: Draft, actor: str, m: Anchor, sp: Span3 | None) -> list[str]:
    kind = f.actor_kind.get(actor, "other")
    rules = sorted({r for a, r in ev.actors if a == actor}) or ["none"]
    t = ev.type
    feats = [f"kind={kind}", f"type={t}", f"type|kind={t}|{kind}", f"lemma={f.lemmas[m[0]]}"]
    for r in rules:
        feats += [f"rule={r}", f"rule|type={r}|{t}", f"rule|kind={r}|{kind}"]
    if actor in ev.guessed:
        feats.append("guessed")
    feats.append(f"mentions={bucket(f.actor_mentions.get(actor, 0), (1, 2, 4))}")
    feats.append("first_mention" if m[0] == ev.start else "later_mention")
    if sp is None:
        return [*feats, "elsewhere"]
    s, e, _a = sp
    side = "before" if s < m[0] else "after"
    if f.tok_sent[s] != m[2]:
        return [*feats, *_neighbour(f, sp, side, kind, t)]
    feats += [
        f"side={side}",
        f"dist={bucket(_distance(sp, m), (0, 1, 2, 4, 8, 16))}",
        f"side|type={side}|{t}",
        f"side|kind={side}|{kind}",
    ]
    if f.clause[s] == f.clause[m[0]]:
        feats.append("same_clause")
    lo, hi = (e, m[0]) if side == "before" else (m[1], s)
    others = [x for x in f.actors_in.get(m[2], []) if lo <= x[0] < hi and x[2] != actor]
    feats.append(f"between_actors={bucket(len(others), (0, 1, 2))}")
    feats.extend(f"between={c}" for k in range(lo, hi) for c in f.cue_at[k])
    before, after = _beside(f, sp)
    for name, w in zip(("p1", "p2"), before, strict=False):
        feats += [f"{name}={w}", f"{name}|side={w}|{side}"]
    head = f.norms[s]
    if has_proclitic(head) and len(head) > 3:
        feats.append(f"clitic={head[:1]}")
    if after is not None:
        feats.append(f"n1={after}")
    return feats


def _beside(f: Facts, sp: Span3) -> tuple[list[str], str | None]:
    """The lemmas of the two words before an actor's mention (nearest first) and of the word
    after it, within the mention's own sentence."""
    s, e, _a = sp
    sent = f.tok_sent[s]
    before = [f.lemmas[k] for k in (s - 1, s - 2) if k >= 0 and f.tok_sent[k] == sent]
    after = f.lemmas[e] if e < f.n_tokens and f.tok_sent[e] == sent else None
    return before, after


def _neighbour(f: Facts, sp: Span3, side: str, kind: str, t: str) -> list[str]:
    """An actor of the sentence before or after: a teller («وقال المرصد») or a party the
    incident's sentence leaves implicit."""
    feats = [f"nbr={side}", f"nbr|kind={side}|{kind}", f"nbr|type={side}|{t}"]
    before, after = _beside(f, sp)
    for name, w in zip(("np1", "np2"), before, strict=False):
        feats += [f"{name}={w}", f"{name}|kind={w}|{kind}"]
    if after is not None:
        feats.append(f"nn1={after}")
    return feats


def decide(rules: set[str], label: str, p: float, thresholds: dict[str, float]) -> set[str]:
    """The roles an actor keeps: the rules' unless the model is sure of another (`override`)
    or of none (`drop`); for an actor the rules left out, the model's role above `add`."""
    if not rules:
        return {label} if label != "none" and p >= thresholds.get("add", 0.0) else set()
    if label == "none":
        return set() if p >= thresholds.get("drop", 0.0) else rules
    if label not in rules and p >= thresholds.get("override", 0.0):
        return {label} | ({"source"} & rules if label != "source" else set())
    return rules


def assign(doc: Doc, model: LinearModel, thresholds: dict[str, float]) -> None:
    """Decides each incident's actors and roles, the rules' roles among the model's features."""
    f = facts_of(doc)
    for ev in doc._.drafts or []:
        roles: list[tuple[str, str]] = []
        for actor, (m, sp) in candidates(f, ev).items():
            label, p = model.predict(role_features(f, ev, actor, m, sp))
            ruled = {r for a, r in ev.actors if a == actor}
            roles += [(actor, r) for r in sorted(decide(ruled, label, p, thresholds))]
        ev.actors = roles
        ev.guessed = set()


@Language.factory(
    "conflict_roles",
    default_config={"model": "roles", "thresholds": {}},
    requires=["doc._.drafts", *FACTS_REQUIRE],
    assigns=["doc._.drafts", "doc._.events", "doc._.facts"],
)
def make_roles(nlp: Language, name: str, model: str, thresholds: dict[str, float]) -> RolesComponent:
    return RolesComponent(model, thresholds)


class RolesComponent(LearnedComponent):
    def __call__(self, doc: Doc) -> Doc:
        assign(doc, self.model, self.thresholds)
        doc._.events = events_of(doc)
        return doc
