"""The options `extract` and `build` share: how many workers, where, resume, progress.

Not a subcommand (it is not in COMMANDS): both command modules add these arguments, so the two
commands cannot drift apart in how they run.
"""

from __future__ import annotations

import argparse
import os

from kg.run.parallel import DEFAULT_FACTORY
from kg.run.pipeline import RunOptions


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_run_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("running at scale")
    g.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help=f"worker processes (default: every core, {os.cpu_count()}; 1 runs in this process)",
    )
    g.add_argument(
        "--resume",
        action="store_true",
        help="skip articles whose record in OUT/records is already up to date (same text and metadata)",
    )
    g.add_argument("--quiet", action="store_true", help="no progress bar (never shown when not a terminal)")
    g.add_argument("--dask", action="store_true", help="run on a local Dask cluster of --workers processes")
    g.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786")
    g.add_argument(
        "--shards",
        action="store_true",
        help="with --dask/--scheduler: give each input file whole to one worker, which reads it and "
        "writes its records itself (inputs and --out on storage every worker sees); for huge corpora",
    )
    g.add_argument("--batch-size", type=positive_int, default=None, metavar="N", help=argparse.SUPPRESS)
    g.add_argument("--extractor", default=DEFAULT_FACTORY, metavar="MODULE:FACTORY", help=argparse.SUPPRESS)


def usage_problem(args: argparse.Namespace) -> str | None:
    if args.shards and not (args.dask or args.scheduler):
        return "--shards sends whole input files to Dask workers: add --dask or --scheduler ADDRESS"
    return None


def run_options(args: argparse.Namespace) -> RunOptions:
    return RunOptions(
        workers=args.workers,
        resume=args.resume,
        quiet=args.quiet,
        extractor=args.extractor,
        dask=args.dask,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
        shards=args.shards,
    )
