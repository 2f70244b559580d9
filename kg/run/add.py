"""`conflict-kg add`'s extraction half: read and extract the inputs a graph store lacks.

The store (kg.graph.persist) takes records only; deciding which inputs need extracting (those
not in the store, or changed since: the input digest of kg.run.resume), running the extractor
on every core and collecting the inputs that failed is the run's work, done here, so the graph
layer never imports the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph.persist import AddSummary, GraphStore
from kg.ingest.inputs import InputError, iter_inputs
from kg.run.errorlog import ErrorLog
from kg.run.parallel import DEFAULT_FACTORY, ExtractorFactory, Reused, local_backend, ordered_outcomes
from kg.run.resume import input_digest
from kg.vocab.record import Article, ExtractionRecord


@dataclass
class AddRunSummary(AddSummary):
    errors: ErrorLog = field(default_factory=ErrorLog)  # inputs that could not be read or extracted


def add_inputs(
    store: GraphStore,
    inputs: Iterable[str | Path],
    extractor: ExtractorFactory | None = None,
    workers: int | None = 1,
    on_error: Callable[[str], None] | None = None,
) -> AddRunSummary:
    """Extract articles not in the store (or changed since) and add them in one step."""
    summary = AddRunSummary()
    known = store.manifest().articles if store.live() else {}

    def unchanged(article: Article) -> bool:
        return known.get(article.id) == input_digest(article)

    def fresh() -> Iterator[ExtractionRecord]:
        items, backend = local_backend(iter_inputs(inputs), extractor or DEFAULT_FACTORY, workers)
        try:
            for outcome in ordered_outcomes(items, backend, skip=unchanged):
                if isinstance(outcome, InputError):
                    if summary.errors.add(str(outcome)) and on_error:
                        on_error(str(outcome))
                elif isinstance(outcome, Reused):
                    summary.unchanged.append(outcome.article_id)
                else:
                    yield outcome.record()
        finally:
            backend.close()

    store.add_records(fresh(), summary)
    return summary
