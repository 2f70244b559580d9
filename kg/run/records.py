"""Record files: one JSON file per article, written whole or not at all.

The bytes and the whole-file write live in kg.vocab.record_file, below the run and the graph
store alike; workers make the bytes themselves, which keeps serialisation off the parent process
that feeds them, and write them here.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.vocab.record_file import atomic_path, parse_record, record_bytes

__all__ = ["atomic_path", "parse_record", "record_bytes", "write_record_bytes"]


def write_record_bytes(article_id: str, data: bytes, records_dir: Path) -> Path:
    target = records_dir / f"{article_id}.json"
    with atomic_path(target) as tmp:
        # plain descriptors: cheaper than a buffered file object, once per article
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    return target
