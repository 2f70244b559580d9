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
import json
import tempfile
from copy import deepcopy
from pathlib import Path
from typing import Any

from benchmarks.learned import folds
from kg.extract import Extractor
from kg.extract.pipeline import PIPELINES
from kg.extract.record import build_record
from kg.training.corpus import SHARED
from kg.training.dataset import build
from kg.training.evaluate import folder_items, learned_config, run, score
from kg.training.train import ANNOTATIONS, annotated_items, pooled, settings, split_ids, train_models
from kg.vocab.record import Article

Items = list[tuple[Article, dict]]
LEARNED = PIPELINES["learned"][PIPELINES["learned"].index("conflict_eventness") :]
GRID: dict[str, dict[str, tuple[float, ...]]] = {
    "eventness": {
        "keep": (0.0, 0.1),
        "rescue": (0.55, 0.7, 0.85, 1.01),
        "rescue_extra": (0.55, 0.7, 0.85, 1.01),
        "retype": (0.8, 1.01),
    },
    "segments": {"join": (0.6, 0.75, 0.9, 1.01), "part": (0.0, 0.1, 0.25)},
    "roles": {"add": (0.4, 0.55, 0.7, 1.01), "override": (0.45, 0.6, 0.8, 1.01), "drop": (0.6, 0.8, 1.01)},
}
# --per-type: after the passes, a candidate-only word's bar for each type the model may give it;
# --per-type-keep / --per-type-rescue: likewise the bar of a word the rules keep or veto (types
# differ in how often such a word tells nothing: «قال» far more often than «قصف»). None: the bar
# as it stands (first, so it wins ties)
PER_TYPE = {"rescue_extra": (None, 0.6, 0.4), "keep": (None, 0.2, 0.3, 0.5), "rescue": (None, 0.8, 0.6),
            "retype": (None, 0.7, 0.5), "retype_from": (None, 0.7, 0.5)}
TYPES = (
    "protest", "riot", "arrest", "humanitarian", "displacement", "statement", "other",
    "violence_against_civilians", "territory_change", "battle", "attack",
)  # fmt: skip
# the search starts from the rules' own decisions (each model overturns nothing), which keep the
# dev set where the rules have it
RULES_ONLY = {
    "eventness": {"keep": 0.0, "rescue": 1.01, "rescue_extra": 1.01, "retype": 1.01},
    "segments": {"join": 1.01, "part": 0.0},
    "roles": {"add": 1.01, "override": 1.01, "drop": 1.01},
}


class Cached:
    """Articles run once up to the learned components; each threshold setting then runs only
    those (and the details between them) on fresh copies of the candidates."""

    def __init__(self, folder: Path, items: Items) -> None:
        self.extractor = Extractor(learned_config(folder), refresh_every=0)
        self.items = items
        self.docs = []
        for art, _gold in items:
            doc = self.extractor.doc(art, until=LEARNED[0])
            self.docs.append((art, doc, list(doc._.drafts or [])))

    def records(self, thresholds: dict[str, dict[str, float]]) -> dict[str, dict]:
        pipes = dict(self.extractor.nlp.pipeline)
        for name, th in thresholds.items():
            pipes[f"conflict_{name}"].thresholds = dict(th)  # whole: nothing left from training
        out = {}
        for art, doc, drafts in self.docs:
            doc._.drafts = deepcopy(drafts)
            doc._.events = None
            doc = self.extractor.run(doc, LEARNED)
            out[art.id] = json.loads(json.dumps(build_record(art, doc).to_dict()))
        return out


def goal(fig: dict[str, Any]) -> float:
    return fig["events"]["f1"] + fig["roles"]["f1"]


