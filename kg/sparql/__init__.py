"""SPARQL over a graph: text utilities, a local (rdflib/Oxigraph) and a remote (HTTP store)
back-end, saved queries, loading into stores, and SHACL validation.
"""
