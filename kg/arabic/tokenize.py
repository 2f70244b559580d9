"""A spaCy tokenizer for Arabic news built on camel-tools' `simple_word_tokenize`.

spaCy's own Arabic rules split clitics off words, which moves token boundaries away from what
a reader sees and loses the surface form. Here a token is exactly a whitespace/punctuation
delimited word of the original text, so `token.idx` and `token.text` are always offsets and
substrings of the article as read (diacritics, tatweel and Arabic-Indic digits included);
the normalised form and the clitic readings live on extensions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from camel_tools.tokenizers.word import simple_word_tokenize
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Token
from spacy.util import registry
from spacy.vocab import Vocab

from kg.arabic.clitics import readings
from kg.arabic.normalise import norm


def _norm_token(token: Token) -> str:
    return norm(token.text)


def _readings_token(token: Token) -> tuple[str, ...]:
    return readings(norm(token.text))


# What the tokenizer leaves on every doc so no component iterates spaCy Token objects; the
# pipeline counts these as assigned before its first component (see kg.extract.contracts).
DOC_EXTENSIONS: dict[str, str] = {
    "raw_text": "the text as given: `doc.text` rebuilds the string token by token",
    "tok_words": "the string of every token, whitespace tokens included",
    "tok_starts": "the character offset of every token, whitespace tokens included",
    "word_spans": "(start, end, token index) of every non-space token",
}
ASSIGNS: tuple[str, ...] = tuple(f"doc._.{name}" for name in DOC_EXTENSIONS)


def register_extensions() -> None:
    """Add `token._.norm_ar` and `token._.readings` (getters, so nothing is stored) and the doc
    extensions above (idempotent)."""
    if not Token.has_extension("norm_ar"):
        Token.set_extension("norm_ar", getter=_norm_token)
    if not Token.has_extension("readings"):
        Token.set_extension("readings", getter=_readings_token)
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


KEPT_LEX_ATTRS = (IS_SPACE, IS_PUNCT)

# A run of Arabic letters, diacritics and tatweel holds no symbol, punctuation or emoji, so
# camel-tools would return it whole: such words (most of an article) skip its per-character scan.
_PLAIN_ARABIC = re.compile("[\u0621-\u063a\u0640-\u065f\u0670-\u06d3]+")
_WORD = re.compile(r"\S+")


def split_words(text: str) -> list[tuple[int, int]]:
    """[start, end) of every token of `text`, in order, covering all non-space characters.

    camel-tools returns strings, not positions; each is found again in its word from the
    current position. Anything it drops (rare control characters) becomes its own token, so
    no character of the article is lost and positions never drift.
    """
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        if _PLAIN_ARABIC.fullmatch(word):
            spans.append((start, end))
            continue
        pos = start
        for piece in simple_word_tokenize(word):
            at = text.find(piece, pos, end)
            if at < 0:
                continue  # camel-tools altered the string: leave it to the gap filler below
            _gap(text, pos, at, spans)
            spans.append((at, at + len(piece)))
            pos = at + len(piece)
        _gap(text, pos, end, spans)
    return spans


def _gap(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Emit the non-space runs between two tokens as tokens of their own."""
    i = start
    while i < end:
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < end and not text[j].isspace():
            j += 1
        spans.append((i, j))
        i = j


def _whitespace(
    text: str, start: int, end: int, words: list[str], spaces: list[bool], starts: list[int]
) -> None:
    """Whitespace between tokens: one space is the previous token's trailing space, as spaCy
    keeps it; anything else (newlines, runs of spaces) becomes a whitespace token."""
    gap = text[start:end]
    if words and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
        start += 1
    if gap:
        words.append(gap)
        spaces.append(False)
        starts.append(start)


class ArabicTokenizer:
    """Callable `text -> Doc` whose `doc.text` is the input unchanged."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        register_extensions()

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        starts: list[int] = []  # offset of every token, whitespace tokens included
        kept: list[tuple[int, int, int]] = []  # (start, end, token index) of non-space tokens
        pos = 0
        for start, end in split_words(text):
            if start == pos + 1 and words and text[pos] == " ":
                spaces[-1] = True  # the usual single space: the previous token's trailing space
            elif start > pos:
                _whitespace(text, pos, start, words, spaces, starts)
            kept.append((start, end, len(words)))
            words.append(text[start:end])
            spaces.append(False)
            starts.append(start)
            pos = end
        if pos < len(text):
            _whitespace(text, pos, len(text), words, spaces, starts)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # what later components need, kept here so none of them iterates spaCy Token objects
        doc._.word_spans = kept
        doc._.tok_words = words
        doc._.tok_starts = starts
        doc._.raw_text = text
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    # spaCy serialises the tokenizer with the pipeline; this one has no state to save.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> ArabicTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> ArabicTokenizer:
        return self


@registry.tokenizers("conflict_kg.arabic_tokenizer.v1")
def create_arabic_tokenizer() -> Callable[[Any], ArabicTokenizer]:
    """Config entry point: `[nlp.tokenizer] @tokenizers = "conflict_kg.arabic_tokenizer.v1"`."""

    def make(nlp: Any) -> ArabicTokenizer:
        return ArabicTokenizer(nlp.vocab)

    return make


def blank_arabic() -> Any:
    """A blank spaCy "ar" pipeline with this tokenizer: the base `make_nlp` builds on."""
    import spacy

    nlp = spacy.blank("ar")
    # spaCy computes ~20 lexical attributes (shape, like_url, stop word …) for every word it has
    # not seen before, a tenth of the extractor's time; no component reads them (they work on
    # the folded forms and clitic readings), so only whitespace and punctuation flags are kept
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {a: getters[a] for a in KEPT_LEX_ATTRS if a in getters}
    nlp.tokenizer = ArabicTokenizer(nlp.vocab)
    return nlp
