"""The interactive page: pyvis renders our template around vis-network, all of it inline.

Why not pyvis's own template and `add_node`: its template links Bootstrap (and, unless
`cdn_resources="in_line"`, vis-network) from a CDN, so the page fails offline; `add_node` and
`add_edge` scan lists on every call, which took ~56 s for 20,000 nodes. So the node and edge
dicts are built here and handed to a pyvis `Network`, whose `generate_html` renders
`assets/page.html` with vis-network's JavaScript and CSS from pyvis's own package included
inline, and no external URL at all (the page's Content-Security-Policy forbids loading one).

Untrusted text (names, sentences, titles) travels only as JSON: Jinja's `tojson` escapes
`<`, `>`, `&` and `'`, so nothing in the data can close the <script> block, and the page's
JavaScript puts it into the DOM with textContent only. Node labels are drawn on the canvas,
where markup is just characters.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network
from rdflib import Graph

from kg import analysis
from kg.view.layout import layout
from kg.view.project import project, type_labels

ASSETS = Path(str(resources.files("kg.view").joinpath("assets")))
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
LARGE = 1000  # above this many nodes, edges hide while dragging/zooming to keep it fluid
# Edge labels cost: with 11,000 labelled edges one redraw took 18 s in headless Chromium, 0.9 s
# without labels. Above this many edges the role shows as colour, legend and hover instead.
EDGE_LABELS = 1500
_EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I
)


@lru_cache(maxsize=1)
def assets() -> dict[str, str]:
    """Scripts and styles pasted into the page verbatim. Passed as values rather than Jinja
    includes: compiling vis-network's 470 kB as a template cost ~0.7 s per page, and a `{#` in
    any script would have been read as a Jinja comment."""
    vis = PYVIS_TEMPLATES / "lib" / "vis-9.1.2"
    return {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "view_js": (ASSETS / "view.js").read_text(encoding="utf-8"),
        "view_css": (ASSETS / "view.css").read_text(encoding="utf-8"),
    }


@lru_cache(maxsize=1)
def palette() -> dict[str, Any]:
    return json.loads((ASSETS / "palette.json").read_text(encoding="utf-8"))


def _label(ar: str, en: str) -> str:
    """Arabic first, English under it; canvas text, so no escaping is needed or wanted."""
    if ar and en and ar != en:
        return f"{ar}\n{en}"
    return ar or en


def _options(n_nodes: int) -> dict[str, Any]:
    large = n_nodes > LARGE
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "multiselect": True,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "nodes": {
            "borderWidth": 1,
            "scaling": {
                "min": 8,
                "max": 32,
                "label": {"enabled": True, "min": 11, "max": 22, "drawThreshold": 9},
            },
            "font": {"face": "DejaVu Sans, Noto Sans Arabic, Tahoma, sans-serif", "size": 12, "multi": False},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "font": {
                "size": 9,
                "align": "middle",
                "face": "DejaVu Sans, Tahoma, sans-serif",
                "color": "#555",
            },
            "scaling": {"min": 1, "max": 8, "label": {"enabled": False}},
            "selectionWidth": 2,
        },
    }


def page_data(view: nx.MultiDiGraph, seed: int = 0) -> tuple[list[dict], list[dict], dict[str, Any]]:
    """vis-network nodes and edges (integer ids) and the page's own data (details, filters)."""
    pal = palette()
    labels = type_labels()
    order = sorted(view.nodes, key=lambda n: ({"event": 0, "actor": 1, "place": 2}[view.nodes[n]["kind"]], n))
    index = {n: i for i, n in enumerate(order)}
    pos = layout(view, seed=seed)
    vis_nodes: list[dict[str, Any]] = []
    info: list[dict[str, Any]] = []
    for n in order:
        d = view.nodes[n]
        kind = d["kind"]
        style = pal[kind][d["type"]]
        x, y = pos[n]
        value = (d["fatalities"] or 0) if kind == "event" else d["events"]
        label = _label(d["label_ar"], d["label_en"])
        if kind == "event" and d["date"]:
            label += f"\n{d['date']}"
        vis_nodes.append(
            {
                "id": index[n],
                "label": label,
                "shape": style["shape"],
                "color": {"background": style["color"], "border": "#37474f"},
                "value": value,
                "hidden": False,
                "x": x,
                "y": y,
            }
        )
        info.append(_info(view, n, index))
    vis_edges = []
    labelled = view.number_of_edges() <= EDGE_LABELS
    for i, (s, o, role) in enumerate(sorted(view.edges(keys=True))):
        r = pal["role"][role]
        edge = {
            "id": i,
            "from": index[s],
            "to": index[o],
            "role": role,
            "color": {"color": r["color"], "opacity": 0.8},
            "dashes": r["dashes"],
        }
        if labelled:
            edge["label"] = f"{r['ar']} · {role}"
        vis_edges.append(edge)
    type_count = Counter(view.nodes[n]["type"] for n in order if view.nodes[n]["kind"] == "event")
    kind_count = Counter(view.nodes[n]["type"] for n in order if view.nodes[n]["kind"] == "actor")
    countries = Counter(
        c for n in order if view.nodes[n]["kind"] == "event" for c in view.nodes[n]["countries"]
    )
    dates = sorted(
        view.nodes[n]["date"] for n in order if view.nodes[n]["kind"] == "event" and view.nodes[n]["date"]
    )
    actors = [n for n in order if view.nodes[n]["kind"] == "actor"]
    actor_net = analysis.actor_network(view)
    actor_net = actor_net.subgraph(
        [a for a in actor_net if view.nodes[a]["events"]]
    )  # sources only: not drawn
    # actor nodes are drawn bigger than events or places, so their network gets more room
    actor_pos = {a: (x * 1.6, y * 1.6) for a, (x, y) in layout(actor_net, seed=seed).items()}
    data = {
        "info": info,
        "palette": pal,
        "labels": labels,
        "types": [
            {"key": t, "ar": labels[t]["ar"], "en": labels[t]["en"], "count": type_count[t]}
            for t in pal["event"]
            if type_count[t]
        ],
        "kinds": [
            {"key": k, "ar": labels[k]["ar"], "en": labels[k]["en"], "count": kind_count[k]}
            for k in pal["actor"]
            if kind_count[k]
        ],
        "actors": [index[a] for a in sorted(actors, key=lambda a: (-view.nodes[a]["events"], a))],
        "countries": [
            {"code": c, "name": _country_name(c), "count": k} for c, k in sorted(countries.items())
        ],
        "dateRange": [_pad(dates[0], "-01-01"), _pad(dates[-1], "-12-31")] if dates else None,
        "actorPos": {str(index[a]): list(p) for a, p in actor_pos.items()},
        "geo": geo_positions(view, index),
        "edgeLabels": EDGE_LABELS,
        "coalitions": [[index[a] for a in group] for group in analysis.coalitions(view)],
        "alongside": sorted(f"{a}/{b}" for a, b in analysis.ALONGSIDE),
        "against": sorted(f"{a}/{b}" for a, b in analysis.AGAINST),
    }
    return vis_nodes, vis_edges, data


