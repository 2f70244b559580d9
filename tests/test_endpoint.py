"""Loading into and querying real triple-store servers started by the tests (no mocks)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, Namespace
from rdflib import namespace as ns

from kg.cli import main
from kg.sparql.remote import Endpoint, EndpointError, count, query
from kg.sparql.store_load import load
from tests import servers
from tests.servers import Server, _stop, _wait_until_answers, free_port, oxigraph_binary

# the session's servers, shared with the other modules that import them
oxigraph_server = servers.oxigraph_server
virtuoso_server = servers.virtuoso_server

EX = Namespace("http://example.org/t/")
HOSTILE = 'x" } ; DROP ALL ; { "y\' <script>'


def sample_graph(n_extra: int = 20) -> Graph:
    g = Graph()
    g.add((EX.a, ns.RDFS.label, Literal("حلب", lang="ar")))
    g.add((EX.a, ns.RDFS.label, Literal("Aleppo", lang="en")))
    g.add((EX.a, EX.when, Literal(date(2016, 4, 27), datatype=ns.XSD.date)))
    g.add((EX.a, EX.dead, Literal(12)))
    g.add((EX.a, EX.conf, Literal(Decimal("0.75"))))
    g.add((EX.h, ns.RDFS.label, Literal(HOSTILE)))
    g.add((EX.a, EX.note, Literal('line one\nline "two" \\ {braces}')))
    for i in range(n_extra):
        g.add((EX[f"e{i}"], EX.seq, Literal(i)))
    return g


def rows(result) -> list[tuple]:  # type: ignore[no-untyped-def]
    return sorted(tuple(r) for r in result)


def test_graph_store_load_into_named_graph_and_read_back(oxigraph_server: Server) -> None:
    ep = Endpoint.at(oxigraph_server.query_url)
    assert ep.store_url == f"{oxigraph_server.base}/store"
    g = sample_graph()
    report = load(ep, g, "http://example.org/graphs/named")
    assert report.method == "graph-store"
    assert report.after == len(g) == count(ep, "http://example.org/graphs/named")
    assert count(ep) == 0  # nothing leaked into the default graph
    res = query(
        ep,
        "SELECT ?p ?o WHERE { <http://example.org/t/a> ?p ?o }",
        default_graph="http://example.org/graphs/named",
    )
    assert set(rows(res)) == {(p, o) for p, o in g.predicate_objects(EX.a)}


def test_reload_with_replace_leaves_no_stale_triples(oxigraph_server: Server) -> None:
    ep = Endpoint.at(oxigraph_server.query_url)
    target = "http://example.org/graphs/replace"
    load(ep, sample_graph(50), target)
    assert count(ep, target) == len(sample_graph(50))
    smaller = sample_graph(3)
    report = load(ep, smaller, target, replace=True)
    assert report.before == len(sample_graph(50))
    assert report.after == len(smaller)


def test_update_fallback_in_chunks_when_store_has_no_graph_store(oxigraph_server: Server) -> None:
    ep = Endpoint.at(oxigraph_server.query_url, store_url=f"{oxigraph_server.base}/no-such-service")
    g = sample_graph(40)
    g.add((BNode(), EX.blank, Literal("a blank node survives chunking as a skolem IRI")))
    target = "http://example.org/graphs/fallback"
    report = load(ep, g, target, chunk=7)  # many INSERT DATA requests
    assert report.method == "update"
    assert report.after == len(g)
    res = query(ep, "SELECT ?o WHERE { ?s <http://example.org/t/note> ?o }", default_graph=target)
    assert [r[0] for r in res] == [Literal('line one\nline "two" \\ {braces}')]
    res = query(
        ep,
        "SELECT ?o WHERE { <http://example.org/t/a> <http://www.w3.org/2000/01/rdf-schema#label> ?o }",
        default_graph=target,
    )
    assert {r[0] for r in res} == {Literal("حلب", lang="ar"), Literal("Aleppo", lang="en")}


def test_hostile_value_is_bound_as_a_term_not_pasted(oxigraph_server: Server) -> None:
    ep = Endpoint.at(oxigraph_server.query_url)
    target = "http://example.org/graphs/hostile"
    load(ep, sample_graph(), target)
    before = count(ep, target)
    res = query(
        ep,
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        {"name": Literal(HOSTILE)},
        default_graph=target,
    )
    assert [r[0] for r in res] == [EX.h]
    assert count(ep, target) == before


def test_connection_refused_is_reported_plainly() -> None:
    port = free_port()  # nothing listens there
    ep = Endpoint.at(f"http://127.0.0.1:{port}/query", timeout=3)
    with pytest.raises(EndpointError, match="connection refused"):
        load(ep, sample_graph(), "http://example.org/g")


def test_timeout_is_reported_plainly() -> None:
    with socket.socket() as listener:  # accepts connections (kernel backlog) and never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        ep = Endpoint.at(f"http://127.0.0.1:{port}/query", timeout=0.5)
        with pytest.raises(EndpointError, match=r"no answer within 0.5 s"):
            count(ep)


def test_bad_query_reports_the_status_and_the_stores_reason(oxigraph_server: Server) -> None:
    ep = Endpoint.at(oxigraph_server.query_url)
    with pytest.raises(EndpointError, match=r"answered 400"):
        query(ep, "SELECT ?x WHERE { ?x ?y }")


@pytest.fixture
def second_oxigraph(tmp_path) -> Iterator[Server]:  # type: ignore[no-untyped-def]
    port = free_port()
    log = tmp_path / "log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_answers(proc, f"http://127.0.0.1:{port}/query", log)
        yield Server("oxigraph-2", f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}/query")
    finally:
        _stop(proc)


def test_load_that_does_not_arrive_is_not_a_success(oxigraph_server: Server, second_oxigraph: Server) -> None:
    """Writes accepted with 200 by the wrong store (a mistyped --store-url) must fail the count check."""
    ep = Endpoint.at(oxigraph_server.query_url, store_url=f"{second_oxigraph.base}/store")
    with pytest.raises(EndpointError, match="load not complete"):
        load(ep, sample_graph(), "http://example.org/graphs/lost")


# --- Virtuoso: a second, independent store with Digest authentication ------------------------


def test_virtuoso_graph_store_load_with_digest_auth(virtuoso_server: Server) -> None:
    ep = Endpoint.at(virtuoso_server.query_url, user=virtuoso_server.user, password=virtuoso_server.password)
    assert ep.store_url and ep.store_url.endswith("/sparql-graph-crud-auth")
    g = sample_graph(30)
    target = "http://example.org/graphs/virtuoso-gsp"
    report = load(ep, g, target, replace=True)
    assert report.method == "graph-store"
    assert report.after == len(g)
    res = query(
        ep,
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        {"name": Literal(HOSTILE)},
        default_graph=target,
    )
    assert [r[0] for r in res] == [EX.h]


def test_virtuoso_update_fallback_with_auth(virtuoso_server: Server) -> None:
    ep = Endpoint.at(virtuoso_server.query_url, user=virtuoso_server.user, password=virtuoso_server.password)
    g = sample_graph(25)
    target = "http://example.org/graphs/virtuoso-update"
    report = load(ep, g, target, method="update", chunk=10, replace=True)
    assert report.method == "update" and report.after == len(g)
    res = query(ep, "SELECT ?o WHERE { ?s <http://example.org/t/note> ?o }", default_graph=target)
    assert [r[0] for r in res] == [Literal('line one\nline "two" \\ {braces}')]


def test_virtuoso_wrong_password_is_refused_plainly(virtuoso_server: Server) -> None:
    ep = Endpoint.at(virtuoso_server.query_url, user="dba", password="not-the-password")
    with pytest.raises(EndpointError, match="401"):
        load(ep, sample_graph(), "http://example.org/graphs/denied")


def test_virtuoso_anonymous_write_is_refused_plainly(virtuoso_server: Server) -> None:
    ep = Endpoint.at(virtuoso_server.query_url)
    with pytest.raises(EndpointError, match=r"40[13]"):
        load(ep, sample_graph(), "http://example.org/graphs/anonymous")


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def graph_file(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "graph.ttl"
    sample_graph(15).serialize(path, format="turtle")
    return path


def test_cli_load_into_named_graph(oxigraph_server: Server, graph_file, capsys) -> None:  # type: ignore[no-untyped-def]
    target = "http://example.org/graphs/cli"
    argv = ["load", str(graph_file), "--endpoint", oxigraph_server.query_url, "--graph", target, "--replace"]
    assert main(argv) == 0
    assert f"loaded {len(sample_graph(15))} triples into <{target}> by graph-store" in capsys.readouterr().err
    assert count(Endpoint.at(oxigraph_server.query_url), target) == len(sample_graph(15))


def test_cli_load_failures_exit_non_zero_with_the_reason(graph_file, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    refused = f"http://127.0.0.1:{free_port()}/query"
    assert main(["load", str(graph_file), "--endpoint", refused, "--graph", "http://ex/g"]) == 1
    assert "connection refused" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "missing.ttl"), "--endpoint", refused]) == 2
    assert "missing.ttl" in capsys.readouterr().err
    assert main(["load", str(graph_file), "--endpoint", "ftp://x/query"]) == 1
    assert "not an http(s) URL" in capsys.readouterr().err


def test_cli_load_wrong_password_on_virtuoso(virtuoso_server: Server, graph_file, capsys) -> None:  # type: ignore[no-untyped-def]
    argv = ["load", str(graph_file), "--endpoint", virtuoso_server.query_url, "--graph", "http://ex/g"]
    assert main([*argv, "--user", "dba", "--password", "wrong"]) == 1
    assert "401" in capsys.readouterr().err
    assert main([*argv, "--user", "dba", "--password", "dba", "--method", "update", "--chunk", "4"]) == 0
    assert "by update" in capsys.readouterr().err


# --- HTTP Basic: Oxigraph behind nginx -----------------------------------------------------------

oxigraph_basic_auth = servers.oxigraph_basic_auth


def test_basic_auth_load_and_query_through_nginx(oxigraph_basic_auth: Server) -> None:
    s = oxigraph_basic_auth
    ep = Endpoint.at(s.query_url, user=s.user, password=s.password)
    g = sample_graph(12)
    target = "http://example.org/graphs/basic"
    report = load(ep, g, target, replace=True)
    assert report.method == "graph-store" and report.after == len(g)
    fallback = Endpoint.at(s.query_url, user=s.user, password=s.password, store_url=f"{s.base}/nope")
    assert load(fallback, g, target + "-update", chunk=5).method == "update"
    res = query(ep, "SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal(HOSTILE)}, default_graph=target)
    assert [r[0] for r in res] == [EX.h]


def test_basic_auth_refusals_are_plain(oxigraph_basic_auth: Server, graph_file, capsys) -> None:  # type: ignore[no-untyped-def]
    s = oxigraph_basic_auth
    with pytest.raises(EndpointError, match="401"):
        count(Endpoint.at(s.query_url))
    argv = ["load", str(graph_file), "--endpoint", s.query_url, "--graph", "http://ex/g", "--user", s.user]
    assert main([*argv, "--password", "wrong"]) == 1
    assert "401" in capsys.readouterr().err
    assert main(argv) == 1  # no password: a user alone is refused before any request
    assert "both --user and --password" in capsys.readouterr().err


def test_oxigraph_backed_graph_loads_through_its_own_writer(oxigraph_server: Server) -> None:
    from kg.graph.store import new_graph

    g = new_graph()
    g += sample_graph(30)
    g.add((BNode(), EX.blank, Literal("skolemised on the way")))
    ep = Endpoint.at(oxigraph_server.query_url)
    target = "http://example.org/graphs/oxigraph-backed"
    report = load(ep, g, target, replace=True)
    assert report.method == "graph-store" and report.after == len(g)
    res = query(ep, "SELECT ?o WHERE { ?s <http://example.org/t/note> ?o }", default_graph=target)
    assert [r[0] for r in res] == [Literal('line one\nline "two" \\ {braces}')]
