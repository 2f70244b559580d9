"""Where a name no gazetteer knows ends after a cue word («حي X», «مطار X»), or that the word
after the cue is no name at all (an adjective, a verb, a plural noun, an everyday word)."""

from __future__ import annotations

from collections.abc import Sequence

from kg.arabic.clitics import has_article, has_lam_article, starts_with_article
from kg.extract.entity_cues import Cue
from kg.extract.matcher import Tok
from kg.extract.names import name_end
from kg.extract.places.lexicon import PlaceLexicon
from kg.extract.places.words import NISBA_ENDINGS, WEAK_CUE_KINDS, past_verb_with_t, verb_shaped


def new_name_end(lx: PlaceLexicon, toks: Sequence[Tok], k: int, cue: Cue, joined: bool) -> int | None:
    """End of a name no gazetteer knows, or None when the word after the cue is more
    likely an adjective («حي شعبي», «طريق رئيسي») than a name."""
    if cue.number.endswith("lexicon"):
        return None  # «قطاع» is a sector unless the gazetteer knows the name («قطاع غزة»)
    end = name_end(toks, k, lx.cues)
    if end is None:
        return None
    if has_lam_article(toks[k].norm):
        return None  # «مخيمات للنازحين»: a purpose, not a name
    if end - k == 1 and any(r in lx.never for r in (toks[k].norm, *toks[k].pro[:2])):
        return None  # «مدن متفرقة», «مصدر قضائي الثلاثاء» (the dual «قضائي»): no name
    if lx.cues.at("anaphor", toks, k) is not None:
        return None  # «قرى المديرية»: the district already named, not a village called so
    if joined and past_verb_with_t(toks[k].pro[1] if len(toks[k].pro) > 1 else toks[k].norm):
        return None  # «... والتحمت بالمقاومة»: the list ended, a verb follows
    if not joined and lx.conjunction_first(toks[k]):
        return None  # «هجومان على مستشفى وقافلة»: a list of things, not a name
    if cue.kind in WEAK_CUE_KINDS and lx.everyday_word(toks[k]):
        return None  # «محور الارتكاز», «طريق سريع»: a front or road needs a place's name
    return None if _not_a_name(lx, toks, k, end, cue, joined) else end


def _not_a_name(lx: PlaceLexicon, toks: Sequence[Tok], k: int, end: int, cue: Cue, joined: bool) -> bool:
    """The tests on the shape of the words [k, end) after a cue: a verb or plural noun after
    «و», an office or trade after a body noun, an adjective after a strict cue."""
    if joined and not has_article(toks[k].norm):
        bare = toks[k].pro[1] if len(toks[k].pro) > 1 else toks[k].norm
        if bare[:1] in "يتن" and not lx.cues.has("name_prefix", bare):
            return True  # «... والمدينة المنورة وتؤثر»: the list ended, a verb follows
        if bare.endswith("ات") and len(bare) >= 5:
            return True  # «مساجد ومنشآت»: a plural common noun, not a name
    definite = starts_with_article(toks[k].norm)
    if end - k == 1 and "body" in cue.number and definite and lx.everyday_word(toks[k]):
        # «مديرية الصحة», «سوق العمل», «مقر النادي»: an office or a trade, not a place; «ولاية
        # الرئيس», «ولاية الحكومة»: a term of office. The article on the word itself: «ولاية
        # كاليفورنيا» reads as «ك+اليفورنيا» too
        return True
    if end - k == 1 and toks[k].is_word and not has_article(toks[k].norm):
        n = toks[k].pro[1] if joined and len(toks[k].pro) > 1 else toks[k].norm
        if "strict" in cue.number or n.endswith(NISBA_ENDINGS) or verb_shaped(n):
            return True
        if len(n) >= 6 and n.endswith("يا"):
            return True  # «ميناء رئيسيا»: an accusative adjective
    return False
