"""Candidate pairs without comparing every event with every other.

Two reports can only match if one names the other's place or a place containing it (never a
whole country), or a spelling of it, or one names only the country the other lies in; and their
dates come within the window. Each report is filed, for every date bucket its span touches:

- under its own places (`at`) and under its own places and every place containing them
  (`within`). A report looks up `within` under its own places (what lies at or inside them) and
  `at` under their ancestors (reports placed only at a district or governorate that holds it),
  with its date span widened by the window. A town's report never meets the hundreds of reports
  from other towns of its governorate;
- under each place name and each of its one-letter-shorter forms (`spelt`): two names one
  letter apart share one of those, so a village spelt two ways is looked up by name;
- by country and single day when its date is day-precise (`country_day`), and, when it names
  nothing finer than a country, in `country_only` too: a country-level match needs the same
  day, so a country's report meets only that country's reports of that day.

Work grows with the reports that share a place (or a name, or a country and a day), not with
the square of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from kg.graph.match_places import bare_name
from kg.graph.match_rules import MatchRules
from kg.graph.report_features import ReportFeatures

Key = tuple[str, int]


def spellings(name: str) -> set[str]:
    """The name and every form of it one letter shorter (a deletion neighbourhood)."""
    return {name} | {name[:i] + name[i + 1 :] for i in range(len(name))}


class BlockIndex:
    def __init__(self, rules: MatchRules) -> None:
        self.rules = rules
        self.at: dict[Key, list[str]] = defaultdict(list)
        self.within: dict[Key, list[str]] = defaultdict(list)
        self.spelt: dict[Key, list[str]] = defaultdict(list)
        self.country_day: dict[Key, list[str]] = defaultdict(list)
        self.country_only: dict[Key, list[str]] = defaultdict(list)

    def _buckets(self, lo: int, hi: int) -> range:
        b = self.rules.bucket_days
        return range(lo // b, hi // b + 1)

    def _places(self, f: ReportFeatures) -> tuple[list[str], list[str]]:
        """The report's own places and the places containing them, too-coarse ones left out."""
        coarse = self.rules.too_coarse
        own = [p for p in sorted(f.places) if f.kind(p) not in coarse]
        up = sorted({a for _, anc in f.ancestors for a in anc} - f.places)
        return own, [a for a in up if f.kind(a) not in coarse]

    def _names(self, f: ReportFeatures) -> set[str]:
        pr = self.rules.places
        out: set[str] = set()
        for p, name in f.names:
            if f.kind(p) in pr.variant_kinds and (bare := bare_name(name, pr)):
                out |= spellings(bare) if len(bare) >= pr.variant_min_letters else {bare}
        return out

    def _days(self, f: ReportFeatures, widen: int = 0) -> range:
        if f.half is None or f.lo is None or f.hi is None:
            return range(0)
        return range(f.lo - widen, f.hi + widen + 1)

    def add(self, f: ReportFeatures) -> None:
        if f.lo is None or f.hi is None:
            return
        own, up = self._places(f)
        names = self._names(f)
        for bucket in self._buckets(f.lo, f.hi):
            for place in own:
                self.at[(place, bucket)].append(f.key)
                self.within[(place, bucket)].append(f.key)
            for place in up:
                self.within[(place, bucket)].append(f.key)
            for name in names:
                self.spelt[(name, bucket)].append(f.key)
        for day in self._days(f):
            for country in f.countries:
                self.country_day[(country, day)].append(f.key)
                if f.country_only:
                    self.country_only[(country, day)].append(f.key)

    def add_all(self, features: Iterable[ReportFeatures]) -> None:
        for f in features:
            self.add(f)

    def candidates(self, f: ReportFeatures) -> set[str]:
        """Keys of indexed reports the place gate could let through with `f` (itself excluded)."""
        if f.lo is None or f.hi is None:
            return set()
        w = self.rules.window_days
        own, up = self._places(f)
        names = self._names(f)
        out: set[str] = set()
        for bucket in self._buckets(f.lo - w, f.hi + w):
            for place in own:
                out.update(self.within.get((place, bucket), ()))
            for place in up:
                out.update(self.at.get((place, bucket), ()))
            for name in names:
                out.update(self.spelt.get((name, bucket), ()))
        country = self.country_day if f.country_only else self.country_only
        for day in self._days(f, widen=w):
            for c in f.countries:
                out.update(country.get((c, day), ()))
        out.discard(f.key)
        return out


def candidate_pairs(features: dict[str, ReportFeatures], index: BlockIndex) -> Iterator[tuple[str, str]]:
    """Each candidate pair once, smaller key first, from reports of different articles."""
    for key in sorted(features):
        f = features[key]
        for other in index.candidates(f):
            if other > key and features[other].article != f.article:
                yield key, other
