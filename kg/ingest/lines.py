"""Lines of a file read in bounded memory: a line longer than the limit is skipped, not held.

`for line in fh` reads each line whole, so one 4 GiB line (four megabytes of gzip) takes 4 GiB
of memory before anything can look at it. `bounded_lines` reads at most `limit + 1` bytes of a
line; a longer one is read on in fixed chunks to its end and dropped, and its place in the
stream is marked with `TOO_LONG` so the caller reports it with its line number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO, Final

SKIP_CHUNK = 1 << 20
TOO_LONG: Final = None


def bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line of `fh` (with its newline), or `TOO_LONG` for a line of more than `limit` bytes."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):  # at most `limit` bytes before the newline
            yield line
            continue
        while not line.endswith(b"\n"):
            line = fh.readline(SKIP_CHUNK)
            if not line:
                break
        yield TOO_LONG
