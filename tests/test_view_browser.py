"""The graph page in a real headless Chromium: offline, complete, filterable, and inert to
hostile article text. Chromium is Debian's (`apt-get install chromium`); the test starts it.
A screenshot is left in test-artifacts/graph.png for people to look at."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph.build import build_graph
from kg.model import Actor, Event, EventActor, ExtractionRecord, Mention, Place
from kg.view.headless import Browser, find_chromium
from kg.view.page import write_view
from kg.view.project import project

FIXTURES = Path(__file__).parent / "fixtures" / "records"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCRIPT = "<script>window.__xss=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__xss=2;alert(2)">'


def hostile_record() -> ExtractionRecord:
    """Every text field an article controls carries a payload that would set window.__xss."""
    attacker = f"كتيبة {SCRIPT}"
    target = f"لواء {IMG}"
    place = f"حي {IMG}"
    text = (
        f"هاجمت {attacker} مواقع {target} في {place} ما أدى إلى مقتل خمسة.\n"
        f"وقال مصدر {SCRIPT} إن الهجوم انتهى."
    )
    trig = text.index("هاجمت")

    def mention(s: str) -> Mention:
        i = text.index(s)
        return Mention(s, i, i + len(s))

    return ExtractionRecord(
        article_id="xss-article",
        actors=[
            Actor("a1", attacker, f"Battalion {IMG}", "armed_group", "SYR", mentions=[mention(attacker)]),
            Actor("a2", target, f"Brigade {SCRIPT}", "militia", "SYR", mentions=[mention(target)]),
        ],
        locations=[
            Place(
                "p1",
                place,
                f"Quarter {SCRIPT}",
                "neighbourhood",
                36.2,
                37.1,
                "SYR",
                mentions=[mention(place)],
            )
        ],
        events=[
            Event(
                "e1",
                "attack",
                Mention("هاجمت", trig, trig + 5),
                [EventActor("a1", "attacker"), EventActor("a2", "target")],
                ["p1"],
                date="2016-03-04",
                date_precision="day",
                fatalities=5,
                date_text=f"أمس {SCRIPT}",
            )
        ],
        meta={
            "title": f"عنوان {SCRIPT}",
            "outlet": f"Outlet {IMG}",
            "url": "javascript:window.__xss=3",
            "published": "2016-03-05",
        },
        text=text,
    )


def coalition_record() -> ExtractionRecord:
    """Two groups attacking together, so the page has a coalition to colour."""
    text = "هاجمت جماعة س وميليشيا ص مواقع جيش ع"
    names = [("c1", "جماعة س", "armed_group"), ("c2", "ميليشيا ص", "militia"), ("c3", "جيش ع", "state_force")]
    actors = [Actor(i, n, None, k, "SYR", mentions=[Mention(n, text.index(n), text.index(n) + len(n))])
              for i, n, k in names]  # fmt: skip
    roles = [EventActor("c1", "attacker"), EventActor("c2", "attacker"), EventActor("c3", "target")]
    event = Event("k1", "attack", Mention("هاجمت", 0, 5), roles, [], date="2016-05", fatalities=3)
    return ExtractionRecord("coalition-article", actors, [], [event], text=text)


def records() -> list[ExtractionRecord]:
    fixtures = [
        ExtractionRecord.from_dict(json.loads(p.read_text("utf-8"))) for p in sorted(FIXTURES.glob("*.json"))
    ]
    return [*fixtures, hostile_record(), coalition_record()]


@pytest.fixture(scope="module")
def view():
    return project(build_graph(records()))


@pytest.fixture(scope="module")
def browser(view, tmp_path_factory) -> Iterator[Browser]:
    if not find_chromium():
        pytest.fail("chromium is not installed: apt-get install chromium")
    page = write_view(view, tmp_path_factory.mktemp("view") / "graph.html")
    with Browser() as b:
        b.open(page.resolve().as_uri())
        b.page_url = page.resolve().as_uri()
        yield b


@pytest.fixture
def fresh(browser: Browser) -> Browser:
    """Back to the full graph with no filter before each test."""
    browser.evaluate(
        "document.querySelector('input[name=mode][value=full]').click(),"
        "document.getElementById('reset').click(), true"
    )
    return browser


def _index(browser: Browser, iri: str) -> int:
    return browser.evaluate(f"ckgView.info.findIndex(function (d) {{ return d.iri === {json.dumps(iri)}; }})")


def _mouse(browser: Browser, kind: str, x: float, y: float) -> None:
    params = {
        "type": kind,
        "x": x,
        "y": y,
        "button": "left" if kind != "mouseMoved" else "none",
        "clickCount": 1,
    }
    browser.send("Input.dispatchMouseEvent", params)


def _node_point(browser: Browser, idx: int) -> tuple[float, float]:
    """Centre the node on the canvas and return its viewport coordinates."""
    return tuple(browser.evaluate(
        f"(function () {{ var n = ckgView.network; n.focus({idx}, {{ scale: 1.2, animation: false }});"
        f" var p = n.canvasToDOM(n.getPosition({idx}));"
        " var r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    ))  # fmt: skip


def test_opens_offline_and_loads_nothing_from_the_network(browser: Browser) -> None:
    browser.drain()
    assert browser.page_url in browser.observed.requests
    assert browser.observed.external == []
    assert browser.observed.errors == []
    assert browser.evaluate("typeof vis !== 'undefined' && document.querySelectorAll('canvas').length") == 1


def test_shows_every_node_and_edge(fresh: Browser, view) -> None:
    assert fresh.evaluate("ckgView.visibleIds().length") == view.number_of_nodes()
    assert fresh.evaluate("ckgView.edges.length") == view.number_of_edges()
    # the canvas really drew: some pixels are not the white background
    coloured = fresh.evaluate(
        "(function () { var c = document.querySelector('#mynetwork canvas'); var d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; var n = 0; for (var i = 0; i < d.length; i += 4)"
        " if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++; return n; })()"
    )
    assert coloured > 1000
    # canvas text is laid out right to left, so a mixed Arabic/Latin label reads in Arabic order
    assert fresh.evaluate("getComputedStyle(document.querySelector('#mynetwork canvas')).direction") == "rtl"


def test_event_type_filter_hides_other_events_and_their_parties(fresh: Browser, view) -> None:
    keep = "air_strike"
    shown: set[str] = set()
    for n, d in view.nodes(data=True):
        if d["kind"] == "event" and d["type"] == keep:
            shown |= {n, *d["places"], *(o for _, o in view.out_edges(n))}
    fresh.evaluate("document.getElementById('types-none').click(), true")
    assert fresh.evaluate("ckgView.visibleIds().length") == 0
    fresh.evaluate(f"document.querySelector('#types input[data-type={keep}]').click(), true")
    visible = fresh.evaluate("ckgView.visibleIds().map(function (i) { return ckgView.info[i].iri; })")
    assert set(visible) == shown
    assert str(len(shown)) in fresh.evaluate("document.getElementById('status').textContent")


def test_date_and_country_filters(fresh: Browser, view) -> None:
    fresh.evaluate(
        "(function () { var f = document.getElementById('date-from'); f.value = '2016-03-01';"
        " f.dispatchEvent(new Event('change')); var t = document.getElementById('date-to');"
        " t.value = '2016-03-31'; t.dispatchEvent(new Event('change')); })()"
    )
    events = fresh.evaluate(
        "ckgView.visibleIds().filter(function (i) { return ckgView.info[i].kind === 'event'; })"
        ".map(function (i) { return ckgView.info[i].date; })"
    )
    assert events == ["2016-03-04"]
    fresh.evaluate("document.getElementById('reset').click(), true")
    fresh.evaluate(
        "(function () { var c = document.getElementById('country'); c.value = 'SYR';"
        " c.dispatchEvent(new Event('change')); })()"
    )
    syr = sum(1 for _, d in view.nodes(data=True) if d["kind"] == "event" and "SYR" in d["countries"])
    assert (
        fresh.evaluate(
            "ckgView.visibleIds().filter(function (i) { return ckgView.info[i].kind === 'event'; }).length"
        )
        == syr
    )


def test_actor_network_view(fresh: Browser, view) -> None:
    from kg.analysis import actor_network

    party = ("attacker", "target", "victim", "participant")
    parties = {
        a
        for e, d in view.nodes(data=True)
        if d["kind"] == "event"
        for _, a, k in view.out_edges(e, keys=True)
        if k in party
    }
    fresh.evaluate("document.querySelector('input[name=mode][value=actors]').click(), true")
    ids = fresh.evaluate("ckgView.visibleIds().map(function (i) { return ckgView.info[i].iri; })")
    assert set(ids) == parties
    net = actor_network(view)
    shown_edges = fresh.evaluate("ckgView.network.body.data.edges.length")
    assert shown_edges == net.number_of_edges()


def test_map_view_places_what_has_coordinates(fresh: Browser, view) -> None:
    located = {n for n, d in view.nodes(data=True) if d["kind"] == "place" and d["lat"] is not None}
    events = {e for e, p, k in view.edges(keys=True) if k == "place" and p in located}
    actors = {a for e in events for _, a, k in view.out_edges(e, keys=True) if k not in ("place", "within")}
    fresh.evaluate("document.querySelector('input[name=mode][value=map]').click(), true")
    ids = fresh.evaluate("ckgView.visibleIds().map(function (i) { return ckgView.info[i].iri; })")
    assert set(ids) == located | events | actors
    # north is up: Daraa (32.6 N) is drawn below Saraqib (35.9 N)
    y = fresh.evaluate(
        "(function () { var n = ckgView.network, out = {}; ckgView.visibleIds().forEach(function (i) {"
        " out[ckgView.info[i].en] = n.getPosition(i).y; }); return out; })()"
    )
    assert y["Daraa"] > y["Saraqib"]
    fresh.drain(0.3)
    assert fresh.observed.errors == []


def test_actor_network_coloured_by_coalition(fresh: Browser, view) -> None:
    fresh.evaluate(
        "document.querySelector('input[name=mode][value=actors]').click(),"
        "document.querySelector('input[name=colour][value=coalition]').click(), true"
    )
    colours = fresh.evaluate(
        "(function () { var out = {}; ckgView.network.body.data.nodes.forEach(function (n) {"
        " out[ckgView.info[n.id].ar] = n.color.background; }); return out; })()"
    )
    assert colours["جماعة س"] == colours["ميليشيا ص"] != "#d5d8dc"  # they attacked together
    assert colours["جيش ع"] == "#d5d8dc"  # in no coalition
    fresh.drain(0.3)
    in_view = fresh.evaluate(
        "(function () { var n = ckgView.network, c = document.getElementById('mynetwork');"
        " return n.body.data.nodes.getIds().every(function (i) { var p = n.canvasToDOM(n.getPosition(i));"
        " return p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight; }); })()"
    )
    assert in_view  # the view was fitted to the new data set, even after two changes in one tick
    fresh.evaluate("document.querySelector('input[name=colour][value=kind]').click(), true")


def test_search_selects_matching_names(fresh: Browser) -> None:
    hits = fresh.evaluate(
        "(function () { var s = document.getElementById('search'); s.value = 'سراقب'; return ckgView.search()"
        ".map(function (i) { return ckgView.info[i].en; }); })()"
    )
    assert hits == ["Saraqib"]
    # Arabic folding: hamza-less, diacritic-free spelling still finds الجَيْش السوري
    hits = fresh.evaluate(
        "(function () { var s = document.getElementById('search'); s.value = 'الجيش'; return ckgView.search()"
        ".map(function (i) { return ckgView.info[i].ar; }); })()"
    )
    assert "الجَيْش السوري" in hits
    assert fresh.evaluate("ckgView.network.getSelectedNodes().length") == len(hits)


def test_hostile_text_stays_inert_in_tooltip_and_details(fresh: Browser, view) -> None:
    attacker = next(n for n, d in view.nodes(data=True) if d["label_ar"].startswith("كتيبة"))
    event = next(n for n, d in view.nodes(data=True) if d["kind"] == "event" and "xss-article" in n)
    x, y = _node_point(fresh, _index(fresh, attacker))
    _mouse(fresh, "mouseMoved", x, y)
    fresh.drain(0.5)
    tip = fresh.evaluate(
        "document.getElementById('tooltip').hidden ? null : document.getElementById('tooltip').textContent"
    )
    assert tip is not None and SCRIPT in tip and IMG in tip  # shown as text, exactly as written
    x, y = _node_point(fresh, _index(fresh, event))
    _mouse(fresh, "mouseMoved", x, y)
    _mouse(fresh, "mousePressed", x, y)
    _mouse(fresh, "mouseReleased", x, y)
    fresh.drain(0.5)
    details = fresh.evaluate("document.getElementById('details').textContent")
    assert SCRIPT in details and f"Outlet {IMG}" in details
    assert (
        fresh.evaluate(
            "document.querySelectorAll('#tooltip *:is(script, img), #details *:is(script, img)').length"
        )
        == 0
    )
    assert (
        fresh.evaluate(
            "Array.from(document.querySelectorAll('#details a')).map(function (a) { return a.href; })"
        )
        == []
    )
    assert (
        fresh.evaluate("document.scripts.length") == 4
    )  # vis-network, data, nodes/edges, view.js: ours only
    assert fresh.evaluate("typeof window.__xss") == "undefined"
    assert fresh.observed.dialogs == []
    assert fresh.observed.errors == []


def test_screenshot_for_people(fresh: Browser) -> None:
    _mouse(fresh, "mouseMoved", 2, 2)
    assert fresh.evaluate("document.getElementById('tooltip').hidden") is True
    fresh.evaluate("ckgView.network.fit({ animation: false }), true")
    fresh.drain(0.3)
    shot = fresh.screenshot(ARTIFACTS / "graph.png")
    assert shot.stat().st_size > 20_000  # a drawn page, not a blank one


def test_five_thousand_nodes_open_and_filter_quickly(tmp_path) -> None:
    """The issue's bar: a 5,000-node page opens and responds within 10 s in headless Chromium.
    (Labelled edges once made one redraw of this page take 18 s.)"""
    from benchmarks.view_scale import synthetic_records

    view = project(build_graph(synthetic_records(5000)))
    page = write_view(view, tmp_path / "big.html")
    with Browser(timeout=60) as b:
        opened = b.open(page.resolve().as_uri(), timeout=60)
        assert b.evaluate("ckgView.visibleIds().length") == view.number_of_nodes() >= 4900
        start = b.evaluate("performance.now()")
        shown = b.evaluate("document.querySelector('#types input').click(), ckgView.visibleIds().length")
        took = (b.evaluate("performance.now()") - start) / 1000
        b.drain()
        assert shown < view.number_of_nodes()
        assert opened < 10 and took < 5, (opened, took)
        assert b.observed.external == [] and b.observed.errors == []
