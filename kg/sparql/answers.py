"""A query's answer — (column names, rows of RDF terms) from either back-end — as a table, CSV
or JSON, so `conflict-kg query`, the notebook and an export print the same cell the same way
whether the rows came from the embedded graph or a store.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.export.cells import safe_cell
from kg.ingest.textsafe import for_terminal, json_for_terminal
from kg.sparql.queryable import Row

FORMATS = ("table", "csv", "json")


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
