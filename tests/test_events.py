"""Event rules on short sentences written for these tests (not from the sample or dev set).

They run the real rule pipeline (`{"pipeline": "rules"}`: tokenizer, gazetteer, actor lexicon,
event rules), so a rule that stops reading Arabic word order, clitics or status cues fails here.
The rules are the learned pipeline's candidates and features, and the baseline it is measured
against; the learned pipeline's own behaviour is tested in test_learned.py.
"""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.vocab.record import Article, Event, ExtractionRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor({"pipeline": "rules"})


def run(extractor: Extractor, text: str, published: str | None = "2018-06-27") -> ExtractionRecord:
    return extractor(Article(id="t", text=text, published=published))


def roles(rec: ExtractionRecord, ev: Event) -> set[tuple[str, str]]:
    label = {a.id: a.label_ar for a in rec.actors}
    return {(label[a.id], a.role) for a in ev.actors}


def places(rec: ExtractionRecord, ev: Event) -> list[str]:
    label = {p.id: p.label_ar for p in rec.locations}
    return [label[p] for p in ev.locations]


def only_event(rec: ExtractionRecord) -> Event:
    assert len(rec.events) == 1, [(e.type, e.trigger.text) for e in rec.events]
    return rec.events[0]


# --- triggers, types and clitics -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "etype", "trigger"),
    [
        ("وقصفت قوات النظام بالمدفعية مدينة حلب.", "shelling", "وقصفت"),
        ("قصفت طائرات حربية مدينة حلب.", "air_strike", "قصفت"),
        ("تعرضت مدينة إدلب لغارات عنيفة.", "air_strike", "لغارات"),
        ("فاشتبكت قوات النظام مع تنظيم داعش في دير الزور.", "battle", "فاشتبكت"),
        ("انفجرت سيارة مفخخة في مدينة الرمادي.", "explosion", "انفجرت"),
        ("سقطت قذائف هاون على مدينة درعا.", "shelling", "قذائف هاون"),
        ("سيطرت قوات النظام على مدينة تدمر.", "territory_change", "سيطرت"),
        ("اعتقلت الشرطة عشرة أشخاص في مدينة الموصل.", "arrest", "اعتقلت"),
        ("خرجت مظاهرات في مدينة درعا.", "protest", "مظاهرات"),
        ("وصلت قافلة مساعدات إلى مدينة حمص.", "humanitarian", "قافلة مساعدات"),
        ("وتسبب القتال في نزوح آلاف العائلات من مدينة الحديدة.", "displacement", "نزوح"),
        ("وأحرق مستوطنون منزلا لعائلة في بلدة دوما.", "violence_against_civilians", "وأحرق"),
    ],
)
def test_trigger_types_through_clitics(extractor: Extractor, text: str, etype: str, trigger: str) -> None:
    rec = run(extractor, text)
    assert (etype, trigger) in {(e.type, e.trigger.text) for e in rec.events}
    ev = next(e for e in rec.events if e.trigger.text == trigger)
    assert text[ev.trigger.start : ev.trigger.end] == trigger  # offsets index the original text


def test_a_killing_inside_a_strike_sentence_is_not_a_second_event(extractor: Extractor) -> None:
    rec = run(extractor, "قتل 13 مدنيا بقصف الطيران الحربي على مدينة إدلب.")
    ev = only_event(rec)
    assert ev.type == "air_strike"
    assert ev.fatalities == 13


def test_habits_and_fears_are_not_incidents(extractor: Extractor) -> None:
    assert run(extractor, "ويقصف النظام بانتظام مدينة حلب بالبراميل المتفجرة.").events == []
    assert run(extractor, "لم تقصف قوات النظام مدينة حلب.").events == []  # negated
    feared = run(extractor, "لم تنطلق القافلة تحسبا لتعرضها للقصف في مدينة حلب.")
    assert all(e.type != "shelling" for e in feared.events)


# --- roles -----------------------------------------------------------------------------------
def test_vso_subject_attacks(extractor: Extractor) -> None:
    rec = run(extractor, "قصفت قوات النظام مدينة حلب بالمدفعية.")
    assert ("قوات النظام", "attacker") in roles(rec, only_event(rec))


def test_light_verb_subject_attacks_and_ala_marks_the_target(extractor: Extractor) -> None:
    rec = run(extractor, "شن تنظيم داعش هجوما على قوات النظام في دير الزور.")
    r = roles(rec, only_event(rec))
    assert ("تنظيم الدولة", "attacker") in r
    assert ("قوات النظام", "target") in r


