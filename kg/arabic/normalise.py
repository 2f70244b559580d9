"""Arabic orthographic normalisation for matching, never for display.

News text spells the same name many ways (hamza seats, alef maksura vs yeh, teh marbuta vs heh,
optional diacritics, tatweel for justification, Arabic-Indic digits). Comparing on one folded
form lets a lexicon alias written once match all of them. The folding is the one the evaluation
scorer uses, so what we match is what gets credited.
"""

from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
# Marks camel-tools' dediac leaves alone but that never change a word's identity.
_EXTRA_MARKS = "\u0670\u0653\u0654\u0655\u06e1\u200c\u200d\u200e\u200f\u061c"
_FOLD = str.maketrans(
    {
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yeh with hamza -> yeh
        "\u06cc": "\u064a",  # farsi yeh
        "\u06a9": "\u0643",  # keheh -> kaf
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
        **{c: None for c in TATWEEL + _EXTRA_MARKS},
    }
)


@lru_cache(maxsize=10_000)
def norm(s: str) -> str:
    """Fold a string to its matching form (cached: the same words recur across a corpus)."""
    s = dediac_ar(s).translate(_FOLD)
    s = normalize_alef_ar(s)
    s = normalize_alef_maksura_ar(s)
    s = normalize_teh_marbuta_ar(s)
    return s.lower()


def norm_with_map(s: str) -> tuple[str, list[int]]:
    """Normalise and keep, for every output character, the index of its source character.

    Normalisation only deletes or replaces characters one-for-one, so folding each character
    alone gives the same result as folding the string; the map lets a match found in the
    normalised text be reported as a span of the original (`start = m[i]`, `end = m[j-1] + 1`).
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(s):
        folded = norm(ch)
        for c in folded:
            out.append(c)
            index.append(i)
    return "".join(out), index


_NOT_WORD = re.compile(r"[\W_]+")


def search_key(s: str) -> str:
    """The form a name is looked up by: folded as for matching, punctuation and spacing ignored,
    so «إدلب», «ادلب» and «إِدْلِب», or "Al-Qaeda" and "al qaeda", find the same thing."""
    return " ".join(_NOT_WORD.sub(" ", norm(s)).split())
