"""The word lists, normalised: words that are never names, names that need a cue, common words.

- `stoplist_ar.txt`     ordinary Arabic words that must never be a place alias.
- `context_only_ar.txt` real names that are also ordinary words («الباب», «صور», «الشرعية»):
  matchers accept them only with a place or actor cue.
- `common_words_ar.txt` frequent news words (derived from a corpus, see build_places): no new
  one-word alias may be one of them unless it is listed as context-only.

Kept apart from the tables because reading them needs the Arabic normaliser.
"""

from __future__ import annotations

from functools import cache

from kg.arabic.normalise import norm
from kg.lexicons.tables import COMMON_WORDS, CONTEXT_ONLY, STOPLIST
from kg.lexicons.tsv import WordList


def normalised(words: WordList) -> frozenset[str]:
    return frozenset(norm(w) for w in words.words())


@cache
def load_stoplist() -> frozenset[str]:
    """Normalised words that are never place names (one per line, `#` comments)."""
    return normalised(STOPLIST)


@cache
def load_context_only() -> frozenset[str]:
    """Normalised names that count only next to a cue: they are common words as well."""
    return normalised(CONTEXT_ONLY)


@cache
def load_common_words() -> frozenset[str]:
    """Frequent news words: a new one-word alias must not be one."""
    return normalised(COMMON_WORDS)
