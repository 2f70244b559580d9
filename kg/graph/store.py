"""Where the graph lives: an Oxigraph store behind the rdflib API, in memory or on disk.

rdflib stays the API every module and notebook uses; the oxrdflib plugin puts Oxigraph (Rust,
indexed, with its own SPARQL engine and serializers) underneath, because rdflib's pure-Python
memory store is one to two orders of magnitude slower at writing Turtle and at GROUP BY
queries on a graph of a million triples (see benchmarks/graph_store.py). Triples go in the
store's default graph, so a graph saved on disk is found again when reopened.

Adding triples through rdflib converts every term in Python, which was 60% of building a graph;
`add_triples` hands them to pyoxigraph directly (with the repeated IRIs converted once) when
the graph was made by `new_graph`, and falls back to rdflib's `addN` for any other graph. Every
other way the graph layer puts triples into Oxigraph, opens, copies or closes a database is here
too, so the rest of kg/graph only sees rdflib graphs.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.vocab.terms import PREFIXES

Triple = tuple[URIRef, URIRef, URIRef | Literal]
CHUNK = 50_000  # triples per transaction: large enough to be fast, small enough to hold


class KgOxigraphStore(OxigraphStore):
    """oxrdflib's store, keeping a public handle on the pyoxigraph store it wraps (and, for a
    graph store read in place, the shared lock that keeps writers from removing it meanwhile)."""

    def __init__(self, ox_store: ox.Store, lock: IO[str] | None = None) -> None:
        super().__init__(store=ox_store)
        self.ox = ox_store
        self.lock = lock


def new_graph(path: str | Path | None = None) -> Graph:
    """An Oxigraph-backed graph: in memory when `path` is None, else opened (or created) on disk."""
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        store = KgOxigraphStore(ox.Store(str(path)))
    else:
        store = KgOxigraphStore(ox.Store())
    graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    bind_prefixes(graph)
    return graph


@lru_cache(maxsize=65536)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _ox(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return _named(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and term.datatype != XSD.string:
            return ox.Literal(str(term), datatype=_named(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"only IRIs and literals go into the graph, not {term!r}")


def add_triples(graph: Graph, triples: Iterable[tuple[Node, Node, Node]], bulk: bool = False) -> None:
    """Add triples in transactions of `CHUNK`, straight into Oxigraph when the graph is ours.

    `bulk` on an Oxigraph graph skips the transactions (several times faster): only for a
    database nobody else sees yet, which is thrown away if the run fails."""
    if bulk and is_oxigraph(graph):
        _bulk_load(graph.store._inner, triples)  # type: ignore[attr-defined]
        return
    it = iter(triples)
    while batch := list(islice(it, CHUNK)):
        if isinstance(graph.store, KgOxigraphStore) and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            graph.store.ox.extend([ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in batch])
        else:
            graph.addN((s, p, o, graph) for s, p, o in batch)


def _bulk_load(store: ox.Store, triples: Iterable[tuple[Node, Node, Node]]) -> None:
    lines: list[str] = []
    for s, p, o in triples:
        lines.append(f"<{s}> <{p}> {_nt(o)} .\n")
        if len(lines) >= 4 * CHUNK:  # the bulk loader holds what it is given in memory
            store.bulk_load("".join(lines), ox.RdfFormat.N_TRIPLES)
            lines = []
    store.bulk_load("".join(lines), ox.RdfFormat.N_TRIPLES)
    store.flush()


_NT_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nt(o: Node) -> str:
    """One object in N-Triples. IRIs here are made by kg.graph.iris (already safe) or are
    vocabulary terms; only literals need escaping."""
    if type(o) is URIRef:
        return f"<{o}>"
    lex = str(o).translate(_NT_ESCAPE)
    if o.language:  # type: ignore[attr-defined]
        return f'"{lex}"@{o.language}'  # type: ignore[attr-defined]
    if o.datatype:  # type: ignore[attr-defined]
        return f'"{lex}"^^<{o.datatype}>'  # type: ignore[attr-defined]
    return f'"{lex}"'


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def is_oxigraph(graph: Graph) -> bool:
    return isinstance(graph.store, OxigraphStore)


def rdf11_literal(term: Node) -> Node:
    """Oxigraph hands back simple literals typed xsd:string (the same thing in RDF 1.1);
    rdflib tells the two apart, so copies drop the explicit type to compare equal to parsed files."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def to_memory(graph: Graph) -> Graph:
    """A plain rdflib copy, for libraries that walk the graph in Python (pyshacl, networkx)."""
    mem = Graph(bind_namespaces="none")
    mem.addN((s, p, rdf11_literal(o), mem) for s, p, o in graph)
    return bind_prefixes(mem)


