"""Analytics on a small invented war whose answers are known by construction."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.graph.build import build_graph
from kg.view import analysis
from kg.view.project import project
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

ACTORS = {
    "A": ("جيش أ", "state_force"),
    "B": ("ميليشيا ب", "militia"),
    "C": ("جماعة ج", "armed_group"),
    "D": ("قوات د", "foreign_force"),
    "E": ("فصيل هـ", "armed_group"),
    "M": ("مرصد م", "monitor"),
    "F": ("مدنيون ف", "civilians"),
}


def record(
    aid: str, etype: str, roles: list[tuple[str, str]], date: str, fatalities: int | None
) -> ExtractionRecord:
    """One article, one event, at a town in a governorate in a country."""
    text = "حدث " + " ".join(ACTORS[a][0] for a, _ in roles) + " في بلدة س"
    actors = []
    for a, _ in roles:
        start = text.index(ACTORS[a][0])
        actors.append(
            Actor(a, ACTORS[a][0], f"actor {a}", ACTORS[a][1], "SYR", lexicon_id=f"test.{a}",
                  mentions=[Mention(ACTORS[a][0], start, start + len(ACTORS[a][0]))])
        )  # fmt: skip
    places = [
        Place("syr", "سوريا", "Syria", "country", 35.0, 38.0, "SYR", lexicon_id="test.syr"),
        Place(
            "gov", "محافظة ع", "Governorate", "admin1", 35.5, 37.0, "SYR", within="syr", lexicon_id="test.gov"
        ),
        Place("town", "بلدة س", "Town", "town", 35.6, 37.1, "SYR", within="gov", lexicon_id="test.town"),
    ]
    precision = "day" if len(date) == 10 else "month"
    event = Event("e1", etype, Mention("حدث", 0, 3), [EventActor(a, r) for a, r in roles], ["town"],
                  date=date, date_precision=precision, fatalities=fatalities)  # fmt: skip
    return ExtractionRecord(aid, actors, places, [event], meta={"published": "2016-06-30"}, text=text)


RECORDS = [
    record(
        "r1",
        "battle",
        [("A", "attacker"), ("B", "attacker"), ("C", "target"), ("M", "source")],
        "2016-01-10",
        12,
    ),
    record("r2", "attack", [("A", "attacker"), ("D", "participant")], "2016-01-20", 3),
    record("r3", "battle", [("C", "participant"), ("E", "participant")], "2016-02-02", None),
    record("r4", "air_strike", [("D", "attacker"), ("E", "target")], "2016-02", 20),
]


@pytest.fixture(scope="module")
def view():
    return project(build_graph(RECORDS))


def _iri(view, letter: str) -> str:
    return next(n for n, d in view.nodes(data=True) if d["label_en"] == f"actor {letter}")


def test_relation_table() -> None:
    assert analysis.relation("attacker", "attacker") == "alongside"
    assert analysis.relation("participant", "attacker") == "alongside"
    assert analysis.relation("attacker", "target") == "against"
    assert analysis.relation("participant", "participant") == "against"
    assert analysis.relation("victim", "victim") == "shared"
    assert analysis.relation("target", "target") == "shared"  # hit together is not fighting together


def test_actor_network_counts_shared_events_and_sides(view) -> None:
    net = analysis.actor_network(view)
    a, b, c, d, m = (_iri(view, x) for x in "ABCDM")
    assert net.edges[a, b] == {"events": 1, "fatalities": 12, "alongside": 1, "against": 0}
    assert net.edges[a, c] == {"events": 1, "fatalities": 12, "alongside": 0, "against": 1}
    assert net.edges[a, d]["alongside"] == 1
    assert m in net and net.degree(m) == 0  # the monitor only tells of the battle


def test_coalitions_are_communities_of_the_same_side(view) -> None:
    groups = analysis.coalitions(view)
    assert groups == [sorted(_iri(view, x) for x in "ABD")]


def test_non_belligerents_stay_out_of_coalitions() -> None:
    war = project(build_graph([
        record("s1", "battle", [("A", "attacker"), ("F", "attacker")], "2016-01-01", 1),
        record("s2", "battle", [("C", "attacker"), ("E", "attacker")], "2016-01-02", 1),
    ]))  # fmt: skip
    (group,) = analysis.coalitions(war)
    assert sorted(war.nodes[a]["label_en"] for a in group) == ["actor C", "actor E"]


def test_breakdowns(view) -> None:
    by_type = {r["key"]: (r["events"], r["fatalities"]) for r in analysis.breakdown(view, "type")}
    assert by_type == {"battle": (2, 12), "attack": (1, 3), "air_strike": (1, 20)}
    by_month = [(r["key"], r["events"], r["fatalities"]) for r in analysis.breakdown(view, "month")]
    assert by_month == [("2016-01", 2, 15), ("2016-02", 2, 20)]
    by_place = analysis.breakdown(view, "place")
    assert [(r["label"], r["events"]) for r in by_place] == [("بلدة س / Town", 4)]
    assert analysis.breakdown(view, "country") == [
        {"key": "SYR", "label": "SYR", "events": 4, "fatalities": 35}
    ]
    with pytest.raises(ValueError, match="unknown breakdown"):
        analysis.breakdown(view, "weather")


def test_actor_ranking(view) -> None:
    rows = {r["label_en"]: r for r in analysis.actor_ranking(view)}
    assert rows["actor A"]["events"] == 2 and rows["actor A"]["fatalities"] == 15
    assert rows["actor D"]["events"] == 2 and rows["actor D"]["fatalities"] == 23
    assert rows["actor M"]["events"] == 0  # a source is not a party
    ranked = [r["label_en"] for r in analysis.actor_ranking(view)]
    # A and C each join the triangle A-B-C to the ring through D and E; B sits on no shortest path
    assert ranked[:2] == ["actor A", "actor C"] and ranked[-1] == "actor M"
    assert (
        rows["actor A"]["betweenness"] == rows["actor C"]["betweenness"] > rows["actor D"]["betweenness"] > 0
    )
    assert rows["actor B"]["betweenness"] == 0


def test_place_rollup_counts_events_in_contained_places(view) -> None:
    gov = next(d for _, d in view.nodes(data=True) if d.get("label_en") == "Governorate")
    assert gov["events"] == 4 and gov["fatalities"] == 35


def test_stats_command_json_and_tables(tmp_path, capsys) -> None:
    ttl = tmp_path / "g.ttl"
    build_graph(RECORDS).serialize(ttl, format="turtle")
    assert main(["stats", str(ttl), "--json", "--gexf", str(tmp_path / "g.gexf")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"] == {"events": 4, "actors": 6, "places": 3, "fatalities": 35}
    assert out["coalitions"][0]["size"] == 3
    assert (tmp_path / "g.gexf").stat().st_size > 0
    assert main(["stats", str(ttl)]) == 0
    text = capsys.readouterr().out
    assert "Events by month" in text and "2016-02" in text and "Coalitions" in text


def test_stats_command_names_a_bad_graph(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    assert main(["stats", str(bad)]) == 2
    assert "bad.ttl" in capsys.readouterr().err
    assert main(["stats", str(tmp_path / "missing.ttl")]) == 2
