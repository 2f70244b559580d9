"""`conflict-kg`: a thin shell over the Python API, one module per subcommand.

Each module in COMMANDS defines `register(subparsers)`, which adds its parser and sets
`func(args) -> int` as the handler. Keeping one command per module lets each stay small and
keeps the argument parsing out of the functions notebooks call.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg.run.staging import describe
from kg.run.startup import settle_gc, without_torch

COMMANDS = (
    "kg.cli.extract_cmd",
    "kg.cli.build_cmd",
    "kg.cli.stats_cmd",
    "kg.cli.query_cmd",
    "kg.cli.validate_cmd",
    "kg.cli.add_cmd",
    "kg.cli.split_cmd",
    "kg.cli.merges_cmd",
    "kg.cli.export_cmd",
    "kg.cli.load_cmd",
)


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """All subcommands, or just `only` when it names one: each command module pulls in its own
    libraries, and an extract run should not wait for the query and store ones to import."""
    parser = argparse.ArgumentParser(
        prog="conflict-kg",
        description="Arabic conflict news into an RDF knowledge graph.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = f"kg.cli.{only}_cmd"
    for name in (wanted,) if wanted in COMMANDS else COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    without_torch()
    settle_gc()
    words = sys.argv[1:] if argv is None else argv
    args = make_parser(words[0] if words else None).parse_args(words)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a full disk, a read-only folder...: one line, never a traceback
        print(f"conflict-kg {args.command}: {describe(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
