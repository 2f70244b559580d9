"""What the event matcher needs to know about one article's report of an event, and nothing more.

Matching runs on these small frozen values rather than on records or the graph, so that a
store can keep the features of every report it holds (a few hundred bytes each) and match new
articles against them without reading old records again. Every value is a plain string, int or
frozenset, so the features pickle compactly and compare exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from kg.arabic.clitics import WA, without_conjunction
from kg.arabic.normalise import norm
from kg.graph import iris
from kg.graph.hierarchy import place_ancestors
from kg.graph.literals import date_precision
from kg.graph.report_places import Point, event_places
from kg.vocab.record import Event, ExtractionRecord

T_ = TypeVar("T_")


@dataclass(frozen=True, slots=True)
class DateRules:
    undated_lookback_days: int = 2
    week_half_width: int = 3
    evening_words: frozenset[str] = frozenset()  # folded words of an evening/night date phrase
    early_words: frozenset[str] = frozenset()  # ... of a small-hours one


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    key: str  # the event IRI the builder gives this article's event: unique, and sortable
    report: str  # the report IRI
    article: str
    type: str
    places: frozenset[str]  # the most specific places the report names
    ancestors: tuple[tuple[str, frozenset[str]], ...]  # (place, every place containing it)
    kinds: tuple[tuple[str, str], ...]  # (place, kind) for places and ancestors
    lo: int | None  # first and last day the report's date allows, as ordinals
    hi: int | None
    precision: str  # day/week/month/year, or "unknown" (then lo/hi come from publication)
    actors: frozenset[str]  # named actors (not civilians, not the source of the report)
    attackers: frozenset[str]
    fatalities: int | None
    # Finer date and place facts (defaults: what a state written before them reads back as).
    half: tuple[int, int] | None = None  # a day-precise date in half days: 2*ordinal (+1 evening)
    primary: Point | None = None  # the most precise place with a point: distances are taken here
    names: tuple[tuple[str, str], ...] = ()  # (place, folded name) for spelling variants
    countries: frozenset[str] = frozenset()  # ISO codes of the countries its places lie in
    country_only: bool = False  # every place it names is a whole country
    published: int | None = None  # its article's publication day, as an ordinal
    held_by: frozenset[str] = frozenset()  # folded names of the places holding the primary

    def up(self, place: str) -> frozenset[str]:
        for p, anc in self.ancestors:
            if p == place:
                return anc
        return frozenset()

    def kind(self, place: str) -> str | None:
        for p, k in self.kinds:
            if p == place:
                return k
        return None


_SHARED: dict = {}


def _shared(value: T_) -> T_:
    """One copy of each place IRI, kind and place set, however many reports hold it: a store of
    100k articles keeps 200k reports' features in memory, and most of them repeat."""
    if len(_SHARED) > 2_000_000:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)  # type: ignore[no-any-return]


def date_span(value: str | None, precision: str, rules: DateRules) -> tuple[int, int] | None:
    """The days an ISO day/month/year date allows, given how precise the report says it is."""
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) == 10:
            d = date.fromisoformat(v)
            if precision == "week":
                w = rules.week_half_width
                return (d - timedelta(days=w)).toordinal(), (d + timedelta(days=w)).toordinal()
            if precision == "month":
                return _month(d.year, d.month)
            if precision == "year":
                return date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
            return d.toordinal(), d.toordinal()
        if len(v) == 7:
            return _month(int(v[:4]), int(v[5:7]))
        if len(v) == 4:
            return date(int(v), 1, 1).toordinal(), date(int(v), 12, 31).toordinal()
    except ValueError:
        return None
    return None


def _month(year: int, month: int) -> tuple[int, int]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first.toordinal(), nxt.toordinal() - 1


def half_span(d: int, date_text: str | None, rules: DateRules) -> tuple[int, int]:
    """A day-precise date as half days: the day itself, the evening and the small hours after it
    for an evening or night phrase, or the night before for a small-hours one. «ليل الثلاثاء»
    and a Wednesday meet; a Tuesday and a Wednesday do not."""
    words = {without_conjunction(w, WA) if len(w) > 3 else w for w in norm(date_text or "").split()}
    if words & rules.early_words:
        return 2 * d - 1, 2 * d
    if words & rules.evening_words:
        return 2 * d + 1, 2 * d + 2
    return 2 * d, 2 * d + 1


