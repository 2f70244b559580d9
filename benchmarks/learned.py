"""The learned pipeline beside the rule-only one, on the same articles, in one run.

    .venv/bin/python -m benchmarks.learned            # cross-validation on the training split, dev, sample
    .venv/bin/python -m benchmarks.learned --test     # and the test split and the SaudiNewsNet held-out
                                                      # set (report only: never tune on them)

Cross-validation: the annotated training articles are cut into folds by article; each fold is
extracted by models trained on the other folds (same settings as `make train`) and the folds'
records are scored together. The test split is extracted by the shipped models, which were
trained on the whole training split and never saw it. Every figure is the evaluation's own
`score.py` on the same records for both pipelines. Also printed: recall of assault and protest
events by type, and how many articles with no conflict event in the gold get one anyway.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path
from typing import Any

from kg.extract import Extractor
from kg.training.align import scorer
from kg.training.corpus import SHARED
from kg.training.dataset import build
from kg.training.evaluate import folder_items, learned_config, line, run, score
from kg.training.train import ANNOTATIONS, annotated_items, pooled, settings, split_ids, train_models
from kg.vocab.record import Article

HELDOUT = ANNOTATIONS.parent / "heldout-snn" / "gold"
ASSAULT = ("battle", "air_strike", "shelling", "explosion", "attack", "violence_against_civilians")
DEMONSTRATION = ("protest", "riot")
NOT_CONFLICT = frozenset({"statement", "other"})
Items = list[tuple[Article, dict]]


def folds(ids: list[str], k: int, seed: int) -> list[list[str]]:
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def cross_validated(items: Items, k: int, seed: int) -> dict[str, dict]:
    """Records of every training article, each made by models that never saw it."""
    by_article = build(items)
    ids = [a.id for a, _g in items]
    records: dict[str, dict] = {}
    cfg = settings()
    for held in folds(ids, k, seed):
        rest = [i for i in ids if i not in set(held)]
        models = train_models(pooled(by_article, rest), cfg)
        with tempfile.TemporaryDirectory() as tmp:
            for name, model in models.items():
                model.save(Path(tmp) / f"{name}.npz")
            extractor = Extractor(learned_config(Path(tmp)))
            records.update(run(extractor, [it for it in items if it[0].id in set(held)]))
    return records


def recall_by_type(
    items: Items, records: dict[str, dict], types: tuple[str, ...]
) -> dict[str, tuple[int, int]]:
    """Per gold type: (gold events the system matched with that type, gold events)."""
    out = {}
    for t in types:
        only = [(a, {**g, "events": [e for e in g["events"] if e["type"] == t]}) for a, g in items]
        fig = score(only, {a.id: {**records[a.id]} for a, _g in only})
        n = sum(len(g["events"]) for _a, g in only)
        out[t] = (round(fig["events"]["r"] * n), n)
    return out


def sentences_detected(items: Items, records: dict[str, dict], types: tuple[str, ...]) -> tuple[int, int]:
    """(gold events of these types whose sentence holds a system event of the same family, all
    of them): the sentence-level detection that hand-coded sentence sets measure."""
    sc = scorer()
    hit = total = 0
    for art, gold in items:
        starts = sc.sentence_starts(art.text)
        sys_sents = [
            (sc.sentence_of(e, starts), sc.COARSE.get(e["type"], e["type"]))
            for e in records.get(art.id, {}).get("events", [])
        ]
        for g in gold["events"]:
            if g["type"] not in types:
                continue
            total += 1
            fam = sc.COARSE.get(g["type"], g["type"])
            hit += any(s in g["sentence_index"] and f == fam for s, f in sys_sents)
    return hit, total


def quiet_articles(items: Items, records: dict[str, dict]) -> tuple[int, int]:
    """(articles with a conflict event in the record, articles whose gold holds none)."""
    quiet = [a.id for a, g in items if not any(e["type"] not in NOT_CONFLICT for e in g["events"])]
    loud = sum(any(e["type"] not in NOT_CONFLICT for e in records[i].get("events", [])) for i in quiet)
    return loud, len(quiet)


def report(name: str, items: Items, rules: dict[str, dict], learned: dict[str, dict]) -> None:
    print(f"== {name} ({len(items)} articles)")
    fr, fl = score(items, rules), score(items, learned)
    print(line("  rules only", fr))
    print(line("  learned", fl))
    print(
        f"  difference: events {fl['events']['f1'] - fr['events']['f1']:+.3f}"
        f"  coarse {fl['events_coarse']['f1'] - fr['events_coarse']['f1']:+.3f}"
        f"  roles {fl['roles']['f1'] - fr['roles']['f1']:+.3f}"
    )
    for label, recs in (("rules only", rules), ("learned", learned)):
        parts = []
        for group, types in (("assault", ASSAULT), ("demonstration", DEMONSTRATION)):
            by = recall_by_type(items, recs, types)
            hit, n = sum(h for h, _n in by.values()), sum(n for _h, n in by.values())
            detail = " ".join(f"{t}={h}/{m}" for t, (h, m) in by.items() if m)
            parts.append(f"{group} {hit}/{n} ({hit / n if n else 0:.0%}: {detail})")
        loud, quiet = quiet_articles(items, recs)
        print(f"  {label:10s} recall: {'; '.join(parts)}")
        det = [
            (g, *sentences_detected(items, recs, t))
            for g, t in (("assault", ASSAULT), ("demonstration", DEMONSTRATION))
        ]
        print(
            f"  {label:10s} sentences detected: "
            + "; ".join(f"{g} {h}/{n} ({h / n if n else 0:.0%})" for g, h, n in det)
        )
        print(f"  {label:10s} conflict events on {loud}/{quiet} articles whose gold has none")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--test", action="store_true", help="also the test split (report, never tune)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args()
    train_ids, test_ids = split_ids({p.stem for p in ANNOTATIONS.glob("*.json")})
    rules = Extractor({"pipeline": "rules"})
    train_items = annotated_items(train_ids)
    sets: list[tuple[str, Items, Any]] = [
        (f"training split, {args.folds}-fold cross-validation", train_items, "cv"),
        (
            "dev (../shared/eval/dev)",
            folder_items(args.shared / "eval/dev/articles", args.shared / "eval/dev/gold"),
            None,
        ),
        ("sample", folder_items(args.shared / "seeds", args.shared / "eval/gold"), None),
    ]
    if args.test:
        heldout = sorted(p.stem for p in HELDOUT.glob("*.json"))
        sets.insert(1, ("test split (never trained or tuned on)", annotated_items(test_ids), None))
        sets.insert(2, ("held-out SaudiNewsNet 2015 (other outlets, never trained or tuned on)",
                        annotated_items(heldout, HELDOUT), None))  # fmt: skip
    shipped = Extractor(learned_config(None))
    for name, items, how in sets:
        learned = (
            cross_validated(items, args.folds, settings()["seed"]) if how == "cv" else run(shipped, items)
        )
        report(name, items, run(rules, items), learned)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
