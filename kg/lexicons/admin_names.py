"""Names of administrative units as ACLED writes them: "Aleppo", not "Aleppo Governorate".

GeoNames and the gazetteer carry the unit word ("Muhafazat Karbala'", "Idlib Governorate");
ACLED's admin1/admin2 columns do not. The words are data (`admin_unit_words.tsv`); the gazetteer
build and events.csv both fold names through `admin_name`, so they agree.
"""

from __future__ import annotations

from functools import cache

from kg.lexicons.tables import ADMIN_UNIT_WORDS


@cache
def unit_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(prefixes, suffixes), longest first so "Province of" goes before "Province"."""
    pre: list[str] = []
    post: list[str] = []
    for row in ADMIN_UNIT_WORDS.rows():
        (pre if row.position == "prefix" else post).append(row.unit_word)
    return tuple(sorted(pre, key=len, reverse=True)), tuple(sorted(post, key=len, reverse=True))


def admin_name(name: str) -> str:
    """The name less one leading and one trailing unit word (never emptied)."""
    prefixes, suffixes = unit_words()
    for word in prefixes:
        if name.startswith(word + " ") and len(name) > len(word) + 1:
            name = name[len(word) + 1 :]
            break
    for word in suffixes:
        if name.endswith(" " + word) and len(name) > len(word) + 1:
            name = name[: -len(word) - 1]
            break
    return name
