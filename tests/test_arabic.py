"""The Arabic text layer: folding, clitic readings, and tokens that index the original text."""

from __future__ import annotations

import pytest

from kg.arabic.clitics import readings, strip_article
from kg.arabic.normalise import norm, norm_with_map
from kg.arabic.tokenize import blank_arabic, split_words


@pytest.fixture(scope="module")
def nlp():
    return blank_arabic()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد", "احمد"),
        ("إدلب", "ادلب"),
        ("آمنة", "امنه"),
        ("مستشفى", "مستشفي"),
        ("حماة", "حماه"),
        ("مسؤول", "مسوول"),
        ("رئيس", "رييس"),
        ("قُتِلَ", "قتل"),
        ("حـــلب", "حلب"),
        ("١٣", "13"),
        ("۲۴", "24"),
    ],
)
def test_norm_folds_spelling_variants(raw: str, folded: str) -> None:
    assert norm(raw) == folded


def test_norm_with_map_points_back_into_original() -> None:
    raw = "في مُـحَمَّد"
    folded, index = norm_with_map(raw)
    assert folded == "في محمد"
    start = folded.index("محمد")
    end = start + len("محمد")
    assert raw[index[start] : index[end - 1] + 1] == "مُـحَمَّد"


@pytest.mark.parametrize(
    ("token", "reading"),
    [
        ("وبمدينة", "مدينه"),
        ("لقوات", "قوات"),
        ("بحلب", "حلب"),
        ("وحلب", "حلب"),
        ("للنظام", "النظام"),
        ("والصاخور", "صاخور"),
        ("ريفها", "ريف"),
        ("حيي", "حي"),
        ("مدينتي", "مدينه"),
        ("الحوثيين", "الحوثي"),
    ],
)
def test_readings_strip_clitics(token: str, reading: str) -> None:
    assert reading in readings(norm(token))


def test_readings_put_the_token_itself_first() -> None:
    r = readings(norm("لبنان"))
    assert r[0] == "لبنان"
    assert "بنان" in r  # a weaker reading, tried only after the whole word


def test_readings_do_not_chop_short_or_teh_marbuta_words() -> None:
    assert readings(norm("حماة")) == ("حماه",)
    assert "مدين" not in readings(norm("المدينة"))
    assert readings(norm("بر")) == ("بر",)


def test_strip_article() -> None:
    assert strip_article(norm("وبالمدينة")) == "مدينه"
    assert strip_article("حلب") == "حلب"


def test_tokens_index_the_original_text(nlp) -> None:
    text = "  وبمدينةِ حلبَ،\n\n قُتِلَ ١٣ شخصاً  (رويترز).\t«حـي الراموسة»"
    doc = nlp(text)
    assert doc.text == text
    words = [t for t in doc if not t.is_space]
    for t in words:
        assert text[t.idx : t.idx + len(t.text)] == t.text
    by_norm = {t._.norm_ar: t for t in words}
    assert by_norm["13"].text == "١٣"
    assert by_norm["حي"].text == "حـي"
    assert text[by_norm["حلب"].idx : by_norm["حلب"].idx + 4] == "حلبَ"
    assert "مدينه" in by_norm["وبمدينه"]._.readings
    assert [t.text for t in words[-4:]] == ["«", "حـي", "الراموسة", "»"]


def test_split_words_keeps_every_visible_character() -> None:
    text = "a\x01b قال،«x» ١٢٣"
    spans = split_words(text)
    covered = "".join(text[s:e] for s, e in spans)
    assert covered == text.replace(" ", "")
    assert all(s < e for s, e in spans)
    assert spans == sorted(spans)


def test_empty_and_space_only_text(nlp) -> None:
    assert len(nlp("")) == 0
    doc = nlp(" \n ")
    assert doc.text == " \n "


def test_masdar_shapes_of_derived_forms_but_not_place_names() -> None:
    from kg.arabic.shapes import masdar_shaped

    for word in ("الارتكاز", "الاستهداف", "الانسحاب", "التفجير"):
        assert masdar_shaped(norm(word)), word
    for word in ("الأنبار", "الأتارب", "التنف", "الإسكندرية", "ارتكاز"):
        assert not masdar_shaped(norm(word)), word


@pytest.mark.parametrize(
    "text",
    [
        "قَصَفَتْ الطائرات «حلب»، وقُتل ١٣ شخصا (بينهم 4 أطفال)!",
        "غاراتٌ على ريف إدلب؛ 😀 #سوريا @user http://x.y/z؟",
        "الـــجيش\tالسوري\u00a0يستعيد\u200fبلدة — «كفرنبودة».",
        "Only Latin, with punctuation: a/b-c.",
    ],
)
def test_fast_path_gives_camel_tools_own_tokens(text: str) -> None:
    """Plain Arabic words skip camel-tools' per-character scan; the tokens must not change."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    from kg.arabic.tokenize import split_words

    assert [text[s:e] for s, e in split_words(text)] == simple_word_tokenize(text)
