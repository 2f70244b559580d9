"""Reading a store never writes into it: query, stats, validate and export open it read-only.

A store made by `add` is a directory of generations (STORE/CURRENT names the live one); opening
that directory as an Oxigraph database used to read the store's own CURRENT as RocksDB's and
fail with "CURRENT file corrupted", and every read left a RocksDB log behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from benchmarks.hardening_faults import read_only as read_only_for_real

CORPUS = Path(__file__).parent / "fixtures" / "merge"
ROOT = Path(__file__).resolve().parents[1]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def tree(path: Path) -> dict[str, tuple[int, int]]:
    """Every file under `path` with its size and modification time (ns)."""
    out = {}
    for p in sorted(path.rglob("*")):
        st = p.lstat()
        out[str(p.relative_to(path))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("reading")
    done = cli("add", str(CORPUS), "--store", "st", cwd=where)
    assert done.returncode == 0, done.stderr
    return where / "st"


@pytest.mark.parametrize(
    "args",
    [
        ("query", "{store}", COUNT, "--format", "csv"),
        ("query", "--store", "{store}", COUNT, "--format", "csv"),
        ("stats", "{store}"),
        ("stats", "--store", "{store}"),
        ("validate", "{store}"),
        ("validate", "--store", "{store}"),
        ("export", "--store", "{store}", "--out", "{out}", "--no-html"),
    ],
)
def test_reading_a_store_works_and_writes_nothing_into_it(store: Path, tmp_path: Path, args) -> None:  # type: ignore[no-untyped-def]
    before = tree(store)
    words = [a.replace("{store}", str(store)).replace("{out}", str(tmp_path / "out")) for a in args]
    done = cli(*words, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert tree(store) == before  # not one file added, removed or touched
    if args[0] == "query":
        assert int(done.stdout.split()[-1]) > 1000  # the count row: the graph is there
    if args[0] == "validate":
        assert "conforms" in done.stdout


@pytest.fixture
def read_only(store: Path) -> Iterator[Path]:
    """The store made read-only for real: chmod for a user, the immutable flag for root (who
    ignores permission bits); skipped where neither can be had."""
    dirs = [store, *[p for p in store.rglob("*") if p.is_dir()]]
    with ExitStack() as stack:
        try:
            stack.enter_context(read_only_for_real(*dirs))
        except RuntimeError as exc:  # root, and no immutable flag on this filesystem
            pytest.skip(str(exc))
        yield store


def test_a_read_only_store_can_be_queried_and_exported(read_only: Path, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        (read_only / "probe").write_text("x")  # the folder really is read-only
    done = cli("query", "--store", str(read_only), COUNT, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = cli("export", "--store", str(read_only), "--out", str(tmp_path / "out"), "--no-html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 1000


def test_a_folder_that_is_no_store_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for args in (("query", "--store", "empty", COUNT), ("stats", "empty"), ("validate", "--store", "empty")):
        done = cli(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "empty" in done.stderr
        assert list((tmp_path / "empty").iterdir()) == []  # no database created by looking at it
