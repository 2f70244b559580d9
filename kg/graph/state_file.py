"""A store's merge state as plain JSON, so that opening a store folder can never run code.

The state (every report's matching features, the matching pairs, the clusters, the user's
splits) used to be pickled; unpickling a file runs whatever the file says, and a store folder
may come from anyone. JSON holds only data: strings, numbers, lists. Sets are written as
sorted lists and tuples as lists, and turned back into the same types on reading, so a state
read back compares equal to the one written (tested). The matching rules are not stored: they
are the package's (kg/graph/merge_rules.toml), as they were with the pickle.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kg.graph.cluster import Cluster
from kg.graph.match import Match
from kg.graph.merge import MergeState
from kg.graph.report_features import ReportFeatures
from kg.graph.report_places import Point

STATE_FORMAT = 1


class StateFileError(ValueError):
    """A state file that is not what this version writes; the message names it."""


def _features_out(f: ReportFeatures) -> dict[str, Any]:
    return {
        "key": f.key,
        "report": f.report,
        "article": f.article,
        "type": f.type,
        "places": sorted(f.places),
        "ancestors": [[p, sorted(anc)] for p, anc in f.ancestors],
        "kinds": [list(pk) for pk in f.kinds],
        "lo": f.lo,
        "hi": f.hi,
        "precision": f.precision,
        "actors": sorted(f.actors),
        "attackers": sorted(f.attackers),
        "fatalities": f.fatalities,
        "half": list(f.half) if f.half else None,
        "primary": list(f.primary) if f.primary else None,
        "names": [list(pn) for pn in f.names],
        "countries": sorted(f.countries),
        "country_only": f.country_only,
        "published": f.published,
        "held_by": sorted(f.held_by),
    }


def _features_in(d: dict[str, Any]) -> ReportFeatures:
    return ReportFeatures(
        key=d["key"],
        report=d["report"],
        article=d["article"],
        type=d["type"],
        places=frozenset(d["places"]),
        ancestors=tuple((p, frozenset(anc)) for p, anc in d["ancestors"]),
        kinds=tuple((p, k) for p, k in d["kinds"]),
        lo=d["lo"],
        hi=d["hi"],
        precision=d["precision"],
        actors=frozenset(d["actors"]),
        attackers=frozenset(d["attackers"]),
        fatalities=d["fatalities"],
        # a state written before these were kept reads back without them (the defaults)
        half=tuple(d["half"]) if d.get("half") else None,  # type: ignore[arg-type]
        primary=Point(*d["primary"]) if d.get("primary") else None,
        names=tuple((p, n) for p, n in d.get("names", ())),
        countries=frozenset(d.get("countries", ())),
        country_only=bool(d.get("country_only", False)),
        published=d.get("published"),
        held_by=frozenset(d.get("held_by", ())),
    )


def _match_out(m: Match) -> list[Any]:
    return [m.score, list(m.features)]


def _match_in(v: list[Any]) -> Match:
    return Match(float(v[0]), tuple(v[1]))


def state_json(state: MergeState) -> dict[str, Any]:
    return {
        "format": STATE_FORMAT,
        "base": state.base,
        "features": [_features_out(state.features[k]) for k in sorted(state.features)],
        "edges": {
            a: {b: _match_out(m) for b, m in sorted(bs.items())} for a, bs in sorted(state.edges.items())
        },
        "clusters": [
            {
                "canonical": c.canonical,
                "members": list(c.members),
                "evidence": [[a, b, *_match_out(m)] for a, b, m in c.evidence],
            }
            for _k, c in sorted(state.clusters.items())
        ],
        "cluster_of": dict(sorted(state.cluster_of.items())),
        "apart": {k: sorted(groups) for k, groups in sorted(state.apart.items())},
        "splits": [list(group) for group in state.splits],
    }


def state_from_json(d: dict[str, Any]) -> MergeState:
    clusters = {}
    for c in d["clusters"]:
        evidence = tuple((a, b, _match_in([score, feats])) for a, b, score, feats in c["evidence"])
        clusters[c["canonical"]] = Cluster(c["canonical"], tuple(c["members"]), evidence)
    return MergeState(
        base=d["base"],
        features={f["key"]: _features_in(f) for f in d["features"]},
        edges={a: {b: _match_in(m) for b, m in bs.items()} for a, bs in d["edges"].items()},
        clusters=clusters,
        cluster_of=dict(d["cluster_of"]),
        apart={k: frozenset(groups) for k, groups in d["apart"].items()},
        splits=[tuple(group) for group in d["splits"]],
    )


def write_state(state: MergeState, path: Path) -> None:
    """Write and fsync: the generation is committed right after, by renaming CURRENT."""
    data = json.dumps(state_json(state), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def read_state(path: Path) -> MergeState:
    try:
        d = json.loads(path.read_bytes())
        if not isinstance(d, dict) or d.get("format") != STATE_FORMAT:
            raise StateFileError(f"{path}: not a merge state of format {STATE_FORMAT}")
        return state_from_json(d)
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, StateFileError):
            raise
        raise StateFileError(f"{path}: unreadable merge state: {exc}") from exc
