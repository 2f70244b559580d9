"""The in-process back-end: SPARQL over an rdflib graph (in memory or Oxigraph-backed).

events.csv, the view's projection, SHACL and `conflict-kg query GRAPH` all go through
`run_query`, so a query behaves the same from a notebook, the shell or an export;
`LocalGraph` puts it behind the Queryable protocol the remote store shares.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.query import Result

from kg.sparql.queryable import Bindings, Rows, rows_of
from kg.sparql.text import QueryError, with_values
from kg.vocab.terms import PREFIXES


def _query(graph: Graph, sparql: str, bindings: Bindings) -> Result:
    # Bound as a VALUES block at the top of WHERE (kg.sparql.text.with_values): Oxigraph's own
    # pre-binding refuses variables the query does not project.
    return graph.query(with_values(sparql, bindings), initNs=dict(PREFIXES))


def run_query(graph: Graph, sparql: str, bindings: Bindings = None) -> Rows:
    """SELECT rows, ASK as one boolean row, CONSTRUCT/DESCRIBE as (s, p, o) rows.

    The project's prefixes (ckg:, sem:, nif:, ...) are predeclared, so short queries work.
    `bindings` pre-bind variables to RDF terms (never pasted into the text as strings).
    """
    try:
        return rows_of(_query(graph, sparql, bindings))
    except Exception as exc:  # parsers raise many types; callers want one
        if isinstance(exc, QueryError):
            raise
        raise QueryError(f"SPARQL failed: {exc}") from exc


@dataclass(frozen=True)
class LocalGraph:
    """An rdflib graph behind the Queryable protocol (kg.sparql.queryable)."""

    graph: Graph

    def query(self, sparql: str, bindings: Bindings = None) -> Result:
        return _query(self.graph, sparql, bindings)

    def rows(self, sparql: str, bindings: Bindings = None) -> Rows:
        return run_query(self.graph, sparql, bindings)
