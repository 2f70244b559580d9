"""Candidate pairs without comparing every event with every other.

Two reports can only match if one names the other's place or a place containing it (never a
whole country) and their dates come within the window. Each report is filed, for every date
bucket its span touches, twice over: under its own places (`at`) and under its own places and
every place containing them (`within`). A report looks up `within` under its own places (what
lies at or inside them) and `at` under their ancestors (reports placed only at a district or
governorate that holds it), with its date span widened by the window. That finds every pair
the place gate allows, from either side, while a town's report never meets the hundreds of
reports from other towns of its governorate. Work grows with the reports that share a place and
a few days, not with the square of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from kg.graph.match import MatchRules
from kg.graph.report_features import ReportFeatures


class BlockIndex:
    def __init__(self, rules: MatchRules) -> None:
        self.rules = rules
        self.at: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.within: dict[tuple[str, int], list[str]] = defaultdict(list)

    def _buckets(self, lo: int, hi: int) -> range:
        b = self.rules.bucket_days
        return range(lo // b, hi // b + 1)

    def _places(self, f: ReportFeatures) -> tuple[list[str], list[str]]:
        """The report's own places and the places containing them, too-coarse ones left out."""
        coarse = self.rules.too_coarse
        own = [p for p in sorted(f.places) if f.kind(p) not in coarse]
        up = sorted({a for _, anc in f.ancestors for a in anc} - f.places)
        return own, [a for a in up if f.kind(a) not in coarse]

    def add(self, f: ReportFeatures) -> None:
        if f.lo is None or f.hi is None:
            return
        own, up = self._places(f)
        for bucket in self._buckets(f.lo, f.hi):
            for place in own:
                self.at[(place, bucket)].append(f.key)
                self.within[(place, bucket)].append(f.key)
            for place in up:
                self.within[(place, bucket)].append(f.key)

    def add_all(self, features: Iterable[ReportFeatures]) -> None:
        for f in features:
            self.add(f)

    def candidates(self, f: ReportFeatures) -> set[str]:
        """Keys of indexed reports the place gate could let through with `f` (itself excluded)."""
        if f.lo is None or f.hi is None:
            return set()
        w = self.rules.window_days
        own, up = self._places(f)
        out: set[str] = set()
        for bucket in self._buckets(f.lo - w, f.hi + w):
            for place in own:
                out.update(self.within.get((place, bucket), ()))
            for place in up:
                out.update(self.at.get((place, bucket), ()))
        out.discard(f.key)
        return out


def candidate_pairs(features: dict[str, ReportFeatures], index: BlockIndex) -> Iterator[tuple[str, str]]:
    """Each candidate pair once, smaller key first, from reports of different articles."""
    for key in sorted(features):
        f = features[key]
        for other in index.candidates(f):
            if other > key and features[other].article != f.article:
                yield key, other
