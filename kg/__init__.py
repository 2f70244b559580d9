"""conflict-kg: Arabic news reports of armed conflict into an RDF knowledge graph.

The command line is a thin shell over these functions; notebooks call them directly.
"""

from kg.ingest import InputError, iter_inputs
from kg.model import Article, ExtractionRecord

__all__ = ["Article", "ExtractionRecord", "InputError", "iter_inputs"]
__version__ = "0.1.0"
