"""Extract the sample and the dev set into a temporary directory and print the scorer's figures.

    .venv/bin/python -m benchmarks.score_extraction [--shared ../shared] [--keep DIR] [--json]

The scorer is the evaluation's own `score.py` (read from the shared folder, never copied), so the
figures here are the ones the project is judged by.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.extract import Extractor
from kg.vocab.record import Article

SETS = {
    "sample": ("seeds", "eval/gold"),
    "dev": ("eval/dev/articles", "eval/dev/gold"),
}


def articles_in(folder: Path) -> list[Article]:
    out = []
    for txt in sorted(folder.glob("*.txt")):
        meta_path = txt.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        out.append(
            Article(
                id=txt.stem,
                text=txt.read_text(encoding="utf-8"),
                title=meta.get("title"),
                published=meta.get("published"),
                outlet=meta.get("outlet"),
                url=meta.get("url"),
                source_path=str(txt),
            )
        )
    return out


def run(shared: Path, out: Path, as_json: bool) -> dict[str, str]:
    extractor = Extractor()
    results = {}
    for name, (art_dir, gold_dir) in SETS.items():
        target = out / name
        target.mkdir(parents=True, exist_ok=True)
        for art in articles_in(shared / art_dir):
            rec = extractor(art)
            (target / f"{art.id}.json").write_text(
                json.dumps(rec.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        cmd = [
            sys.executable,
            str(shared / "eval/score.py"),
            "--articles",
            str(shared / art_dir),
            "--gold",
            str(shared / gold_dir),
            "--system",
            str(target),
        ]
        if as_json:
            cmd.append("--json")
        results[name] = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--keep", type=Path, help="write the records here instead of a temp dir")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.keep:
        results = run(args.shared, args.keep, args.json)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            results = run(args.shared, Path(tmp), args.json)
    for name, text in results.items():
        print(f"== {name}")
        print(text.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
