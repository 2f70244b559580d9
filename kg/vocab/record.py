"""The values that flow between stages: an article in, an extraction record out.

The record is the contract between the Arabic extractor and the graph builder, and its JSON form
is the one `../shared/eval/score.py` reads (see the README's "Extraction record" section). Every
field beyond that format is optional in `from_dict`, so hand-written fixtures stay short.
Offsets are always Python string indices into the article text exactly as read from its file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "battle",
    "air_strike",
    "shelling",
    "explosion",
    "attack",
    "violence_against_civilians",
    "territory_change",
    "arrest",
    "protest",
    "riot",
    "displacement",
    "humanitarian",
    "statement",
    "other",
)
# the types of armed violence (ACLED's battles, remote violence and violence against civilians,
# plus changes of territory): where casualty tolls and failure belong
ARMED_EVENT_TYPES: frozenset[str] = frozenset(
    {"battle", "air_strike", "shelling", "explosion", "attack", "violence_against_civilians"}
    | {"territory_change"}
)
DEMONSTRATION_TYPES: frozenset[str] = frozenset({"protest", "riot"})  # need no armed party
ROLES: tuple[str, ...] = ("attacker", "target", "victim", "participant", "source")
STATUSES: tuple[str, ...] = ("occurred", "failed", "attempted", "planned", "announced", "denied")
ACTOR_KINDS: tuple[str, ...] = (
    "state_force",
    "armed_group",
    "militia",
    "foreign_force",
    "political",
    "person",
    "civilians",
    "international",
    "media",
    "monitor",
    "other",
)
PLACE_KINDS: tuple[str, ...] = (
    "country",
    "admin1",
    "admin2",
    "district",
    "city",
    "town",
    "village",
    "neighbourhood",
    "camp",
    "facility",
    "road",
    "front",
    "region",
    "other",
)
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")


@dataclass
class Article:
    """One input article. `id` is the file stem or the JSONL `id` field."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date, the anchor for relative dates
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    source_path: str | None = None  # where it was read from, for error messages

    def meta(self) -> dict[str, Any]:
        return {
            k: v
            for k, v in (
                ("title", self.title),
                ("published", self.published),
                ("outlet", self.outlet),
                ("url", self.url),
                ("language", self.language),
            )
            if v is not None
        }


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Actor:
    id: str
    label_ar: str
    label_en: str | None = None
    kind: str = "other"
    country: str | None = None  # ISO 3166-1 alpha-3
    wikidata: str | None = None  # "Q123"
    lexicon_id: str | None = None  # the actors.tsv entry it matched, the key for cross-article identity
    mentions: list[Mention] = field(default_factory=list)
    office_ar: str | None = None  # a named person's office as the text states it («وزير النقل اليمني»)
    office_en: str | None = None  # its English gloss when the title cue has one ("minister")


@dataclass
class Place:
    id: str
    label_ar: str
    label_en: str | None = None
    kind: str = "other"
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    geonames: str | None = None  # GeoNames id, digits only
    wikidata: str | None = None
    within: str | None = None  # id of the containing place in this record
    geo_precision: int | None = None  # ACLED: 1 named place, 2 near/part of, 3 region
    lexicon_id: str | None = None  # the places.tsv entry it matched
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class EventActor:
    id: str
    role: str


@dataclass
class Event:
    id: str
    type: str
    trigger: Mention
    actors: list[EventActor] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date (or YYYY-MM / YYYY) when resolved
    date_text: str | None = None  # the phrase as written, kept when it cannot be resolved
    date_precision: str = "unknown"
    fatalities: int | None = None
    injured: int | None = None
    status: str = "occurred"
    confidence: float | None = None
    mentions: list[Mention] = field(default_factory=list)  # every trigger that tells this incident


@dataclass
class ExtractionRecord:
    article_id: str
    actors: list[Actor] = field(default_factory=list)
    locations: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # title, published, outlet, url, language
    text: str | None = None  # the original text, so the graph can anchor NIF spans and sentences
    sentences: list[tuple[int, int]] = field(default_factory=list)  # [start, end) of each sentence
    errors: list[str] = field(default_factory=list)  # why a record is empty, when it is

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; what `dataclasses.asdict` gives, without its deep copies of
        every string (a record is made once per article, and asdict was 4% of extracting it)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExtractionRecord:
        """Read a record, tolerating the short form the eval README shows."""

        def mentions(items: list[dict[str, Any]] | None) -> list[Mention]:
            return [Mention(m["text"], int(m["start"]), int(m["end"])) for m in items or []]

        actors = [
            Actor(
                id=a["id"],
                label_ar=a.get("label_ar", ""),
                label_en=a.get("label_en"),
                kind=a.get("kind", "other"),
                country=a.get("country"),
                wikidata=a.get("wikidata"),
                lexicon_id=a.get("lexicon_id"),
                mentions=mentions(a.get("mentions")),
                office_ar=a.get("office_ar"),
                office_en=a.get("office_en"),
            )
            for a in d.get("actors", [])
        ]
        places = [
            Place(
                id=p["id"],
                label_ar=p.get("label_ar", ""),
                label_en=p.get("label_en"),
                kind=p.get("kind", "other"),
                lat=p.get("lat"),
                lon=p.get("lon"),
                country=p.get("country"),
                geonames=None if p.get("geonames") is None else str(p["geonames"]),
                wikidata=p.get("wikidata"),
                within=p.get("within"),
                geo_precision=p.get("geo_precision"),
                lexicon_id=p.get("lexicon_id"),
                mentions=mentions(p.get("mentions")),
            )
            for p in d.get("locations", [])
        ]
        events = []
        for e in d.get("events", []):
            t = e.get("trigger") or {"text": "", "start": 0, "end": 0}
            events.append(
                Event(
                    id=e["id"],
                    type=e["type"],
                    trigger=Mention(t["text"], int(t["start"]), int(t["end"])),
                    actors=[EventActor(a["id"], a["role"]) for a in e.get("actors", [])],
                    locations=list(e.get("locations", [])),
                    date=e.get("date"),
                    date_text=e.get("date_text"),
                    date_precision=e.get("date_precision", "day" if e.get("date") else "unknown"),
                    fatalities=e.get("fatalities"),
                    injured=e.get("injured"),
                    status=e.get("status", "occurred"),
                    confidence=e.get("confidence"),
                    mentions=mentions(e.get("mentions")),
                )
            )
        return cls(
            article_id=d["article_id"],
            actors=actors,
            locations=places,
            events=events,
            meta=dict(d.get("meta", {})),
            text=d.get("text"),
            sentences=[(int(s[0]), int(s[1])) for s in d.get("sentences", [])],
            errors=list(d.get("errors", [])),
        )


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(obj: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, recursively; strings and numbers as they are."""
    if isinstance(obj, list | tuple):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    names = _field_names(type(obj)) if is_dataclass(obj) else None
    if names is not None:
        return {n: _plain(getattr(obj, n)) for n in names}
    return obj
