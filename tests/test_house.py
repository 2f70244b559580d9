"""No import cycle among the modules of the parts already held to #15's bar, function-local
imports included: a lazy import that closes a circle hides it from Python, not from a reader.

The check is benchmarks.house's own, so the test and the printed figure cannot disagree; the
first test shows on a package made here that it sees each kind of edge it claims to.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.house import cycles, describe_cycle, import_graph, modules

HELD = ("kg.sparql", "kg.run", "kg.cli", "kg.export", "kg.view")


def _package(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_cycles_are_found_through_local_relative_and_submodule_imports(tmp_path: Path) -> None:
    _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.sub import b\n",  # b is a submodule: the edge goes to pkg.sub.b
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": "def f():\n    from ..c import g\n    return g\n",  # local and relative
            "pkg/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\ng = 1\n",
            "pkg/d.py": "import pkg.c\n",  # imports into the cycle, is not part of it
        },
    )
    graph = import_graph(modules("pkg", tmp_path))
    found = cycles(graph)
    assert found == [["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]]
    assert describe_cycle(graph, found[0]) == "pkg.a -(1)-> pkg.sub.b -(2, local)-> pkg.c -(3)-> pkg.a"
    assert cycles(graph, among=("pkg.sub",)) == found  # a part holding one module of the circle
    assert cycles(graph, among=("pkg.d",)) == []  # an importer of the circle is not in it


def test_no_import_cycle_in_the_parts_held_to_the_bar() -> None:
    graph = import_graph(modules())
    assert set(HELD) <= set(graph), "a held package is missing from the import graph"
    found = [describe_cycle(graph, c) for c in cycles(graph, among=HELD)]
    assert found == [], "import cycles:\n" + "\n".join(found)
