"""A small, fast, deterministic extractor for the scale tests, where the real one is not the subject.

It finds a few trigger words so records have real content to compare, can be told to fail on one
article (an exception, or killing its worker process outright), and counts its calls.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from kg.vocab.record import Article, Event, ExtractionRecord, Mention

TRIGGERS = {"قصف": "shelling", "غارة": "air_strike", "اشتباكات": "battle", "انفجار": "explosion"}
PATTERN = re.compile("|".join(TRIGGERS))
RAISE_MARK = "ارفع_خطأ"  # an article holding this makes the extractor raise
KILL_MARK = "اقتل_العامل"  # an article holding this kills the worker process


class StandInExtractor:
    calls = 0  # per process: the resume test runs in-process and counts

    def __init__(self) -> None:
        self.built_in_pid = os.getpid()

    def __call__(self, article: Article) -> ExtractionRecord:
        type(self).calls += 1
        if RAISE_MARK in article.text:
            raise ValueError("stand-in told to fail")
        if KILL_MARK in article.text:
            os._exit(3)
        events = [
            Event(id=f"e{i}", type=TRIGGERS[m.group()], trigger=Mention(m.group(), m.start(), m.end()))
            for i, m in enumerate(PATTERN.finditer(article.text), 1)
        ]
        return ExtractionRecord(
            article_id=article.id,
            events=events,
            meta=article.meta(),
            text=article.text,
            sentences=[(0, len(article.text))],
        )


FACTORY = "standin_extractor:StandInExtractor"


class ProbeExtractor(StandInExtractor):
    """Writes into each record which process made it and how many extractors that process built,
    so a test can see that every worker built exactly one, and that more than one worker ran."""

    built = 0
    WORKERS = 2

    def __init__(self) -> None:
        super().__init__()
        type(self).built += 1
        self.barrier = os.environ.get("PROBE_BARRIER_DIR")
        if self.barrier:
            Path(self.barrier, str(os.getpid())).touch()

    def _wait_for_the_others(self) -> None:
        """Hold each article until every worker has started, so all of them get work however
        slowly a loaded machine spawns them (at most 20 s)."""
        deadline = time.monotonic() + 20
        while len(os.listdir(self.barrier)) < self.WORKERS and time.monotonic() < deadline:
            time.sleep(0.01)

    def __call__(self, article: Article) -> ExtractionRecord:
        if self.barrier:
            self._wait_for_the_others()
        time.sleep(0.005)
        record = super().__call__(article)
        record.meta["probe_pid"] = str(os.getpid())
        record.meta["probe_builds"] = str(type(self).built)
        return record


PROBE = "standin_extractor:ProbeExtractor"


class BusyExtractor(StandInExtractor):
    """Spends about as much CPU per article as the real extractor (5 ms), for scaling runs."""

    def __call__(self, article: Article) -> ExtractionRecord:
        end = time.process_time() + 0.005
        while time.process_time() < end:
            pass
        return super().__call__(article)


class DiesAtStart:
    """A worker that cannot even start (as when the main module cannot be re-imported)."""

    def __init__(self) -> None:
        os._exit(4)

    def __call__(self, article: Article) -> ExtractionRecord:
        raise AssertionError("never built")


class SlowOnFirstTelling(StandInExtractor):
    """Takes a long time over the shorter of two tellings of one article, so that, run freely in
    parallel, the earlier telling would finish last and overwrite the later one."""

    def __call__(self, article: Article) -> ExtractionRecord:
        if article.id == "art-0003" and LATER_TELLING not in article.text:
            time.sleep(0.5)
        return super().__call__(article)


SLOW_FIRST = "standin_extractor:SlowOnFirstTelling"
LATER_TELLING = "وأعلن الدفاع المدني حصيلة جديدة للانفجار."
