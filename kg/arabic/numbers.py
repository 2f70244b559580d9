"""Read counts written in Arabic: digits, Arabic-Indic digits and number words.

Casualty figures are written every way at once in Arabic news («13 شخصا», «١٣ قتيلا», «تسعين
شخصا», «ثلاثة وعشرين», «50 ألف», «العشرات»), so the reader works on the normalised tokens the
tokenizer already produced and reports which tokens it used; the caller decides what the count
is a count *of*. The words live in `kg/lexicons/numbers.tsv` (data, not code); vague quantities
take the values ACLED codes them with («عشرات» 10, «العشرات» 12, «المئات» 100).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.arabic.clitics import (
    COMMON_PROCLITICS,
    WA,
    has_conjunction,
    has_proclitic,
    starts_with_article,
    without_article,
    without_conjunction,
    without_proclitic,
)
from kg.arabic.normalise import norm
from kg.lexicons.tables import COUNT_WORDS, NUMBERS

INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
COUNT_WORD_ROLES = ("at_least_after", "more_than_before", "about_before", "one_of")
DIGITS = re.compile(r"^\d+(?:[.,٫٬]\d+)?$")
DECIMAL_POINTS = frozenset({",", "٫", "."})  # «2,5 مليون» when the tokenizer split the digits
STOP_KINDS = frozenset({"vague", "dual"})  # a count by themselves: never part of a compound


@dataclass(frozen=True)
class Count:
    """A number read from tokens[start:end]; `approx` says how the text hedged it."""

    value: int
    start: int
    end: int
    approx: str | None = None  # "at_least", "more_than", "about", "vague"


@cache
def number_words() -> dict[str, tuple[int, str]]:
    """Normalised word -> (value, kind), read once per process."""
    table: dict[str, tuple[int, str]] = {}
    for row in NUMBERS.rows():
        table[norm(row.word)] = (row.value, row.kind)
    return table


def read_count_words(path: Path = COUNT_WORDS.path) -> dict[str, frozenset[tuple[str, ...]]]:
    """Role -> the normalised phrases of a count-words file (hedges around a count, «أحد»);
    a role the schema does not know is an error naming the line."""
    table: dict[str, set[tuple[str, ...]]] = {role: set() for role in COUNT_WORD_ROLES}
    for row in COUNT_WORDS.rows(path):
        table[row.role].add(tuple(norm(w) for w in row.phrase.split()))
    return {role: frozenset(phrases) for role, phrases in table.items()}


@cache
def count_words() -> dict[str, frozenset[tuple[str, ...]]]:
    """`count_words.tsv`, read once per process."""
    return read_count_words()


@cache
def _one_of() -> frozenset[str]:
    return frozenset(w for (w,) in count_words()["one_of"])


def _digits(tok: str) -> float | None:
    t = tok.translate(INDIC_DIGITS)
    if not DIGITS.match(t):
        return None
    return float(re.sub("[,٫٬]", ".", t)) if re.search("[.,٫٬]", t) else float(int(t))


def norm_one(tok: str) -> str:
    bare = without_proclitic(tok, COMMON_PROCLITICS)
    return bare if has_proclitic(tok, COMMON_PROCLITICS) and bare in _one_of() else tok


def _word(tok: str, allow_clitic: bool) -> tuple[int, str] | None:
    """The table entry for a token, optionally behind one proclitic («وعشرين», «بثلاثة»)."""
    table = number_words()
    hit = table.get(tok)
    if hit is not None:
        return hit
    if allow_clitic and len(tok) > 2 and has_proclitic(tok, COMMON_PROCLITICS):
        return table.get(without_proclitic(tok, COMMON_PROCLITICS))
    return None


def _after_al(tok: str) -> tuple[int, str] | None:
    """«الثلاثة» (the three) counts as three; vague words keep their own «ال» entry."""
    if starts_with_article(tok) and len(tok) > 4:
        hit = number_words().get(without_article(tok))
        if hit and hit[1] != "vague" and hit[0] >= 3:
            return hit  # not «الأحد»/«الاثنين», which are weekdays far more often
    return None


def read_count(toks: Sequence[str], i: int) -> Count | None:
    """Read the number that starts at tokens[i] (normalised tokens), or None.

    Handles compounds joined by «و» («ثلاثة وعشرين», «مئة وخمسين»), teens («ثلاثة عشر»),
    multipliers after digits or words («50 ألف», «ثلاثة آلاف»), and decimals («2,5 مليون»).
    """
    if i >= len(toks):
        return None
    first = toks[i]
    num = _digits(first)
    if num is None and has_proclitic(first, COMMON_PROCLITICS):
        num = _digits(without_proclitic(first, COMMON_PROCLITICS))  # «و13» when a clitic stayed on the digits
    if num is not None:
        return _digit_count(toks, i, num)
    hit = _word(first, allow_clitic=True) or _after_al(first)
    if hit is None:
        return None
    value, kind = hit
    teen_next = i + 1 < len(toks) and _word(toks[i + 1], False) == (10, "teen")
    if value == 1 and kind == "unit" and not teen_next and norm_one(first) in _one_of():
        return None  # «أحد أفراد», «بأحد»: "one of", not a count
    if kind == "vague":
        return Count(value, i, i + 1, "vague")
    if kind == "dual":
        return Count(value, i, i + 1)
    return _word_count(toks, i, hit)


def _digit_count(toks: Sequence[str], i: int, num: float) -> Count:
    """Digits at i, with a decimal part split off by the tokenizer and a multiplier word after."""
    n, j = len(toks), i + 1
    if j + 1 < n and toks[j] in DECIMAL_POINTS and toks[j + 1].isdigit() and len(toks[j + 1]) < 3:
        num = float(f"{int(num)}.{toks[j + 1]}")
        j += 2
    if j < n:
        mult = _word(toks[j], allow_clitic=False)
        if mult and mult[1] == "multiplier":
            num *= mult[0]
            j += 1
    return Count(int(num), i, j)


def _word_count(toks: Sequence[str], i: int, hit: tuple[int, str]) -> Count | None:
    """Number words from i on (`hit` is the first one's entry), summed as one compound."""
    total, current, j, last_kind = 0, 0, i, ""
    while j < len(toks):
        entry, joined = (hit, False) if j == i else _compound_part(toks[j])
        if entry is None or _ends_compound(entry[1], joined, last_kind, j > i):
            break
        total, current = _fold(total, current, entry, joined, last_kind)
        last_kind = entry[1]
        j += 1
    if j == i:
        return None
    return Count(total + current, i, j)


def _compound_part(tok: str) -> tuple[tuple[int, str] | None, bool]:
    """A later word of a compound and whether «و» joins it («وعشرين»)."""
    entry = _word(tok, allow_clitic=False)
    if entry is None and has_conjunction(tok, WA) and len(tok) > 2:
        return _word(without_conjunction(tok, WA), allow_clitic=False), True
    return entry, False


def _ends_compound(kind: str, joined: bool, last_kind: str, later: bool) -> bool:
    """Whether this word ends the compound before it: after the first word only a multiplier,
    a teen or a hundred after a unit («ثلاثة عشر», «ثلاث مئة»), or any word joined by «و» but
    a teen, continues it."""
    if kind in STOP_KINDS:
        return True
    if not later:
        return False
    if joined:
        return kind == "teen"
    return not (kind == "multiplier" or (kind in {"teen", "hundred"} and last_kind == "unit"))


def _fold(total: int, current: int, entry: tuple[int, str], joined: bool, last_kind: str) -> tuple[int, int]:
    """(total, current) once this word is added: a teen adds ten to its unit, «مئة» after a
    unit multiplies it, a multiplier closes what came before."""
    value, kind = entry
    after_unit = last_kind == "unit" and not joined
    if kind == "teen" and after_unit:
        return total, current + 10
    if kind == "hundred" and after_unit and value == 100:
        return total, current * 100
    if kind == "multiplier":
        return total + (current or 1) * value, 0
    return total, current + value


def hedge(toks: Sequence[str], count: Count) -> Count:
    """Note «على الأقل», «أكثر من», «نحو» around a count; ACLED keeps the figure itself."""
    words = count_words()
    for skip in (0, 1):  # «30 على الأقل» and «30 مدنيا على الأقل»
        for pat in words["at_least_after"]:
            if tuple(toks[count.end + skip : count.end + skip + len(pat)]) == pat:
                return Count(count.value, count.start, count.end, "at_least")
    for pat in words["more_than_before"]:
        k = len(pat)
        if count.start >= k and tuple(toks[count.start - k : count.start]) == pat:
            return Count(count.value, count.start, count.end, "more_than")
    if count.start >= 1 and (toks[count.start - 1],) in words["about_before"]:
        return Count(count.value, count.start, count.end, "about")
    return count


def find_counts(toks: Sequence[str]) -> list[Count]:
    """Every count in a token sequence, left to right, non-overlapping."""
    out: list[Count] = []
    i = 0
    while i < len(toks):
        c = read_count(toks, i)
        if c is None:
            i += 1
            continue
        out.append(hedge(toks, c))
        i = c.end
    return out
