"""The same extraction on a Dask cluster: one machine's cores are not enough for ten million articles.

The client streams the input and keeps a bounded window of batch tasks on the cluster (the same
`kg.parallel.ordered_outcomes` window as the local pool), so neither the client nor the scheduler
ever holds the whole corpus; records come back and are written as they complete, in input order.
Each Dask worker builds the extractor once: a worker plugin builds it when the worker joins
(so a broken install fails at start, on every worker, with its own message), and tasks find it in
a per-process cache (which also covers workers that join later or restart).

Workers must be able to import `kg` (install the package on every worker) and should run one
thread each (`--nthreads 1`): extraction holds the GIL, so more threads only add memory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from kg.ingest import InputError
from kg.model import Article
from kg.parallel import (
    Extracted,
    ExtractorFactory,
    ExtractorFn,
    build_extractor,
    extract_batch,
    resolve_factory,
)

_CACHE: dict[str, ExtractorFn] = {}
_LOCK = threading.Lock()


def _key(factory: ExtractorFactory) -> str:
    if isinstance(factory, str):
        return factory
    return f"{getattr(factory, '__module__', '?')}:{getattr(factory, '__qualname__', repr(factory))}"


def cached_extractor(factory: ExtractorFactory) -> ExtractorFn:
    """This process's extractor for `factory`, built on first use."""
    key = _key(factory)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = build_extractor(factory)
        return _CACHE[key]


def run_batch(factory: ExtractorFactory, batch: list[Article]) -> list[Extracted | InputError]:
    return extract_batch(cached_extractor(factory), batch)


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor on each worker as it starts, before any task arrives."""

    idempotent = True

    def __init__(self, factory: ExtractorFactory) -> None:
        self.factory = factory
        self.name = f"conflict-kg-extractor-{_key(factory)}"

    def setup(self, worker: Any) -> None:
        cached_extractor(self.factory)


class DaskBackend:
    """Submits batches to a cluster; `.result()` on its futures blocks like a local future."""

    def __init__(self, client: Client, factory: ExtractorFactory) -> None:
        resolve_factory(factory)  # a typo in the factory fails here, not on every worker
        self.client = client
        self.factory = factory
        client.register_plugin(ExtractorPlugin(factory))

    def submit(self, batch: list[Article]) -> Any:
        return self.client.submit(run_batch, self.factory, batch, pure=False)

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        pass


@contextmanager
def dask_client(scheduler: str | None = None, n_workers: int | None = None) -> Iterator[Client]:
    """A client on `scheduler` ("tcp://host:8786"), or on a local cluster of worker processes."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: never collide with another cluster
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