def test_passive_kill_takes_the_attacker_from_the_construct(extractor: Extractor) -> None:
    rec = run(extractor, "قتل 13 مدنيا وأصيب 20 آخرون بجروح بقصف الطيران الروسي على مدينة إدلب.")
    ev = only_event(rec)
    r = roles(rec, ev)
    assert any(role == "attacker" and "الطيران" in name for name, role in r)
    assert any(role == "victim" for _name, role in r)
    assert (ev.fatalities, ev.injured) == (13, 20)


def test_bayna_wa_gives_participants(extractor: Extractor) -> None:
    rec = run(extractor, "اندلعت اشتباكات بين قوات النظام وتنظيم داعش في مدينة حلب.")
    ev = only_event(rec)
    assert roles(rec, ev) == {("قوات النظام", "participant"), ("تنظيم الدولة", "participant")}
    assert places(rec, ev) == ["حلب"]


def test_fi_sufuf_gives_victims(extractor: Extractor) -> None:
    rec = run(extractor, "سقط عشرات القتلى في صفوف قوات النظام خلال معارك في مدينة حلب.")
    ev = only_event(rec)
    assert ("قوات النظام", "victim") in roles(rec, ev)
    assert ev.fatalities == 10  # «عشرات» counts as 10


def test_reporting_verb_subject_is_the_source(extractor: Extractor) -> None:
    rec = run(extractor, "وقالت قوات النظام إن تنظيم داعش هاجم مدينة دير الزور.")
    r = roles(rec, only_event(rec))
    assert ("قوات النظام", "source") in r
    assert ("تنظيم الدولة", "attacker") in r


def test_forces_backed_by_a_patron_act_not_the_patron(extractor: Extractor) -> None:
    """«القوات الموالية للرئيس X سيطرت»: the forces took the town; X only names their side."""
    text = "أكد مصدر عسكري أن القوات الموالية للرئيس عبد ربه منصور هادي سيطرت على مدينة زنجبار."
    rec = run(extractor, text)
    r = roles(rec, only_event(rec))
    assert any(role == "attacker" and name.startswith("القوات الموالية") for name, role in r), r
    assert not any("هادي" in name for name, _role in r), r


def test_a_count_after_qutila_makes_it_passive(extractor: Extractor) -> None:
    """«قتل ثلاثة جنود … في هجوم لـX»: the soldiers were killed, X attacked them."""
    rec = run(extractor, "وقتل ثلاثة جنود أتراك في هجوم لحزب العمال الكردستاني في ولاية هكاري.")
    r = roles(rec, only_event(rec))
    assert ("حزب العمال الكردستاني", "attacker") in r
    assert any(role == "target" and "جنود" in name for name, role in r), r


def test_a_teller_named_again_inside_its_claim_also_did_it(extractor: Extractor) -> None:
    text = "وأكد المتحدث باسم قوات التحالف أن طائرات التحالف دمرت مخازن أسلحة في مدينة صعدة."
    rec = run(extractor, text)
    ev = only_event(rec)
    assert ev.type == "air_strike" and ev.trigger.text == "دمرت"  # «دمر» with aircraft: an air strike
    r = roles(rec, ev)
    assert {role for name, role in r if "التحالف" in name} == {"source", "attacker"}, r


def test_the_owner_after_a_feminine_event_noun_attacked(extractor: Extractor) -> None:
    """«في غارة لطيران التحالف»: «غارة» ends in «ة», not a pronoun, so «لـX» after it is the doer."""
    rec = run(extractor, "وقتل 8 من مسلحي الحوثي في غارة لطيران التحالف على مواقعهم في محافظة مأرب.")
    r = roles(rec, only_event(rec))
    assert ("التحالف العربي", "attacker") in r and ("الحوثيون", "target") in r, r


def test_announcing_its_own_capture_makes_the_teller_the_doer(extractor: Extractor) -> None:
    rec = run(extractor, "وأعلنت المقاومة الشعبية سيطرتها على مدينة الضالع.")
    r = roles(rec, only_event(rec))
    assert {("المقاومة الشعبية", "source"), ("المقاومة الشعبية", "attacker")} <= r, r


def test_a_group_s_positions_make_it_the_target_not_the_doer(extractor: Extractor) -> None:
    """«قصفت الطائرات مواقع التنظيم»: the owner of what is hit is the target."""
    for text in (
        "وقصفت مواقع جبهة النصرة في ريف إدلب بالمدفعية الثقيلة.",
        "وتعرضت مواقع جبهة النصرة في ريف إدلب لقصف مدفعي عنيف.",
        "قصفت طائرات حربية مقرات جبهة النصرة في ريف إدلب.",
    ):
        rec = run(extractor, text)
        r = roles(rec, only_event(rec))
        assert ("جبهة النصرة", "target") in r and ("جبهة النصرة", "attacker") not in r, (text, r)


