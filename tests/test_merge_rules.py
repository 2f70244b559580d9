"""The cross-article matching rules one at a time, on small hand-made records.

Each test builds two (or three) articles' records by hand and checks what the merger makes of
them, so a rule that stops working, or starts firing where it must not, fails here by name.
"""

from __future__ import annotations

from rdflib import RDF

from kg.graph.match import judge
from kg.graph.merge import build_merged_graph, merge_state_of
from kg.graph.report_features import report_features
from kg.vocab import terms as T
from kg.vocab.record import Actor, Event, EventActor, ExtractionRecord, Mention, Place

BASE = T.DEFAULT_BASE


def ev(aid: str) -> str:
    return f"{BASE}event/{aid}/e1"


def rec(
    aid: str,
    places: list[Place],
    *,
    at: list[str] | None = None,
    type: str = "explosion",
    date: str | None = "2018-06-17",
    date_text: str | None = None,
    published: str = "2018-06-17",
    fatalities: int | None = None,
    actors: list[Actor] = (),  # type: ignore[assignment]
) -> ExtractionRecord:
    """One article with one event at `at` (default: every place given)."""
    e = Event(
        "e1",
        type,
        Mention("انفجار", 0, 6),
        locations=at if at is not None else [p.id for p in places],
        date=date,
        date_text=date_text,
        date_precision="day" if date else "unknown",
        fatalities=fatalities,
        actors=[EventActor(a.id, "attacker") for a in actors],
    )
    return ExtractionRecord(aid, actors=list(actors), locations=places, events=[e],
                            meta={"published": published, "outlet": aid})  # fmt: skip


def merged(*records: ExtractionRecord) -> bool:
    """Whether the first two records' events became one event."""
    state = merge_state_of(list(records))
    return state.cluster_of[ev(records[0].article_id)] == state.cluster_of[ev(records[1].article_id)]


def verdict(a: ExtractionRecord, b: ExtractionRecord):
    fa, fb = report_features(a, BASE)[0], report_features(b, BASE)[0]
    return judge(fa, fb)


def jalalabad() -> Place:
    return Place("p1", "جلال آباد", kind="city", country="AFG", lexicon_id="gn:1139715")


def afghanistan() -> Place:
    return Place("c1", "أفغانستان", kind="country", country="AFG", lexicon_id="afg")


def village(pid: str, name: str, lat: float, lon: float, country: str = "SYR") -> Place:
    return Place(pid, name, kind="village", country=country, lat=lat, lon=lon, within="d1")


def district() -> Place:
    return Place("d1", "منطقة الباب", kind="district", country="SYR")


IS = Actor("x1", "تنظيم الدولة", "Islamic State", "armed_group", lexicon_id="isis")


# --- dates ------------------------------------------------------------------------------------


def test_an_undated_report_meets_a_dated_one_in_its_articles_last_days_on_corroboration() -> None:
    dated = rec("a", [jalalabad()], fatalities=12)
    undated = rec("b", [jalalabad()], date=None, published="2018-06-18", fatalities=14)
    assert merged(dated, undated)  # tolls within reason corroborate
    bare = rec("b", [jalalabad()], date=None, published="2018-06-18")
    assert not merged(dated, bare)  # a city, no toll, no actor: not enough
    assert verdict(dated, bare).reason == "undated_without_corroboration"
    late = rec("b", [jalalabad()], date=None, published="2018-06-23", fatalities=14)
    assert not merged(dated, late)  # published a week later: outside its window


def test_the_merge_evidence_records_the_precision_the_dates_agreed_at() -> None:
    dated = rec("a", [jalalabad()], fatalities=12)
    undated = rec("b", [jalalabad()], date=None, published="2018-06-18", fatalities=12)
    graph, _ = build_merged_graph([dated, undated])
    evidence = list(graph.subjects(RDF.type, T.MergeEvidence))
    assert len(evidence) == 1
    assert graph.value(evidence[0], T.datePrecision) == T.DATE_PRECISION_CONCEPT["unknown"]
    assert "publication_window" in {str(o) for o in graph.objects(evidence[0], T.matchedFeature)}
    same_day = build_merged_graph([dated, rec("b", [jalalabad()], fatalities=12)])[0]
    ev2 = next(iter(same_day.subjects(RDF.type, T.MergeEvidence)))
    assert same_day.value(ev2, T.datePrecision) == T.DATE_PRECISION_CONCEPT["day"]


