"""Date phrases resolved against the publication date, and left unresolved without one."""

from __future__ import annotations

import pytest

from kg.arabic.dates import find_dates, parse_anchor
from kg.arabic.normalise import norm
from kg.arabic.tokenize import split_words

WEDNESDAY = parse_anchor("2018-06-27")


def toks(text: str) -> list[str]:
    return [norm(text[a:b]) for a, b in split_words(text)]


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("قتل أمس", "2018-06-26", "day"),
        ("أول من أمس", "2018-06-25", "day"),
        ("الليلة قبل الماضية", "2018-06-25", "day"),
        ("صباح اليوم الثلاثاء", "2018-06-26", "day"),
        ("مساء الثلاثاء", "2018-06-26", "day"),
        ("يوم الأربعاء", "2018-06-27", "day"),  # the publication day itself
        ("الأربعاء الماضي", "2018-06-20", "day"),  # «الماضي» means an earlier week
        ("ليل السبت", "2018-06-23", "day"),
        ("السبت المقبل", "2018-06-30", "day"),
        ("19 مارس 2017", "2017-03-19", "day"),
        ("في 13 حزيران/يونيو", "2018-06-13", "day"),
        ("20 كانون الثاني/يناير", "2018-01-20", "day"),
        ("السادس من أغسطس آب", "2017-08-06", "day"),  # a future month means last year
        ("3 جوان 2016", "2016-06-03", "day"),
        ("في أبريل/ نيسان", "2018-04", "month"),
        ("الأسبوع الماضي", "2018-06-20", "week"),
        ("العام الماضي", "2017", "year"),
    ],
)
def test_resolved(text: str, date: str, precision: str) -> None:
    hits = find_dates(toks(text), WEDNESDAY)
    assert hits, text
    assert (hits[0].date, hits[0].precision) == (date, precision)


@pytest.mark.parametrize("text", ["أمس", "اليوم الثلاثاء", "السبت الماضي", "20 كانون الثاني/يناير"])
def test_without_anchor_found_but_never_invented(text: str) -> None:
    hits = find_dates(toks(text), None)
    assert len(hits) == 1
    assert hits[0].date is None


def test_full_date_needs_no_anchor() -> None:
    (hit,) = find_dates(toks("يوم 19 مارس 2017"), None)
    assert hit.date == "2017-03-19"


def test_span_covers_the_whole_phrase() -> None:
    t = toks("وقع الهجوم صباح اليوم الثلاثاء في حلب")
    (hit,) = find_dates(t, WEDNESDAY)
    assert t[hit.start : hit.end] == [norm("صباح"), norm("اليوم"), norm("الثلاثاء")]


@pytest.mark.parametrize("text", ["بعد صلاة الجمعة", "الأب وابنه", "بين الاثنين"])
def test_words_that_only_look_like_dates(text: str) -> None:
    assert find_dates(toks(text), WEDNESDAY) == []


@pytest.mark.parametrize(
    "text", ["أحد رموز ثورة 26 سبتمبر التي أطاحت بالإمامة", "في ذكرى هجمات 11 سبتمبر", "منذ ثورة 25 يناير"]
)
def test_a_day_that_names_an_episode_is_no_date(text: str) -> None:
    assert find_dates(toks(text), WEDNESDAY) == []


def test_the_same_day_outside_a_name_is_a_date() -> None:
    assert [h.date for h in find_dates(toks("قتل خمسة في 26 سبتمبر الماضي"), WEDNESDAY)] == ["2017-09-26"]


def test_bad_anchor_is_no_anchor() -> None:
    assert parse_anchor("not a date") is None
    assert parse_anchor(None) is None


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("قتل في 5 شوال 1436هـ", "2015-07-21", "day"),
        ("وقع التفجير يوم 12 ربيع الأول 1437 هـ", "2015-12-23", "day"),
        ("في شهر ذي الحجة عام 1436 للهجرة", "2015-09", "month"),
    ],
)
def test_hijri_date_with_its_year_resolves(text: str, date: str, precision: str) -> None:
    hits = find_dates(toks(text), WEDNESDAY)
    assert [(h.date, h.precision) for h in hits] == [(date, precision)]


def test_hijri_month_without_a_year_is_kept_unresolved() -> None:
    hits = find_dates(toks("قتل في العاشر من محرم"), WEDNESDAY)
    assert [(h.date, h.precision) for h in hits] == [(None, "day")]


@pytest.mark.parametrize("text", ["سجل الفريق صفر نقاط", "التقى الوزير رمضان بالسفير"])
def test_hijri_month_names_that_are_common_words(text: str) -> None:
    assert find_dates(toks(text), WEDNESDAY) == []
