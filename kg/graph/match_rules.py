"""The matching rules, read from merge_rules.toml: data a reviewer can tune without reading code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.arabic.normalise import norm, search_key
from kg.graph.report_features import DateRules

RULES_PATH = Path(__file__).with_name("merge_rules.toml")


@dataclass(frozen=True)
class PlaceRules:
    too_coarse: frozenset[str]
    coarse: frozenset[str]
    radius_km: dict[str, float]
    far_slack_km: float
    variant_kinds: frozenset[str]
    small_kinds: frozenset[str]
    variant_min_letters: int
    unit_words: frozenset[str]  # folded
    container_words: frozenset[str] = frozenset()  # folded: «قطاع», «محافظة» before a region's name

    def radius(self, kind: str) -> float:
        return self.radius_km.get(kind, self.radius_km.get("other", 2.0))


@dataclass(frozen=True)
class TollRules:
    close_factor: float
    close_slack: int
    far_factor: float
    far_slack: int

    def close(self, lo: int, hi: int) -> bool:
        return hi <= self.close_factor * lo + self.close_slack

    def far(self, lo: int, hi: int) -> bool:
        return hi > self.far_factor * lo + self.far_slack


@dataclass(frozen=True)
class MatchRules:
    threshold: float
    window_days: int
    bucket_days: int
    dates: DateRules
    weights: dict[str, float]
    max_shared_actors: int
    places: PlaceRules
    tolls: TollRules
    families: dict[str, frozenset[str]]  # type -> the families it is in

    @property
    def too_coarse(self) -> frozenset[str]:
        return self.places.too_coarse

    @property
    def coarse(self) -> frozenset[str]:
        return self.places.coarse

    def compatible_types(self, a: str, b: str) -> bool:
        return a == b or bool(self.families.get(a, frozenset()) & self.families.get(b, frozenset()))


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(norm(w) for w in words)


@cache
def load_rules(path: Path = RULES_PATH) -> MatchRules:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    d, pl, fa = raw["date"], raw["places"], raw["fatalities"]
    w = dict(raw["weights"])
    fam: dict[str, set[str]] = {}
    for name, types in raw["families"].items():
        for t in types:
            fam.setdefault(t, set()).add(name)
    return MatchRules(
        threshold=float(raw["threshold"]),
        window_days=int(d["window_days"]),
        bucket_days=int(d["bucket_days"]),
        dates=DateRules(
            int(d["undated_lookback_days"]),
            int(d["week_half_width"]),
            _folded(d["evening_words"]),
            _folded(d["early_words"]),
        ),
        weights={k: float(v) for k, v in w.items() if k != "max_shared_actors"},
        max_shared_actors=int(w["max_shared_actors"]),
        places=PlaceRules(
            too_coarse=frozenset(pl["too_coarse"]),
            coarse=frozenset(pl["coarse"]),
            radius_km={k: float(v) for k, v in pl["radius_km"].items()},
            far_slack_km=float(pl["far_slack_km"]),
            variant_kinds=frozenset(pl["variant_kinds"]),
            small_kinds=frozenset(pl["small_kinds"]),
            variant_min_letters=int(pl["variant_min_letters"]),
            unit_words=frozenset(search_key(u) for u in pl["unit_words"]),
            container_words=frozenset(search_key(u) for u in pl.get("container_words", ())),
        ),
        tolls=TollRules(
            float(fa["close_factor"]), int(fa["close_slack"]), float(fa["far_factor"]), int(fa["far_slack"])
        ),
        families={t: frozenset(f) for t, f in fam.items()},
    )
