"""A clitic-aware token trie: find lexicon aliases and cue phrases in a tokenised article.

Aliases are stored as tuples of normalised words keyed by their first word. A text token is
looked up under each of its clitic readings («وبمدينة» → «مدينه»), so «بحلب», «وحلب», «لقوات»
match without one regex per alias; later words of an alias must match as written or as a
suffix/plural reading. Lookups are dict hits per token, so matching cost does not grow with
the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.tokens import Doc

from kg.arabic.clitics import (
    ARTICLE,
    has_proclitic,
    proclitic_readings,
    readings,
    starts_with_article,
    without_article,
)
from kg.arabic.normalise import norm
from kg.arabic.tokenize import split_words

T = TypeVar("T")
MIN_STRIPPED_LETTERS = 3
MAYBE_CACHE = 30_000
MIN_SUFFIX_CUT_LETTERS = 4  # a reading that lost a clitic must keep this many letters to match


@dataclass(slots=True)
class Tok:
    """One word of the article: original span, folded form and clitic readings."""

    text: str
    start: int
    end: int
    norm: str
    readings: tuple[str, ...]
    is_word: bool  # False for punctuation and symbols
    pro: tuple[str, ...] = ()  # readings without proclitics only (no suffix/plural cutting)
    i: int = -1  # index of the spaCy token, for building spans without scanning the doc


Forms = tuple[str, tuple[str, ...], bool, tuple[str, ...]]  # see `word_forms`
if not Doc.has_extension("toks"):
    Doc.set_extension("toks", default=None)  # list[Tok]: the non-space tokens, see `doc_tokens`


def doc_tokens(doc: Doc, forms: Sequence[Forms] | None = None) -> list[Tok]:
    """The article's non-space tokens, kept on the doc (`doc._.toks`, which `conflict_sentences`
    assigns, passing the `forms` it computed for every token) so every component shares them."""
    cached = doc._.toks
    if cached is not None:
        return cached
    text = doc_text(doc)
    spans = doc._.word_spans
    if spans is None:  # a doc not made by ArabicTokenizer
        spans = [(t.idx, t.idx + len(t.text), t.i) for t in doc if not t.is_space]
    if forms is not None:  # computed by `conflict_sentences` for every token already
        toks = [Tok(text[s:e], s, e, *forms[i], i) for s, e, i in spans]
    else:
        toks = [make_tok(text[s:e], s, i) for s, e, i in spans]
    doc._.toks = toks
    return toks


def doc_text(doc: Doc) -> str:
    """`doc.text` rebuilds the string from every token on each access; keep it once."""
    text = doc._.raw_text
    if text is None:
        text = doc._.raw_text = doc.text
    return text


def make_tok(text: str, start: int, i: int = -1) -> Tok:
    forms = FORMS.get(text)
    if forms is None:
        forms = word_forms(text)
    n, reads, word, pro = forms
    return Tok(text, start, start + len(text), n, reads, word, pro, i)


def word_forms(text: str) -> tuple[str, tuple[str, ...], bool, tuple[str, ...]]:
    """(folded form, readings, is a word, proclitic readings) of one surface word, shared by
    every component (`conflict_sentences` reads the same cache).

    The cache is bounded in two generations so memory stays flat over a long run and the
    words in use survive a turnover: when `FORMS` is full its words become the old generation,
    and a word met again is carried back from it instead of being computed again.
    """
    forms = FORMS.get(text)
    if forms is None:
        forms = _OLD_FORMS.get(text) or _forms(text)
        if len(FORMS) >= FORMS_CACHE:
            _OLD_FORMS.clear()
            _OLD_FORMS.update(FORMS)
            FORMS.clear()
        FORMS[text] = forms
    return forms


FORMS: dict[str, tuple[str, tuple[str, ...], bool, tuple[str, ...]]] = {}
_OLD_FORMS: dict[str, tuple[str, tuple[str, ...], bool, tuple[str, ...]]] = {}
FORMS_CACHE = 20_000  # per generation


def _forms(text: str) -> tuple[str, tuple[str, ...], bool, tuple[str, ...]]:
    """Folded form, readings, word-or-punctuation and proclitic readings of one surface word,
    computed once per process: news vocabulary repeats, so tokens are mostly dict hits."""
    n = norm(text)
    if not any(ch.isalnum() for ch in n):
        return n, (n,), False, (n,)
    return n, readings(n), True, proclitic_readings(n)


def tokens_of(text: str) -> list[Tok]:
    """Tokens of a plain string (aliases, test input) without building a spaCy doc."""
    return [make_tok(text[s:e], s) for s, e in split_words(text)]


def alias_words(alias: str) -> tuple[str, ...]:
    """The normalised words of an alias, punctuation dropped («تنظيم (داعش)» → تنظيم داعش)."""
    return tuple(t.norm for t in tokens_of(alias) if t.is_word)


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    payloads: tuple[T, ...]
    rank: int  # which reading of the first token matched: 0 = as written


class AliasIndex(Generic[T]):
    """Aliases → payloads; several payloads may share one alias (ambiguous place names)."""

    def __init__(
        self,
        min_stripped: int = MIN_STRIPPED_LETTERS,
        keep_article: bool = False,
        proclitics_only: bool = False,
    ) -> None:
        """`keep_article`: never match by dropping «ال» — proper names that lack it never take
        it («حلب», not «الحلب»), so «السورية» is an adjective, not the country «سورية»."""
        self._first: dict[str, dict[tuple[str, ...], list[T]]] = {}
        self.min_stripped = min_stripped
        self.keep_article = keep_article
        self.proclitics_only = proclitics_only
        self._maybe: dict[str, bool] = {}  # word -> may some alias start with it
        # first word -> second word -> [(rest of alias, payloads)]
        self._second: dict[str, dict[str, list[tuple[tuple[str, ...], list[T]]]]] = {}

    def add(self, alias: str | tuple[str, ...], payload: T) -> None:
        words = alias if isinstance(alias, tuple) else alias_words(alias)
        if not words:
            return
        self._maybe.clear()
        bucket = self._first.setdefault(words[0], {})
        items = bucket.setdefault(words[1:], [])
        if payload not in items:
            items.append(payload)
        if len(words) > 1:  # longer aliases also keyed by their second word, to skip the rest
            by_second = self._second.setdefault(words[0], {}).setdefault(words[1], [])
            if all(r is not items for _, r in by_second):
                by_second.append((words[1:], items))

    def add_all(self, pairs: Iterable[tuple[str, T]]) -> None:
        for alias, payload in pairs:
            self.add(alias, payload)

    def __contains__(self, word: str) -> bool:
        return word in self._first

    def first_words(self) -> frozenset[str]:
        """Every word some alias starts with."""
        return frozenset(self._first)

    def may_start(self, tok: Tok) -> bool:
        """Whether some alias may start at this token (cached per word)."""
        maybe = self._maybe.get(tok.norm)
        if maybe is None:
            first = self._first
            maybe = any(r in first for r in (tok.pro if self.proclitics_only else tok.readings))
            if len(self._maybe) < MAYBE_CACHE:
                self._maybe[tok.norm] = maybe
        return maybe

    def match_at(self, toks: Sequence[Tok], i: int, max_rank: int | None = None) -> Match[T] | None:
        """The longest alias starting at token i (ties: the least-stripped reading)."""
        tok = toks[i]
        if not tok.is_word or not self.may_start(tok):
            return None  # most words start no alias: one dict lookup says so
        best: Match[T] | None = None
        nxt: set[str] | None = None
        for rank, reading in enumerate(tok.pro if self.proclitics_only else tok.readings):
            if max_rank is not None and rank > max_rank:
                break
            bucket = self._first.get(reading)
            if bucket is None or (rank and not self._stripped_reading_ok(tok, reading, bucket)):
                continue
            single = bucket.get(())
            if single is not None and best is None:
                best = Match(i, i + 1, tuple(single), rank)
            longer = self._second.get(reading)
            if longer is None or i + 1 >= len(toks):
                continue
            if nxt is None:
                nxt = _next_forms(toks[i + 1])
            best = _longest(toks, i, rank, longer, nxt, best)
        return best

    def _stripped_reading_ok(self, tok: Tok, reading: str, bucket: dict[tuple[str, ...], list[T]]) -> bool:
        """Whether a reading that lost a clitic may start an alias: long enough, not an «ال»
        name read without it, and not a short word that only a cut suffix made («وأسهم»)."""
        if len(reading) < self.min_stripped:
            return False
        if self.keep_article and ARTICLE + reading in tok.readings:
            return False
        suffix_cut = reading not in tok.pro
        # «وأسهم» is not «واس» + «هم»: a short one-word alias needs the word
        return not (suffix_cut and len(reading) < MIN_SUFFIX_CUT_LETTERS and () in bucket)

    def find_all(self, toks: Sequence[Tok]) -> list[Match[T]]:
        """Left-to-right, longest-first, non-overlapping matches."""
        out: list[Match[T]] = []
        i = 0
        while i < len(toks):
            m = self.match_at(toks, i)
            if m is None:
                i += 1
            else:
                out.append(m)
                i = m.end
        return out


def _longest(
    toks: Sequence[Tok],
    i: int,
    rank: int,
    longer: dict[str, list[tuple[tuple[str, ...], list[T]]]],
    nxt: set[str],
    best: Match[T] | None,
) -> Match[T] | None:
    """The longest of the many-word aliases keyed by the next token's forms, if longer than best."""
    for w in nxt:
        for rest, payloads in longer.get(w, ()):
            n = len(rest)
            if best is not None and 1 + n <= best.end - best.start:
                continue
            if i + 1 + n > len(toks):
                continue
            if all(_word_matches(toks[i + 1 + k], x) for k, x in enumerate(rest)):
                best = Match(i, i + 1 + n, tuple(payloads), rank)
    return best


def _next_forms(tok: Tok) -> set[str]:
    """Every word an alias's second word could be for `_word_matches` to accept this token."""
    forms = {tok.norm, *tok.readings}
    if starts_with_article(tok.norm):
        forms.add(without_article(tok.norm))
    return forms


def _word_matches(tok: Tok, word: str) -> bool:
    """A non-initial alias word: as written, or with a pronoun/plural ending, never a proclitic
    (a «و» inside a phrase starts a new item, it does not continue the name)."""
    if tok.norm == word:
        return True
    return (word in tok.readings and not has_proclitic(tok.norm)) or (
        starts_with_article(tok.norm) and word == without_article(tok.norm)
    )
