"""events.csv: the graph's events in ACLED's columns, for analysts who live in spreadsheets.

The rows come from the SPARQL query kg/queries/acled_events.rq over the graph itself, so the
table can never say something the graph does not; there is no second path from records.
"""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import RDFS, Graph

from kg.graph.build import add_ontology
from kg.graph.store import is_oxigraph, new_graph
from kg.query import cell, run_query, saved_query
from kg.terms import EVENT_CLASS, ConflictEvent

COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "civilian_targeting", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "source_articles", "n_sources",
)  # fmt: skip


def _queryable(graph: Graph) -> Graph:
    """An Oxigraph-backed graph holding the ontology: the query reads ACLED types from it.

    rdflib's own SPARQL engine joins this query's nested sub-selects wrongly (rows of one
    event get another's place), so a plain rdflib graph is copied into Oxigraph first.
    """
    if is_oxigraph(graph) and (EVENT_CLASS["battle"], RDFS.subClassOf, ConflictEvent) in graph:
        return graph
    copy = new_graph()
    copy.addN((s, p, o, copy) for s, p, o in graph)
    add_ontology(copy)
    return copy


def event_rows(graph: Graph) -> list[dict[str, str]]:
    names, rows = run_query(_queryable(graph), saved_query("acled_events"))
    if tuple(names) != COLUMNS:
        raise RuntimeError(f"acled_events.rq returns {names}, expected {list(COLUMNS)}")
    out = [{n: cell(v) for n, v in zip(names, row, strict=True)} for row in rows]
    for r in out:  # GROUP_CONCAT has no order: sort the ids so the file is the same every run
        r["source_articles"] = ";".join(sorted(filter(None, r["source_articles"].split(";"))))
    return out


def write_events_csv(graph: Graph, path: str | Path) -> int:
    """Write events.csv (UTF-8 with BOM so spreadsheet programs read the Arabic); rows written."""
    rows = event_rows(graph)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
