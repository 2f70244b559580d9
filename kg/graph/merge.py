"""One graph from many articles: the same incident told by several outlets becomes one event.

Work is split so each part is small and testable: `resolve` gives actors and places one node
across articles, `report_features` reduces each article's event to what matching needs, `blocking`
finds candidate pairs by place and date, `match` scores a pair, `cluster` turns pairs into
incidents. This module keeps that state (`MergeState`) and turns it into triples.

The graph is two layers:
- the record layer: everything the builder (kg.graph.build) says about one record except the
  triples that touch its events' IRIs — articles, spans, actors, places and each EventReport
  with its source's claims. It only ever grows as articles are added. The builder's emitters
  put each triple in its layer as they make it (`record_layers`).
- the incident layer: for each cluster, the event node (IRI: the smallest member event IRI, so the
  input order never matters), `hasReport`/`reportOf` for every report, every source's mentions,
  and when more than one report: the roll-up of their claims and a MergeEvidence node per join.
  Every triple of it touches the event's IRI or its evidence nodes, so a cluster's layer can be
  deleted exactly when the cluster changes.

A single-report event comes out exactly as the builder makes it. The roll-up of a merged event:
the most reported type (ties: the order of kg.vocab.record.EVENT_TYPES); "occurred" if any report says
so (else the first status in kg.vocab.record.STATUSES order); the earliest date at the finest precision
given; the lowest fatality and injury figures (ACLED's conservative rule) with the min/max range;
the highest confidence and the finest geo precision; every actor in every role and every place
any report names. Each source's own claims stay on its EventReport.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.graph import iris
from kg.graph.blocking import BlockIndex
from kg.graph.build import RecordLayers, add_ontology, record_layers
from kg.graph.check import CheckedRecord, CheckedSource, OnError, RecordReader, checked
from kg.graph.cluster import Cluster, cluster_component, components
from kg.graph.literals import date_literal, date_precision, decimal_literal
from kg.graph.match import DATE_PRECISION, Match, MatchRules, load_rules, match, pieces
from kg.graph.report_features import ReportFeatures, report_features
from kg.graph.store import Triple, add_triples, new_graph
from kg.vocab import terms as T
from kg.vocab.record import DATE_PRECISIONS, EVENT_TYPES, STATUSES, Event, ExtractionRecord
from kg.vocab.terms import DEFAULT_BASE, SEM

# Event-level triples a merged event states once, as the roll-up, instead of once per report.
ROLLUP_PREDICATES: frozenset[URIRef] = frozenset(
    {
        RDF.type,
        RDFS.label,
        T.status,
        SEM.hasTimeStamp,
        T.datePrecision,
        T.dateText,
        T.fatalities,
        T.injured,
        T.confidence,
        T.geoPrecision,
        T.fatalitiesMin,
        T.fatalitiesMax,
        SEM.hasPlace,
        T.mainPlace,
        *T.ROLE_PROPERTY.values(),
    }
)


@dataclass
class MergeState:
    """Everything needed to match new reports against the ones already merged."""

    base: str = DEFAULT_BASE
    features: dict[str, ReportFeatures] = field(default_factory=dict)
    edges: dict[str, dict[str, Match]] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)  # canonical key -> cluster
    cluster_of: dict[str, str] = field(default_factory=dict)  # member key -> canonical key
    apart: dict[str, frozenset[int]] = field(default_factory=dict)  # key -> split groups
    splits: list[tuple[str, ...]] = field(default_factory=list)  # report keys a user split apart
    rules: MatchRules = field(default_factory=load_rules)
    _index: BlockIndex | None = field(default=None, repr=False)

    @property
    def index(self) -> BlockIndex:
        if self._index is None:
            self._index = BlockIndex(self.rules)
            self._index.add_all(self.features[k] for k in sorted(self.features))
        return self._index

    def __getstate__(self) -> dict:
        d = dict(self.__dict__)
        d["_index"] = None  # rebuilt on demand: cheaper to rebuild than to store
        d.pop("rules", None)
        return d

    def __setstate__(self, d: dict) -> None:
        self.__dict__.update(d)
        self.rules = load_rules()


@dataclass
class Change:
    """What an addition or split did to the incidents: clusters gone, clusters made."""

    removed: list[Cluster] = field(default_factory=list)
    added: list[Cluster] = field(default_factory=list)

    @property
    def merged(self) -> list[Cluster]:
        return [c for c in self.added if len(c.members) > 1]


def _recluster(state: MergeState, touched: Iterable[str]) -> Change:
    change = Change()
    article = {k: f.article for k, f in state.features.items()}
    feats, rules = state.features, state.rules

    def one_incident(x: str, y: str) -> bool:
        return pieces(feats[x], feats[y], rules)

    for comp in components(touched, state.edges):
        old = sorted({state.cluster_of[k] for k in comp if k in state.cluster_of})
        change.removed += [state.clusters.pop(c) for c in old]
        for cl in cluster_component(comp, state.edges, article, state.apart, one_incident):
            state.clusters[cl.canonical] = cl
            for m in cl.members:
                state.cluster_of[m] = cl.canonical
            change.added.append(cl)
    # a cluster that comes back unchanged is neither removed nor added
    before, after = set(change.removed), set(change.added)
    change.removed = [c for c in change.removed if c not in after]
    change.added = [c for c in change.added if c not in before]
    return change


def add_features(state: MergeState, new: Iterable[ReportFeatures]) -> Change:
    """Match new reports against everything held and recluster only what they touch."""
    fresh = [f for f in new if f.key not in state.features]
    for f in fresh:
        state.features[f.key] = f
        state.index.add(f)
    for f in sorted(fresh, key=lambda x: x.key):
        for other in sorted(state.index.candidates(f)):
            g = state.features[other]
            if g.article == f.article or other in state.edges.get(f.key, {}):
                continue
            m = match(f, g, state.rules)
            if m is not None:
                state.edges.setdefault(f.key, {})[other] = m
                state.edges.setdefault(other, {})[f.key] = m
    return _recluster(state, [f.key for f in fresh])


def split_cluster(state: MergeState, canonical: str) -> Change:
    """Undo a merge for good: its reports may never be merged with each other again."""
    cl = state.clusters.get(canonical)
    if cl is None or len(cl.members) < 2:
        raise KeyError(canonical)
    group = len(state.splits)
    state.splits.append(cl.members)
    for m in cl.members:
        state.apart[m] = state.apart.get(m, frozenset()) | {group}
    return _recluster(state, cl.members)


def new_state(base: str = DEFAULT_BASE, splits: Iterable[Iterable[str]] = ()) -> MergeState:
    state = MergeState(base=base)
    for group, members in enumerate(splits):
        members = tuple(sorted(members))
        state.splits.append(members)
        for m in members:
            state.apart[m] = state.apart.get(m, frozenset()) | {group}
    return state


# --- triples --------------------------------------------------------------------------------


def event_key(base: str, article_id: str, event_id: str) -> str:
    return str(iris.event_iri(base, article_id, event_id))


@dataclass(frozen=True)
class Claims:
    """One report's claims, as node IRIs, for the roll-up of a merged event."""

    key: str
    type: str
    status: str
    date: str | None
    precision: str
    date_text: str | None
    fatalities: int | None
    injured: int | None
    confidence: float | None
    geo_precision: int | None
    roles: frozenset[tuple[str, URIRef]]
    places: frozenset[URIRef]
    main_place: URIRef | None = None


