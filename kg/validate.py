"""SHACL validation of a built graph against ontology/shapes.ttl.

The shapes are the graph's contract with whoever loads it (a triple store, a notebook, the
HTML view): one type per event, provenance on every fact, counts that are whole numbers,
points that are points, spans whose text is really at their offsets. pyshacl walks the graph
in Python, so an Oxigraph-backed graph is copied to rdflib's memory store first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.graph.store import is_oxigraph, to_memory
from kg.terms import SHAPES_PATH


@dataclass
class Violation:
    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str


@dataclass
class Report:
    conforms: bool
    text: str
    violations: list[Violation] = field(default_factory=list)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_PATH, format="turtle")


def _str(node: object) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal | URIRef):
        return str(node)
    return repr(node)


def validate(graph: Graph, shapes: Graph | None = None) -> Report:
    """Check `graph` against the shapes; `Report.text` is pyshacl's readable report."""
    data = to_memory(graph) if is_oxigraph(graph) else graph
    conforms, results, text = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else _shapes(),
        inference="none",
        advanced=True,  # the SPARQL-based constraints (span text, WKT range, containment loops)
        allow_warnings=True,
    )
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        message = results.value(result, SH.resultMessage)
        violations.append(
            Violation(
                focus=_str(results.value(result, SH.focusNode)) or "",
                path=_str(results.value(result, SH.resultPath)),
                value=_str(results.value(result, SH.value)),
                message=str(message) if message is not None else "",
                severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(conforms=bool(conforms), text=str(text), violations=violations)
