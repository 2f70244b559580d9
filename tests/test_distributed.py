"""A real Dask cluster (scheduler and two worker processes) writes exactly the records a local run does."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest
from scale_inputs import article_line, write_jsonl_gz
from standin_extractor import FACTORY, PROBE, RAISE_MARK

from kg.cli import main
from kg.run.pipeline import RunOptions, extract_to_dir

N = 30


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never collide with another cluster
        silence_logs=logging.ERROR,
    ) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [article_line(i) for i in range(N)]
    lines.insert(3, "not json at all")
    lines.insert(9, article_line(777, extra=" " + RAISE_MARK))
    return write_jsonl_gz(tmp_path_factory.mktemp("in") / "d.jsonl.gz", lines)


def record_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "records").glob("*.json"))}


def test_cluster_records_equal_local_records(
    cluster: distributed.LocalCluster, corpus: Path, tmp_path: Path
) -> None:
    local = extract_to_dir([corpus], tmp_path / "local", RunOptions(workers=1, extractor=FACTORY, quiet=True))
    remote = extract_to_dir(
        [corpus],
        tmp_path / "dask",
        RunOptions(scheduler=cluster.scheduler_address, extractor=FACTORY, batch_size=4, quiet=True),
    )
    assert len(record_files(tmp_path / "local")) == N
    assert record_files(tmp_path / "dask") == record_files(tmp_path / "local")
    assert remote.processed == local.processed
    assert remote.errors == local.errors
    assert f"{corpus}:4: malformed JSON" in remote.errors[0]
    assert f"{corpus}:10: extraction failed" in remote.errors[1]


def test_each_dask_worker_builds_the_extractor_once(
    cluster: distributed.LocalCluster, tmp_path: Path
) -> None:
    src = write_jsonl_gz(tmp_path / "p.jsonl.gz", [article_line(i) for i in range(N)])
    extract_to_dir(
        [src],
        tmp_path,
        RunOptions(scheduler=cluster.scheduler_address, extractor=PROBE, batch_size=2, quiet=True),
    )
    metas = [json.loads(b)["meta"] for b in record_files(tmp_path).values()]
    with distributed.Client(cluster.scheduler_address) as client:
        worker_pids = {str(pid) for pid in client.run(lambda: __import__("os").getpid()).values()}
    assert len(metas) == N
    assert {m["probe_builds"] for m in metas} == {"1"}
    assert {m["probe_pid"] for m in metas} == worker_pids and len(worker_pids) == 2


def test_cli_dask_flag_runs_its_own_local_cluster(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "extract",
        str(corpus),
        "--out",
        str(tmp_path),
        "--dask",
        "--workers",
        "2",
        "--extractor",
        FACTORY,
    ]
    assert main(args) == 0
    assert f"{N} articles extracted, 2 skipped" in capsys.readouterr().err
    assert len(record_files(tmp_path)) == N


def test_shards_mode_workers_read_and_write_whole_files_with_the_same_records(
    cluster: distributed.LocalCluster, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--shards: three input files, each given whole to a worker that writes its own records."""
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl_gz(shards / "s1.jsonl.gz", [article_line(i) for i in range(0, 10)])
    write_jsonl_gz(shards / "s2.jsonl.gz", [article_line(i) for i in range(10, 20)] + ["{oops"])
    write_jsonl_gz(shards / "s3.jsonl.gz", [article_line(i) for i in range(20, N)])
    local = extract_to_dir([shards], tmp_path / "local", RunOptions(workers=1, extractor=FACTORY, quiet=True))
    sharded = RunOptions(scheduler=cluster.scheduler_address, shards=True, extractor=FACTORY, quiet=True)
    remote = extract_to_dir([shards], tmp_path / "dask", sharded)
    assert len(record_files(tmp_path / "local")) == N
    assert record_files(tmp_path / "dask") == record_files(tmp_path / "local")
    assert remote.processed == local.processed and remote.errors == local.errors
    assert f"{shards / 's2.jsonl.gz'}:11: malformed JSON" in remote.errors[0]
    again = extract_to_dir([shards], tmp_path / "dask", RunOptions(**{**sharded.__dict__, "resume": True}))
    assert len(again.reused) == N and not again.processed
    assert main(["extract", str(shards), "--out", str(tmp_path / "x"), "--shards"]) == 2
    assert "add --dask" in capsys.readouterr().err


@pytest.fixture(scope="module")
def external_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and `dask worker` as their own processes, the way a real cluster runs."""
    tmp = tmp_path_factory.mktemp("cluster")
    info = tmp / "scheduler.json"
    dask = str(Path(sys.executable).with_name("dask"))
    tests_dir = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests_dir.parent), str(tests_dir)])}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": tmp}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)], **quiet
    )
    workers = subprocess.Popen(
        [
            dask,
            "worker",
            "--scheduler-file",
            str(info),
            "--nworkers",
            "2",
            "--nthreads",
            "1",
            "--no-dashboard",
        ],
        **quiet,
    )
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        with distributed.Client(address) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in (workers, scheduler):  # only the two processes this fixture started
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_cli_on_an_external_scheduler_writes_the_local_records(
    external_cluster: str, corpus: Path, tmp_path: Path
) -> None:
    extract_to_dir([corpus], tmp_path / "local", RunOptions(workers=1, extractor=FACTORY, quiet=True))
    args = ["extract", str(corpus), "--out", str(tmp_path / "remote"), "--extractor", FACTORY]
    assert main([*args, "--scheduler", external_cluster]) == 0
    assert len(record_files(tmp_path / "local")) == N
    assert record_files(tmp_path / "remote") == record_files(tmp_path / "local")


def test_an_id_two_shards_share_is_reported(cluster: distributed.LocalCluster, tmp_path: Path) -> None:
    """Shard workers cannot see each other's ids: the client reports the repeat by id."""
    shards = tmp_path / "shards"
    shards.mkdir()
    write_jsonl_gz(shards / "s1.jsonl.gz", [article_line(i) for i in range(0, 3)])
    write_jsonl_gz(shards / "s2.jsonl.gz", [article_line(i) for i in range(2, 5)])
    sharded = RunOptions(scheduler=cluster.scheduler_address, shards=True, extractor=FACTORY, quiet=True)
    summary = extract_to_dir([shards], tmp_path / "out", sharded)
    assert summary.processed == [f"art-{i:04d}" for i in range(5)]
    (error,) = summary.errors
    assert "art-0002" in error and "another shard" in error
