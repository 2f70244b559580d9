"""Run the extractor over a stream of articles on every core, in bounded memory, in input order.

Why it is shaped this way:

- The extractor is named by a *factory* (a "module:attribute" string or a picklable callable),
  not passed as an object, because its spaCy pipeline and lexicons are costly to build and do
  not pickle well: each worker process builds it once, in the pool initializer.
- Articles go out in small batches (IPC per batch, not per article) through a sliding window of
  at most `window` batches in flight; the input is read only as fast as results come back, so a
  ten-million-line `.jsonl.gz` needs no more memory than ten lines.
- Results are taken from the head of the window, so they come back in input order whatever the
  number of workers: record files, the graph built from them and the run summary do not depend
  on `--workers`.
- An exception on one article becomes an `InputError` naming it; a worker process that dies takes
  only its own batch with it (reported per article) and the pool is restarted for the rest.
  Only an extractor that cannot be built at all stops the run (`StartupError`).

The same window drives a Dask cluster (`kg.run.distributed`): a backend is anything with
`submit(batch) -> future` and `close()`.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import multiprocessing
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Protocol

from kg.ingest.inputs import InputError
from kg.run.records import parse_record, record_bytes, write_record_bytes
from kg.run.resume import input_digest, stamp
from kg.run.startup import settle_gc, without_torch
from kg.vocab.record import Article, ExtractionRecord

ExtractorFn = Callable[[Article], ExtractionRecord]
ExtractorFactory = str | Callable[[], ExtractorFn]

DEFAULT_FACTORY = "kg.extract:Extractor"
BATCH_SIZE = 8  # ~40 ms of work per task on this extractor: IPC overhead is negligible
MAX_CONSECUTIVE_DEATHS = 4  # workers dying this many times in a row cannot be one bad article
RECYCLE_AFTER = 10_000  # articles per worker before it is replaced (memory grows with vocabulary)
SMALL_RUN = 200  # with the worker count left to us, fewer articles than this run in-process


class StartupError(RuntimeError):
    """The extractor could not be built: nothing can be extracted, so the run stops."""


# a record that cannot be written for one of these cannot be written for the next article either
DISK_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}
)


class RecordWriteError(StartupError):
    """Records cannot be written at all (a full disk, a read-only folder): the run stops with one
    message instead of one per article. Its args are those of the OSError (it crosses processes)."""

    def __init__(self, code: int, reason: str, path: str) -> None:
        super().__init__(code, reason, path)
        self.code, self.reason, self.path = code, reason, path

    def __str__(self) -> str:
        return f"cannot write records: {self.reason}: {self.path}"

    def oserror(self) -> OSError:
        return OSError(self.code, self.reason, self.path)


@dataclass(frozen=True)
class Reused:
    """An article skipped on `--resume` because its up-to-date record is already on disk."""

    article_id: str


@dataclass(frozen=True)
class Extracted:
    """A fresh record as the bytes of its file, made (and, locally, written) where it was extracted."""

    article_id: str
    payload: bytes
    written: bool = False  # True when the worker already wrote the record file

    def record(self) -> ExtractionRecord:
        return parse_record(self.payload)


Outcome = Extracted | Reused | InputError


def resolve_factory(spec: ExtractorFactory) -> Callable[[], ExtractorFn]:
    """`"pkg.mod:Name"` (or `"pkg.mod.Name"`) → the object; a callable is returned as is."""
    if not isinstance(spec, str):
        return spec
    module, sep, attr = spec.partition(":")
    if not sep:
        module, _, attr = spec.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]
    except (ImportError, AttributeError, ValueError) as exc:
        raise StartupError(f"cannot load extractor {spec!r}: {exc}") from exc


def check_factory(spec: ExtractorFactory) -> None:
    """Fail early on a factory whose module does not exist, without importing it here: the
    parent of a pool or a Dask client need not pay for the extractor's imports and memory."""
    if not isinstance(spec, str):
        return
    module = spec.partition(":")[0] if ":" in spec else spec.rpartition(".")[0]
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise StartupError(f"cannot load extractor {spec!r}: no module named {module!r}")


def build_extractor(spec: ExtractorFactory) -> ExtractorFn:
    factory = resolve_factory(spec)
    try:
        return factory()
    except Exception as exc:
        raise StartupError(f"cannot build extractor {spec!r}: {exc!r}") from exc


