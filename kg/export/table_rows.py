"""Which events become rows of events.csv: ACLED's universe, and a confidence a coder would keep.

The graph keeps every event an article tells, statements included, each with its confidence;
an analyst who loads events.csv as ACLED data expects ACLED's event types only and rows that are
incidents. So the table, not the graph, is where the cut is made, from a data file
(table_rows.toml) that `build`/`export` can override.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.vocab.record import EVENT_TYPES

ROWS_PATH = Path(__file__).with_name("table_rows.toml")


@dataclass(frozen=True, slots=True)
class TableRows:
    """`leave_out`: conflict-kg event types (record names, e.g. "statement") never written;
    `min_confidence`: rows whose confidence is lower are left out (no confidence: kept)."""

    min_confidence: float = 0.0
    leave_out: frozenset[str] = frozenset()

    def keeps(self, types: Iterable[str], confidence: str | float | None) -> bool:
        if self.leave_out.intersection(types):
            return False
        if confidence in (None, ""):
            return True
        return float(confidence) >= self.min_confidence

    def but(self, min_confidence: float | None = None, statements: bool = False) -> TableRows:
        """This policy with a command line's overrides."""
        leave = self.leave_out - {"statement"} if statements else self.leave_out
        floor = self.min_confidence if min_confidence is None else min_confidence
        return TableRows(floor, leave)


EVERY_ROW = TableRows()


@cache
def load_table_rows(path: Path = ROWS_PATH) -> TableRows:
    """The shipped policy; a bad file is an error naming it."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        floor = float(data.get("min_confidence", 0.0))
        leave = frozenset(str(t) for t in data.get("leave_out", []))
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    if not 0.0 <= floor <= 1.0:
        raise ValueError(f"{path}: min_confidence {floor} is not between 0 and 1")
    if unknown := sorted(leave - set(EVENT_TYPES)):
        raise ValueError(f"{path}: leave_out names unknown event types {unknown}")
    return TableRows(floor, leave)
