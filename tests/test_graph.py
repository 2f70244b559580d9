"""Records to RDF: the end-to-end path, IRIs, determinism, provenance and bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV

from kg.export.rdf import ntriples
from kg.graph import iris
from kg.graph.build import add_record, build_graph
from kg.graph.check import RecordError, check_record
from kg.graph.store import new_graph
from kg.sparql.local import run_query
from kg.sparql.shacl import validate
from kg.vocab import terms as T
from kg.vocab.record import ExtractionRecord

FIXTURES = Path(__file__).parent / "fixtures" / "records"
BASE = T.DEFAULT_BASE


def load(name: str) -> ExtractionRecord:
    return ExtractionRecord.from_dict(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


def all_records() -> list[ExtractionRecord]:
    paths = sorted(FIXTURES.glob("*.json"))
    return [ExtractionRecord.from_dict(json.loads(p.read_text("utf-8"))) for p in paths]


@pytest.fixture(scope="module")
def graph():
    return build_graph(all_records())


def test_built_graph_passes_the_shapes(graph) -> None:
    report = validate(graph)
    assert report.conforms, report.text


def test_events_by_type(graph) -> None:
    _, rows = run_query(
        graph,
        """SELECT ?type (COUNT(?e) AS ?n) WHERE {
             ?e a ?cls . ?cls rdfs:subClassOf ckg:ConflictEvent ; rdfs:label ?type
             FILTER(LANG(?type) = "en") } GROUP BY ?type ORDER BY ?type""",
    )
    assert {str(t): int(n) for t, n in rows} == {
        "air strike": 1, "attack": 1, "battle": 1, "protest": 1, "arrest": 1,
    }  # fmt: skip


def test_who_attacked_whom_where(graph) -> None:
    _, rows = run_query(
        graph,
        """SELECT ?e (MIN(?a) AS ?attacker) (MIN(?t) AS ?target) (MIN(?w) AS ?where) WHERE {
             ?e ckg:hasReport [] ; ckg:attacker ?x ; ckg:target|ckg:victim ?y ; sem:hasPlace ?p .
             ?x rdfs:label ?a . ?y rdfs:label ?t . ?p rdfs:label ?w .
             FILTER(LANG(?a) = "ar" && LANG(?t) = "ar" && LANG(?w) = "en") } GROUP BY ?e""",
    )
    found = {(str(a), str(t), str(w)) for _, a, t, w in rows}
    assert len(rows) == 4  # events only: reports carry the same roles but no ckg:hasReport
    assert ("الطائرات الحربية الروسية", "مدنيين", "Saraqib") in found
    assert ("الجيش السوري", "جبهة النصرة", "Abu al-Duhur airbase") in found
    assert ("الجيش السوري", "متظاهرون", "Daraa") in found


def test_event_has_report_with_the_sources_claims_and_a_roll_up(graph) -> None:
    event = iris.event_iri(BASE, "fixture-saraqib-strike", "e1")
    report = graph.value(event, T.hasReport)
    assert (report, T.reportOf, event) in graph
    assert graph.value(report, PROV.wasDerivedFrom) == iris.article_iri(BASE, "fixture-saraqib-strike")
    for node in (event, report):
        assert graph.value(node, T.fatalities).toPython() == 7
        assert graph.value(node, T.injured).toPython() == 10
        assert graph.value(node, T.status) == T.STATUS_CONCEPT["occurred"]
        assert str(graph.value(node, T.SEM.hasTimeStamp)) == "2016-02-03"
    assert graph.value(event, T.fatalitiesMin).toPython() == 7
    assert graph.value(event, T.fatalitiesMax).toPython() == 7


def test_every_fact_traces_to_its_sentence(graph) -> None:
    _, rows = run_query(
        graph,
        """SELECT ?sentence WHERE {
             ?e a ckg:AirStrike ; ckg:trigger ?m .
             ?m nif:anchorOf ?word ; nif:sentence/nif:anchorOf ?sentence ;
                nif:referenceContext/schema:publisher/schema:name ?outlet . }""",
    )
    assert len(rows) == 1
    assert str(rows[0][0]).startswith("شنت طائرات حربية روسية غارات على بلدة سراقب")
    actor = iris.actor_iri(BASE, load("fixture-saraqib-strike").actors[0], "x")
    mentions = list(graph.objects(actor, T.GAF.denotedBy))
    assert [str(m).rsplit("#", 1)[1] for m in mentions] == ["char=4,22"]
    assert (mentions[0], T.NIF.anchorOf, Literal("طائرات حربية روسية")) in graph


def test_places_have_points_kinds_and_transitive_containment(graph) -> None:
    _, rows = run_query(
        graph,
        """SELECT ?wkt ?country WHERE {
             ?p rdfs:label "Saraqib"@en ; geo:hasGeometry/geo:asWKT ?wkt ;
                ckg:placeKind placekind:town ; ckg:within+ ?c .
             ?c ckg:placeKind placekind:country ; rdfs:label ?country FILTER(LANG(?country) = "en") }""",
    )
    assert [(str(w), str(c)) for w, c in rows] == [("POINT(36.8006 35.8647)", "Syria")]
    syria = iris.place_iri(BASE, load("fixture-saraqib-strike").locations[2], "x")
    assert (syria, T.OWL.sameAs, T.WD.Q858) in graph


def test_same_named_actor_in_two_articles_is_one_node(graph) -> None:
    """«الجيش السوري» and the diacritised «الجَيْش السوري» of another article fold together."""
    armies = {
        s for s in graph.subjects(RDF.type, T.ACTOR_CLASS["state_force"])
        if any("السوري" in str(label) for label in graph.objects(s, T.RDFS.label))
    }  # fmt: skip
    assert len(armies) == 1
    sources = set(graph.objects(armies.pop(), PROV.wasDerivedFrom))
    assert len(sources) == 2


def test_two_builds_give_identical_ntriples_whatever_the_record_order() -> None:
    records = all_records()
    first = ntriples(build_graph(records))
    again = ntriples(build_graph(list(reversed(all_records()))))
    assert first == again
    assert b"_:" not in first  # nothing left anonymous


def test_base_is_configurable_and_checked() -> None:
    g = build_graph([load("fixture-short-form")], base="http://example.org/kg/", ontology=False)
    subjects = {str(s) for s in g.subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith("http://example.org/kg/") for s in subjects)
    with pytest.raises(ValueError, match="must be an absolute IRI"):
        build_graph([], base="not a base")


@pytest.mark.parametrize("text", ['a"b', "<script>x</script>", "{x}", "a b\nc", "x|y^z`\\", "%41", ".."])
def test_slugs_never_hold_characters_that_break_rdf(text: str) -> None:
    s = iris.slug(text)
    assert not set(s) & set('<>"{}|^`\\ \n\t')
    assert s not in (".", "..")
    assert iris.slug(text) == s


def test_long_names_are_cut_but_stay_distinct() -> None:
    a, b = iris.slug("ب" * 200 + "1"), iris.slug("ب" * 200 + "2")
    assert a != b and len(a) <= iris.MAX_SLUG and len(b) <= iris.MAX_SLUG


def test_date_precision_never_claims_more_than_the_date_says(graph) -> None:
    protest = iris.event_iri(BASE, "fixture-short-form", "z1")  # date "2016", stated "day"
    assert graph.value(protest, T.datePrecision) == T.DATE_PRECISION_CONCEPT["year"]
    assert graph.value(protest, T.SEM.hasTimeStamp).datatype == T.XSD.gYear


def test_a_bad_record_is_refused_whole_with_the_reasons() -> None:
    bad = load("fixture-saraqib-strike")
    bad.events[0].type = "massacre"
    bad.events[0].fatalities = -1
    bad.events[0].actors[0].id = "nobody"
    bad.locations[0].lat = 123.0
    problems = check_record(bad)
    assert len(problems) == 4
    g = new_graph()
    with pytest.raises(RecordError, match=r"fixture-saraqib-strike.*massacre"):
        add_record(g, bad)
    assert len(g) == 0


def test_mentions_outside_the_text_are_refused() -> None:
    rec = load("fixture-saraqib-strike")
    rec.actors[0].mentions[0].end = len(rec.text or "") + 5
    with pytest.raises(RecordError, match="past the text"):
        add_record(new_graph(), rec)


def test_a_named_persons_stated_office_is_kept() -> None:
    record = load(sorted(p.stem for p in FIXTURES.glob("*.json"))[0])
    person = record.actors[0]
    person.kind, person.office_ar, person.office_en = "person", "وزير الدفاع", "minister of defence"
    g = build_graph([record])
    node = iris.actor_iri(BASE, person, record.article_id)
    titles = set(g.objects(node, T.SCHEMA.jobTitle))
    assert Literal("وزير الدفاع", lang="ar") in titles
    assert Literal("minister of defence", lang="en") in titles
    assert validate(g).conforms
