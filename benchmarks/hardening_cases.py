"""The one interface of the hardening battery: a case, its outcome, and how a case runs the CLI.

Cases live in `benchmarks/hardening_input.py` and `benchmarks/hardening_output.py`, each a
`CASES: list[Case]`; `benchmarks/hardening.py` runs them all. A case gets a fresh temporary
directory, writes its inputs there, runs the real command line in a subprocess (`cli`) and
checks what came out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

KEPT_OUTPUT = 1 << 20  # bytes of stdout/stderr a case can read back (a hostile run may print far more)
PEAK_KIB = [0]  # max RSS, in KiB, of the processes `cli` ran since the runner last reset it


@dataclass(frozen=True)
class Case:
    name: str
    run: Callable[[Path], Outcome]  # gets a fresh temp dir, returns an Outcome


@dataclass
class Outcome:
    ok: bool
    reason: str = ""
    tracebacks: int = 0
    lost: int = 0


def _read(fh: object) -> tuple[str, int]:
    """The first KEPT_OUTPUT bytes as text, and how many times "Traceback" occurs in the whole."""
    fh.seek(0)  # type: ignore[attr-defined]
    head = b""
    count, tail = 0, b""
    while chunk := fh.read(1 << 20):  # type: ignore[attr-defined]
        if len(head) < KEPT_OUTPUT:
            head += chunk[: KEPT_OUTPUT - len(head)]
        count += (tail + chunk).count(b"Traceback") - tail.count(b"Traceback")
        tail = chunk[-16:]
    return head.decode("utf-8", "replace"), count


def cli(
    args: list[str], cwd: Path, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m kg *args` in `cwd`; the result also carries `.tracebacks` (times
    "Traceback" appears in stderr) and `.peak_kib` (max RSS of the process and its children).

    Output goes to files, not pipes, so a run that prints gigabytes cannot fill this process's
    memory; the process is reaped with `os.wait4` to read its own peak memory.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "kg", *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stdout, _ = _read(out)
        stderr, tracebacks = _read(err)
    result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    result.tracebacks = tracebacks  # type: ignore[attr-defined]
    result.peak_kib = usage.ru_maxrss  # type: ignore[attr-defined]
    PEAK_KIB[0] = max(PEAK_KIB[0], usage.ru_maxrss)
    return result
