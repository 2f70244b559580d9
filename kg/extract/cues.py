"""Cue words the event components read: reporting verbs, status, casualty and role markers.

One pass over the doc marks every cue phrase from `kg/lexicons/event_cues.tsv`; later components
ask "is there a failure cue in this clause?" or "where is the nearest casualty noun?" by looking
at `doc._.cues` instead of re-scanning the text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from kg.extract.phrases import PhraseTable, entry_words
from kg.lexicons.tables import EVENT_CUES as EVENT_CUES_FILE

if not Doc.has_extension("cues"):
    Doc.set_extension("cues", default=None)  # list[tuple[start, end, class]] in token order
if not Doc.has_extension("cue_at"):
    Doc.set_extension("cue_at", default=None)  # per token: the classes of cues starting there
EVENT_CUES = {"@misc": "conflict_kg.event_cues.v1"}


@cache
def cue_table() -> PhraseTable[str]:
    table: PhraseTable[str] = PhraseTable()
    for row in EVENT_CUES_FILE.rows():
        first, rest = entry_words(row.word, row.pos)
        table.add(first, rest, row.class_)
    return table


@registry.misc(EVENT_CUES["@misc"])
def event_cues() -> PhraseTable[str]:
    """The shipped cue phrases (`event_cues.tsv`), the default of `conflict_cues`' config."""
    return cue_table()


def mark_cues(doc: Doc, table: PhraseTable[str] | None = None) -> Doc:
    table = cue_table() if table is None else table
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


@Language.factory(
    "conflict_cues",
    default_config={"table": EVENT_CUES},
    requires=["doc._.tok_readings"],
    assigns=["doc._.cues", "doc._.cue_at"],
)
def make_cues(nlp: Language, name: str, table: PhraseTable[str]) -> Callable[[Doc], Doc]:
    """Pipeline entry point: marks the configured cue phrases, the shipped ones by default."""
    return partial(mark_cues, table=table)