def test_an_undated_report_of_the_same_type_at_one_village_needs_nothing_more() -> None:
    d = district()
    dated = rec("a", [d, village("v1", "تادف", 36.35, 37.53)], at=["v1"])
    undated = rec("b", [d, village("v1", "تادف", 36.35, 37.53)], at=["v1"], date=None, published="2018-06-18")
    assert merged(dated, undated)
    other_type = rec("b", [d, village("v1", "تادف", 36.35, 37.53)], at=["v1"], type="shelling", date=None,
                     published="2018-06-18")  # fmt: skip
    assert not merged(dated, other_type)


def test_a_night_meets_the_next_day_but_two_plain_days_are_two_incidents() -> None:
    night = rec("a", [jalalabad()], date="2018-06-16", date_text="ليل السبت", fatalities=5)
    sunday = rec("b", [jalalabad()], date="2018-06-17", date_text="الأحد", fatalities=5)
    saturday = rec("a", [jalalabad()], date="2018-06-16", date_text="السبت", fatalities=5)
    dawn = rec("b", [jalalabad()], date="2018-06-17", date_text="فجر الأحد", fatalities=5)
    assert merged(night, sunday)
    assert merged(saturday, dawn)  # the small hours may be the night before
    assert not merged(saturday, sunday)
    assert not merged(night, rec("b", [jalalabad()], date="2018-06-17", date_text="ليل الأحد", fatalities=5))
    # across midnight only for one type: a riot one night and a protest the next day are two
    riot = rec("a", [jalalabad()], type="riot", date="2018-06-16", date_text="ليل السبت")
    assert not merged(riot, rec("b", [jalalabad()], type="protest", date="2018-06-17"))


# --- places -----------------------------------------------------------------------------------


def test_two_villages_far_apart_in_one_district_are_two_incidents() -> None:
    d = district()
    near_a = rec("a", [d, village("v1", "تادف", 36.350, 37.530)], at=["v1", "d1"])
    far_b = rec("b", [d, village("v2", "قباسين", 36.350, 37.780)], at=["v2", "d1"])  # ~22 km east
    near_b = rec("b", [d, village("v2", "قباسين", 36.355, 37.535)], at=["v2", "d1"])  # ~0.7 km
    assert verdict(near_a, far_b).reason == "far_places"
    assert not merged(near_a, far_b)
    assert verdict(near_a, near_b).reason != "far_places"


def test_a_place_named_in_passing_does_not_split_an_incident() -> None:
    """One report puts a far town first, but names the other report's town too."""
    d = district()
    a = rec("a", [d, village("v1", "تادف", 36.350, 37.530)], at=["v1"])
    both = rec("b", [d, village("v2", "قباسين", 36.350, 37.780), village("v1", "تادف", 36.350, 37.530)],
               at=["v2", "v1"])  # fmt: skip
    assert merged(a, both)


def test_two_towns_either_side_of_a_border_are_two_incidents() -> None:
    a = rec("a", [Place("p1", "رفح", kind="town", country="PSE", lat=31.287, lon=34.250)])
    b = rec("b", [Place("p1", "رفح", kind="town", country="EGY", lat=31.280, lon=34.235)])  # ~1.6 km
    assert verdict(a, b).reason == "across_border"
    assert not merged(a, b)


def test_a_village_spelt_two_ways_in_one_district_is_one_place() -> None:
    d = district()
    a = rec("a", [d, village("v1", "الحميدية", 36.40, 37.60)], at=["v1"])
    b = rec("b", [d, village("v1", "الحميديه", 36.40, 37.60)], at=["v1"])  # folded alike
    c = rec("b", [d, village("v1", "بلدة الحمدية", 36.401, 37.601)], at=["v1"])  # unit word, a letter off
    assert merged(a, b)
    assert merged(a, c)
    assert "place_variant" in verdict(a, c).features
    manbij = Place("d1", "منطقة منبج", kind="district", country="SYR")
    spelt = Place("v1", "الحمدية", kind="village", country="SYR", within="d1")
    elsewhere = rec("b", [manbij, spelt], at=["v1"])
    assert not merged(a, elsewhere)  # the same spelling in another district, no point: not one place


