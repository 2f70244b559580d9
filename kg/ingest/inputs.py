"""Turn paths into articles, one at a time, reporting bad inputs instead of stopping on them.

A batch of a thousand articles should not die on the one file that is empty, binary or in the
wrong encoding: `iter_inputs` yields either an `Article` or an `InputError` naming the file (and
line), and the caller decides what to do with each. Everything is streamed, and every read is
bounded (a file by `max_bytes`, a JSONL line by `line_limit`), so neither a large corpus nor one
hostile line is ever held in memory whole. Two inputs never share an article id: ids are mapped
to file-safe names injectively (`kg.vocab.ids`) and a repeated id is reported, never overwritten.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kg.ingest.lines import TOO_LONG, bounded_lines
from kg.ingest.textsafe import for_terminal
from kg.vocab.ids import IdProblem, IdRegistry, article_id
from kg.vocab.record import Article

MAX_BYTES = 2_000_000  # a news article is tens of KB; anything far larger is not one article
MAX_SIDECAR_BYTES = 1_000_000
META_KEYS = ("title", "published", "outlet", "url", "language")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class InputError:
    """A problem with one input; `where` names the file and, for JSONL, the line."""

    where: str
    message: str

    def __str__(self) -> str:  # printed and kept in summaries: no escapes or overrides from inputs
        return for_terminal(f"{self.where}: {self.message}")


class InputProblem(Exception):
    pass


def line_limit(max_bytes: int) -> int:
    """The longest JSONL line worth parsing: a `max_bytes` text written with \\uXXXX escapes."""
    return 6 * max_bytes + 65_536


def decode(data: bytes, where: str, max_bytes: int = MAX_BYTES) -> str:
    if not data.strip():
        raise InputProblem("empty file")
    if len(data) > max_bytes:
        raise InputProblem(f"too large (over {max_bytes:,} bytes, the limit)")
    if b"\x00" in data[:8192]:
        raise InputProblem("binary file (NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputProblem(f"not valid UTF-8 (byte {exc.start}): re-encode it as UTF-8") from None
    return text[1:] if text.startswith("\ufeff") else text


def check_text(text: str) -> None:
    """An article with no Arabic letter cannot hold anything the extractor reads."""
    if not text.strip():
        raise InputProblem("no text")
    if not ARABIC_LETTER.search(text):
        raise InputProblem("no Arabic text found")


def check_unicode(value: str, name: str) -> bytes:
    """JSON may spell a lone surrogate (`"\\ud800"`): such a string is not text and cannot be
    written as UTF-8 anywhere downstream, so it is refused here, naming the field. Returns the
    UTF-8 bytes (the size check needs them)."""
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        where = f"U+{code:04X} at character {exc.start}"
        raise InputProblem(f"{name} holds a lone surrogate ({where}), not text") from None


def published_date(value: str) -> str:
    """The ISO day of `published`, refusing impossible ones (`9999-99-99`, `2015-02-30T25:00`)."""
    try:
        if not ISO_DATE.match(value):
            raise ValueError
        day = date.fromisoformat(value[:10])
        if len(value) > 10:
            datetime.fromisoformat(value)
    except ValueError:
        raise InputProblem(f"'published' is not an ISO date (YYYY-MM-DD, a real day): {value!r}") from None
    return day.isoformat()


def _clean_meta(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InputProblem("metadata must be a JSON object")
    meta: dict[str, Any] = {}
    for key in META_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputProblem(f"metadata field {key!r} must be a string")
        check_unicode(value, f"metadata field {key!r}")
        meta[key] = value.strip()
    if "published" in meta:
        meta["published"] = published_date(meta["published"])
    return meta


def _read_bounded(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes: enough to know a file is too large without reading it all."""
    try:
        with path.open("rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise InputProblem("no such file") from None
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror or exc}") from None


