"""Loading a graph into a running store so that the target graph is never left half-loaded.

Everything goes first into a temporary named graph (`urn:conflict-kg:load:UUID`) — by one SPARQL
1.1 Graph Store Protocol request, or by SPARQL Update `INSERT DATA` in chunks when the store has
no graph-store service — and is counted there; only then one SPARQL Update moves it into the
target (`MOVE`, which replaces the target, for `--replace`; `ADD` then `DROP` otherwise). A load
cut off midway (the store dies, the network drops, Ctrl-C) therefore leaves the target as it
was: the temporary graph is dropped when the store can still be reached, and the one-line
report says how far the upload got (chunks and triples) and, if the store could not be reached,
which graph to drop. The target's triple count is checked at the end as before, because a store
that drops part of a request while answering 200 must not be reported as a success.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kg.sparql.remote import (
    DEFAULT_CHUNK,
    GSP_UNSUPPORTED,
    Endpoint,
    EndpointError,
    _check,
    _valid_iri,
    count,
    request,
)

STAGING_PREFIX = "urn:conflict-kg:load:"
MOVE_RATE = 10_000  # triples a second a store is given to move the loaded graph into the target


@dataclass
class LoadReport:
    """What a load did: the method used and the store's counts, checked against what was sent."""

    method: str  # "graph-store" or "update"
    sent: int
    before: int
    after: int
    graph: str | None

    def describe(self) -> str:
        where = f"<{self.graph}>" if self.graph else "the default graph"
        return (
            f"loaded {self.sent} triples into {where} by {self.method} "
            f"(store now holds {self.after} there, {self.before} before)"
        )


@dataclass
class _Upload:
    """How far an upload into the temporary graph got, for the report of a cut-off load."""

    method: str = "graph-store"
    chunks: int = 0  # chunks the store accepted
    total_chunks: int = 1
    triples: int = 0  # triples in the accepted chunks


def _ntriples(triples: list[tuple[Identifier, Identifier, Identifier]]) -> str:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples)


def _chunks(graph: Graph, size: int) -> Iterator[list[tuple[Identifier, Identifier, Identifier]]]:
    batch: list[tuple[Identifier, Identifier, Identifier]] = []
    for triple in graph:
        batch.append(triple)  # type: ignore[arg-type]
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _update(endpoint: Endpoint, text: str, what: str, work: float = 0.0) -> None:
    url = endpoint.update_url or endpoint.query_url
    _check(request(endpoint, "POST", url, work=work, data={"update": text}), what)


def _upload_gsp(endpoint: Endpoint, graph: Graph, staging: str) -> int:
    """PUT the whole graph into the temporary graph; the HTTP status (GSP_UNSUPPORTED: none)."""
    assert endpoint.store_url
    from kg.graph.store import is_oxigraph

    # Oxigraph's own writer is ten times faster than rdflib's on a graph it holds
    body = graph.serialize(format="ox-ntriples" if is_oxigraph(graph) else "nt", encoding="utf-8")
    resp = request(
        endpoint,
        "PUT",
        endpoint.store_url,
        params={"graph": staging},
        data=body,
        headers={"Content-Type": "application/n-triples; charset=utf-8"},
    )
    if resp.status_code not in GSP_UNSUPPORTED:
        _check(resp, "graph-store load")
    return resp.status_code