def test_a_group_named_by_its_head_noun_again_takes_its_role(extractor: Extractor) -> None:
    text = "سيطر تنظيم الدولة على بلدة مهين أمس. وقصف الطيران الروسي مواقع التنظيم في البلدة."
    rec = run(extractor, text)
    strike = next(e for e in rec.events if e.type == "air_strike")
    assert ("تنظيم الدولة", "target") in roles(rec, strike)
    isis = next(a for a in rec.actors if a.label_ar == "تنظيم الدولة")
    assert "التنظيم" in [m.text for m in isis.mentions]
    text = "وقتل عنصران من وحدات حماية الشعب في هجوم لتنظيم الدولة، فيما ردت الوحدات بقصف مواقع التنظيم."
    rec = run(extractor, text)
    shelling = next(e for e in rec.events if e.type == "shelling")
    assert ("وحدات حماية الشعب", "attacker") in roles(rec, shelling)
    rec = run(extractor, "هاجم تنظيم الدولة الإسلامية بلدة مهين. وقالت الدولة إنها سترد على الهجوم.")
    isis = next(a for a in rec.actors if a.label_ar == "تنظيم الدولة")
    assert "الدولة" not in [m.text for m in isis.mentions]  # «الدولة» is the state, not ISIS again


def test_men_counted_as_killed_are_neither_doer_nor_teller(extractor: Extractor) -> None:
    rec = run(extractor, "وقالت مصادر محلية إن 5 من عناصر مليشيا الحوثي قتلوا في كمين للمقاومة الشعبية.")
    r = roles(rec, only_event(rec))
    assert ("المقاومة الشعبية", "attacker") in r and ("الحوثيون", "target") in r, r
    rec = run(extractor, "وأفادت مصادر ميدانية بسقوط قتلى من جيش النظام في اشتباكات بريف حماة.")
    r = roles(rec, only_event(rec))
    assert ("قوات النظام", "source") not in r and ("قوات النظام", "attacker") not in r, r


def test_blame_and_condemnation_by_a_presidency_are_statements(extractor: Extractor) -> None:
    rec = run(extractor, "وحملت الرئاسة الفلسطينية الحكومة الإسرائيلية المسؤولية الكاملة عن الجريمة.")
    ev = only_event(rec)
    assert ev.type == "statement"
    assert roles(rec, ev) == {("الرئاسة الفلسطينية", "source"), ("الحكومة الإسرائيلية", "participant")}
    rec = run(extractor, "واستنكرت وزارة الداخلية البحرينية الهجوم الإرهابي على المسجد.")
    assert [e.type for e in rec.events] == ["statement"]


def test_the_construct_before_an_lam_object_did_it(extractor: Extractor) -> None:
    rec = run(extractor, "واستشهد رضيع فلسطيني جراء إحراق مستوطنين إسرائيليين لمنزل عائلته في بلدة دوما.")
    r = roles(rec, only_event(rec))
    assert any(role == "attacker" and "مستوطن" in name for name, role in r), r


def test_the_group_the_perpetrators_belong_to_attacked(extractor: Extractor) -> None:
    rec = run(extractor, "وقتل 15 شخصا في هجوم يرجح أن منفذيه ينتمون لجماعة بوكو حرام في ولاية بورنو.")
    r = roles(rec, only_event(rec))
    assert ("بوكو حرام", "attacker") in r and ("بوكو حرام", "target") not in r, r


def test_the_nearest_teller_tells_what_follows_it(extractor: Extractor) -> None:
    text = (
        "وقالت وكالة رويترز إن الاشتباكات توقفت، وقال المرصد السوري لحقوق الإنسان إن طائرات قصفت مدينة حلب."
    )
    rec = run(extractor, text)
    strike = next(e for e in rec.events if e.type == "air_strike")
    sources = {name for name, role in roles(rec, strike) if role == "source"}
    assert sources == {"المرصد السوري لحقوق الإنسان"}, sources


def test_actors_before_in_an_attack_are_not_its_attackers(extractor: Extractor) -> None:
    """«قتلت X عضوا بالبرلمان وحارسه في هجوم»: the MP and his guard were killed, X attacked."""
    rec = run(extractor, "وقتلت حركة الشباب عضوا بالبرلمان وحارسه الشخصي في هجوم بمدينة مقديشو.")
    ev = only_event(rec)
    r = roles(rec, ev)
    assert {name for name, role in r if role == "attacker"} == {"حركة الشباب"}, r
    assert {name for name, role in r if role == "victim"} == {"عضوا بالبرلمان", "حارسه الشخصي"}, r
    assert ev.type == "violence_against_civilians"  # nobody fought back


