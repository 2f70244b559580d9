"""The annotators' command line: read an article by sentence, check a gold file, import a batch.

    python -m kg.training.annotate show ID            # metadata and numbered sentences
    python -m kg.training.annotate check FILE...      # errors in gold files (exit 1 if any)
    python -m kg.training.annotate import DIR --annotator NAME --into annotations/ant2018

It shows the text and checks the format only: it never runs the extractor, so an annotation is
made from the text and the guidelines alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.training.corpus import ant_rows, sentences
from kg.training.standoff import to_standoff, write_json


def show(aid: str) -> str:
    row = ant_rows([aid])[aid]
    lines = [
        f"id: {aid}",
        f"published: {row.get('published')}  outlet: {row.get('outlet')}  section: {row.get('section')}",
        f"title (not part of the text, not numbered): {row.get('title')}",
        "",
    ]
    text = row["text"]
    for i, (s, e) in enumerate(sentences(text)):
        lines.append(f"[{i}] {text[s:e]}")
    return "\n".join(lines)


def check_file(path: Path, annotator: str = "?") -> tuple[dict | None, list[str]]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [f"{path}: cannot read as JSON: {exc}"]
    if not isinstance(gold, dict):
        return None, [f"{path}: not a JSON object"]
    try:
        row = ant_rows([str(gold.get("article") or path.stem)])
    except KeyError as exc:
        return None, [f"{path}: {exc}"]
    return to_standoff(gold, next(iter(row.values())), annotator, str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("ids", nargs="+")
    c = sub.add_parser("check")
    c.add_argument("files", nargs="+", type=Path)
    imp = sub.add_parser("import")
    imp.add_argument("folder", type=Path)
    imp.add_argument("--annotator", required=True)
    imp.add_argument("--into", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "show":
        print("\n\n".join(show(i) for i in args.ids))
        return 0
    files = args.files if args.cmd == "check" else sorted(args.folder.glob("*.json"))
    bad = 0
    for f in files:
        out, errors = check_file(f, getattr(args, "annotator", "?"))
        for e in errors:
            print(e)
        bad += bool(errors)
        if args.cmd == "import" and out is not None and not errors:
            write_json(args.into / f"{out['article']}.json", out)
    print(f"{len(files) - bad} of {len(files)} files clean", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
