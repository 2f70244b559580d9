"""From matching pairs to incidents: greedy complete-linkage clustering, the same in any order.

Matching pairs form a graph; each connected component is clustered on its own, strongest pair
first (ties broken by the report keys), and two clusters join only when every report of one
matches every report of the other, no article would then tell the incident twice, and no report
pair was split apart by a user. Complete linkage is what keeps two strikes in two towns apart
even when a vaguer third report (the governorate, that day) matches both.

An extractor sometimes tells one incident in pieces (an assault as an explosion and a clash, a
strike and the killing of its victims). Once every cluster has taken what it can with one report
per article, a second pass lets a cluster take another piece of an article it holds: when every
report of another article in it matches that piece, and the two pieces could be one incident
(kg.graph.match.pieces). Otherwise only one piece could join the other outlets' event.

The result is a function of the set of pairs alone, and adding reports only adds pairs, so an
incremental store reclusters just the components new reports touch and gets what a full build
would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.graph.match import Match


@dataclass(frozen=True)
class Cluster:
    canonical: str  # the smallest member key: the merged event's IRI, whatever the input order
    members: tuple[str, ...]  # sorted
    evidence: tuple[tuple[str, str, Match], ...]  # the pairs that joined it, in join order


def components(nodes: Iterable[str], edges: dict[str, dict[str, Match]]) -> list[list[str]]:
    """Connected components of the match graph restricted to `nodes`' reach, each sorted."""
    seen: set[str] = set()
    out = []
    for start in sorted(nodes):
        if start in seen:
            continue
        comp = []
        stack = [start]
        seen.add(start)
        while stack:
            n = stack.pop()
            comp.append(n)
            for m in edges.get(n, {}):
                if m not in seen:
                    seen.add(m)
                    stack.append(m)
        out.append(sorted(comp))
    return out


def cluster_component(
    nodes: list[str],
    edges: dict[str, dict[str, Match]],
    article: dict[str, str],
    apart: dict[str, frozenset[int]] | None = None,
    pieces: Callable[[str, str], bool] | None = None,
) -> list[Cluster]:
    """Clusters of one component. `apart[key]` names split groups the report must not share;
    `pieces(x, y)` says whether two reports of one article may be pieces of one incident (the
    extractor told an assault as an explosion and a battle): then a cluster holding one may take
    the other, when every report of another article in it matches both."""
    apart = apart or {}
    pairs = sorted(
        {(a, b) if a < b else (b, a) for a in nodes for b in edges.get(a, {})},
        key=lambda p: (-edges[p[0]][p[1]].score, p[0], p[1]),
    )
    root = {n: n for n in nodes}
    members = {n: [n] for n in nodes}
    articles = {n: {article[n]} for n in nodes}
    groups = {n: set(apart.get(n, ())) for n in nodes}
    joins: dict[str, list[tuple[str, str, Match]]] = {n: [] for n in nodes}

    def find(n: str) -> str:
        while root[n] != n:
            root[n] = root[root[n]]
            n = root[n]
        return n

    # first one report per article; only then may a cluster take an article's other pieces, so
    # a piece never takes a place in a cluster that whole reports would have filled
    passes = [None] if pieces is None else [None, pieces]
    for (a, b), within in ((p, w) for w in passes for p in pairs):
        ra, rb = find(a), find(b)
        if ra == rb or groups[ra] & groups[rb] or (articles[ra] & articles[rb] and within is None):
            continue
        if not all(_linked(x, y, edges, article, within) for x in members[ra] for y in members[rb]):
            continue
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        root[gone] = keep
        members[keep] += members.pop(gone)
        articles[keep] |= articles.pop(gone)
        groups[keep] |= groups.pop(gone)
        joins[keep] += [*joins.pop(gone), (a, b, edges[a][b])]
    out = []
    for r, ms in members.items():
        ms = sorted(ms)
        out.append(Cluster(ms[0], tuple(ms), tuple(joins[r])))
    return sorted(out, key=lambda c: c.canonical)


def _linked(
    x: str,
    y: str,
    edges: dict[str, dict[str, Match]],
    article: dict[str, str],
    pieces: Callable[[str, str], bool] | None,
) -> bool:
    """Complete linkage's test for one pair: a match across articles, pieces within one."""
    if article[x] == article[y]:
        return pieces is not None and pieces(x, y)
    return y in edges.get(x, {})
