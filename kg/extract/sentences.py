"""Sentences exactly as the scorer cuts them, and per-token normalised forms and readings.

The evaluation finds an event's sentence by splitting on `[.!?؟\\n]+`; using the same split keeps
"within one sentence of the gold trigger" meaning the same thing on both sides. Normalised forms
and clitic readings are computed once per token here and shared by every later component.
"""

from __future__ import annotations

import re

from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.tokenize import ASSIGNS as TOKENIZER_ASSIGNS
from kg.extract.matcher import FORMS, doc_text, doc_tokens, word_forms

SENTENCE_SPLIT = re.compile(r"[.!?\u061f\n]+")

for _name in ("sentences", "tok_sent", "norms", "tok_readings"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each non-blank sentence, stripped, in the scorer's numbering."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in SENTENCE_SPLIT.finditer(text):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append((start + lead, start + len(piece.rstrip())))


@Language.component(
    "conflict_sentences",
    requires=list(TOKENIZER_ASSIGNS),
    assigns=["doc._.sentences", "doc._.tok_sent", "doc._.norms", "doc._.tok_readings", "doc._.toks"],
)
def annotate_sentences(doc: Doc) -> Doc:
    """Reads token offsets and strings from one array: creating a spaCy Token per word costs
    more than everything done with it here."""
    if len(doc) == 0:
        doc._.sentences, doc._.tok_sent, doc._.norms, doc._.tok_readings = [], [], [], []
        doc._.toks = []
        return doc
    words = doc._.tok_words
    starts = doc._.tok_starts
    if words is None or starts is None:  # a doc not made by ArabicTokenizer
        arr = doc.to_array([IDX, ORTH]).tolist()
        strings = doc.vocab.strings
        words = [strings[o] for _i, o in arr]
        starts = [i for i, _o in arr]
    spans = split_sentences(doc_text(doc))
    doc._.sentences = spans
    doc._.tok_sent = _sentence_of(starts, [s for s, _ in spans])
    cache = FORMS
    forms = [cache.get(w) or word_forms(w) for w in words]
    doc_tokens(doc, forms)  # `doc._.toks`, built from the forms just computed
    doc._.norms = [f[0] for f in forms]
    doc._.tok_readings = [f[1] for f in forms]
    return doc


def _sentence_of(token_starts: list[int], sentence_starts: list[int]) -> list[int]:
    """Sentence number of each token (tokens before the first sentence belong to it)."""
    out: list[int] = []
    k = 0
    last = len(sentence_starts) - 1
    for s in token_starts:
        while k < last and sentence_starts[k + 1] <= s:
            k += 1
        out.append(k)
    return out
