"""The one protocol both SPARQL back-ends implement, as kglab's Queryable does.

The saved queries, the `query` command and the notebook ask a question the same way whether
the graph is in this process (kg.sparql.local.LocalGraph) or in a running store
(kg.sparql.remote.RemoteGraph), so none of them branches on where the graph lives, and a
third back-end needs only these two methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from rdflib import Literal
from rdflib.query import Result
from rdflib.term import Identifier, Node

Row = tuple[Node | None, ...]
Rows = tuple[list[str], list[Row]]
Bindings = Mapping[str, Identifier] | None


@runtime_checkable
class Queryable(Protocol):
    """A graph that answers SPARQL, with the project's prefixes (ckg:, sem:, ...) predeclared
    and `bindings` pre-binding variables to RDF terms (kg.sparql.text.with_values)."""

    def query(self, sparql: str, bindings: Bindings = None) -> Result:
        """The answer as an rdflib Result."""
        ...

    def rows(self, sparql: str, bindings: Bindings = None) -> Rows:
        """(column names, rows of RDF terms), the shape kg.sparql.answers prints."""
        ...


def rows_of(result: Result) -> Rows:
    """SELECT rows, ASK as one boolean row, CONSTRUCT/DESCRIBE as sorted (s, p, o) rows."""
    if result.type == "ASK":
        return ["ask"], [(Literal(bool(result.askAnswer)),)]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["s", "p", "o"], sorted(tuple(t) for t in result.graph)  # type: ignore[misc, union-attr]
    names = [str(v) for v in result.vars or []]
    return names, [tuple(row) for row in result]  # type: ignore[arg-type]
