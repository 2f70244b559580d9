"""Cue words the event components read: reporting verbs, status, casualty and role markers.

One pass over the doc marks every cue phrase from `kg/lexicons/event_cues.tsv`; later components
ask "is there a failure cue in this clause?" or "where is the nearest casualty noun?" by looking
at `doc._.cues` instead of re-scanning the text.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.phrases import PhraseTable, entry_words
from kg.lexicons.tables import EVENT_CUES

if not Doc.has_extension("cues"):
    Doc.set_extension("cues", default=None)  # list[tuple[start, end, class]] in token order
if not Doc.has_extension("cue_at"):
    Doc.set_extension("cue_at", default=None)  # per token: the classes of cues starting there


@cache
def cue_table() -> PhraseTable[str]:
    table: PhraseTable[str] = PhraseTable()
    for row in EVENT_CUES.rows():
        first, rest = entry_words(row.word, row.pos)
        table.add(first, rest, row.class_)
    return table


def mark_cues(doc: Doc) -> Doc:
    table = cue_table()
    firsts = table.first_words()
    reads = doc._.tok_readings
    cues: list[tuple[int, int, str]] = []
    at: list[frozenset[str]] = [frozenset()] * len(reads)
    for i, rs in enumerate(reads):
        if firsts.isdisjoint(rs):
            continue
        matches = table.match_at(reads, i)
        if matches:
            classes = {m.payload for m in matches}
            for m in matches:
                cues.append((m.start, m.end, m.payload))
            at[i] = frozenset(classes)
    doc._.cues = cues
    doc._.cue_at = at
    return doc


@Language.component("conflict_cues")
def cues_component(doc: Doc) -> Doc:
    return mark_cues(doc)
