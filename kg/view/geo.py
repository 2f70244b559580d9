"""The map mode's geometry: places at their coordinates, events around them, and the borders.

No tiles, no network: places are drawn at an equirectangular projection of their coordinates
(longitude shrunk by the cosine of the places' mean latitude), and the canvas draws Natural
Earth's country outlines (kg.view.borders) in the same projection under them. Actors have no
place of their own, so the map does not draw them; their events are what it locates.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx

from kg.view.borders import borders

GEO_SCALE = 400.0  # page pixels per degree of latitude in the map view
MARGIN = 12.0  # degrees of outline kept around the places, so the region reads in context


def geo_positions(view: nx.MultiDiGraph, index: dict[str, int]) -> dict[str, Any]:
    """Map positions: places at their coordinates, each place's events in a small spiral
    around it (so ten strikes on one town stay ten points), and the country outlines that
    come within MARGIN degrees of the places."""
    places = {n: d for n, d in view.nodes(data=True) if d["kind"] == "place" and d["lat"] is not None}
    if not places:
        return {"pos": {}, "lat": [], "lon": [], "borders": []}
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
    lats = [d["lat"] for d in places.values()]
    lons = [d["lon"] for d in places.values()]
    box = (min(lons) - MARGIN, min(lats) - MARGIN, max(lons) + MARGIN, max(lats) + MARGIN)
    return {
        "pos": {str(index[n]): [round(x, 1), round(y, 1)] for n, (x, y) in {**pos, **event_pos}.items()},
        "lat": [math.floor(min(lats)), math.ceil(max(lats))],
        "lon": [math.floor(min(lons)), math.ceil(max(lons))],
        "shrink": shrink,
        "scale": GEO_SCALE,
        "borders": outlines(box),
        "source": borders()["source"],
    }


def outlines(box: tuple[float, float, float, float]) -> list[list[Any]]:
    """[iso3, name, rings, label point] of the countries with a ring reaching into `box`
    (degrees); rings stay whole so coastlines are not cut at the box's edge."""
    x0, y0, x1, y1 = (round(v * 100) for v in box)
    out = []
    for iso, name, rings in borders()["countries"]:
        kept = []
        for ring in rings:
            xs, ys = ring[0::2], ring[1::2]
            if max(xs) >= x0 and min(xs) <= x1 and max(ys) >= y0 and min(ys) <= y1:
                kept.append(ring)
        if kept:
            big = max(kept, key=len)
            label = [sum(big[0::2]) / (len(big) / 2), sum(big[1::2]) / (len(big) / 2)]
            out.append([iso, name, kept, [round(label[0]), round(label[1])]])
    return out


OVERVIEW_PX = 45.0  # pixels per degree in the clustered overview (clusters.js uses the same)


def overview_positions(view: nx.MultiDiGraph, index: dict[str, int]) -> dict[str, list[float]]:
    """Where the clustered overview puts each node once its country and region are opened:
    places at their coordinates, events in a small spiral around their place, actors at the
    middle of their events, each spot's crowd spread in a spiral; what has no coordinates
    stays at its layout position (not listed). Geography is what an analyst expands a country
    by, and it keeps the opened region next to the clusters still closed."""
    spot: dict[str, tuple[float, float]] = {
        n: (d["lon"] * OVERVIEW_PX, -d["lat"] * OVERVIEW_PX)
        for n, d in view.nodes(data=True)
        if d["kind"] == "place" and d["lat"] is not None
    }
    for n, d in sorted(view.nodes(data=True)):
        if d["kind"] == "event":
            direct = sorted(o for _, o, k in view.out_edges(n, keys=True) if k == "place" and o in spot)
            if direct:
                spot[n] = spot[direct[0]]
    for n, d in view.nodes(data=True):
        if d["kind"] == "actor":
            pts = [spot[e] for e, _ in view.in_edges(n) if e in spot]
            if pts:
                spot[n] = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    crowd: Counter[tuple[float, float]] = Counter()
    out: dict[str, list[float]] = {}
    for n in sorted(spot, key=lambda n: (view.nodes[n]["kind"] != "place", n)):
        x, y = spot[n]
        k = crowd[round(x), round(y)]
        crowd[round(x), round(y)] += 1
        angle, radius = k * 2.4, 9.0 * math.sqrt(k)  # golden-angle spiral, a place at its centre
        out[str(index[n])] = [round(x + radius * math.cos(angle), 1), round(y + radius * math.sin(angle), 1)]
    return out
