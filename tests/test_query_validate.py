"""Validation must be able to fail, and the query/validate commands must speak their formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from kg.cli import main
from kg.export.rdf import write_turtle
from kg.graph import iris
from kg.graph.build import build_graph
from kg.sparql.answers import format_rows
from kg.sparql.local import QueryError, run_query
from kg.sparql.shacl import validate
from kg.vocab import terms as T
from kg.vocab.record import ExtractionRecord

FIXTURES = Path(__file__).parent / "fixtures" / "records"
BASE = T.DEFAULT_BASE
STRIKE = iris.event_iri(BASE, "fixture-saraqib-strike", "e1")


def fresh_graph():
    rec = ExtractionRecord.from_dict(
        json.loads((FIXTURES / "fixture-saraqib-strike.json").read_text("utf-8"))
    )
    return build_graph([rec])


def mention(start: int, end: int) -> URIRef:
    return iris.mention_iri(BASE, "fixture-saraqib-strike", start, end)


def _two_types(g) -> None:
    g.add((STRIKE, RDF.type, T.EVENT_CLASS["battle"]))


def _no_type(g) -> None:
    g.remove((STRIKE, RDF.type, T.EVENT_CLASS["air_strike"]))
    g.add((STRIKE, RDF.type, T.ConflictEvent))


def _negative_fatalities(g) -> None:
    g.set((STRIKE, T.fatalities, Literal(-2)))


def _text_fatalities(g) -> None:
    g.set((STRIKE, T.fatalities, Literal("seven")))


def _no_provenance(g) -> None:
    g.remove((STRIKE, T.PROV.wasDerivedFrom, None))


def _role_to_a_non_actor(g) -> None:
    g.add((STRIKE, T.ROLE_PROPERTY["attacker"], URIRef("https://example.org/not-an-actor")))


def _bad_wkt(g) -> None:
    geom = next(g.subjects(T.GEO.asWKT, None))
    g.set((geom, T.GEO.asWKT, Literal("POINT(36.8 north)", datatype=T.GEO.wktLiteral)))


def _span_backwards(g) -> None:
    m = mention(4, 22)
    g.set((m, T.NIF.beginIndex, Literal(30)))


def _anchor_not_in_text(g) -> None:
    g.set((mention(4, 22), T.NIF.anchorOf, Literal("طائرات مدنية")))


def _containment_loop(g) -> None:
    syria = next(g.subjects(T.placeKind, T.PLACE_KIND_CONCEPT["country"]))
    town = next(g.subjects(T.placeKind, T.PLACE_KIND_CONCEPT["town"]))
    g.add((syria, T.within, town))


def _unknown_status(g) -> None:
    g.set((STRIKE, T.status, URIRef("https://example.org/maybe")))


BREAKAGES = [
    _two_types, _no_type, _negative_fatalities, _text_fatalities, _no_provenance,
    _role_to_a_non_actor, _bad_wkt, _span_backwards, _anchor_not_in_text, _containment_loop,
    _unknown_status,
]  # fmt: skip


def test_the_unbroken_graph_conforms() -> None:
    assert validate(fresh_graph()).conforms


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda f: f.__name__.strip("_"))
def test_a_broken_graph_fails_validation(breakage) -> None:
    g = fresh_graph()
    breakage(g)
    report = validate(g)
    assert not report.conforms
    assert report.violations and "Conforms: False" in report.text


def test_run_query_with_bindings_and_ask() -> None:
    g = fresh_graph()
    names, rows = run_query(g, "SELECT ?f WHERE { ?e ckg:fatalities ?f }", bindings={"e": STRIKE})
    assert names == ["f"] and [int(r[0]) for r in rows] == [7]
    _, rows = run_query(g, "ASK { ?e a ckg:Battle }")
    assert rows == [(Literal(True),)]
    with pytest.raises(QueryError, match="SPARQL failed"):
        run_query(g, "SELEC nothing")


def test_format_rows() -> None:
    names = ["a", "b"]
    rows = [(Literal("حلب"), None), (URIRef("https://x.org/1"), Literal(3))]
    table = format_rows(names, rows, "table")
    assert table.splitlines()[0].split(" | ")[0].strip() == "a" and "(2 rows)" in table
    assert list(csv.reader(io.StringIO(format_rows(names, rows, "csv")))) == [
        ["a", "b"], ["حلب", ""], ["https://x.org/1", "3"],
    ]  # fmt: skip
    assert json.loads(format_rows(names, rows, "json")) == [{"a": "حلب"}, {"a": "https://x.org/1", "b": "3"}]
    with pytest.raises(ValueError):
        format_rows(names, rows, "xml")


@pytest.fixture
def ttl(tmp_path: Path) -> Path:
    return write_turtle(fresh_graph(), tmp_path / "g.ttl")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_command_formats(ttl: Path, fmt: str, capsys) -> None:
    q = "SELECT ?label WHERE { ?e a ckg:AirStrike ; ckg:attacker/rdfs:label ?label } ORDER BY ?label"
    assert main(["query", str(ttl), q, "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert [r["label"] for r in json.loads(out)] == [
            "Russian Aerospace Forces",
            "الطائرات الحربية الروسية",
        ]
    elif fmt == "csv":
        assert out.splitlines() == ["label", "Russian Aerospace Forces", "الطائرات الحربية الروسية"]
    else:
        assert "Russian Aerospace Forces" in out and "(2 rows)" in out


def test_query_command_reads_a_file_and_reports_errors(ttl: Path, tmp_path: Path, capsys) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e ckg:hasReport ?r }", encoding="utf-8")
    assert main(["query", str(ttl), "--file", str(q), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "2"]
    assert main(["query", str(ttl), "SELEC x"]) == 1
    assert "SPARQL failed" in capsys.readouterr().err
    assert main(["query", str(tmp_path / "missing.ttl"), "ASK {}"]) == 2
    assert "missing.ttl" in capsys.readouterr().err


def test_validate_command_exit_codes(ttl: Path, tmp_path: Path, capsys) -> None:
    assert main(["validate", str(ttl)]) == 0
    assert "conforms" in capsys.readouterr().out
    broken = fresh_graph()
    _negative_fatalities(broken)
    bad = write_turtle(broken, tmp_path / "bad.ttl")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "fatalities must be one whole number >= 0" in out and "1 violation" in out
    junk = tmp_path / "junk.ttl"
    junk.write_bytes(b"\x00\xff not turtle <<")
    assert main(["validate", str(junk)]) == 2
    assert "junk.ttl" in capsys.readouterr().err


def test_the_shapes_file_means_the_same_to_plain_pyshacl() -> None:
    """kg.sparql.shacl runs the SPARQL constraints itself for speed; pyshacl alone must agree."""
    from pyshacl import validate as pyshacl_validate
    from rdflib import Graph
    from rdflib.namespace import SH

    from kg.graph.store import to_memory

    shapes = Graph().parse(T.SHAPES_PATH, format="turtle")
    good = to_memory(fresh_graph())
    assert pyshacl_validate(good, shacl_graph=shapes, inference="none")[0]
    g = fresh_graph()
    for breakage in (_anchor_not_in_text, _containment_loop):
        breakage(g)
    _, results, _ = pyshacl_validate(to_memory(g), shacl_graph=shapes, inference="none")
    theirs = {str(m) for m in results.objects(None, SH.resultMessage)}
    ours = {v.message for v in validate(g).violations}
    assert ours <= theirs
    assert {
        "A place is (transitively) within itself.",
        "A span's anchorOf is not the text between its indices in its context.",
    } <= ours
