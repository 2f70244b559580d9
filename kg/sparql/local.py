"""Run SPARQL over a graph and print the answer as a table, CSV or JSON.

Saved queries (kg/sparql/saved/*.rq), events.csv and the `query` command all go through
`run_query`, so a query behaves the same from a notebook, the shell or an export.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from importlib import resources

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.export.cells import safe_cell
from kg.ingest.textsafe import for_terminal, json_for_terminal
from kg.sparql.saved import QueryError, with_values
from kg.vocab.terms import PREFIXES

FORMATS = ("table", "csv", "json")
Row = tuple[Node | None, ...]
__all__ = ["FORMATS", "QueryError", "cell", "format_rows", "run_query", "saved_query"]


def saved_query(name: str) -> str:
    """The text of kg/sparql/saved/NAME.rq (shipped with the package)."""
    filename = name if name.endswith(".rq") else f"{name}.rq"
    return resources.files("kg.sparql.saved").joinpath(filename).read_text(encoding="utf-8")


def run_query(
    graph: Graph, sparql: str, bindings: Mapping[str, Identifier] | None = None
) -> tuple[list[str], list[Row]]:
    """SELECT rows, ASK as one boolean row, CONSTRUCT/DESCRIBE as (s, p, o) rows.

    The project's prefixes (ckg:, sem:, nif:, ...) are predeclared, so short queries work.
    `bindings` pre-bind variables to RDF terms (never pasted into the text as strings).
    """
    try:
        # Bound as a VALUES block at the top of WHERE (kg.sparql.saved.with_values): Oxigraph's own
        # pre-binding refuses variables the query does not project.
        result = graph.query(with_values(sparql, bindings), initNs=dict(PREFIXES))
        if result.type == "ASK":
            return ["ask"], [(Literal(bool(result.askAnswer)),)]
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return ["s", "p", "o"], sorted(tuple(t) for t in result.graph)
        names = [str(v) for v in result.vars or []]
        return names, [tuple(row) for row in result]
    except Exception as exc:  # parsers raise many types; callers want one
        if isinstance(exc, QueryError):
            raise
        raise QueryError(f"SPARQL failed: {exc}") from exc


def cell(value: Node | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal | URIRef):
        return str(value)
    return value.n3()


def _table(names: Sequence[str], rows: Sequence[Row], width: int = 60) -> str:
    def clip(s: str) -> str:
        s = " ".join(for_terminal(s).split())
        return s if len(s) <= width else s[: width - 1] + "…"

    body = [[clip(cell(v)) for v in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in body]) for i, n in enumerate(names)]
    lines = [" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_rows(names: Sequence[str], rows: Sequence[Row], fmt: str = "table") -> str:
    if fmt == "table":
        return _table(names, rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([safe_cell(cell(v)) for v in row] for row in rows)
        return buf.getvalue()
    if fmt == "json":
        data = [{n: cell(v) for n, v in zip(names, row, strict=True) if v is not None} for row in rows]
        return json_for_terminal(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
