"""Node positions computed in Python, so the browser never runs physics on a big graph.

vis-network's own physics takes ~50 s to settle 1,000 nodes and minutes for 5,000 (measured in
headless Chromium), so the page gets fixed positions and physics off. Each connected component
is laid out on its own and the components are packed in rows, largest first, so the many small
stories (one strike, one place, two actors) do not drift around the big picture. Small
components use networkx's spring layout; big ones a Fruchterman-Reingold in numpy whose
repulsion is taken from grid cells' centres of mass instead of every other node, which keeps
each step O(n * cells) rather than O(n^2).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SPACING = 110.0  # pixels along a typical edge in the page
SMALL = 300  # components up to this size use networkx's exact spring layout


def layout(g: nx.Graph, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Positions in page pixels for every node of `g` (directions of edges are ignored)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    nodes = sorted(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(min(index[a], index[b]), max(index[a], index[b])) for a, b in g.edges() if a != b}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    adj = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(label.tolist()):
        members.setdefault(c, []).append(i)
    comp_edges: dict[int, list[tuple[int, int]]] = {}
    for a, b in edges.tolist():
        comp_edges.setdefault(int(label[a]), []).append((a, b))
    comps = sorted(members, key=lambda c: (-len(members[c]), members[c][0]))
    placed = []
    for c in comps:
        ids = members[c]
        local = {v: i for i, v in enumerate(ids)}
        e = [(local[a], local[b]) for a, b in comp_edges.get(c, [])]
        placed.append(([nodes[i] for i in ids], _component(len(ids), e, seed)))
    return _pack(placed)


def _component(n: int, edges: list[tuple[int, int]], seed: int) -> np.ndarray:
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])
    if n <= SMALL:
        small = nx.Graph()
        small.add_nodes_from(range(n))
        small.add_edges_from(edges)
        pos = nx.spring_layout(small, seed=seed, iterations=80, k=1.0 / math.sqrt(n))
        xy = np.array([pos[v] for v in range(n)], dtype=float)
    else:
        xy = grid_force_layout(n, np.array(edges, dtype=np.int64).reshape(-1, 2), seed)
    return _unit_edges(xy, edges)


def grid_force_layout(n: int, edges: np.ndarray, seed: int = 0, iterations: int = 50) -> np.ndarray:
    """Fruchterman-Reingold with grid-approximated repulsion; ideal edge length 1."""
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    xy = rng.uniform(-side / 2, side / 2, size=(n, 2)).astype(np.float64)
    xy = _spread_by_bfs(n, edges, xy, rng)
    cells = int(min(10, max(4, math.sqrt(n) / 5)))
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    temp = side / 4
    for it in range(iterations):
        lo = xy.min(axis=0)
        size = np.maximum(xy.max(axis=0) - lo, 1e-6)
        cell = np.minimum((xy - lo) / size * cells, cells - 1e-9).astype(np.int64)
        cid = cell[:, 0] * cells + cell[:, 1]
        mass = np.bincount(cid, minlength=cells * cells).astype(np.float64)
        cx = np.bincount(cid, weights=xy[:, 0], minlength=cells * cells)
        cy = np.bincount(cid, weights=xy[:, 1], minlength=cells * cells)
        full = mass > 0
        centres = np.stack([cx[full] / mass[full], cy[full] / mass[full]], axis=1)
        m = mass[full]
        # far field: every node against every occupied cell's centre of mass
        x32, c32 = xy.astype(np.float32), centres.astype(np.float32)
        dx = x32[:, 0, None] - c32[None, :, 0]
        dy = x32[:, 1, None] - c32[None, :, 1]
        w = m.astype(np.float32) / (dx * dx + dy * dy + np.float32(0.01))
        force = np.stack([(dx * w).sum(axis=1), (dy * w).sum(axis=1)], axis=1).astype(np.float64)
        # own cell: replace the centre term by the centre of the *other* nodes in the cell
        slot = np.cumsum(full) - 1
        own = slot[cid]
        own_mass = m[own]
        others = own_mass > 1
        oc = (centres[own] * own_mass[:, None] - xy) / np.maximum(own_mass - 1, 1)[:, None]
        d_own = xy - centres[own]
        force -= d_own * (own_mass / ((d_own**2).sum(axis=1) + 0.01))[:, None]
        d_oc = xy - oc
        jitter = rng.normal(0, 0.01, size=d_oc.shape)
        d_oc = np.where((np.abs(d_oc).sum(axis=1) < 1e-6)[:, None], jitter, d_oc)
        force += np.where(
            others[:, None], d_oc * ((own_mass - 1) / ((d_oc**2).sum(axis=1) + 0.01))[:, None], 0.0
        )
        # near field: exact repulsion between nodes closer than one edge length, so siblings
        # that share a cell (and so the same far-field force) cannot collapse onto one point
        pairs = cKDTree(xy).query_pairs(r=1.0, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d_ij = xy[i] - xy[j]
            d_ij = np.where((np.abs(d_ij).sum(axis=1) < 1e-9)[:, None], rng.normal(0, 0.01, d_ij.shape), d_ij)
            push = d_ij / ((d_ij**2).sum(axis=1) + 0.01)[:, None]
            for axis in (0, 1):
                force[:, axis] += np.bincount(i, weights=push[:, axis], minlength=n)
                force[:, axis] -= np.bincount(j, weights=push[:, axis], minlength=n)
        # attraction along edges: d^2 / k with k = 1
        if len(src):
            e = xy[dst] - xy[src]
            length = np.sqrt((e**2).sum(axis=1)) + 1e-9
            pull = e * length[:, None]
            for axis in (0, 1):
                force[:, axis] += np.bincount(src, weights=pull[:, axis], minlength=n)
                force[:, axis] -= np.bincount(dst, weights=pull[:, axis], minlength=n)
        # gravity keeps loose ends from flying off
        force -= xy * 0.02
        norm = np.sqrt((force**2).sum(axis=1)) + 1e-9
        step = np.minimum(norm, temp)
        xy += force / norm[:, None] * step[:, None]
        temp = max(side / 4 * (1 - (it + 1) / iterations), 0.05)
    return xy


def _spread_by_bfs(n: int, edges: np.ndarray, xy: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Start near neighbours: each node at its BFS parent's spot plus a little noise, which
    untangles the force layout in far fewer steps than a uniform random start."""
    if not len(edges):
        return xy
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in edges.tolist():
        adj[a].append(b)
        adj[b].append(a)
    root = max(range(n), key=lambda i: len(adj[i]))
    seen = np.zeros(n, dtype=bool)
    seen[root] = True
    xy[root] = 0
    queue = [root]
    depth = np.zeros(n)
    for v in queue:
        kids = [w for w in adj[v] if not seen[w]]
        for j, w in enumerate(kids):
            seen[w] = True
            depth[w] = depth[v] + 1
            angle = 2 * math.pi * (j / max(len(kids), 1)) + rng.uniform(0, 0.5)
            radius = 1.0 + math.sqrt(len(kids)) * 0.3
            xy[w] = xy[v] + radius * np.array([math.cos(angle), math.sin(angle)]) * (1 + depth[w] * 0.3)
            queue.append(w)
    return xy


