"""The view of a real 2,000-article build, as an analyst opens it.

    .venv/bin/python -m benchmarks.view_large [--articles 2000] [--graph out/graph.ttl] [--search اليمن]

Builds the first N articles of ../shared/corpus/saudinewsnet-2015-2000.jsonl with the real
CLI (`python -m kg build`, cached in the temp folder under a hash of the kg sources), or takes
a graph.ttl; writes its page, opens it in headless Chromium (network offline) and prints: the
time to open (navigation to first drawing), the labels drawn and how many pairs of their boxes
overlap, whether the map mode draws country borders, and whether a search opens the details.
The bar (issue 16): open < 5 s, 0 overlaps, borders drawn, search opens details.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet-2015-2000.jsonl"


def _source_key() -> str:
    """What the graph of a build depends on: the package's code and data outside the view."""
    h = hashlib.sha256()
    for p in sorted((ROOT / "kg").rglob("*")):
        if (
            p.is_file()
            and "view" not in p.relative_to(ROOT / "kg").parts[:1]
            and "__pycache__" not in p.parts
        ):
            h.update(str(p.relative_to(ROOT)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def corpus_build(articles: int, corpus: Path = CORPUS) -> Path:
    """graph.ttl of the first `articles` lines of the corpus, built once per source version."""
    if not corpus.exists():
        raise FileNotFoundError(
            f"{corpus}: the benchmark corpus is not there (is ../shared beside the repo?)"
        )
    out = Path(tempfile.gettempdir()) / "ckg-view-builds" / f"{articles}-{_source_key()}"
    graph = out / "graph.ttl"
    if graph.exists():
        return graph
    out.mkdir(parents=True, exist_ok=True)
    part = out / "articles.jsonl"
    with corpus.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= articles:
                break
            dst.write(line)
    cmd = [sys.executable, "-m", "kg", "build", str(part), "--out", str(out / "build"), "--workers", "1"]
    subprocess.run(
        cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900
    )
    (out / "build" / "graph.ttl").replace(graph)
    return graph


def measure(page: Path, query: str) -> dict[str, object]:
    from kg.view.headless import Browser, label_overlaps, map_drawn, search_details

    with Browser(timeout=60) as b:
        opened = b.open(page.resolve().as_uri(), timeout=60)
        labels, overlaps = label_overlaps(b)
        nodes = b.evaluate("ckgView.network.body.nodeIndices.length")
        clustered = b.evaluate("ckgView.clusters.active()")
        details = search_details(b, query)
        search_labels, search_overlaps = label_overlaps(b)
        m = map_drawn(b)
        map_labels, map_overlaps = label_overlaps(b)
        b.drain()
        return {
            "open_s": round(opened, 2),
            "drawn_nodes": nodes,
            "clustered_overview": clustered,
            "labels": labels,
            "overlapping_pairs": overlaps,
            "search": query,
            "search_opens_details": bool(details),
            "labels_after_search": search_labels,
            "overlaps_after_search": search_overlaps,
            "map_border_rings": m["rings"],
            "map_land_pixels": m["land"],
            "map_draws_borders": m["rings"] > 0 and m["land"] > 0,
            "map_labels": map_labels,
            "map_overlaps": map_overlaps,
            "console_errors": len(b.observed.errors),
            "external_requests": len(b.observed.external),
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--graph", type=Path, help="a graph.ttl to view instead of building the corpus")
    ap.add_argument("--search", default="اليمن")
    args = ap.parse_args()
    from kg.view.page import write_view
    from kg.view.project import project

    start = time.monotonic()
    graph_path = args.graph or corpus_build(args.articles)
    print(f"graph: {graph_path} ({time.monotonic() - start:.1f} s to build or find)")
    view = project(Graph().parse(graph_path))
    start = time.monotonic()
    page = write_view(view, Path(tempfile.mkdtemp(prefix="ckg-view-large-")) / "graph.html")
    kinds = [d["kind"] for _, d in view.nodes(data=True)]
    print(f"nodes: {len(kinds)} ({kinds.count('event')} events); page {page.stat().st_size / 1e6:.1f} MB"
          f" written in {time.monotonic() - start:.1f} s")  # fmt: skip
    for key, value in measure(page, args.search).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
