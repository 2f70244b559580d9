"""events.csv: the graph's events in ACLED's columns, for analysts who live in spreadsheets.

The rows come from the SPARQL query kg/sparql/saved/acled_events.rq over the graph itself, so the
table can never say something the graph does not; there is no second path from records. What
the graph cannot say by itself — a country's English name and ISO code kept consistent, ACLED's
region, how far each outlet reaches — comes from data files in kg/lexicons/.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef

from kg.export import sub_events
from kg.export.cells import safe_rows
from kg.export.rdf import canonical_graph
from kg.export.seats import seat_columns
from kg.export.table_rows import TableRows, load_table_rows
from kg.graph.build import add_ontology
from kg.graph.store import is_oxigraph, new_graph
from kg.lexicons import load_contested_units, load_places, places_by_id
from kg.lexicons.admin_names import admin_name
from kg.lexicons.tables import ACLED_REGIONS, OUTLETS
from kg.sparql.answers import cell
from kg.sparql.local import LocalGraph
from kg.sparql.saved import run_rows
from kg.vocab.terms import EVENT_CLASS, ConflictEvent

# ACLED's column layout, then conflict-kg's own: the event's IRI in the graph and its reports
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp", "event_iri", "source_articles", "n_sources", "confidence",
)  # fmt: skip
FROM_QUERY = tuple(c for c in COLUMNS if c not in ("region", "source_scale", "tags"))


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


@cache
def gazetteer_country_names() -> dict[str, str]:
    """The gazetteer's English name of each country by ISO-3 («Palestinian Territory»)."""
    return {p.country: p.name_en for p in load_places() if p.kind == "country" and p.country and p.name_en}


@cache
def countries() -> tuple[dict[str, str], dict[str, str]]:
    """(English name by ISO-3, ISO-3 by English name): the gazetteer's, ACLED's where it has one."""
    by_code = dict(gazetteer_country_names())
    by_name = {name: code for code, name in by_code.items()}
    for row in ACLED_REGIONS.rows():
        if row.name:
            by_code[row.iso3] = by_name[row.name] = row.name
    return by_code, by_name


@cache
def regions() -> dict[str, str]:
    return {row.iso3: row.region for row in ACLED_REGIONS.rows()}


@cache
def outlets() -> dict[str, tuple[str, str]]:
    """(country, reach) by outlet name."""
    return {row.outlet: (row.country, row.reach) for row in OUTLETS.rows()}


def source_scale(sources: str, iso: str) -> str:
    """ACLED's source_scale: each outlet National when it is of the event's country, Regional
    when of its region or a regional service, else International; several joined with '-'."""
    scales = set()
    for name in filter(None, (s.strip() for s in sources.split(";"))):
        known = outlets().get(name)
        if known is None:
            scales.add("Other")
            continue
        country, reach = known
        if reach == "international":
            scales.add("International")
        elif country == iso and reach == "national":
            scales.add("National")
        elif reach == "regional" or regions().get(country) == regions().get(iso, "?"):
            scales.add("Regional")
        else:
            scales.add("International")
    order = ("Subnational", "National", "Regional", "International", "Other")
    return "-".join(s for s in order if s in scales)


