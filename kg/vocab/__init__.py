"""The shared vocabulary of every stage: the ontology (package data in ontology/), its terms as
Python constants, the extraction record that passes from extractor to graph, and article ids.
"""
