"""Network analytics over the projected graph: who fights, where, when, and with whom.

Works on `kg.view.project.project(graph)` so the numbers and the page agree. Two actor
networks matter to an analyst: everyone who shares an event (the "who is in this story"
network), and co-belligerence — actors on the same side of an event — whose communities are
the coalitions. Which role pairs count as the same side is a rule table here, shared with the
page's actor-network view so both draw the same line.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

# Roles that make an actor a party to an event; "source" only tells of it.
PARTY_ROLES: tuple[str, ...] = ("attacker", "target", "victim", "participant")
# Same side, as the issue defines co-belligerence: attackers together, or a participant
# fighting alongside an attacker. Two targets of one attack are not counted: on 2,000 real
# articles that put the Syrian army, the PKK and IS in one "coalition" (all shelled by someone).
ALONGSIDE: frozenset[tuple[str, str]] = frozenset(
    {("attacker", "attacker"), ("attacker", "participant"), ("participant", "attacker")}
)
# Kinds that do not fight, kept out of coalitions even when an article lists them as a side.
NON_BELLIGERENT: frozenset[str] = frozenset({"civilians", "media", "monitor", "international"})
# Opposite sides: attacker against target or victim; clash partners (participant/participant).
AGAINST: frozenset[tuple[str, str]] = frozenset(
    {
        ("attacker", "target"), ("target", "attacker"), ("attacker", "victim"), ("victim", "attacker"),
        ("participant", "participant"), ("participant", "target"), ("target", "participant"),
    }
)  # fmt: skip


def relation(role_a: str, role_b: str) -> str:
    """ "alongside", "against" or just "shared" (e.g. two victims)."""
    if (role_a, role_b) in ALONGSIDE:
        return "alongside"
    if (role_a, role_b) in AGAINST:
        return "against"
    return "shared"


def event_parties(view: nx.MultiDiGraph, event: str) -> list[tuple[str, str]]:
    """(actor, role) pairs of an event, parties only, one role per actor (the first by rank)."""
    roles: dict[str, str] = {}
    for _, actor, role in view.out_edges(event, keys=True):
        if role in PARTY_ROLES and (
            actor not in roles or PARTY_ROLES.index(role) < PARTY_ROLES.index(roles[actor])
        ):
            roles[actor] = role
    return sorted(roles.items())


def events(view: nx.MultiDiGraph) -> list[str]:
    return [n for n, d in view.nodes(data=True) if d["kind"] == "event"]


def actor_network(view: nx.MultiDiGraph) -> nx.Graph:
    """Actors joined by shared events; edges carry events, fatalities, alongside, against."""
    net = nx.Graph()
    for n, d in view.nodes(data=True):
        if d["kind"] == "actor":
            net.add_node(n, **{k: d[k] for k in ("label_ar", "label_en", "type", "country")})
    for e in events(view):
        fat = view.nodes[e]["fatalities"] or 0
        for (a, ra), (b, rb) in combinations(event_parties(view, e), 2):
            if not net.has_edge(a, b):
                net.add_edge(a, b, events=0, fatalities=0, alongside=0, against=0)
            data = net.edges[a, b]
            data["events"] += 1
            data["fatalities"] += fat
            rel = relation(ra, rb)
            if rel != "shared":
                data[rel] += 1
    return net


def cobelligerence(view: nx.MultiDiGraph) -> nx.Graph:
    """Belligerents on the same side of at least one event, weighted by how many."""
    net = actor_network(view)
    co = nx.Graph()
    co.add_nodes_from((n, d) for n, d in net.nodes(data=True) if d["type"] not in NON_BELLIGERENT)
    co.add_edges_from(
        (a, b, {"weight": d["alongside"]})
        for a, b, d in net.edges(data=True)
        if d["alongside"] and a in co and b in co
    )
    return co


def coalitions(view: nx.MultiDiGraph, seed: int = 0) -> list[list[str]]:
    """Communities of the co-belligerence network with two or more actors, biggest first.
    Louvain with a fixed seed, so the same graph always gives the same groups."""
    co = cobelligerence(view)
    co.remove_nodes_from([n for n in list(co) if co.degree(n) == 0])
    if not co.number_of_edges():
        return []
    groups = nx.community.louvain_communities(co, weight="weight", seed=seed)
    return sorted((sorted(g) for g in groups if len(g) > 1), key=lambda g: (-len(g), g))


def actor_ranking(view: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every actor with its events, fatalities and centralities in the actor network (weighted
    by shared events), ranked by PageRank, then weighted degree, then events."""
    net = actor_network(view)
    degree = dict(net.degree(weight="events"))
    betweenness = nx.betweenness_centrality(net, k=min(len(net), 500) or None, seed=0) if len(net) > 2 else {}
    # PageRank rather than eigenvector centrality: it stays defined on the disconnected actor
    # networks news gives (many small stories), where eigenvector scores collapse to zero.
    rank = nx.pagerank(net, weight="events") if net.number_of_edges() else {}
    rows = []
    for n, d in view.nodes(data=True):
        if d["kind"] != "actor":
            continue
        rows.append(
            {
                "actor": n,
                "label_ar": d["label_ar"],
                "label_en": d["label_en"],
                "kind": d["type"],
                "country": d["country"],
                "wikidata": d["wikidata"],
                "events": d["events"],
                "fatalities": d["fatalities"],
                "partners": net.degree(n),
                "degree": degree.get(n, 0),
                "betweenness": round(betweenness.get(n, 0.0), 4),
                "pagerank": round(float(rank.get(n, 0.0)), 4),
            }
        )
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], -r["events"], r["actor"]))
    return rows


