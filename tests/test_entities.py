"""Places and actors components on short texts with a small lexicon made here, so each rule is
tested alone: clitics, cue patterns, lists, relative places, ambiguity, one entity per actor."""

from __future__ import annotations

import pytest

from kg.arabic.tokenize import blank_arabic
from kg.extract.actors import ActorDraft, ActorFinder, _bracketed_names
from kg.extract.matcher import AliasIndex, tokens_of
from kg.extract.places import PlaceFinder
from kg.lexicons import ActorEntry, PlaceEntry
from kg.vocab.record import Actor, Place


def place(
    id_: str,
    name: str,
    kind: str,
    country: str | None,
    parent: str | None = None,
    aliases: tuple[str, ...] = (),
    en: str | None = None,
    pop: int | None = None,
) -> PlaceEntry:
    return PlaceEntry(id_, name, aliases, en or id_, kind, country, parent, 1.0, 2.0, "123", None, pop)


def actor(
    id_: str, name: str, kind: str, country: str | None, aliases: tuple[str, ...] = (), en: str | None = None
) -> ActorEntry:
    return ActorEntry(id_, name, aliases, en or id_, kind, country, None, None)


PLACES = [
    place("syr", "سوريا", "country", "SYR", aliases=("سورية",), en="Syria"),
    place("lbn", "لبنان", "country", "LBN", en="Lebanon"),
    place("aleppo", "حلب", "city", "SYR", "syr", en="Aleppo", pop=2_000_000),
    place("idlib", "إدلب", "city", "SYR", "syr", en="Idlib"),
    place("hama", "حماة", "city", "SYR", "syr", en="Hama"),
    place("douma.syr", "دوما", "city", "SYR", "syr", en="Douma", pop=100_000),
    place("douma.lbn", "دوما", "village", "LBN", "lbn", en="Douma (Lebanon)", pop=1_000_000),
    place("batroun", "البترون", "city", "LBN", "lbn", en="Batroun"),
    place("medina", "المدينة المنورة", "city", "SAU", aliases=("المدينة",), en="Medina"),
]
ACTORS = [
    actor(
        "syr.regime", "قوات النظام", "state_force", "SYR", ("قوات النظام السوري",), "Syrian government forces"
    ),
    actor("jaz", "الجزيرة", "media", "QAT", en="Al Jazeera"),
    actor("isis", "تنظيم الدولة", "armed_group", None, ("داعش",), "Islamic State"),
]


@pytest.fixture(scope="module")
def run():
    nlp = blank_arabic()
    places = PlaceFinder(PLACES, ACTORS)
    actors = ActorFinder(ACTORS)

    def go(text: str):
        doc = actors(places(nlp(text)))
        return doc

    return go


def by_label(items: list, label: str):
    found = [x for x in items if x.label_ar == label]
    assert found, f"{label!r} not in {[x.label_ar for x in items]}"
    return found[0]


def check_offsets(text: str, items: list[Place] | list[Actor]) -> None:
    for item in items:
        for m in item.mentions:
            assert text[m.start : m.end] == m.text


# ---------------------------------------------------------------- matcher


def test_matcher_reads_through_clitics() -> None:
    index: AliasIndex[str] = AliasIndex()
    index.add("حلب", "aleppo")
    index.add("قوات النظام", "regime")
    for text, want in (
        ("وبحلب", "aleppo"),
        ("وحلب", "aleppo"),
        ("لقوات النظام", "regime"),
        ("فبقوات النظام", "regime"),
    ):
        m = index.match_at(tokens_of(text), 0)
        assert m is not None and m.payloads == (want,), text


def test_matcher_prefers_whole_word_and_longest_alias() -> None:
    index: AliasIndex[str] = AliasIndex()
    index.add("لبنان", "lebanon")
    index.add("بنان", "banan")
    index.add("قوات", "forces")
    index.add("قوات النظام السوري", "regime")
    assert index.match_at(tokens_of("لبنان"), 0).payloads == ("lebanon",)
    m = index.match_at(tokens_of("قوات النظام السوري"), 0)
    assert m.payloads == ("regime",) and m.end == 3


def test_matcher_keep_article_rejects_adjective_reading() -> None:
    index: AliasIndex[str] = AliasIndex(keep_article=True)
    index.add("سورية", "syria")
    assert index.match_at(tokens_of("السورية"), 0) is None
    assert index.match_at(tokens_of("وسورية"), 0) is not None


# ---------------------------------------------------------------- places


def test_clitic_forms_are_one_place_with_original_offsets(run) -> None:
    text = "قصف على حلبَ، وبمدينة حلب اشتباكات، ووصلت القوافل إلى حلـب."
    doc = run(text)
    aleppo = by_label(doc._.places, "حلب")
    assert len([p for p in doc._.places if p.lexicon_id == "aleppo"]) == 1
    assert len(aleppo.mentions) == 3
    assert [m.text for m in aleppo.mentions][-1] == "حلـب"
    check_offsets(text, doc._.places)
    assert aleppo.lat == 1.0 and aleppo.geonames == "123" and aleppo.geo_precision == 1


