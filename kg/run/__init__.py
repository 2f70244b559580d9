"""Running the main job: inputs → records → graph → exports, on one core, all cores or a cluster.

pipeline (the job as plain functions), parallel (every core, bounded memory), distributed (Dask),
resume (skip what is done), records (record files written whole), progress, staging (an output
folder swapped in whole), startup (import cost of workers), errorlog (bounded error lists),
add (extract what a graph store lacks, then hand it the records).
"""
