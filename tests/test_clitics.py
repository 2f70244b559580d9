"""The clitic API of kg.arabic.clitics: each question asked of one word, on words whose answer
a reader of Arabic knows, including the near misses the guards exist for."""

from __future__ import annotations

import pytest

from kg.arabic import clitics as c


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("الجيش", True),
        ("وبالمدينه", True),  # two proclitics before the article
        ("للنظام", True),  # ل + ال
        ("وللنظام", False),  # «لل» is read at the start of the word only
        ("الذي", False),  # a relative pronoun, spelled with «ال»
        ("الان", False),
        ("ال", False),
        ("الم", False),  # too short to be article + stem
        ("جيش", False),
        ("وجيش", False),
        ("لله", False),  # «لل» needs a stem behind it
        ("", False),
    ],
)
def test_has_article(word: str, expected: bool) -> None:
    assert c.has_article(word) is expected


def test_conjunction_only_the_first_letter() -> None:
    assert c.without_conjunction("وحلب") == "حلب"
    assert c.without_conjunction("فحلب") == "حلب"
    assert c.without_conjunction("فحلب", c.WA) == "فحلب"
    assert c.without_conjunction("بحلب") == "بحلب"
    assert c.without_conjunction("ووادي") == "وادي"  # one letter only
    assert c.without_conjunction("") == ""
    assert c.has_conjunction("وحلب") and not c.has_conjunction("حلب")
    assert not c.has_conjunction("فحلب", c.WA)
    assert not c.has_conjunction("")


def test_proclitic() -> None:
    assert c.has_proclitic("كالجيش") and c.has_proclitic("بحلب")
    assert not c.has_proclitic("كالجيش", c.CONJ)
    assert c.without_proclitic("لقوات") == "قوات"
    assert c.without_proclitic("قوات") == "قوات"
    assert not c.has_proclitic("كتائب", c.COMMON_PROCLITICS)  # «ك» left to the word
    assert c.has_proclitic("لهادي", c.LAM) and not c.has_proclitic("بهادي", c.LAM)


def test_spelled_definite() -> None:
    assert all(c.spelled_definite(w) for w in ("والجيش", "كالجيش", "فللنظام"))
    assert c.spelled_definite("وبالجيش")
    assert not c.spelled_definite("ووالجيش")  # one conjunction only
    assert not c.spelled_definite("وكجيش")
    assert not c.spelled_definite("كالجيش", ("ال", "بال", "لل"))
    assert not c.spelled_definite("جيش")


def test_opens_definite() -> None:
    assert all(c.opens_definite(w) for w in ("الجيش", "والجيش", "فالجيش", "بالجيش", "للجيش"))
    assert not c.opens_definite("كالجيش")
    assert not c.opens_definite("وبالجيش")


def test_article_added_and_removed() -> None:
    assert c.without_article("الجيش") == "جيش"
    assert c.without_article("والجيش") == "والجيش"  # only a leading «ال»
    assert c.with_article("جيش") == "الجيش"
    assert c.with_article("الجيش") == "الجيش"
    assert c.starts_with_article("الجيش") and not c.starts_with_article("والجيش")
    assert not c.starts_with_article("ا")
    assert c.lam_as_article("للرئيس") == "الرئيس"
    assert c.has_lam_article("للنظام") and not c.has_lam_article("النظام")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("منفذيه", "منفذي"),
        ("قصفها", "قصف"),
        ("مقاتليهما", "مقاتلي"),  # the longest suffix first, not «ها»
        ("قادتهم", "قادت"),
        ("منه", "منه"),  # no three-letter stem would be left
        ("جيش", "جيش"),
    ],
)
def test_without_pronoun(word: str, expected: str) -> None:
    assert c.without_pronoun(word) == expected


def test_has_pronoun() -> None:
    assert c.has_pronoun("قصفه") and c.has_pronoun("سيطرتها") and c.has_pronoun("اعتقالهم")
    assert not c.has_pronoun("قصفنا")
    assert c.has_pronoun("قصفنا", ("نا",))


def test_preposition_led() -> None:
    assert c.preposition_led("بقتل", ("بقتل", "قتل"))
    assert c.preposition_led("لاستعاده", ("لاستعاده", "استعاده"))
    assert not c.preposition_led("بقتل", ("بقتل",))  # the stem must be a reading of its own
    assert not c.preposition_led("قتل", ("قتل", "تل"))  # «ق» is no preposition
    assert not c.preposition_led("لبنان", ("لبنان",))  # the word itself is skipped


def test_pronoun_suffix_first_listed_wins() -> None:
    assert c.pronoun_suffix("قتلها", ("ها", "ه")) == "ها"
    assert c.pronoun_suffix("قتله", ("ها", "ه")) == "ه"
    assert c.pronoun_suffix("قتلته", ("ته", "ه")) == "ته"
    assert c.pronoun_suffix("قتلته", ("ه", "ته")) == "ه"  # the first listed, not the longest
    assert c.pronoun_suffix("قتلهم") == "هم"
    assert c.pronoun_suffix("قتل") == ""
