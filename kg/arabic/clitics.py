"""The clitics of a normalised word: its readings without them, and the one-clitic questions.

Arabic writes conjunctions, prepositions and the article onto the word («وبمدينة», «لقوات»,
«بحلب», «وحلب») and pronouns after it («ريفها»). A lexicon alias is stored bare, so a token is
looked up under each of its plausible readings. Readings are ordered from the least to the most
stripped: callers take the first reading their lexicon knows, which keeps «لبنان» from being
read as ل+«بنان» whenever «لبنان» itself is known.

Besides the readings, the module is the one place where code asks about a single clitic: does
a word carry the article, open with «و», end in a pronoun. Callers ask by name here rather than
slicing letters off words, so each test's meaning (and its length guard) is written once.
"""

from __future__ import annotations

from functools import lru_cache

CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")
ARTICLE = "ال"
# «ه» is left out: teh marbuta is folded to heh, so «مدينه» would lose its last letter.
PRONOUNS = ("هما", "هم", "هن", "ها", "نا", "كم")
MIN_STEM = 2
WA = ("و",)  # «و» alone: «ف» seldom joins two names or two items of a list
PROCLITICS = CONJ + PREP
# Without «ك», which before a number, a date word or a name is more often the word's own letter.
COMMON_PROCLITICS = ("و", "ف", "ب", "ل")
LAM = ("ل",)  # the preposition «لـ» alone: to, for, of
BI_LI = ("ب", "ل")  # «بـ» and «لـ», the prepositions that turn a verb form into its noun
LAM_ARTICLE = "لل"  # ل + ال, written with one alif fewer: «للنظام»
# Words spelled with «ال» that carry no article: relative pronouns, «إلى», «إلا», «الآن».
NOT_ARTICLE = frozenset({"الي", "الا", "الذي", "التي", "الذين", "اللذين", "اللتين", "الان", "اللي"})
ARTICLE_SPELLINGS = ("ال", "بال", "لل", "كال")  # the article behind no or one preposition
DEFINITE_OPENINGS = ("ال", "وال", "بال", "فال", "لل")
# «ه» is kept here, unlike PRONOUNS: where this is used the word is known to be no «ة» noun.
PRONOUNS_WITH_HEH = ("هما", "هم", "ها", "ه")  # longest first
OBJECT_PRONOUNS = ("ه", "ها", "هم")  # him, her, them: what a verbal noun takes in the news


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
                    prep_forms.append(lam_as_article(base))
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


def has_proclitic(word: str, letters: tuple[str, ...] = PROCLITICS) -> bool:
    """Whether the word opens with one of the one-letter proclitics `letters`. Only the letter
    is tested: whether it is a clitic or the word's own first letter is the caller's guard."""
    return word[:1] in letters


def without_proclitic(word: str, letters: tuple[str, ...] = PROCLITICS) -> str:
    """The word without a leading one-letter proclitic of `letters`, if it has one."""
    return word[1:] if word[:1] in letters else word


def has_conjunction(word: str, letters: tuple[str, ...] = CONJ) -> bool:
    """Whether the word opens with «و»/«ف» (or only «و» with letters=WA): a word that starts
    a new item of a list or a new clause rather than continuing a name."""
    return has_proclitic(word, letters)


def without_conjunction(word: str, letters: tuple[str, ...] = CONJ) -> str:
    """«وحلب» → «حلب»: a label is stored without the «و»/«ف» that joined it to the text."""
    return without_proclitic(word, letters)


def has_article(word: str) -> bool:
    """Whether the word carries «ال» after at most two one-letter proclitics («وبالمدينة»),
    or as «لل». Stems are kept longer than one letter so «ال»-initial short words and the
    words of NOT_ARTICLE («الذي», «الان») are not taken for definite nouns."""
    n = word
    if n.startswith(LAM_ARTICLE) and len(n) > 4:
        return True
    for _ in range(3):
        if n.startswith(ARTICLE):
            return len(n) > 3 and n not in NOT_ARTICLE
        if n[:1] in PROCLITICS and len(n) > 3:
            n = n[1:]
        else:
            return False
    return False


def spelled_definite(word: str, spellings: tuple[str, ...] = ARTICLE_SPELLINGS) -> bool:
    """Whether the word, after an optional «و»/«ف», opens with one of `spellings` of the
    article: a test on letters alone, for words a lexicon already matched (a verb form never
    takes the article, so «التخلي» is no form of «أخلى»)."""
    return without_conjunction(word).startswith(spellings)


def starts_with_article(word: str) -> bool:
    """Whether the word is spelled with a leading «ال», nothing before it and no exceptions:
    the quick test for words a lexicon or cue list already matched."""
    return word.startswith(ARTICLE)


def preposition_led(word: str, readings: tuple[str, ...]) -> bool:
    """«بقتل», «لاستعادة»: the word is «بـ»/«لـ» on a stem that is one of its other readings
    (readings[0], the word itself, is skipped), so the letter is a preposition, not the stem's."""
    return has_proclitic(word, BI_LI) and without_proclitic(word, BI_LI) in readings[1:]


def opens_definite(word: str) -> bool:
    """Whether the word opens with «ال», «وال», «فال», «بال» or «لل»: a definite noun as
    most often written, without the two-proclitic forms has_article also reads."""
    return word.startswith(DEFINITE_OPENINGS)


def has_lam_article(word: str) -> bool:
    """Whether the word opens with «لل», ل + ال («للنظام»), or ل + a word starting in «ل»."""
    return word.startswith(LAM_ARTICLE)


def lam_as_article(word: str) -> str:
    """«للرئيس» → «الرئيس»: a word written ل + ال read as its definite noun (the caller has
    asked has_lam_article)."""
    return "ا" + word[1:]


def without_article(word: str) -> str:
    """«الجيش» → «جيش»: the word without a leading «ال» (nothing else is stripped)."""
    return word[len(ARTICLE) :] if starts_with_article(word) else word


def with_article(word: str) -> str:
    """«جيش» → «الجيش»; a word already spelled with «ال» is left as it is."""
    return word if starts_with_article(word) else ARTICLE + word


def without_pronoun(word: str) -> str:
    """«منفذيه» → «منفذي», «قصفها» → «قصف»: the word without a pronoun suffix (PRONOUNS_WITH_HEH,
    the longest that fits), keeping a stem of three letters at least. Unlike readings() it
    strips «ه», which is also a folded «ة»: for words a caller knows are no «ة» noun."""
    for suffix in PRONOUNS_WITH_HEH:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def pronoun_suffix(word: str, endings: tuple[str, ...] = OBJECT_PRONOUNS) -> str:
    """The first of `endings` the word ends in, or "" when none: the pronoun a caller then
    takes off the written word (list longer endings first where both could match)."""
    return next((e for e in endings if word.endswith(e)), "")


def has_pronoun(word: str, endings: tuple[str, ...] = OBJECT_PRONOUNS) -> bool:
    """Whether the word ends in one of the pronoun `endings`, as folded («ة» is «ه» too: a
    caller that can tell them apart checks the written word)."""
    return word.endswith(endings)
