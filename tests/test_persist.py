"""The on-disk store: incremental adds equal a full build, repeats change nothing, failures nothing.

Graphs are compared as sorted N-Triples (no blank nodes anywhere, so that is canonical).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.export.rdf import ntriples
from kg.graph import persist
from kg.graph.merge import build_merged_graph
from kg.graph.persist import GraphStore, StoreError
from kg.run.add import add_inputs
from kg.vocab import terms as T
from kg.vocab.record import ExtractionRecord

CORPUS = Path(__file__).parent / "fixtures" / "merge"
BASE = T.DEFAULT_BASE
SARAQIB = f"{BASE}event/m01-saraqib-north/e1"


@pytest.fixture(scope="module")
def extractor():
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="module")
def records(extractor) -> list[ExtractionRecord]:
    from kg.ingest.inputs import iter_inputs

    return [extractor(a) for a in iter_inputs([CORPUS])]  # type: ignore[arg-type]


def full(records: list[ExtractionRecord]) -> bytes:
    return ntriples(build_merged_graph(records)[0])


def stored(store: GraphStore) -> bytes:
    with store.graph() as g:
        return ntriples(g)


def snapshot(store: GraphStore) -> tuple[bytes, list[str], str]:
    recs = sorted(p.name for p in store.records_dir.glob("*.json"))
    return stored(store), recs, (store.path / "CURRENT").read_text()


@pytest.mark.parametrize("order", [(5, 2, 0), (0, 4, 7), (8, 1, 3)])
def test_incremental_adds_equal_a_full_build(tmp_path: Path, records, order) -> None:
    store = GraphStore(tmp_path / "store")
    batches = [records[order[0] :], records[: order[1]], records[order[1] : order[0]], records[: order[2]]]
    for batch in batches:
        store.add_records(batch)
    assert stored(store) == full(records)
    assert sorted(store.manifest().articles) == sorted(r.article_id for r in records)
    assert sorted(p.stem for p in store.records_dir.glob("*.json")) == sorted(r.article_id for r in records)


def test_adding_the_same_articles_twice_changes_nothing(tmp_path: Path, extractor) -> None:
    store = GraphStore(tmp_path / "store")
    first = add_inputs(store, [CORPUS], extractor=lambda: extractor)
    before = snapshot(store)
    again = add_inputs(store, [CORPUS], extractor=lambda: extractor)
    assert len(first.added) == 9 and again.added == [] and len(again.unchanged) == 9
    assert snapshot(store) == before


def test_an_interrupted_extraction_leaves_the_store_as_it_was(tmp_path: Path, extractor, records) -> None:
    store = GraphStore(tmp_path / "store")
    store.add_records(records[:4])
    before = snapshot(store)
    seen = []

    def interrupting(article):
        seen.append(article.id)
        if len(seen) == 3:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-batch
        return extractor(article)

    with pytest.raises(KeyboardInterrupt):
        add_inputs(store, [CORPUS], extractor=lambda: interrupting)
    assert snapshot(store) == before
    assert [d.name for d in store.path.glob("gen-*")] == [before[2].strip()]
    store.add_records(records)  # and the store still works
    assert stored(store) == full(records)


def test_a_merge_that_fails_half_way_leaves_the_store_as_it_was(tmp_path: Path, records, monkeypatch) -> None:
    store = GraphStore(tmp_path / "store")
    store.add_records(records[::2])
    before = snapshot(store)
    real = persist.cluster_triples
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) > 2:
            raise RuntimeError("merge failed")
        return real(*args, **kwargs)

    monkeypatch.setattr(persist, "cluster_triples", failing)
    with pytest.raises(RuntimeError, match="merge failed"):
        store.add_records(records[1::2])
    assert snapshot(store) == before
    monkeypatch.undo()
    store.add_records(records[1::2])
    assert stored(store) == full(records)


def test_split_undoes_a_merge_for_good(tmp_path: Path, records) -> None:
    store = GraphStore(tmp_path / "store")
    store.add_records(records)
    change = store.split(SARAQIB)
    assert sorted(c.canonical for c in change.added) == [SARAQIB, f"{BASE}event/m02-saraqib-coast/e1"]
    with store.graph() as g:
        assert set(g.objects(URIRef(SARAQIB), T.hasReport)) == {URIRef(f"{BASE}report/m01-saraqib-north/e1")}
        assert (URIRef(SARAQIB), T.mergeEvidence, None) not in g
        assert (URIRef(f"{BASE}event/m02-saraqib-coast/e1"), T.fatalities, None) in g
    # the two single events come out exactly as a build of the two articles apart would make them
    after_split = stored(store)
    store.add_records(records)  # adding again neither re-merges nor changes anything
    assert stored(store) == after_split
    with pytest.raises(StoreError):
        store.split(SARAQIB)  # no longer a merged event


def test_a_rebuild_without_an_article_undoes_its_merges(tmp_path: Path, records) -> None:
    store = GraphStore(tmp_path / "store")
    store.add_records(records)
    store.rebuild(exclude=["m02-saraqib-coast"])
    rest = [r for r in records if r.article_id != "m02-saraqib-coast"]
    assert stored(store) == full(rest)
    assert not (store.records_dir / "m02-saraqib-coast.json").exists()


def test_export_from_a_store(tmp_path: Path, records) -> None:
    from kg.cli import main

    store = GraphStore(tmp_path / "store")
    store.add_records(records)
    assert main(["export", "--store", str(store.path), "--out", str(tmp_path / "out"), "--no-html"]) == 0
    csv = (tmp_path / "out" / "events.csv").read_text(encoding="utf-8-sig")
    assert SARAQIB in csv
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000


def test_a_store_refuses_another_base(tmp_path: Path, records) -> None:
    GraphStore(tmp_path / "store").add_records(records[:1])
    with pytest.raises(StoreError, match="base"):
        GraphStore(tmp_path / "store", base="https://example.org/other/").add_records(records[1:2])


def test_hostile_strings_survive_the_bulk_loader(tmp_path: Path, records) -> None:
    """A full build writes N-Triples text for speed; quotes, newlines and markup must round-trip."""
    from kg.run.records import parse_record

    fixtures = Path(__file__).parent / "fixtures" / "records"
    hostile = [parse_record(p.read_bytes()) for p in sorted(fixtures.glob("*.json"))]
    store = GraphStore(tmp_path / "store")
    store.add_records(hostile)  # the first addition is a full build through the bulk loader
    assert stored(store) == full(hostile)
    store.add_records(records[:3])  # and an incremental one on top
    assert stored(store) == full(hostile + records[:3])


def test_an_article_that_changed_replaces_its_old_version(tmp_path: Path, records) -> None:
    import copy

    store = GraphStore(tmp_path / "store")
    store.add_records(records)
    changed = copy.deepcopy(next(r for r in records if r.article_id == "m02-saraqib-coast"))
    changed.events[0].fatalities = 11
    summary = store.add_records([changed])
    assert summary.rebuilt and summary.added == ["m02-saraqib-coast"]
    now = [changed if r.article_id == changed.article_id else r for r in records]
    assert stored(store) == full(now)
    with store.graph() as g:
        assert int(g.value(URIRef(SARAQIB), T.fatalitiesMax)) == 11


def test_the_add_and_split_commands(tmp_path: Path, capsys) -> None:
    from kg.cli import main

    store = tmp_path / "store"
    assert main(["add", str(CORPUS), "--store", str(store)]) == 0
    assert "9 articles added" in capsys.readouterr().err
    assert main(["add", str(CORPUS / "m01-saraqib-north.txt"), "--store", str(store)]) == 0
    assert "0 articles added, 1 already in the store" in capsys.readouterr().err
    assert main(["split", SARAQIB, "--store", str(store)]) == 0
    assert main(["split", SARAQIB, "--store", str(store)]) == 2
    assert "not a merged event" in capsys.readouterr().err
    assert main(["add", str(tmp_path / "missing.txt"), "--store", str(store)]) == 1