def _upload_update(endpoint: Endpoint, graph: Graph, staging: str, chunk: int, up: _Upload) -> None:
    up.method, up.total_chunks = "update", max(1, -(-len(graph) // chunk))
    into = URIRef(staging).n3()
    for i, batch in enumerate(_chunks(graph, chunk)):
        _update(endpoint, f"INSERT DATA {{ GRAPH {into} {{\n{_ntriples(batch)}}} }}", f"insert chunk {i + 1}")
        up.chunks, up.triples = i + 1, up.triples + len(batch)


def _upload(endpoint: Endpoint, graph: Graph, staging: str, method: str, chunk: int, up: _Upload) -> None:
    if method in ("auto", "graph-store") and endpoint.store_url:
        status = _upload_gsp(endpoint, graph, staging)
        if status not in GSP_UNSUPPORTED:
            up.chunks, up.triples = 1, len(graph)
            return
        if method == "graph-store":
            raise EndpointError(f"graph-store load: {endpoint.store_url} answered {status}")
    elif method == "graph-store":
        raise EndpointError("no graph-store URL known for this endpoint; give --store-url")
    _upload_update(endpoint, graph, staging, chunk, up)


def _drop(endpoint: Endpoint, staging: str) -> bool:
    try:
        _update(endpoint, f"DROP SILENT GRAPH {URIRef(staging).n3()}", "drop the temporary graph")
    except EndpointError:
        return False
    return True


def _cut_off(
    endpoint: Endpoint, exc: BaseException, staging: str, up: _Upload, sent: int, where: str, before: int
) -> EndpointError:
    """One line: what went wrong, how far the upload got, what was rolled back."""
    reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else str(exc)
    if up.method == "update":
        got = f"{up.chunks} of {up.total_chunks} chunks ({up.triples} of {sent} triples)"
    else:
        got = f"the single graph-store request of {sent} triples, not completed,"
    dropped = _drop(endpoint, staging)
    left = (
        "which was removed"
        if dropped
        else f"which could not be removed (DROP GRAPH <{staging}> once the store is back)"
    )
    return EndpointError(
        f"load cut off: {reason}; partial: {got} had gone into the temporary graph <{staging}>, {left}; "
        f"{where} is unchanged ({before} triples)"
    )


def load(
    endpoint: Endpoint,
    graph: Graph,
    target: str | None = None,
    *,
    replace: bool = False,
    method: str = "auto",
    chunk: int = DEFAULT_CHUNK,
) -> LoadReport:
    """Put `graph` into the store (into named graph `target` if given) and check it arrived.

    `replace` empties the target graph (in the same update that moves the new triples in), so
    re-loading a rebuilt graph leaves no stale triples. `method` is "graph-store", "update" or
    "auto" (Graph Store Protocol, falling back to Update when the store has no graph-store
    service). A graph holding blank nodes is skolemised first (rdflib's /.well-known/genid/
    IRIs): blank nodes cannot be split across requests without each one minting new ones.
    """
    if target is not None:
        _valid_iri(target)
    if method not in ("auto", "graph-store", "update"):
        raise EndpointError(f"unknown load method {method!r}")
    if graph.query("ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }").askAnswer:
        graph = graph.skolemize()
    sent = len(graph)
    before = count(endpoint, target)
    where = f"<{target}>" if target else "the default graph"
    staging = f"{STAGING_PREFIX}{uuid.uuid4().hex}"
    up = _Upload()
    try:
        _upload(endpoint, graph, staging, method, max(1, chunk), up)
    except (EndpointError, KeyboardInterrupt) as exc:
        raise _cut_off(endpoint, exc, staging, up, sent, where, before) from exc
    arrived = count(endpoint, staging)
    if arrived != sent:
        _drop(endpoint, staging)
        raise EndpointError(
            f"load not complete: sent {sent} triples by {up.method}, but the store holds {arrived} of them; "
            f"{where} is unchanged"
        )
    _move_in(endpoint, staging, target, replace, sent)
    after = count(endpoint, target)
    expected_low = sent if replace or before == 0 else max(before, sent)
    expected_high = sent if replace else before + sent
    if not expected_low <= after <= expected_high:
        raise EndpointError(
            f"load not complete: sent {sent} triples by {up.method}, but the store holds {after} "
            f"there (had {before}); expected between {expected_low} and {expected_high}"
        )
    return LoadReport(up.method, sent, before, after, target)


def _move_in(endpoint: Endpoint, staging: str, target: str | None, replace: bool, sent: int) -> None:
    """One update: MOVE replaces the target with the loaded graph; ADD merges it in (the DROP is
    SILENT because Virtuoso does not count a graph made by inserts as created)."""
    src = f"GRAPH {URIRef(staging).n3()}"
    dst = f"GRAPH {URIRef(target).n3()}" if target else "DEFAULT"
    text = f"MOVE {src} TO {dst}" if replace else f"ADD {src} TO {dst} ; DROP SILENT {src}"
    try:
        _update(endpoint, text, "move the loaded graph into the target", work=sent / MOVE_RATE)
    except EndpointError as exc:
        dropped = _drop(endpoint, staging)
        tail = "" if dropped else f"; DROP GRAPH <{staging}> once the store is back"
        raise EndpointError(f"{exc} (the loaded triples were in <{staging}>{tail})") from exc