def test_common_words_never_become_places(run) -> None:
    doc = run("وقالت المصادر إن المدينة شهدت اشتباكات في المنطقة وإن البلاد تعيش أزمة.")
    assert doc._.places == []


def test_anaphor_joins_the_named_place(run) -> None:
    doc = run("سيطرت القوات على حلب، وقال سكان إن المدينة هادئة.")
    aleppo = by_label(doc._.places, "حلب")
    assert "المدينة" in [m.text for m in aleppo.mentions]
    assert len(doc._.places) == 1


def test_cue_finds_unknown_neighbourhood_and_recurring_name(run) -> None:
    text = "اندلعت اشتباكات في حي الراموسة بمدينة حلب، ثم تجدد القصف على الراموسة."
    doc = run(text)
    ram = by_label(doc._.places, "الراموسة")
    assert ram.kind == "neighbourhood"
    assert len(ram.mentions) == 2
    assert ram.within == by_label(doc._.places, "حلب").id
    check_offsets(text, doc._.places)


def test_adjective_after_cue_is_not_a_name(run) -> None:
    doc = run("سقطت قذيفة على حي شعبي وعلى طريق رئيسي قرب بلدة محاصرة.")
    assert doc._.places == []


def test_coordinated_lists_give_one_place_each(run) -> None:
    doc = run("قتل 13 شخصا بقصف على حيي كرم النزهة والصاخور وتل الزرازير بمدينة حلب.")
    names = {p.label_ar for p in doc._.places if p.kind == "neighbourhood"}
    assert names == {"كرم النزهة", "الصاخور", "تل الزرازير"}
    doc = run("حاول المسلحون اقتحام قرى الهديدة والفسلوج التابعة للناحية.")
    assert {p.label_ar for p in doc._.places if p.kind == "village"} == {"الهديدة", "الفسلوج"}


def test_facilities_roads_and_fronts_keep_their_cue_word(run) -> None:
    doc = run("حاولت القوات التقدم عن طريق محور حندرات، واستقدمت أرتالا عبر طريق خناصر.")
    kinds = {p.label_ar: p.kind for p in doc._.places}
    assert kinds == {"محور حندرات": "front", "طريق خناصر": "road"}


def test_checkpoints_are_facilities_but_a_point_of_view_is_not(run) -> None:
    kinds = {p.label_ar: p.kind for p in run("وقتل جنديان في هجوم على حاجز التاعونة.")._.places}
    assert kinds == {"حاجز التاعونة": "facility"}
    for text in ("وقال إن هذه نقطة مهمة في المفاوضات.", "وشكل الهجوم نقطة التحول في المعركة."):
        assert run(text)._.places == [], text


def test_a_birthplace_idiom_is_not_muscat() -> None:
    from kg.extract import Extractor
    from kg.vocab.record import Article

    extract = Extractor()
    text = "وولد في القرداحة مسقط رأس عائلته في ريف اللاذقية."
    assert "مسقط" not in [p.label_ar for p in extract(Article(id="a", text=text)).locations]
    text = "ووصل الوزير إلى مسقط في زيارة رسمية."
    assert [p.label_ar for p in extract(Article(id="b", text=text)).locations] == ["مسقط"]


def test_a_quoted_outlet_after_its_sources_is_no_place() -> None:
    from kg.extract import Extractor
    from kg.vocab.record import Article

    rec = Extractor()(Article(id="a", text='وأفادت مصادر "الرياض" أن الاشتباكات تجددت في مدينة الضالع.'))
    assert [p.label_ar for p in rec.locations] == ["الضالع"]
    assert [a.kind for a in rec.actors] == ["media"]


def test_countryside_is_its_own_place_and_directional_side_another(run) -> None:
    text = "أفاد مراسل في ريف حلب الغربي أن الطائرات قصفت حلب وريفها."
    doc = run(text)
    aleppo = by_label(doc._.places, "حلب")
    rif = by_label(doc._.places, "ريف حلب")
    west = by_label(doc._.places, "ريف حلب الغربي")
    assert rif.label_en == "Aleppo countryside" and rif.within == aleppo.id
    assert west.within == rif.id and west.label_en == "Western Aleppo countryside"
    assert "وريفها" in [m.text for m in rif.mentions]
    check_offsets(text, doc._.places)


def test_direction_alone_marks_approximate_place(run) -> None:
    doc = run("دارت معارك عنيفة جنوب حلب.")
    assert by_label(doc._.places, "حلب").geo_precision == 2
    doc = run("دارت معارك عنيفة جنوب حلب وفي حلب نفسها.")
    assert by_label(doc._.places, "حلب").geo_precision == 1


def test_ambiguous_name_follows_the_article_country(run) -> None:
    doc = run("قصفت الطائرات دوما بعد معارك في حلب وإدلب.")
    assert by_label(doc._.places, "دوما").lexicon_id == "douma.syr"
    doc = run("زار الوفد دوما قادما من البترون في لبنان.")
    assert by_label(doc._.places, "دوما").lexicon_id == "douma.lbn"


