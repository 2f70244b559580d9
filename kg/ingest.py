"""Turn paths into articles, one at a time, reporting bad inputs instead of stopping on them.

A batch of a thousand articles should not die on the one file that is empty, binary or in the
wrong encoding: `iter_inputs` yields either an `Article` or an `InputError` naming the file (and
line), and the caller decides what to do with each. Everything is streamed, so a large `.jsonl`
(or `.jsonl.gz`) corpus is never held in memory.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.model import Article

MAX_BYTES = 2_000_000  # a news article is tens of KB; anything far larger is not one article
META_KEYS = ("title", "published", "outlet", "url", "language")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
SAFE_ID = re.compile(r"[^\w.\-]+", re.UNICODE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass
class InputError:
    """A problem with one input; `where` names the file and, for JSONL, the line."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputProblem(Exception):
    pass


def safe_id(raw: str) -> str:
    """Article ids become file names and IRIs: keep letters, digits, '.', '-', '_'."""
    cleaned = SAFE_ID.sub("_", raw.strip()).strip("._")
    if not cleaned:
        raise InputProblem(f"unusable article id {raw!r}")
    return cleaned[:200]


def decode(data: bytes, where: str, max_bytes: int = MAX_BYTES) -> str:
    if not data.strip():
        raise InputProblem("empty file")
    if len(data) > max_bytes:
        raise InputProblem(f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
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
        meta[key] = value.strip()
    if "published" in meta and not ISO_DATE.match(meta["published"]):
        raise InputProblem(f"'published' is not an ISO date: {meta['published']!r}")
    if "published" in meta:
        meta["published"] = meta["published"][:10]
    return meta


def read_text_article(path: Path, max_bytes: int = MAX_BYTES) -> Article:
    """One `.txt` article and its optional `NAME.meta.json` sidecar."""
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputProblem("no such file") from None
    except OSError as exc:
        raise InputProblem(f"cannot read: {exc.strerror}") from None
    text = decode(data, where, max_bytes)
    check_text(text)
    meta: dict[str, Any] = {}
    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.exists():
        try:
            meta = _clean_meta(json.loads(sidecar.read_text(encoding="utf-8")), str(sidecar))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputProblem(f"malformed sidecar {sidecar.name}: {exc}") from None
        except InputProblem as exc:
            raise InputProblem(f"malformed sidecar {sidecar.name}: {exc}") from None
    return Article(id=safe_id(path.stem), text=text, source_path=where, **meta)


def article_from_json(obj: Any, max_bytes: int = MAX_BYTES) -> Article:
    """One JSONL line's object: `id`, `text` and the metadata keys."""
    if not isinstance(obj, dict):
        raise InputProblem("line is not a JSON object")
    if "id" not in obj or "text" not in obj:
        raise InputProblem("line lacks 'id' or 'text'")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputProblem("'text' is not a string")
    if len(text.encode("utf-8")) > max_bytes:
        raise InputProblem(f"text too large (limit {max_bytes:,} bytes)")
    check_text(text)
    meta = _clean_meta({k: obj.get(k) for k in META_KEYS}, "")
    return Article(id=safe_id(str(obj["id"])), text=text, **meta)


def _open_lines(path: Path) -> Iterator[bytes]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:  # type: ignore[operator]
        yield from fh


def iter_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    try:
        lines = _open_lines(path)
        for lineno, raw in enumerate(lines, 1):
            where = f"{path}:{lineno}"
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
                article = article_from_json(obj, max_bytes)
            except UnicodeDecodeError:
                yield InputError(where, "line is not valid UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield InputError(where, f"malformed JSON: {exc.msg}")
                continue
            except InputProblem as exc:
                yield InputError(where, str(exc))
                continue
            article.source_path = where
            yield article
    except (OSError, EOFError) as exc:
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


def iter_inputs(paths: Iterable[str | Path], max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Every article under `paths`, in a stable order, with errors in place of bad ones."""
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
