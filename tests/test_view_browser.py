"""The graph page in a real headless Chromium: offline, complete, filterable, and inert to
hostile article text. Chromium is Debian's (`apt-get install chromium`); the test starts it.
A screenshot is left in test-artifacts/graph.png for people to look at."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph.build import build_graph
from kg.view.headless import (
    Browser,
    find_chromium,
    label_overlaps,
    map_drawn,
    redrawn,
    search_details,
)
from kg.view.page import write_view
from kg.view.project import project
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

FIXTURES = Path(__file__).parent / "fixtures" / "records"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCRIPT = "<script>window.__xss=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__xss=2;alert(2)">'
TOOLTIP = "document.getElementById('tooltip')"
DETAILS = "document.getElementById('details')"


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
    other = Event("k2", "other", Mention("مواقع", text.index("مواقع"), text.index("مواقع") + 5), [], [])
    return ExtractionRecord("coalition-article", actors, [], [event, other], text=text)


def idle_record() -> ExtractionRecord:
    """A person and a town named in passing, in no event: hidden until the toggle shows them."""
    text = "قال فلان الفلاني إن بلدة الصفصاف هادئة"
    person, town = "فلان الفلاني", "بلدة الصفصاف"
    actors = [Actor("i1", person, None, "person", "SYR", mentions=[Mention(person, 4, 4 + len(person))])]
    i = text.index(town)
    places = [Place("ip1", town, None, "town", 35.0, 36.5, "SYR", mentions=[Mention(town, i, i + len(town))])]
    return ExtractionRecord("idle-article", actors, places, [], text=text)


def records() -> list[ExtractionRecord]:
    fixtures = [
        ExtractionRecord.from_dict(json.loads(p.read_text("utf-8"))) for p in sorted(FIXTURES.glob("*.json"))
    ]
    return [*fixtures, hostile_record(), coalition_record(), idle_record()]


def _idle(view) -> set[str]:
    from kg.view.page import idle_nodes

    return set(idle_nodes(view))


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


def test_shows_every_node_in_an_event_and_the_rest_on_request(fresh: Browser, view) -> None:
    idle = _idle(view)
    assert len(idle) >= 2  # the idle record's person and town
    shown = fresh.evaluate("ckgView.visibleIds().map(function (i) { return ckgView.info[i].iri; })")
    assert set(shown) == set(view.nodes) - idle
    assert fresh.evaluate("ckgView.edges.length") == view.number_of_edges()
    fresh.evaluate("document.getElementById('show-idle').click(), true")
    assert fresh.evaluate("ckgView.visibleIds().length") == view.number_of_nodes()
    fresh.evaluate("document.getElementById('show-idle').click(), true")
    assert fresh.evaluate("ckgView.visibleIds().length") == view.number_of_nodes() - len(idle)
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
    from kg.view.analysis import actor_network

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
    """Events at their places and the places themselves; actors have no place, so no point."""
    located = {n for n, d in view.nodes(data=True) if d["kind"] == "place" and d["lat"] is not None}
    located -= _idle(view)
    events = {e for e, p, k in view.edges(keys=True) if k == "place" and p in located}
    fresh.evaluate("document.querySelector('input[name=mode][value=map]').click(), true")
    ids = fresh.evaluate("ckgView.visibleIds().map(function (i) { return ckgView.info[i].iri; })")
    assert set(ids) == located | events
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
    redrawn(fresh)
    _mouse(fresh, "mouseMoved", x, y)
    # vis-network shows hover after its tooltipDelay: wait for the tooltip, not for a fixed time
    tip = fresh.wait_for(f"!{TOOLTIP}.hidden && {TOOLTIP}.textContent")
    assert SCRIPT in tip and IMG in tip  # shown as text, exactly as written
    x, y = _node_point(fresh, _index(fresh, event))
    redrawn(fresh)
    _mouse(fresh, "mouseMoved", x, y)
    _mouse(fresh, "mousePressed", x, y)
    _mouse(fresh, "mouseReleased", x, y)
    details = fresh.wait_for(f"!{DETAILS}.hidden && {DETAILS}.textContent")
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


def _boxes(browser: Browser) -> dict[int, list[float]]:
    redrawn(browser)
    return {b[0]: b[1:] for b in browser.evaluate("ckgView.labels.boxes()")}


def test_labels_never_overlap_and_the_leading_nodes_keep_theirs(fresh: Browser) -> None:
    top = fresh.evaluate(
        "ckgView.visibleIds().sort(function (a, b) {"
        " return ckgView.info[b].rank - ckgView.info[a].rank; })[0]"
    )
    n, overlaps = label_overlaps(fresh)
    assert n >= 5 and overlaps == 0
    assert top in _boxes(fresh)
    fresh.evaluate("ckgView.network.moveTo({ scale: ckgView.network.getScale() * 0.4, animation: false })")
    far, overlaps = label_overlaps(fresh)
    assert overlaps == 0 and 1 <= far < n and top in _boxes(fresh)  # zoomed out: fewer, the top one kept
    fresh.evaluate("ckgView.network.fit({ animation: false }), true")
    hidden = [i for i in fresh.evaluate("ckgView.visibleIds()") if i not in _boxes(fresh)]
    assert hidden  # the fixture is crowded enough that some labels wait for a zoom
    fresh.evaluate(f"ckgView.network.focus({hidden[0]}, {{ scale: 4, animation: false }}), true")
    boxes = _boxes(fresh)
    assert hidden[0] in boxes and label_overlaps(fresh)[1] == 0  # zoomed in: its label appears


def _labelled_edges(browser: Browser) -> list[int]:
    return browser.evaluate(
        "ckgView.network.body.data.edges.getIds({ filter: function (e) { return !!e.label; } })"
    )


def test_edge_labels_only_around_the_selected_node(fresh: Browser, view) -> None:
    assert _labelled_edges(fresh) == []
    saraqib = _index(fresh, next(n for n, d in view.nodes(data=True) if d["label_en"] == "Saraqib"))
    x, y = _node_point(fresh, saraqib)
    redrawn(fresh)
    _mouse(fresh, "mousePressed", x, y)
    _mouse(fresh, "mouseReleased", x, y)
    fresh.wait_for(f"ckgView.state.selected === {saraqib}")
    _mouse(fresh, "mouseMoved", 2, 2)  # off the node: only the selection's edges stay labelled
    fresh.wait_for("ckgView.state.hovered === null")
    connected = fresh.evaluate(f"ckgView.network.getConnectedEdges({saraqib})")
    assert connected and sorted(_labelled_edges(fresh)) == sorted(connected)
    fresh.evaluate("var n = ckgView.network; n.unselectAll(); n.body.emitter.emit('deselectNode', {}); true")
    assert _labelled_edges(fresh) == []


def test_search_opens_the_details_of_what_it_found(fresh: Browser) -> None:
    for query, name in (("سراقب", "Saraqib"), ("درعا", "Daraa")):
        details = search_details(fresh, query)
        assert details is not None and name in details, (query, details)
        hits = fresh.evaluate("Array.from(document.querySelectorAll('#search-result button.hit')).length")
        assert hits >= 1
    assert fresh.evaluate("ckgView.network.getSelectedNodes().length") >= 1


def test_every_filter_and_panel_names_event_types_as_events(fresh: Browser) -> None:
    from kg.view.project import type_labels

    labels = type_labels()
    shown = fresh.evaluate(
        "Array.from(document.querySelectorAll('#types label')).map(function (l) {"
        " return [l.querySelector('input').value, l.children[2].textContent.trim()]; })"
    )
    assert ["other", f"{labels['event']['other']['ar']} · {labels['event']['other']['en']}"] in shown
    for key, text in shown:
        assert text == f"{labels['event'][key]['ar']} · {labels['event'][key]['en']}"
    assert not any("actor" in text for _, text in shown)
    legend = fresh.evaluate("document.getElementById('legend').textContent")
    assert labels["event"]["other"]["en"] in legend
    assert fresh.evaluate("document.getElementById('legend').open") is False  # folded, out of the way
    box = fresh.evaluate("document.getElementById('legend').getBoundingClientRect().left")
    assert box >= fresh.evaluate("document.getElementById('controls').getBoundingClientRect().left")


def test_map_draws_borders_and_sizes_events_by_fatalities(fresh: Browser, view) -> None:
    drawn = map_drawn(fresh)
    assert drawn["rings"] > 10 and drawn["land"] > 1000 and drawn["sea"] > 100, drawn
    radius = (
        "(function () { var n = ckgView.network, out = {}; n.body.nodeIndices.forEach(function (i) {"
        " var d = ckgView.info[i]; if (d.kind === 'event') out[i] = [d.fatalities || 0,"
        " n.body.nodes[i].shape.radius * n.getScale()]; }); return out; })()"
    )
    sizes = fresh.evaluate(radius)
    top = max(sizes, key=lambda i: sizes[i])
    assert sizes[top][1] > min(r for f, r in sizes.values() if f == 0) * 2  # 7 dead draws bigger than none
    fresh.evaluate(
        f"ckgView.network.moveTo({{ position: ckgView.network.getPosition({top}),"
        " scale: ckgView.network.getScale() * 3, animation: false }), true"
    )
    for _ in range(3):
        redrawn(fresh)
    zoomed = fresh.evaluate(radius)[top]
    assert abs(zoomed[1] - sizes[top][1]) < 2  # points keep their screen size as the map zooms
    assert label_overlaps(fresh)[1] == 0
    assert fresh.observed.errors == []


def test_timeline_slider_filters_events_by_date(fresh: Browser) -> None:
    applied = fresh.evaluate("ckgView.timings.applies")
    fresh.evaluate(
        "(function () { var f = document.getElementById('timeline-from');"
        " var t = document.getElementById('timeline-to');"
        " var d0 = Date.parse(document.getElementById('date-from').min + 'T00:00:00Z');"
        " function day(s) { return String(Math.round((Date.parse(s + 'T00:00:00Z') - d0) / 86400000)); }"
        " f.value = day('2016-03-01'); f.dispatchEvent(new Event('input'));"
        " t.value = day('2016-03-31'); t.dispatchEvent(new Event('input')); })()"
    )
    dates = fresh.wait_for(
        f"ckgView.timings.applies > {applied} && ckgView.state.from === '2016-03-01'"
        " && ckgView.state.to === '2016-03-31' &&"
        " ckgView.visibleIds().filter(function (i) { return ckgView.info[i].kind === 'event'; })"
        ".map(function (i) { return ckgView.info[i].date; })",
    )
    assert dates == ["2016-03-04"]
    assert fresh.evaluate("document.getElementById('timeline-text').textContent") == "2016-03-01 → 2016-03-31"


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