def extract_one(
    extractor: ExtractorFn, article: Article, records_dir: Path | None = None
) -> Extracted | InputError:
    """One article, stamped with its input digest; a crash becomes an error naming the article.

    With `records_dir` the record file is written here, in the worker: creating files is a
    large part of the per-article cost on some file systems, and the parent that feeds every
    worker must stay light or it becomes the bottleneck.
    """
    try:
        record = extractor(article)
        if record.article_id != article.id:
            raise ValueError(f"extractor returned a record for {record.article_id!r}")
        payload = record_bytes(stamp(record, input_digest(article)))
    except Exception as exc:  # one pathological text must not end a batch of thousands
        return InputError(article.source_path or article.id, f"extraction failed: {exc!r}")
    if records_dir is None:
        return Extracted(article.id, payload)
    try:
        write_record_bytes(article.id, payload, records_dir)
    except OSError as exc:
        if exc.errno in DISK_ERRNOS:
            path = str(Path(records_dir) / f"{article.id}.json")
            raise RecordWriteError(exc.errno, exc.strerror or str(exc), path) from exc
        return InputError(article.source_path or article.id, f"cannot write its record: {exc}")
    return Extracted(article.id, payload, written=True)


def extract_batch(
    extractor: ExtractorFn, batch: list[Article], records_dir: Path | None = None
) -> list[Extracted | InputError]:
    return [extract_one(extractor, article, records_dir) for article in batch]


class Backend(Protocol):
    def submit(self, batch: list[Article]) -> Any: ...

    def close(self) -> None: ...


class InProcess:
    """`--workers 1`: the same code path, no processes; the extractor is built here once."""

    def __init__(self, factory: ExtractorFactory, records_dir: Path | None = None) -> None:
        self._extractor = build_extractor(factory)
        self._records_dir = records_dir
        # the lexicons just built live as long as the run: out of the collector's sight they
        # are not walked at every full collection (a quarter of the run's time otherwise)
        settle_gc()

    def submit(self, batch: list[Article]) -> Future[list[Extracted | InputError]]:
        done: Future[list[Extracted | InputError]] = Future()
        done.set_result(extract_batch(self._extractor, batch, self._records_dir))
        return done

    def close(self) -> None:
        pass


_WORKER_EXTRACTOR: ExtractorFn | None = None
_WORKER_STARTUP_ERROR: str | None = None
_WORKER_RECORDS_DIR: Path | None = None


def _init_worker(factory: ExtractorFactory, records_dir: Path | None) -> None:
    """Pool initializer: pay the extractor's start-up once per process, not once per article."""
    global _WORKER_EXTRACTOR, _WORKER_STARTUP_ERROR, _WORKER_RECORDS_DIR
    without_torch()
    # numpy (under spaCy) starts an OpenBLAS thread per core that spins for work it never gets
    # here; with one worker per core those threads only steal time from the workers
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _WORKER_RECORDS_DIR = records_dir
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: one message, clean stop
    try:
        _WORKER_EXTRACTOR = build_extractor(factory)
    except StartupError as exc:  # raised in a task instead, where the parent can read it
        _WORKER_STARTUP_ERROR = str(exc)
    settle_gc()


def _run_in_worker(batch: list[Article]) -> list[Extracted | InputError]:
    if _WORKER_EXTRACTOR is None:
        raise StartupError(_WORKER_STARTUP_ERROR or "worker has no extractor")
    return extract_batch(_WORKER_EXTRACTOR, batch, _WORKER_RECORDS_DIR)


class ProcessPool:
    """A local pool of `workers` processes, each holding one extractor.

    Processes are spawned, not forked: the parent may hold threads (progress counter, Dask
    client) and forking a threaded process can deadlock; spawning also behaves the same on
    Linux, macOS and Windows. This is why the CLI entry point must be import-safe.

    Workers are replaced after `recycle_after` articles each: spaCy's vocabulary and the text
    layer's caches grow with every new word, so a worker that has read a million articles holds
    far more memory than one that has read ten thousand. The pool drains, then restarts (a few
    seconds per ten thousand articles a worker); records do not depend on a worker's history.
    The standard library's `max_tasks_per_child` would do this, but deadlocks on Python 3.11
    (cpython gh-115634).
    """

    def __init__(
        self,
        factory: ExtractorFactory,
        workers: int,
        records_dir: Path | None = None,
        recycle_after: int | None = RECYCLE_AFTER,
    ) -> None:
        check_factory(factory)  # fail here, clearly, rather than in every worker
        self._factory = factory
        self._workers = workers
        self._records_dir = records_dir
        self._recycle_at = recycle_after * workers if recycle_after else None
        self._outstanding: set[Future[list[Extracted | InputError]]] = set()
        self._submitted = 0
        self.generations = 1
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self._factory, self._records_dir),
        )

    def _recycle(self) -> None:
        wait(self._outstanding)  # their results stay in their futures for the caller
        self._executor.shutdown(wait=True)
        self._executor = self._start()
        self._outstanding.clear()
        self._submitted = 0
        self.generations += 1

    def submit(self, batch: list[Article]) -> Future[list[Extracted | InputError]]:
        if self._recycle_at is not None and self._submitted >= self._recycle_at:
            self._recycle()
        try:
            future = self._executor.submit(_run_in_worker, batch)
        except BrokenProcessPool:  # a worker died earlier: its batches are reported, start afresh
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            future = self._executor.submit(_run_in_worker, batch)
        self._submitted += len(batch)
        self._outstanding = {f for f in self._outstanding if not f.done()}
        self._outstanding.add(future)
        return future

    def pids(self) -> list[int]:
        """Worker process ids, for memory measurements."""
        return [p.pid for p in (getattr(self._executor, "_processes", None) or {}).values() if p.pid]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def close_nowait(self) -> None:
        """When every result is in (the workers wrote their records), the only thing left to
        wait for is the workers tearing spaCy down: half a second at the end of every run."""
        drained = all(f.done() for f in self._outstanding)
        self._executor.shutdown(wait=not drained, cancel_futures=True)


