"""The Arabic extractor: an article in, an ExtractionRecord (actors, places, events) out.

`Extractor` builds the spaCy pipeline once (lexicons load once per process) and is called per
article. Input that is not an Arabic news text — empty, Latin-only, markup, or far too long to
be one article — returns an empty record whose `errors` says why, quickly and without raising,
so a batch goes on with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from kg.arabic.dates import parse_anchor
from kg.extract.record import build_record
from kg.vocab.record import Article, ExtractionRecord

MAX_CHARS = 200_000  # a long news article is ~20k characters; beyond this it is not one article
MIN_ARABIC_LETTERS = 20
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,500}>", re.IGNORECASE | re.DOTALL)


def input_problem(text: str) -> str | None:
    """Why a text cannot be read as an Arabic article, or None when it can."""
    if not text or not text.strip():
        return "empty text"
    if len(text) > MAX_CHARS:
        return f"text too long for one article ({len(text):,} characters; the limit is {MAX_CHARS:,})"
    if "\x00" in text:
        return "binary content (NUL characters), not text"
    # counted only up to the minimum: an article has thousands, listing them all is wasted
    letters = sum(1 for _ in islice(ARABIC_LETTER.finditer(text, 0, 20_000), MIN_ARABIC_LETTERS))
    if letters == 0:
        return "no Arabic text to read"
    if letters < MIN_ARABIC_LETTERS:
        return f"too little Arabic text to be an article ({letters} letters)"
    return None


def strip_markup(text: str) -> str:
    """Blank out HTML tags and scripts, keeping every offset: tags become spaces."""
    return MARKUP.sub(lambda m: " " * len(m.group(0)), text) if "<" in text else text


REFRESH_EVERY = 1_000  # articles between two fresh spaCy vocabularies


class Extractor:
    """Callable `Article -> ExtractionRecord`; build once, call many times.

    spaCy's vocabulary keeps every word string it has seen, so a long-running extractor grows
    with the corpus. Every `refresh_every` articles the pipeline is rebuilt on a new vocabulary
    (a third of a second; the lexicon indexes are cached and reused), so memory stays flat
    however many articles a worker sees. No component reads the vocabulary, so records do not
    depend on when that happens.
    """

    def __init__(self, config: dict[str, Any] | None = None, refresh_every: int = REFRESH_EVERY) -> None:
        from kg.extract.pipeline import make_nlp

        self.config = config
        self.refresh_every = refresh_every
        self.nlp = make_nlp(config)
        self._since_refresh = 0

    def _refresh(self) -> None:
        from kg.extract.pipeline import make_nlp

        self.nlp = make_nlp(self.config)
        self._since_refresh = 0

    def __call__(self, article: Article) -> ExtractionRecord:
        if self.refresh_every and self._since_refresh >= self.refresh_every:
            self._refresh()
        self._since_refresh += 1
        text = article.text if isinstance(article.text, str) else ""
        problem = input_problem(text)
        if problem is not None:
            where = article.source_path or article.id
            return ExtractionRecord(
                article_id=article.id, meta=article.meta(), text=text or None, errors=[f"{where}: {problem}"]
            )
        doc = self.doc(article)
        record = build_record(article, doc)
        record.text = text  # offsets index the text as read, markup included
        return record

    def doc(self, article: Article, until: str | None = None) -> Doc:
        """The spaCy doc of a readable article after the pipeline, or after the components
        before `until` (training reads the candidates as the learned components would).

        The doc is made first so the publication date is on it (`doc._.anchor`, an input the
        date components require) before `nlp(doc)` runs the components."""
        doc = self.nlp.make_doc(strip_markup(article.text))
        doc._.anchor = parse_anchor(article.published)
        names = self.nlp.pipe_names
        return self.nlp(doc, disable=names[names.index(until) :] if until in names else ())

    def run(self, doc: Doc, names: Iterable[str]) -> Doc:
        """Only the named components, in pipeline order, on a doc `doc(until=…)` returned:
        training and threshold tuning run the later steps on candidates they keep."""
        wanted = set(names)
        return self.nlp(doc, disable=[n for n in self.nlp.pipe_names if n not in wanted])


@cache
def _default() -> Extractor:
    return Extractor()


def extract(article: Article) -> ExtractionRecord:
    """Extract with a process-wide Extractor built on first use."""
    return _default()(article)
