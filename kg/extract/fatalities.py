"""Attach casualty figures to events: the dead kept apart from the injured.

A count is a death toll when a death word stands right before or after it («مقتل 18»,
«13 شخصا قتلوا», «تسعين شخصا على الأقل سقطوا قتلى», «لقي 41 متمردا حوثيا مصرعهم») and an
injury figure when an injury word does («وإصابة 37 آخرين»); the nearer cue decides. Counts
inside a count («بينهم ثلاثة أطفال») and running totals («ليرتفع عدد الضحايا إلى 46») are
not the incident's toll. Each figure goes to the nearest event in its sentence.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.arabic.numbers import Count, find_counts
from kg.extract.draft import Draft

VIOLENT = frozenset(
    {
        "battle",
        "air_strike",
        "shelling",
        "explosion",
        "attack",
        "violence_against_civilians",
        "territory_change",
    }
)


def classify(doc: Doc, c: Count, before: int, after: int) -> str | None:
    """'dead', 'injured' or None for a count, from the casualty cue nearest to it."""
    at = doc._.cue_at
    sent = doc._.tok_sent
    s0 = sent[c.start]
    for k in range(max(0, c.start - 3), c.start):
        if sent[k] == s0 and at[k] & {"subset", "cumulative"}:
            return None
    best: tuple[int, str] | None = None
    own = at[c.start] & {"dead", "injured"}  # «قتيلان»: the count is the casualty word
    if own and c.end - c.start == 1:
        return "dead" if "dead" in own else "injured"
    for k in range(c.start - 1, max(-1, c.start - before - 1), -1):
        if sent[k] != s0:
            break
        hit = at[k] & {"dead", "injured"}
        if hit:
            best = (c.start - k, "dead" if "dead" in hit else "injured")
            break
    for k in range(c.end, min(len(at), c.end + after)):
        if sent[k] != s0:
            break
        hit = at[k] & {"dead", "injured"}
        if hit:
            dist = k - c.end + 1
            if best is None or dist < best[0]:
                best = (dist, "dead" if "dead" in hit else "injured")
            break
    return best[1] if best else None


def assign_fatalities(doc: Doc, before: int = 3, after: int = 5) -> None:
    drafts: list[Draft] = doc._.drafts or []
    if not drafts:
        return
    by_sent: dict[int, list[Draft]] = defaultdict(list)
    for d in drafts:
        by_sent[d.sent].append(d)
    bounds: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(doc._.tok_sent):
        if s in by_sent:
            bounds[s].append(i)
    norms = doc._.norms
    for s, toks in bounds.items():
        lo, hi = toks[0], toks[-1] + 1
        for c in find_counts(norms[lo:hi]):
            c = Count(c.value, c.start + lo, c.end + lo, c.approx)
            kind = classify(doc, c, before, after)
            if kind is None:
                continue
            violent = [d for d in by_sent[s] if d.type in VIOLENT]
            if not violent:
                continue
            nearest = min(violent, key=lambda d: min(abs(d.start - c.start), abs(d.end - c.end)))
            if kind == "dead" and nearest.fatalities is None:
                nearest.fatalities = c.value
            elif kind == "injured" and nearest.injured is None:
                nearest.injured = c.value


@Language.factory("conflict_fatalities", default_config={"before": 3, "after": 5})
def make_fatalities(nlp: Language, name: str, before: int, after: int) -> FatalitiesComponent:
    return FatalitiesComponent(before, after)


class FatalitiesComponent:
    """Sets `Draft.fatalities`/`injured`; `before`/`after` = how far a casualty cue may stand."""

    def __init__(self, before: int, after: int) -> None:
        self.before, self.after = before, after

    def __call__(self, doc: Doc) -> Doc:
        assign_fatalities(doc, self.before, self.after)
        return doc