def report_features(
    record: ExtractionRecord, base: str, rules: DateRules | None = None
) -> list[ReportFeatures]:
    """Features of every event of one record, in record order."""
    rules = rules or DateRules()
    aid = record.article_id
    place_iri = {p.id: _shared(str(iris.place_iri(base, p, aid))) for p in record.locations}
    place_kind = {place_iri[p.id]: _shared(p.kind) for p in record.locations}
    ancestry = {
        _shared(str(k)): {_shared(str(a)): _shared(kd) for a, kd in v.items()}
        for k, v in place_ancestors(record, base).items()
    }
    actor = {a.id: a for a in record.actors}
    actor_iri = {a.id: _shared(str(iris.actor_iri(base, a, aid))) for a in record.actors}
    published = date_span((record.meta.get("published") or "")[:10] or None, "day", rules)
    ctx = (place_iri, place_kind, ancestry, actor, actor_iri, published)
    return [_event_features(record, e, base, rules, *ctx) for e in record.events]


def _event_date(e: Event, rules: DateRules, published: tuple[int, int] | None):
    """(lo, hi, precision, half): the days the report's date allows; an undated report's are
    the `undated_lookback_days` up to its article's publication, with precision "unknown"."""
    precision = date_precision(e.date, e.date_precision)  # a checked record: a known precision
    span = date_span(e.date, precision, rules) if precision != "unknown" else None
    if span is None:
        if published is None:
            return None, None, "unknown", None
        return published[0] - rules.undated_lookback_days, published[1], "unknown", None
    half = half_span(span[0], e.date_text, rules) if precision == "day" else None
    return span[0], span[1], precision, half


def _event_features(
    record: ExtractionRecord,
    e: Event,
    base: str,
    rules: DateRules,
    place_iri: dict[str, str],
    place_kind: dict[str, str],
    ancestry: dict[str, dict[str, str]],
    actor: dict,
    actor_iri: dict[str, str],
    published: tuple[int, int] | None,
) -> ReportFeatures:
    aid = record.article_id
    named = {place_iri[p] for p in e.locations if p in place_iri}
    # the most specific: those no other named place of the event lies within
    within_other = {a for p in named for a in ancestry.get(p, {}) if a in named and a != p}
    specific = frozenset(named - within_other) or frozenset(named)
    anc = _shared(tuple(sorted((p, _shared(frozenset(ancestry.get(p, {})))) for p in specific)))
    kinds: dict[str, str] = {}
    for p in specific:
        kinds[p] = place_kind.get(p, "other")
        for a, k in ancestry.get(p, {}).items():
            kinds.setdefault(a, k)
    lo, hi, precision, half = _event_date(e, rules, published)
    where = event_places(record, e, place_iri, specific)
    named_actors = {
        actor_iri[ea.id]
        for ea in e.actors
        if ea.id in actor and ea.role != "source" and actor[ea.id].kind != "civilians"
    }
    # an attacker known only in this article («انتحاري», a suicide bomber) is not a different
    # attacker from another outlet's named group: only actors two articles can share count
    local = iris.local_actor_prefix(base)
    attackers = {
        actor_iri[ea.id]
        for ea in e.actors
        if ea.id in actor and ea.role == "attacker" and not actor_iri[ea.id].startswith(local)
    }
    return ReportFeatures(
        key=str(iris.event_iri(base, aid, e.id)),
        report=str(iris.report_iri(base, aid, e.id)),
        article=aid,
        type=e.type,
        places=_shared(specific),
        ancestors=anc,
        kinds=_shared(tuple(sorted(kinds.items()))),
        lo=lo,
        hi=hi,
        precision=precision,
        actors=_shared(frozenset(named_actors)),
        attackers=_shared(frozenset(attackers)),
        fatalities=e.fatalities,
        half=half,
        primary=where.primary,
        names=_shared(where.names),
        countries=_shared(where.countries),
        country_only=where.country_only,
        published=published[0] if published else None,
        held_by=_shared(where.container_names),
    )
