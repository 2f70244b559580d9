"""Is a record fit to become graph? Checked once, where it enters the graph layer.

A record comes from an extractor, a file on disk or a caller's hands; the graph must never hold
half of one, an unknown type, or a span that points past the text. `checked` is the one place a
record is judged: it returns a `CheckedRecord`, which the emitters (kg.graph.build), the merger
and the store take as it is, without looking again. A bad record raises `RecordError` naming the
article and every field at fault, before any triple of it is made, so a batch can skip it.
A build reads its records twice (matching first, triples second); `CheckedSource` judges them
on the first reading and trusts the verdict on the second.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from kg.graph.literals import date_literal
from kg.vocab import terms as T
from kg.vocab.record import Actor, Event, ExtractionRecord, Mention, Place

_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_GEONAMES = re.compile(r"[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")


class RecordError(ValueError):
    """A record the graph cannot represent faithfully; the message names article and field."""

    def __init__(self, article_id: str, problems: list[str]) -> None:
        super().__init__(f"record {article_id!r}: " + "; ".join(problems))
        self.article_id = article_id
        self.problems = problems


@dataclass(frozen=True, slots=True)
class CheckedRecord:
    """A record `checked` passed: proof carried in the type, so nothing downstream checks again."""

    record: ExtractionRecord


def checked(record: ExtractionRecord | CheckedRecord) -> CheckedRecord:
    """The record as a CheckedRecord, or `RecordError` with every reason it is not one."""
    if isinstance(record, CheckedRecord):
        return record
    problems = check_record(record)
    if problems:
        raise RecordError(record.article_id, problems)
    return CheckedRecord(record)


OnError = Callable[[str, Exception], None]
RecordReader = Callable[[], Iterable[ExtractionRecord | CheckedRecord]]


class CheckedSource:
    """Records read afresh for each pass of a build, checked on the first pass only.

    The later passes read the same records in the same order (record files that nothing writes
    meanwhile), so they skip what the first pass rejected and trust the rest. A rejected record
    goes to `on_error(article_id, error)`, or raises when there is none.
    """

    def __init__(self, read: RecordReader, on_error: OnError | None = None) -> None:
        self._read = read
        self._on_error = on_error
        self._rejected: set[int] | None = None  # positions the first pass rejected

    def __call__(self) -> Iterator[CheckedRecord]:
        if self._rejected is not None:
            rejected = self._rejected
            for i, r in enumerate(self._read()):
                if i not in rejected:
                    yield r if isinstance(r, CheckedRecord) else CheckedRecord(r)
            return
        rejected = set()
        for i, r in enumerate(self._read()):
            try:
                yield checked(r)
            except RecordError as exc:
                if self._on_error is None:
                    raise
                rejected.add(i)
                self._on_error(exc.article_id, exc)
        self._rejected = rejected


def fit_records(records: Iterable[ExtractionRecord]) -> Iterator[CheckedRecord]:
    """The records that pass, the others left out unsaid (for views of what a graph would hold)."""
    for r in records:
        try:
            yield checked(r)
        except RecordError:
            continue


# --- the checks ------------------------------------------------------------------------------


def check_record(record: ExtractionRecord) -> list[str]:
    """Every reason the record cannot be turned into a faithful graph (empty if none)."""
    text = record.text
    place_ids = [pl.id for pl in record.locations]  # lists: a hostile record's ids may not hash
    actor_ids = [a.id for a in record.actors]
    p = _meta_problems(record.meta) + _duplicate_ids(record)
    for a in record.actors:
        p += _actor_problems(a, text)
    for pl in record.locations:
        p += _place_problems(pl, place_ids, text)
    for e in record.events:
        p += _event_problems(e, actor_ids, place_ids, text)
    return p


def _meta_problems(meta: dict) -> list[str]:
    p = []
    lang = meta.get("language")
    if lang is not None and not _LANG.fullmatch(str(lang)):
        p.append(f"meta.language {lang!r} is not a language tag")
    published = meta.get("published")
    if published is not None and not _real_published(str(published)):
        p.append(f"meta.published {published!r} is not a real ISO date")
    return p


def _real_published(value: str) -> bool:
    """A day, month or year that exists, or a real ISO date-time (9999-99-99 is none of them)."""
    if date_literal(value) is not None:
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.match(r"\d{4}-\d{2}-\d{2}[T ]", value))


def _duplicate_ids(record: ExtractionRecord) -> list[str]:
    p = []
    for kind, items in (("actor", record.actors), ("place", record.locations), ("event", record.events)):
        ids = [x.id for x in items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            p.append(f"duplicate {kind} ids {dupes}")
    return p


def _mention_problems(where: str, m: Mention, text: str | None) -> list[str]:
    if not (isinstance(m.start, int) and isinstance(m.end, int)) or not 0 <= m.start < m.end:
        return [f"{where}: mention offsets ({m.start}, {m.end}) are not 0 <= start < end"]
    if text is not None and m.end > len(text):
        return [f"{where}: mention ends at {m.end}, past the text's {len(text)} characters"]
    return []


def _id_problems(where: str, wikidata: str | None, country: str | None) -> list[str]:
    p = []
    if wikidata and not _WIKIDATA.fullmatch(wikidata):
        p.append(f"{where}: wikidata {wikidata!r} is not a Q-id")
    if country and not _ISO3.fullmatch(country):
        p.append(f"{where}: country {country!r} is not ISO 3166 alpha-3")
    return p


def _actor_problems(a: Actor, text: str | None) -> list[str]:
    w = f"actor {a.id!r}"
    p = [f"{w}: unknown kind {a.kind!r}"] if a.kind not in T.ACTOR_CLASS else []
    p += _id_problems(w, a.wikidata, a.country)
    for m in a.mentions:
        p += _mention_problems(w, m, text)
    return p


def _place_problems(pl: Place, place_ids: list[str], text: str | None) -> list[str]:
    w = f"place {pl.id!r}"
    p = [f"{w}: unknown kind {pl.kind!r}"] if pl.kind not in T.PLACE_KIND_CONCEPT else []
    if pl.wikidata and not _WIKIDATA.fullmatch(pl.wikidata):
        p.append(f"{w}: wikidata {pl.wikidata!r} is not a Q-id")
    if pl.geonames and not _GEONAMES.fullmatch(str(pl.geonames)):
        p.append(f"{w}: geonames {pl.geonames!r} is not a GeoNames id")
    if pl.country and not _ISO3.fullmatch(pl.country):
        p.append(f"{w}: country {pl.country!r} is not ISO 3166 alpha-3")
    p += _point_problems(w, pl)
    if pl.within is not None and pl.within not in place_ids:
        p.append(f"{w}: within {pl.within!r} is not a place of this record")
    if pl.within == pl.id:
        p.append(f"{w}: is within itself")
    if pl.geo_precision is not None and pl.geo_precision not in (1, 2, 3):
        p.append(f"{w}: geo_precision {pl.geo_precision!r} is not 1, 2 or 3")
    for m in pl.mentions:
        p += _mention_problems(w, m, text)
    return p


def _point_problems(w: str, pl: Place) -> list[str]:
    if (pl.lat is None) != (pl.lon is None):
        return [f"{w}: has only one of lat/lon"]
    if pl.lat is not None and not (
        isinstance(pl.lat, int | float)
        and isinstance(pl.lon, int | float)
        and -90 <= pl.lat <= 90
        and -180 <= pl.lon <= 180
    ):
        return [f"{w}: lat/lon ({pl.lat}, {pl.lon}) out of range"]
    return []


def _count_ok(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0)


def _event_problems(e: Event, actor_ids: list[str], place_ids: list[str], text: str | None) -> list[str]:
    w = f"event {e.id!r}"
    p = _event_value_problems(w, e)
    for ea in e.actors:
        if ea.role not in T.ROLE_PROPERTY:
            p.append(f"{w}: unknown role {ea.role!r}")
        if ea.id not in actor_ids:
            p.append(f"{w}: actor {ea.id!r} is not an actor of this record")
    for loc in e.locations:
        if loc not in place_ids:
            p.append(f"{w}: location {loc!r} is not a place of this record")
    if e.trigger.end > e.trigger.start:
        p += _mention_problems(w + " trigger", e.trigger, text)
    for m in e.mentions:
        p += _mention_problems(w, m, text)
    return p


def _event_value_problems(w: str, e: Event) -> list[str]:
    """The event's own values: its type and status, its date, its counts, its confidence."""
    p = []
    if e.type not in T.EVENT_CLASS:
        p.append(f"{w}: unknown type {e.type!r}")
    if e.status not in T.STATUS_CONCEPT:
        p.append(f"{w}: unknown status {e.status!r}")
    if e.date_precision not in T.DATE_PRECISION_CONCEPT:
        p.append(f"{w}: unknown date_precision {e.date_precision!r}")
    if e.date is not None and date_literal(e.date) is None:
        p.append(f"{w}: date {e.date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    for name in ("fatalities", "injured"):
        if not _count_ok(getattr(e, name)):
            p.append(f"{w}: {name} {getattr(e, name)!r} is not a whole number >= 0")
    if e.confidence is not None and not (isinstance(e.confidence, int | float) and 0 <= e.confidence <= 1):
        p.append(f"{w}: confidence {e.confidence!r} is not between 0 and 1")
    return p