def search(
    name: str,
    best: dict,
    folds_cached: list[Cached],
    items: Items,
    dev: Items,
    floor: dict,
    grid: dict | None = None,
) -> dict:
    """The best point of one component's grid, the others held at `best`: the highest
    cross-validated goal among points that keep dev at the rules' level or above."""
    points = []
    grid = grid or GRID[name]
    for values in itertools.product(*grid.values()):
        th = {**best, name: {**best[name], **dict(zip(grid, values, strict=True))}}
        records: dict[str, dict] = {}
        for c in folds_cached[:-1]:
            records.update(c.records(th))
        cv = score(items, records)
        dv = score(dev, folds_cached[-1].records(th))
        holds = dv["events"]["f1"] >= floor["events"]["f1"] and dv["roles"]["f1"] >= floor["roles"]["f1"]
        points.append((holds, goal(cv) if holds else goal(cv) + goal(dv) - 10, th[name]))
        print(
            f"{name} {th[name]}: cv events {cv['events']['f1']:.3f} roles {cv['roles']['f1']:.3f}"
            f" | dev events {dv['events']['f1']:.3f} roles {dv['roles']['f1']:.3f}",
            flush=True,
        )
    return max(points, key=lambda p: (p[0], p[1]))[2]


def search_per_type(
    best: dict, folds_cached: list[Cached], items: Items, dev: Items, floor: dict, bar: str = "rescue_extra"
) -> dict:
    """Each type's `BAR.TYPE` in turn, the rest held: kept only where it beats the overall bar
    in cross-validation with dev held."""
    for t in TYPES:
        key = f"{bar}.{t}"
        base = "retype" if bar == "retype_from" else bar  # retype_from.T falls back on retype
        overall = best["eventness"].get(key, best["eventness"].get(base, 0.85))
        grid = {key: tuple(overall if v is None else v for v in PER_TYPE[bar])}
        best["eventness"] = search("eventness", best, folds_cached, items, dev, floor, grid)
        print(f"per type, best {t}: {best['eventness'][key]}", flush=True)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--passes", type=int, default=2, help="0: only --per-type")
    ap.add_argument("--per-type", action="store_true", help="then each type's candidate-only bar")
    ap.add_argument("--per-type-keep", action="store_true", help="then each type's bar for kept words")
    ap.add_argument("--per-type-rescue", action="store_true", help="then each type's bar for vetoed words")
    ap.add_argument("--per-type-retype", action="store_true", help="then each type's share to retype")
    ap.add_argument("--per-type-retype-from", action="store_true", help="likewise, by the rules' type")
    ap.add_argument("--start", choices=("rules", "shipped"), default="rules",
                    help="start from the rules' decisions or from train.toml's thresholds")  # fmt: skip
    args = ap.parse_args()
    train_ids, _test = split_ids({p.stem for p in ANNOTATIONS.glob("*.json")})
    items = annotated_items(train_ids)
    by_article = build(items)
    cfg = settings()
    held = [set(h) for h in folds(train_ids, args.folds, cfg["seed"])]
    start = RULES_ONLY if args.start == "rules" else {n: cfg[n]["thresholds"] for n in RULES_ONLY}
    best = {name: dict(th) for name, th in start.items()}
    dev = folder_items(SHARED / "eval/dev/articles", SHARED / "eval/dev/gold")
    floor = score(dev, run(Extractor({"pipeline": "rules"}), dev))
    print(f"dev, rules only: events {floor['events']['f1']:.3f} roles {floor['roles']['f1']:.3f}")
    with tempfile.TemporaryDirectory() as tmp:
        folds_cached = []
        for k, ids in enumerate([*held, set()]):  # the last: the whole training split, for dev
            d = Path(tmp) / str(k)
            rest = [i for i in train_ids if i not in ids]
            for name, model in train_models(pooled(by_article, rest), cfg).items():
                model.save(d / f"{name}.npz")
            folds_cached.append(Cached(d, [it for it in items if it[0].id in ids] if ids else dev))
        for n in range(args.passes):
            for name in GRID:
                best[name] = search(name, best, folds_cached, items, dev, floor)
                print(f"pass {n + 1}, best {name}: {best[name]}", flush=True)
        for bar in PER_TYPE:
            if getattr(args, "per_type" if bar == "rescue_extra" else f"per_type_{bar}"):
                best = search_per_type(best, folds_cached, items, dev, floor, bar)
    print("chosen:", best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