def test_the_subject_of_tamakkana_does_the_verbal_noun(extractor: Extractor) -> None:
    rec = run(extractor, "ونجحت قوات النظام في استعادة السيطرة على بلدة مورك بريف حماة.")
    assert ("قوات النظام", "attacker") in roles(rec, only_event(rec))
    text = "وتمكنت جبهة النصرة بالتعاون مع حركة أحرار الشام وبغطاء ناري كثيف من السيطرة على مدينة جسر الشغور."
    rec = run(extractor, text)
    r = roles(rec, only_event(rec))
    assert {name for name, role in r if role == "attacker"} == {"جبهة النصرة", "أحرار الشام"}, r


def test_a_leader_s_militia_is_his_forces(extractor: Extractor) -> None:
    rec = run(extractor, "وقصف الحوثيون ومليشيات صالح أحياء مدينة تعز بقذائف الهاون.")
    r = roles(rec, only_event(rec))
    assert {("الحوثيون", "attacker"), ("قوات صالح", "attacker")} <= r, r


def test_a_saying_verb_behind_a_preposition_says_nothing(extractor: Extractor) -> None:
    rec = run(extractor, "وأشادت وزارة الداخلية البحرينية بحمل رجال الأمن المسؤولية في مدينة سترة.")
    assert [e.type for e in rec.events if e.trigger.text == "بحمل"] == []


def test_a_condemned_incident_told_as_happened_is_an_event(extractor: Extractor) -> None:
    text = "وندد وزير الداخلية السعودي بالتفجير الإرهابي الذي وقع ظهر أمس في مسجد بمدينة أبها."
    rec = run(extractor, text)
    assert sorted(e.type for e in rec.events) == ["explosion", "statement"]
    blast = next(e for e in rec.events if e.type == "explosion")
    assert not any(role == "attacker" for _name, role in roles(rec, blast))  # the speaker did not do it
    rec = run(extractor, "ونددت الحكومة السعودية بأي تفجير قد يستهدف المساجد في مدينة أبها.")
    assert [e.type for e in rec.events] == ["statement"]


def test_people_arrested_are_victims(extractor: Extractor) -> None:
    rec = run(extractor, "واعتقلت الشرطة التركية 20 شخصا في مدينة إسطنبول.")
    r = roles(rec, only_event(rec))
    assert ("الشرطة التركية", "attacker") in r
    assert ("20 شخصا", "victim") in r


# --- status ----------------------------------------------------------------------------------
def test_repelled_attack_is_failed_and_the_defender_is_the_target(extractor: Extractor) -> None:
    rec = run(extractor, "صدت قوات النظام هجوما لتنظيم داعش على مدينة دير الزور.")
    ev = only_event(rec)
    assert ev.status == "failed"
    assert ("قوات النظام", "target") in roles(rec, ev)
    assert ("تنظيم الدولة", "attacker") in roles(rec, ev)


def test_attempt_that_failed(extractor: Extractor) -> None:
    rec = run(extractor, "حاول تنظيم داعش اقتحام مدينة الرمادي لكنه فشل في ذلك.")
    assert only_event(rec).status == "failed"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("يستعد تنظيم داعش لشن هجوم على مدينة الرمادي.", "planned"),
        ("حاولت قوات النظام اقتحام مدينة درعا.", "attempted"),
        ("أحبطت قوات الأمن هجوما لتنظيم داعش في مدينة الرمادي.", "failed"),
        ("فشل هجوم تنظيم داعش على مدينة الرمادي.", "failed"),
    ],
)
def test_status_cues(extractor: Extractor, text: str, status: str) -> None:
    rec = run(extractor, text)
    ev = only_event(rec)
    assert ev.status == status
    doer = "تنظيم الدولة" if "داعش" in text else "قوات النظام"
    assert (doer, "attacker") in roles(rec, ev)


def test_plain_incident_occurred(extractor: Extractor) -> None:
    rec = run(extractor, "اقتحم تنظيم داعش مدينة الرمادي.")
    assert only_event(rec).status == "occurred"


def test_denial_is_the_deniers_statement_not_a_failed_strike(extractor: Extractor) -> None:
    rec = run(extractor, "ونفت قوات النظام قصف مستشفى في مدينة درعا.")
    ev = only_event(rec)
    assert (ev.type, ev.status) == ("statement", "denied")
    assert ("قوات النظام", "source") in roles(rec, ev)


# --- dates -----------------------------------------------------------------------------------
def test_relative_date_resolved_from_publication(extractor: Extractor) -> None:
    ev = only_event(run(extractor, "شنت طائرات روسية غارات على مدينة إدلب أمس."))
    assert (ev.date, ev.date_precision, ev.date_text) == ("2018-06-26", "day", "أمس")


