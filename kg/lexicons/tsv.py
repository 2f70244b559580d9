"""The one reader of lexicon files: every TSV declares its columns, and every row comes back typed.

Each lexicon table has a row type, a NamedTuple or a dataclass (see `kg.lexicons.tables`): its
fields, in order, are the file's columns, and each field's type says how a cell is read, so a
file, its header and the code that reads it cannot drift apart unnoticed. One reader means
one set of rules and one error style for all of them:

- UTF-8, tab-separated; lines that are blank or start with `#` are comments, anywhere;
- the first other line is the header, which must name the declared columns in order;
- a row has one cell per column; trailing columns whose field has a default may be left off;
- cells are stripped; an empty cell is None for an optional field; `tuple[str, ...]` cells are
  `|`-separated lists of distinct values; `bool` cells are `0`/`1`;
- a column the table lists in `one_of` takes only those values.

Any departure is a `LexiconError` whose message names the file and the line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

HERE = Path(__file__).resolve().parent
T = TypeVar("T")


class LexiconError(ValueError):
    """A lexicon file that cannot be read; the message names the file and line."""


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror})") from exc


def read_rows(
    path: Path, columns: tuple[str, ...], required: int | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) of a TSV whose header is `columns`; rows may leave off the
    columns after the first `required` (all of them by default)."""
    need = len(columns) if required is None else required
    header: list[str] | None = None
    for no, line in enumerate(_read_text(path).split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise LexiconError(f"{path}:{no}: header must be {list(columns)}, got {header!r}")
            continue
        if not need <= len(cells) <= len(columns):
            expected = len(columns) if need == len(columns) else f"{need} to {len(columns)}"
            raise LexiconError(f"{path}:{no}: expected {expected} cells, got {len(cells)}")
        yield no, cells
    if header is None:
        raise LexiconError(f"{path}:1: header must be {list(columns)}, got no header")


def read_words(path: Path) -> list[str]:
    """The words of a word list: one per line, `#` starts a comment."""
    words = []
    for line in _read_text(path).splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


# ---------------------------------------------------------------- cells


def _opt(cell: str) -> str | None:
    return cell.strip() or None


def _int(cell: str) -> int:
    return int(cell)


def _opt_int(cell: str) -> int | None:
    return int(cell) if cell.strip() else None


def _opt_float(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def _bool(cell: str) -> bool:
    cell = cell.strip()
    if cell not in ("0", "1", ""):
        raise ValueError(cell)
    return cell == "1"


def _list(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for x in (x.strip() for x in cell.split("|")) if x))


CELL_TYPES: dict[str, tuple[Callable[[str], Any], str]] = {
    "str": (str.strip, "text"),
    "str | None": (_opt, "text"),
    "int": (_int, "a number"),
    "int | None": (_opt_int, "a number"),
    "float": (float, "a number"),
    "float | None": (_opt_float, "a number"),
    "bool": (_bool, "0 or 1"),
    "tuple[str, ...]": (_list, "a list"),
}


class _Column(NamedTuple):
    name: str
    read: Callable[[str], Any]
    what: str
    one_of: frozenset[str] | None
    default: Any = dataclasses.MISSING  # a trailing column that rows may leave off


def _fields(row: type) -> list[tuple[str, str, Any]]:
    """(name, annotation, default or MISSING) of a dataclass's or a NamedTuple's fields."""
    missing = dataclasses.MISSING
    if dataclasses.is_dataclass(row):
        return [
            (f.name, str(f.type), f.default if f.default_factory is missing else f.default_factory())
            for f in dataclasses.fields(row)
        ]
    defaults = row._field_defaults  # type: ignore[attr-defined]
    names = row._fields  # type: ignore[attr-defined]
    # NamedTuple keeps a string annotation as a ForwardRef: its text is the cell type's name
    annotations = {n: getattr(a, "__forward_arg__", a) for n, a in row.__annotations__.items()}
    return [(n, str(annotations[n]), defaults.get(n, missing)) for n in names]


def _column(name: str, annotation: str, default: Any, table: Table) -> _Column:
    if annotation not in CELL_TYPES:
        raise TypeError(f"{table.file}: column {name} has no cell type for {annotation!r}")
    read, what = CELL_TYPES[annotation]
    if default is not dataclasses.MISSING:
        read = _or_default(read, default)
    column = name.rstrip("_")
    allowed = table.one_of.get(column)
    return _Column(column, read, what, frozenset(allowed) if allowed is not None else None, default)


def _or_default(read: Callable[[str], Any], default: Any) -> Callable[[str | None], Any]:
    return lambda cell: default if cell is None else read(cell)


# ---------------------------------------------------------------- tables


class Table(Generic[T]):
    """One lexicon file and its row type: `rows()` is the typed loader of that file.

    `columns` is how many of the row type's leading fields are the file's columns (the rest
    are filled in by whoever builds on the rows); `optional` files may be missing (no rows);
    `one_of` gives the values a column may take. A field named `class_` is the column `class`.
    (A plain class, not a dataclass: thirty of them are made at every import.)"""

    def __init__(
        self,
        file: str,
        row: type[T],
        columns: int | None = None,
        optional: bool = False,
        one_of: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        self.file, self.row, self.columns, self.optional = file, row, columns, optional
        self.one_of: Mapping[str, Collection[str]] = one_of or {}

    def __repr__(self) -> str:
        return f"Table({self.file!r}, {self.row.__name__})"

    @property
    def path(self) -> Path:
        return HERE / self.file

    @cached_property
    def _spec(self) -> tuple[_Column, ...]:
        return tuple(_column(*f, self) for f in _fields(self.row)[: self.columns])

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.name for c in self._spec)

    def _read(self, path: Path | None) -> tuple[list[int], list[list[Any]]]:
        """Line numbers and typed columns. Converted a column at a time: the gazetteer's
        tens of thousands of cells are read at every start-up, and `map` keeps that cheap."""
        path = self.path if path is None else path
        if self.optional and not path.exists():
            return [], []
        cols = self._spec
        required = sum(c.default is dataclasses.MISSING for c in cols)
        lines, table = [], []
        for no, cells in read_rows(path, self.header, required):
            lines.append(no)
            table.append(cells if len(cells) == len(cols) else cells + [None] * (len(cols) - len(cells)))
        if not table:
            return [], []
        try:
            columns = zip(*table, strict=True)
            values = [list(map(c.read, cells)) for c, cells in zip(cols, columns, strict=True)]
        except ValueError:
            raise LexiconError(_bad_cell(path, lines, table, cols)) from None
        for c, column in zip(cols, values, strict=True):
            if c.one_of is not None and not c.one_of.issuperset(column):
                no, bad = next((no, v) for no, v in zip(lines, column, strict=True) if v not in c.one_of)
                raise LexiconError(f"{path}:{no}: {c.name} must be one of {sorted(c.one_of)}, got {bad!r}")
        return lines, values

    def numbered(self, path: Path | None = None) -> Iterator[tuple[int, T]]:
        """(line number, row) of the file (the shipped one unless `path` is given)."""
        lines, values = self._read(path)
        return zip(lines, map(self.row, *values), strict=True) if lines else iter(())

    def rows(self, path: Path | None = None) -> list[T]:
        """Every row of the file, typed."""
        lines, values = self._read(path)
        return list(map(self.row, *values)) if lines else []


def _bad_cell(path: Path, lines: list[int], table: list[list[str]], cols: tuple[_Column, ...]) -> str:
    """The first cell that does not read, by line and then column."""
    for no, cells in zip(lines, table, strict=True):
        for c, cell in zip(cols, cells, strict=False):
            try:
                c.read(cell)
            except ValueError:
                return f"{path}:{no}: {c.name} {cell.strip()!r} is not {c.what}"
    return f"{path}: unreadable"  # pragma: no cover - a reader that failed once fails again


class WordList(NamedTuple):
    """A plain word list (`.txt`): one word a line, `#` comments."""

    file: str
    optional: bool = False

    @property
    def path(self) -> Path:
        return HERE / self.file

    def words(self, path: Path | None = None) -> list[str]:
        path = self.path if path is None else path
        if self.optional and not path.exists():
            return []
        return read_words(path)
