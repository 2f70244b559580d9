"""The view's projection as GEXF, for Gephi and Cytoscape, with colours, sizes and positions.

GEXF attributes must be scalars, so lists (actors, places, sentences) are joined with " | "
and missing values dropped; `viz` carries the page's colour, size and layout so the file opens
in Gephi looking like the page. XML 1.0 cannot hold most control characters, so those become
spaces. Also writes the actor network (actors joined by shared events) when asked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kg.view.analysis import actor_network
from kg.view.layout import layout as compute_layout
from kg.view.page import palette
from kg.view.project import project

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GEXF_SHAPE = {"diamond": "diamond", "star": "diamond", "triangle": "triangle", "triangleDown": "triangle",
               "square": "square", "hexagon": "square", "dot": "disc"}  # fmt: skip


def _clean(value: str) -> str:
    return _XML_UNSAFE.sub(" ", value)


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple):
        parts = []
        for v in value:
            if isinstance(v, dict):  # an event's sources: outlet, link and sentences
                parts.append(
                    " / ".join(str(x) for x in (v.get("outlet"), v.get("url"), *v.get("sentences", [])) if x)
                )
            else:
                parts.append(str(v))
        return _clean(" | ".join(parts)) or None
    return _clean(str(value))


def _rgb(colour: str) -> dict[str, int]:
    c = colour.lstrip("#")
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16), "a": 1.0}


def to_gexf_graph(
    view: nx.MultiDiGraph, positions: dict[str, tuple[float, float]] | None = None
) -> nx.MultiDiGraph:
    """A copy of the projection with scalar attributes and Gephi `viz` data."""
    pal = palette()
    out = nx.MultiDiGraph()
    for n, d in view.nodes(data=True):
        attrs = {k: s for k, v in d.items() if k not in ("parent_ids",) and (s := _scalar(v)) is not None}
        label = " / ".join(x for x in (d["label_ar"], d["label_en"]) if x) or n
        style = pal[d["kind"]][d["type"]]
        size = (d["fatalities"] or 0) if d["kind"] == "event" else d.get("events", 0)
        viz: dict[str, Any] = {"color": _rgb(style["color"]), "size": 4.0 + min(float(size), 60.0) ** 0.5 * 3,
                               "shape": _GEXF_SHAPE.get(style["shape"], "disc")}  # fmt: skip
        if positions and n in positions:
            x, y = positions[n]
            viz["position"] = {"x": float(x), "y": float(-y), "z": 0.0}
        out.add_node(n, **attrs, label=_clean(label), viz=viz)
    for s, o, role in view.edges(keys=True):
        out.add_edge(s, o, key=role, label=role, role=role)
    return out


def write_gexf(source: Graph | nx.MultiDiGraph, path: str | Path, *, layout: bool = True) -> Path:
    view = project(source) if isinstance(source, Graph) else source
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    positions = compute_layout(view) if layout else None
    nx.write_gexf(to_gexf_graph(view, positions), p, encoding="utf-8", version="1.2draft")
    return p


def write_actor_gexf(source: Graph | nx.MultiDiGraph, path: str | Path) -> Path:
    """Actors only, joined by shared events (weight = events; also fatalities, alongside, against)."""
    view = project(source) if isinstance(source, Graph) else source
    net = actor_network(view)
    out = nx.Graph()
    for n, d in net.nodes(data=True):
        label = " / ".join(x for x in (d["label_ar"], d["label_en"]) if x) or n
        out.add_node(n, **{k: s for k, v in d.items() if (s := _scalar(v)) is not None}, label=_clean(label))
    for a, b, d in net.edges(data=True):
        out.add_edge(
            a,
            b,
            weight=float(d["events"]),
            **{k: v for k, v in d.items() if k != "events"},
            events=d["events"],
        )
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(out, p, encoding="utf-8", version="1.2draft")
    return p
