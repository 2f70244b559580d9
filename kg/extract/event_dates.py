"""Date each event from the date phrase nearest its trigger, resolved against publication.

The anchor is the article's publication date (`doc._.anchor`, set by the Extractor); without
one, relative phrases keep their text and stay unresolved rather than being guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.dates import DateHit, find_dates
from kg.extract.draft import Draft

if not Doc.has_extension("anchor"):
    Doc.set_extension("anchor", default=None)  # datetime.date of publication, or None


def assign_dates(doc: Doc) -> None:
    drafts: list[Draft] = doc._.drafts or []
    if not drafts:
        return
    anchor: dt.date | None = doc._.anchor
    want = {d.sent for d in drafts}
    toks: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(doc._.tok_sent):
        if s in want:
            toks[s].append(i)
    hits: dict[int, list[DateHit]] = {}
    norms = doc._.norms
    for s, idx in toks.items():
        lo, hi = idx[0], idx[-1] + 1
        hits[s] = [
            DateHit(h.start + lo, h.end + lo, h.date, h.precision) for h in find_dates(norms[lo:hi], anchor)
        ]
    for d in drafts:
        cands = hits.get(d.sent) or []
        if not cands:
            continue
        h = min(cands, key=lambda h: min(abs(h.start - d.end), abs(d.start - h.end)))
        d.date, d.date_precision = h.date, h.precision if h.date else "unknown"
        d.date_text = doc[h.start : h.end].text


@Language.component("conflict_event_dates")
def event_dates_component(doc: Doc) -> Doc:
    assign_dates(doc)
    return doc