def _pack(placed: list[tuple[list[str], np.ndarray]]) -> dict[str, tuple[float, float]]:
    """Shelf packing: components left to right in rows about as wide as the biggest one (or
    the square root of the total area), one edge length apart."""
    out: dict[str, tuple[float, float]] = {}
    if not placed:
        return out
    gap = 1.0
    sizes = [(float(np.ptp(xy[:, 0])) + gap, float(np.ptp(xy[:, 1])) + gap) for _, xy in placed]
    row_width = max(max(w for w, _ in sizes), math.sqrt(sum(w * h for w, h in sizes)) * 1.3)
    x = y = row_height = 0.0
    for (nodes, xy), (w, h) in zip(placed, sizes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        shifted = xy - xy.min(axis=0) + np.array([x, y])
        for v, (px, py) in zip(nodes, shifted.tolist(), strict=True):
            out[v] = (round(px * SPACING, 1), round(py * SPACING, 1))
        x += w
        row_height = max(row_height, h)
    return out


def _unit_edges(xy: np.ndarray, edges: list[tuple[int, int]]) -> np.ndarray:
    """Scale so the median edge is one unit long, whatever layout made the positions."""
    xy = xy - xy.mean(axis=0)
    if not edges:
        return xy
    e = np.array(edges)
    length = float(np.median(np.sqrt(((xy[e[:, 0]] - xy[e[:, 1]]) ** 2).sum(axis=1))))
    return xy / length if length > 1e-9 else xy
