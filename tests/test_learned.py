"""The learned components: model files, candidate triggers, labels, and training end to end.

The fixture articles in tests/fixtures/training were written for these tests (no corpus text);
the shipped models' checks use sentences written here too.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from kg.extract import Extractor
from kg.extract.learned.linear import MODELS, LinearModel, load_model
from kg.training.align import align, gold_events
from kg.training.dataset import DETAILS, build, candidate_extractor
from kg.training.evaluate import folder_items, learned_config, run, score
from kg.training.standoff import to_gold, to_standoff
from kg.training.train import settings, train_models
from kg.vocab.record import Article

FIXTURES = Path(__file__).parent / "fixtures" / "training"


@pytest.fixture(scope="module")
def items() -> list[tuple[Article, dict]]:
    return folder_items(FIXTURES / "articles", FIXTURES / "gold")


@pytest.fixture(scope="module")
def candidates() -> Extractor:
    return candidate_extractor()


@pytest.mark.parametrize("n_classes", [2, 4])
def test_linear_model_gives_sklearns_probabilities_after_a_round_trip(tmp_path, n_classes) -> None:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, size=(200, 12)).astype(float)
    y = [str(v) for v in (x[:, 0] * 2 + x[:, 1] + rng.integers(0, 2, 200)) % n_classes]
    clf = LogisticRegression(max_iter=1000).fit(x, y)
    vocab = {f"f{i}": i for i in range(12)}
    model = LinearModel(tuple(clf.classes_), vocab, clf.coef_.T.copy(), clf.intercept_.copy())
    model.save(tmp_path / "m.npz")
    back = load_model(tmp_path / "m.npz")
    for row in x[:20]:
        feats = [f"f{i}" for i in range(12) if row[i]] + ["unseen"]
        assert np.allclose(back.scores(feats), clf.predict_proba(row[None, :])[0], atol=1e-5)


def test_a_model_file_that_is_missing_says_how_to_rebuild_it(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="make train"):
        load_model(tmp_path / "nothing.npz")


SENTENCES = [
    "وتسيطر هيئة تحرير الشام على أجزاء من ريف إدلب.",
    "قتل 12 مدنيا في غارات جوية على مدينة دوما، وقال المرصد إن الغارات استهدفت سوقا.",
    "لم تقصف الطائرات مدينة حلب أمس.",
    "وتسعى القوات للسيطرة على مدينة الرقة.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_candidates_are_the_rules_drafts_plus_what_they_drop_with_the_reason(candidates, text) -> None:
    rules = Extractor({"pipeline": "rules"})
    art = Article(id="t", text=text, published="2018-05-01")
    kept = [(d.start, d.type) for d in rules.doc(art, until="conflict_status")._.drafts]
    every = candidates.doc(art, until="conflict_status")._.drafts
    assert [(d.start, d.type) for d in every if not d.vetoes] == kept
    assert all(isinstance(v, str) for d in every for v in d.vetoes)


def test_a_negated_strike_is_a_candidate_with_its_veto(candidates) -> None:
    art = Article(id="t", text=SENTENCES[2], published="2018-05-01")
    drafts = candidates.doc(art, until="conflict_status")._.drafts
    assert any("negated" in d.vetoes for d in drafts)


def test_standoff_keeps_offsets_only_and_gives_the_strings_back() -> None:
    text = "قصفت الطائرات مدينة حلب.\nوقال المرصد إن القصف قتل خمسة."
    row = {"id": "x1", "text": text, "published": "2018-05-01"}
    gold = {
        "article": "x1",
        "actors": [
            {"name_ar": "المرصد", "aliases_ar": [], "name_en": "SOHR", "kind": "other", "country": "SYR"}
        ],
        "locations": [
            {
                "name_ar": "حلب",
                "aliases_ar": ["مدينة حلب"],
                "name_en": "Aleppo",
                "kind": "city",
                "within": "Syria",
            }
        ],
        "events": [
            {
                "id": "e1",
                "type": "air_strike",
                "trigger_ar": "قصفت الطائرات",
                "sentence_index": [0, 1],
                "actors": [{"name_en": "SOHR", "role": "source"}],
                "location": ["Aleppo"],
                "date": "2018-05-01",
                "fatalities": 5,
                "negated_or_failed": False,
            }
        ],
    }
    stand, errors = to_standoff(gold, row, "a1", "x1.json")
    assert errors == []
    assert "حلب" not in json.dumps(stand, ensure_ascii=False)  # no text, only offsets
    back = to_gold(stand, text)
    assert back["locations"][0]["name_ar"] == "حلب" and back["locations"][0]["aliases_ar"] == ["مدينة حلب"]
    assert back["events"][0]["trigger_ar"] == "قصفت الطائرات"
    gold["actors"][0]["aliases_ar"] = ["المرصد السوري"]
    gold["events"][0]["sentence_index"] = [1]
    _stand, errors = to_standoff(gold, row, "a1", "x1.json")
    assert any("x1.json" in e and "المرصد السوري" in e for e in errors)
    assert any("x1.json" in e and "not verbatim in sentence 1" in e for e in errors)


def test_alignment_ties_a_candidate_to_its_incident_and_leaves_a_name_alone(items, candidates) -> None:
    art, gold = next(it for it in items if it[0].id == "t2")
    doc = candidates.doc(art, until=DETAILS[0])
    drafts = doc._.drafts
    mentions, anchors = align(doc, drafts, gold_events(gold, art.text))
    by_word = {doc[d.start : d.end].text: g.id if g else None for d, g in zip(drafts, anchors, strict=True)}
    assert by_word.get("غارات جوية") == "e1" or by_word.get("غارات") == "e1", by_word
    assert by_word.get("تحرير") is None  # inside the name «هيئة تحرير الشام»
    # one anchor per incident and sentence; every anchor is also a mention
    told = [(g.id, d.sent) for d, g in zip(drafts, anchors, strict=True) if g]
    assert len(told) == len(set(told))
    assert all(m is a for m, a in zip(mentions, anchors, strict=True) if a is not None)


def test_training_end_to_end_is_deterministic_and_learns_its_examples(items, tmp_path) -> None:
    examples = build(items)
    pooled = examples["t1"]
    for k in ("t2", "t3"):
        pooled.extend(examples[k])
    first = train_models(pooled, settings())
    second = train_models(pooled, settings())
    for name in first:
        assert np.array_equal(first[name].weights, second[name].weights)
        first[name].save(tmp_path / f"{name}.npz")
    extractor = Extractor(learned_config(tmp_path))
    records = run(extractor, items)
    assert {e["type"] for e in records["t1"]["events"]} >= {"protest", "arrest"}
    assert records["t3"]["events"] == []  # sport and an agreement: no incident
    fig = score(items, records)
    assert fig["events"]["f1"] >= 0.6


def test_shipped_models_are_small_and_say_how_they_were_made() -> None:
    files = [MODELS / f"{n}.npz" for n in ("eventness", "segments", "roles")]
    assert sum(f.stat().st_size for f in files) < 30_000_000
    manifest = json.loads((MODELS / "manifest.json").read_text(encoding="utf-8"))
    assert "annotated ANT 2018 articles" in manifest["trained_on"]
    for f in files:
        model = load_model(f)
        assert model.weights.shape == (len(model.vocab), 1 if len(model.labels) == 2 else len(model.labels))


# --- the shipped models on sentences written for these tests --------------------------------
@pytest.fixture(scope="module")
def learned() -> Extractor:
    return Extractor()  # the default pipeline is the learned one


def types_of(extractor: Extractor, text: str) -> list[str]:
    return [e.type for e in extractor(Article(id="t", text=text, published="2018-07-20")).events]


def test_the_default_pipeline_is_the_learned_one(learned) -> None:
    names = learned.nlp.pipe_names
    assert {"conflict_eventness", "conflict_segments", "conflict_roles"} <= set(names)
    assert "conflict_coref" not in names


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("احتشد آلاف المحتجين أمام مبنى البرلمان في بغداد أمس للمطالبة بإقالة الحكومة.", {"protest", "riot"}),
        ("تظاهر مئات الطلاب في مدينة الخرطوم احتجاجا على رفع أسعار الخبز.", {"protest", "riot"}),
        ("أضرم متظاهرون غاضبون النار في مقر الحزب بمدينة البصرة ورشقوا قوات الأمن بالحجارة.", {"riot"}),
        ("رشق متظاهرون قوات الأمن بالحجارة في مدينة البصرة.", {"riot", "protest"}),
        ("اندلعت اشتباكات عنيفة بين الجيش ومسلحين في ريف إدلب الجنوبي.", {"battle"}),
        ("شنت طائرات حربية غارات على مدينة دوما في الغوطة الشرقية.", {"air_strike"}),
        ("انفجرت سيارة مفخخة في سوق مزدحمة بمدينة الرمادي.", {"explosion"}),
        ("اعتقلت قوات الأمن عشرة أشخاص في مدينة الموصل.", {"arrest"}),
        # strikes and storming: no armed party in sight, and a demonstration needs none
        ("نفذ موظفو القطاع العام إضرابا عاما في الضفة الغربية احتجاجا على قانون الضمان الاجتماعي.",
         {"protest"}),
        ("أضرب سائقو سيارات الأجرة عن العمل في القاهرة احتجاجا على تطبيق أوبر.", {"protest"}),
        # «محتجون» (indefinite nominative) names the crowd that burns: a riot, not a killing
        ("أحرق محتجون غاضبون مقر حزب الدعوة في البصرة وسط العراق.", {"riot"}),
        # demonstrations in other countries, written before the extractor saw them (8 Dec; of 16,
        # 11 were found: the dispersals, a mob on a family, a road blocked and a police clash not)
        ("تظاهر آلاف المغاربة في مدينة الحسيمة للمطالبة بالإفراج عن معتقلي الحراك.", {"protest", "riot"}),
        ("خرج مئات الأردنيين إلى الشوارع في عمان احتجاجا على مشروع قانون ضريبة الدخل.", {"protest", "riot"}),
        ("نظم عشرات الصحفيين وقفة احتجاجية أمام مقر نقابتهم في تونس العاصمة.", {"protest"}),
        ("تجمع مئات الإيرانيين أمام البرلمان في طهران احتجاجا على تدهور قيمة العملة.", {"protest", "riot"}),
        ("رشق شبان غاضبون سيارات الشرطة بالحجارة في حي بمدينة طرابلس شمالي لبنان.", {"riot"}),
        ("تظاهر الآلاف في شوارع باريس ضد سياسات الرئيس ماكرون.", {"protest", "riot"}),
    ],
)
def test_incidents_told_plainly_are_found_with_their_type(learned, text, family) -> None:
    assert family & set(types_of(learned, text)), types_of(learned, text)


@pytest.mark.parametrize(
    "text",
    [
        "سجل اللاعب هدفين في مباراة فريقه أمام منافسه في الدوري مساء أمس.",
        "اندلع حريق في مستودع بمدينة جدة وتمت السيطرة عليه دون إصابات.",
        "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك خفض الإنتاج.",
    ],
)
def test_sport_fires_and_markets_give_no_conflict_event(learned, text) -> None:
    assert not {t for t in types_of(learned, text) if t not in {"statement", "other"}}


def test_role_candidates_reach_the_sentences_either_side_of_the_incident(learned) -> None:
    """A teller or a party named in the sentence before or after is weighed for a role, with
    features that say where it stands; an actor two sentences away is not."""
    from kg.extract.learned.facts import facts_of
    from kg.extract.learned.roles import candidates, role_features

    text = (
        "قال المرصد السوري لحقوق الإنسان إن الوضع متوتر. "
        "شنت طائرات حربية غارات على مدينة دوما في الغوطة الشرقية. "
        "وأكد الجيش الأمريكي أنه يتابع الأمر. "
        "ودعت الأمم المتحدة إلى التهدئة."
    )
    doc = learned.doc(Article(id="nbr", text=text), until="conflict_roles")
    f = facts_of(doc)
    strike = next(d for d in doc._.drafts if d.type == "air_strike")
    assert {f.tok_sent[s] for s, _e in strike.mentions} == {1}
    found = candidates(f, strike)
    where = {a: f.tok_sent[sp[0]] for a, (_m, sp) in found.items() if sp is not None}
    assert {0, 2} <= set(where.values()), where
    assert 3 not in where.values(), where
    sides = {s: role_features(f, strike, a, *found[a]) for a, s in where.items()}
    assert "nbr=before" in sides[0], sides[0]
    assert "nbr=after" in sides[2], sides[2]


def test_the_share_to_retype_is_lower_from_the_rules_battle() -> None:
    """False battles were mostly another type told in the right sentence, so a word the rules
    call a battle takes the model's type at half of P(incident); other words need `retype`."""
    from kg.extract.learned.eventness import retype_share

    th = {"retype": 0.9, "retype_from.battle": 0.5, "retype.riot": 0.7}
    assert retype_share(th, "battle", "statement") == 0.5
    assert retype_share(th, "shelling", "statement") == 0.9
    assert retype_share(th, "shelling", "riot") == 0.7
    shipped = load_model(MODELS / "eventness.npz").thresholds
    assert shipped["retype_from.battle"] < shipped["retype"]
