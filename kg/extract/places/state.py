"""What one article's place scan builds up, in one object the rules read and add to.

Drafts are places found so far (by gazetteer, cue or reference); hits are gazetteer matches
waiting to be resolved once the article's country is known; anaphors are referring nouns
(«المدينة») to point at a place already named; blocked are spans no place may start in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from kg.extract.entity_cues import Cue
from kg.extract.matcher import Tok
from kg.lexicons import PlaceEntry

if TYPE_CHECKING:
    from kg.extract.places.lexicon import PlaceLexicon


@dataclass
class PlaceDraft:
    """A place being assembled from its mentions before ids are given out."""

    key: tuple
    label_ar: str
    kind: str
    label_en: str | None = None
    entry: PlaceEntry | None = None
    country: str | None = None
    base: tuple | None = None  # the key of the place a countryside/facility is built on
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    plain: bool = False  # has a mention that is not only «near»/«south of»
    cued_kind: str | None = None
    first: int = 1 << 30
    pending: Hit | None = None  # a facility's gazetteer base, resolved with the other hits

    def add(self, start: int, end: int, precise: bool) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
        self.plain = self.plain or precise
        self.first = min(self.first, start)


@dataclass
class Hit:
    """A gazetteer match awaiting disambiguation."""

    start: int
    end: int
    candidates: tuple[PlaceEntry, ...]
    precise: bool
    cue_kind: str | None = None  # the kind a cue word in front of it stated
    silent: bool = False  # resolved for the places built on it, but not a mention itself
    words: tuple[str, ...] = ()  # the name as matched, for a new place when no entry fits
    label: str = ""
    stripped: bool = False  # matched only after taking a proclitic off («لقاح» → «قاح»)
    everyday: bool = False  # a context-only name («صور», «العمارة», «الضفة»): also an everyday word


@dataclass
class PlaceState:
    """One doc's scan. `lx` is the pipeline's shared gazetteer and cue indexes."""

    lx: PlaceLexicon
    doc: Doc
    toks: Sequence[Tok]
    drafts: dict[tuple, PlaceDraft] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    anaphors: list[tuple[int, Cue]] = field(default_factory=list)
    blocked: dict[int, int] = field(default_factory=dict)  # start -> end of a span no place starts in
    country: str | None = None  # the article's country, once the scan is done