def _month(date: str) -> str:
    return date[:7] if len(date) >= 7 else (f"{date} (year only)" if date else "undated")


def breakdown(view: nx.MultiDiGraph, by: str) -> list[dict[str, Any]]:
    """Events and fatalities per event type, place (where the event is placed), country or month."""
    count: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for e in events(view):
        d = view.nodes[e]
        if by == "type":
            keys = [d["type"]]
        elif by == "month":
            keys = [_month(d["date"])]
        elif by == "country":
            keys = d["countries"] or ["unknown"]
        elif by == "place":
            keys = sorted({o for _, o, k in view.out_edges(e, keys=True) if k == "place"}) or ["unplaced"]
        else:
            raise ValueError(f"unknown breakdown {by!r}: use type, place, country or month")
        for k in keys:
            count[k] += 1
            deaths[k] += d["fatalities"] or 0
            if k in view:
                p = view.nodes[k]
                labels[k] = " / ".join(x for x in (p["label_ar"], p["label_en"]) if x)
    rows = [{"key": k, "label": labels.get(k, k), "events": count[k], "fatalities": deaths[k]} for k in count]
    if by == "month":
        rows.sort(key=lambda r: r["key"])
    else:
        rows.sort(key=lambda r: (-r["events"], -r["fatalities"], r["key"]))
    return rows


def summary(view: nx.MultiDiGraph, top: int | None = None) -> dict[str, Any]:
    """Everything `conflict-kg stats` prints, as one JSON-ready dict."""
    kinds = Counter(d["kind"] for _, d in view.nodes(data=True))
    ranking = actor_ranking(view)
    by_fat = sorted(ranking, key=lambda r: (-r["fatalities"], -r["events"], r["actor"]))
    by_events = sorted(ranking, key=lambda r: (-r["events"], -r["fatalities"], r["actor"]))
    names = {r["actor"]: r["label_ar"] or r["label_en"] for r in ranking}
    groups = [{"size": len(g), "actors": g, "labels": [names.get(a, a) for a in g]} for g in coalitions(view)]
    cut = (lambda rows: rows[:top]) if top else (lambda rows: rows)
    return {
        "counts": {
            "events": kinds["event"],
            "actors": kinds["actor"],
            "places": kinds["place"],
            "fatalities": sum(view.nodes[e]["fatalities"] or 0 for e in events(view)),
        },
        "actors_by_centrality": cut(ranking),
        "actors_by_events": cut(by_events),
        "actors_by_fatalities": cut(by_fat),
        "by_type": cut(breakdown(view, "type")),
        "by_place": cut(breakdown(view, "place")),
        "by_country": cut(breakdown(view, "country")),
        "by_month": breakdown(view, "month"),
        "coalitions": cut(groups),
    }


def actor_events(view: nx.MultiDiGraph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for e in events(view):
        for a, _ in event_parties(view, e):
            out[a].append(e)
    return dict(out)
