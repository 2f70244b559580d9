"""The trigger scan's veto rules are a table of named rules, switchable by name: a rule switched
off no longer drops (nor, for the learned eventness, marks) what it would, and the other rules
still do."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract import Extractor
from kg.extract.trigger_rules import DOCUMENT_RULES, DRAFT_RULES, MATCH_RULES
from kg.extract.triggers import TriggerComponent, find_triggers
from kg.vocab.record import Article

NEGATED = "لم يقصف الطيران الحربي مدينة حلب أمس. وقال مصدر محلي إن القصف المدفعي استمر على ريفها."


@pytest.fixture(scope="module")
def doc() -> Doc:
    """The article read up to the trigger component, as the scan sees it."""
    art = Article(id="t", text=NEGATED, published="2016-05-02")
    return Extractor({"pipeline": "rules"}).doc(art, until="conflict_triggers")


def vetoes_at(drafts: list, word: str, doc: Doc) -> list[list[str]]:
    return [d.vetoes for d in drafts if word in doc._.norms[d.start]]


def test_a_negated_trigger_is_vetoed_by_name(doc: Doc) -> None:
    assert ["negated"] in vetoes_at(find_triggers(doc, candidates=True), "يقصف", doc)
    assert not vetoes_at(find_triggers(doc), "يقصف", doc)


def test_a_rule_switched_off_drops_nothing(doc: Doc) -> None:
    every = find_triggers(doc, candidates=True, off=frozenset({"negated"}))
    assert all("negated" not in v for v in vetoes_at(every, "يقصف", doc))
    assert vetoes_at(find_triggers(doc, off=frozenset({"negated"})), "يقصف", doc)


def test_the_other_rules_still_apply(doc: Doc) -> None:
    kept = find_triggers(doc, off=frozenset({"negated"}))
    assert [d for d in kept if doc._.norms[d.start] == "القصف"], "the shelling told after stays"
    assert len(kept) < len(find_triggers(doc, candidates=True, off=frozenset({"negated"})))


def test_every_rule_has_one_name() -> None:
    names = [*MATCH_RULES, *DRAFT_RULES, *DOCUMENT_RULES]
    assert len(names) == len(set(names))


def test_an_unknown_rule_name_is_an_error(doc: Doc) -> None:
    with pytest.raises(ValueError, match="no trigger rule named negatd"):
        find_triggers(doc, off=frozenset({"negatd"}))


def test_the_component_takes_the_rules_to_switch_off(doc: Doc) -> None:
    kept = TriggerComponent(10, off=["negated"])(doc)._.drafts
    assert vetoes_at(kept, "يقصف", doc)
    assert not vetoes_at(TriggerComponent(10)(doc)._.drafts, "يقصف", doc)
    with pytest.raises(ValueError, match="no trigger rule named negatd"):
        TriggerComponent(10, off=["negatd"])


def test_a_rule_is_switched_off_from_the_pipeline_config() -> None:
    """As spaCy components are configured: `{"conflict_triggers": {"off": [...]}}`."""
    text = "لم تقصف الطائرات الحربية مدينة إدلب أمس."
    on = Extractor({"pipeline": "rules"})(Article(id="t", text=text)).to_dict()["events"]
    off = Extractor({"pipeline": "rules", "conflict_triggers": {"off": ["negated"]}})
    assert not [e for e in on if e["type"] == "air_strike"]
    assert [e for e in off(Article(id="t", text=text)).to_dict()["events"] if e["type"] == "air_strike"]


def test_actor_and_place_rules_are_switched_off_from_the_pipeline_config() -> None:
    """The entity components take `off` as the triggers do: «مدنيون» is no actor without the
    civilians rule, and «المدينة» points back to no city without the anaphor pass."""
    text = "وقتل مدنيون في قصف على مدينة سراقب. وأضاف أن المدينة تعرضت لغارات."

    def found(config: dict) -> dict:
        return Extractor({"pipeline": "rules", **config})(Article(id="t", text=text)).to_dict()

    def place_mentions(rec: dict) -> set[str]:
        return {m["text"] for p in rec["locations"] for m in p["mentions"]}

    base = found({})
    assert [a["label_ar"] for a in base["actors"]] == ["مدنيون"]
    assert found({"conflict_actors": {"off": ["civilians"]}})["actors"] == []
    assert "المدينة" in place_mentions(base)
    assert "المدينة" not in place_mentions(found({"conflict_places": {"off": ["anaphors"]}}))
    with pytest.raises(ValueError, match="no actor rule named civilian"):
        found({"conflict_actors": {"off": ["civilian"]}})
    with pytest.raises(ValueError, match="no place pass named anaphor"):
        found({"conflict_places": {"off": ["anaphor"]}})
