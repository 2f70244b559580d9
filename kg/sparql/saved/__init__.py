"""The saved SPARQL queries shipped with the package: list them, load one, bind its parameters.

Each `NAME.rq` beside this file is plain SPARQL that runs unchanged in any SPARQL client. Its
header comment says what it is and which variables a caller may bind:

    # title: Events within a radius of a place
    # description: one line, or several `# description:` lines joined
    # param: place string required — label of the centre place (Arabic or English)
    # param: km decimal default=25 — radius in kilometres

A query written without these keys is still listed: its first comment line is the title.
A parameter is an ordinary variable of the query (`?place`, `?km`), used in the top-level
WHERE group (not inside a sub-select, which would not see it). Values are turned into RDF terms
of the declared type and bound as terms — a VALUES block of rdflib `.n3()` terms joined first in
the query's WHERE group (kg.sparql.text.with_values) — and never pasted into the query text, so
a value holding quotes, braces or a second statement is only ever a value. Optional parameters
left out stay unbound; the queries test `BOUND(?x)` to skip that filter. A saved query runs on
anything that answers SPARQL (kg.sparql.queryable.Queryable): the embedded graph and a remote
store alike, without this module knowing which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier

from kg.arabic.normalise import search_key
from kg.sparql.queryable import Queryable, Rows
from kg.sparql.text import BAD_IRI, QueryError
from kg.vocab.terms import EVENT_CLASS, PREFIXES

QUERY_DIR = Path(__file__).resolve().parent
PARAM_TYPES: tuple[str, ...] = ("string", "name", "iri", "date", "integer", "decimal", "event_type")

# A `name` parameter (an actor or a place as the analyst writes it) also binds ?<name>_key to
# its folded form, which the query compares with the nodes' skos:hiddenLabel keys.
KEY_SUFFIX = "_key"
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>[a-z_]+)\s+(?P<need>required|optional|default=\S+)"
    r"\s*(?:[—–-]+\s*)?(?P<desc>.*)$"
)
INTEGER_FORM = re.compile(r"[+-]?\d+")
DECIMAL_FORM = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
FORM_HINT = {
    "integer": " (digits, e.g. 5)",
    "decimal": " (digits with an optional point, e.g. 2.5)",
    "date": " (a real day as YYYY-MM-DD)",
}


def _lexical(text: str, form: re.Pattern[str]) -> str:
    if not form.fullmatch(text.strip()):
        raise ValueError(text)
    return text.strip()


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: str | None
    description: str

    def term(self, value: str | Identifier) -> Identifier:
        """The RDF term for a value given on the command line or in Python."""
        if isinstance(value, Identifier):
            return value
        text = str(value)
        try:
            if self.type in ("string", "name"):
                return Literal(text)
            if self.type == "integer":
                return Literal(int(_lexical(text, INTEGER_FORM)), datatype=XSD.integer)
            if self.type == "decimal":  # XSD's decimal form: no NaN, INF, exponent or '1_0'
                return Literal(Decimal(_lexical(text, DECIMAL_FORM)), datatype=XSD.decimal)
            if self.type == "date":  # a real day: 9999-99-99 and 2015-02-30 are refused
                return Literal(date.fromisoformat(_lexical(text, DATE_FORM)), datatype=XSD.date)
            if self.type == "iri":
                return expand_iri(text)
            if self.type == "event_type":
                return EVENT_CLASS[text] if text in EVENT_CLASS else expand_iri(text)
        except (ValueError, InvalidOperation) as exc:
            hint = FORM_HINT.get(self.type, "")
            raise QueryError(f"parameter {self.name}: {text!r} is not a valid {self.type}{hint}") from exc
        raise QueryError(f"parameter {self.name}: unknown type {self.type!r}")

    def describe(self) -> str:
        need = "required" if self.required else (f"default {self.default}" if self.default else "optional")
        return f"{self.name} ({self.type}, {need}): {self.description}"


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bind(self, values: Mapping[str, str | Identifier] | None = None) -> dict[str, Identifier]:
        """Typed RDF terms for the given values plus defaults; unknown or missing names fail."""
        values = dict(values or {})
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            allowed = ", ".join(known) or "none"
            raise QueryError(f"{self.name}: unknown parameter {', '.join(unknown)} (allowed: {allowed})")
        out: dict[str, Identifier] = {}
        for p in self.params:
            if p.name in values:
                out[p.name] = p.term(values[p.name])
            elif p.default is not None:
                out[p.name] = p.term(p.default)
            elif p.required:
                raise QueryError(f"{self.name}: missing required parameter {p.name} ({p.description})")
            if p.type == "name" and p.name in out:
                out[p.name + KEY_SUFFIX] = Literal(search_key(str(out[p.name])))
        return out

    def describe(self) -> str:
        lines = [f"{self.name}: {self.title}"]
        if self.description:
            lines.append(f"    {self.description}")
        lines += [f"    --param {p.describe()}" for p in self.params]
        return "\n".join(lines)


def expand_iri(text: str) -> URIRef:
    """An IRI, written in full or as a CURIE with one of the project's prefixes (ckg:AirStrike)."""
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        text = str(PREFIXES[prefix]) + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) or BAD_IRI.search(text):
        raise ValueError(f"not an IRI: {text!r}")
    return URIRef(text)


