"""A progress bar for long runs that stays out of logs and pipes.

A run over a million articles needs a rate and an ETA, but a bar written into a CI log or a
redirected stderr is noise, so the bar shows only when stderr is a terminal (and not `--quiet`).
The total is unknown when the run starts because inputs are streamed; a background thread
counts input lines (cheap next to extraction) and the bar gains its total, hence its ETA, when
the count is done. Counting lines over-counts blank or broken lines slightly; the ETA is a guide.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from kg.ingest.inputs import InputError, _is_jsonl, expand

CHUNK = 1 << 20


def count_articles(inputs: Iterable[str | Path], stop: threading.Event | None = None) -> int | None:
    """Roughly how many articles `inputs` hold: one per `.txt`, one per non-empty JSONL line."""
    import gzip

    total = 0
    for item in expand(inputs):
        if stop is not None and stop.is_set():
            return None
        if isinstance(item, InputError):
            continue
        if not _is_jsonl(item):
            total += 1
            continue
        opener = gzip.open if item.name.endswith(".gz") else open
        try:
            with opener(item, "rb") as fh:  # type: ignore[operator]
                last = b"\n"
                while chunk := fh.read(CHUNK):
                    if stop is not None and stop.is_set():
                        return None
                    total += chunk.count(b"\n")
                    last = chunk[-1:]
                if last != b"\n":
                    total += 1
        except (OSError, EOFError):
            continue
    return total


class Progress:
    """Articles done, per second, with an ETA once the input has been counted."""

    def __init__(
        self,
        inputs: Iterable[str | Path] | None = None,
        *,
        quiet: bool = False,
        desc: str = "extract",
        stream: TextIO | None = None,
    ) -> None:
        stream = stream or sys.stderr
        self._stream = stream
        self.enabled = not quiet and _is_terminal(stream)
        sized = _has_width(stream)
        self._bar = tqdm(
            desc=desc,
            unit=" art",
            file=stream,
            disable=not self.enabled,
            dynamic_ncols=sized,  # follow resizes; but a pty that reports 0x0 would show nothing
            ncols=None if sized else 100,
            nrows=None if sized else 24,
            smoothing=0.1,
        )
        self._total: int | None = None
        self._stop = threading.Event()
        self._counter: threading.Thread | None = None
        self.failed = 0
        if self.enabled and inputs is not None:
            paths = list(inputs)
            self._counter = threading.Thread(target=self._count, args=(paths,), daemon=True)
            self._counter.start()

    def _count(self, paths: list[str | Path]) -> None:
        self._total = count_articles(paths, self._stop)

    def update(self, n: int = 1, failed: int = 0) -> None:
        if not self.enabled:
            return
        self.failed += failed
        if self._total is not None and self._bar.total is None:
            self._bar.total = max(self._total, self._bar.n + n)
            self._bar.refresh()
        if failed:
            self._bar.set_postfix(skipped=self.failed, refresh=False)
        self._bar.update(n)

    def write(self, message: str) -> None:
        """A message that does not tear the bar (errors are reported whether or not it shows)."""
        if self.enabled:
            self._bar.write(message, file=self._stream)
        else:
            print(message, file=self._stream)

    def close(self) -> None:
        self._stop.set()
        self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_width(stream: TextIO) -> bool:
    try:
        return os.get_terminal_size(stream.fileno()).columns > 0
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
