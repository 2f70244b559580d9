"""Record files: one JSON file per article, written whole or not at all.

The bytes of a record are made in one place (`record_bytes`) so that a record written by a
worker process, by a Dask worker or in-process is the same file byte for byte; workers make the
bytes themselves, which keeps serialisation off the parent process that feeds them.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
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
    """Write whole or not at all, like `atomic_path`, but with the fewest system calls: this
    runs once per article, and mkstemp's random name, chmod and checks made it 0.2 ms of an
    article's 4 (0.04 ms this way). The temporary name is unique per process and thread, so
    concurrent writers never share one, and a killed run's leftovers match `.*.json.*`."""
    name = f"{article_id}.json"
    target = records_dir / name
    tmp = records_dir / f".{name}.{os.getpid()}-{threading.get_ident()}"
    try:
        fd = _create(tmp)
    except FileNotFoundError:
        records_dir.mkdir(parents=True, exist_ok=True)
        fd = _create(tmp)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _create(path: Path) -> int:
    """Open a new file for writing (mode 0666 less the umask, as any output file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, 0o666)
