"""The main job as plain functions: inputs → records → graph → exports.

The command line and notebooks both call these. A bad input never stops a batch: it is reported
(naming the file and line) and the rest go on; only a run in which nothing could be processed
counts as failed. `build` writes its whole output set into a new folder beside the old one and
swaps it in at the end (kg.run.staging), so a run that dies or fails half-way leaves the previous set
whole.

Extraction runs on every core by default (`kg.run.parallel`) or on a Dask cluster (`kg.run.distributed`),
streaming the input through a bounded window, with results in input order so the outputs do not
depend on how many workers made them; `resume=True` skips articles whose record is up to date
(`kg.run.resume`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kg.ingest.inputs import InputError, expand, iter_inputs
from kg.ingest.textsafe import for_terminal
from kg.run.errorlog import ErrorLog
from kg.run.parallel import (
    BATCH_SIZE,
    DEFAULT_FACTORY,
    Backend,
    Extracted,
    ExtractorFactory,
    Outcome,
    Reused,
    extract_one,
    local_backend,
    ordered_outcomes,
)
from kg.run.progress import Progress
from kg.run.records import parse_record, record_bytes, write_record_bytes
from kg.run.resume import is_done, record_path, remove_stale_temporaries
from kg.run.staging import StagedOutput
from kg.vocab import DEFAULT_BASE
from kg.vocab.record import Article, ExtractionRecord

if TYPE_CHECKING:
    from kg.export.table_rows import TableRows


@dataclass
class RunSummary:
    """What a run did, for the exit status and for the user."""

    processed: list[str] = field(default_factory=list)
    errors: ErrorLog = field(default_factory=ErrorLog)  # the first messages; `errors.total` counts all
    outputs: dict[str, Path] = field(default_factory=dict)
    reused: list[str] = field(default_factory=list)  # skipped on resume: their record was up to date

    @property
    def ok(self) -> bool:
        return bool(self.processed or self.reused)


@dataclass
class RunOptions:
    """How to run extraction; the defaults use every core of this machine."""

    workers: int | None = None  # None: all cores (inputs under a few hundred articles run in-process)
    resume: bool = False
    quiet: bool = False  # no progress bar (it never shows when stderr is not a terminal)
    extractor: ExtractorFactory = DEFAULT_FACTORY  # "module:factory", built once per worker
    dask: bool = False  # a local Dask cluster of `workers` processes
    scheduler: str | None = None  # or an existing Dask scheduler, e.g. "tcp://10.0.0.5:8786"
    batch_size: int | None = None  # articles per task (default 8 local, 32 on Dask)
    window: int | None = None  # batches in flight (default 4 per worker)
    shards: bool = False  # Dask: one task per input file, read and written by the worker (shared disk)


def write_record(record: ExtractionRecord, records_dir: Path) -> Path:
    return write_record_bytes(record.article_id, record_bytes(record), records_dir)


def read_record(path: Path) -> ExtractionRecord:
    return parse_record(Path(path).read_bytes())


def report(error: InputError | str, stream: TextIO | None = None) -> None:
    print(for_terminal(f"conflict-kg: skipped {error}"), file=stream or sys.stderr)


def _note(summary: RunSummary, error: InputError | str, shown: str, progress: Progress) -> None:
    """Count an error; show it only while it is among the first kept, then say once that the
    rest are counted but not shown (a billion bad lines must not become a billion messages).
    Past the limit nothing is formatted: counting is all a dropped error costs."""
    log = summary.errors
    if len(log) >= log.limit:
        log.add("")
        if log.dropped == 1:
            progress.write(f"conflict-kg: over {log.limit} inputs skipped: the rest are counted, not shown")
        return
    message = str(error)
    log.add(message)
    progress.write(for_terminal(f"conflict-kg: {shown}{message}"))


def extract_records(
    inputs: Iterable[str | Path],
    extractor: Callable[[Article], ExtractionRecord] | None = None,
    on_error: Callable[[InputError], None] | None = report,
) -> Iterator[ExtractionRecord]:
    """Records for every readable article under `inputs`, in input order.

    An article the extractor fails on is reported like a bad file, so one pathological text
    cannot end a batch of thousands.
    """
    if extractor is None:
        from kg.extract import Extractor

        extractor = Extractor()
    for item in iter_inputs(inputs):
        result = item if isinstance(item, InputError) else extract_one(extractor, item)
        if isinstance(result, InputError):
            if on_error:
                on_error(result)
            continue
        yield result.record()


def _open_backend(
    items: Iterator[Article | InputError], options: RunOptions, records_dir: Path, stack: ExitStack
) -> tuple[Iterator[Article | InputError], Backend, int, int]:
    """The backend for `options`, closed by `stack`; also the batch size and window that suit it."""
    if options.dask or options.scheduler:
        from kg.run.distributed import DaskBackend, dask_client

        client = stack.enter_context(dask_client(options.scheduler, options.workers))
        dask_backend = DaskBackend(client, options.extractor)
        window = options.window or 4 * dask_backend.threads()
        return items, dask_backend, options.batch_size or 32, window
    items, backend = local_backend(items, options.extractor, options.workers, records_dir)
    stack.callback(getattr(backend, "close_nowait", backend.close))
    workers = options.workers or os.cpu_count() or 1
    return items, backend, options.batch_size or BATCH_SIZE, options.window or 4 * workers


def _shard_outcomes(
    inputs: list[str | Path], options: RunOptions, records_dir: Path, stack: ExitStack
) -> Iterator[Outcome]:
    """`--shards`: each input file goes whole to one Dask worker, which writes its own records."""
    if not (options.dask or options.scheduler):
        raise ValueError("--shards sends whole input files to Dask workers: add --dask or --scheduler")
    from kg.run.distributed import dask_client, shard_results

    client = stack.enter_context(dask_client(options.scheduler, options.workers))
    return _flag_repeats(
        shard_results(client, expand(inputs), records_dir, options.extractor, options.resume)
    )


def _flag_repeats(outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
    """Each shard is read by its own worker, which reports ids repeated inside it; an id two
    shards share is only seen here, after both wrote the one record file: report it."""
    seen: set[str] = set()
    for outcome in outcomes:
        if isinstance(outcome, Extracted | Reused):
            if outcome.article_id in seen:
                message = "article id also used in another shard: its record file holds only one of them"
                yield InputError(outcome.article_id, message)
                continue
            seen.add(outcome.article_id)
        yield outcome


def run_extraction(
    inputs: Iterable[str | Path],
    out: Path,
    options: RunOptions,
    on_record: Callable[[ExtractionRecord], None] | None = None,
    desc: str = "extract",
) -> RunSummary:
    """Stream `inputs` through the extractor, writing `out/records/ID.json` in input order.

    `on_record` sees every record, fresh or (on resume) read back from disk, in input order: the
    graph builder hangs on it. Bad inputs and failed articles are reported and counted.
    """
    inputs = list(inputs)
    summary = RunSummary()
    records_dir = Path(out) / "records"
    records_dir.mkdir(parents=True, exist_ok=True)
    if options.resume:
        remove_stale_temporaries(records_dir)

    def up_to_date(article: Article) -> bool:
        return is_done(article, records_dir)

    with ExitStack() as stack:
        progress = stack.enter_context(Progress(inputs, quiet=options.quiet, desc=desc))
        outcomes: Iterable[Outcome]
        if options.shards:
            outcomes = _shard_outcomes(inputs, options, records_dir, stack)
        else:
            articles = iter_inputs(inputs)
            items, backend, batch_size, window = _open_backend(articles, options, records_dir, stack)
            skip = up_to_date if options.resume else None
            outcomes = ordered_outcomes(items, backend, batch_size=batch_size, window=window, skip=skip)
        for outcome in outcomes:
            if isinstance(outcome, InputError):
                _note(summary, outcome, "skipped ", progress)
                progress.update(failed=1)
                continue
            if isinstance(outcome, Reused):
                summary.reused.append(outcome.article_id)
            else:
                if not outcome.written:  # Dask workers may not share our disk: write here
                    write_record_bytes(outcome.article_id, outcome.payload, records_dir)
                summary.processed.append(outcome.article_id)
            if on_record:
                try:
                    on_record(
                        outcome.record()
                        if isinstance(outcome, Extracted) and outcome.payload
                        else read_record(record_path(records_dir, outcome.article_id))
                    )
                except ValueError as exc:  # e.g. the graph builder's RecordError: that article only
                    _note(summary, f"{outcome.article_id}: {exc}", "not in the graph: ", progress)
            progress.update()
    summary.outputs["records"] = records_dir
    return summary


def extract_to_dir(inputs: Iterable[str | Path], out: Path, options: RunOptions | None = None) -> RunSummary:
    """`conflict-kg extract`: one record file per article under `out/records/`."""
    return run_extraction(inputs, out, options or RunOptions())


def build(
    inputs: Iterable[str | Path],
    out: Path,
    base: str = DEFAULT_BASE,
    html: bool = True,
    options: RunOptions | None = None,
    formats: Iterable[str] | None = None,
    keep_apart: Iterable[tuple[str, str]] = (),
    table: TableRows | None = None,
) -> RunSummary:
    """`conflict-kg build`: records, then one merged graph, then every export, under `out/`.
    `table`: which events become rows of events.csv (default: kg/export/table_rows.toml).

    The graph is built from the record files once extraction is done, not as records arrive:
    merging the same incident told by several articles needs all of them, and reading the
    records back twice from disk keeps memory flat however large the corpus. Everything is
    written into a new folder beside `out` and swapped in at the end (kg.run.staging), or not at all.
    """
    with StagedOutput(out) as staged:
        summary = _build_into(inputs, staged.path, base, html, options, formats, keep_apart, table)
        if summary.ok:
            staged.commit()
    summary.outputs = {key: staged.final(path) for key, path in summary.outputs.items()}
    return summary


def _build_into(
    inputs: Iterable[str | Path],
    out: Path,
    base: str,
    html: bool,
    options: RunOptions | None,
    formats: Iterable[str] | None,
    keep_apart: Iterable[tuple[str, str]] = (),
    table: TableRows | None = None,
) -> RunSummary:
    """`build`'s work, every file of it under `out` (the staging folder). `keep_apart`: report
    pairs an analyst split (kg.graph.review), never merged."""
    from kg.export import DEFAULT_FORMATS, write_exports  # an extract-only run needs neither
    from kg.graph.merge import build_merged_graph

    out = Path(out)
    summary = run_extraction(inputs, out, options or RunOptions(), desc="build")
    records_dir = summary.outputs.pop("records")
    if not summary.ok:
        return summary
    ids = list(dict.fromkeys([*summary.processed, *summary.reused]))

    def records() -> Iterator[ExtractionRecord]:
        return (read_record(record_path(records_dir, aid)) for aid in ids)

    def rejected(article_id: str, exc: Exception) -> None:
        if summary.errors.add(f"{article_id}: {exc}"):
            report(f"{article_id}: {exc}")

    graph, _ = build_merged_graph(records, base, splits=keep_apart, on_error=rejected)
    if formats is None:
        formats = [f for f in DEFAULT_FORMATS if html or f != "html"]
    summary.outputs.update(write_exports(graph, out, formats, table))
    summary.outputs["records"] = records_dir
    return summary
