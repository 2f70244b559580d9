"""Real faults for the output battery (benchmarks/hardening_output.py): a full disk, a read-only
folder, a pickle planted in a store, a triple store that dies. Nothing here is mocked.

- A full disk: the command runs with RLIMIT_FSIZE (SIGXFSZ ignored), so the kernel refuses to
  let any file grow past the limit with EFBIG, as a full disk refuses with ENOSPC.
- A read-only folder: chmod for a user; root ignores permission bits, so for root the
  immutable attribute (chattr +i), which root must obey too.
- Triple stores: the `oxigraph` server installed beside this Python, started on a free port and
  stopped (or killed) by its own process id.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from benchmarks.hardening_cases import PEAK_KIB, _read

ROOT = Path(__file__).resolve().parents[1]
MERGE = ROOT / "tests" / "fixtures" / "merge"


def limited_cli(args: list[str], cwd: Path, fsize: int, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m kg *args` with files limited to `fsize` bytes; like hardening_cases.cli, the
    result carries `.tracebacks` and `.peak_kib` and the peak feeds the runner's PEAK_KIB."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg", *args], cwd=cwd, stdout=out, stderr=err, preexec_fn=limit
        )
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            raise
        stdout, _ = _read(out)
        stderr, tracebacks = _read(err)
    result = subprocess.CompletedProcess(proc.args, os.waitstatus_to_exitcode(status), stdout, stderr)
    result.tracebacks = tracebacks  # type: ignore[attr-defined]
    result.peak_kib = usage.ru_maxrss  # type: ignore[attr-defined]
    PEAK_KIB[0] = max(PEAK_KIB[0], usage.ru_maxrss)
    return result


@contextmanager
def read_only(*dirs: Path) -> Iterator[str]:
    """The folders made read-only for real; yields how ("chmod" or "chattr +i")."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", *map(str, dirs)], capture_output=True)
        if made.returncode != 0:
            raise RuntimeError(f"root, and no immutable attribute here: {made.stderr.decode().strip()}")
        try:
            yield "chattr +i"
        finally:
            subprocess.run(["chattr", "-i", *map(str, dirs)], check=True)
        return
    modes = {d: d.stat().st_mode for d in dirs}
    for d in dirs:
        d.chmod(0o555)
    try:
        yield "chmod 555"
    finally:
        for d, mode in modes.items():
            d.chmod(mode)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every entry under `folder` with size and modification time: a read must change none."""
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("conflict-kg")]


class Planted:
    """Unpickling this creates the file `marker`: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (open, (str(self.marker), "w"))


def write_nt(path: Path, n: int, tag: str = "v") -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f'<http://ex.org/{tag}/s{i}> <http://ex.org/p{i % 50}> "{tag} value {i}, some text" .\n')
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oxigraph:
    """An Oxigraph server on a free port over a database folder; start, kill, start again."""

    def __init__(self, folder: Path) -> None:
        here = Path(sys.executable).parent / "oxigraph"
        binary = str(here) if here.exists() else shutil.which("oxigraph")
        if binary is None:
            raise RuntimeError("the oxigraph server CLI is not installed (pip install oxigraph)")
        self.binary, self.folder, self.port = binary, folder, _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query_url = f"{self.base}/query"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Oxigraph:
        args = [
            self.binary,
            "serve",
            "--location",
            str(self.folder / "db"),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        with (self.folder / "server.log").open("ab") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.query_url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.base}: the oxigraph server did not answer within 60 s")

    def count(self, where: str = "?s ?p ?o") -> int:
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
        r = requests.post(self.query_url, data={"query": q}, headers={"Accept": "text/csv"}, timeout=60)
        r.raise_for_status()
        return int(r.text.split()[-1])

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@contextmanager
def oxigraph(folder: Path) -> Iterator[Oxigraph]:
    server = Oxigraph(folder).start()
    try:
        yield server
    finally:
        server.stop()
