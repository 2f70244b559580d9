"""Score an extractor on annotated articles with the evaluation's own scorer.

`score.py` is imported from ../shared and its per-article function does the matching, so the
figures are the ones `score.py --articles --gold --system` prints for the same records.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.extract import Extractor
from kg.training.align import scorer
from kg.vocab.record import Article

KEYS = ("actors", "locations", "events", "events_coarse", "roles")


def score(items: list[tuple[Article, dict]], records: dict[str, dict]) -> dict[str, Any]:
    sc = scorer()
    tallies = {k: sc.Tally() for k in KEYS}
    extra = {"fat_total": 0, "fat_right": 0, "status_total": 0, "status_right": 0}
    for art, gold in items:
        sc.score_article(art.text, gold, records.get(art.id, {}), tallies, extra)
    out: dict[str, Any] = {}
    for k, v in tallies.items():
        out[k] = dict(zip(("p", "r", "f1"), (round(x, 3) for x in v.prf()), strict=True))
    total = extra["fat_total"]
    out["fatalities_accuracy"] = round(extra["fat_right"] / total, 3) if total else None
    out["articles"] = len(items)
    return out


def run(extractor: Extractor, items: list[tuple[Article, dict]]) -> dict[str, dict]:
    """Records (as the JSON the scorer reads) by article id."""
    return {a.id: json.loads(json.dumps(extractor(a).to_dict())) for a, _g in items}


def folder_items(articles: Path, gold: Path) -> list[tuple[Article, dict]]:
    """(article, gold) for a folder pair like ../shared/eval/dev/{articles,gold}."""
    out = []
    for g in sorted(gold.glob("*.json")):
        txt = articles / f"{g.stem}.txt"
        meta_path = txt.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        art = Article(
            id=g.stem,
            text=txt.read_text(encoding="utf-8"),
            title=meta.get("title"),
            published=meta.get("published"),
            outlet=meta.get("outlet"),
            url=meta.get("url"),
        )
        out.append((art, json.loads(g.read_text(encoding="utf-8"))))
    return out


def line(name: str, fig: dict[str, Any]) -> str:
    f = {k: fig[k]["f1"] for k in KEYS}
    return (
        f"{name:28s} actors {f['actors']:.3f}  places {f['locations']:.3f}  events {f['events']:.3f}"
        f"  coarse {f['events_coarse']:.3f}  roles {f['roles']:.3f}  fatalities {fig['fatalities_accuracy']}"
    )


def learned_config(folder: Path | None) -> dict[str, Any]:
    """The learned pipeline, with its models read from `folder` (the shipped ones when None)."""
    cfg: dict[str, Any] = {"pipeline": "learned"}
    if folder is not None:
        for name in ("eventness", "segments", "roles"):
            cfg[f"conflict_{name}"] = {"model": str(folder / f"{name}.npz")}
    return cfg
