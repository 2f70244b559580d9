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

from kg.view import analysis
from kg.view.borders import borders
from kg.view.geo import geo_positions, overview_positions
from kg.view.layout import SPACING, layout
from kg.view.project import project, type_labels

ASSETS = Path(str(resources.files("kg.view").joinpath("assets")))
PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
LARGE = 1000  # above this many nodes, edges hide while dragging/zooming to keep it fluid
VIEW_SCRIPTS = ("details.js", "labels.js", "map.js", "clusters.js", "legend.js", "view.js")
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
        # one script, in this order: the label layer and the map are used by view.js
        "view_js": "\n".join((ASSETS / f).read_text(encoding="utf-8") for f in VIEW_SCRIPTS),
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
            # labels are drawn by labels.js, which places them without overlap
            "scaling": {"min": 8, "max": 32, "label": {"enabled": False}},
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


def rank(d: dict[str, Any]) -> float:
    """How much a node matters, which decides whose label wins when two would overlap: an
    actor's or place's events and fatalities, an event's fatalities (events rank after the
    actors and places of the same weight, as their label only repeats their type)."""
    if d["kind"] == "event":
        return (d["fatalities"] or 0) * 0.5
    return (d.get("events") or 0) * 3 + (d.get("fatalities") or 0) + (d.get("reports") or 0) * 0.5


def page_data(
    view: nx.MultiDiGraph, seed: int = 0, idle: frozenset[str] = frozenset()
) -> tuple[list[dict], list[dict], dict[str, Any]]:
    """vis-network nodes and edges (integer ids) and the page's own data (details, filters).
    Nodes in `idle` (actors and places in no event) are laid out apart and start hidden."""
    pal = palette()
    labels = type_labels()
    order = sorted(view.nodes, key=lambda n: ({"event": 0, "actor": 1, "place": 2}[view.nodes[n]["kind"]], n))
    index = {n: i for i, n in enumerate(order)}
    pos = _positions(view, idle, seed)
    vis_nodes: list[dict[str, Any]] = []
    info: list[dict[str, Any]] = []
    for n in order:
        d = view.nodes[n]
        kind = d["kind"]
        style = pal[kind][d["type"]]
        x, y = pos[n]
        value = (d["fatalities"] or 0) if kind == "event" else d["events"]
        text = _label(d["label_ar"], d["label_en"])
        if kind == "event" and d["date"]:
            text += f"\n{d['date']}"
        vis_nodes.append(
            {
                "id": index[n],
                "text": text,  # drawn by the page's label layer (labels.js), not by vis-network
                "shape": style["shape"],
                "color": {"background": style["color"], "border": "#37474f"},
                "value": value,
                "hidden": n in idle,
                "x": x,
                "y": y,
            }
        )
        facts = {"rank": rank(d), "idle": n in idle, "group": _group(view, n, index)}
        info.append(_info(view, n, index) | facts)
    vis_edges = []
    for i, (s, o, role) in enumerate(sorted(view.edges(keys=True))):
        r = pal["role"][role]
        vis_edges.append(
            {
                "id": i,
                "from": index[s],
                "to": index[o],
                "role": role,
                "color": {"color": r["color"], "opacity": 0.8},
                "dashes": r["dashes"],
                "hidden": s in idle or o in idle,
            }
        )
    data = _filters(view, order, index, labels) | {
        "info": info,
        "palette": pal,
        "labels": labels,
        "actorPos": _actor_positions(view, index, seed),
        "geo": geo_positions(view, index),
        "overviewPos": overview_positions(view, index) if len(view) - len(idle) > CLUSTER else {},
        "coalitions": [[index[a] for a in group] for group in analysis.coalitions(view)],
        "alongside": sorted(f"{a}/{b}" for a, b in analysis.ALONGSIDE),
        "against": sorted(f"{a}/{b}" for a, b in analysis.AGAINST),
        "idle": len(idle),
        "cluster": len(view) - len(idle) > CLUSTER,
    }
    return vis_nodes, vis_edges, data


CLUSTER = 400  # above this many shown nodes the page opens as one cluster per country


def _region(view: nx.MultiDiGraph, place: str) -> str:
    """The place's first division under its country (itself if it is one), for the clusters'
    second level; a place with no known country chain is its own region."""
    chain = [place, *view.nodes[place]["parents"]]
    kinds = [view.nodes[p].get("place_kind") for p in chain]
    if "country" in kinds:
        i = kinds.index("country")
        return chain[max(i - 1, 0)]
    return chain[-1]


def _group(view: nx.MultiDiGraph, n: str, index: dict[str, int]) -> list[Any]:
    """[country code, region node id or -1]: where the clustered overview files a node."""
    d = view.nodes[n]
    if d["kind"] == "event":
        direct = [o for _, o, k in view.out_edges(n, keys=True) if k == "place"]
        country = d["countries"][0] if d["countries"] else ""
        return [country, index[_region(view, sorted(direct)[0])] if direct else -1]
    if d["kind"] == "place":
        return [d["country"] or "", index[_region(view, n)]]
    return [d["country"] or "", -1]


