"""The hardening battery: every hostile-input, fault and packaging case, one line each.

    python -m benchmarks.hardening            # every case
    python -m benchmarks.hardening ids csv    # only cases whose name holds one of these words

Prints `PASS name` or `FAIL name: reason` per case, then one summary line: cases passed and
failed, tracebacks seen, articles lost, and the peak memory (max RSS of any process a case ran,
from `os.wait4`; `resource.getrusage(RUSAGE_CHILDREN)` agrees). A case fails on a traceback, a
lost article or a process over MEMORY_BAR whatever it reports itself. Exit status 1 if any
case fails. Cases come from `benchmarks.hardening_input` and `benchmarks.hardening_output`; a
module not there yet is skipped with a note.
"""

from __future__ import annotations

import importlib
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from benchmarks.hardening_cases import PEAK_KIB, Case, Outcome

MODULES = ("benchmarks.hardening_input", "benchmarks.hardening_output")
MEMORY_BAR_KIB = 1 << 20  # 1 GiB


@dataclass
class Result:
    case: Case
    outcome: Outcome
    peak_kib: int
    seconds: float

    @property
    def passed(self) -> bool:
        return self.outcome.ok and not self.outcome.tracebacks and not self.outcome.lost and self.within_bar

    @property
    def within_bar(self) -> bool:
        return self.peak_kib < MEMORY_BAR_KIB

    def line(self) -> str:
        if self.passed:
            return f"PASS {self.case.name}"
        why = [self.outcome.reason] if self.outcome.reason else []
        if self.outcome.tracebacks:
            why.append(f"{self.outcome.tracebacks} traceback(s)")
        if self.outcome.lost:
            why.append(f"{self.outcome.lost} article(s) lost")
        if not self.within_bar:
            why.append(f"peak memory {self.peak_kib / 1024:.0f} MiB over {MEMORY_BAR_KIB // 1024} MiB")
        return f"FAIL {self.case.name}: {'; '.join(why) or 'failed'}"


def load_cases(modules: tuple[str, ...] = MODULES) -> list[Case]:
    cases: list[Case] = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            print(f"note: {name} not found, its cases skipped", flush=True)
            continue
        cases.extend(module.CASES)
    return cases


def run_case(case: Case) -> Result:
    """One case in a fresh temporary directory; an exception in the case itself is a failure."""
    PEAK_KIB[0] = 0
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"hardening-{case.name}-") as tmp:
        try:
            outcome = case.run(Path(tmp))
        except Exception as exc:  # the case's own bug or an unexpected state: report, go on
            last = traceback.extract_tb(exc.__traceback__)[-1]
            outcome = Outcome(False, f"case raised {type(exc).__name__}: {exc} (line {last.lineno})")
    return Result(case, outcome, PEAK_KIB[0], time.monotonic() - start)


def run_cases(cases: list[Case], echo: bool = True) -> list[Result]:
    results = []
    for case in cases:
        result = run_case(case)
        results.append(result)
        if echo:
            print(result.line(), flush=True)
    return results


def summary(results: list[Result]) -> str:
    passed = sum(r.passed for r in results)
    peak = max([r.peak_kib for r in results] + [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss])
    return (
        f"{passed} passed, {len(results) - passed} failed; "
        f"{sum(r.outcome.tracebacks for r in results)} tracebacks, "
        f"{sum(r.outcome.lost for r in results)} articles lost, "
        f"peak memory {peak / 1024:.0f} MiB; {sum(r.seconds for r in results):.0f} s"
    )


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    cases = [c for c in load_cases() if not words or any(w in c.name for w in words)]
    results = run_cases(cases)
    print(summary(results), flush=True)
    return 0 if results and all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
