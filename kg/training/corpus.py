"""The training texts: read from ../shared at training time, never committed.

Annotations hold article ids and character offsets only; every tool that needs the words reads
them here, from the ANT 2018 corpus as shipped (`../shared/train/ant-2018-news.jsonl.gz`).
Sentences are cut exactly as the scorer cuts them, so a `sentence_index` means the same thing to
the annotator, the trainer and `score.py`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kg.extract.sentences import split_sentences
from kg.vocab.record import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ANT = Path("train/ant-2018-news.jsonl.gz")
SNN = Path("corpus/saudinewsnet-2015-2000.jsonl")  # the benchmark corpus: held-out sets only


def shared_dir(path: Path | None = None) -> Path:
    """The shared folder beside the project (or the one given), checked to hold the corpus."""
    root = path or SHARED
    if not (root / ANT).exists():
        raise FileNotFoundError(f"{root / ANT}: the ANT 2018 corpus is not there (is ../shared beside it?)")
    return root


def iter_ant(shared: Path | None = None) -> Iterator[dict]:
    with gzip.open(shared_dir(shared) / ANT, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


@cache
def _ant_index(shared: Path | None) -> dict[str, dict]:
    index = {row["id"]: row for row in iter_ant(shared)}
    snn = shared_dir(shared) / SNN
    if snn.exists():
        with snn.open(encoding="utf-8") as fh:
            index.update((r["id"], r) for r in map(json.loads, fh) if r["id"] not in index)
    return index


def ant_rows(ids: list[str] | None = None, shared: Path | None = None) -> dict[str, dict]:
    """Rows by id from the training corpus (and the benchmark corpus, for held-out sets);
    all ANT rows when `ids` is None; a missing id is an error naming it."""
    index = _ant_index(shared)
    if ids is None:
        return {i: r for i, r in index.items() if "section" in r}
    missing = [i for i in ids if i not in index]
    if missing:
        raise KeyError(f"not in {ANT}: {', '.join(missing[:5])}")
    return {i: index[i] for i in ids}


def article_of(row: dict) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        title=row.get("title"),
        published=row.get("published"),
        outlet=row.get("outlet"),
        url=row.get("url"),
    )


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence in the scorer's numbering."""
    return split_sentences(text)
