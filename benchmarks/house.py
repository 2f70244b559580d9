"""The bar of issue #15 for kg/, as figures: is the house still one a newcomer can live in?

    .venv/bin/python -m benchmarks.house

Prints four figures and what is over each bar, and exits non-zero when any figure is:
- modules over 500 lines (a module that long has more than one job);
- functions over 80 lines, measured on the AST from `def` to the last line of the body;
- functions ruff's C901 flags at max-complexity 15 (ruff is run; its rule is the one CI knows);
- import cycles among kg modules, function-local and TYPE_CHECKING imports included: a
  function-local import hides a cycle from Python's loader, not from a reader, who still has
  to hold both modules in mind to understand either.

The import graph is built from the AST of every kg/**/*.py: `import kg.a.b` and `from kg.a
import b` are edges to kg.a.b when b is a submodule, to kg.a otherwise; relative imports are
resolved against the importing module. A package's __init__ that Python runs on the way to a
submodule is not an edge (every module would then sit in a cycle with kg/__init__'s lazy
imports), and nor are `importlib.import_module` calls, whose names are data. Each strongly
connected component of more than one module is a cycle; one short cycle through it is printed
as the path to break.
"""

from __future__ import annotations

import argparse
import ast
import itertools
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
MAX_COMPLEXITY = 15


@dataclass(frozen=True)
class Import:
    """One import statement's edge: where it is and whether it runs only when a function does."""

    source: str
    target: str
    line: int
    local: bool


def module_name(path: Path, root: Path = ROOT) -> str:
    """kg/sparql/remote.py -> kg.sparql.remote; kg/sparql/saved/__init__.py -> kg.sparql.saved."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: str = "kg", root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by dotted name, in path order."""
    return {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    """The absolute module an ImportFrom names, relative levels taken from the importing module."""
    if not node.level:
        return node.module or ""
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


class _Imports(ast.NodeVisitor):
    """Collects a module's imports of known modules, noting which sit inside a function body."""

    def __init__(self, here: str, is_package: bool, known: set[str]) -> None:
        self.here, self.is_package, self.known = here, is_package, known
        self.depth = 0
        self.found: list[Import] = []

    def _add(self, target: str, line: int) -> None:
        while target and target not in self.known:  # `import kg.a.b.Name` style misses: walk up
            target = target.rpartition(".")[0]
        if target and target != self.here:
            self.found.append(Import(self.here, target, line, self.depth > 0))

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _resolve(node, self.here, self.is_package)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            self._add(sub if sub in self.known else base, node.lineno)


def imports(mods: dict[str, Path]) -> list[Import]:
    """Every import edge between the given modules, module-level and function-local alike."""
    known = set(mods)
    found: list[Import] = []
    for name, path in mods.items():
        visitor = _Imports(name, path.name == "__init__.py", known)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found += visitor.found
    return found


def import_graph(mods: dict[str, Path]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(mods)
    for edge in imports(mods):
        if not graph.has_edge(edge.source, edge.target):
            graph.add_edge(edge.source, edge.target, line=edge.line, local=edge.local)
        elif graph.edges[edge.source, edge.target]["local"] and not edge.local:  # show the load-time one
            graph.edges[edge.source, edge.target].update(line=edge.line, local=False)
    return graph


def cycles(graph: nx.DiGraph, among: Iterable[str] | None = None, limit: int = 20) -> list[list[str]]:
    """Each import cycle as a closed path (first module repeated last), shortest first.

    The strongly connected components say which modules are tangled; within each, its
    elementary cycles (at most `limit` of them) are the paths to break. `among` keeps only the
    cycles through a module under one of those package prefixes, so a part of the tree can be
    held to the bar before the rest is (a circle out of the part and back in still counts).
    """
    prefixes = tuple(among) if among is not None else None

    def held(name: str) -> bool:
        return prefixes is None or any(name == p or name.startswith(p + ".") for p in prefixes)

    found = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        for n, cycle in enumerate(
            c for c in nx.simple_cycles(graph.subgraph(component)) if any(map(held, c))
        ):
            if n == limit:
                break
            at = cycle.index(min(cycle))  # start each at its least name, so the output is stable
            found.append([*cycle[at:], *cycle[:at], cycle[at]])
    return sorted(found, key=lambda c: (len(c), c))


def describe_cycle(graph: nx.DiGraph, cycle: list[str]) -> str:
    """`a -(12, local)-> b -(3)-> a`: each hop with the line of the import that makes it."""
    out = [cycle[0]]
    for a, b in itertools.pairwise(cycle):
        data = graph.edges[a, b]
        out.append(f" -({data['line']}{', local' if data['local'] else ''})-> {b}")
    return "".join(out)


def long_modules(mods: dict[str, Path]) -> list[tuple[str, int]]:
    lengths = ((name, len(path.read_text(encoding="utf-8").splitlines())) for name, path in mods.items())
    return sorted(((n, k) for n, k in lengths if k > MAX_MODULE_LINES), key=lambda x: -x[1])


def long_functions(mods: dict[str, Path]) -> list[tuple[str, int]]:
    """Functions (methods and nested ones too) longer than the bar, as `path:line name`."""

    def walk(path: Path) -> Iterator[tuple[str, int]]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    yield f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", length

    return sorted((f for p in mods.values() for f in walk(p)), key=lambda x: -x[1])


def complex_functions(package: str = "kg") -> list[str]:
    """ruff's C901 findings at the bar, as `path:line message`."""
    cmd = [
        sys.executable, "-m", "ruff", "check", "--select", "C901", "--output-format", "json",
        "--config", f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", package,
    ]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"house: ruff failed: {done.stderr.strip()}")
    findings = json.loads(done.stdout or "[]")
    return sorted(
        f"{Path(f['filename']).relative_to(ROOT)}:{f['location']['row']} {f['message']}" for f in findings
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", default="kg", help="the package to measure (default kg)")
    args = parser.parse_args(argv)
    mods = modules(args.package)
    graph = import_graph(mods)
    figures = {
        f"modules over {MAX_MODULE_LINES} lines": [f"{n} ({k})" for n, k in long_modules(mods)],
        f"functions over {MAX_FUNCTION_LINES} lines": [f"{n} ({k})" for n, k in long_functions(mods)],
        f"ruff C901 at max-complexity {MAX_COMPLEXITY}": complex_functions(args.package),
        "import cycles (function-local included)": [describe_cycle(graph, c) for c in cycles(graph)],
    }
    local = sum(1 for _a, _b, d in graph.edges(data=True) if d["local"])
    print(f"{len(mods)} modules, {graph.number_of_edges()} import edges ({local} function-local)")
    for title, items in figures.items():
        print(f"{title}: {len(items)}")
        for item in items:
            print(f"  {item}")
    over = [title for title, items in figures.items() if items]
    print("over the bar: " + (", ".join(over) if over else "nothing"))
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
