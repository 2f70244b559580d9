"""Saved queries find an actor or a place by any of its names: an Arabic alias, an English
acronym, a spelling without hamza or with diacritics, not only the exact label in the graph."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.arabic.normalise import search_key
from kg.graph.build import build_graph
from kg.sparql import saved as queries
from kg.sparql.local import LocalGraph
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

TEXT = "هاجم تنظيم الدولة حاجزا في إدلب"


@pytest.fixture(scope="module")
def graph() -> Graph:
    record = ExtractionRecord(
        article_id="lookup",
        meta={"published": "2018-02-05"},
        actors=[
            Actor("a1", "تنظيم الدولة", label_en="Islamic State", kind="armed_group", lexicon_id="isis",
                  mentions=[Mention("تنظيم الدولة", 5, 17)]),
            Actor("a2", "حاجز", kind="state_force", mentions=[Mention("حاجزا", 18, 23)]),
        ],
        locations=[Place("p1", "إدلب", label_en="Idlib", kind="city", country="SYR", lat=35.93, lon=36.63,
                         lexicon_id="gn:169389", mentions=[Mention("إدلب", 27, 31)])],
        events=[Event("e1", "attack", Mention("هاجم", 0, 4), locations=["p1"],
                      actors=[EventActor("a1", "attacker"), EventActor("a2", "target")])],
        text=TEXT,
    )  # fmt: skip
    return build_graph([record])


def profile(graph: Graph, actor: str) -> set[str]:
    rows = queries.run(LocalGraph(graph), "actor_profile", {"actor": actor})
    return {str(r[0]).rsplit("/", 1)[-1] for r in rows}


@pytest.mark.parametrize(
    "name",
    ["داعش", "تنظيم داعش", "ISIS", "isil", "Daesh", "islamic state", "الدوله الاسلاميه",
     "تَنْظِيم الدَّوْلَة", "isis"],
)
def test_an_actor_is_found_by_any_of_its_names(graph: Graph, name: str) -> None:
    assert profile(graph, name) == {"isis"}


@pytest.mark.parametrize("name", ["Hamas", "داعش اليمن", "IS state", "تنظيم"])
def test_other_names_find_nothing(graph: Graph, name: str) -> None:
    assert profile(graph, name) == set()


def test_who_attacked_whom_takes_an_alias(graph: Graph) -> None:
    rows = list(queries.run(LocalGraph(graph), "who_attacked_whom", {"actor": "Daesh"}))
    assert len(rows) == 1


@pytest.mark.parametrize("name", ["ادلب", "إدلب", "idlib", "IDLIB"])
def test_a_place_is_found_by_any_spelling(graph: Graph, name: str) -> None:
    rows = list(queries.run(LocalGraph(graph), "events_near", {"place": name, "km": 5}))
    assert [str(r[0]).rsplit("/", 1)[-1] for r in rows] == ["e1"]


def test_search_key_folds_spelling_and_punctuation_but_not_letters() -> None:
    assert search_key("إِدْلِب") == search_key("ادلب") == search_key(" ادلب ")
    assert search_key("Al-Qaeda") == search_key("al qaeda")
    assert search_key("ادلب") != search_key("دلب")