def test_within_points_only_at_places_in_the_record(run) -> None:
    doc = run("قصف على حلب.")
    assert by_label(doc._.places, "حلب").within is None
    doc = run("قصف على حلب في سوريا.")
    assert by_label(doc._.places, "حلب").within == by_label(doc._.places, "سوريا").id


# ---------------------------------------------------------------- actors


def test_one_actor_with_all_its_mentions(run) -> None:
    text = "تقدمت قوات النظام، ثم انسحبت قوات النظام السوري، وتصدت الفصائل لقوات النظام."
    doc = run(text)
    regime = [a for a in doc._.actors if a.lexicon_id == "syr.regime"]
    assert len(regime) == 1
    assert len(regime[0].mentions) == 3
    check_offsets(text, doc._.actors)
    ids = [a.id for a in doc._.actors]
    assert len(ids) == len(set(ids))


def test_nationality_adjectives_make_foreign_forces(run) -> None:
    doc = run("شنت طائرات روسية غارات على حلب، واستمر القصف الروسي والسوري على إدلب.")
    labels = {a.label_en for a in doc._.actors}
    assert {"Russian air force", "Syrian air force"} <= labels
    russian = next(a for a in doc._.actors if a.label_en == "Russian air force")
    assert russian.country == "RUS" and len(russian.mentions) == 2
    assert not any(p.label_ar == "سوريا" for p in doc._.places)  # «السوري» is not the country


def test_civilians_and_fighters_counted_apart(run) -> None:
    doc = run("قتل 13 شخصا بينهم أطفال، وسقط تسعون شخصا في صفوف قوات النظام.")
    civ = [a for a in doc._.actors if a.kind == "civilians"]
    assert len(civ) == 1
    texts = [m.text for m in civ[0].mentions]
    assert "13 شخصا" in texts and "أطفال" in texts
    assert not any("تسعون" in t for t in texts)


def test_sources_monitors_and_media(run) -> None:
    text = "أفادت مصادر أمنية عراقية بمقتل 5 مدنيين. وقالت المصادر إن مراسل الجزيرة شاهد الدمار."
    doc = run(text)
    src = [a for a in doc._.actors if a.label_en == "Iraqi security sources"]
    assert len(src) == 1 and [m.text for m in src[0].mentions] == ["مصادر أمنية عراقية", "المصادر"]
    assert any(a.lexicon_id == "jaz" for a in doc._.actors)


def test_person_after_title_and_later_by_surname(run) -> None:
    text = (
        "وقال العقيد حسان الشيخ إن الهجوم فشل، وأضاف الشيخ أن القوات صامدة. "
        "وأكد المقدم أحمد عبود ذلك، وقال عبود إن الوضع هادئ."
    )
    doc = run(text)
    people = {a.label_ar: a for a in doc._.actors if a.kind == "person"}
    assert set(people) == {"حسان الشيخ", "أحمد عبود"}
    assert [m.text for m in people["أحمد عبود"].mentions] == ["أحمد عبود", "عبود"]


def test_org_cue_and_quoted_known_group(run) -> None:
    doc = run("أعلنت كتائب أحرار الشام وتنظيم (داعش) مسؤوليتهما.")
    labels = {a.label_ar: a for a in doc._.actors}
    assert "كتائب أحرار الشام" in labels
    isis = [a for a in doc._.actors if a.lexicon_id == "isis"]
    assert len(isis) == 1


def test_components_register_with_spacy() -> None:
    nlp = blank_arabic()
    nlp.add_pipe("conflict_places")
    nlp.add_pipe("conflict_actors")
    doc = nlp("قصفت قوات النظام مدينة حلب.")
    assert isinstance(doc._.places, list) and isinstance(doc._.actors, list)
    for span in doc.spans["places"]:
        assert span.label_ in {p.id for p in doc._.places}


def test_adverb_with_tanween_is_not_a_place(run) -> None:
    doc = run("كان الوزير دومًا يدافع عن حلب.")
    assert [p.lexicon_id for p in doc._.places] == ["aleppo"]


def test_cue_kind_no_entry_fits_abroad_makes_a_new_place(run) -> None:
    # «البترون» is a Lebanese city in the lexicon; «حي البترون» in a Syrian article is not it
    doc = run("انفجرت عبوة في حي البترون الثانية في حلب وفي إدلب.")
    names = {p.label_ar: p for p in doc._.places}
    assert "البترون الثانية" in names and names["البترون الثانية"].lexicon_id is None


def test_words_after_a_title_are_not_names_when_verbs_or_pronouns(run) -> None:
    doc = run("وكان الرئيس يرفع يده. وأعلن العقيد حينها انسحاب القوات.")
    assert not [a for a in doc._.actors if a.kind == "person"]


def test_kunya_with_nisba_is_a_person_but_a_place_kunya_is_not(run) -> None:
    doc = run("قتلت القوات أبو قتادة المغربي في اشتباكات قرب أبو سليم.")
    people = [a.label_ar for a in doc._.actors if a.kind == "person"]
    assert people == ["أبو قتادة المغربي"]


