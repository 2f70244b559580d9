"""Trigger words inside idioms tell nothing: «خطفنا الأضواء» (we stole the spotlight), «أمسية
شعرية نظمها منتدى» (a poetry evening a forum organised). Both pipelines, since the idiom is
read before any candidate reaches the learned eventness model; and the same words outside the
idiom still give their incident."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.vocab.record import Article

PIPELINES = ({"pipeline": "rules"}, {})  # the rules, and the learned default


@pytest.fixture(scope="module", params=PIPELINES, ids=("rules", "learned"))
def extract(request: pytest.FixtureRequest) -> Extractor:
    return Extractor(request.param)


def types(extract: Extractor, text: str) -> list[str]:
    rec = extract(Article(id="t", text=text, published="2018-05-02")).to_dict()
    return [e["type"] for e in rec["events"]]


@pytest.mark.parametrize(
    "text",
    [
        "وقال مطر إن الجناح السعودي خطف الأضواء عن بقية المشاركات في المعرض.",
        "وخطفنا الأضواء عن بقية المشاركات فكانت الوجهة المفضلة لكثير من الزوار.",
        "استضاف فرع جمعية الثقافة والفنون بالدمام، مساء أول من أمس، أمسية شعرية نظمها منتدى "
        "اليراع الثقافي في قاعة عبدالله الشيخ للفنون، شهدت مشاركة ثلاث دور نشر.",
        "نظمت الجامعة ندوة عن الشعر العربي الحديث بمشاركة عدد من الأدباء.",
    ],
)
def test_an_idiom_gives_no_event(extract: Extractor, text: str) -> None:
    assert types(extract, text) == []


def test_the_same_words_outside_the_idiom_still_tell_their_incident(extract: Extractor) -> None:
    assert "violence_against_civilians" in types(
        extract, "خطف مسلحون مجهولون ثلاثة مدنيين من قرية قرب الموصل أمس."
    )


def test_a_protest_organised_is_still_a_protest() -> None:
    learned = Extractor()
    assert "protest" in types(learned, "نظم آلاف المحتجين مسيرة حاشدة في وسط العاصمة الخرطوم أمس.")
