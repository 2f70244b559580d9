"""Where an unknown name after a cue word ends.

A cue («حي», «بلدة», «كتائب», «العقيد») says a name follows, not how long it is. Arabic place
and group names are short and built in a few regular ways: one word («الصاخور»), a prefix word
and its complement («كرم النزهة», «تل الزرازير», «خان بني سعد»), a name and a modifier
(«أورم الكبرى», «اليرموك الثانية»), or a quoted phrase. Anything else (a function word, a
verb of saying, punctuation, a number) ends the name.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from kg.arabic.clitics import WA, has_article, has_conjunction
from kg.extract.entity_cues import Cues
from kg.extract.matcher import AliasIndex, Tok

QUOTES_OPEN = {"«": "»", '"': '"', "“": "”", "'": "'", "(": ")"}
MAX_QUOTED = 5


def is_name_word(tok: Tok, cues: Cues) -> bool:
    """A word that can be (part of) a proper name: letters, not a function word or cue head."""
    if not tok.is_word or tok.norm.isdigit() or any(ch.isdigit() for ch in tok.norm):
        return False
    if len(tok.norm) < 2:
        return False
    n = tok.norm
    if n == "علي" and tok.text.rstrip("\u064b-\u0652").endswith("ي"):
        return True  # the name Ali, not «على» folded to the same letters
    if n in _number_words():
        return False
    forms = tok.pro[:3]
    return not (
        any(
            cues.has(t, r)
            for r in forms
            for t in ("boundary", "anaphor", "direction", "source_head", "civilians", "spokesman")
        )
        or (
            not has_article(tok.norm)
            and any(cues.has(t, r) for t in ("place", "facility", "countryside") for r in tok.readings[:2])
        )
    )


@cache
def _number_words() -> frozenset[str]:
    from kg.arabic.numbers import number_words

    return frozenset(number_words())


def quoted_end(toks: Sequence[Tok], j: int) -> int | None:
    """End of a quoted name starting at an opening quote at j: index after the closing quote."""
    close = QUOTES_OPEN.get(toks[j].text)
    if close is None:
        return None
    for k in range(j + 1, min(len(toks), j + 2 + MAX_QUOTED)):
        if toks[k].text == close:
            return k + 1 if k > j + 1 else None
        if not toks[k].is_word:
            return None  # «(عسير ، وجازان)» is a list, not one name
    return None


def name_end(
    toks: Sequence[Tok], j: int, cues: Cues, max_words: int = 3, modifiers: bool = True
) -> int | None:
    """Index after the name starting at j, or None when no name starts there."""
    if j >= len(toks):
        return None
    q = quoted_end(toks, j)
    if q is not None:
        return q
    if not is_name_word(toks[j], cues):
        return None
    end = j + 1
    words = 1
    # prefix words take their complement: «كرم النزهة», «خان بني سعد», «أبو سليم»
    while (
        words < max_words
        and any(cues.has("name_prefix", r) for r in toks[end - 1].readings[:2])
        and end < len(toks)
        and is_name_word(toks[end], cues)
        and not has_conjunction(toks[end].norm, WA)
    ):
        end += 1
        words += 1
    # modifiers close a name: «أورم الكبرى», «اليرموك الثانية», «طرابلس الدولي»
    while (
        modifiers and end < len(toks) and words < max_words + 1 and cues.has("name_modifier", toks[end].norm)
    ):
        end += 1
        words += 1
    return end


# words a quoted outlet name follows: «لـ"الرياض"» (spoke to), «مصادر "الرياض"» (its sources)
OUTLET_LEADS = frozenset({"ل", "مصادر", "مصدر", "لمصادر", "ومصادر"})


def addressed_outlet(toks: Sequence[Tok], i: int, actors: AliasIndex) -> tuple[int, int, int] | None:
    """«قال لـ«عكاظ»», «كشف هذا لـ"الرياض"», «وأفادت مصادر "الرياض"»: a quoted name right after a
    bare «لـ» or «مصادر» is an outlet (the one spoken to, or whose sources speak), not a place
    («الرياض») or a region («الشرق الأوسط»); a group the actor lexicon knows («الموالية
    لـ«داعش»») is left alone. Returns (name start, name end, end)."""
    if toks[i].norm not in OUTLET_LEADS or i + 1 >= len(toks):
        return None
    q = quoted_end(toks, i + 1)
    if q is None:
        return None
    s, e = i + 2, q - 1
    m = actors.match_at(toks, s)
    if m is not None and m.end == e and any(p.kind != "media" for p in m.payloads):
        return None
    return s, e, q