def test_a_country_only_report_meets_a_report_in_that_country_only_on_strong_agreement() -> None:
    city = rec("a", [jalalabad()], fatalities=18)
    country = rec("b", [afghanistan()], fatalities=14)
    assert merged(city, country)
    assert "same_country" in verdict(city, country).features
    assert not merged(city, rec("b", [afghanistan()], fatalities=60))  # tolls far apart
    assert not merged(city, rec("b", [afghanistan()]))  # no toll, no actor
    assert not merged(city, rec("b", [afghanistan()], fatalities=14, type="shelling"))  # only the family
    assert not merged(city, rec("b", [afghanistan()], fatalities=14, date=None, published="2018-06-17"))
    assert not merged(city, rec("b", [afghanistan()], fatalities=14, date="2018-06-16"))
    with_actor = rec("b", [afghanistan()], actors=[IS])
    assert merged(rec("a", [jalalabad()], actors=[IS]), with_actor)
    other = rec("b", [Place("c1", "باكستان", kind="country", country="PAK", lexicon_id="pak")], fatalities=14)
    assert not merged(city, other)


def test_violence_against_civilians_meets_the_strike_that_killed_them() -> None:
    strike = rec("a", [jalalabad()], type="shelling", fatalities=7)
    killing = rec("b", [jalalabad()], type="violence_against_civilians", fatalities=7)
    assert merged(strike, killing)
    clash = rec("b", [jalalabad()], type="battle", fatalities=7)
    assert not merged(strike, clash)  # a shelling and a clash stay two types of incident


def test_blocking_finds_the_new_kinds_of_pair() -> None:
    """Country-only, spelling-variant and undated pairs are all found by the index, not only
    by brute force (the matcher never sees a pair blocking does not propose)."""
    from kg.graph.blocking import BlockIndex
    from kg.graph.match import load_rules

    d = district()
    pairs = [
        (rec("a", [jalalabad()], fatalities=18), rec("b", [afghanistan()], fatalities=14)),
        (rec("a", [d, village("v1", "الحميدية", 36.40, 37.60)], at=["v1"]),
         rec("b", [d, village("v1", "بلدة الحمدية", 36.401, 37.601)], at=["v1"])),
        (rec("a", [jalalabad()], fatalities=12), rec("b", [jalalabad()], date=None, published="2018-06-18",
                                                      fatalities=14)),
    ]  # fmt: skip
    rules = load_rules()
    for a, b in pairs:
        fa, fb = report_features(a, BASE)[0], report_features(b, BASE)[0]
        assert judge(fa, fb, rules).reason is None
        index = BlockIndex(rules)
        index.add(fb)
        assert fb.key in index.candidates(fa)
        index = BlockIndex(rules)
        index.add(fa)
        assert fa.key in index.candidates(fb)


def test_an_unnamed_attacker_is_not_a_different_attacker() -> None:
    """«انتحاري» (a suicide bomber) is local to its article; it never disagrees with a group."""
    bomber = Actor("x2", "انتحاري", kind="person")
    taliban = Actor("x3", "طالبان", "Taliban", "armed_group", lexicon_id="taliban")
    a = rec("a", [jalalabad()], actors=[bomber], fatalities=18)
    b = rec("b", [afghanistan()], actors=[IS], fatalities=14)
    assert "disjoint_attackers" not in verdict(a, b).features
    assert merged(a, b)
    named = rec("a", [jalalabad()], actors=[taliban], fatalities=18)
    assert "disjoint_attackers" in verdict(named, b).features
    assert not merged(named, b)


def test_one_name_with_nothing_to_tell_two_places_apart_is_one_place() -> None:
    """The extractor guesses the country of a place it cannot find from the rest of the article."""
    a = rec("a", [Place("p1", "كويتا", kind="city", country="YEM")], fatalities=29)
    b = rec("b", [Place("p1", "كويتا", kind="city", country="PAK")], fatalities=31)
    assert "place_variant" in verdict(a, b).features
    assert merged(a, b)
    placed = rec("b", [Place("d1", "ولاية بلوشستان", kind="district", country="PAK"),
                       Place("p1", "كويتا", kind="city", country="PAK", within="d1")], at=["p1"])  # fmt: skip
    assert not merged(a, placed)  # one of them stated where it lies: a same-named other place


