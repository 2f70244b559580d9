"""The saved queries: catalogue, parameters, answers on a small known world, hostile values,
and the same answers from the embedded store, an Oxigraph server and a Virtuoso server."""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from kg.cli import main
from kg.graph.build import build_graph
from kg.sparql import saved as queries
from kg.sparql.local import LocalGraph
from kg.sparql.queryable import Queryable
from kg.sparql.remote import Endpoint, RemoteGraph
from kg.sparql.saved import QueryError
from kg.sparql.store_load import load
from kg.sparql.text import with_values
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place
from tests import servers

oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

HOSTILE = "كتيبة \"x\" } ; DROP ALL ; { 'y' <z> \\ # "
SARAQIB = (35.8647, 36.8006)  # lat, lon
ABU_DUHUR = (35.7323, 37.1044)
ALEPPO = (36.2021, 37.1343)


def _record(article_id: str, text: str, actors, places, events, published: str) -> ExtractionRecord:  # type: ignore[no-untyped-def]
    def m(word: str) -> Mention:
        start = text.index(word)
        return Mention(word, start, start + len(word))

    for a in actors:
        a.mentions = [m(a.label_ar)]
    for p in places:
        p.mentions = [m(p.label_ar)]
    for e in events:
        e.trigger = m(e.trigger.text)
    return ExtractionRecord(
        article_id,
        actors,
        places,
        events,
        meta={"title": f"عنوان {article_id}", "published": published, "outlet": "وكالة اختبار"},
        text=text,
    )


def world() -> list[ExtractionRecord]:
    """Two invented articles whose answers are known by hand."""
    t1 = (
        "قصفت الطائرات الروسية بلدة سراقب في محافظة إدلب فقتل سبعة مدنيين. "
        "واشتبك الجيش السوري مع جبهة النصرة قرب مطار أبو الظهور."
    )
    r1 = _record(
        "a1",
        t1,
        [
            Actor("ru", "الطائرات الروسية", "Russian Air Force", "foreign_force", "RUS", lexicon_id="ru-af"),
            Actor("civ", "مدنيين", "civilians", "civilians", "SYR"),
            Actor("saa", "الجيش السوري", "Syrian Army", "state_force", "SYR", lexicon_id="saa"),
            Actor("nus", "جبهة النصرة", "al-Nusra Front", "armed_group", lexicon_id="nusra"),
        ],
        [
            # the gazetteer's own ids (Saraqib had been given Jayrud's, a town of Rif Dimashq)
            Place("idl", "إدلب", "Idlib", "admin1", 35.9333, 36.6333, "SYR", lexicon_id="syr.idlib"),
            Place("srq", "سراقب", "Saraqib", "town", *SARAQIB, "SYR", within="idl", lexicon_id="gn:164816"),
            Place(
                "abd",
                "مطار أبو الظهور",
                "Abu al-Duhur airbase",
                "facility",
                *ABU_DUHUR,
                "SYR",
                within="idl",
                lexicon_id="abu-duhur-airbase",
            ),
        ],
        [
            Event(
                "e1",
                "air_strike",
                Mention("قصفت", 0, 0),
                [EventActor("ru", "attacker"), EventActor("civ", "victim")],
                ["srq"],
                date="2016-02-03",
                fatalities=7,
            ),
            Event(
                "e2",
                "battle",
                Mention("واشتبك", 0, 0),
                [EventActor("saa", "attacker"), EventActor("nus", "target")],
                ["abd"],
                date="2016-02",
                fatalities=3,
            ),
        ],
        "2016-02-03",
    )
    t2 = (
        "قصفت جبهة النصرة مواقع الجيش السوري في حلب فقتل خمسة جنود. "
        f"وهاجمت {HOSTILE} حاجزا. "
        "وقال المرصد السوري إن القصف مستمر."
    )
    r2 = _record(
        "a2",
        t2,
        [
            Actor("nus", "جبهة النصرة", "al-Nusra Front", "armed_group", lexicon_id="nusra"),
            Actor("saa", "الجيش السوري", "Syrian Army", "state_force", "SYR", lexicon_id="saa"),
            Actor("bad", HOSTILE, None, "armed_group"),
            Actor("sohr", "المرصد السوري", "SOHR", "monitor", lexicon_id="sohr"),
        ],
        [
            Place("alp1", "حلب", "Aleppo Governorate", "admin1", 36.2, 37.15, "SYR", lexicon_id="gn:170062"),
        ],
        [
            Event(
                "e3",
                "shelling",
                Mention("قصفت", 0, 0),
                [EventActor("nus", "attacker"), EventActor("saa", "target")],
                ["alp1"],
                date="2016-03-10",
                fatalities=5,
            ),
            Event(
                "e4",
                "attack",
                Mention("وهاجمت", 0, 0),
                [EventActor("bad", "attacker")],
                ["alp1"],
                date="2016-03-11",
            ),
            Event(
                "e5",
                "statement",
                Mention("وقال", 0, 0),
                [EventActor("sohr", "source")],
                [],
                date="2016-03-11",
            ),
        ],
        "2016-03-11",
    )
    return [r1, r2]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(world())


