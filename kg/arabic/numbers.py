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

from kg.arabic.normalise import norm
from kg.lexicons.tables import NUMBERS

INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
DIGITS = re.compile(r"^\d+(?:[.,٫٬]\d+)?$")
PROCLITICS = ("و", "ف", "ب", "ل")
ONE_OF = frozenset({"احد", "احدي"})


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


def _digits(tok: str) -> float | None:
    t = tok.translate(INDIC_DIGITS)
    if not DIGITS.match(t):
        return None
    return float(re.sub("[,٫٬]", ".", t)) if re.search("[.,٫٬]", t) else float(int(t))


def norm_one(tok: str) -> str:
    return tok[1:] if tok[:1] in PROCLITICS and tok[1:] in ONE_OF else tok


def _word(tok: str, allow_clitic: bool) -> tuple[int, str] | None:
    """The table entry for a token, optionally behind one proclitic («وعشرين», «بثلاثة»)."""
    table = number_words()
    hit = table.get(tok)
    if hit is not None:
        return hit
    if allow_clitic and len(tok) > 2 and tok[0] in PROCLITICS:
        return table.get(tok[1:])
    return None


def _after_al(tok: str) -> tuple[int, str] | None:
    """«الثلاثة» (the three) counts as three; vague words keep their own «ال» entry."""
    if tok.startswith("ال") and len(tok) > 4:
        hit = number_words().get(tok[2:])
        if hit and hit[1] != "vague" and hit[0] >= 3:
            return hit  # not «الأحد»/«الاثنين», which are weekdays far more often
    return None


def read_count(toks: Sequence[str], i: int) -> Count | None:
    """Read the number that starts at tokens[i] (normalised tokens), or None.

    Handles compounds joined by «و» («ثلاثة وعشرين», «مئة وخمسين»), teens («ثلاثة عشر»),
    multipliers after digits or words («50 ألف», «ثلاثة آلاف»), and decimals («2,5 مليون»).
    """
    n = len(toks)
    if i >= n:
        return None
    first = toks[i]
    num = _digits(first)
    if num is None and first[:1] in PROCLITICS:
        num = _digits(first[1:])  # «و13» when a clitic stayed on the digits
    if num is not None:
        j = i + 1
        if j + 1 < n and toks[j] in {",", "٫", "."} and toks[j + 1].isdigit() and len(toks[j + 1]) < 3:
            num = float(f"{int(num)}.{toks[j + 1]}")
            j += 2
        if j < n:
            mult = _word(toks[j], allow_clitic=False)
            if mult and mult[1] == "multiplier":
                num *= mult[0]
                j += 1
        return Count(int(num), i, j)
    hit = _word(first, allow_clitic=True)
    if hit is None:
        hit = _after_al(first)
    if hit is None:
        return None
    value, kind = hit
    teen_next = i + 1 < n and _word(toks[i + 1], False) == (10, "teen")
    if value == 1 and kind == "unit" and not teen_next and norm_one(first) in ONE_OF:
        return None  # «أحد أفراد», «بأحد»: "one of", not a count
    if kind == "vague":
        return Count(value, i, i + 1, "vague")
    if kind == "dual":
        return Count(value, i, i + 1)
    total, current, j = 0, 0, i
    last_kind = ""
    while j < n:
        tok = toks[j]
        entry = (hit if j == i else None) or _word(tok, allow_clitic=False)
        joined = False
        if entry is None and j > i and tok.startswith("و") and len(tok) > 2:
            entry = _word(tok[1:], allow_clitic=False)
            joined = True
        if entry is None:
            break
        v, k = entry
        if j > i and not joined and k not in {"teen", "multiplier", "hundred"}:
            break
        if j > i and k == "hundred" and not joined and last_kind != "unit":
            break
        if k in {"vague", "dual"}:
            break
        if k == "teen" and last_kind == "unit" and not joined:
            current += 10
        elif k == "teen":
            if j > i:
                break
            current += v
        elif k == "hundred" and last_kind == "unit" and not joined and v == 100:
            current = current * 100
        elif k == "multiplier":
            total += (current or 1) * v
            current = 0
        else:
            current += v
        last_kind = k
        j += 1
    if j == i:
        return None
    return Count(total + current, i, j)


AT_LEAST_AFTER = (("علي", "الاقل"),)
MORE_THAN_BEFORE = (("اكثر", "من"), ("ما", "يزيد", "عن"), ("ما", "لا", "يقل", "عن"))
ABOUT_BEFORE = ("نحو", "حوالي", "قرابه", "زهاء", "قرابة")


def hedge(toks: Sequence[str], count: Count) -> Count:
    """Note «على الأقل», «أكثر من», «نحو» around a count; ACLED keeps the figure itself."""
    for skip in (0, 1):  # «30 على الأقل» and «30 مدنيا على الأقل»
        after = tuple(toks[count.end + skip : count.end + skip + 2])
        if after in AT_LEAST_AFTER:
            return Count(count.value, count.start, count.end, "at_least")
    for pat in MORE_THAN_BEFORE:
        k = len(pat)
        if count.start >= k and tuple(toks[count.start - k : count.start]) == pat:
            return Count(count.value, count.start, count.end, "more_than")
    if count.start >= 1 and toks[count.start - 1] in ABOUT_BEFORE:
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
