"""Stage 1, ingest: paths and streams become articles; bad input is reported, never fatal.

inputs (files, folders, JSONL, gzip → Article), lines (bounded line reading), textsafe
(untrusted text made harmless to print).
"""
