"""Learning the extractor's context decisions from annotated real news.

corpus: read the ANT 2018 texts by id (never committed) and cut them as the scorer does;
select: choose the articles to annotate, the blind double sample and the test split;
standoff: annotations as ids and offsets, turned into the scorer's gold format on demand;
annotate: the annotators' command line (show an article, check a file, import a batch).
"""
