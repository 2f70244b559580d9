"""The merge state of a store is plain JSON: a store folder from elsewhere can run no code.

The state used to be `state.pickle`, and unpickling runs whatever the file says. A pickle
planted in a store (here one whose loading would create a file) must never be loaded, and a
store written by the old version gets a one-line message saying how to rebuild it.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from kg.graph import persist
from kg.graph.merge import merge_state_of
from kg.graph.persist import GraphStore, StoreError
from kg.graph.state_file import read_state, write_state
from kg.vocab.record import ExtractionRecord

CORPUS = Path(__file__).parent / "fixtures" / "merge"


class Planted:
    """Unpickling this creates the file `marker`: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (str(self.marker), "w"))


@pytest.fixture(scope="module")
def records() -> list[ExtractionRecord]:
    from kg.extract import Extractor
    from kg.ingest.inputs import iter_inputs

    extractor = Extractor()
    return [extractor(a) for a in iter_inputs([CORPUS])]  # type: ignore[arg-type]


def test_the_state_survives_json_exactly(tmp_path: Path, records) -> None:  # type: ignore[no-untyped-def]
    state = merge_state_of(records, splits=[])
    assert any(len(c.members) > 1 for c in state.clusters.values())  # there are merges to keep
    write_state(state, tmp_path / "state.json")
    back = read_state(tmp_path / "state.json")
    for name in ("base", "features", "edges", "clusters", "cluster_of", "apart", "splits"):
        assert getattr(back, name) == getattr(state, name), name
    json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))  # plain JSON


def test_a_planted_pickle_is_never_loaded(tmp_path: Path, records) -> None:  # type: ignore[no-untyped-def]
    store = GraphStore(tmp_path / "st")
    store.add_records(records[:4])
    live = store.live()
    assert live is not None
    marker = tmp_path / "pwned"
    (live / "state.pickle").write_bytes(pickle.dumps(Planted(marker)))
    store.add_records(records[4:])  # reads the state to merge the new reports
    with store.graph() as g:
        assert len(g) > 1000
    assert not marker.exists()


def test_an_old_pickle_store_gets_one_line_and_can_be_rebuilt(tmp_path: Path, records) -> None:  # type: ignore[no-untyped-def]
    store = GraphStore(tmp_path / "st")
    store.add_records(records[:5])
    with store.graph() as g:
        n = len(g)
    live = store.live()
    assert live is not None
    # what the old version left: format 1, the state pickled, no state.json
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 1
    (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (live / persist.STATE_FILE).unlink()
    marker = tmp_path / "pwned"
    (live / "state.pickle").write_bytes(pickle.dumps(Planted(marker)))
    with pytest.raises(StoreError) as err:
        store.add_records(records[5:])
    message = str(err.value)
    assert "\n" not in message and "--rebuild" in message and str(store.path) in message
    with store.graph() as g:  # reading an old store needs no state
        assert len(g) == n
    store.rebuild(upgrade=True)
    store.add_records(records[5:])
    assert not marker.exists()
    with store.graph() as g:
        assert len(g) > n


def test_the_add_command_rebuilds_an_old_store(tmp_path: Path, records, capsys) -> None:  # type: ignore[no-untyped-def]
    from kg.cli import main

    store = GraphStore(tmp_path / "st")
    store.add_records(records[:3])
    live = store.live()
    assert live is not None
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 1
    (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (live / persist.STATE_FILE).rename(live / "state.pickle")
    assert main(["add", str(CORPUS / "m09-azaz-month.txt"), "--store", str(store.path)]) == 2
    assert "--rebuild" in capsys.readouterr().err
    assert main(["add", "--rebuild", "--store", str(store.path)]) == 0
    assert main(["add", str(CORPUS / "m09-azaz-month.txt"), "--store", str(store.path)]) == 0
    assert "1 articles added" in capsys.readouterr().err
