"""Writing a graph out: RDF files (rdf), events.csv (table), GraphML (graphml), an HTML view (html)."""
