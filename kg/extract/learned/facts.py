"""What the rules found in an article, indexed for the learned components' features.

The trained components decide from context; the context is what the rule components already
found — tokens and their readings, cue words, actors and places with their kinds, sentences —
put in the shape the feature functions read: by sentence, by token, for the whole article. It is
built once per document and shared through the declared `doc._.facts` extension.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from kg.arabic.dates import calendar
from kg.arabic.normalise import norm
from kg.extract.record import entity_list
from kg.extract.roles import clause_ids
from kg.extract.roles.state import spans_by_sentence
from kg.lexicons.tables import TOPIC_WORDS

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
# what `facts_of` reads, for the `requires` of each component that may be the first to call it
FACTS_REQUIRE: tuple[str, ...] = (
    "doc._.sentences",
    "doc._.tok_sent",
    "doc._.norms",
    "doc._.tok_readings",
    "doc._.cues",
    "doc._.cue_at",
    "doc._.actors",
    "doc._.places",
    "doc.spans",
)

ARMED_KINDS = frozenset({"state_force", "armed_group", "militia", "foreign_force"})
Span3 = tuple[int, int, str]  # token start, end, entity id


@dataclass
class Facts:
    n_tokens: int
    n_sents: int
    norms: list[str]
    lemmas: list[str]  # the barest clitic reading of each token
    tok_sent: list[int]
    cue_at: list[frozenset[str]]
    sent_cues: dict[int, set[str]]
    actors_in: dict[int, list[Span3]]  # sentence -> actor mentions, in token order
    places_in: dict[int, list[Span3]]
    actor_kind: dict[str, str]
    place_kind: dict[str, str]
    place_within: dict[str, str | None]
    actor_mentions: dict[str, int] = field(default_factory=dict)
    armed_in_article: int = 0
    sent_len: dict[int, int] = field(default_factory=dict)
    clause: list[int] = field(default_factory=list)  # clause number of each token
    quoted: list[bool] = field(default_factory=list)  # inside quotation marks in its sentence
    timed: set[int] = field(default_factory=set)  # sentences naming a day, a month or «أمس»
    counted: set[int] = field(default_factory=set)  # sentences holding a figure
    topics: dict[str, int] = field(default_factory=dict)  # ordinary-news topic words in the article


def facts_of(doc: Doc) -> Facts:
    if doc._.facts is not None:
        return doc._.facts
    actors = entity_list(doc, "actors")
    places = entity_list(doc, "places")
    sent_cues: dict[int, set[str]] = defaultdict(set)
    for s, _e, cls in doc._.cues or []:
        sent_cues[doc._.tok_sent[s]].add(cls)
    mentions: dict[str, int] = defaultdict(int)
    actors_in = spans_by_sentence(doc, "actors")
    for spans in actors_in.values():
        for _s, _e, a in spans:
            mentions[a] += 1
    sent_len: dict[int, int] = defaultdict(int)
    for s in doc._.tok_sent:
        sent_len[s] += 1
    kind = {a.id: a.kind for a in actors}
    facts = Facts(
        n_tokens=len(doc._.norms),
        n_sents=len(doc._.sentences or []),
        norms=doc._.norms,
        lemmas=[r[-1] if r else "" for r in doc._.tok_readings],
        tok_sent=doc._.tok_sent,
        cue_at=doc._.cue_at,
        sent_cues=sent_cues,
        actors_in=actors_in,
        places_in=spans_by_sentence(doc, "places"),
        actor_kind=kind,
        place_kind={p.id: p.kind for p in places},
        place_within={p.id: p.within for p in places},
        actor_mentions=dict(mentions),
        armed_in_article=sum(1 for k in kind.values() if k in ARMED_KINDS),
        sent_len=dict(sent_len),
        clause=clause_ids(doc),
        quoted=_quoted(doc._.norms, doc._.tok_sent),
        timed={
            doc._.tok_sent[i] for i, rs in enumerate(doc._.tok_readings) if not _time_words().isdisjoint(rs)
        },
        counted={doc._.tok_sent[i] for i, w in enumerate(doc._.norms) if any(c.isdigit() for c in w)},
        topics=_topics(doc._.tok_readings),
    )
    doc._.facts = facts
    return facts


@cache
def _time_words() -> frozenset[str]:
    return frozenset(
        k[0]
        for k, e in calendar().items()
        if len(k) == 1 and not e.ambiguous and e.kind in {"weekday", "relative", "month"}
    )


@cache
def topic_words() -> dict[str, str]:
    """Normalised word -> topic, from kg/lexicons/topic_words.tsv."""
    return {norm(r.word): r.topic for r in TOPIC_WORDS.rows()}


def _topics(readings: list[tuple[str, ...]]) -> dict[str, int]:
    words = topic_words()
    out: dict[str, int] = {}
    for rs in readings:
        for r in rs:
            t = words.get(r)
            if t:
                out[t] = out.get(t, 0) + 1
                break
    return out


OPEN, CLOSE, BOTH = frozenset("«“"), frozenset("»”"), frozenset('"')


def _quoted(norms: list[str], tok_sent: list[int]) -> list[bool]:
    """Whether each token stands inside quotation marks opened in its own sentence: a quote
    tells what someone says, not always what happened."""
    out, depth, toggle, sent = [], 0, False, -1
    for w, s in zip(norms, tok_sent, strict=True):
        if s != sent:
            depth, toggle, sent = 0, False, s
        if w in CLOSE:
            depth = max(0, depth - 1)
        out.append(depth > 0 or toggle)
        if w in OPEN:
            depth += 1
        elif w in BOTH:
            toggle = not toggle
    return out


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 4, 8)) -> str:
    """A count as a coarse bucket, so a linear model reads "none / one / a few / many"."""
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"