class _Deaths:
    """Consecutive worker deaths: a few mean a poisonous article, many mean workers cannot run."""

    def __init__(self) -> None:
        self.count = 0

    def died(self, exc: BaseException) -> None:
        self.count += 1
        if self.count >= MAX_CONSECUTIVE_DEATHS:
            raise StartupError(
                f"worker processes keep dying ({self.count} in a row, last: {type(exc).__name__}: {exc}); "
                "if this is an interactive session, run from a script file with an "
                "`if __name__ == '__main__':` guard, or use --workers 1"
            ) from exc

    def lived(self) -> None:
        self.count = 0


def _resolve(entry: tuple[Any, list[Article]], backend: Backend, deaths: _Deaths) -> list[Outcome]:
    future, batch = entry
    if isinstance(future, list):
        return future
    try:
        outcomes = list(future.result())
    except StartupError:
        raise
    except Exception:  # a worker died (segfault, out of memory, killed): find the article that did it
        return [_retry_alone(article, backend, deaths) for article in batch]
    deaths.lived()
    return outcomes


def _retry_alone(article: Article, backend: Backend, deaths: _Deaths) -> Outcome:
    """Batches in flight when a worker dies fail with it; redo their articles one by one, so only
    the article that really kills a worker is lost (and reported)."""
    try:
        (outcome,) = backend.submit([article]).result()
    except StartupError:
        raise
    except Exception as exc:
        deaths.died(exc)
        return InputError(article.source_path or article.id, f"worker died ({type(exc).__name__}): {exc}")
    deaths.lived()
    return outcome  # type: ignore[no-any-return]


def ordered_outcomes(
    items: Iterable[Article | InputError],
    backend: Backend,
    *,
    batch_size: int = BATCH_SIZE,
    window: int = 8,
    skip: Callable[[Article], bool] | None = None,
) -> Iterator[Outcome]:
    """Every item's outcome, in input order, with at most `window` batches in flight.

    Input errors and skipped (resumed) articles travel through the same queue as results, so they
    too come out in input order. An article whose id is already in flight waits until that one
    is done: both would write the same record file, and the later must win, as it does in one
    process, not whichever worker happens to finish last.
    """
    pending: deque[tuple[Any, list[Article]]] = deque()
    batch: list[Article] = []
    in_flight: Counter[str] = Counter()
    deaths = _Deaths()

    def flush() -> None:
        nonlocal batch
        if batch:
            pending.append((backend.submit(batch), batch))
            batch = []

    def resolve_head() -> list[Outcome]:
        entry = pending.popleft()
        for article in entry[1]:  # forget ids no longer in flight: memory stays bounded by the window
            in_flight[article.id] -= 1
            if not in_flight[article.id]:
                del in_flight[article.id]
        return _resolve(entry, backend, deaths)

    for item in items:
        if isinstance(item, InputError):
            flush()
            pending.append(([item], []))
        else:
            if in_flight[item.id] > 0:
                flush()
                while in_flight[item.id] > 0:
                    yield from resolve_head()
            if skip is not None and skip(item):
                flush()
                pending.append(([Reused(item.id)], []))
            else:
                batch.append(item)
                in_flight[item.id] += 1
                if len(batch) >= batch_size:
                    flush()
        while len(pending) > window:  # errors too: a billion bad lines must not queue up here
            yield from resolve_head()
    flush()
    while pending:
        yield from resolve_head()


def default_workers() -> int:
    return os.cpu_count() or 1


def local_backend(
    items: Iterator[Article | InputError],
    factory: ExtractorFactory,
    workers: int | None,
    records_dir: Path | None = None,
) -> tuple[Iterator[Article | InputError], Backend]:
    """Pick in-process or a pool; `workers=None` means all cores, unless the input is small.

    Spawning workers costs a second or two each, more than a few hundred articles take in one
    process, so when the worker count is left open the first SMALL_RUN items are read ahead and
    a run that ends within them stays in-process (records are identical either way).
    """
    if workers is None:
        workers = default_workers()
        head: list[Article | InputError] = []
        for item in items:
            head.append(item)
            if len(head) >= SMALL_RUN:
                break
        else:
            workers = 1
        items = chain(head, items)
    if workers <= 1:
        return items, InProcess(factory, records_dir)
    return items, ProcessPool(factory, workers, records_dir)
