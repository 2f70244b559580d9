"""SPARQL text utilities, the bottom of kg/sparql: binding values and declaring prefixes.

Both back-ends (kg.sparql.local, kg.sparql.remote) and the saved queries edit query text the
same two ways, so the edits live here, below all of them, and this module imports nothing of
the package above it. A value is bound as a VALUES block of RDF terms, never pasted into the
text, so a value holding quotes, braces or a second statement is only ever a value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.vocab.terms import PREFIXES

BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')


class QueryError(ValueError):
    """A query cannot be run as asked: a value that cannot be bound, a saved query unknown or
    malformed, a bad parameter value, or SPARQL the embedded engine refuses (kg.sparql.local)."""


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[A-Za-z_]\w*)
      | (?P<brace>[{}])
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def _where_brace(sparql: str) -> int:
    """Offset just after the `{` that opens the query's top-level WHERE group."""
    depth, form, seen_where = 0, None, False
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind == "word" and depth == 0:
            word = m.group().upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            elif word == "WHERE":
                seen_where = True
        elif kind == "brace":
            if m.group() == "{":
                if depth == 0 and form is not None and (form != "CONSTRUCT" or seen_where):
                    return m.end()
                depth += 1
            else:
                depth -= 1
    raise QueryError("cannot find the query's WHERE clause to bind parameters")


def with_values(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with its bindings as a VALUES block at the top of the WHERE group.

    Joining a one-row VALUES block first in the group is what a pre-bound variable means, and
    the terms are written by rdflib's `.n3()`, which escapes them as SPARQL term syntax.
    (Oxigraph's own pre-binding refuses variables the query does not project.)
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"not a variable name: {name!r}")
        if isinstance(term, URIRef) and BAD_IRI.search(str(term)):
            raise QueryError(f"not an IRI: {str(term)!r}")
        if not isinstance(term, URIRef | Literal):
            raise QueryError(f"cannot bind {name} to {term!r}: only IRIs and literals")
        names.append(f"?{name}")
        terms.append(term.n3())
    at = _where_brace(sparql)
    block = f"\n  VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}\n"
    return sparql[:at] + block + sparql[at:]


_PREFIX_DECL = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?:")


def with_prefixes(sparql: str) -> str:
    """The query with the project's prefixes (ckg:, sem:, ...) declared where it does not.

    The embedded graph is handed them as rdflib's initNs (kg.sparql.local); a remote store
    knows none, so a short query typed at the shell works the same on both.
    """
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(sparql)}
    missing = [f"PREFIX {k}: <{v}>" for k, v in PREFIXES.items() if k not in declared]
    return "\n".join([*missing, sparql]) if missing else sparql