@pytest.fixture(scope="module")
def embedded(graph: Graph) -> LocalGraph:
    """The world behind the Queryable protocol the saved queries take."""
    return LocalGraph(graph)


def table(result) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    names = [str(v) for v in result.vars]
    return [
        {n: (None if v is None else v.toPython()) for n, v in zip(names, row, strict=True)} for row in result
    ]


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(math.radians(x) for x in p) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --- the catalogue -----------------------------------------------------------------------------


def test_catalogue_lists_every_saved_query_with_title_and_parameters() -> None:
    cat = queries.catalogue()
    for name in (
        "events_by_type_month",
        "who_attacked_whom",
        "fatalities_by_governorate",
        "fatalities_by_actor",
        "fatalities_by_month",
        "actor_profile",
        "events_near",
        "acled_events",
        "actors_on_both_sides",
    ):
        assert name in cat and cat[name].title, name
    near = {p.name: p for p in cat["events_near"].params}
    assert near["place"].required and near["km"].default == "25" and near["km"].type == "decimal"
    listing = queries.describe_catalogue()
    assert "events_near: Events within a radius of a place" in listing
    assert "--param km (decimal, default 25)" in listing


def test_every_saved_query_parses_and_runs(embedded: LocalGraph) -> None:
    samples = {"actor": "جبهة النصرة", "place": "سراقب"}
    for name, q in queries.catalogue().items():
        prepareQuery(q.text)  # a second, independent parser
        params = {p.name: samples[p.name] for p in q.params if p.required}
        list(queries.run(embedded, name, params))


SHORT = "SELECT ?r WHERE { ?r a ckg:EventReport }"  # no PREFIX: the project's are predeclared


def test_the_embedded_back_end_is_a_queryable_whose_two_methods_agree(embedded: LocalGraph) -> None:
    assert isinstance(embedded, Queryable)
    names, rows = embedded.rows(SHORT)
    assert names == ["r"] and len(rows) == 5
    assert sorted(tuple(r) for r in embedded.query(SHORT)) == sorted(rows)  # type: ignore[misc]


def test_bad_parameters_are_refused_with_the_reason() -> None:
    with pytest.raises(QueryError, match="missing required parameter place"):
        queries.get("events_near").bind({})
    with pytest.raises(QueryError, match="unknown parameter colour"):
        queries.get("events_near").bind({"place": "x", "colour": "red"})
    with pytest.raises(QueryError, match="not a valid decimal"):
        queries.get("events_near").bind({"place": "x", "km": "ten"})
    with pytest.raises(QueryError, match="not a valid event_type"):
        queries.get("events_by_type_month").bind({"type": "ckg:Air Strike>"})
    with pytest.raises(QueryError, match="no saved query named"):
        queries.get("nope")
    assert queries.parse_param_args(["place=a=b", "km= 3"]) == {"place": "a=b", "km": " 3"}


# --- answers on the known world ----------------------------------------------------------------


def test_events_by_type_and_month(embedded: LocalGraph) -> None:
    rows = table(queries.run(embedded, "events_by_type_month"))
    got = {(r["event_type"], r["month"]): r["events"] for r in rows}
    assert got == {
        ("air strike", "2016-02"): 1,
        ("battle", "2016-02"): 1,
        ("shelling", "2016-03"): 1,
        ("attack", "2016-03"): 1,
        ("statement", "2016-03"): 1,
    }
    only = table(queries.run(embedded, "events_by_type_month", {"type": "air_strike"}))
    assert [(r["event_type"], r["events"]) for r in only] == [("air strike", 1)]
    same = table(queries.run(embedded, "events_by_type_month", {"type": "ckg:AirStrike"}))
    assert same == only


