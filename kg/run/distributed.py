"""The same extraction on a Dask cluster: one machine's cores are not enough for ten million articles.

The client streams the input and keeps a bounded window of batch tasks on the cluster (the same
`kg.run.parallel.ordered_outcomes` window as the local pool), so neither the client nor the scheduler
ever holds the whole corpus; records come back and are written as they complete, in input order.
Each Dask worker builds the extractor once: a worker plugin builds it when the worker joins
(so a broken install fails at start, on every worker, with its own message), and tasks find it in
a per-process cache (which also covers workers that join later or restart).

For corpora too large for one client to feed (it reads every article and writes every record),
`shard_results` (`--shards`) gives each input file whole to one worker, which reads it and writes
its records to a directory every worker shares; the client then handles only file names.

Workers must be able to import `kg` (install the package on every worker) and should run one
thread each (`--nthreads 1`): extraction holds the GIL, so more threads only add memory.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from kg.ingest.inputs import InputError, iter_inputs
from kg.run.parallel import (
    Extracted,
    ExtractorFactory,
    ExtractorFn,
    Outcome,
    Reused,
    build_extractor,
    check_factory,
    extract_batch,
    extract_one,
)
from kg.run.resume import is_done
from kg.vocab.record import Article

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
        check_factory(factory)  # a typo in the factory fails here, not on every worker
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


def run_shard(factory: ExtractorFactory, shard: str, records_dir: str, resume: bool) -> list[Outcome]:
    """Extract every article of one input file on this worker, writing records as it goes.

    Only ids and errors go back to the client (records stay on the shared disk)."""
    extractor = cached_extractor(factory)
    out = Path(records_dir)
    outcomes: list[Outcome] = []
    for item in iter_inputs([shard]):
        if isinstance(item, InputError):
            outcomes.append(item)
        elif resume and is_done(item, out):
            outcomes.append(Reused(item.id))
        else:
            outcome = extract_one(extractor, item, out)
            if isinstance(outcome, Extracted):
                outcome = Extracted(outcome.article_id, b"", written=True)
            outcomes.append(outcome)
    return outcomes


def shard_results(
    client: Client,
    shards: Iterable[Path | InputError],
    records_dir: Path,
    factory: ExtractorFactory,
    resume: bool = False,
) -> Iterator[Outcome]:
    """One task per input file, a bounded number in flight, results in input-file order.

    For corpora split into many `.jsonl.gz` shards on storage every worker can read and write
    (NFS, a cluster file system): the client sends only file names, so it is never the
    bottleneck however many workers there are. Records are the same bytes as any other run.
    """
    client.register_plugin(ExtractorPlugin(factory))
    window = 2 * max(1, sum(client.nthreads().values()))
    pending: deque[Any] = deque()
    for shard in shards:
        if isinstance(shard, InputError):
            pending.append([shard])
        else:
            pending.append(
                client.submit(
                    run_shard, factory, str(shard.resolve()), str(records_dir.resolve()), resume, pure=False
                )
            )
        while len(pending) > window:
            yield from _shard_outcomes(pending.popleft())
    while pending:
        yield from _shard_outcomes(pending.popleft())


def _shard_outcomes(entry: Any) -> list[Outcome]:
    return entry if isinstance(entry, list) else list(entry.result())