_GENERATION = re.compile(r"gen-\d+")


class StoreReadError(ValueError):
    """A directory that is no readable store; the message names it."""


def live_database(store: Path) -> Path | None:
    """The live Oxigraph database of a graph store made by `add` (kg.graph.persist: STORE/CURRENT
    names the live generation), or None when `store` is not laid out so."""
    try:
        name = (store / "CURRENT").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    database = store / name / "oxigraph"
    return database if _GENERATION.fullmatch(name) and database.is_dir() else None


def _shared_lock(store: Path) -> IO[str] | None:
    """A shared hold on the store's lock, so no `add` switches generations under a reader; never
    creates the lock file (the store may be read-only)."""
    try:
        fh = (store / ".lock").open("r")
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise StoreReadError(
            f"{store}: another conflict-kg process is changing this store; try again"
        ) from None
    return fh


def open_read_only(path: str | Path) -> Graph:
    """A graph store (from `add`) or a bare Oxigraph directory, opened without writing a byte:
    a RocksDB opened read-write leaves a log and a LOCK behind on every read."""
    p = Path(path)
    database = live_database(p)
    lock = _shared_lock(p) if database is not None else None
    if database is None:
        if not (p / "CURRENT").is_file():
            raise StoreReadError(
                f"{p}: not a graph store (made by conflict-kg add) nor an Oxigraph directory"
            )
        database = p
    try:
        store = KgOxigraphStore(ox.Store.read_only(str(database)), lock)
    except (OSError, RuntimeError) as exc:
        if lock is not None:
            lock.close()
        raise StoreReadError(f"{p}: cannot open the store read-only: {exc}") from exc
    graph = Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    return bind_prefixes(graph)


def load_graph(path: str | Path) -> Graph:
    """Read an RDF file (format from its extension), or open a store directory read-only."""
    p = Path(path)
    if p.is_dir():
        return open_read_only(p)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such graph file or store directory")
    graph = new_graph()
    fmt = {
        ".ttl": "ox-turtle",
        ".nt": "ox-ntriples",
        ".nq": "ox-nquads",
        ".jsonld": "ox-json-ld",
        ".json": "ox-json-ld",
        ".rdf": "ox-xml",
        ".xml": "ox-xml",
        ".trig": "ox-trig",
    }.get(p.suffix.lower())
    if fmt is None:
        raise ValueError(f"{p}: unknown RDF file extension {p.suffix!r} (.ttl, .nt, .jsonld, .rdf)")
    try:
        graph.parse(str(p), format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"{p}: not readable as {fmt[3:]}: {exc}") from exc
    return graph


def close_graph(graph: Graph) -> None:
    """Release the database lock: rdflib's close, the handle KgOxigraphStore keeps, and the
    shared hold of a store read in place."""
    graph.close()
    if getattr(graph.store, "ox", None) is not None:
        graph.store.ox = None  # type: ignore[attr-defined]
    if getattr(graph.store, "lock", None) is not None:
        graph.store.lock.close()  # type: ignore[attr-defined]
        graph.store.lock = None  # type: ignore[attr-defined]


def checkpoint(source: Path, target: Path) -> None:
    """Copy the Oxigraph database `source` to `target` cheaply, without opening it: RocksDB's
    table files (.sst) never change once written, so they are hard-linked; the small rest (log,
    manifest, options) is copied. Opening the live database to checkpoint it wrote into it
    (options files, logs), and a read-only opening would miss what its log holds."""
    target.mkdir(parents=True)
    for f in sorted(source.iterdir()):
        if f.name == "LOCK":
            continue
        if f.suffix == ".sst":
            try:
                os.link(f, target / f.name)
                continue
            except OSError:
                pass
        shutil.copy2(f, target / f.name)