def _timestamp(published: str) -> str:
    """ACLED's timestamp is when the row last changed: here, the latest report's publication."""
    if not published:
        return ""
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        return ""
    return str(int((when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()))


def _set_country(row: dict[str, str], iso: str) -> None:
    """The country's code and the columns that follow from it, kept in step."""
    row["iso"] = iso
    row["country"] = countries()[0].get(iso, row["country"])
    if row["event_id_cnty"].startswith("XXX") and iso:
        row["event_id_cnty"] = iso + row["event_id_cnty"][3:]
    row["region"] = regions().get(iso, "")
    row["source_scale"] = source_scale(row["source"], iso)


@cache
def _contested(level: str) -> dict[tuple[str, str], str]:
    """The admin1 or admin2 of each contested place by its English name and the row's country."""
    by_id = places_by_id()
    return {
        (by_id[pid].name_en or "", iso): unit
        for pid, units in load_contested_units(level).items()
        if pid in by_id
        for iso, unit in units.items()
    }


def _place_columns(row: dict[str, str]) -> None:
    """A country-level row's location is the country as the row names it («Palestinian
    Territory» in the gazetteer, «Palestine» in ACLED's list); a contested city takes the
    admin1 and admin2 of the claimant the row's country is (Jerusalem: Jerusalem District and
    sub-district, or the West Bank's Jerusalem governorate)."""
    if row["iso"] and row["location"] == gazetteer_country_names().get(row["iso"]):
        row["location"] = row["country"]
    for level in ("admin1", "admin2"):
        if not row[level]:
            row[level] = _contested(level).get((row["location"], row["iso"]), "")


def _finish(row: dict[str, str], policed: frozenset[str] = frozenset()) -> dict[str, str]:
    _set_country(row, row["iso"] or countries()[1].get(row["country"], ""))
    row["admin1"], row["admin2"] = admin_name(row["admin1"]), admin_name(row["admin2"])
    _place_columns(row)
    seat_columns(row)
    sub_events.refine(row, row["event_iri"] in policed)
    row["tags"] = ""
    row["timestamp"] = _timestamp(row["timestamp"])
    # GROUP_CONCAT has no order: sort the ids so the file is the same every run
    row["source_articles"] = ";".join(sorted(filter(None, row["source_articles"].split(";"))))
    return {c: row[c] for c in COLUMNS}


def event_rows(graph: Graph, rows: TableRows | None = None) -> list[dict[str, str]]:
    """The table's rows; `rows` says which events become one (default: table_rows.toml)."""
    source = LocalGraph(_queryable(graph))
    names, query_rows = run_rows(source, "acled_events")
    if tuple(names) != FROM_QUERY:
        raise RuntimeError(f"acled_events.rq returns {names}, expected {list(FROM_QUERY)}")
    _names, policed_rows = run_rows(source, "state_forces_at_demonstrations")
    policed = frozenset(cell(r[0]) for r in policed_rows)
    out = [_finish({n: cell(v) for n, v in zip(names, row, strict=True)}, policed) for row in query_rows]
    _names, home_rows = run_rows(source, "state_forces_at_home")
    home = {cell(r[0]): cell(r[1]).split() for r in home_rows}
    out = _country_of_the_state_force(_country_from_the_report(out), home)
    return _kept(graph, out, rows or load_table_rows())


_TYPE_OF_CLASS = {cls: name for name, cls in EVENT_CLASS.items()}


def _kept(graph: Graph, out: list[dict[str, str]], rows: TableRows) -> list[dict[str, str]]:
    """The rows `rows` keeps; the event's conflict-kg type is read back from the graph."""

    def types(iri: str) -> list[str]:
        return [_TYPE_OF_CLASS[c] for c in graph.objects(URIRef(iri), RDF.type) if c in _TYPE_OF_CLASS]

    return [r for r in out if rows.keeps(types(r["event_iri"]), r["confidence"])]


def _country_from_the_report(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """An event told without a place gets the country of its reports' other events when they
    all lie in one country (a report on Yemen's war that says «الغارات» without a place is
    about Yemen), with ACLED's geo_precision 3; otherwise it stays without a country."""
    seen: dict[str, set[str]] = {}
    for r in rows:
        if r["iso"]:
            for a in r["source_articles"].split(";"):
                seen.setdefault(a, set()).add(r["iso"])
    for r in rows:
        if r["iso"]:
            continue
        found = set().union(*(seen.get(a, set()) for a in r["source_articles"].split(";")))
        if len(found) == 1:
            _set_country(r, found.pop())
            r["geo_precision"] = "3"
    return rows


def _country_of_the_state_force(
    rows: list[dict[str, str]], home: dict[str, list[str]]
) -> list[dict[str, str]]:
    """An arrest, protest or riot still without a country, whose state force is of one country
    (state_forces_at_home.rq), is placed there with geo_precision 3: authorities arrest and
    police face crowds at home («اعتقلت السلطات التركية عشرات الصحفيين» is in Turkey)."""
    for r in rows:
        found = set(home.get(r["event_iri"], ()))
        if not r["iso"] and len(found) == 1:
            _set_country(r, found.pop())
            r["geo_precision"] = "3"
    return rows


def write_events_csv(graph: Graph, path: str | Path, rows: TableRows | None = None) -> int:
    """Write events.csv (UTF-8 with BOM so spreadsheet programs read the Arabic); rows written.
    `rows`: which events become rows (default: table_rows.toml; `EVERY_ROW` for all). Cells are
    neutralised against spreadsheet formulas (kg.export.cells)."""
    table = event_rows(canonical_graph(graph), rows)  # the same rows, in the same order, every run
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(safe_rows(table))
    return len(table)
