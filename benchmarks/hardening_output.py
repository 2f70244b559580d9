"""Battery cases for what goes out: the output swap, full and read-only disks, stores, load, wheel.

Each case runs the real command line in a subprocess on inputs it writes to the temporary
directory it is given, with real faults (benchmarks/hardening_faults.py: RLIMIT_FSIZE for a
full disk, chmod or chattr +i for a read-only folder, a real Oxigraph server killed midway)
and checks what is left: the exit status, one error line, no traceback, the previous output
set or store byte for byte, every article of it still there (`lost` counts those missing).

    python -m benchmarks.hardening_output     # these cases alone, before the runner is merged
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import requests

from benchmarks.hardening_cases import Case, Outcome, cli
from benchmarks.hardening_faults import (
    MERGE,
    ROOT,
    Planted,
    error_lines,
    limited_cli,
    oxigraph,
    read_only,
    snapshot,
    tree,
    write_nt,
)

FIRST = [str(MERGE / "m01-saraqib-north.txt")]
SECOND = [str(MERGE / "m02-saraqib-coast.txt"), str(MERGE / "m03-khan-shaykhun.txt")]
QUICK = ["--workers", "1", "--quiet"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
STAGED = 'GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:conflict-kg:load:"))'


class Checks:
    """The conditions of one case and the tracebacks of the processes it ran."""

    def __init__(self) -> None:
        self.failed: list[str] = []
        self.tracebacks = 0
        self.lost = 0

    def ran(self, proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
        self.tracebacks += proc.tracebacks  # type: ignore[attr-defined]
        return proc

    def expect(self, condition: bool, why: str) -> bool:
        if not condition:
            self.failed.append(why)
        return condition

    def one_line_failure(self, proc: subprocess.CompletedProcess, *words: str) -> None:
        lines = error_lines(proc)
        self.expect(proc.returncode != 0, f"exit status {proc.returncode} after a fault")
        if self.expect(len(lines) == 1, f"{len(lines)} error lines, not one: {proc.stderr[-300:]!r}"):
            missing = [w for w in words if w not in lines[0]]
            self.expect(not missing, f"the error line lacks {missing}: {lines[0]!r}")

    def kept_records(self, before: dict[str, bytes], after: dict[str, bytes]) -> None:
        old = {k for k in before if k.startswith("records/")}
        self.lost += len(old - set(after))

    def outcome(self) -> Outcome:
        return Outcome(not self.failed, "; ".join(self.failed[:3]), self.tracebacks, self.lost)


def _build(c: Checks, inputs: list[str], out: Path, cwd: Path) -> bool:
    done = c.ran(cli(["build", *inputs, "--out", str(out), *QUICK], cwd))
    return c.expect(done.returncode == 0, f"build exit {done.returncode}: {done.stderr[-300:]!r}")


# --- 5: the output set swapped whole; full and read-only disks -----------------------------------


def build_swaps_whole_set(tmp: Path) -> Outcome:
    c, out = Checks(), tmp / "out"
    if _build(c, FIRST, out, tmp):
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        before = snapshot(out)
        _build(c, SECOND, out, tmp)
        after = snapshot(out)
        c.kept_records(before, after)
        c.expect(after.get("notes.txt") == b"mine", "a file of the user's in --out is gone")
        c.expect(b"m02-saraqib-coast" in after.get("events.csv", b""), "events.csv is not the new one")
        c.expect(sorted(p.name for p in tmp.iterdir()) == ["out"], "a staging folder was left behind")
    return c.outcome()


def disk_full_during_build(tmp: Path) -> Outcome:
    c, probe, out = Checks(), tmp / "probe", tmp / "out"
    if not (_build(c, SECOND, probe, tmp) and _build(c, FIRST, out, tmp)):
        return c.outcome()
    sizes = {k: len(v) for k, v in snapshot(probe).items()}
    smaller = max(v for k, v in sizes.items() if k != "graph.html")
    fsize = (sizes["graph.html"] + smaller) // 2  # room for records, graph.ttl, events.csv: not the page
    before = snapshot(out)
    done = c.ran(limited_cli(["build", *SECOND, "--out", str(out), *QUICK], tmp, fsize))
    c.one_line_failure(done, "graph.html", str(out))
    after = snapshot(out)
    c.kept_records(before, after)
    c.expect(after == before, "the previous output set changed after a failed build")
    c.expect(not [p for p in tmp.iterdir() if p.name.startswith(".")], "a staging folder was left behind")
    return c.outcome()


def disk_full_writing_records(tmp: Path) -> Outcome:
    """No room for any record: one line for the run, not one per article; the old set whole."""
    c, out = Checks(), tmp / "out"
    if not _build(c, FIRST, out, tmp):
        return c.outcome()
    before = snapshot(out)
    for command in ("build", "extract"):
        args = [command, str(MERGE), "--out", str(out), "--workers", "2", "--quiet"]
        c.one_line_failure(c.ran(limited_cli(args, tmp, 1000)), "records", "File too large")
    after = snapshot(out)
    c.kept_records(before, after)
    c.expect(after == before, "the previous output set changed")
    return c.outcome()


def read_only_output_folder(tmp: Path) -> Outcome:
    c, folder = Checks(), tmp / "ro"
    out = folder / "out"
    if not _build(c, FIRST, out, tmp):
        return c.outcome()
    before = snapshot(out)
    with read_only(folder, out, out / "records"):
        try:
            (folder / "probe").write_text("x")
            c.expect(False, "the folder was not read-only after all")
        except OSError:
            pass
        c.one_line_failure(c.ran(cli(["build", *SECOND, "--out", str(out), *QUICK], tmp)), str(out))
    after = snapshot(out)
    c.kept_records(before, after)
    c.expect(after == before, "the previous output set changed")
    return c.outcome()


def output_under_a_file(tmp: Path) -> Outcome:
    c = Checks()
    (tmp / "file").write_text("x", encoding="utf-8")
    c.one_line_failure(c.ran(cli(["build", *FIRST, "--out", "file/out", *QUICK], tmp)), "file")
    c.one_line_failure(c.ran(cli(["extract", *FIRST, "--out", "file/out", *QUICK], tmp)), "file")
    return c.outcome()


def disk_full_during_add(tmp: Path) -> Outcome:
    c, store = Checks(), tmp / "st"
    done = c.ran(cli(["add", *FIRST, "--store", str(store)], tmp))
    if not c.expect(done.returncode == 0, f"add exit {done.returncode}: {done.stderr[-300:]!r}"):
        return c.outcome()
    before = {k: v for k, v in tree(store).items() if k != ".lock"}
    done = c.ran(limited_cli(["add", str(MERGE), "--store", str(store)], tmp, 20_000))
    c.one_line_failure(done, str(store))
    after = {k: v for k, v in tree(store).items() if k != ".lock"}
    c.expect(after == before, "the store changed after a failed add")
    return c.outcome()


# --- 6: stores read read-only ---------------------------------------------------------------------


def _store(c: Checks, tmp: Path) -> Path | None:
    store = tmp / "st"
    done = c.ran(cli(["add", str(MERGE), "--store", str(store)], tmp))
    return (
        store
        if c.expect(done.returncode == 0, f"add exit {done.returncode}: {done.stderr[-300:]!r}")
        else None
    )


def reading_a_store_writes_nothing(tmp: Path) -> Outcome:
    c = Checks()
    store = _store(c, tmp)
    if store is None:
        return c.outcome()
    before = tree(store)
    runs = {
        "query": ["query", str(store), COUNT],
        "query --store": ["query", "--store", str(store), COUNT],
        "stats --store": ["stats", "--store", str(store)],
        "validate --store": ["validate", "--store", str(store)],
        "export": ["export", "--store", str(store), "--out", str(tmp / "out")],
    }
    for name, args in runs.items():
        done = c.ran(cli(args, tmp))
        c.expect(done.returncode == 0, f"{name}: exit {done.returncode}: {done.stderr[-200:]!r}")
    c.expect(tree(store) == before, "reading the store changed files in it")
    return c.outcome()


def read_only_store(tmp: Path) -> Outcome:
    c = Checks()
    store = _store(c, tmp)
    if store is None:
        return c.outcome()
    with read_only(store, *[p for p in store.rglob("*") if p.is_dir()]):
        done = c.ran(cli(["query", "--store", str(store), COUNT, "--format", "csv"], tmp))
        c.expect(
            done.returncode == 0 and int(done.stdout.split()[-1]) > 1000, f"query: {done.stderr[-200:]!r}"
        )
        done = c.ran(cli(["export", "--store", str(store), "--out", str(tmp / "out")], tmp))
        c.expect(done.returncode == 0, f"export: {done.stderr[-200:]!r}")
    return c.outcome()


# --- 9: no pickle loaded from a store -------------------------------------------------------------


def planted_pickle_never_loaded(tmp: Path) -> Outcome:
    c, store, marker = Checks(), tmp / "st", tmp / "pwned"
    done = c.ran(cli(["add", *FIRST, "--store", str(store)], tmp))
    if not c.expect(done.returncode == 0, f"add: {done.stderr[-200:]!r}"):
        return c.outcome()
    live = store / (store / "CURRENT").read_text(encoding="utf-8").strip()
    (live / "state.pickle").write_bytes(pickle.dumps(Planted(marker)))
    done = c.ran(cli(["add", *SECOND, "--store", str(store)], tmp))
    c.expect(done.returncode == 0, f"add beside a planted pickle: {done.stderr[-200:]!r}")
    # the old layout: format 1, the state only as a pickle
    live = store / (store / "CURRENT").read_text(encoding="utf-8").strip()
    manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    (live / "manifest.json").write_text(json.dumps({**manifest, "format": 1}), encoding="utf-8")
    (live / "state.json").unlink()
    (live / "state.pickle").write_bytes(pickle.dumps(Planted(marker)))
    c.one_line_failure(c.ran(cli(["add", str(MERGE), "--store", str(store)], tmp)), "--rebuild", str(store))
    done = c.ran(cli(["add", "--rebuild", "--store", str(store)], tmp))
    c.expect(done.returncode == 0, f"add --rebuild: {done.stderr[-200:]!r}")
    done = c.ran(cli(["add", str(MERGE), "--store", str(store)], tmp))
    c.expect(done.returncode == 0, f"add after the rebuild: {done.stderr[-200:]!r}")
    c.expect(not marker.exists(), "a pickle planted in the store was loaded")
    return c.outcome()


# --- 7: load --------------------------------------------------------------------------------------


def load_big_body_short_timeout(tmp: Path) -> Outcome:
    c = Checks()
    big = write_nt(tmp / "big.nt", 200_000)  # ~18 MB: Oxigraph takes seconds to read it in
    with oxigraph(tmp) as server:
        args = ["load", str(big), "--endpoint", server.query_url, "--graph", "http://ex.org/g", "--replace"]
        done = c.ran(cli([*args, "--timeout", "1"], tmp))
        c.expect(done.returncode == 0, f"load: {done.stderr[-300:]!r}")
        c.expect(server.count("GRAPH <http://ex.org/g> { ?s ?p ?o }") == 200_000, "not every triple arrived")
    return c.outcome()


def load_server_root(tmp: Path) -> Outcome:
    c = Checks()
    small = write_nt(tmp / "small.nt", 30)
    with oxigraph(tmp) as server:
        done = c.ran(cli(["load", str(small), "--endpoint", server.base, "--replace"], tmp))
        c.expect(done.returncode == 0, f"load to the root: {done.stderr[-300:]!r}")
        done = c.ran(cli(["query", "--endpoint", server.base + "/", COUNT, "--format", "csv"], tmp))
        c.expect(
            done.returncode == 0 and done.stdout.split()[-1:] == ["30"], f"query: {done.stderr[-300:]!r}"
        )
    return c.outcome()


def load_cut_off_midway(tmp: Path) -> Outcome:
    c, target = Checks(), "http://ex.org/target"
    old, new = write_nt(tmp / "old.nt", 25, "old"), write_nt(tmp / "new.nt", 60_000, "new")
    with oxigraph(tmp) as server:
        base = ["--endpoint", server.query_url, "--graph", target]
        c.ran(cli(["load", str(old), *base], tmp))
        args = [sys.executable, "-m", "kg", "load", str(new), *base, "--replace", "--method", "update"]
        loading = subprocess.Popen([*args, "--chunk", "500"], cwd=tmp, stderr=subprocess.PIPE, text=True)
        deadline, cut = time.monotonic() + 120, False
        while time.monotonic() < deadline and loading.poll() is None and not cut:
            try:
                if server.count(STAGED) >= 2000:  # a few chunks are in: the store dies now
                    server.kill()
                    cut = True
            except requests.RequestException:
                pass
            time.sleep(0.05)
        _out, err = loading.communicate(timeout=120)
        c.tracebacks += err.count("Traceback")
        c.expect(cut, "the load ended before the store could be killed")
        lines = [line for line in err.splitlines() if line.strip()]
        c.expect(loading.returncode != 0 and len(lines) == 1, f"not one error line: {err[-300:]!r}")
        c.expect(
            bool(lines) and "partial" in lines[0] and "chunks" in lines[0], f"no partial report: {err!r}"
        )
        server.start()  # the same database: the target must be as it was
        c.expect(server.count(f"GRAPH <{target}> {{ ?s ?p ?o }}") == 25, "the target changed")
    return c.outcome()


# --- 8: the wheel carries its data ----------------------------------------------------------------


def wheel_installs_and_runs(tmp: Path) -> Outcome:
    c, src, venv = Checks(), tmp / "src", tmp / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file() or (ROOT / name).is_symlink():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name, follow_symlinks=False)
    py = str(venv / "bin" / "python")
    pip = [sys.executable, "-m", "pip"]
    steps = [
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "d"), str(src)],
        [sys.executable, "-m", "venv", "--without-pip", str(venv)],
    ]
    for step in steps:
        done = subprocess.run(step, cwd=tmp, env=env, capture_output=True, text=True)
        if not c.expect(done.returncode == 0, f"{step[2:4]}: {done.stderr[-300:]!r}"):
            return c.outcome()
    wheel = str(next((tmp / "d").glob("*.whl")))
    subprocess.run([*pip, "--python", py, "install", "--no-deps", "-q", wheel],
                   cwd=tmp, env=env, check=True, capture_output=True)  # fmt: skip
    site = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, env=env).stdout.strip()  # fmt: skip
    deps = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    Path(site, "dependencies.pth").write_text(deps + "\n", encoding="utf-8")
    work = tmp / "elsewhere"
    work.mkdir()
    shutil.copy(FIRST[0], work)
    kg = str(venv / "bin" / "conflict-kg")
    for args in (["build", Path(FIRST[0]).name, "--out", "out", *QUICK], ["validate", "out/graph.ttl"]):
        done = subprocess.run([kg, *args], cwd=work, env=env, capture_output=True, text=True)
        c.tracebacks += done.stderr.count("Traceback")
        c.expect(done.returncode == 0, f"installed {args[0]}: {done.stderr[-300:]!r}")
    return c.outcome()


CASES: list[Case] = [
    Case("output_swap_whole_set", build_swaps_whole_set),
    Case("output_disk_full_during_build", disk_full_during_build),
    Case("output_disk_full_writing_records", disk_full_writing_records),
    Case("output_read_only_folder", read_only_output_folder),
    Case("output_under_a_file", output_under_a_file),
    Case("store_disk_full_during_add", disk_full_during_add),
    Case("store_reading_writes_nothing", reading_a_store_writes_nothing),
    Case("store_read_only", read_only_store),
    Case("store_planted_pickle_never_loaded", planted_pickle_never_loaded),
    Case("load_big_body_short_timeout", load_big_body_short_timeout),
    Case("load_server_root", load_server_root),
    Case("load_cut_off_midway", load_cut_off_midway),
    Case("wheel_installs_and_runs", wheel_installs_and_runs),
]


def main() -> int:
    """These cases alone, printed as the runner (benchmarks/hardening.py) prints them."""
    import resource
    import tempfile

    failed = tracebacks = lost = 0
    for case in CASES:
        with tempfile.TemporaryDirectory(prefix=f"hardening-{case.name}-") as tmp:
            try:
                outcome = case.run(Path(tmp))
            except Exception as exc:
                outcome = Outcome(False, f"case raised {type(exc).__name__}: {exc}")
        ok = outcome.ok and not outcome.tracebacks and not outcome.lost
        failed += not ok
        tracebacks, lost = tracebacks + outcome.tracebacks, lost + outcome.lost
        print(f"PASS {case.name}" if ok else f"FAIL {case.name}: {outcome.reason or 'failed'}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{len(CASES) - failed} passed, {failed} failed; {tracebacks} tracebacks, {lost} articles lost, "
          f"peak memory {peak:.0f} MiB")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