def test_relative_date_without_anchor_is_kept_unresolved(extractor: Extractor) -> None:
    ev = only_event(run(extractor, "شنت طائرات روسية غارات على مدينة إدلب أمس.", published=None))
    assert ev.date is None
    assert ev.date_text == "أمس"


# --- one event per incident ------------------------------------------------------------------
def test_two_sentences_of_one_incident_make_one_event(extractor: Extractor) -> None:
    text = (
        "قتل سبعة مدنيين في غارات جوية على مدينة إدلب.\n"
        "وقالت مصادر محلية إن الغارات استهدفت سوقا شعبيا في مدينة إدلب."
    )
    ev = only_event(run(extractor, text))
    assert ev.type == "air_strike"
    assert len(ev.mentions) == 2
    assert ev.fatalities == 7


def test_two_towns_make_two_events(extractor: Extractor) -> None:
    text = "قتل خمسة مدنيين في غارات جوية على مدينة إدلب.\nوقتل ثلاثة آخرون في غارات جوية على مدينة حماة."
    rec = run(extractor, text)
    evs = [e for e in rec.events if e.type == "air_strike"]
    assert len(evs) == 2
    assert [places(rec, e)[0] for e in evs] == ["إدلب", "حماة"]
    assert [e.fatalities for e in evs] == [5, 3]


def test_a_sentence_without_a_date_takes_the_day_told_just_before(extractor: Extractor) -> None:
    text = "ساد التوتر أمس في مدينة بعقوبة. وانفجرت عبوة ناسفة في سوق وسط مدينة بعقوبة."
    ev = only_event(run(extractor, text))
    assert ev.type == "explosion"
    assert ev.date == "2018-06-26"
    assert run(extractor, text, published=None).events[0].date is None


# --- generalisation rules (second round) -----------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "شن لاعبو الفريق هجوما قويا على مرمى المنافس في ملعب مدينة جدة.",
        "تعرض السباح الأسترالي إلى الهجوم من قبل سمكة قرش قبالة شاطئ في جنوب أفريقيا.",
        "خاض التجار معركة طويلة مع الغلاء في أسواق مدينة الرياض.",
    ],
)
def test_everyday_sense_without_conflict_context_is_no_event(extractor: Extractor, text: str) -> None:
    assert run(extractor, text).events == []


def test_ambiguous_word_with_a_weapon_is_still_an_event(extractor: Extractor) -> None:
    rec = run(extractor, "أسفر هجوم بسيارة مفخخة عن مقتل خمسة أشخاص في مدينة الرمادي.")
    assert rec.events and rec.events[0].fatalities == 5


def test_a_phase_of_the_war_is_no_incident(extractor: Extractor) -> None:
    rec = run(extractor, "عاد الوزراء إلى مدينة عدن بعد ثلاثة أشهر على بدء المعارك في اليمن.")
    assert [e for e in rec.events if e.type == "battle"] == []


def test_a_call_for_strikes_is_no_strike(extractor: Extractor) -> None:
    rec = run(
        extractor, "طالب زعيم قبلي عراقي التحالف الدولي بتكثيف الغارات على مواقع تنظيم داعش في الأنبار."
    )
    assert [e for e in rec.events if e.type == "air_strike"] == []


def test_a_charge_sheet_lists_no_incidents(extractor: Extractor) -> None:
    text = (
        "دعا رئيس منظمة حقوقية إلى التحقيق في الانتهاكات التي شهدتها سوريا من قصف واعتقالات وإعدامات ونزوح."
    )
    rec = run(extractor, text)
    assert {e.type for e in rec.events} <= {"statement"}


def test_a_named_incident_inside_a_charge_is_kept(extractor: Extractor) -> None:
    rec = run(
        extractor, "شكلت الحكومة العراقية لجنة للتحقيق في تفجير مدينة الرمادي الذي أودى بحياة عشرة أشخاص."
    )
    assert any(e.type == "explosion" for e in rec.events)


def test_gunmen_belonging_to_a_group_are_the_doers(extractor: Extractor) -> None:
    rec = run(extractor, "اختطف مسلحون تابعون لجماعة الحوثي في مدينة إب خمسة من قياديي حزب الإصلاح.")
    ev = only_event(rec)
    assert ("الحوثيون", "attacker") in roles(rec, ev)


def test_the_doer_of_a_passive_after_ala_yad(extractor: Extractor) -> None:
    rec = run(extractor, "قالت مصادر فلسطينية إن الشاب اعتقل على يد الجيش الإسرائيلي في مدينة الخليل.")
    got = roles(rec, only_event(rec))
    assert ("الجيش الإسرائيلي", "attacker") in got
    assert ("الجيش الإسرائيلي", "target") not in got


