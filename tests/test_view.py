"""The view's projection, layout, page and GEXF, checked without a browser (see
test_view_browser.py for the page in Chromium)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg.export.gexf import to_gexf_graph, write_gexf
from kg.graph.build import build_graph
from kg.view import page as page_mod
from kg.view import project as project_mod
from kg.view.layout import layout
from kg.view.page import build_page, write_view
from kg.view.project import project, safe_url
from kg.vocab.record import ExtractionRecord

FIXTURES = Path(__file__).parent / "fixtures" / "records"


def _records() -> list[ExtractionRecord]:
    return [
        ExtractionRecord.from_dict(json.loads(p.read_text("utf-8"))) for p in sorted(FIXTURES.glob("*.json"))
    ]


@pytest.fixture(scope="module")
def graph():
    return build_graph(_records())


@pytest.fixture(scope="module")
def view(graph):
    return project(graph)


def _node(view, **match):
    return next(d for _, d in view.nodes(data=True) if all(d.get(k) == v for k, v in match.items()))


def test_projection_keeps_events_actors_places_and_roles(view) -> None:
    kinds = [d["kind"] for _, d in view.nodes(data=True)]
    assert (kinds.count("event"), kinds.count("actor"), kinds.count("place")) == (5, 8, 6)
    roles = sorted(k for _, _, k in view.edges(keys=True))
    assert roles.count("within") == 3 and roles.count("source") == 1 and roles.count("place") == 5


def test_event_carries_its_tooltip_facts(view) -> None:
    strike = _node(view, kind="event", type="air_strike")
    assert (strike["date"], strike["status"], strike["fatalities"], strike["injured"]) == (
        "2016-02-03",
        "occurred",
        7,
        10,
    )
    (source,) = strike["sources"]
    assert source["outlet"] == "وكالة اختبار" and source["url"] == "https://example.org/news/1?a=1&b=2"
    assert any(s.startswith("شنت طائرات حربية روسية") for s in source["sentences"])
    assert strike["countries"] == ["SYR"]


def test_actor_and_place_facts(view) -> None:
    russia = _node(view, label_en="Russian Aerospace Forces")
    assert (russia["wikidata"], russia["country"], russia["events"], russia["fatalities"]) == (
        "Q2380986",
        "RUS",
        1,
        7,
    )
    sohr = _node(view, label_en="Syrian Observatory for Human Rights")
    assert (sohr["events"], sohr["reports"]) == (0, 1)  # it told of the strike; it did not take part
    saraqib = _node(view, label_en="Saraqib")
    assert [view.nodes[p]["label_en"] for p in saraqib["parents"]] == ["Idlib", "Syria"]
    assert (saraqib["lat"], saraqib["lon"]) == (35.8647, 36.8006)
    idlib = _node(view, label_en="Idlib")
    assert idlib["events"] == 2  # the strike in Saraqib and the battle at the airbase roll up


def test_only_http_links_survive(view) -> None:
    hostile = _node(view, kind="event", type="attack")
    assert hostile["sources"][0]["url"] == ""  # the fixture's "javascript:alert(1) <x>"
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("javascript:alert(1)") == safe_url("data:text/html,x") == safe_url("http://a b") == ""


def test_plain_rdflib_graph_projects_the_same(graph, view) -> None:
    memory = Graph()
    for t in graph:
        memory.add(t)
    again = project(memory)
    assert sorted(again.nodes) == sorted(view.nodes)
    assert sorted(again.edges(keys=True)) == sorted(view.edges(keys=True))
    assert again.nodes[next(iter(view.nodes))] == view.nodes[next(iter(view.nodes))]


def test_page_is_self_contained_and_escapes_text(view) -> None:
    html = build_page(view)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)  # no stylesheet fetches either
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script>alert(1)</script>" not in html  # the fixture's hostile actor name, never raw
    data = re.search(r'<script type="application/json" id="ckg-data">(.*?)</script>', html, re.S).group(1)
    info = json.loads(data)["info"]
    assert any(d["ar"] == 'كتائب "الفجر" <script>alert(1)</script> {x}' for d in info)  # intact as data
    nodes = json.loads(re.search(r"var nodes = new vis.DataSet\((.*?)\);\n", html, re.S).group(1))
    assert len(nodes) == view.number_of_nodes() and all(n["hidden"] is False for n in nodes)
    assert {"x", "y", "text", "shape", "color", "value"} <= set(nodes[0])
    assert not any("label" in n for n in nodes)  # vis-network draws no label: labels.js places them


def test_labels_are_arabic_then_english(view) -> None:
    nodes, _, _ = page_mod.page_data(view)
    labels = {n["text"] for n in nodes}
    assert "سراقب\nSaraqib" in labels
    assert "غارة جوية\nair strike\n2016-02-03" in labels


def test_edges_carry_no_label_until_the_page_asks(view) -> None:
    """Edge labels are shown only for the hovered or selected node (see the browser tests)."""
    _, edges, _ = page_mod.page_data(view)
    assert edges and all("label" not in e and e["role"] for e in edges)


def test_event_type_other_has_the_event_label_not_the_actor_one(view) -> None:
    labels = project_mod.type_labels()
    assert labels["event"]["other"]["en"] != labels["actor"]["other"]["en"]
    assert "actor" not in labels["event"]["other"]["en"]


def test_rank_puts_busy_deadly_nodes_first(view) -> None:
    ranked = sorted(view.nodes, key=lambda n: -page_mod.rank(view.nodes[n]))
    top = view.nodes[ranked[0]]
    assert top["kind"] != "event" and top["events"] == max(
        d.get("events", 0) for _, d in view.nodes(data=True) if d["kind"] != "event"
    )


def test_map_carries_borders_near_the_places(view) -> None:
    _, _, data = page_mod.page_data(view)
    names = {c[1] for c in data["geo"]["borders"]}
    assert {"Syria", "Turkey", "Iraq"} <= names and "Australia" not in names
    assert all(len(ring) >= 6 for c in data["geo"]["borders"] for ring in c[2])
    assert "Natural Earth" in data["geo"]["source"]


def test_layout_places_every_node_apart_and_separates_components(view) -> None:
    pos = layout(view)
    assert set(pos) == set(view.nodes)
    assert len(set(pos.values())) == len(pos)
    boxes = []
    for comp in nx.weakly_connected_components(view):
        xs, ys = [pos[n][0] for n in comp], [pos[n][1] for n in comp]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], "components overlap"


def test_layout_of_a_big_component_is_spread_out() -> None:
    g = (
        nx.random_labeled_tree(2000, seed=3)
        if hasattr(nx, "random_labeled_tree")
        else nx.random_tree(2000, seed=3)
    )
    g = nx.relabel_nodes(g, str)
    pos = layout(g)
    xy = sorted(pos.values())
    assert len(set(xy)) == 2000
    edge = [((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5 for a, b in g.edges()]
    span = max(p[0] for p in xy) - min(p[0] for p in xy)
    assert span > 10 * sorted(edge)[len(edge) // 2]  # not collapsed onto a point


def test_write_view_from_rdf(graph, tmp_path) -> None:
    out = write_view(graph, tmp_path / "sub" / "graph.html")
    assert out.exists() and out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_gexf_round_trip_with_gephi_viz(view, tmp_path) -> None:
    path = write_gexf(view, tmp_path / "graph.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == view.number_of_nodes()
    assert back.number_of_edges() == view.number_of_edges()
    strike = next(d for _, d in back.nodes(data=True) if d.get("type") == "air_strike")
    assert strike["label"] == "غارة جوية / air strike" and strike["fatalities"] == 7
    assert strike["viz"]["color"] == {"r": 230, "g": 126, "b": 34, "a": 1.0}
    assert "position" in strike["viz"]


def test_gexf_drops_characters_xml_cannot_carry(view) -> None:
    bad = view.copy()
    n = next(iter(bad.nodes))
    bad.nodes[n]["label_ar"] = "اسم\x01\x0b<>&"
    g = to_gexf_graph(bad)
    assert g.nodes[n]["label_ar"] == "اسم  <>&"
    assert "\x01" not in "".join(nx.generate_gexf(g))


def test_very_large_graphs_keep_the_deadliest_events(view) -> None:
    small = page_mod.keep_deadliest(view, 1)
    events = [d for _, d in small.nodes(data=True) if d["kind"] == "event"]
    assert [e["type"] for e in events] == ["air_strike"]  # 7 dead, the most
    assert {d["kind"] for _, d in small.nodes(data=True)} == {"event", "actor", "place"}
    assert _node(small, label_en="Syria")  # the strike's place keeps its parents
    html = build_page(view, max_events=1)
    data = json.loads(re.search(r'id="ckg-data">(.*?)</script>', html, re.S).group(1))
    assert data["omitted"] == 4


def test_empty_graph_still_makes_a_page() -> None:
    html = build_page(build_graph([]))
    data = json.loads(re.search(r'id="ckg-data">(.*?)</script>', html, re.S).group(1))
    assert data["info"] == [] and data["types"] == [] and data["dateRange"] is None


def test_actors_and_places_in_no_event_start_hidden_behind_a_toggle(view) -> None:
    idle = view.copy()
    idle.add_node("urn:x:idle-actor", kind="actor", type="person", label_ar="فلان", label_en="", country="",
                  wikidata="", events=0, fatalities=0, reports=0)  # fmt: skip
    html = build_page(idle)
    data = json.loads(re.search(r'id="ckg-data">(.*?)</script>', html, re.S).group(1))
    nodes = json.loads(re.search(r"var nodes = new vis.DataSet\((.*?)\);\n", html, re.S).group(1))
    i = next(i for i, d in enumerate(data["info"]) if d["iri"] == "urn:x:idle-actor")
    assert data["idle"] == 1 and data["info"][i]["idle"] and nodes[i]["hidden"] is True
    assert sum(n["hidden"] for n in nodes) == 1 and data["showIdle"] is False
    kept = json.loads(
        re.search(r'id="ckg-data">(.*?)</script>', build_page(idle, keep_idle=True), re.S).group(1)
    )
    assert kept["showIdle"] is True
