"""Cross-article merging: what must merge, what must stay apart, and that order never matters.

Two sets of inputs: the committed corpus tests/fixtures/merge (short Arabic articles, some
incidents told by two outlets in different words and numbers, others close in place and time)
run through the real extractor, and small hand-made records for the rules one at a time.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from kg.export.rdf import ntriples
from kg.export.table import event_rows
from kg.graph.merge import build_merged_graph, merge_state_of
from kg.vocab import terms as T
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

CORPUS = Path(__file__).parent / "fixtures" / "merge"
BASE = T.DEFAULT_BASE


def ev(aid: str, eid: str = "e1") -> str:
    return f"{BASE}event/{aid}/{eid}"


@pytest.fixture(scope="module")
def corpus_records() -> list[ExtractionRecord]:
    from kg.extract import Extractor
    from kg.ingest.inputs import iter_inputs

    ex = Extractor()
    return [ex(a) for a in iter_inputs([CORPUS])]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus_graph(corpus_records: list[ExtractionRecord]):
    return build_merged_graph(corpus_records)


def members(state, key: str) -> set[str]:
    return set(state.clusters[state.cluster_of[key]].members)


# --- the corpus, through the real extractor ---------------------------------------------------


def test_one_strike_told_by_two_outlets_is_one_event(corpus_graph) -> None:
    _, state = corpus_graph
    assert members(state, ev("m01-saraqib-north")) == {ev("m01-saraqib-north"), ev("m02-saraqib-coast")}


def test_car_bomb_told_three_ways_including_a_month_precise_date(corpus_graph) -> None:
    _, state = corpus_graph
    assert members(state, ev("m04-azaz-car-bomb")) == {
        ev("m04-azaz-car-bomb"),
        ev("m05-azaz-explosion"),
        ev("m09-azaz-month"),
    }


@pytest.mark.parametrize(
    "aid",
    [
        "m03-khan-shaykhun",  # an air strike the same day in another town
        "m06-azaz-shelling",  # the same town ten days after the car bomb
        "m07-jisr-clashes",
        "m08-saraqib-clashes",  # the same town and day as the air strike, but ground fighting
    ],
)
def test_different_incidents_close_in_place_and_time_stay_apart(corpus_graph, aid: str) -> None:
    _, state = corpus_graph
    assert members(state, ev(aid)) == {ev(aid)}


def test_merged_event_keeps_each_source_claim_and_the_conservative_roll_up(corpus_graph) -> None:
    graph, _ = corpus_graph
    event = URIRef(ev("m01-saraqib-north"))
    reports = set(graph.objects(event, T.hasReport))
    assert reports == {
        URIRef(f"{BASE}report/m01-saraqib-north/e1"),
        URIRef(f"{BASE}report/m02-saraqib-coast/e1"),
    }
    claims = {int(graph.value(r, T.fatalities)) for r in reports}
    assert claims == {7, 9}
    assert int(graph.value(event, T.fatalities)) == 7
    assert (int(graph.value(event, T.fatalitiesMin)), int(graph.value(event, T.fatalitiesMax))) == (7, 9)
    for r in reports:
        assert graph.value(r, T.reportOf) == event
    # the merged-away event IRI is gone; the canonical one has one type and every source's article
    assert (URIRef(ev("m02-saraqib-coast")), None, None) not in graph
    assert len(set(graph.objects(event, RDF.type))) == 1
    articles = {str(graph.value(a, URIRef("http://purl.org/dc/terms/identifier"))) for a in
                graph.objects(event, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))}  # fmt: skip
    assert articles == {"m01-saraqib-north", "m02-saraqib-coast"}


def test_merge_evidence_says_which_features_matched(corpus_graph) -> None:
    graph, _ = corpus_graph
    evidence = list(graph.objects(URIRef(ev("m01-saraqib-north")), T.mergeEvidence))
    assert len(evidence) == 1
    features = {str(f) for f in graph.objects(evidence[0], T.matchedFeature)}
    assert {"same_type", "same_place", "same_day"} <= features
    assert float(graph.value(evidence[0], T.mergeScore)) >= 5
    assert len(set(graph.objects(evidence[0], T.mergedReport))) == 2
    # an event told once carries no evidence
    assert (URIRef(ev("m03-khan-shaykhun")), T.mergeEvidence, None) not in graph


def test_events_csv_has_one_row_per_incident(corpus_graph) -> None:
    graph, state = corpus_graph
    rows = event_rows(graph)
    ids = [r["event_iri"] for r in rows]
    assert len(ids) == len(set(ids)) == len(state.clusters)
    saraqib = next(r for r in rows if r["event_iri"] == ev("m01-saraqib-north"))
    assert saraqib["fatalities"] == "7"


def test_merge_does_not_depend_on_input_order(corpus_records: list[ExtractionRecord]) -> None:
    first = ntriples(build_merged_graph(corpus_records)[0])
    shuffled = list(corpus_records)
    random.Random(7).shuffle(shuffled)
    assert ntriples(build_merged_graph(shuffled)[0]) == first
    assert ntriples(build_merged_graph(list(reversed(corpus_records)))[0]) == first


# --- rules one at a time, on hand-made records -----------------------------------------------

TOWNS = {
    "saraqib": ("سراقب", "gn:164816"),
    "khan": ("خان شيخون", "gn:168325"),
    "azaz": ("أعزاز", "gn:172082"),
}


def record(
    aid: str,
    events: list[dict],
    actors: list[Actor] | None = None,
    published: str = "2016-02-03",
) -> ExtractionRecord:
    places = [Place(id=f"p{i}", label_ar=n, kind="town", country="SYR", lexicon_id=lex)
              for i, (n, lex) in enumerate(TOWNS.values())]  # fmt: skip
    ids = {k: f"p{i}" for i, k in enumerate(TOWNS)}
    evs = []
    for i, e in enumerate(events):
        evs.append(
            Event(
                id=f"e{i + 1}",
                type=e.get("type", "air_strike"),
                trigger=Mention("غارة", 0, 0),
                locations=[ids[e["town"]]] if e.get("town") else [],
                date=e.get("date", "2016-02-02"),
                date_precision=e.get("precision", "day" if e.get("date", "x") else "unknown"),
                date_text=e.get("date_text"),
                fatalities=e.get("fatalities"),
                actors=[EventActor(a, r) for a, r in e.get("actors", [])],
            )
        )
    return ExtractionRecord(aid, actors=actors or [], locations=places, events=evs,
                            meta={"published": published, "outlet": aid})  # fmt: skip


def clusters(records: list[ExtractionRecord]) -> list[set[str]]:
    state = merge_state_of(records)
    return sorted((set(c.members) for c in state.clusters.values()), key=sorted)


def test_two_strikes_in_two_towns_on_one_day_stay_two() -> None:
    got = clusters([record("a", [{"town": "saraqib"}]), record("b", [{"town": "khan"}])])
    assert got == [{ev("a")}, {ev("b")}]


def test_events_of_one_article_are_never_merged_with_each_other() -> None:
    got = clusters([record("a", [{"town": "saraqib"}, {"town": "saraqib", "fatalities": 3}])])
    assert len(got) == 2


def test_dates_outside_the_window_stay_apart_and_inside_merge() -> None:
    """A night runs into the next day; two plain days (riots on consecutive days) are two."""
    near = clusters([record("a", [{"town": "azaz", "date": "2016-02-02", "date_text": "ليل الثلاثاء"}]),
                     record("b", [{"town": "azaz", "date": "2016-02-03"}])])  # fmt: skip
    next_day = clusters([record("a", [{"town": "azaz", "date": "2016-02-02"}]),
                         record("b", [{"town": "azaz", "date": "2016-02-03"}])])  # fmt: skip
    far = clusters([record("a", [{"town": "azaz", "date": "2016-02-02"}]),
                    record("b", [{"town": "azaz", "date": "2016-02-06"}])])  # fmt: skip
    assert near == [{ev("a"), ev("b")}]
    assert len(next_day) == 2
    assert len(far) == 2


def test_month_precision_is_compatible_with_any_day_in_it_only() -> None:
    month = record("b", [{"town": "azaz", "date": "2016-02", "precision": "month"}])
    inside = clusters([record("a", [{"town": "azaz", "date": "2016-02-20"}]), month])
    outside = clusters([record("a", [{"town": "azaz", "date": "2016-03-20"}]), month])
    assert inside == [{ev("a"), ev("b")}]
    assert len(outside) == 2


def test_unknown_date_merges_only_with_strong_other_evidence() -> None:
    army = Actor("x1", "الجيش السوري", "Syrian army", "state_force", "SYR", lexicon_id="syr.army")
    weak = clusters([record("a", [{"town": "azaz"}]), record("b", [{"town": "azaz", "date": None}])])
    strong = clusters([
        record("a", [{"town": "azaz", "actors": [("x1", "attacker")]}], [army]),
        record("b", [{"town": "azaz", "date": None, "actors": [("x1", "attacker")]}], [army]),
    ])  # fmt: skip
    assert len(weak) == 2
    assert strong == [{ev("a"), ev("b")}]


def test_incompatible_types_stay_apart() -> None:
    got = clusters(
        [record("a", [{"town": "saraqib"}]), record("b", [{"town": "saraqib", "type": "protest"}])]
    )
    assert len(got) == 2


def test_a_vague_report_never_joins_two_towns_into_one_incident() -> None:
    """A governorate-level report matching two towns' strikes joins at most one of them."""
    gov = Place("g", "محافظة إدلب", kind="admin1", country="SYR", lexicon_id="syr.idlib")
    vague = record("c", [])
    vague.locations.append(gov)
    vague.events = [Event("e1", "air_strike", Mention("غارة", 0, 0), locations=["g"], date="2016-02-02",
                          date_precision="day")]  # fmt: skip
    got = clusters([record("a", [{"town": "saraqib"}]), record("b", [{"town": "khan"}]), vague])
    assert not any({ev("a"), ev("b")} <= c for c in got)


