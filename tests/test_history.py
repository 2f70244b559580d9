"""An event dated years before its article is background, in both pipelines; last year's is not."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.vocab.record import Article


@pytest.fixture(scope="module", params=({"pipeline": "rules"}, {}), ids=("rules", "learned"))
def extract(request: pytest.FixtureRequest) -> Extractor:
    return Extractor(request.param)


def types(extract: Extractor, text: str, published: str | None = "2015-07-24") -> list[str]:
    return [e["type"] for e in extract(Article(id="t", text=text, published=published)).to_dict()["events"]]


OLD = "وقتل مسلحون عشرة مدنيين في هجوم على سوق بمدينة الموصل في عام 2010."
FRESH = "وقتل مسلحون عشرة مدنيين في هجوم على سوق بمدينة الموصل في عام 2014."


def test_an_event_of_years_ago_is_history(extract: Extractor) -> None:
    assert types(extract, FRESH) != []  # the same sentence, one year before publication
    assert types(extract, OLD) == []


def test_without_a_publication_date_nothing_is_dropped(extract: Extractor) -> None:
    assert types(extract, OLD, published=None) != []


def test_the_bar_is_configurable() -> None:
    lax = Extractor({"pipeline": "rules", "conflict_history": {"years": 50}})
    assert types(lax, OLD) != []
