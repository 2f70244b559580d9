"""conflict-kg: Arabic news reports of armed conflict into an RDF knowledge graph.

The command line is a thin shell over these functions; notebooks call them directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.ingest.inputs import InputError, iter_inputs
from kg.vocab.record import Article, ExtractionRecord

if TYPE_CHECKING:
    import pandas as pd


def read_events(path: str | Path) -> pd.DataFrame:
    """events.csv as a typed pandas DataFrame; pandas is imported only when this is called, so
    extraction workers, which import kg, do not pay for it."""
    from kg.export.frame import read_events as read

    return read(path)


__all__ = ["Article", "ExtractionRecord", "InputError", "iter_inputs", "read_events"]
__version__ = "0.1.0"
