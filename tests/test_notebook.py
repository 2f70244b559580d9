"""The walkthrough notebook runs top to bottom on the sample, fast, and is kept with its outputs.

The kernel is this interpreter (a kernelspec written to a temporary JUPYTER_PATH), so the test
works on a fresh machine whatever `python` is on PATH or which kernels are installed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
KERNEL = "conflict-kg-test"


@pytest.fixture
def kernel_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    spec = tmp_path / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "conflict-kg (test)",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return KERNEL


def _text(nb: nbformat.NotebookNode) -> str:
    """Each cell's printed text in one piece: the kernel may send one print's stdout in several
    stream messages (split mid-line, depending on timing), so the pieces are joined as they came."""
    out = []
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        out.append("".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream"))
        out.extend(json.dumps(o.get("data", {}), ensure_ascii=False) for o in outputs if "data" in o)
    return "\n".join(out)


def test_walkthrough_executes(kernel_here: str) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel_here,
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    text = _text(nb)
    assert re.search(r"[1-9]\d* article\(s\) extracted", text)
    assert "same rows as the embedded store: True" in text
    for name in ("events_by_type_month", "who_attacked_whom", "actor_profile", "events_near", "acled_events"):
        assert f"{name}" in text, name
    assert "triples in" in text and "actors by centrality" in text
    dated = next((line for line in text.splitlines() if "% dated" in line), "(no line with '% dated')")
    rows = (ROOT / "output" / "walkthrough" / "events-dated.csv").read_text(encoding="utf-8-sig").splitlines()
    undated = [r for r in rows[1:] if r.split(",")[1] == ""]
    assert re.search(r"[1-9]\d* events; 100.0 % dated", dated), (dated, undated)
    assert "datetime64" in text
    assert (ROOT / "output" / "walkthrough" / "graph.html").stat().st_size > 10_000


def test_walkthrough_is_saved_with_its_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("execution_count") for c in code)
    assert all(c.get("outputs") for c in code), "every code cell shows something to a reader"
    assert not any(o.get("output_type") == "error" for c in code for o in c.outputs)
