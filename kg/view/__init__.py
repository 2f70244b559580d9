"""The interactive view of the graph: projection to networkx (`project`), layout (`layout`),
and the offline page (`page.write_view`). Kept apart so the analytics and the GEXF export
reuse the projection without loading pyvis.
"""
