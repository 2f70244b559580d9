"""History is no incident: what a report dates years before its own publication is background.

The guidelines leave out «history before the current phase of the war» and anniversaries; ACLED
codes an event from the reports of its days, never again from a retrospective. A film about the
2009 Iranian protests, a profile recalling a 2010 bombing, a court ruling over an attack of years
ago: the trigger words are real, the incident is not news. The dates component has already read
each event's own date; an event dated `years` or more calendar years before the article's
publication is dropped. Undated events, and articles without a publication date, are left alone.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.draft import Draft


def recent(drafts: list[Draft], anchor: dt.date | None, years: int) -> list[Draft]:
    """The drafts not dated `years` or more calendar years before `anchor`."""
    if anchor is None:
        return drafts
    last = anchor.year - years
    return [d for d in drafts if not (d.date and d.date[:4].isdigit() and int(d.date[:4]) <= last)]


@Language.factory(
    "conflict_history",
    default_config={"years": 3},
    requires=["doc._.drafts", "doc._.anchor"],
    assigns=["doc._.drafts"],
)
def make_history(nlp: Language, name: str, years: int) -> HistoryComponent:
    return HistoryComponent(years)


class HistoryComponent:
    """Drops the events dated `years` or more calendar years before publication."""

    def __init__(self, years: int) -> None:
        self.years = years

    def __call__(self, doc: Doc) -> Doc:
        doc._.drafts = recent(list(doc._.drafts or []), doc._.anchor, self.years)
        return doc
