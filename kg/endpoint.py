"""Talk to a running triple store: load a graph into it, count what it holds, query it.

Analysts keep their graphs in a shared store (Oxigraph, Virtuoso, Fuseki, GraphDB…), so a
build must be able to land there and the saved queries must run there unchanged. Only the W3C
protocols are used, so no store-specific client is needed:

- loading: the SPARQL 1.1 Graph Store HTTP Protocol (one request carrying the whole graph);
  when the store has no such service (404/405/415/501), SPARQL 1.1 Update `INSERT DATA` in
  chunks. Either way the store's triple count is checked afterwards, because a store that
  drops part of a request while answering 200 must not be reported as a success.
- querying: the SPARQL 1.1 Protocol (POST form), results read back into rdflib terms so a
  remote answer is the same Python value as an embedded one.

Stores lay out their services differently, so `Endpoint.at(url)` derives the update and
graph-store addresses from the query address for the layouts it knows (see `_LAYOUTS`), and
each can be given explicitly. Credentials are sent with HTTP Basic, or Digest when the
server's challenge asks for it (Virtuoso's authenticated services do).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier

# Graph Store Protocol answers that mean "no such service here", so the loader falls back to Update.
GSP_UNSUPPORTED = {404, 405, 406, 415, 501}
DEFAULT_TIMEOUT = 300.0  # seconds to wait for an answer: a store answers a big load only once it is in
CONNECT_TIMEOUT = 10.0
DEFAULT_CHUNK = 5000


class EndpointError(Exception):
    """A store could not be reached or refused a request; the message says which and why."""


@dataclass(frozen=True)
class Layout:
    """How one kind of store names its services, relative to the query URL's last segment."""

    query_tail: str
    update_tail: str
    store_tail: str
    auth_update_tail: str | None = None  # some stores move authenticated services elsewhere
    auth_store_tail: str | None = None


# Keyed by the last path segment of the query URL. Oxigraph: /query /update /store.
# Fuseki: /ds/query (or /ds/sparql) /ds/update /ds/data. Virtuoso: /sparql for both query and
# update, /sparql-graph-crud for the graph store, and the -auth variants when credentials are given.
_LAYOUTS: dict[str, Layout] = {
    "query": Layout("query", "update", "store"),
    "sparql": Layout("sparql", "sparql", "sparql-graph-crud", "sparql-auth", "sparql-graph-crud-auth"),
}