def event_claims(record: ExtractionRecord, e: Event, base: str) -> Claims:
    aid = record.article_id
    actor = {a.id: iris.actor_iri(base, a, aid) for a in record.actors}
    place = {p.id: iris.place_iri(base, p, aid) for p in record.locations}
    geo = [p.geo_precision for p in record.locations if p.id in e.locations and p.geo_precision is not None]
    return Claims(
        key=event_key(base, aid, e.id),
        type=e.type,
        status=e.status,
        date=e.date,
        precision=date_precision(e.date, e.date_precision),
        date_text=e.date_text,
        fatalities=e.fatalities,
        injured=e.injured,
        confidence=e.confidence,
        geo_precision=min(geo) if geo else None,
        roles=frozenset((ea.role, actor[ea.id]) for ea in e.actors if ea.id in actor),
        places=frozenset(place[p] for p in e.locations if p in place),
        main_place=place.get(e.locations[0]) if e.locations else None,
    )


def rollup_triples(event: URIRef, claims: list[Claims], label: Iterable[Triple]) -> Iterator[Triple]:
    """The merged event's own statements: see the module docstring for the rules."""
    types = Counter(c.type for c in claims)
    best_type = min(types, key=lambda t: (-types[t], EVENT_TYPES.index(t)))
    yield event, RDF.type, T.EVENT_CLASS[best_type]
    statuses = {c.status for c in claims}
    yield event, T.status, T.STATUS_CONCEPT[min(statuses, key=STATUSES.index)]
    dated = [c for c in claims if c.date]
    if dated:
        finest = min((c.precision for c in dated), key=DATE_PRECISIONS.index)
        chosen = min(c.date.strip() for c in dated if c.precision == finest)  # type: ignore[union-attr]
        yield event, SEM.hasTimeStamp, date_literal(chosen)  # type: ignore[misc]
        yield event, T.datePrecision, T.DATE_PRECISION_CONCEPT[finest]
        for c in dated:
            if c.date_text and c.date.strip() == chosen:  # type: ignore[union-attr]
                yield event, T.dateText, Literal(c.date_text, lang="ar")
    else:
        yield event, T.datePrecision, T.DATE_PRECISION_CONCEPT["unknown"]
        for c in claims:
            if c.date_text:
                yield event, T.dateText, Literal(c.date_text, lang="ar")
    deaths = [c.fatalities for c in claims if c.fatalities is not None]
    if deaths:
        yield event, T.fatalities, Literal(min(deaths))
        yield event, T.fatalitiesMin, Literal(min(deaths))
        yield event, T.fatalitiesMax, Literal(max(deaths))
    hurt = [c.injured for c in claims if c.injured is not None]
    if hurt:
        yield event, T.injured, Literal(min(hurt))
    geo = [c.geo_precision for c in claims if c.geo_precision is not None]
    if geo:  # the most precise location any report gives
        yield event, T.geoPrecision, Literal(min(geo))
    conf = [c.confidence for c in claims if c.confidence is not None]
    if conf:
        yield event, T.confidence, decimal_literal(max(conf))
    for c in claims:
        for role, actor in c.roles:
            yield event, T.ROLE_PROPERTY[role], actor
        for place in c.places:
            yield event, SEM.hasPlace, place
        if c.main_place is not None:
            yield event, T.mainPlace, c.main_place
    yield from label


