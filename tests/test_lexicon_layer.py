"""The one lexicon layer: every file of kg/lexicons has a schema, and the one reader enforces it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from kg.lexicons.checks import validate, validate_files
from kg.lexicons.tables import CONTESTED, OUTLETS, SCHEMAS, TRIGGERS
from kg.lexicons.tsv import HERE, LexiconError, Table


def _lexicon_copy(tmp_path: Path) -> Path:
    root = tmp_path / "lexicons"
    root.mkdir()
    for p in HERE.iterdir():
        if p.suffix in (".tsv", ".txt"):
            shutil.copy(p, root / p.name)
    return root


def test_every_shipped_file_has_a_schema_and_reads_through_it() -> None:
    shipped = {p.name for p in HERE.iterdir() if p.suffix in (".tsv", ".txt")}
    assert shipped == set(SCHEMAS)
    assert validate_files() == []


def test_a_new_file_with_no_schema_is_a_problem(tmp_path: Path) -> None:
    root = _lexicon_copy(tmp_path)
    assert validate_files(root) == []
    (root / "new_words.tsv").write_text("word\tkind\nقصف\tverb\n", encoding="utf-8")
    problems = validate(root=root)
    assert [p for p in problems if "new_words.tsv" in p] == [
        f"{root / 'new_words.tsv'}: no schema: declare its columns in kg/lexicons/tables.py (SCHEMAS)"
    ]


def test_every_file_is_checked_not_only_places_and_actors(tmp_path: Path) -> None:
    root = _lexicon_copy(tmp_path)
    outlets = root / OUTLETS.file
    text = outlets.read_text(encoding="utf-8")
    outlets.write_text(text + "Some Paper\tSYR\tlocal\n", encoding="utf-8")
    bad_line = len(text.splitlines()) + 1
    (root / "numbers.tsv").write_text("word\tvalue\tkind\nعشرة\tten\tunit\n", encoding="utf-8")
    (root / CONTESTED.file).write_text(
        "id\tclaimants\tadmin1\tadmin2\twhy\nnowhere\tISR|Palestine\t\t\tno such place\n", encoding="utf-8"
    )
    (root / "calendar.tsv").unlink()
    places = [root / "places.tsv", root / "admin2.tsv", root / "places_curated.tsv"]
    problems = "\n".join(validate(places_files=places, root=root))
    for expected in [
        f"outlets.tsv:{bad_line}: reach must be one of ['international', 'national', 'regional'], "
        "got 'local'",
        "numbers.tsv:2: value 'ten' is not a number",
        "contested_places.tsv:2: no place 'nowhere'",
        "contested_places.tsv:2: nowhere: 'Palestine' is not an ISO 3166-1 alpha-3 code",
        "calendar.tsv: missing",
    ]:
        assert expected in problems, f"validator missed: {expected}\n{problems}"


class _Row(NamedTuple):
    name: str
    number: int
    share: float | None
    tags: tuple[str, ...]
    flag: bool
    class_: str
    note: str = ""


def _table(tmp_path: Path, text: str) -> tuple[Table[_Row], Path]:
    path = tmp_path / "t.tsv"
    path.write_text(text, encoding="utf-8")
    return Table("t.tsv", _Row, one_of={"class": ("a", "b")}), path


def test_cells_are_read_by_their_declared_types(tmp_path: Path) -> None:
    table, path = _table(
        tmp_path,
        "# comments may come before the header\nname\tnumber\tshare\ttags\tflag\tclass\tnote\n"
        " حلب \t3\t\tx| y ||x\t1\ta\n# and between rows\n\nدمشق\t4\t0.5\t\t0\tb\tkept\n",
    )
    assert table.header == ("name", "number", "share", "tags", "flag", "class", "note")
    assert list(table.numbered(path)) == [
        (3, _Row("حلب", 3, None, ("x", "y"), True, "a", "")),
        (6, _Row("دمشق", 4, 0.5, (), False, "b", "kept")),
    ]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("حلب\tthree\t\t\t1\ta\t\n", r"t\.tsv:2: number 'three' is not a number"),
        ("حلب\t3\t\t\tyes\ta\t\n", r"t\.tsv:2: flag 'yes' is not 0 or 1"),
        ("حلب\t3\t\t\t1\tc\t\n", r"t\.tsv:2: class must be one of \['a', 'b'\], got 'c'"),
        ("حلب\t3\t\t\t1\n", r"t\.tsv:2: expected 6 to 7 cells, got 5"),
        ("حلب\t3\t\t\t1\ta\t\tx\n", r"t\.tsv:2: expected 6 to 7 cells, got 8"),
    ],
)
def test_a_bad_row_is_an_error_naming_file_line_and_column(tmp_path: Path, body: str, error: str) -> None:
    table, path = _table(tmp_path, "name\tnumber\tshare\ttags\tflag\tclass\tnote\n" + body)
    with pytest.raises(LexiconError, match=error):
        table.rows(path)


def test_a_wrong_or_missing_header_is_an_error(tmp_path: Path) -> None:
    table, path = _table(tmp_path, "name\tnumber\n")
    with pytest.raises(LexiconError, match=r"t\.tsv:1: header must be \['name', 'number'"):
        table.rows(path)
    table, path = _table(tmp_path, "# only a comment\n")
    with pytest.raises(LexiconError, match=r"t\.tsv:1: header must be .* got no header"):
        table.rows(path)


def test_a_trailing_column_with_a_default_may_be_left_off() -> None:
    """triggers.tsv leaves `cond` off most rows; the reader fills in its default."""
    rows = TRIGGERS.rows()
    assert any(r.cond == "" for r in rows) and any(r.cond for r in rows)
    assert all(isinstance(r.priority, int) for r in rows)