def parse_header(text: str, name: str, path: Path) -> SavedQuery:
    title, description, params, plain = "", [], [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            plain.append(line.lstrip("#").strip())
            continue
        key, value = m.groups()
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        else:
            pm = _PARAM.match(value)
            if not pm or pm["type"] not in PARAM_TYPES:
                raise QueryError(f"{path}: malformed parameter line: {line!r}")
            need = pm["need"]
            default = need.split("=", 1)[1] if need.startswith("default=") else None
            params.append(Param(pm["name"], pm["type"], need == "required", default, pm["desc"]))
    if not title and plain:  # a query written without the keys: its first comment line is the title
        title, description = plain[0], plain[1:]
    if not title:
        raise QueryError(f"{path}: no header comment ('# title:' ...) to list the query by")
    for p in params:
        if not re.search(rf"\?{p.name}\b", text):
            raise QueryError(f"{path}: parameter {p.name} is not a variable of the query")
        if p.type == "name" and not re.search(rf"\?{p.name}{KEY_SUFFIX}\b", text):
            raise QueryError(f"{path}: name parameter {p.name} needs ?{p.name}{KEY_SUFFIX} in the query")
    return SavedQuery(name, title, " ".join(description), tuple(params), text, path)


@cache
def catalogue() -> dict[str, SavedQuery]:
    """Every saved query by name (the file stem), sorted by name."""
    return {
        path.stem: parse_header(path.read_text(encoding="utf-8"), path.stem, path)
        for path in sorted(QUERY_DIR.glob("*.rq"))
    }


def get(name: str) -> SavedQuery:
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no saved query named {name!r} (known: {', '.join(queries)})")
    return queries[name]


def describe_catalogue() -> str:
    """The text `conflict-kg query --list` prints."""
    return "\n\n".join(q.describe() for q in catalogue().values())


def parse_param_args(items: Iterable[str]) -> dict[str, str]:
    """`k=v` strings from the command line into a dict; the value may hold any character."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param wants NAME=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


def resolve(
    sparql: str | None = None,
    file: Path | None = None,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
) -> tuple[str, dict[str, Identifier]]:
    """The query text and typed bindings from exactly one of: text, a .rq file, a saved name.

    A file's own header comment types its parameters the way a saved query's does, so
    `--file mine.rq --param k=v` works for a query written in the same style; plain text
    takes no parameters, since nothing says what type a value should be.
    """
    if sum(x is not None for x in (sparql, file, name)) != 1:
        raise QueryError("give the query as text, with --file, or with --name: exactly one of them")
    params = dict(params or {})
    if name is not None:
        saved = get(name)
        return saved.text, saved.bind(params)
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read {file}: {exc}") from exc
        if not params:
            return text, {}
        return text, parse_header(text, Path(file).stem, Path(file)).bind(params)
    if params:
        raise QueryError("--param needs a saved query (--name) or a --file whose header declares parameters")
    return str(sparql), {}


def run(source: Queryable, name: str, params: Mapping[str, str | Identifier] | None = None) -> Result:
    """Run a saved query, its parameters bound, on the embedded graph or a remote store."""
    saved = get(name)
    return source.query(saved.text, saved.bind(params))


def run_rows(source: Queryable, name: str, params: Mapping[str, str | Identifier] | None = None) -> Rows:
    """A saved query's (column names, rows), the shape kg.sparql.answers.format_rows prints."""
    saved = get(name)
    return source.rows(saved.text, saved.bind(params))