def read_sidecar(sidecar: Path) -> dict[str, Any]:
    try:
        data = _read_bounded(sidecar, MAX_SIDECAR_BYTES)
        if len(data) > MAX_SIDECAR_BYTES:
            raise InputProblem(f"over {MAX_SIDECAR_BYTES:,} bytes")
        return _clean_meta(json.loads(data.decode("utf-8")), str(sidecar))
    except RecursionError:
        raise InputProblem(f"malformed sidecar {sidecar.name}: nested too deeply") from None
    except (ValueError, InputProblem) as exc:  # JSON, UTF-8 and number-size errors are ValueErrors
        raise InputProblem(f"malformed sidecar {sidecar.name}: {exc}") from None


def read_text_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """One `.txt` article and its optional `NAME.meta.json` sidecar."""
    where = str(path)
    text = decode(_read_bounded(path, max_bytes), where, max_bytes)
    check_text(text)
    sidecar = path.with_name(path.stem + ".meta.json")
    meta = read_sidecar(sidecar) if sidecar.exists() else {}
    return Article(id=_id(path.stem), text=text, source_path=where, **meta)


def _id(raw: str) -> str:
    try:
        return article_id(raw)
    except IdProblem as exc:
        raise InputProblem(str(exc)) from None


def article_from_json(obj: Any, max_bytes: int = MAX_BYTES) -> Article:
    """One JSONL line's object: `id`, `text` and the metadata keys."""
    if not isinstance(obj, dict):
        raise InputProblem("line is not a JSON object")
    if "id" not in obj or "text" not in obj:
        raise InputProblem("line lacks 'id' or 'text'")
    raw_id, text = obj["id"], obj["text"]
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        raise InputProblem("'id' must be a string or a whole number")
    if not isinstance(text, str):
        raise InputProblem("'text' is not a string")
    raw_id = str(raw_id)
    check_unicode(raw_id, "'id'")
    if len(check_unicode(text, "'text'")) > max_bytes:
        raise InputProblem(f"text too large (limit {max_bytes:,} bytes)")
    check_text(text)
    meta = _clean_meta({k: obj.get(k) for k in META_KEYS}, "")
    return Article(id=_id(raw_id), text=text, **meta)


def _parse_line(raw: bytes, max_bytes: int) -> Article:
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputProblem("line is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputProblem(f"malformed JSON: {exc.msg}") from None
    except RecursionError:
        raise InputProblem("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. a number of more digits than Python converts
        raise InputProblem(f"malformed JSON: {exc}") from None
    return article_from_json(obj, max_bytes)


def iter_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    limit = line_limit(max_bytes)
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            for lineno, raw in enumerate(bounded_lines(fh, limit), 1):
                where = f"{path}:{lineno}"
                if raw is TOO_LONG:
                    yield InputError(where, f"line too long (over {limit:,} bytes): skipped")
                    continue
                if not raw.strip():
                    continue
                try:
                    article = _parse_line(raw, max_bytes)
                except InputProblem as exc:
                    yield InputError(where, str(exc))
                    continue
                article.source_path = where
                yield article
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(str(path), f"cannot read: {exc}")


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz", ".ndjson"))


def expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Directories become their `.txt` and `.jsonl` files, sorted so runs are repeatable."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and (p.suffix == ".txt" or _is_jsonl(p)))
            if not found:
                yield InputError(str(path), "directory holds no .txt or .jsonl articles")
            yield from found
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def _all_inputs(paths: Iterable[str | Path], max_bytes: int) -> Iterator[Article | InputError]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        elif _is_jsonl(item):
            yield from iter_jsonl(item, max_bytes)
        else:
            try:
                yield read_text_article(item, max_bytes)
            except InputProblem as exc:
                yield InputError(str(item), str(exc))


def iter_inputs(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Every article under `paths`, in a stable order, with errors in place of bad ones.

    An id read a second time is reported and that article skipped: its record would replace the
    first one's file, losing an article without a word.
    """
    seen = IdRegistry()
    for item in _all_inputs(paths, max_bytes):
        if isinstance(item, Article):
            where = item.source_path or item.id
            first = seen.first_place(item.id, where)
            if first is not None:
                yield InputError(where, f"duplicate article id {item.id!r} (first read at {first}): skipped")
                continue
        yield item