def test_nationality_on_a_multiword_force_head(run) -> None:
    doc = run("أعلن سلاح حرس الحدود المصري مقتل مهربين، وقصفت القوات الجوية العراقية مواقع.")
    labels = {a.label_en for a in doc._.actors}
    assert {"Egyptian border guard", "Iraqi air force"} <= labels


@pytest.mark.parametrize(
    "text", ["", "   \n", "Hello world, no Arabic here.", '<script>alert("x")</script> {} «»', "حي", "مراسل"]
)
def test_odd_input_gives_empty_or_valid_entities(run, text: str) -> None:
    doc = run(text)
    assert doc._.places == [] and doc._.actors == []


def test_airport_named_only_by_the_noun_belongs_to_the_city(run) -> None:
    doc = run("اشتدت المعارك في حلب، وقصفت الطائرات المطار مرتين.")
    airport = by_label(doc._.places, "المطار")
    assert airport.kind == "facility" and airport.label_en == "Aleppo airport"
    assert airport.within == by_label(doc._.places, "حلب").id


def test_clitic_reading_of_a_common_word_is_no_village() -> None:
    entries = [*PLACES, place("qah", "قاح", "village", "SYR", "syr", en="Qah")]
    nlp = blank_arabic()
    finder = PlaceFinder(entries, ACTORS)
    doc = finder(nlp("بدأت حملة لقاح الأطفال في جدة، ويتوفر لقاح آخر."))
    assert [p.lexicon_id for p in doc._.places] == []
    doc = finder(nlp("نزح السكان من قاح إلى مخيمات قرب حلب."))
    assert "qah" in [p.lexicon_id for p in doc._.places]


# ---------------------------------------------------------------- people after titles (round 2)


def test_person_name_stops_before_masdar_and_title_word(run) -> None:
    doc = run("واعتبر وزير النقل اليمني بدر باسلمة استعادة القاعدة تحولا كبيرا.")
    names = [a.label_ar for a in doc._.actors if a.kind == "person"]
    assert names == ["بدر باسلمة"], names
    doc = run("وكشف الدكتور محمد علي مارم السكرتير الخاص للرئيس أن الوضع تحسن.")
    names = [a.label_ar for a in doc._.actors if a.kind == "person"]
    assert names == ["محمد علي مارم"], names


def test_person_name_keeps_family_name_with_article(run) -> None:
    doc = run("وقال وزير الخارجية عادل الجبير إن الحل سياسي، وأكد صالح الجبوري الخميس ذلك.")
    assert by_label(doc._.actors, "عادل الجبير").kind == "person"


def test_office_comes_from_the_title_and_honorifics_are_no_office(run) -> None:
    doc = run("واعتبر وزير النقل اليمني بدر باسلمة أن التقدم كبير، وقال الشيخ حمود المخلافي إنه مستمر.")
    minister = by_label(doc._.actors, "بدر باسلمة")
    assert minister.office_ar == "وزير النقل اليمني"
    assert minister.office_en == "minister"
    assert by_label(doc._.actors, "حمود المخلافي").office_ar is None


def test_office_survives_the_record_round_trip() -> None:
    from kg.vocab.record import ExtractionRecord

    rec = ExtractionRecord.from_dict(
        {"article_id": "x", "actors": [{"id": "a1", "label_ar": "بدر باسلمة", "office_ar": "وزير النقل"}]}
    )
    assert rec.actors[0].office_ar == "وزير النقل"
    assert ExtractionRecord.from_dict(rec.to_dict()).actors[0].office_ar == "وزير النقل"


def test_body_named_in_an_office_is_an_actor_not_a_person(run) -> None:
    doc = run("وطالب رئيس لجنة حقوق الإنسان العربية بوقف القصف.")
    body = by_label(doc._.actors, "لجنة حقوق الإنسان العربية")
    assert body.kind == "political"
    assert not [a for a in doc._.actors if a.kind == "person"], [a.label_ar for a in doc._.actors]
    doc = run("وقال رئيس مجلس إدارة الشركة خالد الفالح إن الأرباح ارتفعت.")
    assert [a.kind for a in doc._.actors] == ["person"]


def test_inner_office_belongs_to_the_name_that_follows(run) -> None:
    doc = run("وكشف محمد مارم السكرتير الخاص لرئيس الجمهورية اليمني سالم منصور الحربي أن الوضع تحسن.")
    head = by_label(doc._.actors, "سالم منصور الحربي")
    assert head.office_ar == "رئيس الجمهورية اليمني"


def test_compound_first_names_match_both_spellings() -> None:
    from kg.extract.lexicon_index import actor_index

    hadi = actor("per.hadi", "عبد ربه منصور هادي", "person", "YEM")
    index = actor_index([hadi])
    m = index.match_at(tokens_of("قال عبدربه منصور هادي"), 1)
    assert m is not None and m.payloads == (hadi,) and m.end == 4


