"""Cross-validated figures of the shipped thresholds beside hand-picked variants of them.

    .venv/bin/python -m benchmarks.threshold_variants benchmarks/data/threshold_variants.json

Where `tune_thresholds` searches grids from scratch, this answers "what would this one change
do": models are trained once per fold of the training split, then each variant (a JSON list of
`{"component": {"threshold": value}}`, applied over train.toml's) runs on the folds' cached
candidates. Printed per variant: events and roles F1 in 5-fold cross-validation, the same on the
first-round training articles alone (the mix of strata the test split was drawn from, without
the top-up rounds that aimed at past errors), and the dev set with models of the whole split.
The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from benchmarks.learned import folds
from benchmarks.tune_thresholds import Cached
from kg.training.corpus import SHARED
from kg.training.dataset import build
from kg.training.evaluate import folder_items, score
from kg.training.train import ANNOTATIONS, annotated_items, pooled, settings, split_ids, train_models

COMPONENTS = ("eventness", "segments", "roles")
TOP_UP_KEYS = ("topup_batches", "topup2_batches", "topup3_batches")


def top_up_ids(selection: dict) -> set[str]:
    out: set[str] = set()
    for key in TOP_UP_KEYS:
        batches = selection.get(key, [])
        for b in batches if isinstance(batches, list) else batches.values():
            out |= set(b if isinstance(b, list) else b.get("articles", []))
    return out


def line(name: str, cv: dict, first: dict, dev: dict) -> str:
    return (
        f"{name}: cv events {cv['events']['f1']:.3f} roles {cv['roles']['f1']:.3f}"
        f" | first round events {first['events']['f1']:.3f} roles {first['roles']['f1']:.3f}"
        f" | dev events {dev['events']['f1']:.3f} roles {dev['roles']['f1']:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", type=Path)
    args = ap.parse_args()
    variants = json.loads(args.variants.read_text(encoding="utf-8"))
    train_ids, _test = split_ids({p.stem for p in ANNOTATIONS.glob("*.json")})
    items = annotated_items(train_ids)
    by_article = build(items)
    cfg = settings()
    base = {n: dict(cfg[n]["thresholds"]) for n in COMPONENTS}
    top = top_up_ids(json.loads((ANNOTATIONS.parent / "selection.json").read_text(encoding="utf-8")))
    first = [it for it in items if it[0].id not in top]
    print(f"{len(items)} training articles, {len(first)} of them from the first round")
    dev = folder_items(SHARED / "eval/dev/articles", SHARED / "eval/dev/gold")
    with tempfile.TemporaryDirectory() as tmp:
        cached = []
        for k, ids in enumerate([*(set(h) for h in folds(train_ids, 5, cfg["seed"])), set()]):
            folder = Path(tmp) / str(k)
            rest = [i for i in train_ids if i not in ids]
            for name, model in train_models(pooled(by_article, rest), cfg).items():
                model.save(folder / f"{name}.npz")
            cached.append(Cached(folder, [it for it in items if it[0].id in ids] if ids else dev))
        for v in [{}, *variants]:
            th = {n: {**base[n], **v.get(n, {})} for n in COMPONENTS}
            records: dict[str, dict] = {}
            for c in cached[:-1]:
                records.update(c.records(th))
            first_records = {it[0].id: records[it[0].id] for it in first}
            name = json.dumps(v, ensure_ascii=False) if v else "shipped"
            dev_fig = score(dev, cached[-1].records(th))
            print(line(name, score(items, records), score(first, first_records), dev_fig), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