def test_a_verbal_noun_names_the_one_done_to(extractor: Extractor) -> None:
    rec = run(extractor, "أعلنت الحكومة اليمنية دحر ميليشيات الحوثي من مدينة عدن.")
    ev = only_event(rec)
    assert ev.type == "territory_change"
    assert ("الحوثيون", "target") in roles(rec, ev)


def test_an_aim_to_take_ground_is_no_change_of_hands(extractor: Extractor) -> None:
    rec = run(extractor, "طلب قائد الفوج أسلحة ثقيلة لتحرير مدن محافظة الأنبار.")
    assert [e for e in rec.events if e.type == "territory_change"] == []


@pytest.mark.parametrize(
    "text",
    [
        "سقط عشرات القتلى والجرحى من المسلحين في اشتباكات عنيفة مع الجيش العراقي في مدينة الرمادي.",
        "قتل وجرح عشرات المدنيين في غارات جوية من طيران النظام السوري على مدينة إدلب.",
    ],
)
def test_one_count_for_dead_and_hurt_gives_no_death_toll(extractor: Extractor, text: str) -> None:
    rec = run(extractor, text)
    assert rec.events and all(e.fatalities is None for e in rec.events)


def test_dead_and_hurt_counted_apart_keep_the_death_toll(extractor: Extractor) -> None:
    rec = run(extractor, "قتل سبعة مدنيين وأصيب 12 آخرون في غارات جوية على مدينة إدلب.")
    assert [e.fatalities for e in rec.events] == [7]


def test_killed_him_is_one_dead(extractor: Extractor) -> None:
    rec = run(extractor, "وأطلق مسلح النار على الشاب في أحد شوارع مدينة اللاذقية فقتله بالرصاص.")
    assert [e.fatalities for e in rec.events] == [1]
    rec = run(extractor, "وقالت الشرطة إن قتلة الشاب اعتقلوا في مدينة اللاذقية.")
    assert all(e.fatalities is None for e in rec.events)


def test_both_sides_dead_add_up_but_a_second_teller_s_figure_does_not(extractor: Extractor) -> None:
    text = "وقتل 42 حوثيا في مواجهات بمدينة تعز، فيما قتل 9 مقاتلين من المقاومة الشعبية."
    assert [e.fatalities for e in run(extractor, text).events] == [51]
    text = "وقتل 42 حوثيا في مواجهات بمدينة تعز، فيما قالت مصادر أخرى إن 30 قتلوا."
    assert [e.fatalities for e in run(extractor, text).events] == [42]


def test_dual_deaths_and_martyrdom(extractor: Extractor) -> None:
    rec = run(extractor, "وشيعت الشرطة شهيدي الواجب اللذين استشهدا في التفجير الإرهابي بقرية سترة.")
    assert [(e.type, e.fatalities) for e in rec.events] == [("explosion", 2)]
    rec = run(extractor, "واستشهد شابان فلسطينيان برصاص الاحتلال في مدينة الخليل.")
    assert [(e.type, e.fatalities) for e in rec.events] == [("violence_against_civilians", 2)]


def test_shot_by_names_the_attacker_and_a_national_is_one_dead(extractor: Extractor) -> None:
    rec = run(extractor, "واستشهد فلسطيني برصاص قوات الاحتلال قرب مدينة الخليل.")
    ev = only_event(rec)
    assert ev.fatalities == 1
    assert [role for _name, role in roles(rec, ev)] == ["attacker"]


def test_a_projectile_killing_one_of_the_citizens(extractor: Extractor) -> None:
    text = 'وباشر الدفاع المدني بلاغا عن سقوط مقذوف على منزل بمدينة نجران نتج عنه "استشهاد" أحد المواطنين.'
    assert [(e.type, e.fatalities) for e in run(extractor, text).events] == [("shelling", 1)]


def test_a_vague_count_of_the_dead_alone_is_ten(extractor: Extractor) -> None:
    rec = run(extractor, "قتل عشرات المدنيين في غارات جوية من طيران النظام السوري على مدينة إدلب.")
    assert [e.fatalities for e in rec.events] == [10]


@pytest.mark.parametrize(
    "text",
    [
        "أسفرت المعارك في اليمن عن مقتل أكثر من 3200 شخص، غالبيتهم من المدنيين، منذ آذار.",
        "قالت الأمم المتحدة إن الغارات على سوريا أدت إلى مقتل 900 مدني خلال العام الماضي.",
        "قتل 150 شخصا في هجمات تنظيم داعش في العراق منذ بدء الحملة العسكرية.",
    ],
)
def test_a_running_total_over_a_period_is_no_incident_toll(extractor: Extractor, text: str) -> None:
    assert all(e.fatalities is None for e in run(extractor, text).events)