GEO_SCALE = 400.0  # page pixels per degree of latitude in the map view


def geo_positions(view: nx.MultiDiGraph, index: dict[str, int]) -> dict[str, Any]:
    """Map-view positions: places at their coordinates (equirectangular, longitude shrunk by
    the cosine of the mean latitude), each place's events in a small spiral around it, actors
    at the middle of their events. No tiles, no network: the canvas draws a graticule."""
    places = {n: d for n, d in view.nodes(data=True) if d["kind"] == "place" and d["lat"] is not None}
    if not places:
        return {"pos": {}, "lat": [], "lon": []}
    mean_lat = sum(d["lat"] for d in places.values()) / len(places)
    shrink = math.cos(math.radians(mean_lat))
    pos: dict[str, tuple[float, float]] = {
        n: (d["lon"] * shrink * GEO_SCALE, -d["lat"] * GEO_SCALE) for n, d in places.items()
    }
    crowd: Counter[str] = Counter()
    event_pos: dict[str, tuple[float, float]] = {}
    for n, d in sorted(view.nodes(data=True)):
        if d["kind"] != "event":
            continue
        direct = [o for _, o, k in view.out_edges(n, keys=True) if k == "place" and o in pos]
        if not direct:
            continue
        anchor = direct[0]
        crowd[anchor] += 1
        k = crowd[anchor]
        angle, radius = k * 2.4, 14.0 * math.sqrt(k)  # golden-angle spiral
        x, y = pos[anchor]
        event_pos[n] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    actor_pos: dict[str, tuple[float, float]] = {}
    for n, d in view.nodes(data=True):
        if d["kind"] == "actor":
            pts = [event_pos[e] for e, _ in view.in_edges(n) if e in event_pos]
            if pts:
                actor_pos[n] = (
                    sum(p[0] for p in pts) / len(pts) + 20,
                    sum(p[1] for p in pts) / len(pts) - 20,
                )
    lats = [d["lat"] for d in places.values()]
    lons = [d["lon"] for d in places.values()]
    return {
        "pos": {
            str(index[n]): [round(x, 1), round(y, 1)]
            for n, (x, y) in {**pos, **event_pos, **actor_pos}.items()
        },
        "lat": [math.floor(min(lats)), math.ceil(max(lats))],
        "lon": [math.floor(min(lons)), math.ceil(max(lons))],
        "shrink": shrink,
        "scale": GEO_SCALE,
    }


