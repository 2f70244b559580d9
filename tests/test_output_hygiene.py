"""What the tool writes and prints: no formulas in CSV, no escapes on the terminal, the same bytes
run after run, and strict checks on the values people type or records carry."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.export.cells import neutralise, safe_cell
from kg.export.rdf import write_turtle
from kg.export.table import write_events_csv
from kg.graph.build import build_graph
from kg.graph.check import check_record
from kg.ingest.textsafe import for_terminal
from kg.sparql.saved import QueryError, get
from kg.vocab.record import ExtractionRecord

FIXTURES = Path(__file__).parent / "fixtures"
MERGE_CORPUS = FIXTURES / "merge"


def _record(**meta: str) -> ExtractionRecord:
    data = json.loads((FIXTURES / "records" / "fixture-saraqib-strike.json").read_text("utf-8"))
    data["meta"].update(meta)
    return ExtractionRecord.from_dict(data)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("-3", "-3"),
        ("-17.5", "-17.5"),
        ("+4", "+4"),
        ("Okaz", "Okaz"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised_and_numbers_kept(value: str, expected: str) -> None:
    assert neutralise(value) == expected


def test_a_hidden_escape_cannot_shield_a_formula() -> None:
    assert safe_cell("\x1b[0m=1+1") == "'=1+1"
    assert safe_cell("\u202e=1+1") == "'=1+1"


def test_events_csv_holds_no_formula_and_keeps_negative_coordinates(tmp_path: Path) -> None:
    record = _record(outlet="=cmd|' /C calc'!A0")
    record.locations[0].lon = -17.5
    record.actors[0].label_ar = "@SUM(1+1)*cmd|' /C calc'!A0"
    path = tmp_path / "events.csv"
    write_events_csv(build_graph([record]), path)
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    cells = [v for r in rows for v in r.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]
    assert any(r["source"] == "'=cmd|' /C calc'!A0" for r in rows)
    assert any(r["longitude"] == "-17.5" for r in rows)


def test_query_csv_is_neutralised_too(tmp_path: Path, capsys) -> None:
    ttl = tmp_path / "g.ttl"
    write_turtle(build_graph([_record(outlet='=HYPERLINK("http://x")')]), ttl)
    q = "SELECT ?n WHERE { ?o a schema:Organization ; schema:name ?n }"
    assert main(["query", str(ttl), q, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and "\n=" not in out


def test_query_tables_strip_escapes_and_overrides(tmp_path: Path, capsys) -> None:
    ttl = tmp_path / "g.ttl"
    write_turtle(build_graph([_record(outlet="evil\x1b]0;pwned\x07\u202eoutlet\x1b[2J")]), ttl)
    q = "SELECT ?n WHERE { ?o a schema:Organization ; schema:name ?n }"
    assert main(["query", str(ttl), q]) == 0
    out = capsys.readouterr().out
    assert "evil" in out and "outlet" in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert for_terminal("a\x9b31mb") == "ab"


def _build(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    args = [sys.executable, "-m", "kg", "build", str(MERGE_CORPUS), "--out", str(out), "--workers", "1"]
    formats = "ttl,nt,jsonld,csv,html,graphml,gexf"
    subprocess.run(
        [*args, "--quiet", "--formats", formats], env=env, check=True, capture_output=True, timeout=600
    )


def test_two_identical_builds_write_the_same_bytes(tmp_path: Path) -> None:
    """Triples come out of Python sets, whose order changes with each process's hash seed."""
    _build(tmp_path / "a", "1")
    _build(tmp_path / "b", "2")
    names = sorted(p.name for p in (tmp_path / "a").iterdir() if p.is_file())
    assert len(names) == 7
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_validate_refuses_a_file_that_holds_no_graph(tmp_path: Path, capsys) -> None:
    plain = tmp_path / "data.json"
    plain.write_text(json.dumps({"id": "x", "text": "نص"}), encoding="utf-8")
    assert main(["validate", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "no RDF triples" in err and "conforms" not in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "param"),
    [
        ("events_near", "km=NaN"),
        ("events_near", "km=Infinity"),
        ("events_near", "km=1e999"),
        ("who_attacked_whom", "since=9999-99-99"),
        ("who_attacked_whom", "until=2015-02-30"),
    ],
)
def test_impossible_parameters_are_refused_in_one_line(tmp_path: Path, capsys, name: str, param: str) -> None:
    ttl = tmp_path / "g.ttl"
    write_turtle(build_graph([_record()]), ttl)
    extra = ["--param", "place=سراقب"] if name == "events_near" else []
    assert main(["query", str(ttl), "--name", name, "--param", param, *extra]) != 0
    err = capsys.readouterr().err
    assert "not a valid" in err and "Traceback" not in err and err.count("\n") == 1


def test_parameter_forms_are_strict_but_ordinary_values_pass() -> None:
    near = get("events_near")
    km = next(p for p in near.params if p.name == "km")
    assert str(km.term("2.5")) == "2.5" and str(km.term("5")) == "5"
    with pytest.raises(QueryError):
        km.term("1_000")


def test_a_record_with_an_impossible_publication_date_is_refused() -> None:
    assert any("published" in p for p in check_record(_record(published="9999-99-99")))
    assert not check_record(_record(published="2016-02-29"))


def test_the_view_and_graph_files_show_no_escapes(tmp_path: Path) -> None:
    from kg.export.graphml import write_graphml
    from kg.view.project import project

    record = _record()
    record.actors[0].label_ar = "طائرات\x1b[2J\u202eروسية\u2066"
    graph = build_graph([record])
    labels = [d.get("label_ar", "") for _, d in project(graph).nodes(data=True)]
    assert "طائراتروسية" in labels
    assert not [x for x in labels if any(ch in x for ch in "\x1b\u202e\u2066")]
    write_graphml(graph, tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_text("utf-8")
    assert "\u202e" not in text and "\x1b" not in text and "&#27;" not in text


def test_query_json_escapes_overrides_losslessly(tmp_path: Path, capsys) -> None:
    ttl = tmp_path / "g.ttl"
    outlet = "evil\u202eoutlet\x9b2J"
    write_turtle(build_graph([_record(outlet=outlet)]), ttl)
    q = "SELECT ?n WHERE { ?o a schema:Organization ; schema:name ?n }"
    assert main(["query", str(ttl), q, "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x9b" not in out
    assert json.loads(out) == [{"n": outlet}]
