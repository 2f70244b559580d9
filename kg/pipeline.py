"""The main job as plain functions: inputs → records → graph → exports.

The command line and notebooks both call these. A bad input never stops a batch: it is reported
(naming the file and line) and the rest go on; only a run in which nothing could be processed
counts as failed. Outputs are written to a temporary name and renamed into place, so a run that
dies half-way leaves the previous outputs whole.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from kg.ingest import InputError, iter_inputs
from kg.model import Article, ExtractionRecord

DEFAULT_BASE = "https://w3id.org/conflict-kg/id/"


@dataclass
class RunSummary:
    """What a run did, for the exit status and for the user."""

    processed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.processed)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_record(record: ExtractionRecord, records_dir: Path) -> Path:
    target = records_dir / f"{record.article_id}.json"
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(record.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def read_record(path: Path) -> ExtractionRecord:
    return ExtractionRecord.from_dict(json.loads(path.read_text(encoding="utf-8")))


def report(error: InputError | str, stream: TextIO | None = None) -> None:
    print(f"conflict-kg: skipped {error}", file=stream or sys.stderr)


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
        if isinstance(item, InputError):
            if on_error:
                on_error(item)
            continue
        try:
            yield extractor(item)
        except Exception as exc:  # a crash on one article must not lose the batch
            if on_error:
                on_error(InputError(item.source_path or item.id, f"extraction failed: {exc!r}"))


def extract_to_dir(inputs: Iterable[str | Path], out: Path) -> RunSummary:
    """`conflict-kg extract`: one record file per article under `out/records/`."""
    summary = RunSummary()
    records_dir = Path(out) / "records"

    def on_error(err: InputError) -> None:
        summary.errors.append(str(err))
        report(err)

    for record in extract_records(inputs, on_error=on_error):
        write_record(record, records_dir)
        summary.processed.append(record.article_id)
    summary.outputs["records"] = records_dir
    return summary


def build(
    inputs: Iterable[str | Path],
    out: Path,
    base: str = DEFAULT_BASE,
    html: bool = True,
) -> RunSummary:
    """`conflict-kg build`: records, then one graph, then every export, under `out/`."""
    from kg.export.html import write_html
    from kg.export.rdf import write_turtle
    from kg.export.table import write_events_csv
    from kg.graph.build import add_record
    from kg.graph.store import new_graph

    out = Path(out)
    summary = RunSummary()
    records_dir = out / "records"
    graph = new_graph()

    def on_error(err: InputError) -> None:
        summary.errors.append(str(err))
        report(err)

    for record in extract_records(inputs, on_error=on_error):
        write_record(record, records_dir)
        add_record(graph, record, base)
        summary.processed.append(record.article_id)
    if not summary.ok:
        return summary
    exports: list[tuple[str, str, Callable[..., object]]] = [
        ("graph.ttl", "turtle", write_turtle),
        ("events.csv", "csv", write_events_csv),
    ]
    if html:
        exports.append(("graph.html", "html", write_html))
    for name, key, writer in exports:
        target = out / name
        with atomic_path(target) as tmp:
            writer(graph, tmp)
        summary.outputs[key] = target
    summary.outputs["records"] = records_dir
    return summary