def test_a_war_total_is_kept_off_an_event(extractor: Extractor) -> None:
    text = "ينتشر جنود القوة الإقليمية في نيجيريا لقتال جماعة بوكو حرام التي أدى تمردها إلى مقتل 15 ألف شخص."
    assert all(e.fatalities is None for e in run(extractor, text).events)


def test_what_an_attack_led_to_is_the_same_incident(extractor: Extractor) -> None:
    text = (
        "قال مصدر أمني إن عناصر من تنظيم داعش هاجموا مقرا للجيش العراقي في منطقة الحراريات شرقي الرمادي "
        "ما أدى إلى اندلاع اشتباكات أسفرت عن مقتل جنديين."
    )
    ev = only_event(run(extractor, text))
    assert ev.type == "battle" and ev.fatalities == 2


def test_the_attack_placed_only_by_its_country_is_the_one_told(extractor: Extractor) -> None:
    text = (
        "قتل ستة أشخاص في تفجير انتحاري استهدف سوقا في مدينة مايدوجوري.\n"
        "وقالت الشرطة إن 11 شخصا أصيبوا في التفجير الذي شهدته نيجيريا."
    )
    rec = run(extractor, text)
    assert [e.type for e in rec.events] == ["explosion"]


def test_a_suicide_bomber_blowing_himself_up_is_an_explosion_with_its_suspect(extractor: Extractor) -> None:
    text = "قالت الشرطة إن انتحاريا فجر نفسه في سوق بمدينة مايدوجوري في هجوم حمل بصمات جماعة بوكو حرام."
    rec = run(extractor, text)
    ev = only_event(rec)
    assert ev.type == "explosion"
    assert ("بوكو حرام", "attacker") in roles(rec, ev)


@pytest.mark.parametrize(
    "text",
    [
        "قامت الشرطة العراقية بالسيطرة على الوضع في ملعب بغداد بعد شجار بين المشجعين.",
        "تشمل الفعاليات المحاضرات التي تستهدف الشباب في حديقة بمدينة الرياض.",
        "قرر النادي إخلاء الملعب من الجماهير في مدينة جدة قبل المباراة.",
    ],
)
def test_control_of_a_situation_or_an_audience_targeted_is_no_event(extractor: Extractor, text: str) -> None:
    assert [e for e in run(extractor, text).events if e.type != "arrest"] == []


def test_a_killing_from_the_air_is_a_strike_beside_a_withdrawal(extractor: Extractor) -> None:
    text = (
        "تدخل طيران التحالف الدولي وتمكن من قتل 18 عنصرا من تنظيم داعش وانسحب عناصر التنظيم إلى مركز الكرمة."
    )
    rec = run(extractor, text)
    strikes = [e for e in rec.events if e.type == "air_strike"]
    assert [e.fatalities for e in strikes] == [18]


def test_a_call_by_a_party_to_the_war_is_its_statement(extractor: Extractor) -> None:
    text = "طالب الرئيس اليمني عبد ربه منصور هادي جماعة الحوثي باحترام الهدنة ووقف قصف مدينة تعز."
    rec = run(extractor, text)
    ev = only_event(rec)
    assert ev.type == "statement"
    assert ("الحوثيون", "participant") in roles(rec, ev)


def test_a_call_outside_any_conflict_is_no_event(extractor: Extractor) -> None:
    text = "دعا وزير التعليم المعلمين في مدينة الرياض إلى حضور ورشة تدريبية الأسبوع المقبل."
    assert run(extractor, text).events == []


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("أسفر هجوم تنظيم داعش على مدينة الرمادي عن مقتل 4 جنود و3 مدنيين.", 7),
        ("قتل ثلاثة جنود ومدنيان في هجوم لتنظيم داعش على مدينة الرمادي.", 5),
        ("قتل 4 جنود وأصيب 3 مدنيين في هجوم لتنظيم داعش على مدينة الرمادي.", 4),
    ],
)
def test_coordinated_death_counts_add_up(extractor: Extractor, text: str, toll: int) -> None:
    assert [e.fatalities for e in run(extractor, text).events] == [toll]


def test_a_calibre_is_no_death_toll(extractor: Extractor) -> None:
    rec = run(extractor, "دمرت غارة جوية مدفع هاون عيار (120) وقتل 2 من طاقمه في مدينة تعز.")
    assert 120 not in [e.fatalities for e in rec.events]


