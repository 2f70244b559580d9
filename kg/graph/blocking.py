"""Candidate pairs without comparing every event with every other.

Two reports can only match if they share a place (one's own place or a place containing it,
never a whole country) and their dates come within the window. So each report is filed under
(place, date bucket) for every such place and every bucket its date span touches, and looked up
under the buckets of its span widened by the window. Work grows with the number of reports that
share a town and a few days, not with the square of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from kg.graph.match import MatchRules
from kg.graph.report_features import ReportFeatures


class BlockIndex:
    def __init__(self, rules: MatchRules) -> None:
        self.rules = rules
        self.blocks: dict[tuple[str, int], list[str]] = defaultdict(list)

    def _buckets(self, lo: int, hi: int) -> range:
        b = self.rules.bucket_days
        return range(lo // b, hi // b + 1)

    def add(self, f: ReportFeatures) -> None:
        if f.lo is None or f.hi is None:
            return
        for place in f.block_places(self.rules.too_coarse):
            for bucket in self._buckets(f.lo, f.hi):
                self.blocks[(place, bucket)].append(f.key)

    def add_all(self, features: Iterable[ReportFeatures]) -> None:
        for f in features:
            self.add(f)

    def candidates(self, f: ReportFeatures) -> set[str]:
        """Keys of indexed reports that share a place and a nearby date with `f` (itself excluded)."""
        if f.lo is None or f.hi is None:
            return set()
        w = self.rules.window_days
        out: set[str] = set()
        for place in f.block_places(self.rules.too_coarse):
            for bucket in self._buckets(f.lo - w, f.hi + w):
                out.update(self.blocks.get((place, bucket), ()))
        out.discard(f.key)
        return out


def candidate_pairs(features: dict[str, ReportFeatures], index: BlockIndex) -> Iterator[tuple[str, str]]:
    """Each candidate pair once, smaller key first, from reports of different articles."""
    for key in sorted(features):
        f = features[key]
        for other in index.candidates(f):
            if other > key and features[other].article != f.article:
                yield key, other
