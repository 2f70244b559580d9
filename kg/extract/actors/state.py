"""What one article's actor scan builds up, in one object the rules read and add to.

The rules used to pass the drafts, the pending references, the place tokens and the article's
country from method to method; here they are fields of `ActorState`, made once per doc by
`ActorFinder`, so a rule's signature says only where it looks (`st, i, m`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.extract.matcher import Tok
from kg.lexicons import ActorEntry

if TYPE_CHECKING:
    from kg.extract.actors.lexicon import ActorLexicon


@dataclass
class ActorDraft:
    """An actor being assembled from its mentions (token spans) before ids are given out."""

    key: tuple
    label_ar: str
    kind: str
    label_en: str | None = None
    country: str | None = None
    entry: ActorEntry | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    first: int = 1 << 30
    office_ar: str | None = None
    office_en: str | None = None

    def add(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        self.first = min(self.first, start)


# (what, start, end, detail): a reference resolved once the whole article is read
Pending = tuple[str, int, int, str]


@dataclass
class ActorState:
    """One doc's scan: its tokens, which of them are places, the article's country, and the
    drafts and pending references found so far. `lx` is the pipeline's shared lexicon."""

    lx: ActorLexicon
    doc: Doc
    toks: Sequence[Tok]
    in_place: set[int]
    country: str | None  # the places' article country; after the scan, the actors' vote if none
    doc_countries: frozenset[str | None]  # the countries of every place the article names
    drafts: dict[tuple, ActorDraft] = field(default_factory=dict)
    pending: list[Pending] = field(default_factory=list)

    def draft(
        self,
        key: tuple,
        label: str,
        kind: str,
        label_en: str | None = None,
        country: str | None = None,
        entry: ActorEntry | None = None,
    ) -> ActorDraft:
        """The draft under `key`, made with these fields the first time the key is seen."""
        d = self.drafts.get(key)
        if d is None:
            d = self.drafts[key] = ActorDraft(key, label, kind, label_en, country, entry)
        return d

    def text(self, s: int, e: int) -> str:
        return " ".join(t.text for t in self.toks[s:e])

    def key_words(self, s: int, e: int) -> tuple[str, ...]:
        return tuple(t.norm for t in self.toks[s:e] if t.is_word)

    def person(self, s: int, e: int, country: str | None) -> ActorDraft:
        """A named person («اللواء X», «وقال X إن»), keyed by the words of the name."""
        d = self.draft(("person", self.key_words(s, e)), self.text(s, e), "person", None, country)
        d.add(s, e)
        return d
