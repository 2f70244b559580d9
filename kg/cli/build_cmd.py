"""`conflict-kg build INPUT... --out DIR`: records, graph and every export in one go."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.run_options import add_run_arguments, run_options, usage_problem
from kg.export import add_format_arguments, chosen_formats, chosen_table
from kg.run.parallel import StartupError
from kg.run.pipeline import DEFAULT_BASE, build
from kg.run.staging import OutputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="extract, build the RDF graph and write all exports")
    p.add_argument(
        "inputs", nargs="+", help=".txt articles (with NAME.meta.json), directories, .jsonl, .jsonl.gz"
    )
    p.add_argument("--out", type=Path, default=Path("output"), help="output directory (default: output)")
    p.add_argument(
        "--base", default=DEFAULT_BASE, help=f"namespace for instance IRIs (default {DEFAULT_BASE})"
    )
    p.add_argument(
        "--keep-apart", type=Path, help="a file of report pairs never to merge (see `conflict-kg merges`)"
    )
    add_format_arguments(p)
    add_run_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if problem := usage_problem(args):
        print(f"conflict-kg: {problem}", file=sys.stderr)
        return 2
    from kg.graph.review import KeepApartError, read_keep_apart

    try:
        keep = read_keep_apart(args.keep_apart, args.base) if args.keep_apart else []
        formats = chosen_formats(args.formats, args.no_html)
        summary = build(
            args.inputs,
            args.out,
            base=args.base,
            options=run_options(args),
            formats=formats,
            keep_apart=keep,
            table=chosen_table(args.min_confidence, args.with_statements),
        )
    except (StartupError, OutputError, KeepApartError) as exc:
        print(f"conflict-kg: {exc}", file=sys.stderr)
        return 2
    if not summary.ok:
        print("conflict-kg: nothing could be processed", file=sys.stderr)
        return 1
    reused = f" ({len(summary.reused)} records reused)" if summary.reused else ""
    print(
        f"{len(summary.processed) + len(summary.reused)} articles{reused}, {summary.errors.total} skipped",
        file=sys.stderr,
    )
    for key, path in summary.outputs.items():
        print(f"  {key:8s} {path}", file=sys.stderr)
    return 0