def test_context_only_name_needs_a_cue_or_its_country_named_elsewhere() -> None:
    nlp = blank_arabic()
    tyre = place("tyre", "صور", "city", "LBN", "lbn", en="Tyre", pop=200_000)
    finder = PlaceFinder([*PLACES, tyre], ACTORS)
    alone = finder(nlp("ونشر الناشطون صور الضحايا في حلب."))
    assert [p.label_ar for p in alone._.places] == ["حلب"]
    cued = finder(nlp("وقصفت الطائرات مدينة صور."))
    assert [p.label_ar for p in cued._.places] == ["صور"]
    home = finder(nlp("وقصفت الطائرات البترون ثم صور."))
    assert "صور" in [p.label_ar for p in home._.places]


def test_one_word_name_without_article_does_not_take_it() -> None:
    nlp = blank_arabic()
    hamas = actor("hamas", "حماس", "armed_group", "PSE")
    finder = ActorFinder([*ACTORS, hamas])
    text = "وقال المدرب إن الحماس كبير، وأكدت حماس أن الهجوم فشل."
    doc = finder(PlaceFinder(PLACES, [*ACTORS, hamas])(nlp(text)))
    assert [[m.text for m in a.mentions] for a in doc._.actors] == [["حماس"]]


def test_front_or_road_needs_a_place_name_and_a_list_is_no_name(run) -> None:
    assert run("ولعب في محور الارتكاز أمام الهلال، وسار على طريق سريع.")._.places == []
    assert run("هجومان على مستشفى وقافلة عسكرية.")._.places == []
    doc = run("وتقدمت القوات على محور حندرات قرب حلب.")
    assert by_label(doc._.places, "محور حندرات").kind == "front"


def test_battalion_with_nationality_is_that_country_force(run) -> None:
    doc = run("وصلت كتيبة عسكرية إماراتية إلى عدن، وقال إن القوات الإماراتية لم تنفذ أية عملية إنزال.")
    uae = [a for a in doc._.actors if a.country == "ARE"]
    assert len(uae) == 1 and len(uae[0].mentions) == 2, [a.label_ar for a in doc._.actors]


def test_bare_army_is_the_one_army_named_not_the_place_country() -> None:
    nlp = blank_arabic()
    tur = actor(
        "tur.army", "الجيش التركي", "foreign_force", "TUR", ("القوات التركية",), "Turkish Armed Forces"
    )
    iraq = place("irq", "العراق", "country", "IRQ", en="Iraq")
    finder = ActorFinder([*ACTORS, tur])
    text = "قتل مدنيون في قصف قرب العراق، وقالت القوات التركية إنها ردت، لكن الجيش نفى أن يكون استهدفهم."
    doc = finder(PlaceFinder([*PLACES, iraq], [*ACTORS, tur])(nlp(text)))
    army = by_label(doc._.actors, "الجيش التركي")
    assert "الجيش" in [m.text for m in army.mentions]
    assert not [a for a in doc._.actors if a.country == "IRQ" and a.kind != "civilians"]


def test_country_after_an_attack_or_saying_verb_acts() -> None:
    nlp = blank_arabic()
    isr = place("isr", "إسرائيل", "country", "ISR", en="Israel")
    gaza = place("gaza", "غزة", "city", "PSE", en="Gaza")
    army = actor("isr.idf", "الجيش الإسرائيلي", "state_force", "ISR", en="Israel Defense Forces")
    places = PlaceFinder([*PLACES, isr, gaza], [*ACTORS, army])
    finder = ActorFinder([*ACTORS, army])
    doc = finder(places(nlp("وشنت إسرائيل غارات على غزة.")))
    assert [(a.kind, a.country) for a in doc._.actors] == [("state_force", "ISR")]
    assert "إسرائيل" in [p.label_ar for p in doc._.places]
    doc = finder(places(nlp("وقصف الجيش الإسرائيلي غزة، وقالت إسرائيل إنها ردت.")))
    assert [[m.text for m in a.mentions] for a in doc._.actors] == [["الجيش الإسرائيلي", "إسرائيل"]]
    doc = finder(places(nlp("وزار الوفد إسرائيل أمس.")))
    assert doc._.actors == []


def test_alias_shared_by_countries_takes_the_article_country() -> None:
    nlp = blank_arabic()
    syr_cd = actor("syr.cd", "الدفاع المدني السوري", "monitor", "SYR", ("الدفاع المدني",))
    sau_cd = actor("sau.cd", "الدفاع المدني السعودي", "state_force", "SAU", ("الدفاع المدني",))
    riyadh = place("riyadh", "الرياض", "city", "SAU", en="Riyadh")
    yem = place("yem", "اليمن", "country", "YEM", en="Yemen")
    lex = [*ACTORS, syr_cd, sau_cd]
    places = PlaceFinder([*PLACES, riyadh, yem], lex)
    finder = ActorFinder(lex)
    for text, want in (
        ("قال الدفاع المدني في حلب إن 5 أشخاص قتلوا.", "syr.cd"),
        ("قال الدفاع المدني في الرياض إن الحريق أخمد.", "sau.cd"),
        ("قال الدفاع المدني في اليمن إن الحريق أخمد.", None),
    ):
        doc = finder(places(nlp(text)))
        cd = [a for a in doc._.actors if "الدفاع" in a.label_ar]
        assert [a.lexicon_id for a in cd] == [want], text


