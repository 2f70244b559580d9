"""Conflict events found on ordinary news: sport, culture and technology articles.

    .venv/bin/python -m benchmarks.ordinary_news [--limit 200]

From the SaudiNewsNet corpus: sport is what the two sports outlets publish plus articles whose
title is about a match, a league or a club; culture and technology are articles whose title
names a festival, a book, a film, a phone, an app… (and names no killing, war or attack).
Nothing here is annotated: these are articles where a conflict event would be wrong. Printed for
both pipelines: the share of articles with at least one conflict event (any type but statement
and other) and with any event at all, with a few examples of what the learned one still finds.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from kg.arabic.normalise import norm
from kg.extract import Extractor
from kg.training.corpus import SHARED, SNN
from kg.vocab.record import Article

SPORT_OUTLETS = frozenset({"arreyadi", "arriyadiyah"})
TOPICS = {
    "sport": r"مباراه|الدوري|المنتخب|لاعب|مدرب|بطوله|كاس العالم|النادي|الهلال|النصر|الاتحاد|الاهلي|ملعب",
    "culture": r"مهرجان|معرض|كتاب|روايه|فيلم|مسرح|شاعر|الشعر|فنان|ثقافي|تراث|متحف",
    "technology": r"تقنيه|هاتف|تطبيق|الانترنت|ابل|سامسونج|جوجل|تويتر|فيسبوك|ذكي|رقمي|الكتروني",
}
CONFLICT_TITLE = re.compile(
    r"قتل|مقتل|حرب|هجوم|داعش|ارهاب|قصف|انفجار|تفجير|الحوثي|عسكري|جيش|استشهاد|هاتفي|تطبيق قانون"
)
NOT_CONFLICT = frozenset({"statement", "other"})


def topic_of(row: dict) -> str | None:
    title = norm(row.get("title") or "")
    if row.get("outlet") in SPORT_OUTLETS:
        return "sport"
    if CONFLICT_TITLE.search(title):
        return None
    for name, pat in TOPICS.items():
        if re.search(pat, title):
            return name
    return None


def articles(shared: Path, limit: int) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {t: [] for t in TOPICS}
    with (shared / SNN).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            t = topic_of(row)
            if t and len(out[t]) < limit:
                out[t].append(
                    Article(
                        id=row["id"], text=row["text"], title=row.get("title"), published=row.get("published")
                    )
                )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="articles per topic at most")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    sets = articles(args.shared, args.limit)
    pipelines = {
        "rules only": Extractor({"pipeline": "rules"}),
        "learned": Extractor({"pipeline": "learned"}),
    }
    examples: list[str] = []
    for topic, arts in sets.items():
        for name, ex in pipelines.items():
            conflict = anything = 0
            for a in arts:
                events = ex(a).events
                hits = [e for e in events if e.type not in NOT_CONFLICT]
                conflict += bool(hits)
                anything += bool(events)
                if name == "learned" and hits and len(examples) < 12:
                    examples.append(f"  {topic}: {hits[0].type} «{hits[0].trigger.text}» in {a.id}")
            n = max(1, len(arts))
            print(
                f"{topic:10s} {name:10s} {len(arts):4d} articles: a conflict event on {conflict} "
                f"({conflict / n:.1%}), any event on {anything} ({anything / n:.1%})"
            )
    print("what the learned pipeline still finds (first few):")
    print("\n".join(examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
