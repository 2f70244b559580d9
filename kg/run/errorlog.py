"""A list of error messages that counts every error but keeps only the first few.

A corpus of a billion `{}` lines is a billion errors: kept whole, the run summary would need
more memory than the corpus. Callers read `total` for the count and the list for the first
`limit` messages; `add` says whether a message was kept, so the caller shows only those.
"""

from __future__ import annotations

MAX_KEPT = 1000


class ErrorLog(list[str]):
    """The first `limit` messages; `total` counts them all."""

    def __init__(self, limit: int = MAX_KEPT) -> None:
        super().__init__()
        self.limit = limit
        self.total = 0

    def add(self, message: str) -> bool:
        """Count `message`; keep it (and return True) only while fewer than `limit` are kept."""
        self.total += 1
        if len(self) < self.limit:
            super().append(message)
            return True
        return False

    def append(self, message: str) -> None:  # every caller's `errors.append` stays bounded
        self.add(message)

    @property
    def dropped(self) -> int:
        return self.total - len(self)
