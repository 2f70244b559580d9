"""CSV cells that a spreadsheet will show as text, never run as a formula.

An outlet or actor name taken from an article can begin with `=`, `+`, `-` or `@`: opened in a
spreadsheet, `=cmd|' /C calc'!A0` or `=HYPERLINK(...)` is a formula, not a name. OWASP's advice
(CSV Injection) is followed: a text cell beginning with = + - @, a tab or a carriage return gets
a leading single quote, which spreadsheets hide and which makes the cell text. Numbers stay
numbers (`-3`, a negative longitude `-17.5`): only cells that are not numbers are touched.
Control characters, terminal escapes and bidi overrides are removed first (`kg.ingest.textsafe`), so
a hidden escape cannot stand in front of the `=`. Every CSV the package writes goes through
`safe_cell`; what a cell holds is otherwise the table's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from kg.ingest.textsafe import for_file

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: str) -> str:
    """`value`, prefixed with a single quote when a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return neutralise(for_file(text))


def safe_rows(rows: Iterable[Mapping[str, object]]) -> Iterator[dict[str, str]]:
    for row in rows:
        yield {k: safe_cell(v) for k, v in row.items()}
