"""Pick up an interrupted run where it stopped, without trusting a record that is out of date.

Each record carries a digest of the input it was made from (`meta["input_sha256"]`: the article
id, text and metadata). On `--resume` an article is skipped only when its record file exists,
parses, and carries the same digest, so a corrected article (or a new publication date, which
moves every relative date) is extracted again while millions of unchanged ones are not. The
digest lives in the record itself, not in a separate manifest, so the check needs one small file
read per article and no index held in memory, and a record and its digest can never disagree:
records are written to a temporary name and renamed, so a killed run leaves whole records or none.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kg.vocab.record import Article, ExtractionRecord
from kg.vocab.record_file import DIGEST_KEY


def input_digest(article: Article) -> str:
    """What the record depends on: id, text and metadata (the publication date anchors dates)."""
    h = hashlib.sha256()
    for part in (article.id, article.text, json.dumps(article.meta(), sort_keys=True, ensure_ascii=False)):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def stamp(record: ExtractionRecord, digest: str) -> ExtractionRecord:
    record.meta[DIGEST_KEY] = digest
    return record


def record_path(records_dir: Path, article_id: str) -> Path:
    return records_dir / f"{article_id}.json"


def stored_digest(path: Path) -> str | None:
    """The digest a record was made from; None when the file is missing, unreadable or older."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    meta = data.get("meta") if isinstance(data, dict) else None
    value = meta.get(DIGEST_KEY) if isinstance(meta, dict) else None
    return value if isinstance(value, str) else None


def is_done(article: Article, records_dir: Path) -> bool:
    return stored_digest(record_path(records_dir, article.id)) == input_digest(article)


def remove_stale_temporaries(records_dir: Path) -> int:
    """A run killed mid-write leaves `.NAME.json.XXXX` temporaries (never a half record); drop them."""
    removed = 0
    if records_dir.is_dir():
        for tmp in records_dir.glob(".*.json.*"):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed
