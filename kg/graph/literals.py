"""RDF literals the graph writes: dates at their own precision, decimals and points printed one
way, URLs that never become broken IRIs.

The same value must always print the same, so a rebuilt graph is the same file byte for byte;
and a value the record holds in a form RDF cannot type (a month, a year) keeps its precision
instead of being padded into a day nobody stated.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from rdflib import XSD, Literal, URIRef

from kg.vocab.record import DATE_PRECISIONS  # finest first
from kg.vocab.terms import GEO


def date_literal(value: str) -> Literal | None:
    """ISO day, month or year as the matching XSD type (None if it is none of them)."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return Literal(date.fromisoformat(value), datatype=XSD.date)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            date.fromisoformat(value + "-01")
            return Literal(value, datatype=XSD.gYearMonth)
        if re.fullmatch(r"\d{4}", value):
            return Literal(value, datatype=XSD.gYear)
    except ValueError:
        return None
    return None


def date_precision(value: str | None, stated: str) -> str:
    """The stated precision, unless the date itself is coarser ("2016" cannot be day-precise)."""
    if value is None:
        return "unknown"
    written = {10: "day", 7: "month", 4: "year"}.get(len(value.strip()), "unknown")
    return max(stated, written, key=DATE_PRECISIONS.index)


def published_literal(value: str) -> Literal:
    d = date_literal(value)
    if d is not None:
        return d
    try:
        return Literal(datetime.fromisoformat(value.strip()), datatype=XSD.dateTime)
    except ValueError:
        return Literal(value)


def decimal_literal(value: float) -> Literal:
    """Fixed to three places so the same confidence or score always prints the same."""
    return Literal(Decimal(f"{value:.3f}"), datatype=XSD.decimal)


def _coord(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != 0 else "0"


def wkt_point(lon: float, lat: float) -> Literal:
    return Literal(f"POINT({_coord(lon)} {_coord(lat)})", datatype=GEO.wktLiteral)


def url_term(value: str) -> URIRef | Literal:
    """A link when it is a plain http(s) URL, otherwise kept as text: never a broken IRI."""
    v = value.strip()
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", v):
        return URIRef(v)
    return Literal(v, datatype=XSD.anyURI) if v else Literal("")