def evidence_triples(event: URIRef, cluster: Cluster, base: str) -> Iterator[Triple]:
    for a, b, m in cluster.evidence:
        ev = iris.evidence_iri(base, a, b)
        yield event, T.mergeEvidence, ev
        yield ev, RDF.type, T.MergeEvidence
        for key in (a, b):
            yield ev, T.mergedReport, URIRef(iris.report_key(key, base))
        for name in m.features:
            yield ev, T.matchedFeature, Literal(name)
            if name in DATE_PRECISION:  # the precision the two reports' dates agreed at
                yield ev, T.datePrecision, T.DATE_PRECISION_CONCEPT[DATE_PRECISION[name]]
        yield ev, T.mergeScore, decimal_literal(m.score)


def cluster_triples(
    cluster: Cluster, raw: dict[str, list[Triple]], claims: dict[str, Claims], base: str
) -> Iterator[Triple]:
    """The incident layer of one cluster, from its members' raw triples and claims."""
    event = URIRef(cluster.canonical)
    if len(cluster.members) == 1:
        yield from raw[cluster.canonical]
        return
    label: list[Triple] = []
    for key in cluster.members:
        src = URIRef(key)
        for s, p, o in raw[key]:
            s2 = event if s == src else s
            o2 = event if o == src else o
            if s2 == event and p in ROLLUP_PREDICATES:
                if p == RDFS.label and key == cluster.canonical:
                    label.append((s2, p, o2))
                continue
            yield s2, p, o2  # type: ignore[misc]
    yield from rollup_triples(event, [claims[k] for k in cluster.members], label)
    yield from evidence_triples(event, cluster, base)


