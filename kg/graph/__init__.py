"""Records to RDF: deterministic IRIs (iris), triples (build), and the store they live in (store)."""
