"""Readings of a normalised token without its clitics.

Arabic writes conjunctions, prepositions and the article onto the word («وبمدينة», «لقوات»,
«بحلب», «وحلب») and pronouns after it («ريفها»). A lexicon alias is stored bare, so a token is
looked up under each of its plausible readings. Readings are ordered from the least to the most
stripped: callers take the first reading their lexicon knows, which keeps «لبنان» from being
read as ل+«بنان» whenever «لبنان» itself is known.
"""

from __future__ import annotations

from functools import lru_cache

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")
ARTICLE = "ال"
# «ه» is left out: teh marbuta is folded to heh, so «مدينه» would lose its last letter.
PRONOUNS = ("هما", "هم", "هن", "ها", "نا", "كم")
MIN_STEM = 2


def _proclitic_readings(tok: str) -> list[str]:
    """Token with (conj)(prep)(article) removed, each combination that leaves a stem."""
    out: list[str] = []
    conj_forms = [tok] + [tok[1:] for c in CONJ if tok.startswith(c) and len(tok) > MIN_STEM]
    for base in conj_forms:
        prep_forms = [base]
        for p in PREP:
            if base.startswith(p) and len(base) > MIN_STEM:
                rest = base[1:]
                # ل + ال is spelled «لل»: «للنظام» = ل + النظام
                if p == "ل" and rest.startswith("ل") and len(rest) > MIN_STEM + 1:
                    prep_forms.append("ا" + rest)
                prep_forms.append(rest)
        for form in prep_forms:
            out.append(form)
            if form.startswith(ARTICLE) and len(form) - 2 >= MIN_STEM:
                out.append(form[2:])
    return out


def _suffix_readings(stem: str) -> list[str]:
    """Pronoun suffix and dual/plural endings of an indefinite stem.

    A word carrying «ال» cannot carry a pronoun suffix, so only bare stems are tried; the stem
    must keep three letters so short words are not chopped into other words.
    """
    out: list[str] = []
    for suf in PRONOUNS:
        if stem.endswith(suf) and len(stem) - len(suf) >= 3:
            base = stem[: -len(suf)]
            out.append(base)
            if base.endswith("ت"):  # «مدينتها» -> «مدينه»
                out.append(base[:-1] + "ه")
            break
    return out


def _number_readings(stem: str) -> list[str]:
    """Dual/plural construct and sound plural endings: «حيي»→«حي», «مدينتي»→«مدينه», «مسلحين»."""
    out: list[str] = []
    for suf in ("يين", "يون", "ين", "ون", "ان"):
        if stem.endswith(suf) and len(stem) - len(suf) >= 3:
            out.append(stem[: -len(suf)])
            if suf in ("يين", "يون"):
                out.append(stem[: -len(suf)] + "ي")  # الحوثيين -> الحوثي
            break
    if stem.endswith("تي") and len(stem) >= 5:
        out.append(stem[:-2] + "ه")  # مدينتي -> مدينه
    elif stem.endswith("ي") and len(stem) == 3 and stem[1] == stem[2]:
        out.append(stem[:-1])  # حيي -> حي
    if stem.endswith("ات") and len(stem) >= 5:
        out.append(stem[:-2] + "ه")  # مدنيات -> مدنيه
    return out


@lru_cache(maxsize=10_000)
def readings(token_norm: str) -> tuple[str, ...]:
    """All readings of a normalised token, the token itself first, without duplicates."""
    seen: dict[str, None] = {token_norm: None}
    pro = _proclitic_readings(token_norm)
    for form in pro:
        seen.setdefault(form, None)
    for form in pro:
        if not form.startswith(ARTICLE):
            for r in _suffix_readings(form):
                seen.setdefault(r, None)
    for form in list(seen):
        for r in _number_readings(form):
            seen.setdefault(r, None)
    return tuple(seen)


@lru_cache(maxsize=10_000)
def proclitic_readings(token_norm: str) -> tuple[str, ...]:
    """The token and its readings without proclitics only: for closed word lists (cue words,
    titles) that list every number form they accept, so «مدنيين» never reads as «مدن»."""
    seen: dict[str, None] = {token_norm: None}
    for form in _proclitic_readings(token_norm):
        seen.setdefault(form, None)
    return tuple(seen)


def strip_article(token_norm: str) -> str:
    """The token without conjunction/preposition/article: the usual dictionary reading."""
    for form in _proclitic_readings(token_norm)[::-1]:
        if not form.startswith(ARTICLE):
            return form
    return token_norm
