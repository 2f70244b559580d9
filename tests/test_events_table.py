"""events.csv in ACLED's conventions: dates that parse and never follow the report, consistent
country names and codes, interaction codes, fatalities 0, source scale, and the typed DataFrame."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import kg
from kg.export.table import COLUMNS, source_scale, write_events_csv
from kg.extract import Extractor
from kg.graph.build import build_graph
from kg.vocab.record import Actor, Article, Event, EventActor, ExtractionRecord, Mention, Place

TEXT = "قصفت القوات الحكومية بلدة سراقب في ريف إدلب"


def record(dates: list[str | None], published: str | None = "2016-02-03", **kw) -> ExtractionRecord:
    events = [
        Event(f"e{i}", "shelling", Mention("قصفت", 0, 4), actors=[EventActor("a1", "attacker")],
              locations=["p1"], date=d, date_precision="day" if d and len(d) == 10 else "unknown")
        for i, d in enumerate(dates, 1)
    ]  # fmt: skip
    return ExtractionRecord(
        article_id=kw.get("aid", "table-test"),
        meta={"published": published, "outlet": kw.get("outlet", "BBC Arabic")},
        actors=[
            Actor(
                "a1",
                "القوات الحكومية",
                label_en="Syrian government forces",
                kind="state_force",
                country="SYR",
            )
        ],
        locations=[Place("p1", "سراقب", label_en="Saraqib", kind="town", country="SYR", lat=35.86, lon=36.8)],
        events=events,
        text=TEXT,
    )


def rows(tmp_path: Path, recs: list[ExtractionRecord]) -> list[dict[str, str]]:
    path = tmp_path / "events.csv"
    write_events_csv(build_graph(recs), path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def by_date(out: list[dict[str, str]]) -> dict[str, tuple[str, str, str]]:
    return {r["event_iri"].rsplit("/", 1)[-1]: (r["event_date"], r["time_precision"], r["year"]) for r in out}


def test_dates_follow_acleds_conventions_and_never_pass_the_report(tmp_path) -> None:
    dates = ["2016-02-01", None, "2050-01-01", "2016-01", "2016-02", "2016", "2014", "2016-02-09"]
    got = by_date(rows(tmp_path, [record(dates)]))
    assert got == {
        "e1": ("2016-02-01", "1", "2016"),  # a day, as told
        "e2": ("2016-02-03", "2", "2016"),  # undated: the report's week
        "e3": ("2016-02-03", "2", "2016"),  # after the report: a misread date, the report's week
        "e4": ("2016-01-15", "3", "2016"),  # a month: its middle
        "e5": ("2016-02-03", "3", "2016"),  # the report's own month: not after the report
        "e6": ("2016-02-03", "3", "2016"),  # the report's year
        "e7": ("", "", "2014"),  # an earlier year alone: history, no date
        "e8": ("2016-02-03", "2", "2016"),  # a day after the report
    }


def test_every_date_parses_as_iso_8601_and_undated_reports_stay_undated(tmp_path) -> None:
    out = rows(
        tmp_path, [record(["2016-02-01", None, "2016-01"]), record([None, "2015-07"], None, aid="nodate")]
    )
    dates = pd.to_datetime(pd.Series([r["event_date"] or None for r in out]), format="ISO8601")
    assert dates.notna().sum() == 4  # the article without a publication date keeps its undated event so
    assert all(r["time_precision"] in {"1", "2", "3"} for r in out if r["event_date"])


def test_country_and_iso_always_agree(tmp_path) -> None:
    rec = record(["2016-02-01"])
    rec.locations[0].country = "PSE"
    rec.locations[0].label_en = "Khan Yunis"
    (row,) = rows(tmp_path, [rec])
    assert (row["iso"], row["country"], row["region"]) == ("PSE", "Palestine", "Middle East")
    assert row["event_id_cnty"].startswith("PSE")


def test_interaction_and_fatalities(tmp_path) -> None:
    rec = record(["2016-02-01"])
    (row,) = rows(tmp_path, [rec])
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "", "10")  # state forces alone
    assert row["fatalities"] == "0"
    rec.actors.append(Actor("a2", "مدنيين", label_en="civilians", kind="civilians", country="SYR"))
    rec.events[0].actors.append(EventActor("a2", "victim"))
    rec.events[0].fatalities = 4
    (row,) = rows(tmp_path, [rec])
    assert (row["interaction"], row["fatalities"]) == ("17", "4")


@pytest.mark.parametrize(
    ("sources", "iso", "scale"),
    [
        ("BBC Arabic", "SYR", "International"),
        ("Sky News Arabia", "SYR", "Regional"),
        ("alriyadh", "SAU", "National"),
        ("alriyadh", "YEM", "Regional"),
        ("alriyadh", "FRA", "International"),
        ("alriyadh; BBC Arabic", "SAU", "National-International"),
        ("an unknown outlet", "SYR", "Other"),
    ],
)
def test_source_scale(sources: str, iso: str, scale: str) -> None:
    assert source_scale(sources, iso) == scale


def test_read_events_gives_typed_columns(tmp_path) -> None:
    rows(tmp_path, [record(["2016-02-01", None, "2014"])])
    df = kg.read_events(tmp_path / "events.csv")
    assert list(df.columns) == list(COLUMNS)
    assert str(df["event_date"].dtype).startswith("datetime64")
    assert df["event_date"].isna().sum() == 1
    assert str(df["fatalities"].dtype) == "Int64" and df["fatalities"].tolist() == [0, 0, 0]
    assert str(df["latitude"].dtype) == "Float64"
    assert df["source_articles"].tolist() == [["table-test"]] * 3
    assert set(df["iso"]) == {"SYR"}


def test_read_events_names_the_file_it_cannot_use(tmp_path) -> None:
    bad = tmp_path / "not-events.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not-events\.csv"):
        kg.read_events(bad)


def _place_record(places: list[Place], aid: str = "hier-test") -> ExtractionRecord:
    return ExtractionRecord(
        article_id=aid,
        meta={"published": "2018-02-05"},
        actors=[],
        locations=places,
        events=[Event("e1", "shelling", Mention("قصفت", 0, 4), locations=[places[0].id])],
        text=TEXT,
    )


SARAQIB = {"label_ar": "سراقب", "label_en": "Saraqib", "kind": "town", "country": "SYR",
           "lexicon_id": "gn:164816"}  # fmt: skip


def test_admin1_comes_from_the_gazetteer_when_the_text_names_only_the_town(tmp_path) -> None:
    (row,) = rows(tmp_path, [_place_record([Place("p1", **SARAQIB)])])
    got = (row["location"], row["admin1"], row["country"], row["iso"])
    assert got == ("Saraqib", "Idlib", "Syria", "SYR")


def test_the_gazetteer_fills_the_levels_between_a_town_and_the_country_the_text_names(tmp_path) -> None:
    syria = Place("p2", "سوريا", label_en="Syria", kind="country", country="SYR", lexicon_id="syr")
    (row,) = rows(tmp_path, [_place_record([Place("p1", **SARAQIB, within="p2"), syria])])
    assert (row["admin1"], row["country"]) == ("Idlib", "Syria")


def test_a_container_the_text_states_wins_over_the_gazetteer_and_no_cycle_is_made(tmp_path) -> None:
    # the text (wrongly or not) puts the governorate inside the town: the gazetteer's link from
    # the town up to the governorate would close a loop, so it is not added
    gov = Place("p2", "محافظة إدلب", label_en="Idlib Governorate", kind="admin1", country="SYR",
                lexicon_id="syr.idlib", within="p1")  # fmt: skip
    graph = build_graph([_place_record([Place("p1", **SARAQIB), gov])])
    cycle = graph.query(
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> ASK { ?p ckg:within+ ?p }"
    ).askAnswer
    assert cycle is False


def test_a_containment_the_gazetteer_contradicts_is_dropped(tmp_path) -> None:
    # «غزة» read as within the West Bank because the text named both together
    gaza = Place("p1", "غزة", label_en="Gaza", kind="city", country="PSE", lexicon_id="gn:281133",
                 within="p2")  # fmt: skip
    west_bank = Place("p2", "الضفة الغربية", label_en="West Bank", kind="admin1", country="PSE",
                      lexicon_id="pse.west_bank")  # fmt: skip
    (row,) = rows(tmp_path, [_place_record([gaza, west_bank])])
    assert (row["location"], row["admin1"]) == ("Gaza", "Gaza Strip")


def test_a_known_city_is_never_put_inside_a_place_of_another_country(tmp_path) -> None:
    # in a 2,000-article build London had been filed under Khanfir (Abyan, Yemen) by one article
    # and under a Saudi quarter by another, and events.csv gave it either at random
    london = Place("p1", "لندن", label_en="London", kind="city", country="GBR", lexicon_id="gn:2643743",
                   within="p2")  # fmt: skip
    khanfir = Place("p2", "خنفر", label_en="Khanfir", kind="district", country="YEM",
                    lexicon_id="yem.abyan.khanfir")  # fmt: skip
    quarter = Place("p3", "السعودية الجديدة", kind="neighbourhood", country="SAU")
    london2 = Place("p1", "لندن", label_en="London", kind="city", country="GBR", lexicon_id="gn:2643743",
                    within="p3")  # fmt: skip
    for places in ([london, khanfir], [london2, quarter]):
        (row,) = rows(tmp_path, [_place_record(places)])
        assert (row["location"], row["admin1"], row["admin2"], row["iso"]) == (
            "London", "England", "Greater London", "GBR"), row


@pytest.mark.parametrize(
    ("lexicon_id", "label", "admin1", "iso"),
    [("gn:2988507", "Paris", "Ile-de-France", "FRA"), ("gn:323786", "Ankara", "Ankara", "TUR"),
     ("gn:98182", "Baghdad", "Baghdad", "IRQ")],
)  # fmt: skip
def test_admin1_is_filled_beyond_the_core_theatres(tmp_path, lexicon_id, label, admin1, iso) -> None:
    place = Place("p1", label, label_en=label, kind="city", country=iso, lexicon_id=lexicon_id)
    (row,) = rows(tmp_path, [_place_record([place])])
    assert (row["admin1"], row["iso"]) == (admin1, iso)


@pytest.mark.parametrize(
    ("lexicon_id", "label", "kind", "lat", "lon", "admin1", "admin2"),
    [
        ("gn:164816", "Saraqib", "town", None, None, "Idlib", "Idleb"),  # a district seat's anchor
        ("gn:174186", "Afrin", "town", None, None, "Aleppo", "Afrin"),
        ("gn:281129", "Jabalia", "city", None, None, "Gaza Strip", "North Gaza"),
        ("gn:69500", "Zabid", "town", None, None, "Al Hudaydah", "Zabid"),  # GeoNames' district
        ("gn:99072", "Mosul", "city", None, None, "Nineveh", "Mosul"),
        (None, "قرية ما", "village", 36.55, 36.85, None, "Afrin"),  # a point of its own, near Afrin
    ],
)  # fmt: skip
def test_admin2_is_the_district_of_the_nearest_anchor_in_the_governorate(
    tmp_path, lexicon_id, label, kind, lat, lon, admin1, admin2
) -> None:
    places = [Place("p1", label, label_en=label, kind=kind, country="SYR", lat=lat, lon=lon,
                    lexicon_id=lexicon_id)]  # fmt: skip
    if lexicon_id is None:  # a village the gazetteer lacks, told within Aleppo governorate
        places[0].within = "p2"
        places.append(Place("p2", "محافظة حلب", label_en="Aleppo Governorate", kind="admin1", country="SYR",
                            lexicon_id="syr.aleppo"))  # fmt: skip
    (row,) = rows(tmp_path, [_place_record(places)])
    assert row["admin2"] == admin2
    if admin1:
        assert row["admin1"] == admin1


def test_a_governorate_row_is_coded_at_its_seat_as_acled_does(tmp_path) -> None:
    # the graph keeps the governorate (its own point says nothing of a district); events.csv
    # codes the event at the governorate's namesake capital with geo_precision 3
    gov = Place("p1", "محافظة إدلب", label_en="Idlib Governorate", kind="admin1", country="SYR",
                lexicon_id="syr.idlib")  # fmt: skip
    (row,) = rows(tmp_path, [_place_record([gov])])
    assert (row["admin1"], row["admin2"], row["location"], row["geo_precision"]) == (
        "Idlib", "Idleb", "Idlib", "3")
    graph = build_graph([_place_record([gov])])
    district = graph.query(
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
        "ASK { ?p ckg:within ?d . ?d ckg:placeKind ?k FILTER(CONTAINS(STR(?k), 'district')) }"
    ).askAnswer
    assert district is False


def test_a_governorate_not_named_after_a_town_keeps_its_row(tmp_path) -> None:
    # Nineveh's capital is Mosul: no namesake, so no guessed capital
    gov = Place("p1", "محافظة نينوى", label_en="Nineveh Governorate", kind="admin1", country="IRQ",
                lexicon_id="irq.nineveh")  # fmt: skip
    (row,) = rows(tmp_path, [_place_record([gov])])
    assert (row["admin2"], row["location"]) == ("", "Nineveh Governorate")


def test_a_village_the_gazetteer_lacks_takes_the_governorate_of_the_town_told_with_it(tmp_path) -> None:
    village = Place("p1", "هبهب", kind="village", country="IRQ")
    town = Place("p2", "بعقوبة", label_en="Baqubah", kind="city", country="IRQ", lexicon_id="gn:97990")
    record = _place_record([village, town])
    record.events[0].locations = ["p1", "p2"]
    (row,) = rows(tmp_path, [record])
    assert (row["location"], row["admin1"]) == ("هبهب", "Diyala")


def test_an_event_told_without_a_place_takes_its_reports_country_when_there_is_one(tmp_path) -> None:
    rec = record(["2016-02-01", "2016-02-01"])
    rec.events[1].locations = []
    got = {r["event_iri"].rsplit("/", 1)[-1]: r for r in rows(tmp_path, [rec])}
    assert (got["e2"]["iso"], got["e2"]["country"], got["e2"]["geo_precision"]) == ("SYR", "Syria", "3")
    assert got["e2"]["event_id_cnty"].startswith("SYR") and got["e2"]["location"] == ""
    mosul = Place("p2", "الموصل", label_en="Mosul", kind="city", country="IRQ", lexicon_id="gn:99072")
    rec.locations.append(mosul)
    rec.events.append(Event("e3", "shelling", Mention("قصفت", 0, 4), locations=["p2"]))
    got = {r["event_iri"].rsplit("/", 1)[-1]: r for r in rows(tmp_path, [rec])}
    assert got["e2"]["iso"] == ""  # two countries in the report: no guess


def test_confidence_is_the_surest_reports_and_read_as_a_float(tmp_path) -> None:
    from kg.graph.merge import build_merged_graph

    a, b = record(["2016-02-01"], aid="one"), record(["2016-02-01"], aid="two", outlet="France 24")
    a.events[0].confidence, b.events[0].confidence = 0.3, 0.9  # one incident, two reports
    write_events_csv(build_merged_graph([a, b])[0], tmp_path / "events.csv")
    with (tmp_path / "events.csv").open(encoding="utf-8-sig", newline="") as f:
        out = list(csv.DictReader(f))
    assert len(out) == 1 and out[0]["n_sources"] == "2"
    assert float(out[0]["confidence"]) == 0.9
    df = kg.read_events(tmp_path / "events.csv")
    assert str(df["confidence"].dtype) == "Float64" and df["confidence"].tolist() == [0.9]


def test_the_learned_pipeline_records_its_eventness_probability() -> None:
    from kg.extract import Extractor
    from kg.vocab.record import Article

    text = "قتل مسلحون عشرة مدنيين في هجوم على سوق بمدينة الموصل أمس."
    learned = Extractor()(Article(id="c", text=text, published="2018-05-01")).events
    rules = Extractor({"pipeline": "rules"})(Article(id="c", text=text, published="2018-05-01")).events
    assert learned and rules
    assert all(e.confidence in (0.5, 0.8) for e in rules)
    assert all(0 < e.confidence < 1 and e.confidence not in (0.5, 0.8) for e in learned)


def test_a_country_level_row_is_located_at_the_country_it_names(tmp_path) -> None:
    rec = record(["2016-02-01"])
    rec.locations = [Place("p1", "فلسطين", label_en="Palestinian Territory", kind="country", country="PSE",
                           lexicon_id="pse")]  # fmt: skip
    (row,) = rows(tmp_path, [rec])
    assert (row["iso"], row["country"], row["location"]) == ("PSE", "Palestine", "Palestine")


@pytest.mark.parametrize(("iso", "admin1"), [("ISR", "Jerusalem"), ("PSE", "West Bank")])
def test_contested_jerusalem_takes_its_claimants_admin1_and_admin2(tmp_path, iso: str, admin1: str) -> None:
    rec = record(["2016-02-01"])
    rec.locations = [Place("p1", "القدس", label_en="Jerusalem", kind="city", country=iso,
                           lexicon_id="gn:281184", lat=31.77, lon=35.21)]  # fmt: skip
    (row,) = rows(tmp_path, [rec])
    # Israel's Jerusalem District and its one sub-district; the West Bank's Jerusalem governorate
    got = (row["iso"], row["admin1"], row["admin2"], row["location"])
    assert got == (iso, admin1, "Jerusalem", "Jerusalem")


def test_the_outlet_that_reports_an_incident_is_never_its_actor1(tmp_path: Path) -> None:
    from kg.export.table_rows import EVERY_ROW

    afp = Actor("a2", "وكالة الصحافة الفرنسية", label_en="Agence France-Presse", kind="media")
    rec = record(["2016-02-02", "2016-02-02"])
    rec.actors.append(afp)
    strike, said = rec.events
    strike.actors = [EventActor("a2", "source")]
    said.type, said.actors = "statement", [EventActor("a2", "source")]
    path = tmp_path / "events.csv"
    write_events_csv(build_graph([rec]), path, EVERY_ROW)
    with path.open(encoding="utf-8-sig", newline="") as f:
        actor1 = {r["event_iri"].rsplit("/", 1)[-1]: r["actor1"] for r in csv.DictReader(f)}
    assert actor1 == {"e1": "", "e2": "Agence France-Presse"}


def test_a_placeless_arrest_is_in_the_country_of_the_state_force_that_made_it(tmp_path) -> None:
    """«واعتقلت السلطات التركية عشرات الصحفيين»: no place, but authorities arrest at home, so
    ACLED would code Turkey (geo_precision 3). An air strike by the same forces may be abroad:
    it stays without a country."""
    text = "اعتقلت القوات التركية عشرات الصحفيين وقصفت الطائرات التركية مواقع"
    force = Actor("a1", "القوات التركية", label_en="Turkish Armed Forces", kind="state_force", country="TUR")
    rec = ExtractionRecord(
        article_id="home-test",
        meta={"published": "2018-03-01"},
        actors=[force],
        locations=[],
        events=[
            Event("e1", "arrest", Mention("اعتقلت", 0, 6), actors=[EventActor("a1", "attacker")]),
            Event("e2", "air_strike", Mention("قصفت", 38, 42), actors=[EventActor("a1", "attacker")]),
        ],
        text=text,
    )
    out = {r["event_iri"].rsplit("/", 1)[-1]: r for r in rows(tmp_path, [rec])}
    assert (out["e1"]["iso"], out["e1"]["country"], out["e1"]["geo_precision"]) == ("TUR", "Turkey", "3")
    assert out["e2"]["iso"] == ""


def test_the_row_is_at_the_incidents_own_place_not_one_the_sentence_names_for_something_else(
    tmp_path,
) -> None:
    """The 14 May killings at the Gaza border were coded at Jerusalem, the city the sentence's
    other clause names for the US embassy, because a city is finer than a strip: the row now
    takes the finest place on the chain of the report's main place (ckg:mainPlace)."""
    text = (
        "وقتلت القوات الإسرائيلية عشرات الفلسطينيين الذين شاركوا في احتجاجات على حدود قطاع غزة، "
        "في الوقت الذي افتتحت فيه الولايات المتحدة سفارتها لدى إسرائيل في القدس."
    )
    rec = Extractor()(Article(id="gaza-border", text=text, published="2018-05-15"))
    out = rows(tmp_path, [rec])
    assert out and {(r["location"], r["iso"]) for r in out} == {("Gaza Strip", "PSE")}, out
