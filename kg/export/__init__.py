"""Writing a graph out: RDF files (rdf), events.csv (table), GraphML/GEXF, the HTML view (html).

`write_exports` is the one place that knows which file each format goes to, so `build` and
`export --store` write the same set, each file whole or not at all.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from kg.export.table_rows import TableRows, load_table_rows
from kg.run.records import atomic_path

# format -> (file name, "module:function" writing `graph` to a path)
FORMATS: dict[str, tuple[str, str]] = {
    "ttl": ("graph.ttl", "kg.export.rdf:write_turtle"),
    "nt": ("graph.nt", "kg.export.rdf:write_ntriples"),
    "jsonld": ("graph.jsonld", "kg.export.rdf:write_jsonld"),
    "csv": ("events.csv", "kg.export.table:write_events_csv"),
    "html": ("graph.html", "kg.export.html:write_html"),
    "graphml": ("graph.graphml", "kg.export.graphml:write_graphml"),
    "gexf": ("graph.gexf", "kg.export.gexf:write_gexf"),
}
DEFAULT_FORMATS: tuple[str, ...] = ("ttl", "csv", "html")


def parse_formats(text: str) -> tuple[str, ...]:
    """`"ttl,nt,csv"` → the formats, refusing unknown ones with the list of known ones."""
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"unknown export format(s) {unknown or [text]}; choose from {', '.join(FORMATS)}")
    return chosen


def add_format_arguments(parser: object) -> None:
    """`--formats` and `--no-html`, the same on `build` and `export`."""
    parser.add_argument(  # type: ignore[attr-defined]
        "--formats",
        type=parse_formats,
        default=None,
        help=f"comma-separated exports among {', '.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})",
    )
    parser.add_argument("--no-html", action="store_true", help="skip the HTML view")  # type: ignore[attr-defined]
    parser.add_argument(  # type: ignore[attr-defined]
        "--min-confidence",
        type=_confidence,
        default=None,
        help="events.csv: leave out events less likely than this to be incidents "
        "(default in kg/export/table_rows.toml; 0 keeps every row)",
    )
    parser.add_argument(  # type: ignore[attr-defined]
        "--with-statements",
        action="store_true",
        help="events.csv: keep statements (claims, denials, threats), which ACLED does not code",
    )


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number between 0 and 1")
    return value


def chosen_table(min_confidence: float | None, with_statements: bool) -> TableRows:
    """events.csv's rows as the command line asks: the shipped policy with its overrides."""
    return load_table_rows().but(min_confidence, with_statements)


def chosen_formats(formats: tuple[str, ...] | None, no_html: bool) -> tuple[str, ...]:
    return tuple(f for f in (formats or DEFAULT_FORMATS) if not (no_html and f == "html"))


def write_exports(
    graph: Graph, out: Path, formats: Iterable[str] = DEFAULT_FORMATS, table: TableRows | None = None
) -> dict[str, Path]:
    """Each format's file under `out`; `table` says which events become rows of events.csv."""
    written: dict[str, Path] = {}
    for fmt in formats:
        name, target_fn = FORMATS[fmt]
        module, func = target_fn.split(":")
        writer = getattr(importlib.import_module(module), func)
        target = Path(out) / name
        try:
            with atomic_path(target) as tmp:
                writer(graph, tmp, table) if fmt == "csv" else writer(graph, tmp)
        except OSError as exc:
            if exc.filename is None:  # a failed write names no file: say which one it was
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            raise
        written[fmt] = target
    return written
