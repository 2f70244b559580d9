"""Talk to a running triple store: load a graph into it, count what it holds, query it.

Analysts keep their graphs in a shared store (Oxigraph, Virtuoso, Fuseki, GraphDB…), so a
build must be able to land there and the saved queries must run there unchanged. Only the W3C
protocols are used, so no store-specific client is needed:

- loading (kg.sparql.store_load, built on this module's requests): the SPARQL 1.1 Graph
  Store HTTP Protocol, or SPARQL 1.1 Update `INSERT DATA` in chunks, into a temporary graph
  moved into the target in one update, with the store's triple count checked afterwards.
- querying: the SPARQL 1.1 Protocol (POST form), results read back into rdflib terms so a
  remote answer is the same Python value as an embedded one; `RemoteGraph` puts a store's
  graph behind the Queryable protocol the embedded graph shares (kg.sparql.queryable).

Stores lay out their services differently, so `Endpoint.at(url)` derives the update and
graph-store addresses from the query address for the layouts it knows (see `_LAYOUTS`), and
each can be given explicitly; the server root is read as Oxigraph's layout. Credentials are
sent with HTTP Basic, or Digest when the server's challenge asks for it (Virtuoso's
authenticated services do).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.sparql.queryable import Bindings, Rows, rows_of
from kg.sparql.text import BAD_IRI, with_prefixes, with_values

# Graph Store Protocol answers that mean "no such service here", so the loader falls back to Update.
GSP_UNSUPPORTED = {404, 405, 406, 415, 501}
DEFAULT_TIMEOUT = 300.0  # seconds to wait for an answer: a store answers a big load only once it is in
CONNECT_TIMEOUT = 10.0
MIN_RATE = 100_000  # bytes a second a store is given to take a request body in
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
        if urlsplit(url).path.strip("/") == "":  # the server root: Oxigraph's layout
            url = url.rstrip("/") + "/query"
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


def _body_size(data: object) -> int:
    if isinstance(data, bytes | str):
        return len(data)
    if isinstance(data, Mapping):
        return sum(len(str(v)) for v in data.values())
    return 0


def timeouts(endpoint: Endpoint, body: int = 0, work: float = 0.0) -> tuple[float, float]:
    """(connect, read) timeouts that fit the request: urllib3 sends the body while the connect
    timeout still governs the socket, and a store such as Oxigraph takes a body in as fast as
    it parses it (a 66 MB graph: a minute), so both grow with the body (at MIN_RATE bytes a
    second) and with `work` seconds the store is expected to need before it answers."""
    extra = body / MIN_RATE + work
    return min(CONNECT_TIMEOUT, endpoint.timeout) + extra, endpoint.timeout + extra


def _unreachable(url: str, exc: requests.exceptions.ConnectionError, size: int) -> EndpointError:
    text = str(exc).lower()
    if "refused" in text:
        return EndpointError(f"{url}: connection refused (is the store running?)")
    if "timed out" in text:
        return EndpointError(f"{url}: the store stopped taking the request ({size / 1e6:.1f} MB) in time")
    if any(w in text for w in ("aborted", "reset", "broken pipe", "remote end closed", "remotedisconnected")):
        return EndpointError(f"{url}: the store closed the connection before answering")
    return EndpointError(f"{url}: cannot connect (is the store running?)")


def request(
    endpoint: Endpoint, method: str, url: str, work: float = 0.0, **kwargs: object
) -> requests.Response:
    """Send one request; raise EndpointError with a plain message on any failure.

    Basic credentials go with the first request; if the server challenges for Digest instead,
    the request is repeated with Digest. Timeouts fit the body and the `work` asked for.
    """
    auth: requests.auth.AuthBase | None = None
    if endpoint.user is not None and endpoint.password is not None:
        auth = requests.auth.HTTPBasicAuth(endpoint.user, endpoint.password)
    size = _body_size(kwargs.get("data"))
    timeout = timeouts(endpoint, size, work)
    try:
        resp = requests.request(method, url, auth=auth, timeout=timeout, **kwargs)  # type: ignore[arg-type]
        if resp.status_code == 401 and endpoint.user is not None and endpoint.password is not None:
            digest = _auth_for(resp, endpoint.user, endpoint.password)
            if digest is not None:
                resp = requests.request(method, url, auth=digest, timeout=timeout, **kwargs)  # type: ignore[arg-type]
    except requests.exceptions.ConnectionError as exc:
        raise _unreachable(url, exc, size) from exc
    except requests.exceptions.Timeout as exc:
        raise EndpointError(f"{url}: no answer within {round(timeout[1], 1):g} s") from exc
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

    Bindings are sent as a VALUES block of RDF terms (see kg.sparql.text.with_values), never pasted
    into the text, so a hostile value cannot change what the query does.
    """
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


def query_rows(
    endpoint: Endpoint,
    sparql: str,
    bindings: Mapping[str, Identifier] | None = None,
    default_graph: str | None = None,
) -> Rows:
    """Like kg.sparql.local.run_query, over the SPARQL protocol: (column names, rows of RDF terms)."""
    result = query(endpoint, with_prefixes(sparql), bindings, default_graph)
    names, rows = rows_of(result)
    if result.type == "SELECT":
        rows = [tuple(_rdf11(term) for term in row) for row in rows]
    return names, rows


def _rdf11(term: Node | None) -> Node | None:
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


@dataclass(frozen=True)
class RemoteGraph:
    """A store's graph behind the Queryable protocol (kg.sparql.queryable): `graph` is the named
    graph queried as the default graph (`--graph IRI`), None for the store's own default graph."""

    endpoint: Endpoint
    graph: str | None = None

    def query(self, sparql: str, bindings: Bindings = None) -> Result:
        return query(self.endpoint, with_prefixes(sparql), bindings, default_graph=self.graph)

    def rows(self, sparql: str, bindings: Bindings = None) -> Rows:
        return query_rows(self.endpoint, sparql, bindings, default_graph=self.graph)


# --- used by the loader (kg.sparql.store_load) -------------------------------------------------


def _valid_iri(iri: str | None) -> str:
    if not iri or BAD_IRI.search(iri) or ":" not in iri:
        raise EndpointError(f"not a usable graph IRI: {iri!r}")
    return iri
