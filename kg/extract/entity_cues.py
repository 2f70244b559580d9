"""Cue words for entities: the data that finds names no lexicon holds from their context.

«حي X», «بلدة X», «كتائب X», «مراسل X», «الناطق باسم X», titles before person names, the head
nouns a nationality adjective turns into a state force — all live in `kg/lexicons/cues.tsv`
(and nationality adjectives in `nationalities.tsv`), so the rules stay general and reviewable
and a new cue is a line of data, not code. (Event cues are `kg.extract.cues`, a separate table.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.arabic.clitics import proclitic_readings, starts_with_article, with_article
from kg.arabic.normalise import norm
from kg.extract.matcher import AliasIndex, Match, Tok, alias_words
from kg.lexicons.tables import CUES, NATIONALITIES
from kg.lexicons.tsv import LexiconError

_NONE: frozenset[str] = frozenset()

# cue types listed with their article where they take one: «المدني» (of «الدفاع المدني») is not
# the victim word «مدني», and «الشيخ» is a title where «شيخ» may start a place name
KEEP_ARTICLE = frozenset({"civilians", "title", "force_head", "generic_actor", "militia_head", "source_head"})


@dataclass(frozen=True, slots=True)
class Cue:
    cue: str
    type: str
    kind: str
    number: str
    label_en: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Nationality:
    adjective: str
    country: str | None
    demonym_en: str
    country_names: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    """One alias index per cue type, plus single-word sets for cheap membership checks."""

    index: dict[str, AliasIndex[Cue]]
    words: dict[str, frozenset[str]]
    nationality: AliasIndex[Nationality]
    country_names: AliasIndex[Nationality]
    _types: dict[str, frozenset[str]] = field(default_factory=dict)
    _by_first: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # first word of any cue -> its cue types: a new word's types are then a few dict hits
        # instead of a membership test in each of the ~30 indexes (new words are ~15% of tokens)
        by_first: dict[str, set[str]] = {}
        for type_, idx in self.index.items():
            for word in idx.first_words():
                by_first.setdefault(word, set()).add(type_)
        self._by_first.update({w: frozenset(ts) for w, ts in by_first.items()})

    def at(self, type_: str, toks: Sequence[Tok], i: int, max_rank: int | None = None) -> Match[Cue] | None:
        """The cue of this type starting at token i, or None."""
        if type_ not in self.types_of(toks[i].norm):
            return None  # the common case, answered from a per-word cache
        return self.index[type_].match_at(toks, i, max_rank)

    def types_of(self, word_norm: str) -> frozenset[str]:
        """Cue types some cue of which may start with this word (any proclitic reading)."""
        got = self._types.get(word_norm)
        if got is None:
            by_first = self._by_first
            found = [by_first[f] for f in proclitic_readings(word_norm) if f in by_first]
            got = (found[0] if len(found) == 1 else frozenset().union(*found)) if found else _NONE
            if len(self._types) < 30_000:  # bounded: memory stays flat over a long run
                self._types[word_norm] = got
        return got

    def has(self, type_: str, word: str) -> bool:
        return word in self.words.get(type_, frozenset())


def parse_cues(path: Path | None = None) -> list[Cue]:
    out: list[Cue] = []
    for no, c in CUES.numbered(path):
        words = alias_words(c.cue)
        if not words:
            raise LexiconError(f"{path or CUES.path}:{no}: empty cue")
        out.append(Cue(c.cue, c.type, c.kind, c.number, c.label_en, words))
    return out


def parse_nationalities(path: Path | None = None) -> list[tuple[tuple[str, ...], Nationality]]:
    """(written forms, nationality): masculine, feminine («ة») and the listed other forms."""
    out = []
    for n in NATIONALITIES.rows(path):
        nat = Nationality(n.adjective_ar, n.country, n.demonym_en, n.country_ar)
        written = {n.adjective_ar, n.adjective_ar + "ة", *n.forms_ar}
        out.append((tuple(sorted(written)), nat))
    return out


@cache
def load_cues() -> Cues:
    index: dict[str, AliasIndex[Cue]] = {}
    words: dict[str, set[str]] = {}
    for c in parse_cues():
        if c.type not in index:
            index[c.type] = AliasIndex(
                min_stripped=2, keep_article=c.type in KEEP_ARTICLE, proclitics_only=True
            )
        index[c.type].add(c.words, c)
        if len(c.words) == 1:
            words.setdefault(c.type, set()).add(c.words[0])
    nat_index: AliasIndex[Nationality] = AliasIndex()
    name_index: AliasIndex[Nationality] = AliasIndex()
    for forms, nat in parse_nationalities():
        for f in forms:
            n = norm(f)
            nat_index.add((n,), nat)
            if not starts_with_article(n):
                nat_index.add((with_article(n),), nat)
        for name in nat.country_names:
            name_index.add(name, nat)
    return Cues(index, {k: frozenset(v) for k, v in words.items()}, nat_index, name_index)
