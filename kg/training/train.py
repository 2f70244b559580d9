"""Rebuild every learned model from the committed annotations and the ../shared texts.

    python -m kg.training.train            # writes kg/extract/learned/models/*.npz + manifest.json

The training split is every annotated article outside the test split (`annotations/selection.json`
fixes both before annotation); the test split is never read here. Hyperparameters are in
`train.toml`; the seed is fixed, and the solver is deterministic, so the same annotations give
the same models.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression

from kg.extract.learned.linear import MODELS, LinearModel
from kg.training.corpus import ant_rows, article_of
from kg.training.dataset import Example, Examples, build
from kg.training.standoff import load_dir, to_gold
from kg.vocab.record import Article

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "annotations" / "ant2018"
SELECTION = ROOT / "annotations" / "selection.json"
CONFIG = Path(__file__).with_name("train.toml")
COMPONENTS = ("eventness", "segments", "roles")


def settings() -> dict:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def split_ids(annotated: set[str], selection: Path = SELECTION) -> tuple[list[str], list[str]]:
    """(training ids, test ids) among the annotated articles."""
    test = set(json.loads(selection.read_text(encoding="utf-8"))["test"])
    return sorted(annotated - test), sorted(annotated & test)


def annotated_items(ids: list[str], folder: Path = ANNOTATIONS) -> list[tuple[Article, dict]]:
    """(article, gold in the scorer's format) for these ids, texts read from ../shared."""
    ann = load_dir(folder)
    rows = ant_rows(ids)
    return [(article_of(rows[i]), to_gold(ann[i], rows[i]["text"])) for i in ids]


def fit(
    examples: list[Example],
    C: float,
    min_count: int,
    class_weight: str,
    seed: int,
    thresholds: dict[str, float] | None = None,
) -> LinearModel:
    counts = Counter(f for feats, _y in examples for f in set(feats))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {f: i for i, f in enumerate(names)}
    rows, cols, vals = [], [], []
    for r, (feats, _y) in enumerate(examples):
        for f in feats:
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
                vals.append(1.0)
    x = sp.csr_matrix((vals, (rows, cols)), shape=(len(examples), len(vocab)))
    y = [label for _f, label in examples]
    clf = LogisticRegression(
        C=C, max_iter=5000, random_state=seed, class_weight=None if class_weight == "none" else class_weight
    )
    clf.fit(x, y)
    labels = tuple(str(c) for c in clf.classes_)
    weights = clf.coef_.T.astype(np.float32).copy()
    return LinearModel(labels, vocab, weights, clf.intercept_.astype(np.float32), dict(thresholds or {}))


def train_models(examples: Examples, cfg: dict) -> dict[str, LinearModel]:
    seed = int(cfg.get("seed", 0))
    out = {}
    for name in COMPONENTS:
        c = cfg[name]
        th = {k: float(v) for k, v in c.get("thresholds", {}).items()}
        out[name] = fit(
            getattr(examples, name), float(c["C"]), int(c["min_count"]), c["class_weight"], seed, th
        )
    return out


def pooled(by_article: dict[str, Examples], ids: list[str]) -> Examples:
    out = Examples()
    for i in ids:
        out.extend(by_article[i])
    return out


def digest(folder: Path, ids: list[str]) -> str:
    h = hashlib.sha256()
    for i in ids:
        h.update((folder / f"{i}.json").read_bytes())
    return h.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    args = ap.parse_args(argv)
    t0 = time.time()
    train_ids, test_ids = split_ids({p.stem for p in args.annotations.glob("*.json")})
    if not train_ids:
        print(f"{args.annotations}: no annotated training articles", file=sys.stderr)
        return 1
    cfg = settings()
    by_article = build(annotated_items(train_ids, args.annotations))
    examples = pooled(by_article, train_ids)
    models = train_models(examples, cfg)
    manifest = {
        "trained_on": f"{len(train_ids)} annotated ANT 2018 articles, {len(test_ids)} test ones left out",
        "annotations_sha256": digest(args.annotations, train_ids),
        "settings": cfg,
        "scikit_learn": sklearn.__version__,
        "examples": {n: dict(Counter(y for _f, y in getattr(examples, n))) for n in COMPONENTS},
        "features": {n: len(m.vocab) for n, m in models.items()},
    }
    for name, model in models.items():
        model.save(args.out / f"{name}.npz")
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    size = sum((args.out / f"{n}.npz").stat().st_size for n in COMPONENTS)
    print(
        f"trained {', '.join(COMPONENTS)} on {len(train_ids)} articles in {time.time() - t0:.0f} s; "
        f"{size / 1e6:.1f} MB in {args.out}"
    )
    for n in COMPONENTS:
        print(f"  {n}: {manifest['features'][n]} features, examples {manifest['examples'][n]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
