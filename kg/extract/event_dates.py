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
from kg.extract.doc_step import DocStep
from kg.extract.draft import Draft
from kg.extract.matcher import doc_text

if not Doc.has_extension("anchor"):
    Doc.set_extension("anchor", default=None)  # datetime.date of publication, or None


def _distance(h: DateHit, d: Draft) -> int:
    return min(abs(h.start - d.end), abs(d.start - h.end))


def _paragraph_ids(doc: Doc) -> list[int]:
    """A paragraph number per sentence: sentences a blank line or a line break apart differ."""
    text, out, p = doc_text(doc), [], 0
    prev_end = None
    for start, end in doc._.sentences:
        if prev_end is not None and "\n" in text[prev_end:start]:
            p += 1
        out.append(p)
        prev_end = end
    return out


def assign_dates(doc: Doc, back: int = 2) -> None:
    """The day phrase nearest the trigger in its sentence; else the latest day up to `back`
    sentences earlier in its paragraph; else the day the article's lead gives; else a month or
    year in its sentence (often background: «منذ … العام الماضي»). Nothing is guessed from the
    publication date alone."""
    drafts: list[Draft] = doc._.drafts or []
    if not drafts:
        return
    anchor: dt.date | None = doc._.anchor
    want = {d.sent - k for d in drafts for k in range(0, back + 1) if d.sent - k >= 0} | {0, 1, 2}
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
    paragraph = _paragraph_ids(doc)
    lead = next((h for k in range(0, 3) for h in hits.get(k, []) if h.precision == "day" and h.date), None)
    for d in drafts:
        own = hits.get(d.sent) or []
        days = [h for h in own if h.precision == "day"]
        earlier = [
            x
            for k in range(d.sent - 1, d.sent - back - 1, -1)
            if k >= 0 and paragraph[k] == paragraph[d.sent]
            for x in reversed(hits.get(k, []))
            if x.precision == "day"
        ]
        if days:
            h = min(days, key=lambda x, d=d: _distance(x, d))
        elif earlier:  # «وقالت المصادر إن عبوة ناسفة انفجرت …» after «… أمس»: the day told just before
            h = earlier[0]
        elif lead is not None:
            h = lead  # a report's lead dates what its body tells
        elif own:
            h = min(own, key=lambda x, d=d: _distance(x, d))  # only a month or a year is given
        else:
            continue
        d.date_own = h in own
        d.date, d.date_precision = h.date, h.precision if h.date else "unknown"
        d.date_text = doc[h.start : h.end].text


@Language.factory(
    "conflict_event_dates",
    default_config={"back": 2},
    requires=[
        "doc._.drafts",
        "doc._.anchor",
        "doc._.raw_text",
        "doc._.sentences",
        "doc._.tok_sent",
        "doc._.norms",
    ],
    assigns=["doc._.drafts"],
)
def make_event_dates(nlp: Language, name: str, back: int) -> DocStep:
    return DocStep(assign_dates, {"back": back})
