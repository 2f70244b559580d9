"""Score the entity components alone (actors and places) on the sample and dev articles, and
time them on corpus articles, until the full pipeline exists.

    .venv/bin/python -m benchmarks.score_entities            # sample + dev scores
    .venv/bin/python -m benchmarks.score_entities --show d05 # print what one article yields
    .venv/bin/python -m benchmarks.score_entities --time 200 # ms per corpus article
    .venv/bin/python -m benchmarks.score_entities --extra DIR  # also DIR/articles + DIR/gold

`--extra` scores a private held-out set kept outside the repository (same layout as the dev set).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spacy.language import Language

from kg.arabic.tokenize import blank_arabic
from kg.extract.actors import ActorFinder
from kg.extract.places import PlaceFinder
from kg.lexicons import load_actors, load_places
from kg.vocab.record import ExtractionRecord

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repo
SETS = {
    "sample": (SHARED / "seeds", SHARED / "eval" / "gold"),
    "dev": (SHARED / "eval" / "dev" / "articles", SHARED / "eval" / "dev" / "gold"),
}
CORPUS = SHARED / "corpus" / "saudinewsnet-2015-2000.jsonl"


Parts = tuple[Language, PlaceFinder, ActorFinder]


def build() -> Parts:
    nlp = blank_arabic()
    places = PlaceFinder(load_places(), load_actors())
    actors = ActorFinder(load_actors())
    return nlp, places, actors


def run(text: str, article_id: str, parts: Parts) -> ExtractionRecord:
    nlp, places, actors = parts
    doc = actors(places(nlp(text)))
    return ExtractionRecord(article_id, actors=doc._.actors, locations=doc._.places, text=text)


def score(name: str, parts: Parts, out: Path) -> None:
    articles, gold = SETS[name]
    out.mkdir(parents=True, exist_ok=True)
    for g in sorted(gold.glob("*.json")):
        text = (articles / f"{g.stem}.txt").read_text(encoding="utf-8")
        rec = run(text, g.stem, parts)
        (out / f"{g.stem}.json").write_text(json.dumps(rec.to_dict(), ensure_ascii=False, indent=1))
    res = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--articles",
            str(articles),
            "--gold",
            str(gold),
            "--system",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = res.stdout.splitlines()
    print(name, "|", lines[0], "|", lines[1])


def show(stem: str, parts: Parts) -> None:
    for articles, _ in SETS.values():
        path = articles / f"{stem}.txt"
        if path.exists():
            break
    rec = run(path.read_text(encoding="utf-8"), stem, parts)
    for a in rec.actors:
        print("A", a.id, a.kind, a.country, a.label_ar, "|", a.label_en, [m.text for m in a.mentions])
    for p in rec.locations:
        print(
            "L",
            p.id,
            p.kind,
            p.label_ar,
            "|",
            p.label_en,
            p.within,
            p.geo_precision,
            [m.text for m in p.mentions],
        )


def timing(n: int, parts: Parts) -> None:
    texts = []
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= n:
                break
    nlp, places, actors = parts
    for d in [nlp(t) for t in texts[:20]]:  # warm caches and lexicon indexes
        actors(places(d))
    # CPU time of this process: the machine is shared, wall time measures the neighbours
    t0 = time.process_time()
    docs = [nlp(t) for t in texts]
    t1 = time.process_time()
    for d in docs:
        actors(places(d))
    t2 = time.process_time()
    print(
        f"{n} articles, CPU time: tokenizer {1000 * (t1 - t0) / n:.2f} ms/article, "
        f"places+actors {1000 * (t2 - t1) / n:.2f} ms/article"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", help="print the entities of one article (file stem)")
    ap.add_argument("--time", type=int, help="time the components over N corpus articles")
    ap.add_argument("--out", type=Path, help="where to write records (default: a temp dir)")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="DIR with articles/ and gold/")
    args = ap.parse_args()
    for extra in args.extra:
        SETS[extra.name] = (extra / "articles", extra / "gold")
    parts = build()
    if args.show:
        show(args.show, parts)
        return 0
    if args.time:
        timing(args.time, parts)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        base = args.out or Path(tmp)
        for name in SETS:
            score(name, parts, base / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
