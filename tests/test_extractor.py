"""The Extractor end to end on an article written for this test, and on input that is no article."""

from __future__ import annotations

import json
import re

import pytest

from kg.extract import Extractor, extract
from kg.vocab.record import Article, ExtractionRecord

# Invented for this test: a headline, a lead that sums the incident up, details, and a second
# incident elsewhere, the way wire reports are built.
ARTICLE = (
    "مقتل 12 مدنيا بغارات على إدلب\n\n"
    "قتل 12 مدنيا على الأقل وأصيب 30 آخرون بجروح في غارات جوية شنتها طائرات روسية على مدينة إدلب"
    " صباح اليوم الثلاثاء، حسب ما أفاد المرصد السوري لحقوق الإنسان.\n"
    "وأوضح المرصد أن الغارات استهدفت سوقا شعبيا وسط مدينة إدلب.\n"
    "من جهة أخرى، اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة دير الزور أمس.\n"
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_end_to_end_record(extractor: Extractor) -> None:
    art = Article(id="test-idlib", text=ARTICLE, published="2018-06-27", outlet="test")
    rec = extractor(art)
    assert rec.article_id == "test-idlib"
    assert rec.errors == []
    assert rec.meta == {"published": "2018-06-27", "outlet": "test"}
    assert rec.text == ARTICLE
    # sentences as the scorer cuts them
    expected = [s.strip() for s in re.split(r"[.!?؟\n]+", ARTICLE) if s.strip()]
    assert [ARTICLE[a:b] for a, b in rec.sentences] == expected

    strikes = [e for e in rec.events if e.type == "air_strike"]
    assert len(strikes) == 1, [(e.type, e.trigger.text) for e in rec.events]
    strike = strikes[0]
    assert strike.fatalities == 12 and strike.injured == 30
    assert strike.date == "2018-06-26"  # «اليوم الثلاثاء» before a Wednesday publication
    assert len(strike.mentions) >= 2  # headline/lead and the detail sentence are one incident
    place = {p.id: p.label_ar for p in rec.locations}
    assert place[strike.locations[0]] == "إدلب"
    for m in [strike.trigger, *strike.mentions]:
        assert ARTICLE[m.start : m.end] == m.text

    battles = [e for e in rec.events if e.type == "battle"]
    assert len(battles) == 1
    assert place[battles[0].locations[0]] == "دير الزور"
    assert battles[0].date == "2018-06-26"
    label = {a.id: a.label_ar for a in rec.actors}
    assert {label[a.id] for a in battles[0].actors if a.role == "participant"} >= {
        "قوات النظام",
        "تنظيم الدولة",
    }

    # the record survives its JSON form
    again = ExtractionRecord.from_dict(json.loads(json.dumps(rec.to_dict(), ensure_ascii=False)))
    assert again.to_dict() == rec.to_dict()


def test_module_level_extract_reuses_one_extractor() -> None:
    a = extract(Article(id="x", text=ARTICLE))
    b = extract(Article(id="x", text=ARTICLE))
    assert a.to_dict() == b.to_dict()
    assert all(e.date is None for e in a.events)  # no publication date: nothing is invented


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("Only English text about shelling in Aleppo, no Arabic at all." * 3, "no Arabic"),
        ("\x00\x01binary" * 50, "binary"),
        ("قصف " * 60_000, "too long"),
    ],
)
def test_bad_input_gives_an_empty_record_with_a_reason(extractor: Extractor, text: str, why: str) -> None:
    rec = extractor(Article(id="bad", text=text, source_path="in/bad.txt"))
    assert rec.events == [] and rec.actors == [] and rec.locations == []
    assert len(rec.errors) == 1
    assert rec.errors[0].startswith("in/bad.txt: ")
    assert why.lower() in rec.errors[0].lower()


def test_html_junk_is_read_around_and_offsets_still_index_the_original(extractor: Extractor) -> None:
    html = (
        '<html><script>var x = "{قصف}";</script><p class="x">'
        "شنت طائرات حربية غارات على مدينة إدلب.</p><b>&nbsp;</b></html>"
    )
    rec = extractor(Article(id="html", text=html))
    assert rec.errors == []
    assert [e.type for e in rec.events] == ["air_strike"]
    ev = rec.events[0]
    assert html[ev.trigger.start : ev.trigger.end] == ev.trigger.text == "غارات"


def test_hostile_names_do_not_break_extraction(extractor: Extractor) -> None:
    text = 'قال "{المصدر}" <script>alert(1)</script> إن قذائف هاون سقطت على مدينة درعا أمس.'
    rec = extractor(Article(id="hostile", text=text, published="2018-06-27"))
    assert rec.errors == []
    assert [e.type for e in rec.events] == ["shelling"]


def test_components_are_configured_through_add_pipe() -> None:
    from kg.extract.pipeline import make_nlp

    nlp = make_nlp({"conflict_triggers": {"window": 3}, "exclude": ["conflict_status"]})
    assert "conflict_status" not in nlp.pipe_names
    assert nlp.pipe_names.index("conflict_places") < nlp.pipe_names.index("conflict_triggers")
    assert nlp.get_pipe("conflict_triggers").window == 3
    with pytest.raises(ValueError, match="unknown pipeline components"):
        make_nlp({"conflict_nonsense": {}})


def test_fresh_vocabulary_between_articles_changes_no_record() -> None:
    """The extractor rebuilds its pipeline every N articles to keep memory flat; records must
    not depend on when that happens."""
    from kg.extract import Extractor

    texts = [
        "قصفت طائرات حربية روسية بلدة سراقب في ريف إدلب أمس ما أدى إلى مقتل 7 مدنيين.",
        "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في حي جوبر بدمشق.",
        "اعتقلت قوات الأمن العراقية عشرة مشتبه بهم في الموصل يوم الثلاثاء.",
    ]
    articles = [Article(id=f"a{i}", text=t, published="2016-08-09") for i, t in enumerate(texts)]
    steady, fresh = Extractor(refresh_every=0), Extractor(refresh_every=1)
    for article in articles * 2:
        assert fresh(article).to_dict() == steady(article).to_dict()
    assert (fresh._since_refresh, steady._since_refresh) == (1, 6)  # the fresh one really refreshed
