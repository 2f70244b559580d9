"""Are the extraction records the same as before? A check for refactors that must not change them.

    .venv/bin/python -m benchmarks.records_identical --out /tmp/reference.json
    .venv/bin/python -m benchmarks.records_identical --compare /tmp/reference.json

Extracts every article of the 2,000-article SaudiNewsNet corpus and of the dev set with the
default extractor and with the rule-only pipeline (`{"pipeline": "rules"}`), and keeps one
SHA-256 per article and pipeline of its record as JSON with sorted keys. A digest, not the
records, so the reference is small enough to keep outside the repository; `--compare` prints
each article whose record differs (or is missing on one side) and exits non-zero when any does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.extract import Extractor
from kg.ingest.inputs import iter_inputs
from kg.vocab.record import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
SOURCES = {"snn": Path("corpus/saudinewsnet-2015-2000.jsonl"), "dev": Path("eval/dev/articles")}
PIPELINES: dict[str, dict[str, Any] | None] = {"default": None, "rules": {"pipeline": "rules"}}


def articles(shared: Path) -> Iterator[tuple[str, Article]]:
    """(source-prefixed id, article) of every readable input, in the reader's stable order."""
    for name, rel in SOURCES.items():
        for item in iter_inputs([shared / rel]):
            if isinstance(item, Article):
                yield f"{name}/{item.id}", item


def digests(shared: Path) -> dict[str, dict[str, str]]:
    """{pipeline: {article: sha256 of its record's sorted-key JSON}}."""
    inputs = list(articles(shared))
    out: dict[str, dict[str, str]] = {}
    for pipeline, config in PIPELINES.items():
        start = time.perf_counter()
        extract = Extractor(config)
        out[pipeline] = {}
        for key, article in inputs:
            record = json.dumps(extract(article).to_dict(), sort_keys=True, ensure_ascii=False)
            out[pipeline][key] = hashlib.sha256(record.encode("utf-8")).hexdigest()
        secs = time.perf_counter() - start
        print(f"{pipeline}: {len(inputs)} articles in {secs:.1f} s", file=sys.stderr)
    return out


def differences(ref: dict[str, dict[str, str]], now: dict[str, dict[str, str]]) -> list[str]:
    """'pipeline article' for every record that differs or exists on one side only."""
    diff = []
    for pipeline in sorted(set(ref) | set(now)):
        a, b = ref.get(pipeline, {}), now.get(pipeline, {})
        diff += [f"{pipeline} {key}" for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]
    return diff


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    ap.add_argument("--out", type=Path, help="write the digests to this file")
    ap.add_argument("--compare", type=Path, help="compare the digests with this reference file")
    args = ap.parse_args()
    if not args.out and not args.compare:
        ap.error("give --out FILE, --compare FILE, or both")
    now = digests(args.shared)
    if args.out:
        args.out.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{sum(len(v) for v in now.values())} digests written to {args.out}")
    if args.compare:
        ref = json.loads(args.compare.read_text(encoding="utf-8"))
        diff = differences(ref, now)
        for line in diff:
            print(line)
        total = sum(len(v) for v in now.values())
        print(f"{len(diff)} differences in {total} records (reference {args.compare})")
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