def cluster_iris(cluster: Cluster, base: str) -> list[URIRef]:
    """Every node only this cluster's incident layer mentions: delete triples touching these."""
    return [URIRef(cluster.canonical)] + [iris.evidence_iri(base, a, b) for a, b, _ in cluster.evidence]


# --- whole graphs ------------------------------------------------------------------------


def merge_state_of(
    records: Iterable[CheckedRecord | ExtractionRecord],
    base: str = DEFAULT_BASE,
    splits: Iterable[Iterable[str]] = (),
) -> MergeState:
    """Match and cluster every report of `records` (pass one of a build)."""
    state = new_state(base, splits)
    rules = state.rules
    feats: list[ReportFeatures] = []
    for r in records:
        feats.extend(report_features(checked(r).record, base, rules.dates))
    add_features(state, feats)
    return state


def merged_triples(
    records: Iterable[CheckedRecord | ExtractionRecord], state: MergeState
) -> Iterator[Triple]:
    """Pass two: every record's triples with each event put in its cluster.

    Singleton events stream straight out; members of merged clusters are held (their raw
    incident triples and claims only) until the cluster's last member has been seen.
    """
    base = state.base
    pending: dict[str, dict[str, list[Triple]]] = {}
    pending_claims: dict[str, dict[str, Claims]] = {}
    for one in records:
        record = checked(one)
        layers: RecordLayers = record_layers(record, base)
        yield from layers.record
        by_key = {event_key(base, record.record.article_id, e.id): e for e in record.record.events}
        for key, triples in layers.events.items():
            canonical = state.cluster_of.get(key, key)
            cl = state.clusters.get(canonical)
            if cl is None or len(cl.members) == 1:
                yield from triples
                continue
            pending.setdefault(canonical, {})[key] = triples
            pending_claims.setdefault(canonical, {})[key] = event_claims(record.record, by_key[key], base)
            if len(pending[canonical]) == len(cl.members):
                yield from cluster_triples(cl, pending.pop(canonical), pending_claims.pop(canonical), base)
    # clusters whose records did not all come this pass (the state was made from more): emit what we have
    for canonical, raw in sorted(pending.items()):
        cl = state.clusters[canonical]
        present = tuple(k for k in cl.members if k in raw)
        sub = Cluster(present[0], present, tuple(e for e in cl.evidence if e[0] in raw and e[1] in raw))
        yield from cluster_triples(sub, raw, pending_claims[canonical], base)


def build_merged_graph(
    records: Iterable[ExtractionRecord] | RecordReader,
    base: str = DEFAULT_BASE,
    graph: Graph | None = None,
    splits: Iterable[Iterable[str]] = (),
    on_error: OnError | None = None,
) -> tuple[Graph, MergeState]:
    """A full build: the ontology plus every record, incidents merged across articles.

    `records` may be a callable returning a fresh iterable, so a large corpus is read twice
    from disk instead of held in memory. Each record is checked on the first reading; a bad one
    goes to `on_error(article_id, error)` (or raises when there is none) and is left out.
    """
    read: RecordReader = records if callable(records) else (lambda rs=list(records): rs)
    source = CheckedSource(read, on_error)
    iris.check_base(base)
    state = merge_state_of(source(), base, splits)
    if graph is None:
        graph = new_graph()
    add_ontology(graph)
    add_triples(graph, merged_triples(source(), state))
    return graph, state
