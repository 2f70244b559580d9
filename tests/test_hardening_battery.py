"""The hardening battery's runner: real cases pass through its API, and it can fail."""

from __future__ import annotations

from pathlib import Path

from benchmarks import hardening, hardening_input
from benchmarks.hardening_cases import Case, Outcome, cli


def _cases(*names: str) -> list[Case]:
    by_name = {c.name: c for c in hardening_input.CASES}
    return [by_name[n] for n in names]


def test_battery_cases_pass_through_the_runner() -> None:
    results = hardening.run_cases(_cases("ids_repeated", "validate_plain_json"), echo=False)
    assert [r.line() for r in results] == ["PASS ids_repeated", "PASS validate_plain_json"]
    assert all(0 < r.peak_kib < hardening.MEMORY_BAR_KIB for r in results)
    assert "2 passed, 0 failed; 0 tracebacks, 0 articles lost" in hardening.summary(results)


def test_the_runner_fails_tracebacks_lost_articles_and_raising_cases(tmp_path: Path) -> None:
    def traceback_in_stderr(tmp: Path) -> Outcome:
        proc = cli(["validate", str(tmp / "missing.ttl")], tmp)  # a real run, exit 2, no traceback
        return Outcome(proc.returncode == 2, tracebacks=proc.tracebacks + 1, lost=2)  # type: ignore[attr-defined]

    def raises(tmp: Path) -> Outcome:
        raise RuntimeError("broken case")

    results = hardening.run_cases([Case("bad", traceback_in_stderr), Case("raises", raises)], echo=False)
    assert results[0].line() == "FAIL bad: 1 traceback(s); 2 article(s) lost"
    assert results[1].line().startswith("FAIL raises: case raised RuntimeError: broken case")
    assert "0 passed, 2 failed; 1 tracebacks, 2 articles lost" in hardening.summary(results)


def test_every_case_name_is_unique_and_the_modules_load() -> None:
    names = [c.name for c in hardening.load_cases()]
    assert len(names) == len(set(names)) and len(names) >= len(hardening_input.CASES)
