"""Sentences exactly as the scorer cuts them, and per-token normalised forms and readings.

The evaluation finds an event's sentence by splitting on `[.!?؟\\n]+`; using the same split keeps
"within one sentence of the gold trigger" meaning the same thing on both sides. Normalised forms
and clitic readings are computed once per token here and shared by every later component.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.attrs import IDX, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.clitics import readings
from kg.arabic.normalise import norm

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


@Language.component("conflict_sentences")
def annotate_sentences(doc: Doc) -> Doc:
    """Reads token offsets and strings from one array: creating a spaCy Token per word costs
    more than everything done with it here."""
    if len(doc) == 0:
        doc._.sentences, doc._.tok_sent, doc._.norms, doc._.tok_readings = [], [], [], []
        return doc
    arr = doc.to_array([IDX, ORTH, SPACY]).tolist()
    strings = doc.vocab.strings
    words = [strings[o] for _i, o, _sp in arr]
    text = "".join(w + " " if sp else w for w, (_i, _o, sp) in zip(words, arr, strict=True))
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    doc._.sentences = spans
    doc._.tok_sent = [max(0, bisect_right(starts, row[0]) - 1) for row in arr]
    forms = [_forms(w) for w in words]
    doc._.norms = [f[0] for f in forms]
    doc._.tok_readings = [f[1] for f in forms]
    return doc


# the words of a few hundred articles: most tokens of the next ones, and memory stays flat
FORMS_CACHE = 30_000
_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {}


def _forms(word: str) -> tuple[str, tuple[str, ...]]:
    """(normalised form, clitic readings) of a surface word; one dict lookup once seen, since
    news vocabulary repeats (bounded: a stream of junk cannot grow it without limit)."""
    hit = _FORMS.get(word)
    if hit is None:
        n = norm(word)
        hit = (n, readings(n))
        if len(_FORMS) < FORMS_CACHE:
            _FORMS[word] = hit
    return hit
