"""Which GeoNames Arabic names are spellings of a place, and which of them news uses.

GeoNames' Arabic alternate names are noisy (Persian and Urdu forms, split words, ordinary words
given as a town's old name), and it often lists «رقه» beside «الرقة». The gazetteer builds
(`build_places`, `build_admin2`) fold every name through `clean_arabic`, and pick the name that
spells the English one by comparing consonant skeletons; ties go to the spelling news uses most
(`name_counts.tsv`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from camel_tools.utils.dediac import dediac_ar

from kg.arabic.clitics import starts_with_article
from kg.arabic.normalise import norm
from kg.lexicons.tables import NAME_COUNTS
from kg.lexicons.words import load_stoplist

# Arabic block letters, harakat, dagger alef, alef wasla; anything else (Persian/Urdu letters)
# marks a non-Arabic spelling.
ARABIC_NAME = re.compile(r"[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0671 \-]+")
MIN_LETTERS = 3


# ---------------------------------------------------------------- names


def clean_arabic(name: str) -> str | None:
    """The ordinary spelling of a GeoNames Arabic name, or None if it should not be an alias."""
    name = unicodedata.normalize("NFC", name.strip())
    if not ARABIC_NAME.fullmatch(name):
        return None
    name = dediac_ar(name).replace("\u0671", "\u0627").replace("\u0670", "")
    name = re.sub(r"\s+", " ", name.replace("-", " ")).strip()
    words = name.split()
    if any("ة" in w[:-1] for w in words):
        return None  # Kurdish spelling in Arabic letters («كةربالا»), not Arabic
    if not words or any(len(w) < 2 or w.startswith("اا") for w in words):
        return None  # «د مشق»: a split word, not a spelling
    if sum(len(w) for w in words) < MIN_LETTERS:
        return None
    if norm(name) in load_stoplist():
        return None
    return name


# A coarse Arabic -> Latin consonant map: enough to tell which Arabic alternate name spells the
# English one (Dar'a -> «درعا», not its ancient name «أذرعات»).
_SKELETON_AR = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "", "و": "w",
    "ي": "y", "ى": "", "ء": "", "أ": "", "إ": "", "آ": "", "ا": "", "ؤ": "", "ئ": "", " ": "",
}  # fmt: skip
_LATIN_FOLD = str.maketrans({"c": "k", "g": "j", "v": "f", "p": "b", "x": "k", "e": "", "o": "w"})


def _skeleton_ar(name: str) -> str:
    name = re.sub(r"[يىةه](?=\s|$)", "", name)  # final -i/-a/-ah: vowels in romanisation
    s = "".join(_SKELETON_AR.get(ch, "") for ch in name)
    if s.startswith("l") and starts_with_article(name):
        s = s[1:]
    return s


def skeleton_en(name: str) -> str:
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(ch for ch in s if "a" <= ch <= "z")
    s = re.sub(r"^(al|el|ar|as|ad|an|at|az|ash|ad|ath)(?=[a-z]{3})", "", s)
    for a, b in (("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("ou", "w")):
        s = s.replace(a, b)
    s = s.translate(_LATIN_FOLD)
    s = re.sub(r"(ah|iy|y)$", "", s)
    s = re.sub(r"[aiu]", "", s).replace("q", "k").replace("j", "g")
    return re.sub(r"(.)\1+", r"\1", s)


def similarity(a: str, b: str) -> float:
    """Dice coefficient over letter bigrams (and letters for very short skeletons)."""
    a, b = a.replace("q", "k").replace("j", "g"), b
    a = re.sub(r"(.)\1+", r"\1", a)
    grams_a = Counter(itertools.pairwise(a)) or Counter(a)
    grams_b = Counter(itertools.pairwise(b)) or Counter(b)
    shared = sum((grams_a & grams_b).values())
    total = sum(grams_a.values()) + sum(grams_b.values())
    return 2 * shared / total if total else 0.0


_EMPHATIC_AR = str.maketrans("طصضظح", "TSDZH")
_EMPHATIC_EN = str.maketrans("ţşḑẓḩḥṭṣḍẓ", "TSDZHHTSDZ")


def load_counts() -> dict[str, int]:
    """How often news spells each name so (empty when name_counts.tsv was never derived)."""
    return {r.name: r.count for r in NAME_COUNTS.rows()}


def pick_names(english: str, names: Iterable[str], counts: dict[str, int] | None = None) -> tuple[str, ...]:
    """Arabic names, the one that best spells the English name first.

    Ties (GeoNames often lists «رقه» beside «الرقة») go to the spelling news uses most
    (`name_counts.tsv`), then to the standard written form: emphatic letters where the
    romanisation marks them, final «ة» rather than «ه», the article kept.
    """
    counts = counts or {}
    unique = list(dict.fromkeys(names))
    if not unique:
        return ()
    target = skeleton_en(english)
    marked = "".join(ch for ch in english.lower().translate(_EMPHATIC_EN) if ch.isupper())

    def score(n: str) -> tuple:
        emph = "".join(ch for ch in n.translate(_EMPHATIC_AR) if ch.isupper())
        return (
            round(similarity(_skeleton_ar(n), target), 1),
            not marked or emph == marked,
            not n.endswith(("ه", "ى")),
            starts_with_article(n),
            counts.get(n, 0),
            -abs(len(n.split()) - len(english.split())),
        )

    best = max(unique, key=score)
    return (best, *[n for n in unique if n != best])