def test_two_people_sharing_a_family_name_stay_apart() -> None:
    ahmad = Actor("x1", "أحمد الحسن", kind="person", country="SYR")
    muhammad = Actor("x1", "محمد الحسن", kind="person", country="SYR")
    alone = Actor("x1", "الحسن", kind="person", country="SYR")
    graph, _ = build_merged_graph([
        record("a", [], [ahmad]), record("b", [], [muhammad]), record("c", [], [alone]),
        record("d", [], [Actor("x1", "الحسن", kind="person", country="SYR")]),
    ])  # fmt: skip
    people = set(graph.subjects(RDF.type, T.ACTOR_CLASS["person"]))
    assert len(people) == 4  # a lone family name never meets another article's
    named = {
        str(o) for p in people for o in graph.objects(p, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    }
    assert named == {"أحمد الحسن", "محمد الحسن", "الحسن"}


def test_the_same_full_name_and_lexicon_actors_meet_across_articles() -> None:
    a = Actor("x1", "أحمد الحسن", kind="person", country="SYR")
    b = Actor("x9", "أحمد الحسن", kind="person", country="SYR")
    militia = Actor("x2", "لواء القدس", "Liwa al-Quds", kind="militia", country="SYR")
    group = Actor("x3", "لواء القدس", "Liwa al-Quds", kind="armed_group", country="SYR")
    graph, _ = build_merged_graph([record("a", [], [a, militia]), record("b", [], [b, group])])
    assert len(set(graph.subjects(RDF.type, T.ACTOR_CLASS["person"]))) == 1
    quds = set(
        graph.subjects(
            URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Liwa al-Quds", lang="en")
        )
    )
    assert len(quds) == 1


def test_the_merged_graph_conforms_to_the_shapes(corpus_graph) -> None:
    from kg.sparql.shacl import validate

    graph, _ = corpus_graph
    report = validate(graph)
    assert report.conforms, report.text[:3000]


def test_blocking_finds_every_pair_the_matcher_would_accept() -> None:
    """Against brute force on synthetic records with governorate-only and undated tellings."""
    from itertools import combinations

    from benchmarks.gen_records import records as synthetic
    from kg.graph.blocking import BlockIndex
    from kg.graph.match import load_rules, match
    from kg.graph.report_features import report_features

    rules = load_rules()
    recs = synthetic(300, seed=3, repeat_share=0.3)
    feats = [f for r in recs for f in report_features(r, BASE, rules.dates)]
    index = BlockIndex(rules)
    index.add_all(feats)
    accepted = {(a.key, b.key) for a, b in combinations(feats, 2) if match(a, b, rules) is not None}
    assert len(accepted) > 50
    found = {(a.key, b) for a in feats for b in index.candidates(a)}
    assert all(pair in found and pair[::-1] in found for pair in accepted)
    assert len(found) < len(feats) ** 2 / 10  # and it does prune


def test_events_csv_names_every_source_article(corpus_graph) -> None:
    graph, _ = corpus_graph
    rows = {r["event_iri"]: r for r in event_rows(graph)}
    assert rows[ev("m01-saraqib-north")]["source_articles"] == "m01-saraqib-north;m02-saraqib-coast"
    assert rows[ev("m01-saraqib-north")]["n_sources"] == "2"
    assert rows[ev("m04-azaz-car-bomb")]["n_sources"] == "3"
    assert rows[ev("m03-khan-shaykhun")]["source_articles"] == "m03-khan-shaykhun"
    assert rows[ev("m03-khan-shaykhun")]["n_sources"] == "1"
