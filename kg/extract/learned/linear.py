"""A trained linear model over string features, stored as plain arrays (no pickle).

Every learned decision in the extractor (is this an incident and of which type, are these two
mentions one incident, which role does this actor play) is a logistic regression over sparse
string features: what the rules found, the words around, the entities in reach. scikit-learn
trains it (`kg.training.train`); what ships is its vocabulary, weights and labels in one `.npz`,
which loads in milliseconds, cannot run code when read, and scores a candidate with one row sum.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent / "models"


@dataclass(frozen=True)
class LinearModel:
    """`weights` is (features, classes); one class with one column means a binary model whose
    score is the probability of `labels[1]`."""

    labels: tuple[str, ...]
    vocab: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    thresholds: dict[str, float] = field(default_factory=dict)  # decision thresholds chosen in training

    def scores(self, features: list[str]) -> np.ndarray:
        rows = [self.vocab[f] for f in features if f in self.vocab]
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        if len(self.labels) == 2 and z.shape[0] == 1:  # binary: one logit
            p = 1.0 / (1.0 + np.exp(-z[0]))
            return np.array([1.0 - p, p])
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def predict(self, features: list[str]) -> tuple[str, float]:
        p = self.scores(features)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def prob(self, features: list[str], label: str) -> float:
        return float(self.scores(features)[self.labels.index(label)])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                labels=np.array(self.labels, dtype=str),
                vocab=np.array(names, dtype=str),
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
                thresholds=np.array(json.dumps(self.thresholds, sort_keys=True)),
            )


def load_model(path: str | Path) -> LinearModel:
    """A model file by path, or by bare name from the shipped `models/` folder."""
    p = Path(path)
    if not p.suffix:
        p = MODELS / f"{p}.npz"
    if not p.exists():
        raise FileNotFoundError(f"{p}: model file missing (rebuild the models with `make train`)")
    with np.load(p, allow_pickle=False) as z:
        names = [str(x) for x in z["vocab"]]
        return LinearModel(
            labels=tuple(str(x) for x in z["labels"]),
            vocab={n: i for i, n in enumerate(names)},
            weights=z["weights"],
            bias=z["bias"],
            thresholds=json.loads(str(z["thresholds"])) if "thresholds" in z else {},
        )


class LearnedComponent:
    """A pipeline component that decides with one shipped model: `model` is a file name in
    `models/` or a path, and `thresholds` (how far the model may overturn the rules) default to
    the ones the model file carries, a config overriding any of them. Subclasses add `__call__`."""

    def __init__(self, model: str | Path, thresholds: dict[str, float]) -> None:
        self.model = load_model(model)
        self.thresholds = {**self.model.thresholds, **thresholds}