def _sibling(url: str, tail: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{parent}/{tail}", "", ""))


@dataclass(frozen=True)
class Endpoint:
    """Where a store answers queries, updates and graph-store requests, and how to log in."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # never printed with the endpoint
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def at(
        cls,
        url: str,
        *,
        update_url: str | None = None,
        store_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Endpoint:
        """An endpoint from its query URL, filling in the other services for known layouts."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise EndpointError(f"{url}: not an http(s) URL")
        if (user is None) != (password is None):
            raise EndpointError("give both --user and --password, or neither")
        tail = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        layout = _LAYOUTS.get(tail)
        authed = user is not None
        if layout is not None:
            up = (layout.auth_update_tail if authed else None) or layout.update_tail
            st = (layout.auth_store_tail if authed else None) or layout.store_tail
            query = _sibling(url, layout.auth_update_tail) if authed and layout.auth_update_tail else url
            return cls(
                query_url=query,
                update_url=update_url or _sibling(url, up),
                store_url=store_url or _sibling(url, st),
                user=user,
                password=password,
                timeout=timeout,
            )
        return cls(url, update_url, store_url, user, password, timeout)


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


# --- HTTP -----------------------------------------------------------------------------------


def _short_body(resp: requests.Response) -> str:
    """The gist of an error page, so a user sees the store's reason rather than HTML."""
    text = resp.text if resp.content else ""
    text = re.sub(r"(?is)<(script|style|title)\b.*?</\1>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    return text[:300] + ("…" if len(text) > 300 else "")


def _auth_for(resp: requests.Response, user: str, password: str) -> requests.auth.AuthBase | None:
    # Virtuoso answers Basic credentials with a bare 401 (no challenge at all), so anything but
    # an explicit Basic challenge is worth one Digest try.
    challenge = resp.headers.get("WWW-Authenticate", "").strip().lower()
    if not challenge or challenge.startswith("digest"):
        return requests.auth.HTTPDigestAuth(user, password)
    return None


def request(endpoint: Endpoint, method: str, url: str, **kwargs: object) -> requests.Response:
    """Send one request; raise EndpointError with a plain message on any failure.

    Basic credentials go with the first request; if the server challenges for Digest instead,
    the request is repeated with Digest.
    """
    auth: requests.auth.AuthBase | None = None
    if endpoint.user is not None and endpoint.password is not None:
        auth = requests.auth.HTTPBasicAuth(endpoint.user, endpoint.password)
    try:
        timeout = (min(CONNECT_TIMEOUT, endpoint.timeout), endpoint.timeout)
        resp = requests.request(method, url, auth=auth, timeout=timeout, **kwargs)  # type: ignore[arg-type]
        if resp.status_code == 401 and endpoint.user is not None and endpoint.password is not None:
            digest = _auth_for(resp, endpoint.user, endpoint.password)
            if digest is not None:
                resp = requests.request(method, url, auth=digest, timeout=timeout, **kwargs)  # type: ignore[arg-type]
    except requests.exceptions.ConnectionError as exc:
        reason = "connection refused" if "refused" in str(exc).lower() else "cannot connect"
        raise EndpointError(f"{url}: {reason} (is the store running?)") from exc
    except requests.exceptions.Timeout as exc:
        raise EndpointError(f"{url}: no answer within {endpoint.timeout:g} s") from exc
    except requests.exceptions.RequestException as exc:
        raise EndpointError(f"{url}: {exc}") from exc
    return resp


def _check(resp: requests.Response, what: str) -> requests.Response:
    if resp.status_code >= 400:
        hint = {401: " (wrong or missing --user/--password?)", 403: " (no permission)"}.get(
            resp.status_code, ""
        )
        body = _short_body(resp)
        raise EndpointError(
            f"{what}: {resp.url} answered {resp.status_code} {resp.reason}{hint}"
            + (f": {body}" if body else "")
        )
    return resp


# --- query ----------------------------------------------------------------------------------

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside the prologue."""
    stripped = re.sub(r"(?m)^\s*#.*$", "", sparql)
    stripped = re.sub(r"<[^<>\s]*>", "<>", stripped)
    m = _FORM.search(stripped)
    if not m:
        raise EndpointError("not a SPARQL query (no SELECT, ASK, CONSTRUCT or DESCRIBE)")
    return m.group(1).upper()


def query(
    endpoint: Endpoint,
    sparql: str,
    bindings: Mapping[str, Identifier] | None = None,
    default_graph: str | None = None,
) -> Result:
    """Run a query over the SPARQL protocol; the answer comes back as an rdflib Result.

    Bindings are sent as a VALUES block of RDF terms (see kg.queries.with_values), never pasted
    into the text, so a hostile value cannot change what the query does.
    """
    from kg.queries import with_values

    text = with_values(sparql, bindings) if bindings else sparql
    form = query_form(text)
    accept = (
        "application/sparql-results+json"
        if form in ("SELECT", "ASK")
        else "application/n-triples, text/turtle;q=0.9"
    )
    data: dict[str, str] = {"query": text}
    if default_graph:
        data["default-graph-uri"] = default_graph
    resp = _check(
        request(endpoint, "POST", endpoint.query_url, data=data, headers={"Accept": accept}),
        "query",
    )
    if form in ("SELECT", "ASK"):
        try:
            return Result.parse(io.BytesIO(resp.content), format="json")
        except Exception as exc:
            raise EndpointError(f"query: {endpoint.query_url} sent an unreadable answer: {exc}") from exc
    result = Result(form)
    g = Graph()
    ctype = resp.headers.get("Content-Type", "application/n-triples").split(";")[0].strip()
    g.parse(data=resp.content, format="turtle" if "turtle" in ctype else "nt")
    result.graph = g
    return result


_PREFIX_DECL = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:")


def with_prefixes(sparql: str) -> str:
    """The query with the project's prefixes (ckg:, sem:, ...) declared where it does not.

    The embedded graph predeclares them (kg.query.run_query); a remote store knows none, so a
    short query typed at the shell works the same on both.
    """
    from kg.terms import PREFIXES

    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(sparql)}
    missing = [f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items() if k not in declared]
    return "\n".join([*missing, sparql]) if missing else sparql


def query_rows(
    endpoint: Endpoint,
    sparql: str,
    bindings: Mapping[str, Identifier] | None = None,
    default_graph: str | None = None,
) -> tuple[list[str], list[tuple[Identifier | None, ...]]]:
    """Like kg.query.run_query, over the SPARQL protocol: (column names, rows of RDF terms)."""
    result = query(endpoint, with_prefixes(sparql), bindings, default_graph)
    if result.type == "ASK":
        return ["ask"], [(Literal(bool(result.askAnswer)),)]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["s", "p", "o"], sorted(tuple(t) for t in result.graph)  # type: ignore[misc]
    rows = [tuple(_rdf11(term) for term in row) for row in result]  # type: ignore[union-attr]
    return [str(v) for v in result.vars or []], rows


def _rdf11(term: Identifier | None) -> Identifier | None:
    """A simple literal as xsd:string (RDF 1.1), as the embedded store gives it, so rows compare equal."""
    if isinstance(term, Literal) and term.datatype is None and term.language is None:
        return Literal(str(term), datatype=XSD.string)
    return term


def count(endpoint: Endpoint, graph: str | None = None) -> int:
    """Triples in a named graph (or the default graph) of the store."""
    where = f"GRAPH {URIRef(_valid_iri(graph)).n3()} {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    res = query(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    rows = list(res)
    return int(rows[0][0]) if rows else 0  # type: ignore[index, arg-type]


# --- load -----------------------------------------------------------------------------------

_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')


def _valid_iri(iri: str | None) -> str:
    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise EndpointError(f"not a usable graph IRI: {iri!r}")
    return iri


def _gsp_params(graph: str | None) -> dict[str, str]:
    return {"graph": graph} if graph else {"default": ""}


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


def _load_gsp(endpoint: Endpoint, graph: Graph, target: str | None, replace: bool) -> requests.Response:
    assert endpoint.store_url
    from kg.graph.store import is_oxigraph

    # Oxigraph's own writer is ten times faster than rdflib's on a graph it holds
    body = graph.serialize(format="ox-ntriples" if is_oxigraph(graph) else "nt", encoding="utf-8")
    return request(
        endpoint,
        "PUT" if replace else "POST",
        endpoint.store_url,
        params=_gsp_params(target),
        data=body,
        headers={"Content-Type": "application/n-triples; charset=utf-8"},
    )


def _load_update(endpoint: Endpoint, graph: Graph, target: str | None, replace: bool, chunk: int) -> None:
    url = endpoint.update_url or endpoint.query_url
    into = URIRef(target).n3() if target else None

    def update(text: str, what: str) -> None:
        _check(request(endpoint, "POST", url, data={"update": text}), what)

    if replace:
        update(f"CLEAR SILENT GRAPH {into}" if into else "CLEAR SILENT DEFAULT", "clear")
    for i, batch in enumerate(_chunks(graph, chunk)):
        triples = _ntriples(batch)
        body = f"GRAPH {into} {{\n{triples}}}" if into else triples
        update(f"INSERT DATA {{\n{body}}}", f"insert chunk {i + 1}")


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

    `replace` empties the target graph first, so re-loading a rebuilt graph leaves no stale
    triples. `method` is "graph-store", "update" or "auto" (Graph Store Protocol, falling back
    to Update when the store has no graph-store service).

    Blank nodes cannot be split across update requests without each request minting new
    ones, so a graph holding them is skolemised before loading (rdflib's /.well-known/genid/ IRIs).
    """
    if target is not None:
        _valid_iri(target)
    if method not in ("auto", "graph-store", "update"):
        raise EndpointError(f"unknown load method {method!r}")
    if graph.query("ASK { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) }").askAnswer:
        graph = graph.skolemize()
    sent = len(graph)
    before = count(endpoint, target)
    used = "update"
    if method in ("auto", "graph-store") and endpoint.store_url:
        resp = _load_gsp(endpoint, graph, target, replace)
        if resp.status_code in GSP_UNSUPPORTED and method == "auto":
            _load_update(endpoint, graph, target, replace, chunk)
        else:
            _check(resp, "graph-store load")
            used = "graph-store"
    elif method == "graph-store":
        raise EndpointError("no graph-store URL known for this endpoint; give --store-url")
    else:
        _load_update(endpoint, graph, target, replace, chunk)
    after = count(endpoint, target)
    report = LoadReport(used, sent, before, after, target)
    expected_low = sent if replace or before == 0 else max(before, sent)
    expected_high = sent if replace else before + sent
    if not expected_low <= after <= expected_high:
        raise EndpointError(
            f"load not complete: sent {sent} triples by {used}, but the store holds {after} "
            f"there (had {before}); expected between {expected_low} and {expected_high}"
        )
    return report