@pytest.mark.parametrize(
    ("text", "word", "want"),
    [
        # «قوات التحالف»: the Saudi-led coalition in Yemen, the US-led one in Iraq or Syria
        ("شنت طائرات التحالف غارات على مواقع في محافظة صعدة.", "التحالف", "sau.coalition"),
        ("قصفت طائرات التحالف مواقع في مدينة الموصل.", "التحالف", "usa.coalition"),
        ("وقال المتحدث باسم قوات التحالف إن الغارات استهدفت مدينة الرقة.", "التحالف", "usa.coalition"),
        ("قصفت طائرات التحالف مواقع في مدينة سرت الليبية.", "التحالف", None),
        # «قوات المعارضة»: Syria's factions in Syria, Machar's SPLM-IO in South Sudan
        ("اشتبكت قوات المعارضة مع الجيش في ريف إدلب.", "المعارضة", "syr.opposition_factions"),
        ("تبادل الجيش وقوات المعارضة في دولة جنوب السودان اتهامات بشن هجمات.", "المعارضة", "ssd.splm_io"),
        ("هاجم مسلحي المعارضة مواقع للجيش في مدينة سرت الليبية.", "المعارضة", None),
    ],
)
def test_a_shared_name_is_the_one_of_the_article_country(text: str, word: str, want: str | None) -> None:
    """A name several actors share abroad (actor_theatres.tsv) is the one whose theatre is the
    article's country; elsewhere no identity is guessed."""
    from kg.lexicons import load_actors, load_places

    lex = load_actors()
    places, finder = PlaceFinder(load_places(), lex), ActorFinder(lex)
    doc = finder(places(blank_arabic()(text)))
    ids = [a.lexicon_id for a in doc._.actors if word in " ".join(m.text for m in a.mentions)]
    assert ids == [want], [(a.label_ar, a.lexicon_id) for a in doc._.actors]


def test_a_bracketed_short_name_is_the_same_actor() -> None:
    text = "قالت وكالة الأنباء الرسمية (سانا) إن الجيش تقدم."
    toks = tokens_of(text)
    idx = {t.text: n for n, t in enumerate(toks)}
    drafts = {
        ("media", ("وكاله", "الانباء")): ActorDraft(("media",), "وكالة الأنباء", "media"),
        ("lex", "syr.sana"): ActorDraft(("lex", "syr.sana"), "سانا", "media"),
    }
    drafts[("media", ("وكاله", "الانباء"))].add(idx["وكالة"], idx["الأنباء"] + 1)
    drafts[("lex", "syr.sana")].add(idx["سانا"], idx["سانا"] + 1)
    _bracketed_names(toks, drafts)
    assert list(drafts) == [("lex", "syr.sana")]  # the lexicon's identity keeps both mentions
    assert len(drafts[("lex", "syr.sana")].mentions) == 2
    two_known = {
        ("lex", "a"): ActorDraft(("lex", "a"), "جبهة النصرة", "armed_group"),
        ("lex", "b"): ActorDraft(("lex", "b"), "القاعدة", "armed_group"),
    }
    toks = tokens_of("جبهة النصرة (القاعدة) هاجمت")
    two_known[("lex", "a")].add(0, 2)
    two_known[("lex", "b")].add(3, 4)
    _bracketed_names(toks, two_known)
    assert len(two_known) == 2  # two lexicon actors are two actors


def test_a_force_head_in_construct_names_a_unit(run) -> None:
    """«قوات الطوارئ», «جيش المجاهدين»: an indefinite head with a definite genitive is a unit's
    name; with the article on the head («القوات المشاركة») the words only describe it."""
    labels = {a.label_ar: a.kind for a in run("وهاجمت قوات الطوارئ وكرا في مدينة أبها.")._.actors}
    assert labels.get("قوات الطوارئ") == "state_force", labels
    labels = {a.label_ar: a.kind for a in run("وهاجم جيش المجاهدين مواقع في ريف حلب.")._.actors}
    assert labels.get("جيش المجاهدين") == "armed_group", labels
    assert run("وانسحبت القوات المشاركة في العملية من المدينة.")._.actors == []
    labels = [a.label_ar for a in run("وقالت شرطة الشرفية الخميس إنها اعتقلت مطلوبا.")._.actors]
    assert labels == ["شرطة الشرفية"], labels  # a weekday ends the name


def test_an_untitled_name_after_a_speech_verb_is_the_speaker(run) -> None:
    people = [a.label_ar for a in run("وقال سايمن تيمبلر، أحد سكان القرية، إن المسلحين هاجموا.")._.actors]
    assert "سايمن تيمبلر" in people
    for text in (
        "وقال أيضا إن الهجوم أسفر عن مقتل خمسة.",
        "وقال شاهد عيان إن الطريق أغلق.",
        "قال مسؤولون عسكريون أن جنديين قتلا.",
        "فقال لي متهكماً: لو كان الأمر بيدي.",
    ):
        assert [a for a in run(text)._.actors if a.kind == "person"] == [], text


