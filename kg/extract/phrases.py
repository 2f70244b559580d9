"""Phrase tables: word sequences from a TSV matched against tokens by their clitic readings.

Triggers and cue words are data (`kg/lexicons/triggers.tsv`, `event_cues.tsv`). Each entry is
normalised once, verbs are expanded to their common inflections once, and matching a token is a
dict lookup per reading — never a regex over the lexicon — so the cost per token stays flat as
the lexicons grow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from kg.arabic.normalise import norm
from kg.lexicons.tables import FUNCTION_WORDS

T = TypeVar("T")

PERFECT_SUFFIXES = ("", "ت", "وا", "و", "ا", "تا", "ن", "نا", "تم")
IMPERFECT_PREFIXES = ("ي", "ت", "ن")
IMPERFECT_SUFFIXES = ("", "ون", "ان", "ن", "وا")
OBJECT_SUFFIXES = ("", "ه", "ها", "هم", "هما")


def inflect(stem: str) -> set[str]:
    """Perfect, imperfect and passive forms of a normalised verb stem, with object pronouns.

    Unvocalised Arabic writes active and passive alike («قتل», «قُتل»); a hamza-initial or
    derived stem (أعلن, اشتبك, استهدف) drops its alef after the imperfect prefix (يعلن,
    يشتبك); a final weak letter (نفى, ألقى) drops before the perfect suffixes (نفت, ألقوا).
    """
    forms: set[str] = set()
    weak = stem.endswith(("ي", "ا")) and len(stem) >= 3
    perf_base = stem[:-1] if weak else stem
    for suf in PERFECT_SUFFIXES:
        base = stem if suf == "" else perf_base + suf
        for obj in OBJECT_SUFFIXES:
            forms.add(base + obj)
    impf_stem = stem[1:] if stem.startswith("ا") and len(stem) >= 4 else stem
    for pre in IMPERFECT_PREFIXES:
        for suf in IMPERFECT_SUFFIXES:
            body = (impf_stem[:-1] if weak and suf else impf_stem) + suf
            for obj in OBJECT_SUFFIXES:
                forms.add(pre + body + obj)
    if weak:  # «ألقتها», «نفته»
        forms.update(perf_base + "ت" + obj for obj in OBJECT_SUFFIXES)
    return {f for f in forms if len(f) >= 2}


def noun_forms(word: str) -> set[str]:
    """A noun and its indefinite accusative («هجوما», «قتيلا»)."""
    forms = {word}
    if not word.endswith(("ه", "ا", "ات", "ي")):
        forms.add(word + "ا")
    return forms


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int  # token index, exclusive
    payload: T


class PhraseTable(Generic[T]):
    """First word -> [(following words, payload)], longest phrases first."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._firsts: frozenset[str] | None = None

    def add(self, first_forms: Iterable[str], rest: Sequence[str], payload: T) -> None:
        self._firsts = None
        for form in first_forms:
            bucket = self._by_first.setdefault(form, [])
            bucket.append((tuple(rest), payload))
            bucket.sort(key=lambda e: -len(e[0]))

    def first_words(self) -> frozenset[str]:
        if self._firsts is None:
            self._firsts = frozenset(self._by_first)
        return self._firsts

    def match_at(self, readings: Sequence[Sequence[str]], i: int) -> list[Match[T]]:
        """Phrases starting at token i (readings[k] = readings of token k), longest first.

        All payloads of the longest matching phrase are returned (one word can carry a noun
        and a verb entry); shorter phrases follow.
        """
        out: list[Match[T]] = []
        for r in readings[i]:
            bucket = self._by_first.get(r)
            if not bucket:
                continue
            for rest, payload in bucket:
                end = i + 1 + len(rest)
                if end > len(readings):
                    continue
                if all(w in readings[i + 1 + k] for k, w in enumerate(rest)):
                    out.append(Match(i, end, payload))
            if out:
                break
        out.sort(key=lambda m: -(m.end - m.start))
        return out


    def match_split_at(
        self, readings: Sequence[Sequence[str]], i: int, gap: int, skippable: Callable[[int], bool]
    ) -> list[Match[T]]:
        """Two-word phrases whose words stand apart: a verb and its object with the subject
        between («أطلق مسلح النار», «فجر انتحاري نفسه»). Up to `gap` tokens the caller calls
        `skippable` are passed over; the match is the first word alone, so the words between
        stay free for the actor rules. An object that starts a phrase of its own («شنت الطائرات
        غارات») is read there instead."""
        out: list[Match[T]] = []
        firsts = self.first_words()
        for r in readings[i]:
            for rest, payload in self._by_first.get(r, ()):
                if len(rest) != 1 or rest[0] in firsts:
                    continue
                for k in range(i + 1, min(len(readings) - 2, i + gap) + 1):
                    if not skippable(k):
                        break
                    if rest[0] in readings[k + 1]:
                        out.append(Match(i, i + 1, payload))
                        break
            if out:
                break
        return out


def entry_words(form: str, pos: str) -> tuple[set[str], list[str]]:
    """Normalised first-word forms and the remaining words of a TSV `form`."""
    words = [norm(w) for w in form.split()]
    first = inflect(words[0]) if pos == "verb" else noun_forms(words[0])
    return first, words[1:]


@cache
def _function_word_sets() -> dict[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    for row in FUNCTION_WORDS.rows():
        sets.setdefault(row.set, set()).add(norm(row.word))
    return {k: frozenset(v) for k, v in sets.items()}


def function_words(name: str) -> frozenset[str]:
    """A named set of normalised closed-class words from `kg/lexicons/function_words.tsv`."""
    sets = _function_word_sets()
    if name not in sets:
        raise KeyError(f"function_words.tsv has no set {name!r}")
    return sets[name]