def test_who_attacked_whom(embedded: LocalGraph) -> None:
    rows = table(queries.run(embedded, "who_attacked_whom"))
    pairs = {(r["attacker_en"], r["role"], r["target_en"], r["places"], r["fatalities"]) for r in rows}
    assert pairs == {
        ("Russian Air Force", "victim", "civilians", "سراقب", 7),
        ("Syrian Army", "target", "al-Nusra Front", "مطار أبو الظهور", 3),
        ("al-Nusra Front", "target", "Syrian Army", "حلب", 5),
    }
    nusra = table(queries.run(embedded, "who_attacked_whom", {"actor": "جبهة النصرة"}))
    assert {str(r["date"]) for r in nusra} == {"2016-02", "2016-03-10"}

    def dates(**window: str) -> list[str]:
        return sorted(str(r["date"]) for r in table(queries.run(embedded, "who_attacked_whom", window)))

    assert dates(since="2016-02-20") == ["2016-02", "2016-03-10"]  # the month overlaps the window
    assert dates(since="2016-03-01") == ["2016-03-10"]
    assert dates(until="2016-02-10") == ["2016-02", "2016-02-03"]
    assert dates(since="2016-02-04", until="2016-03-09") == ["2016-02"]


def test_fatalities_by_governorate_month_and_actor(embedded: LocalGraph) -> None:
    gov = {
        r["governorate_en"]: (r["events"], r["fatalities"])
        for r in table(queries.run(embedded, "fatalities_by_governorate"))
    }
    assert gov == {"Idlib": (2, 10), "Aleppo Governorate": (1, 5)}
    month = {r["month"]: r["fatalities"] for r in table(queries.run(embedded, "fatalities_by_month"))}
    assert month == {"2016-02": 10, "2016-03": 5}
    actor = {
        (r["actor_en"], r["role"]): r["fatalities"]
        for r in table(queries.run(embedded, "fatalities_by_actor"))
    }
    assert actor == {
        ("Russian Air Force", "attacker"): 7,
        ("civilians", "victim"): 7,
        ("Syrian Army", "attacker"): 3,
        ("Syrian Army", "target"): 5,
        ("al-Nusra Front", "target"): 3,
        ("al-Nusra Front", "attacker"): 5,
    }
    shelling = table(queries.run(embedded, "fatalities_by_governorate", {"type": "shelling"}))
    assert [(r["governorate_en"], r["fatalities"]) for r in shelling] == [("Aleppo Governorate", 5)]


def test_actor_profile_gives_sentences_sources_and_roles(embedded: LocalGraph) -> None:
    rows = table(queries.run(embedded, "actor_profile", {"actor": "al-Nusra Front"}))
    assert {(r["article"].rsplit("/", 1)[-1], r["role"]) for r in rows} == {
        ("a1", "target"),
        ("a2", "attacker"),
    }
    for r in rows:
        assert "جبهة النصرة" in r["sentence"]
        assert r["outlet"] == "وكالة اختبار" and r["title"].startswith("عنوان")
    assert table(queries.run(embedded, "actor_profile", {"actor": "حلب"})) == []  # a place is not an actor
    # the same actor by its English label in another case, by its id, by its IRI
    for other in ("AL-NUSRA FRONT", "nusra", "https://w3id.org/conflict-kg/id/actor/nusra"):
        assert table(queries.run(embedded, "actor_profile", {"actor": other})) == rows, other
    assert table(queries.run(embedded, "actor_profile", {"actor": "usra"})) == []  # no partial matches