def test_two_undated_reports_of_one_city_merge_when_their_articles_are_of_one_day() -> None:
    """News of the same day about an undated bombing in one city tell one bombing; a report a
    day later may be about the next one."""
    a = rec("a", [jalalabad()], date=None, published="2018-06-17")
    b = rec("b", [jalalabad()], date=None, published="2018-06-17")
    assert merged(a, b)
    later = rec("b", [jalalabad()], date=None, published="2018-06-18")
    assert verdict(a, later).reason == "undated_without_corroboration"
    assert not merged(a, rec("b", [jalalabad()], type="shelling", date=None, published="2018-06-17"))
    assert merged(a, rec("b", [jalalabad()], date="2018-06-17", published="2018-06-17"))  # that day
    assert not merged(a, rec("b", [jalalabad()], date="2018-06-16", published="2018-06-17"))  # yesterday


# --- one incident told in pieces, and a name shared by a city and its region ------------------


def pieces_rec(aid: str, types: tuple[str, ...], places: list[Place]) -> ExtractionRecord:
    """One article telling one incident as several events (e1, e2, ...) at all its places."""
    at = [p.id for p in places]
    events = [
        Event(
            f"e{i}",
            t,
            Mention("هجوم", 10 * i, 10 * i + 4),
            locations=at,
            date="2018-05-13",
            date_precision="day",
        )
        for i, t in enumerate(types, 1)
    ]
    meta = {"published": "2018-05-13", "outlet": aid}
    return ExtractionRecord(aid, locations=places, events=events, meta=meta)


def test_an_incident_told_in_two_pieces_is_one_event_with_the_other_outlets_report() -> None:
    """The extractor told one assault as an explosion and the killing of civilians; another
    outlet told it once. All three reports are one event, not one piece and the other outlet."""
    two = pieces_rec("a", ("explosion", "violence_against_civilians"), [jalalabad()])
    one = pieces_rec("b", ("explosion",), [jalalabad()])
    state = merge_state_of([two, one])
    keys = [f"{BASE}event/a/e1", f"{BASE}event/a/e2", f"{BASE}event/b/e1"]
    assert len({state.cluster_of[k] for k in keys}) == 1
    # alone, an article's pieces stay as the extractor told them
    alone = merge_state_of([two])
    assert alone.cluster_of[keys[0]] != alone.cluster_of[keys[1]]


def test_pieces_of_one_article_that_cannot_be_one_incident_stay_apart() -> None:
    """An explosion and a clash are of no common family: the killing of civilians another outlet
    tells may match both, but it joins only one of them."""
    two = pieces_rec("a", ("explosion", "battle"), [jalalabad()])
    one = pieces_rec("b", ("violence_against_civilians",), [jalalabad()])
    state = merge_state_of([two, one])
    assert state.cluster_of[f"{BASE}event/a/e1"] != state.cluster_of[f"{BASE}event/a/e2"]
    assert state.cluster_of[f"{BASE}event/b/e1"] in {state.cluster_of[f"{BASE}event/a/e{i}"] for i in (1, 2)}


def test_a_city_named_as_the_region_holding_the_other_place_does_not_join_two_places() -> None:
    """«قصف شرق خان يونس جنوب قطاع غزة», its «غزة» read as Gaza city, is no report of the city:
    a shelling east of Gaza city the same day, 24 km off, is another incident."""
    khan_younis = Place("p1", "خان يونس", kind="city", country="PSE", lexicon_id="gn:281124")
    gaza = Place("p2", "غزة", kind="city", country="PSE", lexicon_id="gn:281133")
    south = rec("a", [khan_younis, gaza], type="shelling", fatalities=3)
    city = rec("b", [Place("p1", "غزة", kind="city", country="PSE", lexicon_id="gn:281133")], type="shelling")
    assert verdict(south, city).reason == "far_places"
    assert not merged(south, city)
    # a town the Strip does not hold, named beside it, still ties the two reports
    jabalia = Place("p1", "بيت لاهيا", kind="town", country="PSE", lat=31.55, lon=34.50)
    north = rec("a", [jabalia, khan_younis], at=["p1", "p2"], type="shelling")
    assert verdict(north, rec("b", [khan_younis], type="shelling")).reason != "far_places"
