"""Article ids → names that are safe as file names and IRIs, without two articles sharing one.

An article's id names its record file (`records/ID.json`) and sits in every IRI made from it, so
it may hold only letters, digits, '.', '-' and '_', and must fit a file name (255 bytes, with
room for the temporary-name suffix). Ids that already fit are kept as they are. Any other id
(`a/b`, a NUL or newline, leading dots, 300 Arabic letters) keeps a readable slug of what fits
and gains `~` and 16 hex digits of the SHA-256 of the exact id: `~` never survives in a kept id,
so a hashed name can never equal a kept one, and two different ids get different names (up to a
64-bit hash collision, which `IdRegistry` would still report as a duplicate rather than hide).
"""

from __future__ import annotations

import hashlib
import re

SAFE_CHARS = re.compile(r"[^\w.\-]+", re.UNICODE)
MAX_ID_BYTES = 120  # file names hold 255 bytes; `.ID.json.PID-THREAD` temporaries need the rest
HASH_HEX = 16
HASH_MARK = "~"


class IdProblem(ValueError):
    """An id no article can have (empty, not text)."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_HEX]


def _clip_utf8(text: str, limit: int) -> str:
    """The longest prefix of `text` whose UTF-8 form fits `limit` bytes (never half a letter)."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def article_id(raw: str) -> str:
    """The id an article is filed under: `raw` itself when safe and short, else slug~hash."""
    if not raw.strip():
        raise IdProblem("empty article id")
    printable = raw.encode("utf-8", "replace").decode("utf-8")  # a surrogate becomes '?', then '_'
    kept = printable == raw and not SAFE_CHARS.search(raw) and raw.strip("._") == raw
    if kept and len(raw.encode("utf-8")) <= MAX_ID_BYTES:
        return raw
    slug = SAFE_CHARS.sub("_", printable).strip("._")
    slug = _clip_utf8(slug, MAX_ID_BYTES - len(HASH_MARK) - HASH_HEX).rstrip("._") or "id"
    return f"{slug}{HASH_MARK}{digest(raw)}"


class IdRegistry:
    """The ids read so far in one run and where each was first read, to report repeats.

    Places are kept as (file number, line) in one int, so a corpus of millions of articles costs
    tens of bytes per id beyond the id itself.
    """

    def __init__(self) -> None:
        self._first: dict[str, int] = {}
        self._files: list[str] = []
        self._file_no: dict[str, int] = {}

    def first_place(self, article_id: str, where: str) -> str | None:
        """None the first time `article_id` is seen (and remember `where`), else where it was."""
        seen = self._first.get(article_id)
        if seen is not None:
            file_no, line = divmod(seen, 1 << 40)
            return f"{self._files[file_no]}:{line}" if line else self._files[file_no]
        path, line = _split_place(where)
        if path not in self._file_no:
            self._file_no[path] = len(self._files)
            self._files.append(path)
        self._first[article_id] = (self._file_no[path] << 40) | line
        return None


def _split_place(where: str) -> tuple[str, int]:
    """ "corpus.jsonl:12" → ("corpus.jsonl", 12); a plain path has line 0."""
    path, sep, line = where.rpartition(":")
    if sep and line.isdigit() and path:
        return path, int(line)
    return where, 0
