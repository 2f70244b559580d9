"""One graph pass: a record is checked once, every node has one IRI from build to merge, and the
graph layer sits below the run (it takes records, it never extracts)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import kg.graph
from kg.export.rdf import ntriples
from kg.graph import check
from kg.graph.build import build_graph
from kg.graph.merge import build_merged_graph
from kg.graph.persist import GraphStore
from kg.vocab.record import ExtractionRecord

FIXTURES = Path(__file__).parent / "fixtures" / "records"
GOOD = ("fixture-saraqib-strike", "fixture-short-form")


def load(name: str) -> ExtractionRecord:
    return ExtractionRecord.from_dict(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


def bad() -> ExtractionRecord:
    record = load("fixture-saraqib-strike")
    record.article_id, record.events[0].type = "bad-record", "massacre"  # no such event type
    return record


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The article id of every record judged, in order (the real check still runs)."""
    seen: list[str] = []
    real = check.check_record

    def counted(record: ExtractionRecord) -> list[str]:
        seen.append(record.article_id)
        return real(record)

    monkeypatch.setattr(check, "check_record", counted)
    return seen


def test_a_build_checks_each_record_once_though_it_reads_them_twice(checks: list[str]) -> None:
    rejected: list[str] = []
    records = [load(n) for n in GOOD] + [bad()]
    graph, _ = build_merged_graph(lambda: iter(records), on_error=lambda aid, exc: rejected.append(aid))
    assert sorted(checks) == sorted(r.article_id for r in records)
    assert rejected == ["bad-record"]
    assert b"bad-record" not in ntriples(graph)


def test_a_store_checks_each_added_record_once(tmp_path: Path, checks: list[str]) -> None:
    records = [load(n) for n in GOOD]
    summary = GraphStore(tmp_path / "store").add_records([*records, bad()])
    assert summary.added == sorted(r.article_id for r in records)
    assert [r.split(":")[0] for r in summary.rejected] == ["bad-record"]
    assert sorted(checks) == sorted([*summary.added, "bad-record"])


def test_a_rebuild_checks_each_stored_record_once(tmp_path: Path, checks: list[str]) -> None:
    store = GraphStore(tmp_path / "store")
    added = store.add_records([load(n) for n in GOOD]).added
    checks.clear()
    store.rebuild()
    assert sorted(checks) == added


def test_one_article_has_the_same_nodes_built_alone_or_merged() -> None:
    """No IRI is rewritten between the builder and the merger: «مدنيين» labelled "civilians" is
    one node whichever path made the graph, and so is every span, report and place."""
    record = load("fixture-saraqib-strike")
    assert ntriples(build_graph([record])) == ntriples(build_merged_graph([record])[0])


LOWER = ("kg.graph", "kg.vocab", "kg.arabic", "kg.lexicons")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):  # function-local imports too
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return {n for n in names if n == "kg" or n.startswith("kg.")}


def test_the_graph_layer_imports_nothing_above_it() -> None:
    """kg.run extracts and then calls the graph layer; the graph layer never calls back up."""
    package = Path(kg.graph.__file__).parent
    upward = {
        f"{path.name}: {name}"
        for path in sorted(package.glob("*.py"))
        for name in _imports(path)
        if not name.startswith(LOWER)
    }
    assert not upward
