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


def _row(aid: str, text_dir: Path | None) -> dict:
    """A corpus row by id, or an article file `text_dir/ID.txt` (with its `.meta.json`)."""
    if text_dir is None:
        return ant_rows([aid])[aid]
    path = text_dir / f"{aid}.txt"
    meta = path.with_suffix(".meta.json")
    extra = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
    return {"id": aid, "text": path.read_text(encoding="utf-8"), **extra}


def show(aid: str, text_dir: Path | None = None) -> str:
    row = _row(aid, text_dir)
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


def check_file(
    path: Path, annotator: str = "?", text_dir: Path | None = None
) -> tuple[dict | None, list[str]]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [f"{path}: cannot read as JSON: {exc}"]
    if not isinstance(gold, dict):
        return None, [f"{path}: not a JSON object"]
    try:
        row = _row(str(gold.get("article") or path.stem), text_dir)
    except (KeyError, OSError) as exc:
        return None, [f"{path}: {exc}"]
    return to_standoff(gold, row, annotator, str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text-dir", type=Path, help="read ID.txt files here instead of the corpora")
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
        print("\n\n".join(show(i, args.text_dir) for i in args.ids))
        return 0
    files = args.files if args.cmd == "check" else sorted(args.folder.glob("*.json"))
    bad = 0
    for f in files:
        out, errors = check_file(f, getattr(args, "annotator", "?"), args.text_dir)
        for e in errors:
            print(e)
        bad += bool(errors)
        if args.cmd == "import" and out is not None and not errors:
            write_json(args.into / f"{out['article']}.json", out)
    print(f"{len(files) - bad} of {len(files)} files clean", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
