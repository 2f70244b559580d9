"""Are the graph outputs the same as before? A check for refactors of kg/graph that must not change them.

    .venv/bin/python -m benchmarks.graph_identical --out /tmp/graph-reference.json
    .venv/bin/python -m benchmarks.graph_identical --compare /tmp/graph-reference.json

Runs the command line as a user would (so a reference can be made by any version, with
PYTHONPATH pointing at its tree): `build` of the seed article, of the dev set and of the
2,000-article SaudiNewsNet corpus; and a store grown by three `add`s (the dev set, then the seed
with 300 corpus articles, then 300 more: the first add builds, the others merge incrementally),
exported, rebuilt from its records and exported again. Keeps one SHA-256 per output file
(graph.ttl, graph.nt, events.csv, and graph.jsonld where built); `--compare` prints each file
that differs or exists on one side only, and the number of checks run per record in a build
and an add of the dev set, and exits non-zero when any file differs; `--keep DIR` leaves the
outputs there to diff.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = Path("corpus/saudinewsnet-2015-2000.jsonl")
DEV = Path("eval/dev/articles")
FILES = ("graph.ttl", "graph.nt", "events.csv", "graph.jsonld")


def _kg(*args: str | Path) -> None:
    cmd = [sys.executable, "-m", "kg", *map(str, args)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def _build(inputs: Path, out: Path, formats: str) -> None:
    _kg("build", inputs, "--out", out, "--workers", "1", "--quiet", "--no-html", "--formats", formats)


def _store(shared: Path, work: Path) -> dict[str, Path]:
    lines = (shared / CORPUS).read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = work / "snn-a.jsonl", work / "snn-b.jsonl"
    first.write_text("".join(lines[:300]), encoding="utf-8")
    second.write_text("".join(lines[300:600]), encoding="utf-8")
    store = work / "store"
    _kg("add", shared / DEV, "--store", store)
    _kg("add", ROOT / "seeds", first, "--store", store)
    _kg("add", second, "--store", store)
    _kg("export", "--store", store, "--out", work / "grown", "--formats", "ttl,nt,csv", "--no-html")
    _kg("add", "--rebuild", "--store", store)
    _kg("export", "--store", store, "--out", work / "rebuilt", "--formats", "ttl,nt,csv", "--no-html")
    return {"store-grown": work / "grown", "store-rebuilt": work / "rebuilt"}


def digests(shared: Path, keep: Path | None = None) -> dict[str, str]:
    """{'output/file': sha256} for every output file made (left in `keep` when given)."""
    with tempfile.TemporaryDirectory(prefix="graph-identical-") as tmp:
        work = keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        outputs = {"seeds": work / "seeds", "dev": work / "dev", "corpus": work / "corpus"}
        start = time.perf_counter()
        _build(ROOT / "seeds", outputs["seeds"], "ttl,nt,csv,jsonld")
        _build(shared / DEV, outputs["dev"], "ttl,nt,csv,jsonld")
        _build(shared / CORPUS, outputs["corpus"], "ttl,nt,csv")
        outputs.update(_store(shared, work))
        print(f"built {len(outputs)} outputs in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        return {
            f"{name}/{f}": hashlib.sha256((out / f).read_bytes()).hexdigest()
            for name, out in outputs.items()
            for f in FILES
            if (out / f).is_file()
        }


def checks_per_record(shared: Path) -> str:
    """How often a record is judged in a build and in an add of the dev set (kg.graph.check)."""
    from kg.graph import check
    from kg.graph.merge import build_merged_graph
    from kg.graph.persist import GraphStore
    from kg.run.pipeline import read_record
    from kg.vocab.record import ExtractionRecord

    seen: list[str] = []
    real = check.check_record

    def counted(record: ExtractionRecord) -> list[str]:  # the real check, counted
        seen.append(record.article_id)
        return real(record)

    check.check_record = counted  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory(prefix="graph-checks-") as tmp:
            _kg("extract", shared / DEV, "--out", tmp, "--workers", "1", "--quiet")
            records = [read_record(p) for p in sorted((Path(tmp) / "records").glob("*.json"))]
            build_merged_graph(lambda: iter(records))
            in_build = len(seen) / len(records)
            seen.clear()
            GraphStore(Path(tmp) / "store").add_records(records)
            in_add = len(seen) / len(records)
    finally:
        check.check_record = real  # type: ignore[assignment]
    return f"checks per record: {in_build:g} in a build, {in_add:g} in an add ({len(records)} records)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default ../shared)")
    ap.add_argument("--out", type=Path, help="write the digests to this file")
    ap.add_argument("--compare", type=Path, help="compare the digests with this reference file")
    ap.add_argument("--keep", type=Path, help="leave the outputs in this (new) folder, to diff them")
    args = ap.parse_args()
    if not args.out and not args.compare:
        ap.error("give --out FILE, --compare FILE, or both")
    if args.keep and args.keep.exists():
        ap.error(f"--keep {args.keep}: exists; give a new folder")
    now = digests(args.shared, args.keep)
    if args.out:
        args.out.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(now)} digests written to {args.out}")
    if args.compare:
        ref = json.loads(args.compare.read_text(encoding="utf-8"))
        diff = [key for key in sorted(set(ref) | set(now)) if ref.get(key) != now.get(key)]
        for key in diff:
            print(f"differs: {key}")
        print(f"{len(diff)} differences in {len(now)} graph output files (reference {args.compare})")
        print(checks_per_record(args.shared))
        return 1 if diff else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
