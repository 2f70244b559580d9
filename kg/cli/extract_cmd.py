"""`conflict-kg extract INPUT... --out DIR`: one extraction record per article, no graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.pipeline import extract_to_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="write one extraction record (JSON) per article")
    p.add_argument("inputs", nargs="+", help=".txt articles (with NAME.meta.json), directories, .jsonl")
    p.add_argument("--out", type=Path, default=Path("output"), help="output directory (default: output)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summary = extract_to_dir(args.inputs, args.out)
    print(
        f"{len(summary.processed)} articles extracted, {len(summary.errors)} skipped "
        f"→ {summary.outputs['records']}",
        file=sys.stderr,
    )
    return 0 if summary.ok else 1
