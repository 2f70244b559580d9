"""Are two reports from different articles the same incident? Gates first, then a score.

The gates are the rules a human checker would never bend: another article, a type of the same
coarse family, places that agree and are not two places far apart (kg.graph.match_places), and
dates that can be the same day. Past the gates, features add up to a score (weights in
merge_rules.toml); the names of the features that fired are kept, so the graph can say why two
reports were merged, and at which date precision they agreed. The score is symmetric and depends
on nothing but the two reports.

Dates: two day-precise dates agree on the same day, or a calendar day apart when one is an
evening or night (or the other the small hours) and the types agree; a week, month or year agrees
with any day in it; an undated report stands for the last days up to its article's publication
(`publication_window`) and then needs corroboration: a shared actor, tolls within reason, or the
same type at a place smaller than a town or both of its article's publication day. A report placed
only at a country (`same_country`) needs the same type, the same day, and tolls within reason or
a shared actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.graph.match_places import place_level
from kg.graph.match_rules import RULES_PATH, MatchRules, load_rules
from kg.graph.report_features import ReportFeatures

__all__ = ["RULES_PATH", "Match", "MatchRules", "Verdict", "judge", "load_rules", "match", "pieces"]

# The precision two reports' dates agree at, by the date feature that fired (for the evidence).
DATE_PRECISION = {
    "same_day": "day",
    "night_overlap": "day",
    "date_overlap:week": "week",
    "date_overlap:month": "month",
    "date_overlap:year": "year",
    "publication_window": "unknown",
}


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    features: tuple[str, ...]  # names of the features that fired, in a fixed order


@dataclass(frozen=True, slots=True)
class Verdict:
    """The whole judgement of a pair: the score so far and, when it is no match, why not."""

    score: float
    features: tuple[str, ...]
    reason: str | None  # None: a match

    @property
    def match(self) -> Match | None:
        return Match(round(self.score, 3), self.features) if self.reason is None else None


_ORDER = ("day", "week", "month", "year", "unknown")


def date_level(a: ReportFeatures, b: ReportFeatures) -> str | None:
    """The date feature two reports' dates agree by, or None when they cannot be one day."""
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    if a.half is not None and b.half is not None:
        if a.lo == b.lo:
            return "same_day"
        overlap = max(a.half[0], b.half[0]) <= min(a.half[1], b.half[1])
        return "night_overlap" if overlap and a.type == b.type else None
    if max(a.lo, b.lo) > min(a.hi, b.hi):
        return None
    if "unknown" in (a.precision, b.precision):
        return "publication_window"
    coarser = max(a.precision, b.precision, key=lambda p: _ORDER.index(p) if p in _ORDER else 4)
    return f"date_overlap:{coarser}"


def _tolls(a: ReportFeatures, b: ReportFeatures, rules: MatchRules) -> str | None:
    if a.fatalities is None or b.fatalities is None:
        return None
    lo, hi = sorted((a.fatalities, b.fatalities))
    if lo == hi:
        return "same_fatalities"
    if lo > 0 and rules.tolls.close(lo, hi):
        return "close_fatalities"
    if rules.tolls.far(lo, hi):
        return "far_fatalities"
    return None


def _news_of_one_day(a: ReportFeatures, b: ReportFeatures) -> bool:
    """Both reports are of their articles' one publication day: an undated one most likely is,
    and a dated one is when its date is that day."""
    day = a.published
    if day is None or b.published != day:
        return False
    return all(f.precision == "unknown" or (f.half is not None and f.lo == day) for f in (a, b))


def _small_shared_place(a: ReportFeatures, b: ReportFeatures, rules: MatchRules) -> bool:
    """Both name one place smaller than a town (a village, a camp, a market): a town sees
    more than one incident of a kind in a few days, a village street rarely does."""
    small = rules.places.small_kinds
    return any((a.kind(p) or b.kind(p)) in small for p in a.places & b.places)


def judge(a: ReportFeatures, b: ReportFeatures, rules: MatchRules | None = None) -> Verdict:
    """Score a pair and say whether it is one incident (reason None) or why not."""
    rules = rules or load_rules()
    if b.key < a.key:
        a, b = b, a
    if a.article == b.article:
        return Verdict(0.0, (), "same_article")
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return Verdict(0.0, (), "no_date")
    if not rules.compatible_types(a.type, b.type):
        return Verdict(0.0, (), "types")
    when = date_level(a, b)
    if when is None:
        return Verdict(0.0, (), "dates_apart")
    place, veto = place_level(a, b, rules)
    if place is None:
        return Verdict(0.0, (), veto)
    w = rules.weights
    fired: list[str] = ["same_type" if a.type == b.type else "same_family", place, when]
    shared = len(a.actors & b.actors)
    fired += ["shared_actor"] * min(shared, rules.max_shared_actors)
    if a.attackers and b.attackers and not (a.attackers & b.attackers):
        fired.append("disjoint_attackers")
    toll = _tolls(a, b, rules)
    if toll:
        fired.append(toll)
    score = sum(w[f.split(":")[0]] for f in fired)
    agree = toll in ("same_fatalities", "close_fatalities")
    same_type = a.type == b.type
    same_news_day = _news_of_one_day(a, b)
    small = _small_shared_place(a, b, rules)
    if when == "publication_window" and not (
        shared or (agree and a.fatalities) or (same_type and (same_news_day or small))
    ):
        return Verdict(score, tuple(fired), "undated_without_corroboration")
    if place == "same_country" and not (
        a.type == b.type and when == "same_day" and (shared or (agree and a.fatalities))
    ):
        return Verdict(score, tuple(fired), "country_only_without_strong_agreement")
    if score < rules.threshold:
        return Verdict(score, tuple(fired), "below_threshold")
    return Verdict(score, tuple(fired), None)


def pieces(a: ReportFeatures, b: ReportFeatures, rules: MatchRules | None = None) -> bool:
    """Two reports of one article that may be pieces of one incident: the extractor told one
    assault as an explosion and a clash, or a strike and the killing of its victims. They join
    one event only through reports of other articles that match both (kg.graph.cluster), so
    here it is enough that nothing tells them apart: a type of one family, dates that can be
    one day, and places that agree and are not far apart."""
    rules = rules or load_rules()
    if a.article != b.article or a.key == b.key:
        return False
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return False
    if not rules.compatible_types(a.type, b.type) or date_level(a, b) is None:
        return False
    return place_level(a, b, rules)[0] is not None


def match(a: ReportFeatures, b: ReportFeatures, rules: MatchRules | None = None) -> Match | None:
    """The match between two reports, or None when they cannot be one incident."""
    return judge(a, b, rules).match