def test_unnamed_officials_speak_for_their_place_or_body(run) -> None:
    labels = [a.label_ar for a in run("وقال مسؤول في مطار عدن إن طائرة هبطت في المطار.")._.actors]
    assert labels == ["مسؤول في مطار عدن"], labels
    labels = [a.label_ar for a in run("وقال مسؤول أمني عراقي إن مسلحين هاجموا حاجزا.")._.actors]
    assert labels == ["مسؤول أمني عراقي"], labels
    assert run("وأكد مسؤولون أن الاجتماع سيعقد غدا.")._.actors == []


def test_a_shared_alias_after_a_title_follows_the_article_country() -> None:
    """The title rule drafts lexicon actors too; it must pick among countries like the rest."""
    from kg.extract import Extractor
    from kg.vocab.record import Article

    text = "وأوضح المتحدث الإعلامي للدفاع المدني بمنطقة نجران أن الدفاع المدني باشر بلاغا في مدينة نجران."
    rec = Extractor()(Article(id="a", text=text))
    assert [a.lexicon_id for a in rec.actors] == ["sau.civil_defence"]


def test_direction_and_country_name_is_the_country_not_a_region_entry() -> None:
    nlp = blank_arabic()
    north = place("syr.north", "الشمال السوري", "region", "SYR", "syr", aliases=("شمال سوريا",))
    finder = PlaceFinder([*PLACES, north], ACTORS)
    doc = finder(nlp("وتقدمت القوات في شمال سوريا، وقصفت الطائرات الشمال السوري."))
    syria = by_label(doc._.places, "سوريا")
    assert [m.text for m in syria.mentions] == ["شمال سوريا"]
    assert [m.text for m in by_label(doc._.places, "الشمال السوري").mentions] == ["الشمال السوري"]


def test_person_with_and_without_middle_name_is_one_and_rank_is_no_office(run) -> None:
    text = (
        "وأبلغ قائد المنطقة العسكرية الرابعة اللواء أحمد اليافعي أن الأسرى أطلقوا. "
        "وكشف قائد المنطقة العسكرية الرابعة، اللواء أحمد سيف اليافعي، أن المقاومة قررت."
    )
    people = [a for a in run(text)._.actors if a.kind == "person"]
    assert [p.label_ar for p in people] == ["أحمد سيف اليافعي"]
    assert len(people[0].mentions) == 2
    assert people[0].office_ar == "قائد المنطقة العسكرية الرابعة"


def test_office_complement_runs_over_everyday_words_and_where(run) -> None:
    doc = run("وقال وزير حقوق الإنسان في حلب عزالدين الأصبحي إن التمرد اعتداء.")
    people = [a for a in doc._.actors if a.kind == "person"]
    assert [p.label_ar for p in people] == ["عزالدين الأصبحي"]
    assert people[0].office_ar == "وزير حقوق الإنسان في حلب"


def test_descriptive_actors_and_bare_labels(run) -> None:
    doc = run("وقتل في الهجوم عضوا بالبرلمان وحارسه الشخصي، وقال المحققين الأمميين إن القصف متعمد.")
    kinds = {a.label_ar: a.kind for a in doc._.actors}
    assert kinds == {
        "عضوا بالبرلمان": "person",
        "حارسه الشخصي": "person",
        "المحققين الأمميين": "international",
    }


def test_centre_of_a_region_is_a_region_but_a_city_centre_is_the_city() -> None:
    nlp = blank_arabic()
    sinai = place("sinai", "سيناء", "region", "EGY", en="Sinai")
    doc = PlaceFinder([*PLACES, sinai], ACTORS)(nlp("وقع هجوم في وسط سيناء، وانفجرت سيارة في وسط حلب."))
    assert [p.label_ar for p in doc._.places] == ["وسط سيناء", "حلب"]
    assert doc._.places[0].kind == "region"


def test_outlet_noun_before_a_verb_or_adjective_names_no_outlet(run) -> None:
    assert run("وتوقفت 14 قناة لجأت معظمها إلى الخارج، و13 إذاعة مجتمعية.")._.actors == []
    doc = run("وذكرت قناة سكاي نيوز أن القتلى عشرة.")
    assert [a.kind for a in doc._.actors] == ["media"]


def test_place_after_an_office_is_a_place_after_a_rank_a_name(run) -> None:
    doc = run("وقال محافظ حلب محمد مروان علبي إن المدينة آمنة، وقال العقيد إدلب إن الهجوم فشل.")
    assert [p.label_ar for p in doc._.places] == ["حلب"]
    assert by_label(doc._.actors, "محمد مروان علبي").office_ar == "محافظ حلب"


def test_shared_alias_falls_back_to_a_country_the_places_name() -> None:
    nlp = blank_arabic()
    lby = actor("lby.as", "أنصار الشريعة في ليبيا", "armed_group", "LBY", ("أنصار الشريعة",))
    yem = actor("yem.aqap", "القاعدة في جزيرة العرب", "armed_group", "YEM", ("أنصار الشريعة",))
    benghazi = place("benghazi", "بنغازي", "city", "LBY", en="Benghazi")
    lex = [*ACTORS, lby, yem]
    text = "هاجمت أنصار الشريعة مواقع في بنغازي وحلب."
    doc = ActorFinder(lex)(PlaceFinder([*PLACES, benghazi], lex)(nlp(text)))
    assert [a.lexicon_id for a in doc._.actors] == ["lby.as"]


