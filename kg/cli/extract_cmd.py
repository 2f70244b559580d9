"""`conflict-kg extract INPUT... --out DIR`: one extraction record per article, no graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.run_options import add_run_arguments, run_options, usage_problem
from kg.run.parallel import StartupError
from kg.run.pipeline import extract_to_dir


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="write one extraction record (JSON) per article")
    p.add_argument(
        "inputs", nargs="+", help=".txt articles (with NAME.meta.json), directories, .jsonl, .jsonl.gz"
    )
    p.add_argument("--out", type=Path, default=Path("output"), help="output directory (default: output)")
    add_run_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if problem := usage_problem(args):
        print(f"conflict-kg: {problem}", file=sys.stderr)
        return 2
    try:
        summary = extract_to_dir(args.inputs, args.out, run_options(args))
    except StartupError as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    reused = f", {len(summary.reused)} already done" if summary.reused else ""
    print(
        f"{len(summary.processed)} articles extracted{reused}, {summary.errors.total} skipped "
        f"→ {summary.outputs['records']}",
        file=sys.stderr,
    )
    return 0 if summary.ok else 1
