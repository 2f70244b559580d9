"""The shared vocabulary of every stage: the ontology (package data in ontology/), its terms as
Python constants, the extraction record that passes from extractor to graph, and article ids.
"""

# Where instance IRIs live unless `--base` says otherwise. Defined here, with no rdflib import,
# so the command line (kg.run.pipeline) reads it without loading rdflib; kg.vocab.terms too.
DEFAULT_BASE = "https://w3id.org/conflict-kg/id/"