def test_plural_nouns_quantifiers_and_bodies_name_no_person(run) -> None:
    for text in (
        "وقال رئيس جميع منافسات الدوري إن الموسم انتهى.",
        "واستقبل أمير المنطقة صاحب السمو وفدا.",
        "وقال رئيس ديوان المظالم إن القضايا كثيرة.",
        "وأكد المدرب فهد فعاليات الموسم.",
    ):
        people = [a.label_ar for a in run(text)._.actors if a.kind == "person"]
        assert people == [], (text, people)


def test_office_and_trade_heads_with_an_everyday_word_are_no_place(run) -> None:
    doc = run("وقالت مديرية الصحة إن سوق العمل تحسن، وزار الوزير مقر النادي.")
    assert doc._.places == []
    doc = run("وقصف الطيران مقر الكتيبة ودوار الزراعة.")
    assert [p.label_ar for p in doc._.places] == ["مقر الكتيبة", "دوار الزراعة"]


def test_full_name_after_a_title_joins_the_known_person() -> None:
    nlp = blank_arabic()
    bahah = actor("per.bahah", "خالد بحاح", "person", "YEM")
    lex = [*ACTORS, bahah]
    text = "وصل رئيس الوزراء خالد محفوظ بحاح إلى حلب، وقال خالد بحاح إن الوضع مستقر."
    doc = ActorFinder(lex)(PlaceFinder(PLACES, lex)(nlp(text)))
    people = [a for a in doc._.actors if a.kind == "person"]
    got = [(p.lexicon_id, len(p.mentions), p.office_ar) for p in people]
    assert got == [("per.bahah", 2, "رئيس الوزراء")]


def test_list_after_a_plural_cue_stops_at_an_anaphor_and_a_verb(run) -> None:
    doc = run("وطردت المقاومة المسلحين من كل قرى المديرية والتحمت بالمقاومة في حلب.")
    assert [p.label_ar for p in doc._.places] == ["حلب"]
    doc = run("وتعرضت قرى سهرة والحيمة لقصف مدفعي.")
    assert [p.label_ar for p in doc._.places] == ["سهرة", "الحيمة"]


def test_honorific_then_office_then_name(run) -> None:
    doc = run("وأكد الشيخ رئيس المجلس التنسيقي للمقاومة بحلب، حمود المخلافي، أن المقاومة لن تتراجع.")
    person = by_label(doc._.actors, "حمود المخلافي")
    assert person.office_ar == "رئيس المجلس التنسيقي للمقاومة بحلب"


def test_quoted_name_after_bare_li_is_the_outlet_spoken_to() -> None:
    nlp = blank_arabic()
    paper = actor("media.riyadh", "صحيفة الرياض", "media", "SAU")
    riyadh = place("riyadh", "الرياض", "city", "SAU", en="Riyadh")
    lex = [*ACTORS, paper]
    finder = ActorFinder(lex)
    places = PlaceFinder([*PLACES, riyadh], lex)
    doc = finder(places(nlp('كشف هذا لـ"الرياض" مصدر مطلع، وقتل عناصر موالون لـ«داعش» في حلب.')))
    assert [p.label_ar for p in doc._.places] == ["حلب"]
    assert {a.lexicon_id for a in doc._.actors} >= {"media.riyadh", "isis"}


def test_area_and_city_heads_with_an_everyday_word_in_sport_and_business(run) -> None:
    assert run("وسدد اللاعب من خارج منطقة الجزاء في مدينة الألعاب، وتأثرت منطقة اليورو.")._.places == []
    doc = run("وسيطرت القوات على منطقة الزور ومدينة الصمود.")
    assert [p.label_ar for p in doc._.places] == ["الزور", "الصمود"]


def test_country_fronted_after_inna_before_an_attack_verb_acts() -> None:
    nlp = blank_arabic()
    isr = place("isr", "إسرائيل", "country", "ISR", en="Israel")
    places = PlaceFinder([*PLACES, isr], ACTORS)
    doc = ActorFinder(ACTORS)(places(nlp("وقال المتحدث إن إسرائيل قصفت مواقع في حلب.")))
    assert [(a.kind, a.country) for a in doc._.actors] == [("state_force", "ISR")]
    doc = ActorFinder(ACTORS)(places(nlp("وقال المتحدث إن إسرائيل جميلة.")))
    assert doc._.actors == []


def test_office_body_ends_at_a_second_office(run) -> None:
    doc = run("وقال النائب الثاني لرئيس مجلس الوزراء وزير الداخلية محمد الحربي إن الأمن مستتب.")
    bodies = [a.label_ar for a in doc._.actors if a.kind == "political"]
    assert bodies == ["مجلس الوزراء"]
