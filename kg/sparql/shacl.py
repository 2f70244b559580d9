"""SHACL validation of a built graph against ontology/shapes.ttl.

The shapes are the graph's contract with whoever loads it (a triple store, a notebook, the
HTML view): one type per event, provenance on every fact, counts that are whole numbers,
points that are points, spans whose text is really at their offsets.

pyshacl checks the core constraints on an in-memory copy. The SPARQL constraints (span text,
WKT ranges, containment loops) it would run once per focus node through rdflib's SPARQL engine,
about 30 ms each, which made 14k triples take 28 s; so they run here instead, once per shape
over all its targets, on Oxigraph. Same shapes file, same meaning, a fraction of the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.graph.store import is_oxigraph, new_graph, to_memory
from kg.sparql.local import run_query
from kg.vocab.terms import SHAPES_PATH


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


@dataclass(frozen=True)
class SparqlConstraint:
    shape: URIRef
    targets: tuple[URIRef, ...]
    select: str
    message: str


def _str(node: object) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal | URIRef):
        return str(node)
    return repr(node)


def _prefixes(shapes: Graph, node: object) -> str:
    lines = []
    for decl_owner in shapes.objects(node, SH.prefixes):
        for decl in shapes.objects(decl_owner, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            ns = shapes.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _split_shapes() -> tuple[Graph, tuple[SparqlConstraint, ...]]:
    """The shapes without their SPARQL constraints (for pyshacl), and those constraints."""
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    core = Graph()
    core += shapes
    constraints = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        targets = tuple(sorted(shapes.objects(shape, SH.targetClass)))
        if not targets:
            raise ValueError(f"{SHAPES_PATH}: {shape} has a SPARQL constraint but no sh:targetClass")
        select = str(shapes.value(constraint, SH.select))
        select = _prefixes(shapes, constraint) + "\n" + select.replace("$this", "?this")
        message = shapes.value(constraint, SH.message)
        constraints.append(SparqlConstraint(shape, targets, select, str(message or "")))
        core.remove((shape, SH.sparql, constraint))
    return core, tuple(sorted(constraints, key=lambda c: (str(c.shape), c.select)))


def _run_sparql_constraint(graph: Graph, c: SparqlConstraint) -> list[Violation]:
    """Bind ?this to every target at once: a VALUES of classes joined first in WHERE."""
    match = re.search(r"WHERE\s*\{", c.select, flags=re.IGNORECASE)
    if match is None:
        raise ValueError(f"SPARQL constraint of {c.shape} has no WHERE group")
    classes = " ".join(f"<{t}>" for t in c.targets)
    head = f"\n  VALUES ?__target {{ {classes} }}\n  ?this <{RDF.type}> ?__target .\n"
    query = c.select[: match.end()] + head + c.select[match.end() :]
    names, rows = run_query(graph, query)
    out = []
    for row in rows:
        values = dict(zip(names, row, strict=True))
        out.append(
            Violation(
                focus=_str(values.get("this")) or "",
                path=_str(values.get("path")),
                value=_str(values.get("value")),
                message=c.message,
                severity="Violation",
            )
        )
    return out


def validate(graph: Graph) -> Report:
    """Check `graph` against the shapes; `Report.text` is a readable report."""
    core, sparql_constraints = _split_shapes()
    memory = to_memory(graph) if is_oxigraph(graph) else graph
    conforms, results, text = shacl_validate(memory, shacl_graph=core, inference="none", allow_warnings=True)
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
    if sparql_constraints:
        ox = graph
        if not is_oxigraph(graph):
            ox = new_graph()
            ox.addN((s, p, o, ox) for s, p, o in graph)
        extra = [v for c in sparql_constraints for v in _run_sparql_constraint(ox, c)]
        violations += extra
        if extra:
            conforms = False
            text = str(text).replace("Conforms: True", "Conforms: False")
            text += "".join(
                f"\nConstraint Violation in SPARQLConstraintComponent:\n"
                f"\tFocus Node: {v.focus}\n\tValue Node: {v.value}\n\tMessage: {v.message}\n"
                for v in extra
            )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(conforms=bool(conforms), text=str(text), violations=violations)
