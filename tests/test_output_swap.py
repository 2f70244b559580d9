"""`build` replaces its whole output set at once, and a disk that refuses leaves the old set whole.

The disk faults are real, not mocked:
- a full disk: the build runs in a child process with RLIMIT_FSIZE set (and SIGXFSZ ignored), so
  the kernel refuses to let any file grow past the limit (EFBIG), the way a full disk refuses a
  write (ENOSPC). The limit is chosen between the sizes of the files the new build writes, so it
  fails part-way: after the records, graph.ttl and events.csv, on graph.html.
- a read-only folder: the folder holding the output made read-only (chmod for a user; root
  ignores permission bits, so for root the immutable attribute, which root must obey too).
- a path that cannot be a folder (under a regular file: ENOTDIR).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from benchmarks.hardening_faults import read_only

ROOT = Path(__file__).resolve().parents[1]
MERGE = ROOT / "tests" / "fixtures" / "merge"
FIRST = [MERGE / "m01-saraqib-north.txt"]
SECOND = [MERGE / "m02-saraqib-coast.txt", MERGE / "m03-khan-shaykhun.txt"]


def build(
    inputs: list[Path], out: Path, cwd: Path, fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    args = [sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out), "--workers", "1"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, preexec_fn=limit
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("conflict-kg")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def test_a_build_replaces_the_whole_set_and_keeps_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(FIRST, out, tmp_path).returncode == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # not the build's: must stay
    done = build(SECOND, out, tmp_path)
    assert done.returncode == 0, done.stderr
    names = {p.name for p in (out / "records").iterdir()}
    assert names == {f"{p.stem}.json" for p in FIRST + SECOND}  # records accumulate, as before
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "m02-saraqib-coast" in (out / "events.csv").read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left behind


def test_a_full_disk_leaves_the_previous_set_whole(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    assert build(SECOND, probe, tmp_path).returncode == 0
    sizes = {name: len(data) for name, data in snapshot(probe).items()}
    assert sizes["graph.html"] > 2 * max(v for k, v in sizes.items() if k != "graph.html")
    fsize = (sizes["graph.html"] + max(v for k, v in sizes.items() if k != "graph.html")) // 2

    out = tmp_path / "out"
    assert build(FIRST, out, tmp_path).returncode == 0
    before = snapshot(out)
    done = build(SECOND, out, tmp_path, fsize=fsize)
    line = one_line_error(done)
    assert "graph.html" in line and str(out) in line and "File too large" in line
    assert snapshot(out) == before  # not one file of the old set changed, none added
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "probe"]  # staging removed


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "out"
    assert build(FIRST, out, tmp_path).returncode == 0
    with ExitStack() as stack:
        try:
            stack.enter_context(read_only(folder, out, out / "records"))
        except RuntimeError as exc:  # root, and no immutable attribute on this filesystem
            pytest.skip(str(exc))
        yield out


def test_a_read_only_folder_is_one_line_and_loses_nothing(read_only_folder: Path, tmp_path: Path) -> None:
    out = read_only_folder
    with pytest.raises(OSError):
        (out.parent / "probe").write_text("x")  # the folder really refuses writes
    before = snapshot(out)
    line = one_line_error(build(SECOND, out, tmp_path))
    assert str(out) in line
    assert snapshot(out) == before


def test_an_output_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    line = one_line_error(build(FIRST, tmp_path / "file" / "out", tmp_path))
    assert "file" in line


def cli(args: list[str], cwd: Path, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
        preexec_fn=limit,
    )  # fmt: skip


def test_a_full_disk_during_add_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "st"
    assert cli(["add", str(FIRST[0]), "--store", str(store)], tmp_path).returncode == 0
    before = {str(p.relative_to(store)): (p.stat().st_size, p.stat().st_mtime_ns) for p in store.rglob("*")}
    done = cli(["add", str(MERGE), "--store", str(store)], tmp_path, fsize=20_000)
    line = one_line_error(done)
    assert str(store) in line
    after = {str(p.relative_to(store)): (p.stat().st_size, p.stat().st_mtime_ns) for p in store.rglob("*")}
    after.pop(".lock", None), before.pop(".lock", None)
    assert after == before  # not one byte of the live generation touched, nothing left behind


def test_extract_into_a_folder_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    line = one_line_error(cli(["extract", str(FIRST[0]), "--out", "file/out"], tmp_path))
    assert "file" in line


def test_a_build_into_the_working_folder_writes_in_place(tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (here / "notes.txt").write_text("mine", encoding="utf-8")
    done = build(FIRST, Path("."), here)
    assert done.returncode == 0, done.stderr
    assert (here / "graph.ttl").is_file() and (here / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]  # no sibling made for `--out .`


@pytest.mark.parametrize("command", ["build", "extract"])
def test_a_disk_full_while_writing_records_is_one_line_not_one_per_article(
    command: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = [command, *map(str, FIRST + SECOND), "--out", str(out), "--workers", "1"]
    line = one_line_error(cli(args, tmp_path, fsize=1000))  # smaller than any record
    assert "File too large" in line and "records" in line
