"""`load` of big graphs, loads cut off midway, and the server root URL, on real Oxigraph servers.

- Oxigraph ingests a Graph Store body while it reads it, so sending 20 MB takes seconds; the
  connect timeout used to cover sending the body too, so a big graph failed with "cannot
  connect (is the store running?)" while the server was up.
- A load whose server dies midway used to leave the target half-replaced (cleared, then part of
  the chunks): now everything goes into a temporary graph first and is moved into the target in
  one SPARQL Update, so the target is untouched until the load is whole, and the report says
  how much had gone in.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kg.sparql.remote import Endpoint, count, query_rows
from kg.sparql.store_load import load
from tests import servers
from tests.servers import Server, _stop, _wait_until_answers, free_port, oxigraph_binary

oxigraph_server = servers.oxigraph_server
ROOT = Path(__file__).resolve().parents[1]
TARGET = "http://example.org/graphs/hardening"
STAGING_COUNT = (
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "urn:conflict-kg:load:")) }'
)


def write_nt(path: Path, n: int, tag: str = "v") -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            s, p = f"<http://ex.org/{tag}/s{i}>", f"<http://ex.org/p{i % 50}>"
            f.write(f'{s} {p} "{tag} value {i}, some text to weigh" .\n')
    return path


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def test_a_big_body_is_not_cut_off_by_the_connect_timeout(oxigraph_server: Server, tmp_path: Path) -> None:
    big = write_nt(tmp_path / "big.nt", 200_000)  # ~20 MB: seconds for Oxigraph to take in
    graph = "http://example.org/graphs/big"
    done = cli("load", str(big), "--endpoint", oxigraph_server.query_url, "--graph", graph, "--replace",
               "--timeout", "1", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert count(Endpoint.at(oxigraph_server.query_url), graph) == 200_000


def test_the_server_root_is_accepted(oxigraph_server: Server, tmp_path: Path) -> None:
    small = write_nt(tmp_path / "small.nt", 30, tag="root")
    graph = "http://example.org/graphs/root"
    for url in (oxigraph_server.base, oxigraph_server.base + "/"):
        done = cli("load", str(small), "--endpoint", url, "--graph", graph, "--replace", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        done = cli("query", "--endpoint", url, "--graph", graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                   "--format", "csv", cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.split()[-1] == "30"
    assert Endpoint.at(oxigraph_server.base).store_url == oxigraph_server.base + "/store"


def test_nothing_is_left_of_a_load_in_the_store_but_the_target(oxigraph_server: Server) -> None:
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    for i in range(40):
        g.add((URIRef(f"http://ex.org/t/{i}"), URIRef("http://ex.org/p"), Literal(i)))
    ep = Endpoint.at(oxigraph_server.query_url)
    for method in ("graph-store", "update"):
        report = load(ep, g, TARGET, replace=True, method=method, chunk=7)
        assert report.after == 40
        assert query_rows(ep, STAGING_COUNT)[1][0][0].toPython() == 0  # the temporary graph is gone


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[tuple[Server, subprocess.Popen[bytes], Path]]:
    port = free_port()
    log = tmp_path / "log"
    location = tmp_path / "db"

    def start() -> subprocess.Popen[bytes]:
        with log.open("ab") as out:
            return subprocess.Popen(
                [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip

    proc = start()
    base = f"http://127.0.0.1:{port}"
    procs = [proc]
    try:
        _wait_until_answers(proc, f"{base}/query", log)
        yield Server("oxigraph-own", base, f"{base}/query", log=log), proc, location
        # the test killed it: start it again on the same database to look at what is left
        again = start()
        procs.append(again)
        _wait_until_answers(again, f"{base}/query", log)
        ep = Endpoint.at(f"{base}/query")
        assert count(ep, TARGET) == 25  # the target as it was before the load
    finally:
        for p in procs:
            _stop(p)


def test_a_load_cut_off_midway_leaves_the_target_and_says_how_far_it_got(own_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, proc, _location = own_server
    old = write_nt(tmp_path / "old.nt", 25, tag="old")
    done = cli("load", str(old), "--endpoint", server.query_url, "--graph", TARGET, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    big = write_nt(tmp_path / "new.nt", 60_000, tag="new")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    loading = subprocess.Popen(
        [sys.executable, "-m", "kg", "load", str(big), "--endpoint", server.query_url, "--graph", TARGET,
         "--replace", "--method", "update", "--chunk", "500"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and loading.poll() is None:
            r = requests.post(server.query_url, data={"query": STAGING_COUNT}, headers={"Accept": "text/csv"})
            if int(r.text.split()[-1]) >= 2000:  # a few chunks are in: cut the store off now
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.05)
        else:
            pytest.fail("the load ended before it could be cut off")
        _out, err = loading.communicate(timeout=120)
    finally:
        if loading.poll() is None:
            loading.kill()
    assert loading.returncode != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "partial" in lines[0] and "chunks" in lines[0] and "unchanged" in lines[0], lines[0]
