"""Record files: one JSON file per article, written whole or not at all.

The bytes of a record are made in one place (`record_bytes`) so that a record written by a
worker process, by a Dask worker or in-process is the same file byte for byte; workers make the
bytes themselves, which keeps serialisation off the parent process that feeds them.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.model import ExtractionRecord


def record_bytes(record: ExtractionRecord) -> bytes:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def parse_record(data: bytes | str) -> ExtractionRecord:
    return ExtractionRecord.from_dict(json.loads(data))


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_record_bytes(article_id: str, data: bytes, records_dir: Path) -> Path:
    target = records_dir / f"{article_id}.json"
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target
