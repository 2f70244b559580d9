"""Exports: RDF files that read back the same in two parsers, events.csv, GraphML, the HTML view."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import RDF, Graph
from rdflib.compare import isomorphic

from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.export.rdf import write_jsonld, write_ntriples, write_turtle
from kg.export.table import COLUMNS, write_events_csv
from kg.graph.build import build_graph
from kg.graph.store import to_memory
from kg.sparql.shacl import validate
from kg.vocab.record import ExtractionRecord
from kg.vocab.terms import EVENT_CLASS

FIXTURES = Path(__file__).parent / "fixtures" / "records"
HOSTILE_AR = 'كتائب "الفجر" <script>alert(1)</script> {x}'
HOSTILE_EN = 'Brigades "Dawn" <script>\n{x}'


def records() -> list[ExtractionRecord]:
    paths = sorted(FIXTURES.glob("*.json"))
    return [ExtractionRecord.from_dict(json.loads(p.read_text("utf-8"))) for p in paths]


@pytest.fixture(scope="module")
def graph():
    return build_graph(records())


OX_FORMAT = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
}


@pytest.mark.parametrize(
    ("writer", "name", "fmt"),
    [
        (write_turtle, "g.ttl", "turtle"),
        (write_ntriples, "g.nt", "nt"),
        (write_jsonld, "g.jsonld", "json-ld"),
    ],
)
@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_rdf_files_read_back_losslessly_in_two_parsers(graph, tmp_path, writer, name, fmt, store) -> None:
    source = graph if store == "oxigraph" else to_memory(graph)
    path = writer(source, tmp_path / name)
    back = Graph().parse(path, format=fmt)
    assert isomorphic(back, to_memory(graph))
    ox = pyoxigraph.Store()
    ox.load(path=str(path), format=OX_FORMAT[fmt])
    assert len(ox) == len(graph)


def test_arabic_and_english_labels_keep_their_language_and_hostile_text(graph, tmp_path) -> None:
    back = Graph().parse(write_turtle(graph, tmp_path / "g.ttl"), format="turtle")
    labels = {
        (str(o), o.language) for o in back.objects(None, back.namespace_manager.expand_curie("rdfs:label"))
    }
    assert (HOSTILE_AR, "ar") in labels
    assert (HOSTILE_EN, "en") in labels
    assert ("سراقب", "ar") in labels and ("Saraqib", "en") in labels
    assert validate(back).conforms


def test_events_csv_has_acled_columns_and_the_right_values(graph, tmp_path) -> None:
    path = tmp_path / "events.csv"
    assert write_events_csv(graph, path) == 5
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = {"/".join(r["event_iri"].rsplit("/", 2)[-2:]): r for r in reader}
    strike = rows["fixture-saraqib-strike/e1"]
    assert strike["event_date"] == "2016-02-03"
    assert strike["time_precision"] == "1"
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["actor1"] == "Russian Aerospace Forces"
    assert strike["inter1"] == "8"
    assert strike["actor2"] == "civilians"
    assert strike["inter2"] == "7"
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["country"], strike["admin1"], strike["location"]) == ("Syria", "Idlib", "Saraqib")
    assert (strike["latitude"], strike["longitude"], strike["geo_precision"]) == ("35.8647", "36.8006", "1")
    assert strike["source"] == "وكالة اختبار"
    assert strike["notes"].startswith("شنت طائرات حربية روسية غارات")
    assert strike["fatalities"] == "7"
    assert re.fullmatch(r"SYR[0-9A-F]{8}", strike["event_id_cnty"])
    assert (strike["iso"], strike["region"], strike["year"]) == ("SYR", "Middle East", "2016")
    assert (strike["disorder_type"], strike["interaction"]) == ("Political violence", "78")
    battle = rows["fixture-saraqib-strike/e2"]
    assert (battle["event_type"], battle["sub_event_type"]) == ("Battles", "Armed clash")
    # "February 2016" in a report of 3 February: never after the report, month precision
    assert (battle["time_precision"], battle["event_date"]) == ("3", "2016-02-03")
    assert battle["fatalities"] == "0"  # ACLED writes 0 where no death is reported
    hostile = next(r for k, r in rows.items() if k.startswith("fixture-hostile"))
    assert hostile["actor1"] == HOSTILE_EN
    assert hostile["fatalities"] == "0"


def test_events_csv_from_a_plain_rdflib_graph_is_the_same(graph, tmp_path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_events_csv(graph, a)
    write_events_csv(to_memory(graph), b)
    assert a.read_bytes() == b.read_bytes()


def test_planned_events_are_not_in_events_csv(tmp_path) -> None:
    recs = records()
    for r in recs:
        for e in r.events:
            e.status = "planned"
    assert write_events_csv(build_graph(recs), tmp_path / "e.csv") == 0


def test_graphml_projection(graph, tmp_path) -> None:
    g = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    kinds = nx.get_node_attributes(g, "kind")
    assert sorted(set(kinds.values())) == ["actor", "event", "place"]
    assert sum(1 for k in kinds.values() if k == "event") == 5
    roles = {d["role"] for _, _, d in g.edges(data=True)}
    assert {"attacker", "target", "victim", "participant", "source", "place", "within"} <= roles
    labels = nx.get_node_attributes(g, "label_en")
    assert HOSTILE_EN in labels.values()


def test_plain_pyvis_view_is_offline_and_html_escapes_every_name(graph) -> None:
    from kg.export.html import render_html

    page = render_html(graph)
    assert not re.search(r'(?:src|href)="https?://', page)
    assert "<script>alert(1)" not in page
    assert "\\u003cscript\\u003ealert" not in page  # not even JSON-escaped raw markup
    assert "\\u0026lt;script\\u0026gt;alert(1)" in page
    assert "Saraqib" in page


def test_written_view_is_offline_and_never_holds_live_markup_from_names(graph, tmp_path) -> None:
    """write_html now renders kg.view's page, which keeps names as JSON data (see its tests)."""
    page = write_html(graph, tmp_path / "g.html").read_text("utf-8")
    assert not re.search(r'(?:src|href)="https?://', page)
    assert "<script>alert(1)" not in page
    assert "Saraqib" in page


def test_html_view_keeps_the_deadliest_events_when_too_many(graph) -> None:
    from kg.export.html import build_network

    net = build_network(graph, max_events=1)
    events = [n for n in net.nodes if n["group"] == "event"]
    assert [e["id"].rsplit("/", 1)[-1] for e in events] == ["e1"]  # 7 dead, the most
    assert {n["group"] for n in net.nodes} == {"event", "actor", "place"}


def test_inter_code_comes_from_the_lexicon_before_the_kind(tmp_path) -> None:
    """An actor the lexicon codes differently from its kind's default keeps the lexicon's code."""
    from kg.lexicons import load_actors
    from kg.vocab.record import Actor, Event, EventActor, Mention
    from kg.vocab.terms import ACTOR_CLASS, ONTOLOGY_PATH, interCode

    onto = Graph().parse(ONTOLOGY_PATH, format="turtle")
    default = {k: int(onto.value(c, interCode)) for k, c in ACTOR_CLASS.items()}
    entry = next(a for a in load_actors() if a.inter is not None and a.inter != default[a.kind])
    text = f"هاجم {entry.name_ar} البلدة"
    rec = ExtractionRecord(
        article_id="inter-test",
        actors=[Actor("a1", entry.name_ar, kind=entry.kind, lexicon_id=entry.id)],
        events=[Event("e1", "attack", Mention("هاجم", 0, 4), actors=[EventActor("a1", "attacker")])],
        text=text,
    )
    path = tmp_path / "events.csv"
    write_events_csv(build_graph([rec]), path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["inter1"] == str(entry.inter)


def test_actor1_is_the_first_named_attacker_and_the_rest_are_associates(tmp_path) -> None:
    from kg.vocab.record import Actor, Event, EventActor, Mention

    text = "هاجمت كتائب البرق وجماعة الأنصار مواقع الجيش"
    first, second, target = "كتائب البرق", "جماعة الأنصار", "الجيش"

    def span(s: str) -> Mention:
        return Mention(s, text.index(s), text.index(s) + len(s))

    rec = ExtractionRecord(
        article_id="order-test",
        actors=[  # listed out of text order, and the second-named sorts first by IRI
            Actor("a2", second, kind="armed_group", mentions=[span(second)]),
            Actor("a1", first, kind="armed_group", mentions=[span(first)]),
            Actor("t", target, kind="state_force", mentions=[span(target)]),
        ],
        events=[
            Event(
                "e1",
                "attack",
                span("هاجمت"),
                actors=[
                    EventActor("a2", "attacker"),
                    EventActor("a1", "attacker"),
                    EventActor("t", "target"),
                ],
            )
        ],
        text=text,
    )
    path = tmp_path / "events.csv"
    write_events_csv(build_graph([rec]), path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == (first, second, target)
    assert (row["inter1"], row["inter2"]) == ("2", "1")


def test_a_riot_is_typed_validated_and_coded_as_acled_riots(tmp_path) -> None:
    """ACLED splits demonstrations into Protests and Riots; a riot must survive the whole way."""
    recs = records()
    strike = next(r for r in recs if r.article_id == "fixture-saraqib-strike")
    strike.events[0].type = "riot"
    g = build_graph(recs)
    assert validate(g).conforms
    assert any(True for _ in g.subjects(RDF.type, EVENT_CLASS["riot"]))
    path = tmp_path / "events.csv"
    write_events_csv(g, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        riot = next(r for r in csv.DictReader(f) if r["event_iri"].endswith("fixture-saraqib-strike/e1"))
    # its victims are civilians and no state force took part: ACLED's mob violence
    assert (riot["event_type"], riot["sub_event_type"]) == ("Riots", "Mob violence")