def test_events_near_a_place_match_great_circle_distances(embedded: LocalGraph) -> None:
    rows = table(queries.run(embedded, "events_near", {"place": "Saraqib", "km": "40"}))
    got = {r["event"].rsplit("/", 1)[-1]: float(r["km_away"]) for r in rows}
    assert set(got) == {"e1", "e2"}
    assert got["e1"] == 0
    assert got["e2"] == pytest.approx(haversine_km(SARAQIB, ABU_DUHUR), rel=0.005, abs=0.1)
    wider = table(queries.run(embedded, "events_near", {"place": "سراقب", "km": 60}))
    far = {r["event"].rsplit("/", 1)[-1]: float(r["km_away"]) for r in wider}
    assert set(far) == {"e1", "e2", "e3", "e4"}
    assert far["e3"] == pytest.approx(haversine_km(SARAQIB, (36.2, 37.15)), rel=0.005, abs=0.1)
    assert [float(r["km_away"]) for r in wider] == sorted(far.values())


def test_actors_on_both_sides(embedded: LocalGraph) -> None:
    rows = table(queries.run(embedded, "actors_on_both_sides"))
    assert {(r["actor_en"], r["events_as_attacker"], r["events_as_target"]) for r in rows} == {
        ("Syrian Army", 1, 1),
        ("al-Nusra Front", 1, 1),
    }


# --- hostile values ----------------------------------------------------------------------------


def test_hostile_name_is_only_ever_a_value(graph: Graph, embedded: LocalGraph) -> None:
    size = len(graph)
    # the hostile actor attacks nobody named, so no pair; the query itself still answers
    assert table(queries.run(embedded, "who_attacked_whom", {"actor": HOSTILE})) == []
    assert len(table(queries.run(embedded, "who_attacked_whom"))) == 3
    profile = table(queries.run(embedded, "actor_profile", {"actor": HOSTILE}))
    assert len(profile) == 1 and profile[0]["event_type"] == "Attack" and profile[0]["role"] == "attacker"
    assert HOSTILE in profile[0]["sentence"]
    # punctuation and spacing are folded away in lookups, letters are not
    assert table(queries.run(embedded, "actor_profile", {"actor": HOSTILE + " "})) == profile
    assert table(queries.run(embedded, "actor_profile", {"actor": HOSTILE + "z"})) == []
    assert len(graph) == size
    text = with_values(
        queries.get("actor_profile").text, queries.get("actor_profile").bind({"actor": HOSTILE})
    )
    assert "DROP ALL" not in text.replace(Literal(HOSTILE).n3(), "")  # only inside the one literal
    prepareQuery(text)


def test_with_values_finds_the_where_group_past_tricky_prologues() -> None:
    q = (
        "PREFIX ex: <http://ex/a#>\n# a comment with { braces }\n"
        'SELECT ?x (IF(?n < 3, "{", "}") AS ?y) WHERE { ?x ex:p ?n }'
    )
    out = with_values(q, {"n": Literal(2)})
    assert out.index("VALUES") > out.index("WHERE {")
    prepareQuery(out)
    c = with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("http://ex/s")})
    assert c.index("VALUES") > c.index("WHERE")
    with pytest.raises(QueryError):
        with_values("SELECT * WHERE { ?s ?p ?o }", {"s": URIRef("http://ex/a> } DROP ALL { <b")})


# --- the same answers on real servers ----------------------------------------------------------

CALLS: list[tuple[str, dict[str, str]]] = [
    ("events_by_type_month", {}),
    ("events_by_type_month", {"type": "battle"}),
    ("who_attacked_whom", {}),
    ("who_attacked_whom", {"actor": "جبهة النصرة"}),
    ("who_attacked_whom", {"since": "2016-02-20", "until": "2016-03-10"}),
    ("fatalities_by_governorate", {}),
    ("fatalities_by_actor", {}),
    ("fatalities_by_month", {}),
    ("actor_profile", {"actor": "Syrian Army"}),
    ("actor_profile", {"actor": HOSTILE}),
    ("events_near", {"place": "Saraqib", "km": "60"}),
    ("actors_on_both_sides", {}),
    ("acled_events", {}),
]


def _normal(value: object) -> object:
    """A value as both stores should give it.

    Virtuoso keeps a geo:wktLiteral as a single-precision geometry, so a coordinate read back
    from it differs past the 4th decimal (about 10 m): numbers, and text that is a decimal
    number (acled_events' latitude), are compared to 4 places.
    """
    if (
        value == ""
    ):  # an empty GROUP_CONCAT: Virtuoso says "", Oxigraph leaves it unbound; a CSV shows both alike
        return None
    if isinstance(value, str) and re.fullmatch(r"-?\d+\.\d+", value):
        value = float(value)
    if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
        return round(float(value), 4)
    if isinstance(value, str) and " | " in value:  # GROUP_CONCAT order is the store's choice
        return " | ".join(sorted(value.split(" | ")))
    return None if value is None else str(value)


