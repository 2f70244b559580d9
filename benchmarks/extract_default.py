"""The extractor's headline figure: `conflict-kg extract CORPUS` with default settings.

Runs the real command line (all cores, the default worker count) over the 2,000-article corpus
and prints articles per second, end to end (start-up included), and the peak resident memory of
the whole process tree (the parent plus its workers), sampled every 100 ms. The bar from the
extractor issue: at least 200 articles per second on the 2-core machine, under 1 GiB.

    python -m benchmarks.extract_default [CORPUS.jsonl] [--runs 3]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-2015-2000.jsonl"


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def one_run(corpus: Path) -> tuple[int, float, int]:
    """(records written, seconds, peak bytes) for one fresh run."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "kg", "extract", str(corpus), "--out", out, "--quiet"]
        start = time.perf_counter()
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        child = subprocess.Popen(cmd, stderr=subprocess.DEVNULL, env=env)
        proc = psutil.Process(child.pid)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                with contextlib.suppress(psutil.Error):
                    peak = max(peak, tree_rss(proc))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = child.wait()
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        if code != 0:
            raise SystemExit(f"conflict-kg extract exited with {code}")
        n = len(list(Path(out, "records").glob("*.json")))
    return n, elapsed, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--runs", type=int, default=3, help="report the best of N runs (default 3)")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    cores = os.cpu_count()
    print(f"conflict-kg extract {args.corpus.name}, default settings, {cores} cores, load {load:.2f}")
    results = []
    for i in range(args.runs):
        n, secs, peak = one_run(args.corpus)
        results.append((n / secs, peak))
        rate, mib = n / secs, peak / 2**20
        print(f"  run {i + 1}: {n} records in {secs:.1f} s = {rate:.0f} articles/s, peak {mib:.0f} MiB")
    best_rate = max(r for r, _ in results)
    worst_peak = max(p for _, p in results)
    print(
        f"best {best_rate:.0f} articles/s end to end (bar 200); "
        f"peak memory {worst_peak / 2**20:.0f} MiB (bar 1024)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
