"""Turn the pipeline's output into the ExtractionRecord the graph builder and scorer read."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.draft import Draft
from kg.vocab.record import Actor, Article, Event, EventActor, ExtractionRecord, Mention, Place

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
# what `build_record` makes a record of: a pipeline that assigns none of one is not whole
REQUIRES: tuple[str, ...] = ("doc._.sentences", "doc._.actors", "doc._.places", "doc._.events")


def entity_list(doc: Doc, name: str) -> list:
    """`doc._.actors` / `doc._.places` as set by the entity components, [] when not run."""
    return list(getattr(doc._, name) or []) if Doc.has_extension(name) else []


def _mention(doc: Doc, start: int, end: int) -> Mention:
    span = doc[start:end]
    return Mention(span.text, span.start_char, span.end_char)


def draft_to_event(doc: Doc, d: Draft, n: int, actor_ids: set[str], place_ids: set[str]) -> Event:
    return Event(
        id=f"e{n}",
        type=d.type,
        trigger=_mention(doc, d.start, d.end),
        actors=[EventActor(a, r) for a, r in d.actors if a in actor_ids],
        locations=[p for p in d.places if p in place_ids],
        date=d.date,
        date_text=d.date_text,
        date_precision=d.date_precision,
        fatalities=d.fatalities,
        injured=d.injured,
        status=d.status,
        confidence=_confidence(d),
        mentions=[_mention(doc, s, e) for s, e in d.mentions],
    )


def _confidence(d: Draft) -> float:
    """The learned eventness's probability that the words tell an incident, where it decided;
    the rules' own two grades otherwise (a word that names an incident by itself, or not)."""
    if d.score is not None:
        return round(d.score, 3)
    return 0.8 if d.priority == 1 else 0.5


def events_of(doc: Doc) -> list[Event]:
    """Events from the merged drafts, in text order, ids e1, e2, …; roles and places only point
    at entities the record holds."""
    actors: list[Actor] = entity_list(doc, "actors")
    places: list[Place] = entity_list(doc, "places")
    actor_ids = {a.id for a in actors}
    place_ids = {p.id for p in places}
    drafts = sorted(doc._.drafts or [], key=lambda d: d.start)
    return [draft_to_event(doc, d, i, actor_ids, place_ids) for i, d in enumerate(drafts, 1)]


def build_record(article: Article, doc: Doc) -> ExtractionRecord:
    return ExtractionRecord(
        article_id=article.id,
        actors=entity_list(doc, "actors"),
        locations=entity_list(doc, "places"),
        events=list(doc._.events if doc._.events is not None else events_of(doc)),
        meta=article.meta(),
        text=article.text,
        sentences=list(doc._.sentences or []),
    )