def _answers(source: Queryable) -> dict[str, list[tuple]]:
    out = {}
    for name, params in CALLS:
        rows = table(queries.run(source, name, params))
        out[f"{name} {params}"] = sorted(
            (tuple(sorted((k, _normal(v)) for k, v in r.items())) for r in rows), key=repr
        )
    return out


@pytest.mark.parametrize("server_name", ["oxigraph", "virtuoso"])
def test_same_answers_embedded_and_on_servers(
    graph: Graph, server_name: str, request: pytest.FixtureRequest
) -> None:
    server = request.getfixturevalue(f"{server_name}_server")
    ep = Endpoint.at(server.query_url, user=server.user, password=server.password)
    target = "http://example.org/graphs/saved-queries"
    load(ep, graph, target, replace=True)
    embedded, remote = _answers(LocalGraph(graph)), _answers(RemoteGraph(ep, target))
    for call in embedded:
        assert remote[call] == embedded[call], f"{server_name}: {call}"
    assert any(embedded.values())
    store = RemoteGraph(ep, target)
    assert isinstance(store, Queryable)
    assert len(store.rows(SHORT)[1]) == len(list(store.query(SHORT))) == 5
    if server_name == "oxigraph":  # the same engine: the very same RDF terms, not just equal values
        for name, params in CALLS:
            here = queries.run_rows(LocalGraph(graph), name, params)
            there = queries.run_rows(RemoteGraph(ep, target), name, params)
            assert there[0] == here[0] and sorted(there[1], key=repr) == sorted(here[1], key=repr), name


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_file(graph: Graph, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("world") / "world.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_cli_lists_and_runs_saved_queries(world_file, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in queries.catalogue())
    assert main(["query", str(world_file), "--name", "fatalities_by_month", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "month,events,fatalities,fatalities_high",
        "2016-02,2,10,10",
        "2016-03,1,5,5",
    ]
    argv = [
        "query",
        str(world_file),
        "--name",
        "actor_profile",
        "--param",
        f"actor={HOSTILE}",
        "--format",
        "json",
    ]
    assert main(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and HOSTILE in rows[0]["sentence"]


def test_cli_refuses_bad_saved_query_use(world_file, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["query", str(world_file), "--name", "no_such_query"]) == 2
    assert "no saved query named" in capsys.readouterr().err
    assert main(["query", str(world_file), "--name", "events_near"]) == 2
    assert "missing required parameter place" in capsys.readouterr().err
    assert main(["query", str(world_file), "--name", "events_near", "--param", "place"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main(["query", str(world_file), "ASK {}", "--param", "x=1"]) == 2
    assert "--param needs a saved query" in capsys.readouterr().err


def test_cli_queries_a_server_like_the_file(oxigraph_server, graph: Graph, world_file, capsys) -> None:  # type: ignore[no-untyped-def]
    target = "http://example.org/graphs/cli-query"
    load(Endpoint.at(oxigraph_server.query_url), graph, target, replace=True)
    local = ["query", str(world_file), "--name", "who_attacked_whom", "--format", "json"]
    assert main(local) == 0
    expected = json.loads(capsys.readouterr().out)
    remote = [
        "query",
        "--endpoint",
        oxigraph_server.query_url,
        "--graph",
        target,
        "--name",
        "who_attacked_whom",
    ]
    assert main([*remote, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    # a short query using the project's prefixes works remotely too
    argv = ["query", "--endpoint", oxigraph_server.query_url, "--graph", target, "--format", "csv"]
    assert main([*argv, "SELECT (COUNT(*) AS ?n) WHERE { ?e ckg:hasReport ?r }"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "5"]
    refused = f"http://127.0.0.1:{servers.free_port()}/query"
    assert main(["query", "--endpoint", refused, "ASK {}"]) == 1
    assert "connection refused" in capsys.readouterr().err