def _positions(view: nx.MultiDiGraph, idle: frozenset[str], seed: int) -> dict[str, tuple[float, float]]:
    """What takes part in events laid out on its own (so the default picture is compact), the
    idle rest laid out beside it, to the right, for when the toggle shows it."""
    active = layout(view.subgraph(set(view) - idle), seed=seed)
    if not idle:
        return active
    rest = layout(view.subgraph(idle), seed=seed)
    right = max((x for x, _ in active.values()), default=0.0) + 4 * SPACING
    left = min((x for x, _ in rest.values()), default=0.0)
    return active | {n: (round(x - left + right, 1), y) for n, (x, y) in rest.items()}


def _actor_positions(view: nx.MultiDiGraph, index: dict[str, int], seed: int) -> dict[str, list[float]]:
    actor_net = analysis.actor_network(view)
    actor_net = actor_net.subgraph([a for a in actor_net if view.nodes[a]["events"]])  # sources: not drawn
    # actor nodes are drawn bigger than events or places, so their network gets more room
    return {str(index[a]): [x * 1.6, y * 1.6] for a, (x, y) in layout(actor_net, seed=seed).items()}


def _filters(view: nx.MultiDiGraph, order: list[str], index: dict[str, int], labels: dict) -> dict[str, Any]:
    """What the filter controls list: event types, actor kinds, actors, countries, dates."""
    events = [view.nodes[n] for n in order if view.nodes[n]["kind"] == "event"]
    type_count = Counter(d["type"] for d in events)
    kind_count = Counter(view.nodes[n]["type"] for n in order if view.nodes[n]["kind"] == "actor")
    countries = Counter(c for d in events for c in d["countries"])
    dates = sorted(d["date"] for d in events if d["date"])
    actors = [n for n in order if view.nodes[n]["kind"] == "actor"]
    pal = palette()
    arabic = {
        d["country"]: d["label_ar"]
        for _, d in sorted(view.nodes(data=True))
        if d["kind"] == "place" and d.get("place_kind") == "country" and d["country"] and d["label_ar"]
    }
    return {
        "types": [
            {"key": t, **labels["event"][t], "count": type_count[t]} for t in pal["event"] if type_count[t]
        ],
        "kinds": [
            {"key": k, **labels["actor"][k], "count": kind_count[k]} for k in pal["actor"] if kind_count[k]
        ],
        "actors": [index[a] for a in sorted(actors, key=lambda a: (-view.nodes[a]["events"], a))],
        "countries": [
            {"code": c, "name": _country_name(c), "ar": arabic.get(c, ""), "count": k}
            for c, k in sorted(countries.items())
        ],
        "dateRange": [_pad(dates[0], "-01-01"), _pad(dates[-1], "-12-31")] if dates else None,
        "countryPos": _country_points(view),
    }


def _country_points(view: nx.MultiDiGraph) -> dict[str, list[float]]:
    """[lat, lon] of each country: its own place node's point, else the mean of its places',
    else the middle of its largest outline in the borders data (a country known only from
    an actor or a place without coordinates), so the clustered overview can put each country where it is."""
    own: dict[str, list[float]] = {}
    pts: dict[str, list[tuple[float, float]]] = {}
    for _, d in sorted(view.nodes(data=True)):
        if d["kind"] != "place" or d["lat"] is None or not d["country"]:
            continue
        if d.get("place_kind") == "country":
            own.setdefault(d["country"], [d["lat"], d["lon"]])
        pts.setdefault(d["country"], []).append((d["lat"], d["lon"]))
    mean = {c: [sum(p[0] for p in v) / len(v), sum(p[1] for p in v) / len(v)] for c, v in pts.items()}
    out = {c: [round(x, 2) for x in own.get(c, mean[c])] for c in sorted(pts)}
    codes = {c for _, d in view.nodes(data=True) for c in (d.get("countries") or [d.get("country")])}
    codes -= set(out)
    for iso, _, rings in borders()["countries"]:
        if iso in codes and rings:
            big = max(rings, key=len)
            n = len(big) / 2 * 100  # pairs, in hundredths of a degree
            out[iso] = [round(sum(big[1::2]) / n, 2), round(sum(big[0::2]) / n, 2)]
    return out


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


def idle_nodes(view: nx.MultiDiGraph) -> list[str]:
    """The actors and places no event involves (a place's count includes the events of the
    places within it, so containers stay). On 2,000 real articles these were 3,372 of the 4,485
    nodes: names mentioned in passing, which buried the 436 events under a grid of dots, so the
    page hides them until its "show the rest" toggle is ticked."""
    return [
        n
        for n, d in view.nodes(data=True)
        if d["kind"] != "event" and not d.get("events") and not d.get("reports")
    ]


def build_page(
    source: Graph | nx.MultiDiGraph,
    title: str = "conflict-kg · شبكة النزاع",
    seed: int = 0,
    max_events: int = MAX_EVENTS,
    keep_idle: bool = False,
) -> str:
    """The page's HTML, made by pyvis from our template; raises if anything would load from a URL."""
    full = project(source) if isinstance(source, Graph) else source
    view = keep_deadliest(full, max_events)
    idle = frozenset(idle_nodes(view))
    vis_nodes, vis_edges, data = page_data(view, seed=seed, idle=idle)
    data["showIdle"] = keep_idle
    data["omitted"] = sum(1 for _, d in full.nodes(data=True) if d["kind"] == "event") - sum(
        1 for _, d in view.nodes(data=True) if d["kind"] == "event"
    )
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
