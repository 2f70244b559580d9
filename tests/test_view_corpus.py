"""The view of real builds, as an analyst opens them: the sample (seeds/, ~32 nodes) and the
first 300 and 2,000 articles of ../shared/corpus, each built with the real CLI (`python -m kg
build`; the corpus builds are cached in the temp folder under a hash of the kg sources, see
benchmarks/view_large.py). Screenshots of each, graph and map, are left in test-artifacts/
for people to look at. Timings are printed by benchmarks/view_large.py, not asserted here."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from benchmarks.view_large import CORPUS, corpus_build
from kg.view.headless import (
    Browser,
    find_chromium,
    label_overlaps,
    map_drawn,
    redrawn,
    search_details,
)
from kg.view.page import write_view

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SIZES = {"32": None, "300": 300, "2000": 2000}


def _sample_graph(tmp: Path) -> Path:
    cmd = [
        sys.executable,
        "-m",
        "kg",
        "build",
        str(ROOT / "seeds"),
        "--out",
        str(tmp / "out"),
        "--workers",
        "1",
    ]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, timeout=600)
    return tmp / "out" / "graph.ttl"


@pytest.fixture(scope="module", params=list(SIZES))
def opened(request, tmp_path_factory) -> Iterator[tuple[str, Browser]]:
    if not find_chromium():
        pytest.fail("chromium is not installed: apt-get install chromium")
    size = request.param
    if SIZES[size] and not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not there")
    tmp = tmp_path_factory.mktemp(f"view-{size}")
    graph = _sample_graph(tmp) if SIZES[size] is None else corpus_build(SIZES[size])
    page = write_view(Graph().parse(graph), tmp / "graph.html")
    with Browser(timeout=60) as b:
        b.open(page.resolve().as_uri(), timeout=60)
        yield size, b


def _reset(b: Browser) -> None:
    b.evaluate(
        "document.querySelector('input[name=mode][value=full]').click(),"
        "document.getElementById('reset').click(), true"
    )
    redrawn(b)


def test_opens_readable_with_no_label_over_another(opened) -> None:
    size, b = opened
    _reset(b)
    labels, overlaps = label_overlaps(b)
    assert labels >= 5 and overlaps == 0, (size, labels, overlaps)
    assert b.evaluate("ckgView.network.body.nodeIndices.length") <= 400  # big graphs open clustered
    ARTIFACTS.mkdir(exist_ok=True)
    b.screenshot(ARTIFACTS / f"view-{size}.png")
    b.drain()
    assert b.observed.external == [] and b.observed.errors == []


def test_map_draws_borders_with_the_events_on_them(opened) -> None:
    size, b = opened
    _reset(b)
    drawn = map_drawn(b)
    assert drawn["rings"] > 10 and drawn["land"] > 1000 and drawn["sea"] > 100, (size, drawn)
    events = (
        "ckgView.network.body.nodeIndices.filter(function (i) { return ckgView.info[i].kind === 'event'; })"
    )
    assert b.evaluate(events + ".length") > 0
    assert label_overlaps(b)[1] == 0
    b.screenshot(ARTIFACTS / f"view-{size}-map.png")


def test_search_opens_details(opened) -> None:
    size, b = opened
    _reset(b)
    query = "حلب" if size == "32" else "اليمن"  # the issue's «حلب» in the sample; Yemen in 2015 news
    details = search_details(b, query)
    assert details and query in details, (size, details)
    assert label_overlaps(b)[1] == 0


def test_clustered_overview_expands_on_click(opened) -> None:
    size, b = opened
    _reset(b)
    if size != "2000":  # a small build opens whole: clustering would only hide what fits
        assert not b.evaluate("ckgView.clusters.active()")
        return
    assert b.evaluate("ckgView.clusters.active()")
    before = b.evaluate("ckgView.network.body.nodeIndices.length")
    biggest = b.evaluate("ckgView.clusters.labels().sort(function (a, b) { return b.rank - a.rank; })[0].id")
    assert biggest.startswith("country:")
    x, y = b.evaluate(
        f"(function () {{ var n = ckgView.network; n.focus({biggest!r}, {{ scale: 1, animation: false }});"
        f" var p = n.canvasToDOM(n.getPosition({biggest!r}));"
        " var r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    redrawn(b)
    for kind in ("mousePressed", "mouseReleased"):
        b.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})
    b.wait_for(f"!ckgView.network.isCluster({biggest!r})")
    after = b.evaluate("ckgView.network.body.nodeIndices.length")
    regions = b.evaluate(
        "ckgView.clusters.labels().filter(function (c) { return c.id.indexOf('region:') === 0; })"
    )
    assert after > before and regions  # the country opened into its regions (and loose nodes)
    assert label_overlaps(b)[1] == 0
    b.screenshot(ARTIFACTS / f"view-{size}-opened.png")
