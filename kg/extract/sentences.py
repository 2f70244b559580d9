"""Sentences exactly as the scorer cuts them, and per-token normalised forms and readings.

The evaluation finds an event's sentence by splitting on `[.!?؟\\n]+`; using the same split keeps
"within one sentence of the gold trigger" meaning the same thing on both sides. Normalised forms
and clitic readings are computed once per token here and shared by every later component.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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
    spans = split_sentences(doc.text)
    starts = [s for s, _ in spans]
    doc._.sentences = spans
    doc._.tok_sent = [max(0, bisect_right(starts, t.idx) - 1) for t in doc]
    doc._.norms = [norm(t.text) for t in doc]
    doc._.tok_readings = [readings(n) for n in doc._.norms]
    return doc
