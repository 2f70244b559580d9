"""Counts as Arabic news writes them: digits, Arabic-Indic digits, words, vague ACLED quantities."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.arabic import numbers
from kg.arabic.normalise import norm
from kg.arabic.numbers import find_counts, read_count
from kg.arabic.tokenize import split_words
from kg.lexicons import LexiconError


def toks(text: str) -> list[str]:
    return [norm(text[a:b]) for a, b in split_words(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قتل 13 شخصا", 13),
        ("سقط ١٣ قتيلا", 13),
        ("مقتل تسعين شخصا", 90),
        ("أسماء ستة قتلى", 6),
        ("ثلاثة وعشرين مدنيا", 23),
        ("أحد عشر جنديا", 11),
        ("مئة وخمسين عائلة", 150),
        ("نزوح 50 ألف شخص", 50_000),
        ("ثلاثة آلاف لاجئ", 3000),
        ("عشرات الجرحى", 10),
        ("العشرات من القتلى", 12),
        ("المئات من المدنيين", 100),
        ("ثلاثمائة قذيفة", 300),
        ("وثلاثة أطفال", 3),
    ],
)
def test_first_count(text: str, value: int) -> None:
    counts = find_counts(toks(text))
    assert counts, text
    assert counts[0].value == value


def test_weekdays_are_not_numbers() -> None:
    assert find_counts(toks("قصف يوم الأحد وضربات الاثنين")) == []


def test_hedges_are_recorded_but_do_not_change_the_figure() -> None:
    (c,) = find_counts(toks("قتل 30 مدنيا على الأقل"))
    assert (c.value, c.approx) == (30, "at_least")
    (c,) = find_counts(toks("سقوط أكثر من 10 قذائف هاون"))
    assert (c.value, c.approx) == (10, "more_than")
    (c,) = find_counts(toks("لقي نحو 30 مدنيا مصرعهم"))
    assert (c.value, c.approx) == (30, "about")


def test_token_span_is_reported() -> None:
    t = toks("قتل ثلاثة وعشرين شخصا")
    c = read_count(t, 1)
    assert c is not None and (c.start, c.end) == (1, 3)
    assert read_count(t, 0) is None


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("مقتل ما لا يقل عن 20 شخصا", "more_than"),
        ("إصابة ما يزيد عن 15 مدنيا", "more_than"),
        ("نزوح قرابة 40 عائلة", "about"),
        ("سقوط حوالي 12 قذيفة", "about"),
        ("قتل 30 على الأقل", "at_least"),
    ],
)
def test_every_hedge_of_count_words_is_read(text: str, approx: str) -> None:
    (c,) = find_counts(toks(text))
    assert c.approx == approx


def test_one_of_is_no_count_unless_a_teen_follows() -> None:
    assert find_counts(toks("قتل أحد أفراد الشرطة")) == []
    assert find_counts(toks("أصيب بإحدى القذائف")) == []
    assert [c.value for c in find_counts(toks("قتل أحد عشر جنديا"))] == [11]


def test_a_bad_role_in_count_words_is_an_error_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "count_words.tsv"
    bad.write_text("phrase\trole\nنحو\tabout\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"count_words\.tsv:2: role must be one of"):
        numbers.read_count_words(bad)
