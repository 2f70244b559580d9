"""A few of the output battery's cases (benchmarks/hardening_output.py) run as tests, through the
cases' own interface (`Case.run(tmp) -> Outcome`), so the battery cannot rot unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.hardening_output import CASES

BY_NAME = {case.name: case for case in CASES}


@pytest.mark.parametrize(
    "name", ["output_under_a_file", "output_disk_full_during_build", "store_planted_pickle_never_loaded"]
)
def test_battery_case_passes(name: str, tmp_path: Path) -> None:
    outcome = BY_NAME[name].run(tmp_path)
    assert outcome.ok, outcome.reason
    assert outcome.tracebacks == 0 and outcome.lost == 0


def test_every_case_has_a_unique_name() -> None:
    assert len(BY_NAME) == len(CASES) >= 10