def _pad(date: str, tail: str) -> str:
    return date + tail[len(date) - 4 :]


def _country_name(code: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return c.name if c else code


def _info(view: nx.MultiDiGraph, n: str, index: dict[str, int]) -> dict[str, Any]:
    d = view.nodes[n]
    base = {"kind": d["kind"], "type": d["type"], "iri": n, "ar": d["label_ar"], "en": d["label_en"]}
    if d["kind"] == "event":
        roles = sorted(
            (index[a], role)
            for _, a, role in view.out_edges(n, keys=True)
            if view.nodes[a]["kind"] == "actor"
        )
        return base | {
            "date": d["date"],
            "status": d["status"],
            "fatalities": d["fatalities"],
            "fmin": d["fatalities_min"],
            "fmax": d["fatalities_max"],
            "injured": d["injured"],
            "countries": d["countries"],
            "actors": [list(r) for r in roles],
            "places": [index[p] for p in d["places"]],
            "sources": [
                {k: s[k] for k in ("sentences", "outlet", "url", "title", "published")} for s in d["sources"]
            ],
        }
    if d["kind"] == "actor":
        return base | {k: d[k] for k in ("country", "wikidata", "events", "fatalities", "reports")}
    return base | {
        "place_kind": d["place_kind"],
        "lat": d["lat"],
        "lon": d["lon"],
        "country": d["country"],
        "parents": [index[p] for p in d["parents"]],
        "events": d["events"],
        "fatalities": d["fatalities"],
    }


MAX_EVENTS = 8000  # ~12,000 nodes: past this a page gets slow to generate and to pan


def keep_deadliest(view: nx.MultiDiGraph, max_events: int) -> nx.MultiDiGraph:
    """The `max_events` deadliest events (then latest, then IRI) with their actors and places
    (and those places' parents); actors and places with no event stay only if room is left."""
    events = [n for n, d in view.nodes(data=True) if d["kind"] == "event"]
    if len(events) <= max_events:
        return view
    events.sort(key=lambda n: (-(view.nodes[n]["fatalities"] or 0), view.nodes[n]["date"] or "", n))
    keep = set(events[:max_events])
    for e in list(keep):
        keep.update(view.successors(e))
        keep.update(view.nodes[e]["places"])
    return view.subgraph(keep).copy()


def drop_idle(view: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Without the actors and places no event involves (a place's count includes the events of
    the places within it, so containers stay). On 2,000 real articles these were 3,600 of the
    4,780 nodes: names mentioned in passing, which buried the 564 events under a grid of dots."""
    idle = [
        n
        for n, d in view.nodes(data=True)
        if d["kind"] != "event" and not d.get("events") and not d.get("reports")
    ]
    return view.subgraph(set(view) - set(idle)).copy() if idle else view


def build_page(
    source: Graph | nx.MultiDiGraph,
    title: str = "conflict-kg · شبكة النزاع",
    seed: int = 0,
    max_events: int = MAX_EVENTS,
    keep_idle: bool = False,
) -> str:
    """The page's HTML, made by pyvis from our template; raises if anything would load from a URL."""
    full = project(source) if isinstance(source, Graph) else source
    capped = keep_deadliest(full, max_events)
    view = capped if keep_idle else drop_idle(capped)
    vis_nodes, vis_edges, data = page_data(view, seed=seed)
    data["omitted"] = sum(1 for _, d in full.nodes(data=True) if d["kind"] == "event") - sum(
        1 for _, d in view.nodes(data=True) if d["kind"] == "event"
    )
    data["idle"] = len(capped) - len(view)
    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    net.nodes = vis_nodes
    net.node_ids = [n["id"] for n in vis_nodes]
    net.edges = vis_edges
    net.options = _options(len(vis_nodes))
    net.path = "page.html"
    net.template_dir = str(ASSETS)
    net.templateEnv = Environment(loader=FileSystemLoader(str(ASSETS)), autoescape=True)
    net.templateEnv.globals["ckg"] = data
    net.templateEnv.globals["assets"] = assets()
    net.templateEnv.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    html = net.generate_html(notebook=False)
    if _EXTERNAL.search(html):
        raise RuntimeError("the view page would load an external resource; refusing to write it")
    return html


def write_view(
    source: Graph | nx.MultiDiGraph,
    path: str | Path,
    title: str = "conflict-kg · شبكة النزاع",
    max_events: int = MAX_EVENTS,
    keep_idle: bool = False,
) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(
        build_page(source, title=title, max_events=max_events, keep_idle=keep_idle), encoding="utf-8"
    )
    return p
