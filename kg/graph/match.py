"""Are two reports from different articles the same incident? Gates first, then a score.

The gates are the rules a human checker would never bend: another article, a type of the same
coarse family, the same place or one containing the other (a shared country is not a place), and
dates that can be the same day. Past the gates, features add up to a score (weights in
merge_rules.toml); the names of the features that fired are kept, so the graph can say why two
reports were merged. The score is symmetric and depends on nothing but the two reports.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.graph.report_features import DateRules, ReportFeatures

RULES_PATH = Path(__file__).with_name("merge_rules.toml")


@dataclass(frozen=True)
class MatchRules:
    threshold: float
    window_days: int
    bucket_days: int
    dates: DateRules
    weights: dict[str, float]
    max_shared_actors: int
    too_coarse: frozenset[str]
    coarse: frozenset[str]
    families: dict[str, frozenset[str]]  # type -> the families it is in

    def compatible_types(self, a: str, b: str) -> bool:
        return a == b or bool(self.families.get(a, frozenset()) & self.families.get(b, frozenset()))


@cache
def load_rules(path: Path = RULES_PATH) -> MatchRules:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    d = raw["date"]
    w = dict(raw["weights"])
    fam: dict[str, set[str]] = {}
    for name, types in raw["families"].items():
        for t in types:
            fam.setdefault(t, set()).add(name)
    return MatchRules(
        threshold=float(raw["threshold"]),
        window_days=int(d["window_days"]),
        bucket_days=int(d["bucket_days"]),
        dates=DateRules(int(d["undated_lookback_days"]), int(d["week_half_width"])),
        weights={k: float(v) for k, v in w.items() if k != "max_shared_actors"},
        max_shared_actors=int(w["max_shared_actors"]),
        too_coarse=frozenset(raw["places"]["too_coarse"]),
        coarse=frozenset(raw["places"]["coarse"]),
        families={t: frozenset(f) for t, f in fam.items()},
    )


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    features: tuple[str, ...]  # names of the features that fired, in a fixed order


def _place_level(a: ReportFeatures, b: ReportFeatures, rules: MatchRules) -> str | None:
    """The best way the two reports' places agree: same, contained, same_coarse, or None."""
    best = None
    rank = {"same_place": 3, "contained_place": 2, "same_coarse_place": 1}
    for p in sorted(a.places):
        for q in sorted(b.places):
            if p == q:
                general = p
                level = "same_place"
            elif q in a.up(p):
                general, level = q, "contained_place"
            elif p in b.up(q):
                general, level = p, "contained_place"
            else:
                continue
            kind = a.kind(general) or b.kind(general)
            if kind in rules.too_coarse:
                continue
            if kind in rules.coarse:
                level = "same_coarse_place"
            if best is None or rank[level] > rank[best]:
                best = level
    return best


def match(a: ReportFeatures, b: ReportFeatures, rules: MatchRules | None = None) -> Match | None:
    """The match between two reports, or None when they cannot be one incident."""
    rules = rules or load_rules()
    if b.key < a.key:
        a, b = b, a
    if a.article == b.article or a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return None
    if not rules.compatible_types(a.type, b.type):
        return None
    gap = max(a.lo, b.lo) - min(a.hi, b.hi)
    if gap > rules.window_days:
        return None
    place = _place_level(a, b, rules)
    if place is None:
        return None
    w = rules.weights
    fired: list[str] = []
    score = 0.0

    def add(name: str, weight: float) -> None:
        nonlocal score
        fired.append(name)
        score += weight

    add("same_type", w["same_type"]) if a.type == b.type else add("same_family", w["same_family"])
    add(place, w[place])
    undated = "unknown" in (a.precision, b.precision)
    if not undated:
        if a.precision == b.precision == "day":
            add("same_day", w["same_day"]) if a.lo == b.lo else add("date_window", w["date_window"])
        else:
            add("date_overlap", w["date_overlap"])
    shared = len(a.actors & b.actors)
    for _ in range(min(shared, rules.max_shared_actors)):
        add("shared_actor", w["shared_actor"])
    if a.attackers and b.attackers and not (a.attackers & b.attackers):
        add("disjoint_attackers", w["disjoint_attackers"])
    if a.fatalities is not None and b.fatalities is not None:
        lo, hi = sorted((a.fatalities, b.fatalities))
        if lo == hi:
            add("same_fatalities", w["same_fatalities"])
        elif hi > 3 * lo + 5:
            add("far_fatalities", w["far_fatalities"])
    if undated and not (place == "same_place" and a.type == b.type and shared >= 1):
        return None  # an unknown date merges only on strong other evidence
    if score < rules.threshold:
        return None
    return Match(round(score, 3), tuple(fired))