@pytest.mark.parametrize(
    "text",
    [
        "وتطالب إسرائيل بالتهدئة وبإعادة رفات جنديين تحتجزهما حماس، ويعتقد أنهما قتلا في حرب 2014.",
        "قتل مسلحون 12 مدنيا في قرية قرب مدينة الرمادي في يونيو 2017.",
    ],
)
def test_a_year_is_no_death_toll(extractor: Extractor, text: str) -> None:
    tolls = [e.fatalities for e in run(extractor, text).events]
    assert not any(t in (2014, 2017) for t in tolls), tolls


def test_dead_or_missing_in_one_count_is_no_death_toll(extractor: Extractor) -> None:
    rec = run(extractor, "أسفر هجوم مسلح على قرية في ولاية بورنو عن مقتل أو فقدان 40 شخصا.")
    assert rec.events and all(e.fatalities is None for e in rec.events)


def test_a_pattern_in_a_report_is_no_incident(extractor: Extractor) -> None:
    text = (
        "اتهمت منظمة العفو الدولية الشرطة الإسرائيلية بانتهاكات ضد القاصرين.\n"
        "وبحسب التقرير، فإن الشرطة الإسرائيلية استخدمت القوة المفرطة لاعتقال أطفال فلسطينيين."
    )
    assert [e for e in run(extractor, text).events if e.type == "arrest"] == []


def test_an_arrest_a_report_places_is_kept(extractor: Extractor) -> None:
    text = "وتحدث التقرير عن اعتقال الطفلة سلمى (14 عاما) على يد الجيش الإسرائيلي في مدينة الخليل."
    assert [e.type for e in run(extractor, text).events] == ["arrest"]


def test_an_aim_behind_lam_read_as_a_verb_form_is_still_an_aim(extractor: Extractor) -> None:
    text = "قال وزير يمني إن ذلك سيعطي دفعة للجيش اليمني لاستعادة بقية المناطق بما فيها العاصمة صنعاء."
    assert [e for e in run(extractor, text).events if e.type == "territory_change"] == []


@pytest.mark.parametrize(
    "text",
    [
        "قتل طالب جامعي في غارة جوية على مدينة إدلب.",
        "أطلق المسلحون صواريخ أبو طالب على مواقع الجيش السوري في مدينة درعا.",
    ],
)
def test_a_student_or_a_rocket_named_talib_is_no_call(extractor: Extractor, text: str) -> None:
    rec = run(extractor, text)
    assert rec.events and all(e.type != "statement" for e in rec.events)


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("قتل جندي عراقي في انفجار عبوة ناسفة في مدينة الرمادي.", 1),
        ("أسفرت اشتباكات مع تنظيم داعش في مدينة الرمادي عن مقتل آمر الفوج وجنديين وإصابة أربعة آخرين.", 3),
        ("أسفر هجوم لتنظيم داعش في مدينة الرمادي عن مقتل 5 و3 جرحى.", 5),
    ],
)
def test_one_person_killed_counts_one_and_joins_a_coordinated_toll(
    extractor: Extractor, text: str, toll: int
) -> None:
    assert [e.fatalities for e in run(extractor, text).events] == [toll]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("فتح شخص النار على مقهى في مدينة مالمو، ما أدى إلى مصرع ثلاثة أشخاص.", "violence_against_civilians"),
        ("وقال مسؤول إن الهجوم وقع بعد أن فجر انتحاري نفسه في حشد بمدينة جلال آباد.", "explosion"),
    ],
)  # fmt: skip
def test_a_verb_and_its_object_with_the_subject_between(extractor: Extractor, text: str, kind: str) -> None:
    """«فتح شخص النار», «فجر انتحاري نفسه»: the subject stands between the words of the trigger."""
    assert kind in [e.type for e in run(extractor, text).events]


def test_an_object_that_is_a_trigger_of_its_own_is_read_there(extractor: Extractor) -> None:
    rec = run(extractor, "شنت الطائرات الحربية غارات على مدينة إدلب.")
    assert [e.trigger.text for e in rec.events] == ["غارات"]


@pytest.mark.parametrize(
    "text",
    [
        "فيات كرايسلر تسحب 1.4 مليون سيارة لوقف عمليات اختراق الكتروني",
        "سمات عبدالرحمن الابنودي عملية جراحية مصر",
        "وفتح مسلحون",
    ],
)
def test_a_split_trigger_cut_off_by_the_end_of_the_text(extractor: Extractor, text: str) -> None:
    """The first word of a two-word trigger near the very end of an article (no final stop):
    no object to find, and no crash (three articles of ../shared/corpus raised IndexError)."""
    assert all(e.trigger.end <= len(text) for e in run(extractor, text).events)
