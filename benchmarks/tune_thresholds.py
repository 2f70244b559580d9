"""Choose the learned components' decision thresholds by cross-validation on the training split.

    .venv/bin/python -m benchmarks.tune_thresholds [--folds 5]

Models are trained once per fold; then each component's thresholds are searched one component at
a time (eventness, then segments, then roles, each with the others at their best so far), the
folds' records scored together with the evaluation's scorer. The figure maximised is strict
event F1 plus role F1 in cross-validation, among the points where the dev set
(../shared/eval/dev, extracted with models trained on the whole training split) does not fall
below the rule-only pipeline; where none holds, the best sum of both. It prints every point and
the best; the chosen values are written by hand into kg/training/train.toml, so what ships is
visible and reviewed. The test split is never read.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.learned import folds
from kg.extract import Extractor
from kg.training.corpus import SHARED
from kg.training.dataset import build
from kg.training.evaluate import folder_items, learned_config, run, score
from kg.training.train import ANNOTATIONS, annotated_items, pooled, settings, split_ids, train_models

GRID: dict[str, dict[str, tuple[float, ...]]] = {
    "eventness": {
        "keep": (0.05, 0.1, 0.15, 0.25),
        "rescue": (0.4, 0.5, 0.6, 0.75),
        "retype": (0.4, 0.6, 0.8, 1.01),
    },
    "segments": {"join": (0.4, 0.5, 0.6, 0.75), "part": (0.1, 0.2, 0.35, 0.5)},
    "roles": {"add": (0.35, 0.5, 0.65), "override": (0.4, 0.55, 0.7, 1.01), "drop": (0.5, 0.65, 0.8, 1.01)},
}


def extractor(folder: Path, thresholds: dict[str, dict[str, float]]) -> Extractor:
    cfg = learned_config(folder)
    for name, th in thresholds.items():
        cfg[f"conflict_{name}"]["thresholds"] = th
    return Extractor(cfg, refresh_every=0)


def evaluate(items, fold_dirs, held, thresholds: dict[str, dict[str, float]]) -> dict[str, Any]:
    records: dict[str, dict] = {}
    for folder, ids in zip(fold_dirs, held, strict=True):
        records.update(run(extractor(folder, thresholds), [it for it in items if it[0].id in ids]))
    return score(items, records)


def goal(fig: dict[str, Any]) -> float:
    return fig["events"]["f1"] + fig["roles"]["f1"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    train_ids, _test = split_ids({p.stem for p in ANNOTATIONS.glob("*.json")})
    items = annotated_items(train_ids)
    by_article = build(items)
    cfg = settings()
    held = [set(h) for h in folds(train_ids, args.folds, cfg["seed"])]
    best = {name: dict(cfg[name]["thresholds"]) for name in GRID}
    dev = folder_items(SHARED / "eval/dev/articles", SHARED / "eval/dev/gold")
    floor = score(dev, run(Extractor({"pipeline": "rules"}), dev))
    print(f"dev, rules only: events {floor['events']['f1']:.3f} roles {floor['roles']['f1']:.3f}")
    with tempfile.TemporaryDirectory() as tmp:
        dirs = []
        for k, ids in enumerate([*held, set()]):  # the last: the whole training split, for dev
            d = Path(tmp) / str(k)
            for name, model in train_models(
                pooled(by_article, [i for i in train_ids if i not in ids]), cfg
            ).items():
                model.save(d / f"{name}.npz")
            dirs.append(d)
        for name, grid in GRID.items():
            points = []
            for values in itertools.product(*grid.values()):
                th = {**best, name: dict(zip(grid, values, strict=True))}
                cv = evaluate(items, dirs[:-1], held, th)
                dv = score(dev, run(extractor(dirs[-1], th), dev))
                holds = (
                    dv["events"]["f1"] >= floor["events"]["f1"] and dv["roles"]["f1"] >= floor["roles"]["f1"]
                )
                points.append((holds, goal(cv) if holds else goal(cv) + goal(dv) - 10, th[name]))
                print(
                    f"{name} {th[name]}: cv events {cv['events']['f1']:.3f} roles {cv['roles']['f1']:.3f}"
                    f" | dev events {dv['events']['f1']:.3f} roles {dv['roles']['f1']:.3f}",
                    flush=True,
                )
            best[name] = max(points, key=lambda p: (p[0], p[1]))[2]
            print(f"best {name}: {best[name]}", flush=True)
    print("chosen:", best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
